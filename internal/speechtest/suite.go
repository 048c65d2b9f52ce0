// Package speechtest is the conformance suite that every videoagent.Synthesizer passes, and
// helpers to check narrations against their real audio (RMS energy envelope, voiced
// regions, word coverage).
package speechtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// Texts are the sentences the suite speaks, by primary language subtag. Each has a comma and
// a sentence end inside it, where a pause must be heard. Languages not listed use "en".
var Texts = map[string]string{
	"en": "Hello, world. This is a test.",
	"es": "Hola, mundo. Esto es una prueba.",
	"de": "Hallo, Welt. Das ist ein Test.",
	"fr": "Bonjour, le monde. Ceci est un test.",
	"it": "Ciao, mondo. Questa è una prova.",
	"pt": "Olá, mundo. Isto é um teste.",
	"ru": "Привет, мир. Это тест.",
	"hi": "नमस्ते, दुनिया। यह एक परीक्षण है।",
	"ja": "こんにちは、世界。これはテストです。",
	"zh": "你好，世界。这是一个测试。",
}

// TextFor returns the suite's sentence for a BCP-47 locale ("cmn" and "yue" count as "zh").
func TextFor(locale string) string {
	lang := strings.ToLower(locale)
	if i := strings.IndexByte(lang, '-'); i >= 0 {
		lang = lang[:i]
	}
	switch lang {
	case "cmn", "yue", "hak":
		lang = "zh"
	}
	if s, ok := Texts[lang]; ok {
		return s
	}
	return Texts["en"]
}

// Thresholds of the audio checks.
const (
	// MinWordVoiced is the least fraction of a word's windows that must be voiced.
	MinWordVoiced = 0.5
	// MinVoicedInWords is the least fraction of all voiced windows that must fall inside words.
	MinVoicedInWords = 0.9
	// LongGap is the gap between words from which the gap must be near-silent.
	LongGap = 100 * time.Millisecond
	// MinGapSilent is the least fraction of a long gap's windows that must be near-silent.
	MinGapSilent = 0.7
	// MinSentencePause is the least gap between a sentence's last word and the next word.
	MinSentencePause = 100 * time.Millisecond
	// Tolerance is how far past the end of the audio a timing may reach (rounding).
	Tolerance = time.Millisecond
)

// Run runs the conformance suite against s with each of voices (at least one). Every
// engine must pass it.
func Run(t *testing.T, s videoagent.Synthesizer, voices []videoagent.Voice) {
	t.Helper()
	if len(voices) == 0 {
		t.Fatal("speechtest.Run needs at least one voice")
	}
	for _, v := range voices {
		t.Run(v.ID, func(t *testing.T) {
			text := TextFor(v.Locale)
			n, err := s.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{})
			if err != nil {
				t.Fatalf("Synthesize(%q): %v", text, err)
			}
			CheckNarration(t, text, n)
			CheckSentencePauses(t, text, n)
			t.Run("Deterministic", func(t *testing.T) { CheckDeterministic(t, s, text, v, n) })
		})
	}
	v := voices[0]
	t.Run("Concurrent", func(t *testing.T) { CheckConcurrent(t, s, v) })
	t.Run("Speed", func(t *testing.T) { CheckSpeed(t, s, v) })
	t.Run("Cancel", func(t *testing.T) { CheckCancel(t, s, v) })
	t.Run("UnknownVoice", func(t *testing.T) {
		bad := videoagent.Voice{ID: "speechtest-no-such-voice", Engine: v.Engine, EngineVoice: "no-such-voice-xyz"}
		_, err := s.Synthesize(context.Background(), "Hello.", bad, videoagent.SpeechOptions{})
		if code := videoagent.ErrorCode(err); code != videoagent.EVOICENOTFOUND {
			t.Fatalf("unknown voice: error %v (code %q), want code %q", err, code, videoagent.EVOICENOTFOUND)
		}
	})
}

// CheckNarration checks a narration of text: audio present, timings well-formed (see
// CheckTimings), words covering the text (see MatchWords) and lining up with the voiced
// audio (see CheckVoicing).
func CheckNarration(t testing.TB, text string, n *videoagent.Narration) {
	t.Helper()
	if n == nil {
		t.Fatal("nil narration")
	}
	if n.SampleRate < 8000 || n.SampleRate > 96000 {
		t.Fatalf("sample rate %d", n.SampleRate)
	}
	if len(n.Samples) == 0 {
		t.Fatal("no samples")
	}
	CheckTimings(t, n)
	if _, err := MatchWords(text, n.Words); err != nil {
		t.Fatalf("words %q do not cover %q: %v", wordList(n.Words), text, err)
	}
	CheckVoicing(t, n)
}

// CheckTimings checks that words and phonemes are non-empty, non-negative, ordered without
// overlap and inside the audio, and that there is at least one of each.
func CheckTimings(t testing.TB, n *videoagent.Narration) {
	t.Helper()
	dur := n.Duration()
	if len(n.Words) == 0 {
		t.Fatal("no words")
	}
	if len(n.Phonemes) == 0 {
		t.Fatal("no phonemes")
	}
	var prev time.Duration
	for i, w := range n.Words {
		if w.Word == "" || !utf8.ValidString(w.Word) || strings.TrimSpace(w.Word) != w.Word {
			t.Errorf("word %d: bad text %q", i, w.Word)
		}
		if w.Start < prev || w.End < w.Start || w.End > dur+Tolerance {
			t.Errorf("word %d %q: [%v, %v] out of order or outside [%v, %v]", i, w.Word, w.Start, w.End, prev, dur)
		}
		prev = w.End
	}
	prev = 0
	for i, p := range n.Phonemes {
		if p.Phoneme == "" || !utf8.ValidString(p.Phoneme) {
			t.Errorf("phoneme %d: bad text %q", i, p.Phoneme)
		}
		if p.Start < prev || p.End < p.Start || p.End > dur+Tolerance {
			t.Errorf("phoneme %d %q: [%v, %v] out of order or outside [%v, %v]", i, p.Phoneme, p.Start, p.End, prev, dur)
		}
		prev = p.End
	}
}

// Span is the place of a word in the text: runes [Start, End).
type Span struct{ Start, End int }

// MatchWords finds each word, in order, in text and returns where. It fails if a word is not
// found after the previous one, or if a letter or digit of the text lies outside every
// word (a word was skipped). Case is ignored.
func MatchWords(text string, words []videoagent.WordTiming) ([]Span, error) {
	src := []rune(strings.ToLower(text))
	spans := make([]Span, 0, len(words))
	pos := 0
	for i, w := range words {
		wr := []rune(strings.ToLower(w.Word))
		k := indexRunes(src[pos:], wr)
		if len(wr) == 0 || k < 0 {
			return spans, fmt.Errorf("word %d %q not found after rune %d", i, w.Word, pos)
		}
		spans = append(spans, Span{pos + k, pos + k + len(wr)})
		pos += k + len(wr)
	}
	covered := make([]bool, len(src))
	for _, s := range spans {
		for i := s.Start; i < s.End; i++ {
			covered[i] = true
		}
	}
	for i, r := range src {
		if (unicode.IsLetter(r) || unicode.IsDigit(r)) && !covered[i] {
			return spans, fmt.Errorf("%q at rune %d is in no word", string(r), i)
		}
	}
	return spans, nil
}

func indexRunes(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if reflect.DeepEqual(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func wordList(ws []videoagent.WordTiming) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Word
	}
	return out
}

// CheckVoicing checks word timings against the audio's energy: most of each word's span is
// voiced, nearly all voiced audio lies inside words, and long gaps between words are
// near-silent.
func CheckVoicing(t testing.TB, n *videoagent.Narration) {
	t.Helper()
	env := NewEnvelope(n.Samples, n.SampleRate, DefaultWindow)
	if env.Reference() < 300 {
		t.Fatalf("audio is near-silent: reference RMS %.0f", env.Reference())
	}
	inWord := make([]bool, len(env.RMS))
	for i, w := range n.Words {
		if f := env.VoicedFraction(w.Start, w.End); f < MinWordVoiced && w.End-w.Start >= 2*env.Window {
			t.Errorf("word %d %q [%v, %v]: only %.0f%% voiced", i, w.Word, w.Start, w.End, 100*f)
		}
		a, b := env.windows(w.Start, w.End)
		for k := a; k < b; k++ {
			inWord[k] = true
		}
		if i > 0 {
			gs, ge := n.Words[i-1].End, w.Start
			if ge-gs >= LongGap {
				if f := env.SilentFraction(gs, ge); f < MinGapSilent {
					t.Errorf("gap [%v, %v] before word %d %q: only %.0f%% silent", gs, ge, i, w.Word, 100*f)
				}
			}
		}
	}
	voiced, inside := 0, 0
	for k := range env.RMS {
		if env.Voiced(k) {
			voiced++
			if inWord[k] {
				inside++
			}
		}
	}
	if voiced == 0 {
		t.Fatal("no voiced audio")
	}
	if f := float64(inside) / float64(voiced); f < MinVoicedInWords {
		t.Errorf("only %.0f%% of the voiced audio lies inside words", 100*f)
	}
}

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	return strings.ContainsRune(".!?。！？।॥؟", r)
}

// CheckSentencePauses checks that after each word that ends a sentence of text (and is not
// the last word) there is a pause of at least MinSentencePause that is mostly near-silent.
func CheckSentencePauses(t testing.TB, text string, n *videoagent.Narration) {
	t.Helper()
	spans, err := MatchWords(text, n.Words)
	if err != nil {
		t.Fatalf("words %q do not cover %q: %v", wordList(n.Words), text, err)
	}
	env := NewEnvelope(n.Samples, n.SampleRate, DefaultWindow)
	src := []rune(text)
	found := false
	for i := 0; i+1 < len(spans); i++ {
		end := false
		for k := spans[i].End; k < spans[i+1].Start; k++ {
			if sentenceEnd(src[k]) {
				end = true
			}
		}
		if !end {
			continue
		}
		found = true
		gs, ge := n.Words[i].End, n.Words[i+1].Start
		if ge-gs < MinSentencePause {
			t.Errorf("pause after %q is %v, want at least %v", n.Words[i].Word, ge-gs, MinSentencePause)
			continue
		}
		if f := env.SilentFraction(gs, ge); f < MinGapSilent {
			t.Errorf("pause after %q [%v, %v] is only %.0f%% silent", n.Words[i].Word, gs, ge, 100*f)
		}
	}
	if !found && strings.IndexFunc(strings.TrimRightFunc(text, func(r rune) bool { return sentenceEnd(r) || unicode.IsSpace(r) }), sentenceEnd) >= 0 {
		t.Errorf("no sentence end found between the words %q", wordList(n.Words))
	}
}

// CheckDeterministic synthesizes text again and compares with first.
func CheckDeterministic(t testing.TB, s videoagent.Synthesizer, text string, v videoagent.Voice, first *videoagent.Narration) {
	t.Helper()
	again, err := s.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(first, again); d != "" {
		t.Errorf("second synthesis differs: %s", d)
	}
}

// Diff describes the first difference between two narrations, or returns "".
func Diff(a, b *videoagent.Narration) string {
	switch {
	case a.SampleRate != b.SampleRate:
		return fmt.Sprintf("sample rate %d vs %d", a.SampleRate, b.SampleRate)
	case len(a.Samples) != len(b.Samples):
		return fmt.Sprintf("%d vs %d samples", len(a.Samples), len(b.Samples))
	case !reflect.DeepEqual(a.Words, b.Words):
		return fmt.Sprintf("words %v vs %v", a.Words, b.Words)
	case !reflect.DeepEqual(a.Phonemes, b.Phonemes):
		return "phonemes differ"
	}
	for i := range a.Samples {
		if a.Samples[i] != b.Samples[i] {
			return fmt.Sprintf("sample %d: %d vs %d", i, a.Samples[i], b.Samples[i])
		}
	}
	return ""
}

// CheckConcurrent synthesizes different texts from several goroutines at once and checks
// each result equals the same synthesis done alone.
func CheckConcurrent(t testing.TB, s videoagent.Synthesizer, v videoagent.Voice) {
	t.Helper()
	texts := []string{TextFor(v.Locale), Texts["en"], "One, two, three.", "Good morning."}
	want := make([]*videoagent.Narration, len(texts))
	for i, text := range texts {
		n, err := s.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = n
	}
	const rounds = 3
	var wg sync.WaitGroup
	errs := make(chan string, rounds*len(texts))
	for r := 0; r < rounds; r++ {
		for i, text := range texts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := s.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{})
				if err != nil {
					errs <- fmt.Sprintf("%q: %v", text, err)
					return
				}
				if d := Diff(want[i], n); d != "" {
					errs <- fmt.Sprintf("%q: concurrent result differs: %s", text, d)
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// CheckSpeed checks that Speed 2 gives shorter audio than the default and Speed 0.5 longer.
func CheckSpeed(t testing.TB, s videoagent.Synthesizer, v videoagent.Voice) {
	t.Helper()
	text := TextFor(v.Locale)
	dur := map[float64]time.Duration{}
	for _, sp := range []float64{0.5, 1, 2} {
		n, err := s.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{Speed: sp})
		if err != nil {
			t.Fatalf("speed %v: %v", sp, err)
		}
		CheckTimings(t, n)
		dur[sp] = n.Duration()
	}
	if !(dur[2] < dur[1] && dur[1] < dur[0.5]) {
		t.Errorf("durations at speed 0.5, 1, 2: %v, %v, %v; want decreasing", dur[0.5], dur[1], dur[2])
	}
}

// CheckCancel checks that a cancelled context makes Synthesize fail with the context's
// error: before the call, and while a long text is being synthesized. Elapsed times are
// logged, not asserted.
func CheckCancel(t testing.TB, s videoagent.Synthesizer, v videoagent.Voice) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Synthesize(ctx, "Hello.", v, videoagent.SpeechOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before the call: error %v, want context.Canceled", err)
	}

	long := strings.Repeat(TextFor(v.Locale)+" ", 300)
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(10*time.Millisecond, cancel)
	start := time.Now()
	n, err := s.Synthesize(ctx, long, v, videoagent.SpeechOptions{})
	t.Logf("cancelled 10 ms into a %d-character text: returned after %v", utf8.RuneCountInString(long), time.Since(start))
	if !errors.Is(err, context.Canceled) {
		d := time.Duration(0)
		if n != nil {
			d = n.Duration()
		}
		t.Errorf("cancelled during synthesis: error %v (audio %v), want context.Canceled", err, d)
	}
}

// AudioOnly hides the timings of Synth, as an engine without timings would: its narrations
// carry the samples alone (for testing what aligns audio, such as align.Timed).
type AudioOnly struct{ Synth videoagent.Synthesizer }

// Synthesize implements videoagent.Synthesizer.
func (a AudioOnly) Synthesize(ctx context.Context, text string, v videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	n, err := a.Synth.Synthesize(ctx, text, v, opt)
	if err != nil {
		return nil, err
	}
	return &videoagent.Narration{SampleRate: n.SampleRate, Samples: n.Samples}, nil
}
