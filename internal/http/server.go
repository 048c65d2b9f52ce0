// Package http serves the HeyGen-compatible v3 API: routing, auth, validation, the error
// envelope, pagination, and signed file downloads.
package http

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// Server is the API server. Set the fields, then use Handler.
type Server struct {
	Store      videoagent.Store
	Queue      videoagent.Enqueuer
	Chat       Chat
	Blobs      videoagent.BlobStore
	Voices     videoagent.VoiceCatalog
	Presenters videoagent.Presenters
	// Synth speaks for POST /v3/voices/speech.
	Synth videoagent.Synthesizer
	// Renderer, when it lists font families (render.Renderer does), offers them to brand
	// kits.
	Renderer videoagent.Renderer
	// Previews makes the catalogues' previews; nil shows none.
	Previews Previews
	// SpoolDir holds the audio of speech requests while it is synthesized ("": the
	// system's temporary directory).
	SpoolDir string
	// CheckURL tells whether a URL a client gives (a webhook receiver) may be called under
	// the server's address rules; nil allows any http(s) URL.
	CheckURL func(ctx context.Context, rawURL string) error
	// Files stores the files requests send (the inputs of direct videos, base64 files of
	// sessions) with Resolve; nil is an Ingester of Store and Blobs whose default Fetcher
	// refuses private, loopback and link-local addresses.
	Files *ingest.Ingester
	// MaxActiveJobs bounds an account's videos pending or processing at once; 0 means
	// DefaultMaxActiveJobs, a negative value no limit.
	MaxActiveJobs int
	// RatePerSecond and RateBurst bound an account's request rate; 0 means the defaults.
	RatePerSecond float64
	RateBurst     int
	// Styles are the styles a video may use; nil accepts none but "".
	Styles videoagent.StyleCatalog
	// PublicURL is the base of file URLs given to clients, e.g. "https://videos.example.com".
	PublicURL string
	// URLSecret signs file URLs; URLTTL is how long they stay valid.
	URLSecret []byte
	URLTTL    time.Duration
	Logger    *slog.Logger
	// Operations (ops.go): Metrics is served at /metrics (nil: not served), Observer records
	// each request, ReadyChecks are what /readyz checks.
	Metrics     http.Handler
	Observer    RequestObserver
	ReadyChecks []ReadyCheck
	// ReadLook, when set, reads a presenter description (POST /v3/avatars, type prompt)
	// into look parameters (a JSON object of avatar.LookParams) with a language model,
	// with the words it could not place and manner tags; nil reads with the offline parser.
	ReadLook func(ctx context.Context, text string) (params json.RawMessage, unplaced, tags []string, err error)
	// MaxUploadBytes bounds a direct upload (POST /v3/assets/direct-uploads); 0 means
	// videoagent.DefaultMaxUploadBytes (2 GB).
	MaxUploadBytes int64

	log     *slog.Logger
	limiter *rateLimiter
	// reserved counts work accepted and not yet stored, see jobLimit.
	reserved activeWork
	openapi  []byte // the OpenAPI document, built once
	// streams ends the session event streams at shutdown (see events.go).
	streams streams
	// Studio, when set, is served at / and /studio/ (the web studio); nil leaves it out.
	Studio http.Handler
	// MCP, when set, builds the handler served at /mcp (behind the API key) from the API
	// handler its tools call; nil leaves it out.
	MCP func(api http.Handler) http.Handler
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
	if s.RatePerSecond <= 0 {
		s.RatePerSecond = DefaultRatePerSecond
	}
	if s.RateBurst <= 0 {
		s.RateBurst = DefaultRateBurst
	}
	s.limiter = newRateLimiter(s.RatePerSecond, s.RateBurst)
	if s.Previews == nil {
		s.Previews = noPreviews{}
	}
	if s.Files == nil {
		s.Files = &ingest.Ingester{Assets: s.Store, Blobs: s.Blobs}
	}
	if doc, err := openAPIDocument(s.PublicURL); err != nil {
		s.log.Error("build the OpenAPI document", "err", err)
	} else {
		s.openapi = doc
	}
	api := http.NewServeMux()
	api.HandleFunc("POST /v3/video-agents", s.jobLimit(s.createSession))
	api.HandleFunc("GET /v3/users/me", s.getMe)
	api.HandleFunc("GET /v3/video-agents", s.listSessions)
	api.HandleFunc("GET /v3/video-agents/{session_id}", s.getSession)
	api.HandleFunc("GET /v3/video-agents/{session_id}/videos", s.listSessionVideos)
	api.HandleFunc("GET /v3/video-agents/{session_id}/resources/{resource_id}", s.getResource)
	api.HandleFunc("GET /v3/videos", s.listVideos)
	api.HandleFunc("GET /v3/videos/{video_id}", s.getVideo)
	api.HandleFunc("DELETE /v3/videos/{video_id}", s.deleteVideo)
	// Each feature registers its own routes, in its own file.
	s.voiceRoutes(api)
	s.avatarRoutes(api)
	s.memoryRoutes(api)
	s.webhookRoutes(api)
	s.styleRoutes(api)
	s.assetRoutes(api)
	s.chatRoutes(api)
	s.directRoutes(api)
	s.eventsRoutes(api)
	s.brandKitRoutes(api)
	s.uploadRoutes(api)
	s.notServedRoutes(api)

	root := http.NewServeMux()
	root.Handle("/v3/", s.authenticate(s.rateLimit(s.idempotent(api))))
	root.HandleFunc("GET /files/{key...}", s.serveFile)
	root.HandleFunc("PUT /uploads/{upload_id}", s.receiveUpload)
	root.HandleFunc("GET /openapi.json", s.serveOpenAPI)
	if s.MCP != nil {
		root.Handle("/mcp", s.authenticate(s.rateLimit(s.MCP(root))))
	}
	if s.Studio != nil {
		root.Handle("GET /{$}", s.Studio)
		root.Handle("GET /studio/", s.Studio)
	}
	root.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.opsRoutes(root)
	return s.accessLog(routeNamer(root, api), s.recoverer(envelopeMuxErrors(root, s)))
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

// envelopeMuxErrors rewrites the mux's plain-text 404 (no route) and 405 (route, wrong
// method) into the v3 envelope. Handlers set a JSON content type before they write, so only
// the mux's own answers are rewritten.
func envelopeMuxErrors(next http.Handler, s *Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&muxErrorWriter{ResponseWriter: w, r: r, s: s}, r)
	})
}

type muxErrorWriter struct {
	http.ResponseWriter
	r       *http.Request
	s       *Server
	swallow bool
}

func (e *muxErrorWriter) WriteHeader(code int) {
	if (code == http.StatusMethodNotAllowed || code == http.StatusNotFound) && strings.HasPrefix(e.Header().Get("Content-Type"), "text/plain") {
		e.swallow = true
		e.Header().Del("Content-Type")
		e.Header().Del("X-Content-Type-Options")
		err := videoagent.Errorf(videoagent.ENOTFOUND, "No such endpoint: %s %s.", e.r.Method, e.r.URL.Path)
		if code == http.StatusMethodNotAllowed {
			err = videoagent.Errorf(videoagent.EMETHODNOTALLOWED, "Method %s is not allowed on %s; allowed: %s.", e.r.Method, e.r.URL.Path, e.Header().Get("Allow"))
		}
		e.s.writeError(e.ResponseWriter, e.r, err)
		return
	}
	e.ResponseWriter.WriteHeader(code)
}

func (e *muxErrorWriter) Write(b []byte) (int, error) {
	if e.swallow {
		return len(b), nil
	}
	return e.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (for Flush and deadlines).
func (e *muxErrorWriter) Unwrap() http.ResponseWriter { return e.ResponseWriter }
