package chat

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

func sceneMap(t *testing.T, sb *videoagent.Storyboard) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, sc := range sb.Scenes {
		b, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		m[sc.ID] = string(b)
	}
	return m
}

func ids(sb *videoagent.Storyboard) []string {
	var out []string
	for _, sc := range sb.Scenes {
		out = append(out, sc.ID)
	}
	return out
}

// mustApply applies ops and checks what every Apply must guarantee: the input is untouched,
// the output validates, and scenes not reported as changed or added are byte-identical.
func mustApply(t *testing.T, sb *videoagent.Storyboard, ops ...Op) (*videoagent.Storyboard, Changes) {
	t.Helper()
	before, _ := json.Marshal(sb)
	old := sceneMap(t, sb)
	out, ch, err := Apply(sb, ops)
	if err != nil {
		t.Fatalf("Apply(%+v): %v", ops, err)
	}
	if after, _ := json.Marshal(sb); string(after) != string(before) {
		t.Fatal("Apply modified its input")
	}
	if err := out.Validate(); err != nil {
		t.Fatalf("result does not validate: %v", err)
	}
	touched := map[string]bool{}
	for _, id := range append(append([]string{}, ch.Changed...), ch.Added...) {
		touched[id] = true
	}
	for id, js := range sceneMap(t, out) {
		if touched[id] {
			if old[id] == js {
				t.Errorf("scene %s reported changed but is identical", id)
			}
			continue
		}
		if old[id] != js {
			t.Errorf("scene %s changed but not reported:\n%s\n%s", id, old[id], js)
		}
	}
	return out, ch
}

func TestApplySceneTextKeepsOtherScenes(t *testing.T) {
	sb := testStoryboard(t)
	out, ch := mustApply(t, sb, Op{Kind: OpSetNarration, SceneID: "s2", Text: "Deadlines slip. TaskFlow fixes that."})
	if !reflect.DeepEqual(ch.Changed, []string{"s2"}) || len(ch.Added)+len(ch.Removed)+len(ch.Global) > 0 || ch.Reordered {
		t.Fatalf("changes %+v", ch)
	}
	if !reflect.DeepEqual(ids(out), ids(sb)) {
		t.Fatalf("ids %v", ids(out))
	}
	if out.Scenes[1].Narration != "Deadlines slip. TaskFlow fixes that." {
		t.Fatal(out.Scenes[1].Narration)
	}
	// Only scene 2's JSON differs.
	o, n := sceneMap(t, sb), sceneMap(t, out)
	for _, id := range []string{"s1", "s3", "s4", "s5", "s6"} {
		if o[id] != n[id] {
			t.Errorf("%s differs", id)
		}
	}
}

func TestApplyReplaceAndTitles(t *testing.T) {
	sb := testStoryboard(t)
	out, ch := mustApply(t, sb,
		Op{Kind: OpReplaceText, SceneID: "s4", Old: "boards", Text: "kanban boards"},
		Op{Kind: OpSetSceneTitle, SceneID: "s2", Text: "The problem"},
	)
	if !reflect.DeepEqual(ch.Changed, []string{"s2", "s4"}) {
		t.Fatalf("changed %v", ch.Changed)
	}
	if !strings.Contains(out.Scenes[3].Narration, "kanban boards") || out.Scenes[1].Visual.Title != "The problem" {
		t.Fatalf("%+v", out.Scenes[1:4])
	}
	// Scene 2 had no slide; a title makes it a title visual.
	if out.Scenes[1].Visual.Kind != videoagent.VisualTitle {
		t.Fatal(out.Scenes[1].Visual.Kind)
	}
	out, ch = mustApply(t, sb, Op{Kind: OpSetTitle, Text: "TaskFlow in 60 seconds"})
	if out.Title != "TaskFlow in 60 seconds" || out.Scenes[0].Visual.Title != "TaskFlow in 60 seconds" {
		t.Fatalf("%q %q", out.Title, out.Scenes[0].Visual.Title)
	}
	if !reflect.DeepEqual(ch.Changed, []string{"s1"}) || !reflect.DeepEqual(ch.Global, []GlobalField{GlobalTitle}) {
		t.Fatalf("%+v", ch)
	}
	if _, _, err := Apply(sb, []Op{{Kind: OpReplaceText, Old: "blockchain", Text: "AI"}}); err == nil {
		t.Fatal("replacing a missing text succeeded")
	}
}

func TestApplyReorder(t *testing.T) {
	sb := testStoryboard(t)
	out, ch := mustApply(t, sb, Op{Kind: OpMoveScene, SceneID: "s4", Anchor: "s2", Where: WhereBefore})
	if got := strings.Join(ids(out), " "); got != "s1 s4 s2 s3 s5 s6" {
		t.Fatal(got)
	}
	if !ch.Reordered || len(ch.Changed) > 0 {
		t.Fatalf("%+v", ch)
	}
	out, _ = mustApply(t, sb, Op{Kind: OpSwapScenes, SceneID: "s2", OtherID: "s3"})
	if got := strings.Join(ids(out), " "); got != "s1 s3 s2 s4 s5 s6" {
		t.Fatal(got)
	}
	out, _ = mustApply(t, sb, Op{Kind: OpMoveScene, SceneID: "s2", Where: WhereEnd}, Op{Kind: OpMoveScene, SceneID: "s5", Where: WhereStart})
	if got := strings.Join(ids(out), " "); got != "s5 s1 s3 s4 s6 s2" {
		t.Fatal(got)
	}
}

func TestApplyRemoveAndAdd(t *testing.T) {
	sb := testStoryboard(t)
	out, ch := mustApply(t, sb, Op{Kind: OpRemoveScene, SceneID: "s3"})
	if got := strings.Join(ids(out), " "); got != "s1 s2 s4 s5 s6" || !reflect.DeepEqual(ch.Removed, []string{"s3"}) || ch.Reordered {
		t.Fatalf("%s %+v", got, ch)
	}
	// A removed id is never reused by a new scene.
	out, ch = mustApply(t, sb,
		Op{Kind: OpRemoveScene, SceneID: "s6"},
		Op{Kind: OpAddScene, Anchor: "s2", Where: WhereAfter, Topic: "pricing"},
		Op{Kind: OpAddScene, Where: WhereEnd, Text: "Thanks for watching!"},
	)
	if got := strings.Join(ids(out), " "); got != "s1 s2 s7 s3 s4 s5 s8" {
		t.Fatal(got)
	}
	if !reflect.DeepEqual(ch.Added, []string{"s7", "s8"}) || !reflect.DeepEqual(ch.Drafted, []string{"s7"}) || !reflect.DeepEqual(ch.Removed, []string{"s6"}) {
		t.Fatalf("%+v", ch)
	}
	added := out.Scenes[2]
	if added.Narration != "Now, let's talk about pricing." || added.Visual.Title != "Pricing" || added.Layout == "" {
		t.Fatalf("%+v", added)
	}
	if out.Scenes[6].Narration != "Thanks for watching!" || out.Scenes[6].Layout != videoagent.LayoutPresenter {
		t.Fatalf("%+v", out.Scenes[6])
	}
	// Interpret then Apply: the same through the language layer.
	r := Interpret("add a scene about our pricing plans before the last scene", reviewCtx(t))
	out, _ = mustApply(t, sb, r.Ops...)
	if out.Scenes[5].Visual.Title != "Our pricing plans" || out.Scenes[6].ID != "s6" {
		t.Fatalf("%+v", out.Scenes[5])
	}
	if _, _, err := Apply(&videoagent.Storyboard{Title: "x", AspectRatio: "16:9", Resolution: "720p", FPS: 30,
		Scenes: []videoagent.Scene{{ID: "s1", Layout: videoagent.LayoutPresenter}}}, []Op{{Kind: OpRemoveScene, SceneID: "s1"}}); err == nil {
		t.Fatal("removed the only scene")
	}
	if _, _, err := Apply(sb, []Op{{Kind: OpRemoveScene, SceneID: "s42"}}); err == nil {
		t.Fatal("removed a missing scene")
	}
	if _, _, err := Apply(nil, nil); err == nil {
		t.Fatal("Apply(nil) succeeded")
	}
}

func TestApplyGlobalSettings(t *testing.T) {
	sb := testStoryboard(t)
	out, ch := mustApply(t, sb,
		Op{Kind: OpSetAspect, AspectRatio: "9:16"},
		Op{Kind: OpSetAvatar, AvatarID: "marcus-business"},
		Op{Kind: OpSetVoice, VoiceID: "espeak-en-us-m"},
		Op{Kind: OpSetStyle, StyleID: "midnight"},
		Op{Kind: OpSetCaptions, On: true},
		Op{Kind: OpSetMusic, AssetID: "asset_song"},
		Op{Kind: OpSetLogo, AssetID: "asset_logo"},
		Op{Kind: OpReplan, DurationSec: 20}, // left to the integrator
	)
	if out.AspectRatio != "9:16" || out.AvatarID != "marcus-business" || out.VoiceID != "espeak-en-us-m" || out.StyleID != "midnight" ||
		!out.Captions || out.MusicAssetID != "asset_song" || out.Brand == nil || out.Brand.LogoAssetID != "asset_logo" {
		t.Fatalf("%+v", out)
	}
	want := []GlobalField{GlobalAvatar, GlobalVoice, GlobalStyle, GlobalAspectRatio, GlobalCaptions, GlobalMusic, GlobalBrand}
	if !reflect.DeepEqual(ch.Global, want) || len(ch.Changed) > 0 {
		t.Fatalf("%+v", ch)
	}
	if w, h, _ := videoagent.FrameSize(out.AspectRatio, out.Resolution); w >= h {
		t.Fatalf("%dx%d is not vertical", w, h)
	}
	if _, _, err := Apply(sb, []Op{{Kind: OpSetAspect, AspectRatio: "3:2"}}); err == nil {
		t.Fatal("3:2 accepted")
	}
}

func TestApplyCTAAndMedia(t *testing.T) {
	sb := testStoryboard(t)
	out, ch := mustApply(t, sb, Op{Kind: OpSetCTA, Text: "Visit example.com/start", URL: "example.com/start"})
	cta := out.Scenes[5]
	if !reflect.DeepEqual(ch.Changed, []string{"s6"}) || cta.Visual.URL != "example.com/start" || cta.Visual.Text != "Visit example.com/start" {
		t.Fatalf("%+v %+v", ch, cta.Visual)
	}
	if !strings.Contains(cta.Narration, "example.com/start") || strings.Contains(cta.Narration, "taskflow.io/start") {
		t.Fatalf("narration %q", cta.Narration)
	}
	// A link only: the line keeps its words, with the new link.
	out, _ = mustApply(t, sb, Op{Kind: OpSetCTA, URL: "https://taskflow.io/pricing?ref=video"})
	if v := out.Scenes[5].Visual; v.Text != "Visit https://taskflow.io/pricing?ref=video" || v.URL != "https://taskflow.io/pricing?ref=video" {
		t.Fatalf("%+v", v)
	}
	out, ch = mustApply(t, sb, Op{Kind: OpSetMedia, SceneID: "s2", AssetID: "asset_img1", AssetKind: videoagent.MaterialImage})
	sc := out.Scenes[1]
	if sc.Visual.Kind != videoagent.VisualImage || sc.Visual.AssetID != "asset_img1" || sc.Layout != videoagent.LayoutPresenterLeft || !reflect.DeepEqual(ch.Changed, []string{"s2"}) {
		t.Fatalf("%+v", sc)
	}
	// A storyboard without a CTA scene gets one.
	sb.Scenes = sb.Scenes[:5]
	out, ch = mustApply(t, sb, Op{Kind: OpSetCTA, Text: "Book a demo at taskflow.io/demo"})
	if len(ch.Added) != 1 || out.Scenes[5].Visual.URL != "taskflow.io/demo" || out.Scenes[5].Narration != "Book a demo at taskflow.io/demo." {
		t.Fatalf("%+v %+v", ch, out.Scenes[5])
	}
}

func TestReviseBriefAndReplan(t *testing.T) {
	sb := testStoryboard(t)
	brief := videoagent.Brief{Prompt: testPrompt, Mode: videoagent.ModeChat}
	planner := agent.NewPlanner(agent.Options{})

	// Shorter, energetic, in German, with Marcus: the planner gets it all.
	ctx := reviewCtx(t)
	ctx.Storyboard = sb
	sb.Captions = true
	r := Interpret("make it shorter, more energetic and in German, with Marcus presenting", ctx)
	rp, ok := r.Replan()
	if !ok || rp.DurationSec != 42 || rp.Tone != "energetic" || rp.Language != "de" {
		t.Fatalf("%+v", r)
	}
	b := ReviseBrief(brief, sb, r.Ops)
	if b.DurationSec != 42 || b.AvatarID != "marcus-business" || b.VoiceID != "" || b.StyleID != "default" || b.Orientation != "landscape" {
		t.Fatalf("%+v", b)
	}
	if !strings.HasPrefix(b.Prompt, "Tone: energetic. Narrated in German. A 60-second") {
		t.Fatal(b.Prompt)
	}
	planned, err := planner.Plan(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	next := CarryOver(sb, planned)
	next, _, err = Apply(next, r.Ops)
	if err != nil {
		t.Fatal(err)
	}
	a := agent.Analyze(b)
	if next.Language != "de" || a.Tone != "energetic" || next.AvatarID != "marcus-business" || !next.Captions {
		t.Fatalf("%s %s %s %v", next.Language, a.Tone, next.AvatarID, next.Captions)
	}
	if fitted, _ := FitLength(next, 42, agent.Rate{}); Estimate(fitted, agent.Rate{}) > 42*(1+LengthTolerance) {
		t.Fatalf("replanned and fitted to %.0f s", Estimate(fitted, agent.Rate{}))
	}

	// A second revision replaces the first one's line instead of stacking.
	b2 := ReviseBrief(b, next, []Op{{Kind: OpReplan, Tone: "calm"}})
	if !strings.HasPrefix(b2.Prompt, "Tone: calm. Narrated in German. A 60-second") || strings.Count(b2.Prompt, "Tone:") != 1 {
		t.Fatal(b2.Prompt)
	}
	// A follow-up about a new topic starts from the new prompt.
	b3 := ReviseBrief(b, next, []Op{{Kind: OpReplan, Prompt: "our pricing plans"}})
	if b3.Prompt != "our pricing plans" || b3.DurationSec != 0 {
		t.Fatalf("%+v", b3)
	}
	// Before planning: a choice and a length go into the brief.
	r = Interpret("the second one, and 30 seconds", Context{State: StateWaitingForInput, Options: voiceOptions, Voices: testVoices})
	b4 := ReviseBrief(brief, nil, r.Ops)
	if b4.VoiceID != "espeak-en-gb-m" || b4.DurationSec != 30 || b4.Prompt != testPrompt {
		t.Fatalf("%+v", b4)
	}
	// "Shorter" before a storyboard exists scales the length the brief asks for.
	b5 := ReviseBrief(brief, nil, []Op{{Kind: OpReplan, Scale: 0.5}})
	if b5.DurationSec != 30 {
		t.Fatalf("%+v", b5)
	}
}

// A review conversation: three successive revisions, each applied to the previous result,
// then an approval; only the edited scenes change.
func TestConversation(t *testing.T) {
	ctx := reviewCtx(t)
	sb := ctx.Storyboard
	for _, step := range []struct {
		msg     string
		changed []string
		global  []GlobalField
	}{
		{"use Marcus", nil, []GlobalField{GlobalAvatar, GlobalVoice}},
		{"change scene 2 to say Deadlines slip. Not anymore.", []string{"s2"}, nil},
		{"swap scenes 4 and 5, and turn on captions", nil, []GlobalField{GlobalCaptions}},
		{"drop the last scene", nil, nil},
	} {
		ctx.Storyboard = sb
		r := Interpret(step.msg, ctx)
		if len(r.Ops) == 0 || r.Approve {
			t.Fatalf("%q: %+v", step.msg, r)
		}
		next, ch, err := Apply(sb, r.Ops)
		if err != nil {
			t.Fatalf("%q: %v", step.msg, err)
		}
		if !reflect.DeepEqual(ch.Changed, step.changed) || !reflect.DeepEqual(ch.Global, step.global) {
			t.Fatalf("%q: %+v", step.msg, ch)
		}
		sb = next
	}
	if got := strings.Join(ids(sb), " "); got != "s1 s2 s3 s5 s4" {
		t.Fatal(got)
	}
	ctx.Storyboard = sb
	if r := Interpret("looks good", ctx); !r.Approve || len(r.Ops) > 0 {
		t.Fatalf("%+v", r)
	}
}
