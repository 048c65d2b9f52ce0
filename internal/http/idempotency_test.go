package http

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlite"
)

func testServer(t *testing.T) (*Server, *videoagent.Account) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewStore(db)
	acct, err := store.CreateAccount(context.Background(), "a")
	if err != nil {
		t.Fatal(err)
	}
	return &Server{Store: store, log: slog.Default()}, acct
}

// TestIdempotencyInFlight holds the first request inside its handler while a second with the
// same key arrives: the second gets 409 request_in_progress; after the first finishes, a
// third replays its response without running the handler.
func TestIdempotencyInFlight(t *testing.T) {
	s, acct := testServer(t)
	release := make(chan struct{})
	entered := make(chan struct{})
	var runs atomic.Int32
	h := s.idempotent(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if runs.Add(1) == 1 {
			close(entered)
			<-release
		}
		writeJSON(w, http.StatusOK, data(map[string]any{"run": runs.Load()}))
	}))
	do := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/v3/video-agents", strings.NewReader(`{"prompt":"x"}`))
		req.Header.Set("Idempotency-Key", "order-42")
		req = req.WithContext(context.WithValue(req.Context(), accountKey{}, acct))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- do() }()
	<-entered
	second := do()
	if second.Code != http.StatusConflict || !strings.Contains(second.Body.String(), "request_in_progress") {
		t.Fatalf("second while in flight: %d %s", second.Code, second.Body)
	}
	close(release)
	r1 := <-first
	third := do()
	b1, _ := io.ReadAll(r1.Body)
	if third.Code != 200 || third.Body.String() != string(b1) || third.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay: %d %s (first: %s)", third.Code, third.Body, b1)
	}
	if runs.Load() != 1 {
		t.Fatalf("handler ran %d times", runs.Load())
	}
}

func TestIdempotencyKeyFormat(t *testing.T) {
	s, acct := testServer(t)
	h := s.idempotent(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, data(1)) }))
	for _, key := range []string{strings.Repeat("k", 256), "has space", "ünï"} {
		req := httptest.NewRequest("POST", "/v3/video-agents", strings.NewReader(`{}`))
		req.Header.Set("Idempotency-Key", key)
		req = req.WithContext(context.WithValue(req.Context(), accountKey{}, acct))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), `"param":"Idempotency-Key"`) {
			t.Errorf("key %q: %d %s", key, rec.Code, rec.Body)
		}
	}
}
