package speech

import (
	"context"
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/normalize"
)

// Normalizing is a videoagent.Synthesizer that normalises text for speech before the
// engine sees it ("$4.5M" -> "four point five million dollars", see package normalize) and
// maps the engine's words back to the written tokens, so that captions show "$4.5M" timed
// over the four spoken words. Phonemes are those spoken.
type Normalizing struct {
	Synth videoagent.Synthesizer
}

// NewNormalizing wraps s.
func NewNormalizing(s videoagent.Synthesizer) *Normalizing { return &Normalizing{Synth: s} }

var _ videoagent.Synthesizer = (*Normalizing)(nil)

// Synthesize normalises text for voice.Locale, synthesizes it, and restores the written
// words.
func (n *Normalizing) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	lang := voice.Locale
	if lang == "" {
		lang = voice.Language
	}
	return SynthesizeResult(ctx, n.Synth, normalize.Normalize(text, lang), voice, opt)
}

// SynthesizeResult speaks a normalised text with s and maps the words back to the written
// tokens of r.
func SynthesizeResult(ctx context.Context, s videoagent.Synthesizer, r normalize.Result, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	nar, err := s.Synthesize(ctx, r.Text, voice, opt)
	if err != nil {
		return nil, err
	}
	nar.Words = Restore(r, nar.Words)
	return nar, nil
}

// Restore maps words timed in the spoken text r.Text back to the written text: the words
// that lie in a rewritten span become one word, the span's written token, timed from the
// first one's start to the last one's end. Other words are kept. Words are found in the
// spoken text in order, ignoring case; from a word that cannot be found on, words are kept
// as they are.
func Restore(r normalize.Result, words []videoagent.WordTiming) []videoagent.WordTiming {
	if len(r.Spans) == 0 || len(words) == 0 {
		return words
	}
	src := []rune(strings.ToLower(r.Text))
	out := make([]videoagent.WordTiming, 0, len(words))
	pos, si := 0, 0
	lastSpan := -1 // span index of the last word appended, -1 if none
	for wi, w := range words {
		wr := []rune(strings.ToLower(w.Word))
		k := indexRunes(src[pos:], wr)
		if len(wr) == 0 || k < 0 {
			out = append(out, words[wi:]...)
			return out
		}
		start, end := pos+k, pos+k+len(wr)
		pos = end
		for si < len(r.Spans) && r.Spans[si].End <= start {
			si++
		}
		if si < len(r.Spans) && r.Spans[si].Start < end {
			sp := r.Spans[si]
			if lastSpan == si {
				last := &out[len(out)-1]
				last.End = max(last.End, w.End)
				continue
			}
			written := cleanWritten(sp.Written)
			if written == "" {
				continue
			}
			out = append(out, videoagent.WordTiming{Word: written, Start: w.Start, End: w.End})
			lastSpan = si
			continue
		}
		out = append(out, w)
		lastSpan = -1
	}
	return out
}

// cleanWritten trims spaces inside a written token (an SSML say-as element may hold several
// words) to single spaces.
func cleanWritten(s string) string { return strings.Join(strings.Fields(s), " ") }

func indexRunes(s, sub []rune) int {
	if len(sub) == 0 {
		return -1
	}
outer:
	for i := 0; i+len(sub) <= len(s); i++ {
		for j, r := range sub {
			if s[i+j] != r {
				continue outer
			}
		}
		return i
	}
	return -1
}

// isWordRune reports whether r belongs to a word (letters, digits, marks).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
