package chat

import (
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
)

// "Mention that ..." adds the facts, in the user's words, to the scene they fit or as a
// new scene before the call to action; the sentence records that it came from a message.
func TestMention(t *testing.T) {
	for _, c := range []struct {
		msg     string
		kind    OpKind
		scene   string // for OpAddLine
		anchor  string // for OpAddScene
		line    string
		inReply string
	}{
		{msg: "Mention that it's a webinar, free to join, and that registration is at privacy.example.com",
			kind: OpAddScene, anchor: "s6", line: "It's a webinar, free to join, and registration is at privacy.example.com.", inReply: "before the call to action"},
		{msg: "Please also mention that time tracking exports to CSV", kind: OpAddLine, scene: "s5",
			line: "Time tracking exports to CSV.", inReply: "scene 5"},
		{msg: "add that boards can be shared with clients", kind: OpAddLine, scene: "s4", line: "Boards can be shared with clients."},
		{msg: "in scene 2, say that teams lose four hours a week to status meetings", kind: OpAddLine, scene: "s2",
			line: "Teams lose four hours a week to status meetings."},
		{msg: "mention that the first month is free in the last scene", kind: OpAddLine, scene: "s6", line: "The first month is free."},
		{msg: "include that we support 12 languages", kind: OpAddScene, anchor: "s6", line: "We support 12 languages."},
		{msg: `mention "Free for teams of up to five"`, kind: OpAddScene, anchor: "s6", line: "Free for teams of up to five."},
		{msg: "menciona que el primer mes es gratis", kind: OpAddScene, anchor: "s6", line: "El primer mes es gratis."},
		{msg: "Erwähne, dass es eine kostenlose Testphase gibt", kind: OpAddScene, anchor: "s6", line: "Es eine kostenlose Testphase gibt."},
	} {
		ctx := reviewCtx(t)
		r := Interpret(c.msg, ctx)
		if !r.Understood || len(r.Ops) != 1 || strings.Contains(r.Reply, "Sorry") {
			t.Errorf("%q: %+v", c.msg, r)
			continue
		}
		op := r.Ops[0]
		if op.Kind != c.kind || op.Text != c.line || op.SceneID != c.scene || op.Anchor != c.anchor {
			t.Errorf("%q: op %+v, want %s %q scene %q anchor %q", c.msg, op, c.kind, c.line, c.scene, c.anchor)
		}
		if !strings.Contains(r.Reply, c.inReply) {
			t.Errorf("%q: reply %q lacks %q", c.msg, r.Reply, c.inReply)
		}
		out, _, err := Apply(ctx.Storyboard, r.Ops)
		if err != nil {
			t.Errorf("%q: %v", c.msg, err)
			continue
		}
		found := false
		for _, sc := range out.Scenes {
			if strings.Contains(sc.Narration, c.line) {
				found = true
				if !userFact(sc.Provenance, provNarration, c.line) {
					t.Errorf("%q: no provenance for %q: %+v", c.msg, c.line, sc.Provenance)
				}
			}
		}
		if !found {
			t.Errorf("%q: no scene says %q", c.msg, c.line)
		}
	}
}

// The webinar facts keep the user's words, and "change scene 2 to say that ..." stays a
// narration edit.
func TestMentionVerbatim(t *testing.T) {
	ctx := reviewCtx(t)
	r := Interpret("Mention that it's a webinar, free to join, and that registration is at privacy.example.com", ctx)
	out, _, err := Apply(ctx.Storyboard, r.Ops)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, sc := range out.Scenes {
		all = append(all, sc.Narration)
	}
	script := strings.Join(all, " ")
	for _, fact := range []string{"it's a webinar", "free to join", "registration is at privacy.example.com"} {
		if !strings.Contains(strings.ToLower(script), fact) {
			t.Errorf("the script lacks %q: %s", fact, script)
		}
	}
	if n := len(out.Scenes); n != len(ctx.Storyboard.Scenes)+1 || out.Scenes[n-1].Visual.Kind != videoagent.VisualCTA {
		t.Errorf("the new scene is not before the call to action: %d scenes", n)
	}
	r = Interpret("change scene 2 to say that deadlines never slip", ctx)
	if len(r.Ops) != 1 || r.Ops[0].Kind != OpSetNarration {
		t.Errorf("change scene 2 to say that ...: %+v", r.Ops)
	}
	r = Interpret("don't say that it's free", ctx)
	for _, op := range r.Ops {
		if op.Kind == OpAddLine || op.Kind == OpAddScene {
			t.Errorf("don't say that ...: %+v", r.Ops)
		}
	}
}

// Before a storyboard exists, facts to mention go into the brief's prompt.
func TestMentionBeforePlanning(t *testing.T) {
	r := Interpret("mention that parking is free", Context{State: StateWaitingForInput, Options: avatarOptions, Looks: testLooks})
	if len(r.Ops) != 1 || r.Ops[0].Kind != OpAddLine || r.Ops[0].SceneID != "" || !strings.Contains(r.Reply, "Noted") {
		t.Fatalf("%+v", r)
	}
	b := ReviseBrief(videoagent.Brief{Prompt: "A welcome video for our open day."}, nil, r.Ops)
	if b.Prompt != "A welcome video for our open day.\n\nParking is free." {
		t.Fatalf("%q", b.Prompt)
	}
	if b2 := ReviseBrief(b, nil, r.Ops); b2.Prompt != b.Prompt {
		t.Fatalf("facts added twice: %q", b2.Prompt)
	}
}

func TestAnswerFacts(t *testing.T) {
	for _, msg := range []string{"skip", "Skip it, please", "no", "just make it", "you decide", "I don't know", "überspringen"} {
		if _, skip := AnswerFacts(msg); !skip {
			t.Errorf("%q: not a skip", msg)
		}
	}
	for _, msg := range []string{"1. Sign up 2. Pick a plan 3. Invite your team 4. Start", "No-code setup, live chat and exports", "Skip the queue, book online, pay at the door, enjoy"} {
		if f, skip := AnswerFacts(" " + msg + " "); skip || f != msg {
			t.Errorf("%q: facts %q skip %v", msg, f, skip)
		}
	}
}

// With a re-plan, a line to mention goes into the brief the new script is written from.
func TestMentionWithReplan(t *testing.T) {
	ctx := reviewCtx(t)
	r := Interpret("make it shorter and mention that the first month is free", ctx)
	if len(r.Ops) != 2 || r.Ops[0].Kind != OpReplan || r.Ops[1].Kind != OpAddLine || r.Ops[1].SceneID != "" || !strings.Contains(r.Reply, "mention") {
		t.Fatalf("%+v", r)
	}
	b := ReviseBrief(videoagent.Brief{Prompt: testPrompt}, ctx.Storyboard, r.Ops)
	if !strings.HasSuffix(b.Prompt, "\n\nThe first month is free.") {
		t.Fatalf("%q", b.Prompt)
	}
	if _, ch, err := Apply(ctx.Storyboard, r.Ops); err != nil || len(ch.Changed)+len(ch.Added) > 0 {
		t.Fatalf("Apply: %+v %v", ch, err)
	}
}
