package http

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"regexp"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Idempotency windows: a finished request replays for 24 h; a claim whose process died is
// taken over after 5 minutes.
const (
	idempotencyReplay = 24 * time.Hour
	idempotencyStale  = 5 * time.Minute
)

var idempotencyKeyRE = regexp.MustCompile(`^[A-Za-z0-9_\-:.]{1,255}$`)

// idempotent handles the Idempotency-Key header on POSTs: a repeat within 24 h replays the
// first response, a repeat while the first is in flight gets 409 request_in_progress, and a
// key reused for a different body is a 400. Keys are scoped per account, method and path.
func (s *Server) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if r.Method != http.MethodPost || key == "" {
			next.ServeHTTP(w, r)
			return
		}
		if !idempotencyKeyRE.MatchString(key) {
			s.writeError(w, r, videoagent.Invalid("Idempotency-Key", "Idempotency-Key must be 1-255 characters of A-Z a-z 0-9 _ - : ."))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBody))
		if err != nil {
			s.writeError(w, r, videoagent.Errorf(videoagent.ETOOLARGE, "Request body is larger than %d bytes.", maxJSONBody))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])
		acct, scope := account(r).ID, r.Method+" "+r.URL.Path
		done, inFlight, err := s.Store.BeginIdempotent(r.Context(), acct, scope, key, hash, idempotencyStale, idempotencyReplay)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if inFlight {
			s.writeError(w, r, videoagent.Errorf(videoagent.EINPROGRESS, "A request with this Idempotency-Key is still in progress; retry shortly."))
			return
		}
		if done != nil {
			w.Header().Set("Content-Type", done.ContentType)
			w.Header().Set("Idempotent-Replayed", "true")
			w.WriteHeader(done.Status)
			w.Write(done.Body)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		ctx := r.Context()
		if rec.status >= 500 || rec.status == http.StatusTooManyRequests || rec.status == http.StatusConflict {
			// A server fault, a limit or a conflict: a retry with the same key should run
			// again rather than replay this answer.
			if err := s.Store.AbortIdempotent(ctx, acct, scope, key); err != nil {
				s.log.Warn("release idempotency key", "err", err)
			}
			return
		}
		if err := s.Store.FinishIdempotent(ctx, acct, scope, key, videoagent.IdempotentResponse{
			Status: rec.status, ContentType: rec.Header().Get("Content-Type"), Body: rec.body.Bytes(),
		}); err != nil {
			s.log.Warn("store idempotent response", "err", err)
		}
	})
}

// recorder passes a response through while keeping a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}
