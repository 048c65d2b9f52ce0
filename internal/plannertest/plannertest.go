// Package plannertest is the conformance suite every videoagent.Planner runs: the
// built-in planner and the LLM planner pass the same checks.
package plannertest

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// Case is one brief and what its storyboard must be.
type Case struct {
	Brief       videoagent.Brief
	Language    string   // primary subtag, e.g. "es"
	AspectRatio string   // e.g. "9:16"
	TargetSec   float64  // 0: not checked
	Words       []string // must appear in the narration (case-insensitive)
}

// Cases are the briefs of the suite.
var Cases = []Case{
	{Brief: videoagent.Brief{Prompt: "Create a 30-second product walkthrough for TaskFlow, a project management app for remote teams. Shared boards show every task by owner and due date. " +
		"Reminders go out a day before each deadline. Time tracking starts with one click, and reports show the hours per project every Friday."},
		Language: "en", AspectRatio: "16:9", TargetSec: 30, Words: []string{"TaskFlow", "shared boards", "one click"}},
	{Brief: videoagent.Brief{Prompt: "Un vídeo explicativo de 30 segundos sobre cómo funciona una bomba de calor. Una bomba de calor toma el calor del aire exterior. " +
		"Un compresor eleva la temperatura y la lleva a la casa. Por cada kilovatio de electricidad entrega tres o cuatro de calor."},
		Language: "es", AspectRatio: "16:9", TargetSec: 30, Words: []string{"aire exterior", "compresor"}},
	{Brief: videoagent.Brief{Prompt: "A 20-second TikTok promo for the Lumo Shoes summer sale: every sneaker is 30% off until Sunday, and delivery is free over 50 dollars."},
		Language: "en", AspectRatio: "9:16", TargetSec: 20, Words: []string{"Lumo", "30% off until Sunday"}},
	{Brief: videoagent.Brief{Prompt: "Welcome video for new hires at Northwind Bank. Your first day starts at 9am at the front desk on the fifth floor. " +
		"Your manager will give you a laptop and your badge. On Wednesday you meet the whole branch team for lunch. Training runs every morning of your first two weeks.", DurationSec: 30, Orientation: "portrait"},
		Language: "en", AspectRatio: "9:16", TargetSec: 30, Words: []string{"Northwind", "fifth floor"}},
	{Brief: videoagent.Brief{Prompt: "A 30-second summary of the attached report", Materials: []videoagent.Material{{
		Name: "files[0] (report.pdf)", Kind: videoagent.MaterialDocument, AssetID: "a1", MimeType: "application/pdf", Pages: []string{"p1", "p2"},
		Text: "Quarterly Report\n\nZorblax Robotics was founded in 1987 in Reykjavik. The company builds underwater drones for fish farms. Revenue grew 42 percent to 18 million euros.\f" +
			"Next Year\n\nThe new Krakenfin drone dives to 900 metres. A second factory opens in Tromso next spring. It will employ 140 people.",
	}}}, Language: "en", AspectRatio: "16:9", TargetSec: 30, Words: []string{"Reykjavik", "Krakenfin"}},
}

// Run checks a planner against every case. wpm is the rate the planner was configured
// with (nil for agent.DefaultWordsPerMinute), used to estimate lengths.
func Run(t *testing.T, p videoagent.Planner, wpm func(lang string) float64) {
	for _, c := range Cases {
		t.Run(c.Brief.Prompt, func(t *testing.T) {
			ctx := context.Background()
			sb, err := p.Plan(ctx, c.Brief)
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			if err := sb.Validate(); err != nil {
				t.Fatalf("invalid storyboard: %v", err)
			}
			if got := strings.SplitN(sb.Language, "-", 2)[0]; got != c.Language {
				t.Errorf("language %q, want %q", sb.Language, c.Language)
			}
			if sb.AspectRatio != c.AspectRatio {
				t.Errorf("aspect ratio %q, want %q", sb.AspectRatio, c.AspectRatio)
			}
			if c.TargetSec > 0 {
				est := agent.EstimateDuration(sb, wpm).Seconds()
				if est < c.TargetSec*0.9 || est > c.TargetSec*1.1 {
					t.Errorf("estimated %.1f s, want %.0f s within 10%%", est, c.TargetSec)
				}
			}
			var text strings.Builder
			for _, sc := range sb.Scenes {
				text.WriteString(sc.Narration + " ")
				if v := sc.Visual; v.Kind == videoagent.VisualImage && v.AssetID != "" {
					ok := false
					for _, m := range c.Brief.Materials {
						for _, id := range m.Pages {
							ok = ok || id == v.AssetID
						}
					}
					if !ok {
						t.Errorf("scene %s shows asset %q, which the brief does not have", sc.ID, v.AssetID)
					}
				}
			}
			for _, w := range c.Words {
				if !strings.Contains(strings.ToLower(text.String()), strings.ToLower(w)) {
					t.Errorf("narration lacks %q: %s", w, text.String())
				}
			}
			if strings.TrimSpace(sb.Title) == "" {
				t.Error("no title")
			}
			again, err := p.Plan(ctx, c.Brief)
			if err != nil || !reflect.DeepEqual(sb, again) {
				t.Errorf("the same brief gave a different storyboard (err %v)", err)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
		defer cancel()
		time.Sleep(time.Millisecond)
		if _, err := p.Plan(ctx, Cases[0].Brief); err == nil {
			t.Error("Plan with a cancelled context succeeded")
		}
	})
	t.Run("empty prompt", func(t *testing.T) {
		if _, err := p.Plan(context.Background(), videoagent.Brief{Prompt: "  "}); err == nil {
			t.Error("Plan of an empty prompt succeeded")
		}
	})
}
