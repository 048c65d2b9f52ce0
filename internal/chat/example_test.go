package chat_test

import (
	"context"
	"fmt"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// A review conversation: the user asks for a shorter video with another presenter, the
// integrator re-plans and applies the edits, then the user approves.
func Example() {
	brief := videoagent.Brief{
		Mode:     videoagent.ModeChat,
		Prompt:   "A 60-second product walkthrough of TaskFlow, our project management app: boards, time tracking and reports.",
		AvatarID: "ava-business",
		VoiceID:  "espeak-en-us-f",
	}
	planner := agent.NewPlanner(agent.Options{})
	sb, _ := planner.Plan(context.Background(), brief)

	ctx := chat.Context{
		State:      chat.StateReviewing,
		Storyboard: sb,
		Looks: []videoagent.Look{
			{ID: "ava-business", Name: "Ava (Business)", GroupID: "ava", Gender: "female", Tags: []string{"business"}},
			{ID: "marcus-business", Name: "Marcus (Business)", GroupID: "marcus", Gender: "male", Tags: []string{"business"}},
		},
		Voices: []videoagent.Voice{
			{ID: "espeak-en-us-f", Name: "English (America), female", Language: "English", Locale: "en-US", Gender: "female", Engine: "espeak"},
			{ID: "espeak-en-us-m", Name: "English (America), male", Language: "English", Locale: "en-US", Gender: "male", Engine: "espeak"},
		},
	}

	// The current length: the rendered video's, or the storyboard's estimate read by its
	// voice (chat.Estimate).
	ctx.CurrentSec = 60

	r := chat.Interpret("make it shorter and use Marcus", ctx)
	fmt.Println(r.Reply)
	for _, op := range r.Ops {
		switch op.Kind {
		case chat.OpReplan:
			fmt.Println("  re-plan to", op.DurationSec, "seconds")
		case chat.OpSetAvatar:
			fmt.Println("  presenter", op.AvatarID)
		case chat.OpSetVoice:
			fmt.Println("  voice", op.VoiceID)
		}
	}

	// The length needs the planner: re-plan with the revised brief, keep what the brief
	// cannot carry, then apply the direct edits.
	if _, ok := r.Replan(); ok {
		brief = chat.ReviseBrief(brief, sb, r.Ops)
		planned, _ := planner.Plan(context.Background(), brief)
		sb = chat.CarryOver(sb, planned)
	}
	sb, _, err := chat.Apply(sb, r.Ops)
	if err != nil {
		panic(err)
	}
	fmt.Println(sb.AvatarID, sb.VoiceID, brief.DurationSec)

	ctx.Storyboard = sb
	r = chat.Interpret("looks good", ctx)
	fmt.Println(r.Approve, r.Reply)
	// Output:
	// Got it — I'll make it shorter: about 42 seconds instead of 60 and switch the presenter to Marcus (Business) with a matching male voice.
	//   re-plan to 42 seconds
	//   presenter marcus-business
	//   voice espeak-en-us-m
	// marcus-business espeak-en-us-m 42
	// true Great — rendering your video now. I'll let you know as soon as it's ready.
}
