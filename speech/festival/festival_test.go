package festival_test

import (
	"context"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech/festival"
	"github.com/openvideoagent/videoagent/speech/speechtest"
)

func newEngine(t testing.TB) *festival.Engine {
	t.Helper()
	e, err := festival.New()
	if err != nil {
		t.Skipf("festival not available: %v", err)
	}
	return e
}

func TestConformance(t *testing.T) {
	e := newEngine(t)
	speechtest.Run(t, e, e.Voices())
}

func TestWrittenWords(t *testing.T) {
	e := newEngine(t)
	text := "It costs $5 — “really” cheap, on the mat. Café time!"
	n, err := e.Synthesize(context.Background(), text, e.Voices()[0], videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, w := range n.Words {
		ws = append(ws, w.Word)
	}
	t.Logf("words %q", ws)
	speechtest.CheckNarration(t, text, n)
}
