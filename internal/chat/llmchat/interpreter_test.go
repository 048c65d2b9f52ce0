package llmchat_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
	"github.com/openvideoagent/videoagent/internal/chat/llmchat"
	"github.com/openvideoagent/videoagent/internal/llmtest"
)

// storyboard is a storyboard under review: a title card, two content scenes and the
// call to action.
func storyboard() *videoagent.Storyboard {
	return &videoagent.Storyboard{
		Version: 1, Title: "Privacy Workshop", Language: "en", AspectRatio: "16:9", Resolution: "720p", FPS: 30,
		StyleID: "clean", AvatarID: "ava-business", VoiceID: "en-us-1",
		Scenes: []videoagent.Scene{
			{ID: "s1", Layout: "title", Narration: "Welcome to our privacy workshop for small businesses.", Visual: videoagent.Visual{Kind: "title", Title: "Privacy Workshop"}},
			{ID: "s2", Layout: "presenter_left", Narration: "We meet on March 3 to cover the basics of data protection.", Visual: videoagent.Visual{Kind: "bullets", Title: "What you learn", Bullets: []string{"Data protection basics", "Simple checklists"}}},
			{ID: "s3", Layout: "presenter_right", Narration: "You leave with a checklist you can use the same day.", Visual: videoagent.Visual{Kind: "title", Title: "Take-aways"}},
			{ID: "s4", Layout: "presenter_left", Narration: "Sign up today and bring a colleague.", Visual: videoagent.Visual{Kind: "cta", Title: "Get started", Text: "Sign up today"}},
		},
	}
}

// session is the chat context of the storyboard, with a small catalogue.
func session() chat.Context {
	return chat.Context{
		State: chat.StateReviewing, Storyboard: storyboard(),
		Looks:  []videoagent.Look{{ID: "ava-business", Name: "Ava", Gender: "female"}, {ID: "marcus-casual", Name: "Marcus", Gender: "male"}},
		Voices: []videoagent.Voice{{ID: "en-us-1", Name: "Jenny", Locale: "en-US", Gender: "female"}, {ID: "de-de-1", Name: "Katja", Locale: "de-DE", Gender: "female"}},
		Styles: []chat.Style{{ID: "clean", Name: "Clean"}, {ID: "midnight", Name: "Midnight", Tags: []string{"dark"}}},
	}
}

func newInterpreter(m *llmtest.Server, timeout time.Duration) *llmchat.Interpreter {
	return llmchat.New(agent.NewLLMClient(agent.LLMOptions{BaseURL: m.BaseURL(), Model: "editor", Timeout: timeout}))
}

// edit is the arguments of an edit_storyboard call, every op field present as a strict
// schema makes the model write them.
func edit(reply string, approve bool, ops ...chat.Op) map[string]any {
	var list []any
	for _, op := range ops {
		list = append(list, map[string]any{
			"kind": op.Kind, "scene_id": op.SceneID, "other_id": op.OtherID, "anchor": op.Anchor, "where": op.Where,
			"text": op.Text, "old": op.Old, "url": op.URL, "topic": op.Topic, "asset_id": op.AssetID, "asset_kind": op.AssetKind,
			"avatar_id": op.AvatarID, "voice_id": op.VoiceID, "style_id": op.StyleID, "aspect_ratio": op.AspectRatio,
			"on": op.On, "duration_sec": op.DurationSec, "tone": op.Tone, "language": op.Language,
		})
	}
	if list == nil {
		list = []any{}
	}
	return map[string]any{"reply": reply, "approve": approve, "ops": list}
}

// applied applies a result's ops to the session's storyboard.
func applied(t *testing.T, c chat.Context, r chat.Result) *videoagent.Storyboard {
	t.Helper()
	sb, _, err := chat.Apply(c.Storyboard, r.Ops)
	if err != nil {
		t.Fatalf("apply %+v: %v", r.Ops, err)
	}
	return sb
}

// TestExactCommandsSkipModel: approvals, choices and single commands the rules
// understand need no model call.
func TestExactCommandsSkipModel(t *testing.T) {
	m := llmtest.New(t)
	in := newInterpreter(m, 0)
	c := session()
	for _, msg := range []string{"looks good", "Looks good, go ahead!", "use Marcus instead", "remove scene 2", `change scene 2 to say "We meet on March 3."`, "make it vertical", "thanks!"} {
		got := in.Interpret(context.Background(), msg, c)
		if want := chat.Interpret(msg, c); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %+v, want the rules' %+v", msg, got, want)
		}
	}
	waiting := session()
	waiting.State, waiting.Storyboard = chat.StateWaitingForInput, nil
	waiting.Options = []chat.Option{{ID: "ava-business", Name: "Ava", Kind: chat.OptionAvatar}, {ID: "marcus-casual", Name: "Marcus", Kind: chat.OptionAvatar}}
	if r := in.Interpret(context.Background(), "2", waiting); r.Choice != "marcus-casual" {
		t.Errorf("choice = %+v", r)
	}
	if m.Count() != 0 {
		t.Errorf("%d model calls for exact commands", m.Count())
	}
}

// TestFreeFormToolCall: a free-form request goes to the model with the state, the
// storyboard and the catalogue, and the function call's edits come back as ops.
func TestFreeFormToolCall(t *testing.T) {
	m := llmtest.New(t)
	m.Enqueue(llmtest.Call(llmchat.ToolName, edit("I've turned the ending into a question.", false,
		chat.Op{Kind: chat.OpSetNarration, SceneID: "s4", Text: "Will you sign up today and bring a colleague?"})))
	c := session()
	r := newInterpreter(m, 0).Interpret(context.Background(), "make the ending a question", c)
	if !r.Understood || r.Approve || len(r.Ops) != 1 || r.Reply != "I've turned the ending into a question." {
		t.Fatalf("result = %+v", r)
	}
	if sb := applied(t, c, r); !strings.HasSuffix(sb.Scenes[3].Narration, "?") || sb.Scenes[1].Narration != c.Storyboard.Scenes[1].Narration {
		t.Errorf("scenes after the edit: %q / %q", sb.Scenes[3].Narration, sb.Scenes[1].Narration)
	}
	req := m.Last()
	if len(req.Tools) != 1 || req.Tools[0] != "edit_storyboard" || req.ToolChoice != "required" || !strings.Contains(req.System(), "edit_storyboard") {
		t.Errorf("tools %v choice %v", req.Tools, req.ToolChoice)
	}
	var view struct {
		Message    string `json:"message"`
		State      string `json:"state"`
		Storyboard struct {
			Scenes []struct{ ID, Narration string }
		} `json:"storyboard"`
		Looks  []struct{ ID string }
		Voices []struct{ ID string }
		Styles []struct{ ID string }
	}
	if err := req.DecodeUser(&view); err != nil {
		t.Fatal(err)
	}
	if view.Message != "make the ending a question" || view.State != "reviewing" || len(view.Storyboard.Scenes) != 4 || view.Storyboard.Scenes[3].ID != "s4" ||
		len(view.Looks) != 2 || len(view.Voices) != 1 || len(view.Styles) != 2 {
		t.Errorf("the model saw %+v", view)
	}
	tool, _ := req.Body["tools"].([]any)[0].(map[string]any)["function"].(map[string]any)
	if params, _ := tool["parameters"].(map[string]any); tool["strict"] != true || params["required"] == nil {
		t.Errorf("tool = %v", tool)
	}
}

// TestFreeFormEdits: the requests the rules cannot do — add facts, a warmer tone, a
// replaced scene, a mention with a link — are done by the model's edits.
func TestFreeFormEdits(t *testing.T) {
	c := session()
	for _, tc := range []struct {
		msg   string
		edit  map[string]any
		check func(sb *videoagent.Storyboard) bool
	}{
		{"add these facts: 40% of breaches hit small firms, and fines start at 10,000 euros",
			edit("I've added both facts to scene 2.", false, chat.Op{Kind: chat.OpAddLine, SceneID: "s2", Text: "40% of breaches hit small firms, and fines start at 10,000 euros."}),
			func(sb *videoagent.Storyboard) bool { return strings.Contains(sb.Scenes[1].Narration, "10,000 euros") }},
		{"say it warmer",
			edit("I've made the script warmer.", false,
				chat.Op{Kind: chat.OpSetNarration, SceneID: "s1", Text: "Hello, and a warm welcome to our privacy workshop for small businesses!"},
				chat.Op{Kind: chat.OpSetNarration, SceneID: "s4", Text: "We'd love to see you there, so sign up today and bring a colleague!"}),
			func(sb *videoagent.Storyboard) bool {
				return strings.HasPrefix(sb.Scenes[0].Narration, "Hello") && len(sb.Scenes) == 4
			}},
		{"replace scene 3 with a scene about pricing",
			edit("Scene 3 is now about pricing.", false,
				chat.Op{Kind: chat.OpRemoveScene, SceneID: "s3"},
				chat.Op{Kind: chat.OpAddScene, Where: chat.WhereAfter, Anchor: "s2", Topic: "Pricing", Text: "The workshop is priced for small teams."}),
			func(sb *videoagent.Storyboard) bool {
				return len(sb.Scenes) == 4 && sb.Scenes[2].Visual.Title == "Pricing" && strings.Contains(sb.Scenes[2].Narration, "priced")
			}},
		{"mention that it's a webinar, free to join, and that registration is at privacy.example.com",
			edit("I've said it's a free webinar and added the registration link.", false,
				chat.Op{Kind: chat.OpAddLine, SceneID: "s2", Text: "It's a webinar, and it's free to join."},
				chat.Op{Kind: chat.OpSetCTA, Text: "Register at privacy.example.com", URL: "privacy.example.com"}),
			func(sb *videoagent.Storyboard) bool {
				return strings.Contains(sb.Scenes[1].Narration, "webinar") && sb.Scenes[3].Visual.URL == "privacy.example.com"
			}},
	} {
		m := llmtest.New(t)
		m.Enqueue(llmtest.Call(llmchat.ToolName, tc.edit))
		r := newInterpreter(m, 0).Interpret(context.Background(), tc.msg, c)
		if m.Count() != 1 || !r.Understood || strings.Contains(r.Reply, "could not be used") {
			t.Errorf("%q: %d model calls, result %+v", tc.msg, m.Count(), r)
			continue
		}
		if sb := applied(t, c, r); !tc.check(sb) {
			b, _ := json.Marshal(sb.Scenes)
			t.Errorf("%q: storyboard after the edits: %s", tc.msg, b)
		}
	}
}

// TestJSONContentWithoutTools: a server without tools (llama.cpp without --jinja) is
// asked again without them, with the edit list's schema as the response format, and
// the JSON in the message content is used; the client remembers.
func TestJSONContentWithoutTools(t *testing.T) {
	m := llmtest.New(t)
	m.RejectTools()
	args, _ := json.Marshal(edit("Done: scene 3 now ends with a question.", false, chat.Op{Kind: chat.OpSetNarration, SceneID: "s3", Text: "Will you leave with a checklist you can use the same day?"}))
	m.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.Text("```json\n" + string(args) + "\n```") })
	in := newInterpreter(m, 0)
	c := session()
	r := in.Interpret(context.Background(), "could the third scene end with a question instead", c)
	reqs := m.Requests()
	if len(reqs) != 2 || len(reqs[0].Tools) != 1 || len(reqs[1].Tools) != 0 || reqs[1].ResponseFormat != "json_schema" || reqs[1].SchemaName != "edit_storyboard" {
		t.Fatalf("requests: %d; tools %v then %v, format %q", len(reqs), reqs[0].Tools, reqs[len(reqs)-1].Tools, reqs[len(reqs)-1].ResponseFormat)
	}
	if len(r.Ops) != 1 || r.Ops[0].SceneID != "s3" || !strings.HasPrefix(r.Reply, "Done") {
		t.Errorf("result = %+v", r)
	}
	in.Interpret(context.Background(), "could the third scene end with a question instead", c)
	if m.Count() != 3 || len(m.Last().Tools) != 0 {
		t.Errorf("the rejection of tools was not remembered: %d requests", m.Count())
	}
}

// TestFallbackToRules: an answer that cannot be used — an unknown scene, a voice not in
// the catalogue, broken JSON, a server error, a timeout — gives the rules' result, with
// a sentence saying the model's answer could not be used and why.
func TestFallbackToRules(t *testing.T) {
	c := session()
	const msg = "please make the ending a question, it sounds too flat"
	rules := chat.Interpret(msg, c)
	for _, tc := range []struct {
		reply llmtest.Reply
		why   string
	}{
		{llmtest.Call(llmchat.ToolName, edit("ok", false, chat.Op{Kind: chat.OpSetNarration, SceneID: "s9", Text: "Why not?"})), `no scene "s9"`},
		{llmtest.Call(llmchat.ToolName, edit("ok", false, chat.Op{Kind: chat.OpSetVoice, VoiceID: "hal-9000"})), "not a voice of the catalogue"},
		{llmtest.Call(llmchat.ToolName, edit("ok", false, chat.Op{Kind: "make_it_pop"})), "unknown edit"},
		{llmtest.Call(llmchat.ToolName, edit("ok", false, chat.Op{Kind: chat.OpReplaceText, Old: "not in the script", Text: "x"})), "do not apply"},
		{llmtest.Call(llmchat.ToolName, `{"reply": "ok", "ops": [`), "not JSON"},
		{llmtest.Fail(400, "model 'editor' not found"), "HTTP 400: model 'editor' not found"},
		{llmtest.Slow(time.Minute, llmtest.Text("{}")), "did not answer within 0.3 s"},
	} {
		m := llmtest.New(t)
		m.Enqueue(tc.reply)
		r := newInterpreter(m, 300*time.Millisecond).Interpret(context.Background(), msg, c)
		if !reflect.DeepEqual(r.Ops, rules.Ops) || r.Approve != rules.Approve || !strings.HasPrefix(r.Reply, rules.Reply) ||
			!strings.Contains(r.Reply, "could not be used") || !strings.Contains(r.Reply, tc.why) {
			t.Errorf("%s: result %+v", tc.why, r)
		}
	}
}

// TestModelResults: the model's result follows the chat contract: a replan comes first
// and without scene edits, approval only in review, a pick among offered options is the
// Choice, edits after completion are a follow-up.
func TestModelResults(t *testing.T) {
	ctx := context.Background()
	m := llmtest.New(t)
	in := newInterpreter(m, 0)

	m.Enqueue(llmtest.Call(llmchat.ToolName, edit("I'll make it a minute long and reword the ending.", false,
		chat.Op{Kind: chat.OpSetNarration, SceneID: "s4", Text: "Join us?"}, chat.Op{Kind: chat.OpReplan, DurationSec: 60})))
	r := in.Interpret(ctx, "I think it could be a full minute long, and reword the ending", session())
	if op, ok := r.Replan(); !ok || op.DurationSec != 60 || len(r.Ops) != 1 || !strings.Contains(r.Reply, "rewrite the script first") {
		t.Errorf("replan result = %+v", r)
	}

	m.Enqueue(llmtest.Call(llmchat.ToolName, edit("Great, rendering now.", true)))
	if r = in.Interpret(ctx, "this is exactly what I had in mind, please render it now", session()); !r.Approve || len(r.Ops) != 0 {
		t.Errorf("approval = %+v", r)
	}
	done := session()
	done.State = chat.StateCompleted
	m.Enqueue(llmtest.Call(llmchat.ToolName, edit("Ok.", true, chat.Op{Kind: chat.OpSetSceneTitle, SceneID: "s3", Text: "Your checklist"})))
	if r = in.Interpret(ctx, "for the next one, call the third slide your checklist please", done); r.Approve || !r.FollowUp {
		t.Errorf("after completion = %+v", r)
	}

	waiting := session()
	waiting.State, waiting.Storyboard = chat.StateWaitingForInput, nil
	waiting.Options = []chat.Option{{ID: "ava-business", Name: "Ava", Kind: chat.OptionAvatar}, {ID: "marcus-casual", Name: "Marcus", Kind: chat.OptionAvatar}}
	m.Enqueue(llmtest.Call(llmchat.ToolName, edit("Marcus it is.", false, chat.Op{Kind: chat.OpSetAvatar, AvatarID: "marcus-casual"})))
	if r = in.Interpret(ctx, "hmm, the guy in the second picture I suppose", waiting); r.Choice != "marcus-casual" || len(r.Ops) != 1 {
		t.Errorf("choice = %+v", r)
	}
	m.Enqueue(llmtest.Call(llmchat.ToolName, edit("ok", false, chat.Op{Kind: chat.OpSetNarration, SceneID: "s1", Text: "Hi"})))
	if r = in.Interpret(ctx, "hmm, the guy in the second picture I suppose", waiting); !strings.Contains(r.Reply, "no storyboard yet") {
		t.Errorf("scene edit before planning = %+v", r)
	}
}

// TestEditProvenance: text the model wrote is recorded as the model's in the scene's
// provenance; text copied from the user's message as the message's.
func TestEditProvenance(t *testing.T) {
	for _, tc := range []struct {
		msg, text, want string
	}{
		{"make the ending a question", "Why not sign up today and bring a colleague?", videoagent.SourceModel},
		{`change the last line to "Seats are limited, so sign up today."`, "Seats are limited, so sign up today.", videoagent.SourceMessage},
	} {
		m := llmtest.New(t)
		m.Enqueue(llmtest.Call(llmchat.ToolName, edit("Done.", false, chat.Op{Kind: chat.OpSetNarration, SceneID: "s4", Text: tc.text})))
		c := session()
		r := newInterpreter(m, 5*time.Second).Interpret(context.Background(), tc.msg, c)
		sb := applied(t, c, r)
		got := ""
		for _, p := range sb.Scenes[3].Provenance {
			if p.Field == "narration" && p.Text == tc.text {
				got = p.Source
			}
		}
		if got != tc.want {
			t.Errorf("%q: provenance %q, want %q (%+v)", tc.msg, got, tc.want, sb.Scenes[3].Provenance)
		}
	}
}
