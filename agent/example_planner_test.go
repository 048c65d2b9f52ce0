package agent_test

import (
	"context"
	"fmt"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

func Example() {
	p := agent.NewPlanner(agent.Options{
		// The measured rate of the voice that will read the script.
		WordsPerMinute: func(lang string) float64 { return 165 },
	})
	sb, err := p.Plan(context.Background(), videoagent.Brief{
		Prompt: "Create a 45-second product walkthrough of TaskFlow, a project management app for remote teams, " +
			"highlighting task boards, deadline reminders and time tracking. " +
			"End with a call to action to start a free trial at https://taskflow.app/start.",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(sb.Title, "|", sb.Language, sb.AspectRatio, sb.Resolution, sb.FPS)
	for _, sc := range sb.Scenes {
		fmt.Printf("%s %s %s: %s\n", sc.ID, sc.Layout, sc.Visual.Kind, sc.Narration)
	}
	est := agent.EstimateDuration(sb, func(string) float64 { return 165 })
	fmt.Println("about 45 s:", est > 40*time.Second && est < 50*time.Second)
	// Output:
	// TaskFlow: Product Walkthrough | en 16:9 720p 30
	// s1 title title: Welcome to a quick tour of TaskFlow. Let's dive in.
	// s2 presenter_left bullets: TaskFlow is built to make your work simpler. It brings task boards, deadline reminders and time tracking together in one place. And it's designed with remote teams in mind.
	// s3 presenter_right bullets: The first highlight is task boards. It's the kind of detail that saves time every single day. Most people get the hang of it within minutes.
	// s4 presenter_left bullets: Another highlight is deadline reminders. And finally, time tracking. And it's there whenever you need it. Everything updates in real time, so nothing falls behind.
	// s5 presenter_right cta: So what are you waiting for? Start a free trial at taskflow.app/start. Thanks for your time.
	// about 45 s: true
}

func ExampleAnalyze() {
	a := agent.Analyze(videoagent.Brief{Prompt: "Make a 2-minute tutorial in Spanish on how to set up a home Wi-Fi network: plug in the router, connect a laptop, and choose a strong password"})
	fmt.Println(a.Kind, a.Language, a.TargetSec, a.AspectRatio)
	fmt.Println(a.Topic)
	fmt.Println(a.Items)
	// Output:
	// tutorial es 120 16:9
	// how to set up a home Wi-Fi network
	// [plug in the router connect a laptop choose a strong password]
}
