package speech

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
)

func TestAppendNarration(t *testing.T) {
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	a := &videoagent.Narration{SampleRate: 1000, Samples: make([]int16, 300),
		Words:    []videoagent.WordTiming{{Word: "a", Start: ms(10), End: ms(290)}},
		Phonemes: []videoagent.PhonemeTiming{{Phoneme: "a", Start: ms(10), End: ms(290)}}}
	b := &videoagent.Narration{SampleRate: 1000, Samples: []int16{1, 2},
		Words:    []videoagent.WordTiming{{Word: "b", Start: ms(0), End: ms(2)}},
		Phonemes: []videoagent.PhonemeTiming{{Phoneme: "b", Start: ms(1), End: ms(2)}}}
	if err := AppendNarration(a, b); err != nil {
		t.Fatal(err)
	}
	if len(a.Samples) != 302 || a.Samples[301] != 2 {
		t.Errorf("%d samples", len(a.Samples))
	}
	if w := a.Words[1]; w != (videoagent.WordTiming{Word: "b", Start: ms(300), End: ms(302)}) {
		t.Errorf("appended word %+v", w)
	}
	if p := a.Phonemes[1]; p != (videoagent.PhonemeTiming{Phoneme: "b", Start: ms(301), End: ms(302)}) {
		t.Errorf("appended phoneme %+v", p)
	}
	if b.Words[0].Start != 0 {
		t.Error("the piece's own timings moved")
	}
	if err := AppendNarration(a, &videoagent.Narration{SampleRate: 8000}); err == nil {
		t.Error("no error for pieces of different sample rates")
	}
}

// wordSynth speaks every word as 100 ms of samples at 1 kHz.
type wordSynth struct{}

func (wordSynth) Synthesize(_ context.Context, text string, _ videoagent.Voice, _ videoagent.SpeechOptions) (*videoagent.Narration, error) {
	n := &videoagent.Narration{SampleRate: 1000}
	for _, w := range strings.Fields(text) {
		start := n.Duration()
		n.Samples = append(n.Samples, make([]int16, 100)...)
		n.Words = append(n.Words, videoagent.WordTiming{Word: w, Start: start, End: n.Duration()})
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: "a", Start: start, End: n.Duration()})
	}
	return n, nil
}

// SpeakParts (in memory) and SpeakPartsTo (a Spool) speak parts alike, but for the leading
// break, which only the narration in memory keeps (a Spool has no sample rate before its
// first piece).
func TestSpeakPartsInMemoryAndSpooled(t *testing.T) {
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	parts := []Part{
		{Break: ms(200), Text: "one two", Rate: 1},
		{Break: ms(300), Text: "three", Rate: 1},
		{Break: ms(400), Text: "", Rate: 1},
	}
	n, err := SpeakParts(context.Background(), wordSynth{}, parts, videoagent.Voice{}, videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := n.Duration(); d != ms(200+200+300+100+400) {
		t.Errorf("in memory: %v of audio", d)
	}
	word := func(w string, a, b int) videoagent.WordTiming {
		return videoagent.WordTiming{Word: w, Start: ms(a), End: ms(b)}
	}
	wantWords := []videoagent.WordTiming{word("one", 200, 300), word("two", 300, 400), word("three", 700, 800)}
	for i, w := range wantWords {
		if i >= len(n.Words) || n.Words[i] != w {
			t.Fatalf("in memory: words %+v, want %+v", n.Words, wantWords)
		}
	}
	ph := func(p string, a, b int) videoagent.PhonemeTiming {
		return videoagent.PhonemeTiming{Phoneme: p, Start: ms(a), End: ms(b)}
	}
	wantPh := []videoagent.PhonemeTiming{ph("_", 0, 200), ph("a", 200, 300), ph("a", 300, 400), ph("_", 400, 700), ph("a", 700, 800), ph("_", 800, 1200)}
	if len(n.Phonemes) != len(wantPh) {
		t.Fatalf("in memory: phonemes %+v, want %+v", n.Phonemes, wantPh)
	}
	for i, p := range wantPh {
		if n.Phonemes[i] != p {
			t.Errorf("in memory: phoneme %d %+v, want %+v", i, n.Phonemes[i], p)
		}
	}

	sp, err := NewSpool(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if err := SpeakPartsTo(context.Background(), sp, wordSynth{}, parts, videoagent.Voice{}, videoagent.SpeechOptions{}); err != nil {
		t.Fatal(err)
	}
	if d := sp.Duration(); d != n.Duration()-ms(200) {
		t.Errorf("spooled: %v of audio, want %v", d, n.Duration()-ms(200))
	}
	if len(sp.Words()) != len(wantWords) {
		t.Fatalf("spooled: words %+v", sp.Words())
	}
	for i, w := range wantWords {
		w.Start -= ms(200)
		w.End -= ms(200)
		if sp.Words()[i] != w {
			t.Errorf("spooled: word %d %+v, want %+v", i, sp.Words()[i], w)
		}
	}

	if _, err := SpeakParts(context.Background(), wordSynth{}, []Part{{Break: ms(100), Text: "…"}}, videoagent.Voice{}, videoagent.SpeechOptions{}); err == nil {
		t.Error("no error for parts with nothing to speak")
	}
}
