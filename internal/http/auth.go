package http

import (
	"context"
	"net/http"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

type accountKey struct{}

// authenticate resolves the API key (X-Api-Key or Authorization: Bearer) to an account.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-Api-Key")
		if key == "" {
			if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
				key = strings.TrimSpace(h[7:])
			}
		}
		if key == "" {
			s.writeError(w, r, videoagent.Errorf(videoagent.EUNAUTHORIZED, "Missing API key: send it in the X-Api-Key header or as Authorization: Bearer."))
			return
		}
		acct, err := s.Store.AccountByAPIKey(r.Context(), key)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), accountKey{}, acct)))
	})
}

// account returns the authenticated account of a request.
func account(r *http.Request) *videoagent.Account {
	a, _ := r.Context().Value(accountKey{}).(*videoagent.Account)
	return a
}
