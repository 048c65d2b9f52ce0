package agent_test

import (
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

func TestMissingFacts(t *testing.T) {
	for _, c := range []struct {
		prompt string
		ask    string // a substring of the question; "" means no question
	}{
		{"A 45-second video teaching new cashiers how to close the register in four steps.", "four steps"},
		{"Make a 30-second tutorial with 3 tips for better sleep.", "3 tips"},
		{"A product video showing our key features.", "Which features"},
		{"Crea un tutorial sobre cómo hacer pan en cinco pasos.", "cinco pasos"},
		{"Erstelle ein Video mit drei Tipps zum Energiesparen.", "drei tipps"},
		{"Une vidéo sur les quatre étapes du compostage.", "quatre étapes"},
		// Given, so nothing to ask.
		{"A tutorial on how to reset the router in three steps: unplug it, wait ten seconds, plug it back in.", ""},
		{"A product video for Brightdesk, a standing desk that remembers four height presets.", ""},
		{"A 20-second reel: our gym now opens at 5am on weekdays.", ""},
	} {
		q := agent.MissingFacts(videoagent.Brief{Prompt: c.prompt})
		switch {
		case c.ask == "" && q != "":
			t.Errorf("%q: asked %q, want no question", c.prompt, q)
		case c.ask != "" && !strings.Contains(strings.ToLower(q), strings.ToLower(c.ask)):
			t.Errorf("%q: asked %q, want a question about %q", c.prompt, q, c.ask)
		}
	}
	// A file may hold the steps: no question.
	b := videoagent.Brief{Prompt: "A training on the five steps in the attached guide.", Materials: []videoagent.Material{{Kind: videoagent.MaterialDocument, Text: "Step one is to wash your hands."}}}
	if q := agent.MissingFacts(b); q != "" {
		t.Errorf("with a document: asked %q", q)
	}
}
