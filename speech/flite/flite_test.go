package flite_test

import (
	"context"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech/flite"
)

func TestConformance(t *testing.T) {
	e, err := flite.New()
	if err != nil {
		t.Fatal(err)
	}
	speechtest.Run(t, e, flite.Voices())
}

func TestWordsAndPhonemes(t *testing.T) {
	e, err := flite.New()
	if err != nil {
		t.Fatal(err)
	}
	text := "It costs $5, Dr. Smith said."
	n, err := e.Synthesize(context.Background(), text, flite.Voices()[0], videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, w := range n.Words {
		ws = append(ws, w.Word)
	}
	t.Logf("words %q", ws)
	speechtest.CheckNarration(t, text, n)
	var ps string
	for _, p := range n.Phonemes {
		ps += p.Phoneme + " "
	}
	t.Logf("phonemes %s", ps)
	for _, p := range n.Phonemes {
		for _, r := range p.Phoneme {
			if r >= 'A' && r <= 'Z' {
				t.Errorf("phoneme %q is not IPA", p.Phoneme)
			}
		}
	}
}
