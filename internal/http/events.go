package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Server-sent events of a session: our extension to the v3 API (x-openvideoagent in the
// OpenAPI document). GET /v3/video-agents/{session_id}/events streams a "progress" event
// whenever the session's status, stage, percent, newest video or messages change, and a
// final "done" event when a generate-mode session completes or fails. Clients that cannot
// stream poll GET /v3/video-agents/{session_id} instead; both carry the same numbers.
const (
	// eventsPoll is how often a stream reads the session from the store. The store is
	// the one source of truth (render workers may run in another process), so a stream
	// polls it rather than listening to the pipeline.
	eventsPoll = 300 * time.Millisecond
	// eventsKeepAlive is how often an idle stream sends a comment, so that proxies keep it.
	eventsKeepAlive = 15 * time.Second
	// eventsMaxAge ends a stream after a while; EventSource-style clients reconnect.
	eventsMaxAge = 30 * time.Minute
)

// SessionEvent is the data of a "progress" or "done" event.
type SessionEvent struct {
	SessionID string `json:"session_id"`
	Status    string `json:"status"`
	// Stage names what the server is doing: planning, preparing_files, writing_speech,
	// rendering, publishing, waiting_for_input, reviewing, completed, failed.
	Stage        string  `json:"stage"`
	Progress     int     `json:"progress"`
	Title        *string `json:"title"`
	VideoID      *string `json:"video_id"`
	VideoStatus  *string `json:"video_status"`
	MessageCount int     `json:"message_count"`
	// NewestMessageAt is the Unix time of the newest message, so a client knows when to
	// read the conversation again.
	NewestMessageAt int64 `json:"newest_message_at"`
}

// sessionStage names the step a session is at from its status and percent (the pipeline's
// milestones: ingested 8, planned 15, speech 35, rendered 95).
func sessionStage(status string, progress int) string {
	switch status {
	case videoagent.SessionGenerating, videoagent.SessionThinking:
		switch {
		case status == videoagent.SessionThinking && progress < 15:
			return "planning"
		case progress < 8:
			return "preparing_files"
		case progress < 15:
			return "planning"
		case progress < 35:
			return "writing_speech"
		case progress < 95:
			return "rendering"
		default:
			return "publishing"
		}
	}
	return status
}

// eventsRoutes registers the session event stream.
func (s *Server) eventsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v3/video-agents/{session_id}/events", s.sessionEvents)
}

// streams tracks open event streams so that CloseStreams can end them at shutdown.
type streams struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func (st *streams) ch() chan struct{} {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.done == nil {
		st.done = make(chan struct{})
	}
	return st.done
}

// CloseStreams ends every open event stream (for http.Server.RegisterOnShutdown: a stream
// would otherwise hold a graceful shutdown until its client leaves).
func (s *Server) CloseStreams() {
	ch := s.streams.ch()
	s.streams.mu.Lock()
	defer s.streams.mu.Unlock()
	if !s.streams.closed {
		s.streams.closed = true
		close(ch)
	}
}

// snapshot reads what an event reports, and the session's mode.
func (s *Server) snapshot(r *http.Request, accountID, id string) (*SessionEvent, string, error) {
	se, err := s.Store.Session(r.Context(), accountID, id)
	if err != nil {
		return nil, "", err
	}
	msgs, err := s.Store.Messages(r.Context(), se.ID, maxSessionMessages)
	if err != nil {
		return nil, "", err
	}
	status := sessionStatus(se, msgs)
	ev := &SessionEvent{SessionID: se.ID, Status: status, Stage: sessionStage(status, se.Progress), Progress: se.Progress,
		Title: nullString(se.Title), VideoID: nullString(se.VideoID), MessageCount: len(msgs)}
	if len(msgs) > 0 {
		ev.NewestMessageAt = msgs[0].CreatedAt.Unix()
	}
	if se.VideoID != "" {
		if v, err := s.Store.Video(r.Context(), accountID, se.VideoID); err == nil {
			ev.VideoStatus = &v.Status
		}
	}
	return ev, se.Mode, nil
}

func (s *Server) sessionEvents(w http.ResponseWriter, r *http.Request) {
	acct := account(r)
	id := r.PathValue("session_id")
	first, mode, err := s.snapshot(r, acct.ID, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n\n")

	send := func(name string, ev *SessionEvent) bool {
		b, _ := json.Marshal(ev)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	terminal := func(ev *SessionEvent) bool {
		// A generate-mode session is over when it completes or fails; a chat session may
		// take another message, so its stream stays open.
		return ev.Status == videoagent.SessionCompleted || ev.Status == videoagent.SessionFailed
	}
	chat := mode == videoagent.ModeChat
	if !send("progress", first) {
		return
	}
	if !chat && terminal(first) {
		send("done", first)
		return
	}
	last, _ := json.Marshal(first)
	tick := time.NewTicker(eventsPoll)
	defer tick.Stop()
	alive := time.NewTicker(eventsKeepAlive)
	defer alive.Stop()
	maxAge := time.NewTimer(eventsMaxAge)
	defer maxAge.Stop()
	shutdown := s.streams.ch()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-shutdown:
			return
		case <-maxAge.C:
			return
		case <-alive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-tick.C:
			ev, _, err := s.snapshot(r, acct.ID, id)
			if err != nil {
				if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
					return // deleted
				}
				continue // a transient store error: try again at the next tick
			}
			b, _ := json.Marshal(ev)
			if string(b) == string(last) {
				continue
			}
			last = b
			if !send("progress", ev) {
				return
			}
			if !chat && terminal(ev) {
				send("done", ev)
				return
			}
		}
	}
}
