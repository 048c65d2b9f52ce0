package e2e

import (
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/llmtest"
)

// cometLines are what the fake model says about the comet.
var cometLines = []string{
	"The Quasarine comet returns to our sky every seventy six years.",
	"Its bright tail is made of ice and dust warmed by the sun.",
	"You can see it without a telescope on a clear dark night.",
}

const cometQuestion = "Will you look up tonight and find the Quasarine comet?"

// cometModel answers as a model would: storyboards about the comet at the length the
// planner asks for, and chat edits that turn the ending into a question. While failing
// is set it answers 503.
func cometModel(failing *atomic.Bool) llmtest.Handler {
	return func(r *llmtest.Request) llmtest.Reply {
		if failing.Load() {
			return llmtest.Fail(503, "the model is overloaded")
		}
		if len(r.Tools) > 0 || r.SchemaName == "edit_storyboard" {
			var view struct {
				Storyboard struct {
					Scenes []struct {
						ID string `json:"id"`
					} `json:"scenes"`
				} `json:"storyboard"`
			}
			if err := r.DecodeUser(&view); err != nil || len(view.Storyboard.Scenes) == 0 {
				return llmtest.Fail(400, "no storyboard in the chat request")
			}
			last := view.Storyboard.Scenes[len(view.Storyboard.Scenes)-1].ID
			return llmtest.Call("edit_storyboard", map[string]any{"reply": "I've turned the ending into a question.", "approve": false,
				"ops": []any{map[string]any{"kind": "set_narration", "scene_id": last, "text": cometQuestion}}})
		}
		var lr agent.LLMRequest
		if err := r.DecodeUser(&lr); err != nil {
			return llmtest.Fail(400, err.Error())
		}
		return llmtest.Text(llmtest.Storyboard(llmtest.StoryboardSpec{
			Title: "The Quasarine Comet", Sentences: cometLines, Words: lr.NarrationWords, Scenes: lr.Scenes, Count: agent.SpokenWords,
		}))
	}
}

// TestLLMEndToEnd drives the real server with a language model configured by the
// environment (the fake OpenAI server): a generate-mode video written by the model, a
// chat session whose free-form message the model turns into an edit, and, with the model
// failing, the fallbacks reported in the session's messages.
func TestLLMEndToEnd(t *testing.T) {
	f := llmtest.New(t)
	f.RequireKey("sk-test")
	var failing atomic.Bool
	f.Handle(cometModel(&failing))
	s := startServerEnv(t, "", []string{"VIDEOAGENT_LLM_BASE_URL=" + f.BaseURL(), "VIDEOAGENT_LLM_MODEL=test-model",
		"VIDEOAGENT_LLM_API_KEY=sk-test", "VIDEOAGENT_LLM_TIMEOUT=20s"}, "--workers", "1")
	const prompt = "A 10-second explainer about the Quasarine comet: it returns every 76 years and its tail is made of ice and dust."

	// Generate mode: the model writes the storyboard, every text recorded as its own.
	v, sess, sb := s.agentVideo(map[string]any{"prompt": prompt, "avatar_id": "ava-business"})
	if sb["title"] != "The Quasarine Comet" || !strings.Contains(narration(sb), "Quasarine") {
		t.Fatalf("the model's storyboard was not used: %v; messages %v", sb["title"], sess["messages"])
	}
	for _, sc := range sb["scenes"].([]any) {
		prov, _ := sc.(map[string]any)["provenance"].([]any)
		if len(prov) == 0 {
			t.Errorf("scene %v has no provenance", sc.(map[string]any)["id"])
		}
		for _, p := range prov {
			if src := p.(map[string]any)["source"]; src != "model" {
				t.Errorf("scene %v: %v has source %v", sc.(map[string]any)["id"], p.(map[string]any)["text"], src)
			}
		}
	}
	if d, _ := videoLength(t, v); d < 8 || d > 12.5 {
		t.Errorf("the model's video is %.1f s, want about 10 s", d)
	}
	first := f.Requests()[0]
	if first.ResponseFormat != "json_schema" || first.SchemaName != "storyboard" || first.Header.Get("Authorization") != "Bearer sk-test" || first.Model != "test-model" {
		t.Errorf("planning request: format %q schema %q model %q", first.ResponseFormat, first.SchemaName, first.Model)
	}

	// Chat mode: the draft is the model's, and a free-form message becomes its edit.
	r := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "prompt": prompt, "avatar_id": "ava-business"})
	if r.Status != 200 {
		t.Fatalf("create chat session: HTTP %d %s", r.Status, r.Raw)
	}
	sid := r.data()["session_id"].(string)
	se := s.waitSession(sid, 2*time.Minute, "reviewing")
	if d := s.draft(sid, se); d["title"] != "The Quasarine Comet" {
		t.Fatalf("chat draft %v; messages %v", d["title"], se["messages"])
	}
	calls := f.Count()
	before := newestModel(se)
	s.send(sid, "Please make the ending a question that invites people to look up tonight.")
	reply := s.waitReply(sid, before)
	if !strings.Contains(reply["content"].(string), "turned the ending into a question") {
		t.Errorf("reply = %q", reply["content"])
	}
	d := s.draft(sid, s.session(sid))
	scenes := d["scenes"].([]any)
	if n := scenes[len(scenes)-1].(map[string]any)["narration"]; n != cometQuestion {
		t.Errorf("last scene says %q, want the model's question", n)
	}
	if f.Count() != calls+1 || len(f.Last().Tools) != 1 || f.Last().Tools[0] != "edit_storyboard" {
		t.Errorf("%d model calls for the message, tools %v", f.Count()-calls, f.Last().Tools)
	}
	var view struct {
		Message string `json:"message"`
		Looks   []any  `json:"looks"`
	}
	if err := f.Last().DecodeUser(&view); err != nil || !strings.Contains(view.Message, "look up tonight") || len(view.Looks) == 0 {
		t.Errorf("the model saw %+v (%v)", view, err)
	}
	// An exact command needs no model call.
	calls = f.Count()
	before = reply
	s.send(sid, "swap scenes 2 and 3")
	s.waitReply(sid, before)
	if f.Count() != calls {
		t.Errorf("an exact command cost %d model calls", f.Count()-calls)
	}

	// The model fails: the chat message is answered by the rules, saying so, and a new
	// session's storyboard is the built-in planner's, with a message saying why.
	failing.Store(true)
	before = newestModel(s.session(sid))
	s.send(sid, "Could the second scene sound a little more exciting, like a real discovery?")
	m := s.waitReply(sid, before)
	if c := m["content"].(string); !strings.Contains(c, "could not be used") || !strings.Contains(c, "HTTP 503") {
		t.Errorf("reply while the model fails = %q", c)
	}
	r = s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "prompt": prompt, "avatar_id": "ava-business"})
	sid2 := r.data()["session_id"].(string)
	se2 := s.waitSession(sid2, 2*time.Minute, "reviewing")
	if d := s.draft(sid2, se2); d["title"] == "The Quasarine Comet" {
		t.Errorf("the model's storyboard while it fails")
	}
	msgs, _ := json.Marshal(se2["messages"])
	if !strings.Contains(string(msgs), "built-in planner") || !strings.Contains(string(msgs), "HTTP 503") {
		t.Errorf("no session message reports the fallback: %s", msgs)
	}
}

// TestLLMFlags: the serve flags configure the model as the environment does.
func TestLLMFlags(t *testing.T) {
	f := llmtest.New(t)
	f.RequireKey("sk-flag")
	var failing atomic.Bool
	f.Handle(cometModel(&failing))
	s := startServer(t, "", "--llm-base-url", f.BaseURL(), "--llm-model", "flag-model", "--llm-api-key", "sk-flag", "--llm-timeout", "20s", "--workers", "1")
	r := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "ava-business",
		"prompt": "A 10-second explainer about the Quasarine comet: it returns every 76 years and its tail is made of ice and dust."})
	sid := r.data()["session_id"].(string)
	se := s.waitSession(sid, 2*time.Minute, "reviewing")
	if d := s.draft(sid, se); d["title"] != "The Quasarine Comet" || f.Count() == 0 || f.Last().Model != "flag-model" {
		t.Errorf("draft %v after %d model calls; messages %v", d["title"], f.Count(), se["messages"])
	}
}
