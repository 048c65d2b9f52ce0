package chat

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
)

var voiceOptions = []Option{
	{ID: "espeak-en-us-f", Name: "English (America), female", Kind: OptionVoice, Description: "Warm American female voice"},
	{ID: "espeak-en-gb-m", Name: "English (Great Britain), male", Kind: OptionVoice, Description: "Calm British male voice"},
	{ID: "espeak-en-us-m", Name: "English (America), male", Kind: OptionVoice, Description: "Energetic American male voice"},
}

var avatarOptions = []Option{
	{ID: "ava-business", Name: "Ava", Kind: OptionAvatar, Description: "Business look"},
	{ID: "marcus-casual", Name: "Marcus", Kind: OptionAvatar, Description: "Casual look"},
	{ID: "mei-creative", Name: "Mei", Kind: OptionAvatar, Description: "Creative look"},
}

type tcase struct {
	msg      string
	state    string   // "" = reviewing with the test storyboard
	options  []Option // waiting_for_input options
	attach   []Attachment
	noSB     bool
	ops      []Op
	approve  bool
	choice   string
	follow   bool
	notUnder bool     // nothing understood
	reply    []string // substrings the reply must contain
}

var img = []Attachment{{AssetID: "asset_img1", Kind: videoagent.MaterialImage}}

// The test storyboard (testStoryboard) has six scenes s1..s6 and runs about 60 s; scene 6
// is the call to action, scene 3 is about "boards".
var cases = []tcase{
	// Approval, in several languages.
	{msg: "looks good", approve: true, reply: []string{"rendering"}},
	{msg: "Looks great, go ahead!", approve: true},
	{msg: "yes, render it", approve: true},
	{msg: "ship it", approve: true},
	{msg: "Perfect", approve: true},
	{msg: "👍", approve: true},
	{msg: "LGTM", approve: true},
	{msg: "se ve bien, adelante", approve: true, reply: []string{"generando"}},
	{msg: "¡Perfecto!", approve: true},
	{msg: "Sieht gut aus", approve: true, reply: []string{"rendere"}},
	{msg: "passt, los geht's", approve: true},
	{msg: "C'est parfait, vas-y", approve: true, reply: []string{"rendu"}},
	{msg: "ok", reply: []string{"Shall I render"}},
	{msg: "thanks", reply: []string{"You're welcome", "Shall I render"}},
	{msg: "no, it doesn't look good", reply: []string{"tell me what to change"}},
	{msg: "not yet", reply: []string{"tell me what to change"}},
	{msg: "thanks!", state: StateCompleted, reply: []string{"You're welcome"}},
	{msg: "looks great", state: StateCompleted, reply: []string{"Glad you like it"}},

	// Length.
	{msg: "make it shorter", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}, reply: []string{"about 42 seconds instead of 60"}},
	{msg: "Can you make it longer?", ops: []Op{{Kind: OpReplan, DurationSec: 84, Scale: 1.4}}},
	{msg: "make it 30 seconds", ops: []Op{{Kind: OpReplan, DurationSec: 30}}},
	{msg: "keep it under a minute", ops: []Op{{Kind: OpReplan, DurationSec: 54}}},
	{msg: "half as long please", ops: []Op{{Kind: OpReplan, DurationSec: 30, Scale: 0.5}}},
	{msg: "a bit shorter", ops: []Op{{Kind: OpReplan, DurationSec: 51, Scale: 0.85}}},
	{msg: "make it 2 minutes long", ops: []Op{{Kind: OpReplan, DurationSec: 120}}},
	{msg: "cut it by 10 seconds", ops: []Op{{Kind: OpReplan, DurationSec: 50}}},
	{msg: "it's too long", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}},
	{msg: "make it forty-five seconds", ops: []Op{{Kind: OpReplan, DurationSec: 45}}},
	{msg: "hazlo más corto", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}},
	{msg: "mach es bitte kürzer", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}},
	{msg: "plus court s'il te plaît", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}},
	{msg: "30 Sekunden", ops: []Op{{Kind: OpReplan, DurationSec: 30}}},
	{msg: "could you make everything 50% shorter?", ops: []Op{{Kind: OpReplan, DurationSec: 30, Scale: 0.5}}},
	{msg: "make it for YouTube Shorts and keep it under 30 seconds", ops: []Op{{Kind: OpReplan, DurationSec: 27}, {Kind: OpSetAspect, AspectRatio: "9:16"}}},

	// Tone.
	{msg: "more energetic", ops: []Op{{Kind: OpReplan, Tone: "energetic"}}},
	{msg: "can the tone be more formal?", ops: []Op{{Kind: OpReplan, Tone: "professional"}}},
	{msg: "make it friendlier", ops: []Op{{Kind: OpReplan, Tone: "friendly"}}},
	{msg: "más enérgico", ops: []Op{{Kind: OpReplan, Tone: "energetic"}}},

	// Presenter.
	{msg: "use Marcus", ops: []Op{{Kind: OpSetAvatar, AvatarID: "marcus-business"}, {Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}, reply: []string{"Marcus (Business) with a matching male voice"}},
	{msg: "a male presenter", ops: []Op{{Kind: OpSetAvatar, AvatarID: "marcus-business"}, {Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}},
	{msg: "someone in casual clothes", ops: []Op{{Kind: OpSetAvatar, AvatarID: "ava-casual"}}},
	{msg: "the presenter with glasses", ops: []Op{{Kind: OpSetAvatar, AvatarID: "robert-business"}, {Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}},
	{msg: "use Mei in her creative outfit", ops: []Op{{Kind: OpSetAvatar, AvatarID: "mei-creative"}}},
	{msg: "a presenter with a hat", reply: []string{"Presenters: Ava, Marcus, Mei, Robert"}},
	{msg: "the presenter is nice", reply: []string{"Shall I render"}},

	// Voice.
	{msg: "a British voice", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-gb-f"}}},
	{msg: "use a deeper voice", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}},
	{msg: "a male voice with a Scottish accent", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-gb-scotland-m"}}},
	{msg: "switch the voice to Nova", ops: []Op{{Kind: OpSetVoice, VoiceID: "openai-nova"}}},
	{msg: "in Spanish with a Mexican accent", ops: []Op{{Kind: OpReplan, Language: "es"}, {Kind: OpSetVoice, VoiceID: "espeak-es-419-f"}}},
	{msg: "can you add background music? I attached a track", attach: []Attachment{{AssetID: "asset_song", Kind: videoagent.MaterialAudio}}, ops: []Op{{Kind: OpSetMusic, AssetID: "asset_song"}}},
	{msg: "use this as our logo", attach: img, ops: []Op{{Kind: OpSetLogo, AssetID: "asset_img1"}}},

	// Style.
	{msg: "make it darker", ops: []Op{{Kind: OpSetStyle, StyleID: "midnight"}}},
	{msg: "use the Neon Pop style", ops: []Op{{Kind: OpSetStyle, StyleID: "neon"}}},
	{msg: "a more playful style", ops: []Op{{Kind: OpSetStyle, StyleID: "pastel"}}},
	{msg: "more playful", ops: []Op{{Kind: OpReplan, Tone: "playful"}}},

	// Language.
	{msg: "in Spanish please", ops: []Op{{Kind: OpReplan, Language: "es"}}, reply: []string{"Spanish"}},
	{msg: "translate to German", ops: []Op{{Kind: OpReplan, Language: "de"}}},
	{msg: "en français", ops: []Op{{Kind: OpReplan, Language: "fr"}}},
	{msg: "in English", reply: []string{"already in English"}},

	// Orientation.
	{msg: "make it vertical", ops: []Op{{Kind: OpSetAspect, AspectRatio: "9:16"}}},
	{msg: "for TikTok", ops: []Op{{Kind: OpSetAspect, AspectRatio: "9:16"}}},
	{msg: "square please", ops: []Op{{Kind: OpSetAspect, AspectRatio: "1:1"}}},
	{msg: "landscape", reply: []string{"already landscape"}},
	{msg: "en formato vertical", ops: []Op{{Kind: OpSetAspect, AspectRatio: "9:16"}}},
	{msg: "im Hochformat bitte", ops: []Op{{Kind: OpSetAspect, AspectRatio: "9:16"}}},
	{msg: "4:5 for the Instagram feed", ops: []Op{{Kind: OpSetAspect, AspectRatio: "4:5"}}},

	// Scene edits.
	{msg: "change scene 2 to say We ship worldwide in two days.", ops: []Op{{Kind: OpSetNarration, SceneID: "s2", Text: "We ship worldwide in two days."}}},
	{msg: `scene two should say "Deadlines slip. TaskFlow fixes that."`, ops: []Op{{Kind: OpSetNarration, SceneID: "s2", Text: "Deadlines slip. TaskFlow fixes that."}}},
	{msg: "in scene 3, replace 'boards' with 'kanban boards'", ops: []Op{{Kind: OpReplaceText, SceneID: "s3", Old: "boards", Text: "kanban boards"}}},
	{msg: `replace "TaskFlow" with "TaskFlow Pro" everywhere`, ops: []Op{{Kind: OpReplaceText, Old: "TaskFlow", Text: "TaskFlow Pro"}}},
	{msg: `replace "blockchain" with "AI"`, reply: []string{"couldn't find “blockchain”"}},
	{msg: "change the title of scene 2 to The Problem", ops: []Op{{Kind: OpSetSceneTitle, SceneID: "s2", Text: "The Problem"}}},
	{msg: "add a scene about pricing after scene 2", ops: []Op{{Kind: OpAddScene, Anchor: "s2", Where: WhereAfter, Topic: "pricing"}}},
	{msg: "add a scene at the end saying 'Thanks for watching!'", ops: []Op{{Kind: OpAddScene, Where: WhereEnd, Text: "Thanks for watching!"}}},
	{msg: "drop the last scene", ops: []Op{{Kind: OpRemoveScene, SceneID: "s6"}}},
	{msg: "remove scene 3", ops: []Op{{Kind: OpRemoveScene, SceneID: "s3"}}},
	{msg: "delete the third scene", ops: []Op{{Kind: OpRemoveScene, SceneID: "s3"}}},
	{msg: "remove scenes 4 and 5", ops: []Op{{Kind: OpRemoveScene, SceneID: "s4"}, {Kind: OpRemoveScene, SceneID: "s5"}}},
	{msg: "quita la escena 3", ops: []Op{{Kind: OpRemoveScene, SceneID: "s3"}}},
	{msg: "lösche Szene 2", ops: []Op{{Kind: OpRemoveScene, SceneID: "s2"}}},
	{msg: "supprime la dernière scène", ops: []Op{{Kind: OpRemoveScene, SceneID: "s6"}}},
	{msg: "move scene 4 before scene 2", ops: []Op{{Kind: OpMoveScene, SceneID: "s4", Anchor: "s2", Where: WhereBefore}}},
	{msg: "swap scenes 2 and 3", ops: []Op{{Kind: OpSwapScenes, SceneID: "s2", OtherID: "s3"}}},
	{msg: "swap scene two with scene four", ops: []Op{{Kind: OpSwapScenes, SceneID: "s2", OtherID: "s4"}}},
	{msg: "tausche Szene 2 und 3", ops: []Op{{Kind: OpSwapScenes, SceneID: "s2", OtherID: "s3"}}},
	{msg: "échange les scènes 2 et 3", ops: []Op{{Kind: OpSwapScenes, SceneID: "s2", OtherID: "s3"}}},
	{msg: "mueve la escena 4 antes de la escena 2", ops: []Op{{Kind: OpMoveScene, SceneID: "s4", Anchor: "s2", Where: WhereBefore}}},
	{msg: "Szene 2 soll 'Hallo zusammen' sagen", ops: []Op{{Kind: OpSetNarration, SceneID: "s2", Text: "Hallo zusammen"}}},
	{msg: `change scene 2 to say "Looks great to me"`, ops: []Op{{Kind: OpSetNarration, SceneID: "s2", Text: "Looks great to me"}}},
	{msg: "don't render yet, make it shorter", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}},
	{msg: "yes", approve: true},
	{msg: "change the presenter to a woman in casual clothes", ops: []Op{{Kind: OpSetAvatar, AvatarID: "ava-casual"}}},
	{msg: "use a different presenter", ops: []Op{{Kind: OpSetAvatar, AvatarID: "mei-business"}}},
	{msg: "remove scene 9", reply: []string{"no scene 9", "6 scenes"}},
	{msg: "I don't like the second scene, remove it", ops: []Op{{Kind: OpRemoveScene, SceneID: "s2"}}},
	{msg: "remove the time tracking scene", ops: []Op{{Kind: OpRemoveScene, SceneID: "s5"}}},
	{msg: "move the boards scene after scene 5", ops: []Op{{Kind: OpMoveScene, SceneID: "s4", Anchor: "s5", Where: WhereAfter}}},
	{msg: "move the pricing scene up", reply: []string{"couldn't find a scene about pricing"}},
	{msg: "Add a closing scene saying 'See you soon'", ops: []Op{{Kind: OpAddScene, Where: WhereEnd, Text: "See you soon"}}},
	{msg: "insert a slide about security between scenes 3 and 4", ops: []Op{{Kind: OpAddScene, Anchor: "s3", Where: WhereAfter, Topic: "security"}}},
	{msg: "put scene 2 at the end", ops: []Op{{Kind: OpMoveScene, SceneID: "s2", Where: WhereEnd}}},
	{msg: "make scene 5 the first scene", ops: []Op{{Kind: OpMoveScene, SceneID: "s5", Anchor: "s1", Where: WhereBefore}}},
	{msg: "change the ending to say Try TaskFlow free at taskflow.io/start", ops: []Op{{Kind: OpSetNarration, SceneID: "s6", Text: "Try TaskFlow free at taskflow.io/start"}}},
	{msg: "replace cheap with affordable", reply: []string{"couldn't find “cheap”"}},
	{msg: "scene 3 is boring", notUnder: true, reply: []string{"What should I change in scene 3?"}},
	{msg: "the voice sounds robotic", notUnder: true, reply: []string{"a British voice"}},

	// Images.
	{msg: "use this image in scene 2", attach: img, ops: []Op{{Kind: OpSetMedia, SceneID: "s2", AssetID: "asset_img1", AssetKind: "image"}}},
	{msg: "use this image in scene 2", reply: []string{"don't see an image"}},
	{msg: "change scene 2 to use the attached image", attach: img, ops: []Op{{Kind: OpSetMedia, SceneID: "s2", AssetID: "asset_img1", AssetKind: "image"}}},
	{msg: "replace the image with the attached one", attach: img, reply: []string{"Which scene"}},

	// Title, call to action, captions.
	{msg: "change the title to TaskFlow in 60 seconds", ops: []Op{{Kind: OpSetTitle, Text: "TaskFlow in 60 seconds"}}},
	{msg: "change the call to action to visit example.com/start", ops: []Op{{Kind: OpSetCTA, Text: "Visit example.com/start", URL: "example.com/start"}}},
	{msg: "point the link to https://taskflow.io/pricing?ref=video", ops: []Op{{Kind: OpSetCTA, URL: "https://taskflow.io/pricing?ref=video"}}},
	{msg: "turn on captions", ops: []Op{{Kind: OpSetCaptions, On: true}}},
	{msg: "add subtitles", ops: []Op{{Kind: OpSetCaptions, On: true}}},
	{msg: "no captions", reply: []string{"already off"}},

	// Several at once.
	{msg: "make it 20 seconds and use Marcus", ops: []Op{{Kind: OpReplan, DurationSec: 20}, {Kind: OpSetAvatar, AvatarID: "marcus-business"}, {Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}},
	{msg: "Make it vertical, turn on captions and change the title to Meet TaskFlow", ops: []Op{{Kind: OpSetTitle, Text: "Meet TaskFlow"}, {Kind: OpSetCaptions, On: true}, {Kind: OpSetAspect, AspectRatio: "9:16"}}},
	{msg: "Use Marcus and go ahead", ops: []Op{{Kind: OpSetAvatar, AvatarID: "marcus-business"}, {Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}, approve: true, reply: []string{"then render"}},
	{msg: "Looks good, but make it shorter", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}},
	{msg: "make it shorter and remove scene 3", ops: []Op{{Kind: OpReplan, DurationSec: 42, Scale: 0.7}}, reply: []string{"rewrite the script first"}},

	// Follow-ups.
	{msg: "now a 15-second vertical version for Reels", state: StateCompleted, ops: []Op{{Kind: OpReplan, DurationSec: 15}, {Kind: OpSetAspect, AspectRatio: "9:16"}}, follow: true, reply: []string{"new version"}},
	{msg: "Now make one about our pricing plans", state: StateCompleted, ops: []Op{{Kind: OpReplan, Prompt: "our pricing plans"}}, follow: true},
	{msg: "make it in German too", state: StateCompleted, ops: []Op{{Kind: OpReplan, Language: "de"}}, follow: true},

	// Choices in waiting_for_input.
	{msg: "2", state: StateWaitingForInput, options: voiceOptions, noSB: true, choice: "espeak-en-gb-m", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-gb-m"}}},
	{msg: "the second one", state: StateWaitingForInput, options: voiceOptions, noSB: true, choice: "espeak-en-gb-m", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-gb-m"}}},
	{msg: "option 3 please", state: StateWaitingForInput, options: voiceOptions, noSB: true, choice: "espeak-en-us-m", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-us-m"}}},
	{msg: "the British voice", state: StateWaitingForInput, options: voiceOptions, noSB: true, choice: "espeak-en-gb-m", ops: []Op{{Kind: OpSetVoice, VoiceID: "espeak-en-gb-m"}}},
	{msg: "Marcus", state: StateWaitingForInput, options: avatarOptions, noSB: true, choice: "marcus-casual", ops: []Op{{Kind: OpSetAvatar, AvatarID: "marcus-casual"}}},
	{msg: "la primera", state: StateWaitingForInput, options: avatarOptions, noSB: true, choice: "ava-business", ops: []Op{{Kind: OpSetAvatar, AvatarID: "ava-business"}}},
	{msg: "you choose", state: StateWaitingForInput, options: avatarOptions, noSB: true, choice: "ava-business", ops: []Op{{Kind: OpSetAvatar, AvatarID: "ava-business"}}},
	{msg: "the last one, and make it 30 seconds", state: StateWaitingForInput, options: avatarOptions, noSB: true, choice: "mei-creative", ops: []Op{{Kind: OpReplan, DurationSec: 30}, {Kind: OpSetAvatar, AvatarID: "mei-creative"}}},
	{msg: "7", state: StateWaitingForInput, options: avatarOptions, noSB: true, reply: []string{"only 3 options"}},
	{msg: "hmm, not sure", state: StateWaitingForInput, options: avatarOptions, noSB: true, notUnder: true, reply: []string{"1. Ava, 2. Marcus, 3. Mei"}},

	// Not understood.
	{msg: "what's the weather like?", notUnder: true, reply: []string{"make it 30 seconds", "looks good"}},
	{msg: "asdfgh", state: StateCompleted, notUnder: true, reply: []string{"new version"}},
	{msg: "¿qué tal?", notUnder: true, reply: []string{"hazlo más corto"}},
}

func TestInterpret(t *testing.T) {
	if len(cases) < 60 {
		t.Fatalf("only %d cases", len(cases))
	}
	base := testStoryboard(t)
	for _, c := range cases {
		ctx := Context{State: c.state, Storyboard: base, Looks: testLooks, Voices: testVoices, Styles: testStyles,
			Options: c.options, Attachments: c.attach}
		if ctx.State == "" {
			ctx.State = StateReviewing
		}
		if c.noSB {
			ctx.Storyboard = nil
		}
		r := Interpret(c.msg, ctx)
		if !reflect.DeepEqual(r.Ops, c.ops) && !(len(r.Ops) == 0 && len(c.ops) == 0) {
			got, _ := json.Marshal(r.Ops)
			want, _ := json.Marshal(c.ops)
			t.Errorf("%q: ops\n got %s\nwant %s\nreply: %s", c.msg, got, want, r.Reply)
		}
		if r.Approve != c.approve || r.Choice != c.choice || r.FollowUp != c.follow {
			t.Errorf("%q: approve=%v choice=%q follow=%v, want %v %q %v (reply %q)", c.msg, r.Approve, r.Choice, r.FollowUp, c.approve, c.choice, c.follow, r.Reply)
		}
		if r.Understood == c.notUnder {
			t.Errorf("%q: understood=%v (reply %q)", c.msg, r.Understood, r.Reply)
		}
		if strings.TrimSpace(r.Reply) == "" {
			t.Errorf("%q: empty reply", c.msg)
		}
		for _, s := range c.reply {
			if !strings.Contains(r.Reply, s) {
				t.Errorf("%q: reply %q lacks %q", c.msg, r.Reply, s)
			}
		}
	}
}

// Interpret never edits the context's storyboard and gives the same result every time.
func TestInterpretDeterministic(t *testing.T) {
	ctx := reviewCtx(t)
	ctx.Attachments = img
	before, _ := json.Marshal(ctx.Storyboard)
	for _, c := range cases {
		a := Interpret(c.msg, ctx)
		for i := 0; i < 5; i++ {
			if b := Interpret(c.msg, ctx); !reflect.DeepEqual(a, b) {
				t.Fatalf("%q: not deterministic:\n%+v\n%+v", c.msg, a, b)
			}
		}
	}
	after, _ := json.Marshal(ctx.Storyboard)
	if string(before) != string(after) {
		t.Fatal("Interpret modified the storyboard")
	}
}

// Every op Interpret produces from the table applies cleanly to the storyboard it was
// interpreted against.
func TestInterpretedOpsApply(t *testing.T) {
	base := testStoryboard(t)
	for _, c := range cases {
		if c.noSB || len(c.ops) == 0 {
			continue
		}
		if _, _, err := Apply(base, c.ops); err != nil {
			t.Errorf("%q: Apply: %v", c.msg, err)
		}
	}
}

func TestHelpReply(t *testing.T) {
	for _, state := range []string{StateReviewing, StateCompleted} {
		ctx := reviewCtx(t)
		ctx.State = state
		r := Interpret("blah blah", ctx)
		if r.Understood || len(r.Ops) > 0 || r.Approve {
			t.Fatalf("%s: %+v", state, r)
		}
		for _, s := range []string{"Sorry", "make it 30 seconds", "change scene 2 to say", "vertical", "in Spanish", "captions"} {
			if !strings.Contains(r.Reply, s) {
				t.Errorf("%s: help %q lacks %q", state, r.Reply, s)
			}
		}
	}
	r := Interpret("", reviewCtx(t))
	if r.Understood || r.Reply == "" {
		t.Fatalf("empty message: %+v", r)
	}
	r = Interpret("Hilfe?", reviewCtx(t))
	if !strings.Contains(r.Reply, "kürzer") {
		t.Errorf("German help: %q", r.Reply)
	}
}
