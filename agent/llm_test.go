package agent_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/agent/plannertest"
)

// fakeLLM is a local server that speaks the OpenAI chat-completions protocol. Its "model"
// writes storyboards with the built-in planner from the request the LLM planner sent
// (prompt, target length, documents and images), or, per mode, answers with broken
// output. It records the requests it got.
type fakeLLM struct {
	*httptest.Server
	mu   sync.Mutex
	mode string // "good", "broken", "repair" (broken first, then good)
	reqs []map[string]any
}

func newFakeLLM(t *testing.T, mode string) *fakeLLM {
	f := &fakeLLM{mode: mode}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions") || r.Header.Get("Authorization") != "Bearer test-key" {
		http.Error(w, `{"error":{"message":"bad request","type":"invalid_request_error"}}`, http.StatusBadRequest)
		return
	}
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	var raw map[string]any
	body := json.NewDecoder(r.Body)
	if err := body.Decode(&raw); err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	b, _ := json.Marshal(raw)
	_ = json.Unmarshal(b, &req)
	f.mu.Lock()
	f.reqs = append(f.reqs, raw)
	n := len(f.reqs)
	f.mu.Unlock()

	content := "Sure! Here is your storyboard: {\"title\": \"oops\", \"scenes\": [" // broken JSON
	if f.mode == "good" || (f.mode == "repair" && len(req.Messages) > 2) {
		var lr agent.LLMRequest
		if err := json.Unmarshal([]byte(req.Messages[1].Content), &lr); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		content = writeLikeAModel(lr)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-" + string(rune('a'+n)), "object": "chat.completion", "created": 1764350000, "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 200, "total_tokens": 300},
	})
}

// writeLikeAModel answers a storyboard request as a model would: it writes the scenes
// with the built-in planner from what the request says, and marks the title so that
// tests can tell the model's storyboard from the fallback's.
func writeLikeAModel(lr agent.LLMRequest) string {
	b := videoagent.Brief{Prompt: lr.Prompt, DurationSec: lr.TargetSeconds}
	if lr.AspectRatio == "9:16" {
		b.Orientation = "portrait"
	}
	for _, d := range lr.Documents {
		b.Materials = append(b.Materials, videoagent.Material{Name: d.Name, Kind: videoagent.MaterialDocument, Text: strings.Join(d.Sentences, " "), Pages: d.PageIDs})
	}
	for _, im := range lr.Images {
		b.Materials = append(b.Materials, videoagent.Material{Name: im.Name, Kind: videoagent.MaterialImage, Pages: []string{im.AssetID}})
	}
	wpm := float64(lr.NarrationWords) * 60 / (float64(lr.TargetSeconds) - 0.8*float64(lr.Scenes))
	sb, err := agent.NewPlanner(agent.Options{WordsPerMinute: func(string) float64 { return wpm }}).Plan(context.Background(), b)
	if err != nil {
		return "{}"
	}
	type scene struct {
		Layout     string            `json:"layout"`
		Narration  string            `json:"narration"`
		Visual     videoagent.Visual `json:"visual"`
		Transition string            `json:"transition"`
	}
	out := struct {
		Title  string  `json:"title"`
		Scenes []scene `json:"scenes"`
	}{Title: "LLM: " + sb.Title}
	for _, sc := range sb.Scenes {
		out.Scenes = append(out.Scenes, scene{sc.Layout, sc.Narration, sc.Visual, sc.Transition})
	}
	raw, _ := json.Marshal(out)
	return "```json\n" + string(raw) + "\n```"
}

func llmPlanner(f *fakeLLM) *agent.LLMPlanner {
	return agent.NewLLMPlanner(agent.LLMOptions{BaseURL: f.URL + "/v1", Model: "storyboarder", APIKey: "test-key"})
}

// TestLLMPlannerSuite runs the shared planner suite against the LLM planner with a model
// that answers well.
func TestLLMPlannerSuite(t *testing.T) {
	f := newFakeLLM(t, "good")
	plannertest.Run(t, llmPlanner(f), nil)
}

func planWithNotes(t *testing.T, p videoagent.Planner, b videoagent.Brief) (*videoagent.Storyboard, []string) {
	t.Helper()
	var notes []string
	ctx := agent.WithNotes(context.Background(), func(n string) { notes = append(notes, n) })
	sb, err := p.Plan(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Validate(); err != nil {
		t.Fatal(err)
	}
	return sb, notes
}

func TestLLMPlannerUsesModel(t *testing.T) {
	f := newFakeLLM(t, "good")
	sb, notes := planWithNotes(t, llmPlanner(f), videoagent.Brief{Prompt: "A 30-second explainer about composting at home"})
	if !strings.HasPrefix(sb.Title, "LLM: ") || len(notes) != 0 || len(f.reqs) != 1 {
		t.Fatalf("title %q notes %q requests %d: want the model's storyboard from one request", sb.Title, notes, len(f.reqs))
	}
	req := f.reqs[0]
	if req["model"] != "storyboarder" || req["response_format"].(map[string]any)["type"] != "json_object" {
		t.Errorf("request = %v", req)
	}
	msgs := req["messages"].([]any)
	if !strings.Contains(msgs[0].(map[string]any)["content"].(string), `"scenes"`) {
		t.Error("the system prompt does not describe the schema")
	}
}

func TestLLMPlannerRepairs(t *testing.T) {
	f := newFakeLLM(t, "repair")
	sb, notes := planWithNotes(t, llmPlanner(f), videoagent.Brief{Prompt: "A 30-second explainer about composting at home"})
	if !strings.HasPrefix(sb.Title, "LLM: ") || len(f.reqs) != 2 {
		t.Fatalf("title %q after %d requests, want the repaired model storyboard after 2", sb.Title, len(f.reqs))
	}
	msgs := f.reqs[1]["messages"].([]any)
	last := msgs[len(msgs)-1].(map[string]any)["content"].(string)
	if len(msgs) != 4 || !strings.Contains(last, "invalid") {
		t.Errorf("repair request has %d messages, last %q", len(msgs), last)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "repaired") {
		t.Errorf("notes = %q", notes)
	}
}

func TestLLMPlannerFallsBack(t *testing.T) {
	f := newFakeLLM(t, "broken")
	b := videoagent.Brief{Prompt: "A 30-second explainer about composting at home"}
	sb, notes := planWithNotes(t, llmPlanner(f), b)
	if strings.HasPrefix(sb.Title, "LLM: ") || len(f.reqs) != 2 {
		t.Fatalf("title %q after %d requests, want the fallback after a repair attempt", sb.Title, len(f.reqs))
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "built-in planner") || !strings.Contains(notes[0], "repair") {
		t.Errorf("notes = %q", notes)
	}
	want, _ := agent.NewPlanner(agent.Options{}).Plan(context.Background(), b)
	if sb.Title != want.Title || len(sb.Scenes) != len(want.Scenes) {
		t.Errorf("fallback storyboard differs from the built-in planner's")
	}
	// An unreachable endpoint falls back too.
	f.Close()
	sb, notes = planWithNotes(t, llmPlanner(f), b)
	if sb.Title != want.Title || len(notes) != 1 {
		t.Errorf("unreachable model: title %q notes %q", sb.Title, notes)
	}
}

func TestMemoryFacts(t *testing.T) {
	facts := agent.Remember(videoagent.Brief{Prompt: "A 30-second product walkthrough of Zentrix, our team calendar app, in a friendly tone. Sign up at https://zentrix.example.com/start", VoiceID: "v1"}, nil)
	got := map[string]string{}
	for _, f := range facts {
		got[f.Key] = f.Value
	}
	if got[agent.MemProduct] != "Zentrix" || got[agent.MemCTAURL] != "https://zentrix.example.com/start" || got[agent.MemVoice] != "v1" || got[agent.MemTone] != "friendly" {
		t.Fatalf("facts = %v", got)
	}
	mem := []videoagent.MemoryFact{{Key: agent.MemProduct, Value: "Zentrix"}, {Key: agent.MemCTAURL, Value: "https://zentrix.example.com/start"}}
	p := agent.NewPlanner(agent.Options{})
	sb, _ := p.Plan(context.Background(), videoagent.Brief{Prompt: "A 20-second promo video for our app", Memory: mem})
	text := ""
	for _, sc := range sb.Scenes {
		text += sc.Narration + " " + sc.Visual.URL + " "
	}
	if !strings.Contains(text, "Zentrix") || !strings.Contains(text, "zentrix.example.com") {
		t.Errorf("memory not used: %s", text)
	}
	sb, _ = p.Plan(context.Background(), videoagent.Brief{Prompt: "A 20-second promo video for our app"})
	for _, sc := range sb.Scenes {
		if strings.Contains(sc.Narration, "Zentrix") {
			t.Errorf("without memory the script names Zentrix: %s", sc.Narration)
		}
	}
}

// TestSlidesDoNotRepeatTitles: no bullet repeats its slide's title, and no bullet slide
// has a single bullet.
func TestSlidesDoNotRepeatTitles(t *testing.T) {
	p := agent.NewPlanner(agent.Options{})
	for _, prompt := range []string{
		"Create a 30-second product walkthrough for a new project management app with shared boards",
		"A 60-second product walkthrough of Boardly: shared boards, time tracking, team chat",
		"A 2-minute product tour of Boardly with shared boards",
		"A 45-second demo of our app's shared boards",
	} {
		sb, err := p.Plan(context.Background(), videoagent.Brief{Prompt: prompt})
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range sb.Scenes {
			v := sc.Visual
			for _, b := range v.Bullets {
				if strings.EqualFold(strings.TrimSpace(b), strings.TrimSpace(v.Title)) {
					t.Errorf("%q %s: bullet repeats the title %q", prompt, sc.ID, v.Title)
				}
			}
			if strings.EqualFold(v.Subtitle, v.Title) && v.Title != "" {
				t.Errorf("%q %s: subtitle repeats the title %q", prompt, sc.ID, v.Title)
			}
			if v.Kind == videoagent.VisualBullets && len(v.Bullets) < 2 {
				t.Errorf("%q %s: a bullet slide with %d bullets", prompt, sc.ID, len(v.Bullets))
			}
		}
	}
}
