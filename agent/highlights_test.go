package agent

import (
	"context"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// TestSceneAboutSeveralItems: a scene whose narration walks through several features is
// titled for all of them (by name, or "Highlights" when the names do not fit) and lists them
// all; it is not titled after the first feature with
// the others as its bullets (seen in a real video: "Shared boards" over "Due-date
// reminders" and "One-click reports").
func TestSceneAboutSeveralItems(t *testing.T) {
	sb, err := NewPlanner(Options{}).Plan(context.Background(), videoagent.Brief{
		Prompt: "Create a 30-second product walkthrough for Taskflow, a project management app for small teams: shared boards, due-date reminders, and one-click reports.",
	})
	if err != nil {
		t.Fatal(err)
	}
	items := []string{"shared boards", "due-date reminders", "one-click reports"}
	found := false
	for _, sc := range sb.Scenes {
		said := 0
		for _, it := range items {
			if strings.Contains(strings.ToLower(sc.Narration), it) {
				said++
			}
		}
		if said < 2 || sc.Visual.Kind != videoagent.VisualBullets {
			continue
		}
		found = true
		if !strings.Contains(sc.Visual.Title, "&") && sc.Visual.Title != "Highlights" {
			t.Errorf("scene %s narrates %d features but is titled %q", sc.ID, said, sc.Visual.Title)
		}
		for _, it := range items {
			if strings.EqualFold(sc.Visual.Title, it) {
				t.Errorf("scene %s narrates %d features but is titled %q", sc.ID, said, sc.Visual.Title)
			}
		}
		if len(sc.Visual.Bullets) < said {
			t.Errorf("scene %s narrates %d features but lists %v", sc.ID, said, sc.Visual.Bullets)
		}
	}
	if !found {
		t.Skip("the plan has no bullet scene covering several features")
	}
}
