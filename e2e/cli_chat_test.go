package e2e

import (
	"encoding/json"
	"testing"
	"time"
)

// HeyGen's CLI in chat mode, replayed by its request shapes (the request bodies are
// checked against the reference's request schemas, every response against its response
// schema).

// cliCall sends body (checked against the request schema reqSchema, if any) and checks
// the response against respSchema.
func (s *server) cliCall(method, path, reqSchema string, body map[string]any, respSchema string) *response {
	s.t.Helper()
	if reqSchema != "" {
		raw, _ := json.Marshal(body)
		checkSchema(s.t, reqSchema, raw)
	}
	var b any
	if body != nil {
		b = body
	}
	r := s.call(method, path, b)
	if r.Status != 200 {
		s.t.Fatalf("%s %s: HTTP %d %s", method, path, r.Status, r.Raw)
	}
	checkSchema(s.t, respSchema, r.Raw)
	return r
}

// TestCLIChatWait is `heygen video-agent create --mode chat --wait` with our auto_proceed
// extension: the create response carries a video_id, which the CLI polls to completion;
// the conversation then goes on (a revision makes a new video).
func TestCLIChatWait(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	r := s.cliCall("POST", "/v3/video-agents", "video-agent-create.request.json",
		map[string]any{"prompt": "A 10-second teaser about a bakery's new sourdough.", "mode": "chat", "auto_proceed": true},
		"video-agent-create.response.json")
	sid, _ := r.data()["session_id"].(string)
	vid, _ := r.data()["video_id"].(string)
	if vid == "" {
		t.Fatalf("chat create with auto_proceed: no video_id: %s", r.Raw)
	}
	v := s.waitVideo(vid, 4*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("video %v", v)
	}
	s.cliCall("GET", "/v3/videos/"+vid, "", nil, "video-get.response.json")
	s.waitSession(sid, time.Minute, "completed")
	s.cliCall("POST", "/v3/video-agents/"+sid, "video-agent-send.request.json", map[string]any{"message": "make it shorter"}, "video-agent-send.response.json")
	v2 := s.nextVideo(sid, vid)
	if v2["id"] == vid {
		t.Errorf("the revision made no new video")
	}
}

// TestCLIChatFlow is the CLI's chat flow without --wait: create (video_id null), get the
// session until it asks, answer, get it until the draft is up for review, approve, and
// list the session's videos once it is done.
func TestCLIChatFlow(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	r := s.cliCall("POST", "/v3/video-agents", "video-agent-create.request.json",
		map[string]any{"prompt": "A 15-second explainer about composting at home.", "mode": "chat"}, "video-agent-create.response.json")
	sid := r.data()["session_id"].(string)
	if r.data()["video_id"] != nil {
		t.Fatalf("chat create without auto_proceed has a video_id: %s", r.Raw)
	}
	s.waitSession(sid, time.Minute, "waiting_for_input")
	s.cliCall("GET", "/v3/video-agents/"+sid, "", nil, "video-agent-get.response.json")
	s.cliCall("POST", "/v3/video-agents/"+sid, "video-agent-send.request.json", map[string]any{"message": "1"}, "video-agent-send.response.json")
	s.waitSession(sid, time.Minute, "reviewing")
	s.cliCall("GET", "/v3/video-agents/"+sid, "", nil, "video-agent-get.response.json")
	s.cliCall("POST", "/v3/video-agents/"+sid, "video-agent-send.request.json", map[string]any{"message": "Looks good, go ahead"}, "video-agent-send.response.json")
	v := s.finished(sid)
	l := s.cliCall("GET", "/v3/video-agents/"+sid+"/videos", "", nil, "video-agent-videos-list.response.json")
	if len(l.list()) != 1 || l.list()[0].(map[string]any)["id"] != v["id"] {
		t.Errorf("session videos: %s", l.Raw)
	}
}
