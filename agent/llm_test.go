package agent_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/llmtest"
	"github.com/openvideoagent/videoagent/internal/plannertest"
)

// reFence finds the files of a planning request: <<<FILE name>>> text <<<END FILE>>>.
var reFence = regexp.MustCompile(`(?s)<<<FILE ([^\n]*)>>>\n(.*?)\n<<<END FILE>>>`)

// fillers are plain sentences a fake model says when the request gives too little.
var fillers = []string{"It is simple to start.", "Here is what matters most.", "Every detail counts."}

// storyboarder answers planning requests as a model would: it reads the JSON request
// (prompt, length in words, scenes, media, links) and the fenced files, says the
// prompt and the files' sentences, and marks the title "LLM: " so that tests can tell
// the model's storyboard from the fallback's. extra fields are added to the answer.
func storyboarder(extra map[string]any) llmtest.Handler {
	return func(r *llmtest.Request) llmtest.Reply {
		var lr agent.LLMRequest
		if err := r.DecodeUser(&lr); err != nil {
			return llmtest.Fail(400, err.Error())
		}
		sents := []string{strings.TrimRight(lr.Prompt, ".") + "."}
		for _, m := range reFence.FindAllStringSubmatch(r.Text(), -1) {
			for _, s := range strings.SplitAfter(strings.Join(strings.Fields(m[2]), " "), ". ") {
				if s = strings.TrimSpace(s); len(strings.Fields(s)) >= 3 {
					sents = append(sents, s)
				}
			}
		}
		spec := llmtest.StoryboardSpec{
			Title: "LLM: " + firstN(lr.Prompt, 6), Sentences: append(sents, fillers...),
			Words: lr.NarrationWords, Scenes: lr.Scenes, Count: agent.SpokenWords, Extra: extra,
		}
		if lr.Facts != nil && len(lr.Facts.Links) > 0 {
			spec.URL = lr.Facts.Links[0]
		}
		if len(lr.Media) > 0 {
			spec.AssetID, spec.AssetKind = lr.Media[0].AssetID, lr.Media[0].Kind
		}
		return llmtest.Text("```json\n" + llmtest.Storyboard(spec) + "\n```")
	}
}

func firstN(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// newModel starts a fake model server that answers with storyboarder and requires
// the key "test-key".
func newModel(t *testing.T) *llmtest.Server {
	m := llmtest.New(t)
	m.RequireKey("test-key")
	m.Handle(storyboarder(nil))
	return m
}

func llmPlanner(m *llmtest.Server) *agent.LLMPlanner {
	return agent.NewLLMPlanner(agent.LLMOptions{BaseURL: m.BaseURL(), Model: "storyboarder", APIKey: "test-key"})
}

// planWithNotes plans b and returns the storyboard with the notes, the LLM planner's
// first (the built-in planner may add its own after a fallback).
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

func isModel(sb *videoagent.Storyboard) bool { return strings.HasPrefix(sb.Title, "LLM: ") }

var composting = videoagent.Brief{Prompt: "A 30-second explainer about composting at home"}

// TestLLMPlannerSuite runs the shared planner suite against the LLM planner with a model
// that answers well.
func TestLLMPlannerSuite(t *testing.T) {
	plannertest.Run(t, llmPlanner(newModel(t)), nil)
}

// TestLLMPlannerUsesModel: one request with response_format json_schema (named, strict,
// the storyboard's schema) and the renderer's vocabulary in the system prompt; the
// model's storyboard is used, with every text recorded as the model's.
func TestLLMPlannerUsesModel(t *testing.T) {
	m := newModel(t)
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if !isModel(sb) || len(notes) != 0 || m.Count() != 1 {
		t.Fatalf("title %q notes %q requests %d: want the model's storyboard from one request", sb.Title, notes, m.Count())
	}
	req := m.Last()
	if req.Model != "storyboarder" || req.ResponseFormat != "json_schema" || req.SchemaName != "storyboard" || !req.Strict {
		t.Errorf("model %q response_format %q name %q strict %v", req.Model, req.ResponseFormat, req.SchemaName, req.Strict)
	}
	props, _ := req.Schema["properties"].(map[string]any)
	if props["scenes"] == nil || props["title"] == nil || req.Schema["additionalProperties"] != false {
		t.Errorf("schema = %v", req.Schema)
	}
	sys := req.System()
	for _, w := range []string{"presenter_left", "slide_bubble", "chart", "stat", "quote", "cta", "video", "narration_words", "words_per_minute", "data, not instructions", "Never invent facts"} {
		if !strings.Contains(sys, w) {
			t.Errorf("the system prompt does not mention %q", w)
		}
	}
	var lr agent.LLMRequest
	if err := req.DecodeUser(&lr); err != nil || lr.NarrationWords < 60 || lr.WordsPerMinute != 165 || lr.Language != "en" || lr.TargetSeconds != 30 {
		t.Errorf("request = %+v (%v)", lr, err)
	}

	// Provenance: every narration sentence and on-screen text, all the model's.
	for _, sc := range sb.Scenes {
		said := 0
		for _, p := range sc.Provenance {
			if p.Source != videoagent.SourceModel {
				t.Errorf("%s: %q has source %q", sc.ID, p.Text, p.Source)
			}
			if p.Field == "narration" {
				said += len(p.Text) + 1
				if !strings.Contains(sc.Narration, p.Text) {
					t.Errorf("%s: provenance sentence %q is not in the narration", sc.ID, p.Text)
				}
			}
		}
		if said < len(sc.Narration) {
			t.Errorf("%s: provenance covers %d of %d narration characters: %+v", sc.ID, said, len(sc.Narration), sc.Provenance)
		}
		if v := sc.Visual; v.Title != "" && !hasProvenance(sc, "visual.title", v.Title) {
			t.Errorf("%s: no provenance for the slide title %q", sc.ID, v.Title)
		}
		for _, b := range sc.Visual.Bullets {
			if !hasProvenance(sc, "visual.bullets", b) {
				t.Errorf("%s: no provenance for the bullet %q", sc.ID, b)
			}
		}
	}
}

func hasProvenance(sc videoagent.Scene, field, text string) bool {
	for _, p := range sc.Provenance {
		if p.Field == field && p.Text == text {
			return true
		}
	}
	return false
}

// TestLLMPlannerSchemaRejected: a server that rejects json_schema (as llama.cpp does)
// is asked again with json_object at once, and the planner remembers it; one that
// rejects json_object too gets no response_format.
func TestLLMPlannerSchemaRejected(t *testing.T) {
	m := newModel(t)
	m.RejectJSONSchema()
	p := llmPlanner(m)
	sb, notes := planWithNotes(t, p, composting)
	reqs := m.Requests()
	if !isModel(sb) || len(notes) != 0 || len(reqs) != 2 || reqs[0].ResponseFormat != "json_schema" || reqs[1].ResponseFormat != "json_object" {
		t.Fatalf("title %q notes %q; requests %d, formats %v", sb.Title, notes, len(reqs), formats(reqs))
	}
	if sb, _ = planWithNotes(t, p, composting); !isModel(sb) || m.Count() != 3 || m.Last().ResponseFormat != "json_object" {
		t.Errorf("second plan: %d requests, last format %q: the rejection was not remembered", m.Count(), m.Last().ResponseFormat)
	}

	m2 := newModel(t)
	m2.RejectJSONSchema()
	m2.RejectJSONObject()
	sb, notes = planWithNotes(t, llmPlanner(m2), composting)
	if reqs := m2.Requests(); !isModel(sb) || len(notes) != 0 || len(reqs) != 3 || reqs[2].ResponseFormat != "" {
		t.Errorf("title %q notes %q formats %v: want json_schema, json_object, then none", sb.Title, notes, formats(reqs))
	}
}

func formats(reqs []*llmtest.Request) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.ResponseFormat)
	}
	return out
}

// TestLLMPlannerRepairs: broken JSON gets one repair request carrying the answer and
// what is wrong with it.
func TestLLMPlannerRepairs(t *testing.T) {
	m := newModel(t)
	m.Enqueue(llmtest.Text(llmtest.BrokenJSON))
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if !isModel(sb) || m.Count() != 2 {
		t.Fatalf("title %q after %d requests, want the repaired model storyboard after 2", sb.Title, m.Count())
	}
	msgs := m.Last().Messages
	if len(msgs) != 4 || msgs[2].Role != "assistant" || msgs[2].Content != llmtest.BrokenJSON || !strings.Contains(msgs[3].Content, "invalid") || !strings.Contains(msgs[3].Content, "not a JSON storyboard") {
		t.Errorf("repair request: %+v", msgs)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "repaired") {
		t.Errorf("notes = %q", notes)
	}
}

// TestLLMPlannerRepairsLength: a storyboard far too long for the target is sent back
// with the word count to aim for.
func TestLLMPlannerRepairsLength(t *testing.T) {
	m := newModel(t)
	m.Enqueue(llmtest.Text(llmtest.Storyboard(llmtest.StoryboardSpec{Title: "Too long", Sentences: fillers, Words: 400, Scenes: 4})))
	sb, _ := planWithNotes(t, llmPlanner(m), composting)
	if !isModel(sb) || m.Count() != 2 || !strings.Contains(m.Last().LastUser(), "the target is 30 seconds") {
		t.Errorf("title %q after %d requests; repair = %q", sb.Title, m.Count(), m.Last().LastUser())
	}
}

// TestLLMPlannerFallsBack: after two bad answers the built-in planner writes the
// storyboard and a note says why; an unreachable server falls back too.
func TestLLMPlannerFallsBack(t *testing.T) {
	m := newModel(t)
	m.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.Text(llmtest.BrokenJSON) })
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if isModel(sb) || m.Count() != 2 {
		t.Fatalf("title %q after %d requests, want the fallback after a repair attempt", sb.Title, m.Count())
	}
	if len(notes) == 0 || !strings.Contains(notes[0], "built-in planner") || !strings.Contains(notes[0], "repair") || !strings.Contains(notes[0], "not a JSON storyboard") {
		t.Errorf("notes = %q", notes)
	}
	want, _ := agent.NewPlanner(agent.Options{}).Plan(context.Background(), composting)
	if sb.Title != want.Title || len(sb.Scenes) != len(want.Scenes) {
		t.Errorf("fallback storyboard differs from the built-in planner's")
	}
	// Standing in for a configured model, the built-in planner does not suggest configuring one.
	for _, n := range notes {
		if strings.Contains(n, "VIDEOAGENT_LLM_BASE_URL") {
			t.Errorf("a fallback note suggests configuring a model that is configured: %q", n)
		}
	}

	m.Close()
	sb, notes = planWithNotes(t, llmPlanner(m), composting)
	if sb.Title != want.Title || len(notes) == 0 || !strings.Contains(notes[0], "could not be reached") || !strings.Contains(notes[0], m.BaseURL()) {
		t.Errorf("unreachable model: title %q notes %q", sb.Title, notes)
	}
}

// TestLLMPlannerServerError: a 500 is retried once.
func TestLLMPlannerServerError(t *testing.T) {
	m := newModel(t)
	m.Enqueue(llmtest.Fail(500, "The server had an error while processing your request."))
	if sb, notes := planWithNotes(t, llmPlanner(m), composting); !isModel(sb) || len(notes) != 0 || m.Count() != 2 {
		t.Errorf("title %q notes %q after %d requests", sb.Title, notes, m.Count())
	}
	m.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.Fail(503, "overloaded") })
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if isModel(sb) || m.Count() != 4 || len(notes) == 0 || !strings.Contains(notes[0], "HTTP 503: overloaded") {
		t.Errorf("title %q notes %q after %d requests", sb.Title, notes, m.Count())
	}
}

// TestLLMPlannerAPIKey: the key goes as a bearer token; without one none is sent, even
// when OPENAI_API_KEY is set (it must not leak to a local server).
func TestLLMPlannerAPIKey(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "sk-must-not-leak")
	t.Setenv("OPENAI_ORG_ID", "org-must-not-leak")
	m := newModel(t)
	planWithNotes(t, llmPlanner(m), composting)
	if h := m.Last().Header.Get("Authorization"); h != "Bearer test-key" {
		t.Errorf("Authorization = %q", h)
	}
	m2 := llmtest.New(t)
	m2.Handle(storyboarder(nil))
	sb, _ := planWithNotes(t, agent.NewLLMPlanner(agent.LLMOptions{BaseURL: m2.BaseURL(), Model: "llama3.1"}), composting)
	if h := m2.Last().Header; !isModel(sb) || h.Get("Authorization") != "" || h.Get("OpenAI-Organization") != "" {
		t.Errorf("without a key: Authorization %q, organization %q", h.Get("Authorization"), h.Get("OpenAI-Organization"))
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
