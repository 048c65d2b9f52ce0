package e2e

import (
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// session reads a session's view.
func (s *server) session(id string) map[string]any {
	s.t.Helper()
	r := s.call("GET", "/v3/video-agents/"+id, nil)
	if r.Status != 200 {
		s.t.Fatalf("get session: HTTP %d %s", r.Status, r.Raw)
	}
	return r.data()
}

// waitSession polls a session until its status is one of statuses.
func (s *server) waitSession(id string, timeout time.Duration, statuses ...string) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		se := s.session(id)
		for _, st := range statuses {
			if se["status"] == st {
				return se
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("session %s still %v after %s, want %v; messages: %v", id, se["status"], timeout, statuses, se["messages"])
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// send posts a chat message and checks the answer's shape.
func (s *server) send(sid, msg string) {
	s.t.Helper()
	r := s.call("POST", "/v3/video-agents/"+sid, map[string]any{"message": msg})
	if r.Status != 200 || r.data()["session_id"] != sid || r.data()["run_id"] == nil {
		s.t.Fatalf("send %q: HTTP %d %s", msg, r.Status, r.Raw)
	}
}

// newestModel returns the newest model message of a session view.
func newestModel(se map[string]any) map[string]any {
	for _, m := range se["messages"].([]any) {
		mm := m.(map[string]any)
		if mm["role"] == "model" {
			return mm
		}
	}
	return nil
}

// waitReply waits until the newest model message differs from before.
func (s *server) waitReply(sid string, before map[string]any) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		se := s.session(sid)
		if m := newestModel(se); m != nil && (before == nil || m["content"] != before["content"] || m["created_at"] != before["created_at"]) {
			return m
		}
		time.Sleep(150 * time.Millisecond)
	}
	s.t.Fatalf("no new model message in session %s", sid)
	return nil
}

// nextVideo waits until the session points at a video other than prev, then for that
// video to complete, and returns it.
func (s *server) nextVideo(sid, prev string) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		se := s.session(sid)
		if id, _ := se["video_id"].(string); id != "" && id != prev {
			break
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("no new video in session %s; messages: %v", sid, se["messages"])
		}
		time.Sleep(150 * time.Millisecond)
	}
	return s.finished(sid)
}

// finished waits for the session's newest video to complete and returns it.
func (s *server) finished(sid string) map[string]any {
	s.t.Helper()
	se := s.waitSession(sid, 5*time.Minute, "completed", "failed")
	if se["status"] != "completed" {
		s.t.Fatalf("session failed: %v", se["messages"])
	}
	v := s.call("GET", "/v3/videos/"+se["video_id"].(string), nil).data()
	if v["status"] != "completed" {
		s.t.Fatalf("video %v", v)
	}
	return v
}

// TestChatConversation walks a whole conversation over HTTP: a question answered by
// number, a storyboard reviewed and approved, three revisions each producing a new video,
// a follow-up in 9:16, a message during a render (409), and a message not understood.
func TestChatConversation(t *testing.T) {
	s := startServer(t, "")
	r := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "prompt": "A 20-second explainer about recycling aluminium cans: collect, melt, roll into new cans."})
	if r.Status != 200 || r.data()["video_id"] != nil {
		t.Fatalf("create chat session: HTTP %d %s (video_id must be null until a render starts)", r.Status, r.Raw)
	}
	sid := r.data()["session_id"].(string)

	// A real decision is open (no presenter given): a question with options, each a
	// resource with a preview.
	se := s.waitSession(sid, time.Minute, "waiting_for_input")
	q := newestModel(se)
	opts, _ := q["resource_ids"].([]any)
	if len(opts) < 2 || !strings.Contains(q["content"].(string), "1.") {
		t.Fatalf("question = %v", q)
	}
	opt := s.call("GET", "/v3/video-agents/"+sid+"/resources/"+opts[1].(string), nil).data()
	if opt["preview_url"] == nil || opt["resource_type"] != "avatar" {
		t.Fatalf("option resource = %v", opt)
	}
	chosen := opt["metadata"].(map[string]any)["avatar_id"]

	// A message not understood while waiting re-asks, helpfully.
	s.send(sid, "hmm, what's the weather like")
	if m := s.waitReply(sid, q); !strings.Contains(strings.ToLower(m["content"].(string)), "number") && !strings.Contains(m["content"].(string), "1") {
		t.Errorf("re-ask = %q", m["content"])
	}

	// Answer by number: the second option presents; the storyboard is up for review.
	s.send(sid, "2")
	s.waitSession(sid, time.Minute, "reviewing")
	if d := s.draft(sid, s.session(sid)); d["avatar_id"] != chosen {
		t.Fatalf("draft avatar %v, chose %v", d["avatar_id"], chosen)
	}

	// Not understood in review: a helpful reply, state unchanged.
	before := newestModel(s.session(sid))
	s.send(sid, "blorp zzz qwerty")
	help := s.waitReply(sid, before)
	if help["type"] == "error" || len(help["content"].(string)) < 40 {
		t.Errorf("help reply = %v", help)
	}
	if se := s.session(sid); se["status"] != "reviewing" {
		t.Fatalf("after a message not understood the session is %v", se["status"])
	}

	// Approve in plain words: a video renders.
	s.send(sid, "Looks good, go ahead!")
	s.waitSession(sid, time.Minute, "generating", "completed")
	// A message while the render runs is refused with 409.
	if se := s.session(sid); se["status"] == "generating" {
		if r := s.call("POST", "/v3/video-agents/"+sid, map[string]any{"message": "make it blue"}); r.Status != 409 {
			t.Errorf("message during a render: HTTP %d %s", r.Status, r.Raw)
		}
	}
	first := s.finished(sid)
	firstDur := first["duration"].(float64)

	// Revision 1: shorter -> a new, shorter video.
	s.send(sid, "make it shorter")
	v2 := s.nextVideo(sid, first["id"].(string))
	if v2["id"] == first["id"] || v2["duration"].(float64) >= firstDur {
		t.Errorf("shorter: %v s (was %v s), id %v", v2["duration"], firstDur, v2["id"])
	}

	// Revision 2: change the presenter.
	s.send(sid, "use Marcus instead")
	v3 := s.nextVideo(sid, v2["id"].(string))
	if d := s.draft(sid, s.session(sid)); !strings.HasPrefix(d["avatar_id"].(string), "marcus") || v3["id"] == v2["id"] {
		t.Errorf("presenter: draft avatar %v, video %v", d["avatar_id"], v3["id"])
	}

	// Revision 3: edit scene 2's words; the captions say them.
	s.send(sid, `change scene 2 to say "Every can you recycle saves enough energy to run a laptop for hours."`)
	v4 := s.nextVideo(sid, v3["id"].(string))
	d := s.draft(sid, s.session(sid))
	sc2 := d["scenes"].([]any)[1].(map[string]any)
	if !strings.Contains(sc2["narration"].(string), "saves enough energy") {
		t.Errorf("scene 2 narration = %q", sc2["narration"])
	}
	srt := download(t, v4["subtitle_url"].(string), "v4.srt")
	if caps := strings.ToLower(joinCues(readSRT(t, srt))); !strings.Contains(caps, "laptop") {
		t.Errorf("captions miss the edited words: %s", caps)
	}

	// A follow-up in 9:16.
	s.send(sid, "now make a vertical version for Reels")
	v5 := s.nextVideo(sid, v4["id"].(string))
	mp4 := download(t, v5["video_url"].(string), "v5.mp4")
	info, err := media.Probe(context.Background(), mp4)
	if err != nil {
		t.Fatal(err)
	}
	if vs := info.Video(); vs.Width >= vs.Height {
		t.Errorf("follow-up is %dx%d, want portrait", vs.Width, vs.Height)
	}

	// The session lists every video, newest first, and points at the newest.
	l := s.call("GET", "/v3/video-agents/"+sid+"/videos", nil).list()
	if len(l) != 5 || l[0].(map[string]any)["id"] != v5["id"] || s.session(sid)["video_id"] != v5["id"] {
		t.Errorf("session videos: %d, newest %v", len(l), l[0].(map[string]any)["id"])
	}
}

// TestChatAnswerByName: a question answered by an option's name.
func TestChatAnswerByName(t *testing.T) {
	s := startServer(t, "", "--workers", "1")
	sid := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "prompt": "A short welcome video for new volunteers at a food bank."}).data()["session_id"].(string)
	se := s.waitSession(sid, time.Minute, "waiting_for_input")
	ids := newestModel(se)["resource_ids"].([]any)
	third := s.call("GET", "/v3/video-agents/"+sid+"/resources/"+ids[2].(string), nil).data()["metadata"].(map[string]any)
	name := strings.Fields(third["name"].(string))[0] // "Mei (Business)" -> "Mei"
	s.send(sid, "Let's go with "+name+", please")
	s.waitSession(sid, time.Minute, "reviewing")
	if d := s.draft(sid, s.session(sid)); d["avatar_id"] != third["avatar_id"] {
		t.Fatalf("answered %q, draft avatar %v, want %v", name, d["avatar_id"], third["avatar_id"])
	}
	// A generate-mode session takes no messages.
	gen, _ := s.createVideo(map[string]any{"prompt": "A generate-mode video."})
	if r := s.call("POST", "/v3/video-agents/"+gen, map[string]any{"message": "hello"}); r.Status != 400 {
		t.Errorf("message to a generate-mode session: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("POST", "/v3/video-agents/"+sid, map[string]any{"message": ""}); r.Status != 400 || r.errorField("param") != "message" {
		t.Errorf("empty message: HTTP %d %s", r.Status, r.Raw)
	}
}

// TestChatStop stops a render in the middle: the video fails with failure_code "stopped",
// the session returns to review and says what was kept, and approving again finishes it.
func TestChatStop(t *testing.T) {
	s := startServer(t, "")
	sid := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "ava-business",
		"prompt": "A 60-second training video on warehouse safety: lifting, forklifts, spills, exits and reporting."}).data()["session_id"].(string)
	s.waitSession(sid, time.Minute, "reviewing")
	s.send(sid, "go ahead")
	se := s.waitSession(sid, time.Minute, "generating")
	vid := se["video_id"].(string)
	s.waitVideo(vid, time.Minute, "processing")
	if r := s.call("POST", "/v3/video-agents/"+sid+"/stop", map[string]any{}); r.Status != 200 || r.data()["session_id"] != sid {
		t.Fatalf("stop: HTTP %d %s", r.Status, r.Raw)
	}
	v := s.waitVideo(vid, time.Minute, "failed", "completed")
	if v["status"] != "failed" || v["failure_code"] != "stopped" {
		t.Skipf("the render finished before the stop reached it (%v); nothing to check", v["status"])
	}
	se = s.waitSession(sid, time.Minute, "reviewing")
	if m := newestModel(se); !strings.Contains(m["content"].(string), "kept") {
		t.Errorf("stop message = %q", m["content"])
	}
	s.send(sid, "ok, go ahead")
	if v := s.finished(sid); v["id"] == vid {
		t.Errorf("the stopped video was reused")
	}
}

var reLengthPromise = regexp.MustCompile(`about (\d+) seconds instead of (\d+)`)

// scriptOf is a draft's narration and title, lower-cased.
func scriptOf(d map[string]any) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(d["title"].(string)))
	for _, sc := range d["scenes"].([]any) {
		b.WriteString(" " + strings.ToLower(sc.(map[string]any)["narration"].(string)))
	}
	return b.String()
}

// TestChatLengthPromise: "a 10-second hello from a bakery" with a presenter given keeps
// its length and its bakery; "make it shorter" promises a length, and the new video has
// it.
func TestChatLengthPromise(t *testing.T) {
	s := startServer(t, "")
	sid := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "ava-business",
		"prompt": "a 10-second hello from a bakery"}).data()["session_id"].(string)
	se := s.waitSession(sid, time.Minute, "reviewing")
	if d := s.draft(sid, se); !strings.Contains(scriptOf(d), "bakery") || len(d["scenes"].([]any)) > 3 {
		t.Errorf("draft of %d scenes: %s", len(d["scenes"].([]any)), scriptOf(d))
	}
	s.send(sid, "go ahead")
	first := s.finished(sid)
	firstDur := first["duration"].(float64)
	if firstDur < 7 || firstDur > 13 {
		t.Errorf("a 10-second hello runs %.1f s", firstDur)
	}

	before := newestModel(s.session(sid))
	s.send(sid, "make it shorter")
	reply := s.waitReply(sid, before)["content"].(string)
	m := reLengthPromise.FindStringSubmatch(reply)
	if m == nil {
		t.Fatalf("shorter: %q", reply)
	}
	promised, _ := strconv.ParseFloat(m[1], 64)
	v := s.nextVideo(sid, first["id"].(string))
	t.Logf("first video %.1f s; promised about %.0f s, rendered %.1f s", firstDur, promised, v["duration"].(float64))
	if d := v["duration"].(float64); math.Abs(d-promised) > math.Max(1.5, promised*0.2) || d >= firstDur {
		t.Errorf("promised about %.0f s (from %.1f s), rendered %.1f s: %q", promised, firstDur, d, reply)
	}
}

// TestChatMentionFacts: "Mention that ..." puts the facts in the script in the user's
// words.
func TestChatMentionFacts(t *testing.T) {
	s := startServer(t, "")
	sid := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "marcus-business",
		"prompt": "A 30-second invitation to our privacy workshop for small businesses."}).data()["session_id"].(string)
	se := s.waitSession(sid, time.Minute, "reviewing")
	before := newestModel(se)
	s.send(sid, "Mention that it's a webinar, free to join, and that registration is at privacy.example.com")
	reply := s.waitReply(sid, before)["content"].(string)
	if strings.Contains(reply, "Sorry") {
		t.Fatalf("not understood: %q", reply)
	}
	script := scriptOf(s.draft(sid, s.waitSession(sid, time.Minute, "reviewing")))
	for _, fact := range []string{"it's a webinar", "free to join", "registration is at privacy.example.com"} {
		if !strings.Contains(script, fact) {
			t.Errorf("the script lacks %q: %s", fact, script)
		}
	}
}

// TestChatStopGenerateMode: a stopped generate-mode session ends (it takes no messages, so it
// does not offer "go ahead") and says how to make the video instead.
func TestChatStopGenerateMode(t *testing.T) {
	s := startServer(t, "")
	sid, vid := s.createVideo(map[string]any{"avatar_id": "ava-business",
		"prompt": "A 60-second training video on warehouse safety: lifting, forklifts, spills, exits and reporting."})
	s.waitVideo(vid, time.Minute, "processing")
	if r := s.call("POST", "/v3/video-agents/"+sid+"/stop", map[string]any{}); r.Status != 200 {
		t.Fatalf("stop: HTTP %d %s", r.Status, r.Raw)
	}
	v := s.waitVideo(vid, time.Minute, "failed", "completed")
	if v["status"] != "failed" || v["failure_code"] != "stopped" {
		t.Skipf("the render finished before the stop reached it (%v); nothing to check", v["status"])
	}
	se := s.waitSession(sid, time.Minute, "failed")
	msg := newestModel(se)["content"].(string)
	if strings.Contains(msg, "go ahead") || !strings.Contains(msg, "send the request again") {
		t.Errorf("stop message = %q", msg)
	}
	if r := s.call("POST", "/v3/video-agents/"+sid, map[string]any{"message": "go ahead"}); r.Status != 400 {
		t.Errorf("message to the stopped generate-mode session: HTTP %d", r.Status)
	} else if m, _ := r.errorField("message").(string); !strings.Contains(m, "create a new session") {
		t.Errorf("the refusal does not say what to do instead: %q", m)
	}
}
