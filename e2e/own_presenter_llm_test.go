package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent/internal/llmtest"
)

// TestOwnPresenterModelReads: with a language model configured, a presenter description
// is read by the model (the fake OpenAI server, answering in the schema it was sent);
// when the model's answer cannot be drawn, the offline parser reads it and says so.
func TestOwnPresenterModelReads(t *testing.T) {
	t.Parallel()
	f := llmtest.New(t)
	f.Handle(func(r *llmtest.Request) llmtest.Reply {
		if r.SchemaName != "presenter_look" {
			return llmtest.Fail(400, "unexpected request")
		}
		text := r.Messages[len(r.Messages)-1].Content
		if strings.Contains(text, "broken") {
			return llmtest.Text(`{"gender": "robot"}`)
		}
		b, _ := json.Marshal(map[string]any{"gender": "male", "skin_tone": "deep", "hair_style": "curly", "hair_color": "#1B1715",
			"eye_color": "#3A2417", "beard": true, "glasses": false, "older": false, "earrings": "", "clothing": "hoodie",
			"main_color": "#FF8800", "inner_color": "#FF8800", "accent_color": "#FFFFFF", "tags": []string{"relaxed"}, "unplaced": []string{"skateboard"}})
		return llmtest.Text(string(b))
	})
	s := startServerEnv(t, "", []string{"VIDEOAGENT_LLM_BASE_URL=" + f.BaseURL(), "VIDEOAGENT_LLM_MODEL=test-model", "VIDEOAGENT_LLM_TIMEOUT=20s"}, "--workers", "0")
	r := s.call("POST", "/v3/avatars", map[string]any{"type": "prompt", "prompt": "a young man in an orange hoodie with a beard, holding a skateboard"})
	if r.Status != 200 {
		t.Fatalf("create: HTTP %d %s", r.Status, r.Raw)
	}
	d := r.data()
	p, _ := d["parameters"].(map[string]any)
	if d["reader"] != "model" || p["skin_tone"] != "deep" || p["main_color"] != "#FF8800" || p["clothing"] != "hoodie" {
		t.Errorf("the model's reading was not used: %s", r.Raw)
	}
	if u, _ := d["unplaced_words"].([]any); len(u) != 1 || u[0] != "skateboard" {
		t.Errorf("unplaced words: %v", d["unplaced_words"])
	}
	if f.Count() == 0 || f.Last().SchemaName != "presenter_look" {
		t.Errorf("the model was not asked")
	}
	r = s.call("POST", "/v3/avatars", map[string]any{"type": "prompt", "prompt": "a broken description: a woman with a red blazer"})
	d = r.data()
	p, _ = d["parameters"].(map[string]any)
	if r.Status != 200 || !strings.HasPrefix(d["reader"].(string), "offline") || p["gender"] != "female" || p["main_color"] != "#C0392B" {
		t.Errorf("fallback to the offline parser: HTTP %d %s", r.Status, r.Raw)
	}
}
