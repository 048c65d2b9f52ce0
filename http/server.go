// Package http serves the HeyGen-compatible v3 API: routing, auth, validation, the error
// envelope, pagination, and signed file downloads.
package http

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Enqueuer inserts a render job in the store transaction that creates its video.
type Enqueuer interface {
	EnqueueRender(ctx context.Context, tx videoagent.Tx, videoID string) error
}

// Server is the API server. Set the fields, then use Handler.
type Server struct {
	Store      videoagent.Store
	Queue      Enqueuer
	Blobs      videoagent.BlobStore
	Voices     videoagent.VoiceCatalog
	Presenters videoagent.Presenters
	// StyleExists reports whether a style id is known; nil accepts none but "".
	StyleExists func(id string) bool
	// PublicURL is the base of file URLs given to clients, e.g. "https://videos.example.com".
	PublicURL string
	// URLSecret signs file URLs; URLTTL is how long they stay valid.
	URLSecret []byte
	URLTTL    time.Duration
	Logger    *slog.Logger

	log *slog.Logger
}

// Handler returns the routed API.
func (s *Server) Handler() http.Handler {
	s.log = s.Logger
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.URLTTL == 0 {
		s.URLTTL = 24 * time.Hour
	}
	api := http.NewServeMux()
	api.HandleFunc("POST /v3/video-agents", s.createSession)
	api.HandleFunc("GET /v3/video-agents", s.listSessions)
	api.HandleFunc("GET /v3/video-agents/{session_id}", s.getSession)
	api.HandleFunc("GET /v3/video-agents/{session_id}/videos", s.listSessionVideos)
	api.HandleFunc("GET /v3/video-agents/{session_id}/resources/{resource_id}", s.getResource)
	api.HandleFunc("GET /v3/videos", s.listVideos)
	api.HandleFunc("GET /v3/videos/{video_id}", s.getVideo)
	api.HandleFunc("DELETE /v3/videos/{video_id}", s.deleteVideo)
	api.HandleFunc("/v3/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, videoagent.Errorf(videoagent.ENOTFOUND, "No such endpoint: %s %s.", r.Method, r.URL.Path))
	})

	root := http.NewServeMux()
	root.Handle("/v3/", s.authenticate(api))
	root.HandleFunc("GET /files/{key...}", s.serveFile)
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	root.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, videoagent.Errorf(videoagent.ENOTFOUND, "No such endpoint: %s %s.", r.Method, r.URL.Path))
	})
	return s.recoverer(methodNotAllowed(root, s))
}

// recoverer turns a panic in a handler into a logged 500 in the envelope, never a dropped
// connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic in handler", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.writeError(w, r, videoagent.Errorf(videoagent.EINTERNAL, "Internal error."))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// methodNotAllowed rewrites the mux's plain-text 405 into the envelope.
func methodNotAllowed(next http.Handler, s *Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&envelope405{ResponseWriter: w, r: r, s: s}, r)
	})
}

type envelope405 struct {
	http.ResponseWriter
	r       *http.Request
	s       *Server
	swallow bool
}

func (e *envelope405) WriteHeader(code int) {
	if code == http.StatusMethodNotAllowed && !strings.HasPrefix(e.Header().Get("Content-Type"), "application/json") {
		e.swallow = true
		e.Header().Del("Content-Type")
		e.Header().Del("X-Content-Type-Options")
		e.s.writeError(e.ResponseWriter, e.r, videoagent.Errorf(videoagent.EMETHODNOTALLOWED, "Method %s is not allowed on %s.", e.r.Method, e.r.URL.Path))
		return
	}
	e.ResponseWriter.WriteHeader(code)
}

func (e *envelope405) Write(b []byte) (int, error) {
	if e.swallow {
		return len(b), nil
	}
	return e.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (for Flush and deadlines).
func (e *envelope405) Unwrap() http.ResponseWriter { return e.ResponseWriter }
