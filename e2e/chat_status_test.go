package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// statusPoll is how often the status tests read the session while a turn runs.
const statusPoll = 20 * time.Millisecond

// watch reads the session right away and then every statusPoll until its status is done
// and its newest message is the model's (the answer is posted), and returns the statuses
// seen, each run of one status once ("thinking reviewing"), and the answer.
func (s *server) watch(sid string, done ...string) (string, map[string]any) {
	s.t.Helper()
	var seen []string
	deadline := time.Now().Add(3 * time.Minute)
	for {
		se := s.session(sid)
		st := se["status"].(string)
		if len(seen) == 0 || seen[len(seen)-1] != st {
			seen = append(seen, st)
		}
		newest := se["messages"].([]any)[0].(map[string]any)
		for _, d := range done {
			if st == d && newest["role"] == "model" {
				return strings.Join(seen, " "), newest
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("session %s: statuses %v, still not %v; messages: %v", sid, seen, done, se["messages"])
		}
		time.Sleep(statusPoll)
	}
}

// step sends a message, watches the session until it reaches one of done, and checks the
// statuses seen against want (a regular expression over them, e.g. "(thinking )*reviewing").
func (s *server) step(sid, msg, want string, done ...string) map[string]any {
	s.t.Helper()
	s.send(sid, msg)
	seen, answer := s.watch(sid, done...)
	if !regexp.MustCompile(`^(?:` + want + `)$`).MatchString(seen) {
		s.t.Errorf("%q: statuses %q, want %q (answer %q)", msg, seen, want, answer["content"])
	}
	return answer
}

// TestChatStatusSequence follows the status of a chat session through a whole
// conversation, reading it right after each message: a message accepted makes the session
// thinking until its answer is posted; waiting_for_input only while a question is open,
// reviewing with the storyboard, generating while a video renders. The answers fit the
// state: none says "looks good" to render while a render runs.
func TestChatStatusSequence(t *testing.T) {
	s := startServer(t, "", "--rate-limit", "1000", "--rate-burst", "1000")
	r := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat",
		"prompt": "A 20-second explainer about recycling aluminium cans: people collect the cans, a plant melts them, and the metal is rolled into new cans within 60 days."})
	if r.Status != 200 || r.data()["status"] != "thinking" {
		t.Fatalf("create: HTTP %d %s", r.Status, r.Raw)
	}
	sid := r.data()["session_id"].(string)

	// Ask: the presenter question.
	seen, q := s.watch(sid, "waiting_for_input", "reviewing", "failed")
	if seen != "thinking waiting_for_input" && seen != "waiting_for_input" || !strings.Contains(q["content"].(string), "Who should present") {
		t.Fatalf("first turn: statuses %q, answer %q", seen, q["content"])
	}

	// A message not understood while the question is open: asked again.
	a := s.step(sid, "hmm, what's the weather like", "(thinking )?waiting_for_input", "waiting_for_input")
	if !strings.Contains(a["content"].(string), "1.") {
		t.Errorf("re-ask: %q", a["content"])
	}

	// Answer: thinking until the storyboard is up; never waiting_for_input meanwhile.
	a = s.step(sid, "2", "(thinking )?reviewing", "reviewing")
	if a["type"] != "resource" || !strings.Contains(a["content"].(string), "Great") || !strings.Contains(a["content"].(string), "looks good") {
		t.Errorf("answer: %q", a["content"])
	}
	// The first storyboard on a fresh data directory needed no calibration: the voices'
	// rates are shipped.
	if _, err := os.Stat(filepath.Join(s.data, "cache", "voice-rates.json")); err == nil {
		t.Errorf("a voice was measured on a fresh data directory")
	}

	// Review: a message not understood, then a revision.
	s.step(sid, "blorp zzz qwerty", "(thinking )?reviewing", "reviewing")
	a = s.step(sid, "make it shorter", "(thinking )?reviewing", "reviewing")
	if !strings.Contains(a["content"].(string), "seconds instead of") {
		t.Errorf("revise: %q", a["content"])
	}

	// Approve with an edit: generating, and the answer says it renders.
	a = s.step(sid, "use Marcus and go ahead", "(thinking )?generating( completed)?", "generating", "completed")
	if c := a["content"].(string); strings.Contains(c, "looks good") || !strings.Contains(c, "Rendering") {
		t.Errorf("approve: %q", c)
	}
	s.watch(sid, "completed")

	// After the video: a revision renders a new one, and so does a follow-up.
	for _, msg := range []string{"make it 12 seconds", "now make a vertical version for Reels"} {
		a = s.step(sid, msg, "(thinking )?generating( completed)?", "generating", "completed")
		if c := a["content"].(string); strings.Contains(c, "looks good") {
			t.Errorf("%q: answered %q while rendering", msg, c)
		}
		s.watch(sid, "completed")
	}
	// Thanks after completion: still completed.
	s.step(sid, "thanks!", "(thinking )?completed", "completed")
	if l := s.call("GET", "/v3/video-agents/"+sid+"/videos", nil).list(); len(l) != 3 {
		t.Errorf("%d videos, want 3", len(l))
	}
}
