package http

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

func TestSessionStage(t *testing.T) {
	for _, c := range []struct {
		status   string
		progress int
		want     string
	}{
		{videoagent.SessionThinking, 0, "planning"},
		{videoagent.SessionGenerating, 3, "preparing_files"},
		{videoagent.SessionGenerating, 10, "planning"},
		{videoagent.SessionGenerating, 20, "writing_speech"},
		{videoagent.SessionGenerating, 60, "rendering"},
		{videoagent.SessionGenerating, 97, "publishing"},
		{videoagent.SessionReviewing, 10, "reviewing"},
		{videoagent.SessionCompleted, 100, "completed"},
		{videoagent.SessionFailed, 40, "failed"},
	} {
		if got := sessionStage(c.status, c.progress); got != c.want {
			t.Errorf("sessionStage(%s, %d) = %s, want %s", c.status, c.progress, got, c.want)
		}
	}
}

// sseReader reads the events of a stream.
type sseReader struct{ sc *bufio.Scanner }

func (r *sseReader) next(t *testing.T) (string, SessionEvent) {
	t.Helper()
	name := ""
	for r.sc.Scan() {
		line := r.sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			var ev SessionEvent
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err != nil {
				t.Fatalf("event data %q: %v", line, err)
			}
			return name, ev
		}
	}
	return "", SessionEvent{}
}

// TestSessionEvents follows a generate-mode session through the stream as its store
// record changes (as the pipeline changes it): the first event at once, one per change with
// the stage, and a final done after which the stream ends. Another account's key and an
// unknown session get the v3 envelope.
func TestSessionEvents(t *testing.T) {
	s, acct := testServer(t)
	ctx := context.Background()
	key, err := s.Store.CreateAPIKey(ctx, acct.ID, "k")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	se := &videoagent.Session{ID: videoagent.NewID(), AccountID: acct.ID, Mode: videoagent.ModeGenerate, Status: videoagent.SessionThinking, CreatedAt: now}
	v := &videoagent.Video{ID: videoagent.NewID(), AccountID: acct.ID, SessionID: se.ID, Status: videoagent.VideoPending, CreatedAt: now}
	se.VideoID = v.ID
	if err := s.Store.CreateSession(ctx, se, v, func(videoagent.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	get := func(k, id string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+"/v3/video-agents/"+id+"/events", nil)
		req.Header.Set("X-Api-Key", k)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if r := get(key, "nope"); r.StatusCode != 404 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("unknown session: HTTP %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	other, _ := s.Store.CreateAccount(ctx, "b")
	otherKey, _ := s.Store.CreateAPIKey(ctx, other.ID, "k")
	if r := get(otherKey, se.ID); r.StatusCode != 404 {
		t.Errorf("another account's session: HTTP %d", r.StatusCode)
	}

	resp := get(key, se.ID)
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("HTTP %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	r := &sseReader{sc: bufio.NewScanner(resp.Body)}
	name, ev := r.next(t)
	if name != "progress" || ev.Status != "thinking" || ev.Stage != "planning" || ev.VideoID == nil || *ev.VideoStatus != "pending" {
		t.Fatalf("first event %s %+v", name, ev)
	}
	update := func(status string, pc int) {
		if err := s.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Status: &status, Progress: &pc}); err != nil {
			t.Fatal(err)
		}
	}
	update(videoagent.SessionGenerating, 40)
	if name, ev = r.next(t); name != "progress" || ev.Stage != "rendering" || ev.Progress != 40 {
		t.Fatalf("after progress 40: %s %+v", name, ev)
	}
	if err := s.Store.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoCompleted)}); err != nil {
		t.Fatal(err)
	}
	update(videoagent.SessionCompleted, 100)
	// The two changes may land in one poll or two; the last events are the completed
	// state, then done.
	for {
		name, ev = r.next(t)
		if name == "" {
			t.Fatal("the stream ended without done")
		}
		if name == "done" {
			break
		}
	}
	if ev.Status != "completed" || ev.Progress != 100 || *ev.VideoStatus != "completed" {
		t.Errorf("done event %+v", ev)
	}
	if name, _ := r.next(t); name != "" {
		t.Errorf("the stream went on after done: %s", name)
	}
}

// TestSessionEventsShutdown: a chat session's stream stays open after completion, and
// CloseStreams (run at server shutdown) ends it.
func TestSessionEventsShutdown(t *testing.T) {
	s, acct := testServer(t)
	ctx := context.Background()
	key, _ := s.Store.CreateAPIKey(ctx, acct.ID, "k")
	se := &videoagent.Session{ID: videoagent.NewID(), AccountID: acct.ID, Mode: videoagent.ModeChat, Status: videoagent.SessionCompleted, CreatedAt: time.Now()}
	if err := s.Store.CreateSession(ctx, se, nil, nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/v3/video-agents/"+se.ID+"/events", nil)
	req.Header.Set("X-Api-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := &sseReader{sc: bufio.NewScanner(resp.Body)}
	if name, ev := r.next(t); name != "progress" || ev.Status != "completed" {
		t.Fatalf("first event %s %+v", name, ev)
	}
	ended := make(chan string)
	go func() { name, _ := r.next(t); ended <- name }()
	select {
	case name := <-ended:
		t.Fatalf("a chat session's stream ended by itself (%q)", name)
	case <-time.After(3 * eventsPoll):
	}
	s.CloseStreams()
	select {
	case name := <-ended:
		if name != "" {
			t.Errorf("after CloseStreams: event %q", name)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("CloseStreams did not end the stream")
	}
}
