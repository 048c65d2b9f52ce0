package espeak

import (
	"context"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/speechtest"
)

// TestLongText checks long and messy texts against their audio: no drift over two minutes,
// symbols, numbers, emoji and abbreviations mapped to written words.
func TestLongText(t *testing.T) {
	e := newEngine(t)
	for _, c := range []struct{ v, text string }{
		{"espeak-en-us-f", "  Welcome 😀 to Open Video Agent!\n\nIn 2024, we shipped 3 releases — each 25% faster.\r\nDr. Smith said: \"It's great\"; (really) great... Isn't it? Yes: 1,000,000 users & counting."},
		{"espeak-en-us-m", strings.Repeat("The quick brown fox jumps over the lazy dog. ", 40)},
		{"espeak-de-f", "Über Straßen fährt der Bäcker, dann isst er Käse; später schläft er."},
		{"espeak-ja-f", "私は学生です。東京に住んでいます。"},
	} {
		n, err := e.Synthesize(context.Background(), c.text, voice(t, c.v), videoagent.SpeechOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var ws []string
		for _, w := range n.Words {
			ws = append(ws, w.Word)
		}
		if len(ws) > 20 {
			ws = ws[:20]
		}
		t.Logf("%d words %q... audio %v", len(n.Words), ws, n.Duration())
		speechtest.CheckNarration(t, c.text, n)
	}
}
