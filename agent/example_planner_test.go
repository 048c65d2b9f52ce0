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
	var notes []string
	ctx := agent.WithNotes(context.Background(), func(n string) { notes = append(notes, n) })
	sb, err := p.Plan(ctx, videoagent.Brief{
		Prompt: "Create a 30-second product walkthrough of TaskFlow, a project management app for remote teams, " +
			"highlighting task boards, deadline reminders and time tracking. Reminders go out a day before each deadline. " +
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
	fmt.Println("about 30 s:", est > 27*time.Second && est < 33*time.Second, "| notes:", len(notes))
	// Output:
	// TaskFlow | en 16:9 720p 30
	// s1 title title: Meet TaskFlow, a project management app for remote teams.
	// s2 presenter_left title: Reminders go out a day before each deadline.
	// s3 presenter_right bullets: The highlights: task boards, deadline reminders and time tracking.
	// s4 presenter_left cta: TaskFlow, a project management app for remote teams. Start a free trial at taskflow.app/start. Thanks for watching.
	// about 30 s: true | notes: 0
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
