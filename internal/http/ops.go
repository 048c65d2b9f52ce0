package http

import (
	"context"
	"net/http"
	"sort"
	"sync"
	"time"
)

// ReadyCheck is one dependency /readyz checks: the database, the job queue, ffmpeg.
type ReadyCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// RequestObserver records each answered request (metrics). route is the pattern the request
// matched ("" when none did).
type RequestObserver interface {
	ObserveHTTP(route, method string, status int, d time.Duration)
}

// readyTimeout bounds each readiness check.
const readyTimeout = 5 * time.Second

// opsRoutes registers the operator's endpoints, which need no key: /readyz, /metrics (when
// Metrics is set) and /docs. /healthz (liveness) is registered with the routes.
func (s *Server) opsRoutes(root *http.ServeMux) {
	root.HandleFunc("GET /readyz", s.readyz)
	if s.Metrics != nil {
		root.Handle("GET /metrics", s.Metrics)
	}
	root.HandleFunc("GET /docs", s.serveDocs)
}

// readyz answers 200 when every ReadyCheck passes and 503 naming those that failed, so that
// a load balancer sends requests only to a server that can carry them out.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	results := make(map[string]string, len(s.ReadyChecks))
	var mu sync.Mutex
	var wg sync.WaitGroup
	ok := true
	for _, c := range s.ReadyChecks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
			defer cancel()
			err := c.Check(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				ok = false
				results[c.Name] = err.Error()
				return
			}
			results[c.Name] = "ok"
		}()
	}
	wg.Wait()
	body := struct {
		Status string            `json:"status"`
		Checks map[string]string `json:"checks"`
	}{Status: "ok", Checks: results}
	status := http.StatusOK
	if !ok {
		body.Status, status = "unavailable", http.StatusServiceUnavailable
		var failed []string
		for name, res := range results {
			if res != "ok" {
				failed = append(failed, name+": "+res)
			}
		}
		sort.Strings(failed)
		s.log.Warn("not ready", "failed", failed)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, body)
}
