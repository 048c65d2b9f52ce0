package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"
)

// RequestIDHeader carries a request's id: taken from the client when it sends a sane one,
// made up otherwise, and echoed in the response either way.
const RequestIDHeader = "X-Request-Id"

type requestIDKey struct{}

// RequestID returns the id of the request ctx belongs to, "" outside one.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// validRequestID accepts ids of 1 to 128 characters from a conservative set, so that a
// client's id can go into logs and headers as it is.
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range id {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == ':':
		default:
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// probePaths are polled by machines; their requests are logged at debug level only.
var probePaths = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// accessLog gives each request an id (echoed in X-Request-Id), logs one line per answered
// request, and records it with the Observer under the route pattern routeOf names.
func (s *Server) accessLog(routeOf func(*http.Request) string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		route := routeOf(r)
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			d := time.Since(start)
			if s.Observer != nil {
				s.Observer.ObserveHTTP(route, r.Method, status, d)
			}
			level := slog.LevelInfo
			if probePaths[r.URL.Path] && status < 500 {
				level = slog.LevelDebug
			}
			s.log.LogAttrs(r.Context(), level, "http request",
				slog.String("request_id", id),
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Int64("bytes", sw.bytes),
				slog.Duration("duration", d),
				slog.String("remote", r.RemoteAddr),
			)
		}()
		next.ServeHTTP(sw, r)
	})
}

// routeNamer names a request by the pattern it matches: the root mux's, or under /v3/ the
// API mux's.
func routeNamer(root, api *http.ServeMux) func(*http.Request) string {
	return func(r *http.Request) string {
		_, p := root.Handler(r)
		if p == "/v3/" {
			_, p = api.Handler(r)
		}
		return p
	}
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush lets streaming handlers (server-sent events) flush through the wrapper.
func (w *statusWriter) Flush() {
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
