package speech

import (
	"context"
	"errors"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/normalize"
)

// errMixedRates: the pieces of one narration must share a sample rate.
var errMixedRates = errors.New("speech: pieces of one narration have different sample rates")

// AppendNarration appends piece to n: its samples, and its word and phoneme timings moved
// later by n's duration, so that they stay measured from the start of n. The two must have
// the same sample rate.
func AppendNarration(n, piece *videoagent.Narration) error {
	if n.SampleRate != piece.SampleRate {
		return errMixedRates
	}
	off := n.Duration()
	n.Samples = append(n.Samples, piece.Samples...)
	n.Words = appendWords(n.Words, piece.Words, off)
	for _, p := range piece.Phonemes {
		p.Start += off
		p.End += off
		n.Phonemes = append(n.Phonemes, p)
	}
	return nil
}

// appendWords appends words to dst, each moved later by off (a Spool keeps no phonemes).
func appendWords(dst, words []videoagent.WordTiming, off time.Duration) []videoagent.WordTiming {
	for _, w := range words {
		w.Start += off
		w.End += off
		dst = append(dst, w)
	}
	return dst
}

// appendSilence adds d of silence to n, and a pause phoneme.
func appendSilence(n *videoagent.Narration, d time.Duration) {
	if d <= 0 {
		return
	}
	start := n.Duration()
	k := int(int64(d) * int64(n.SampleRate) / int64(time.Second))
	n.Samples = append(n.Samples, make([]int16, k)...)
	end := n.Duration()
	if m := len(n.Phonemes); m > 0 && n.Phonemes[m-1].Phoneme == "_" && n.Phonemes[m-1].End == start {
		n.Phonemes[m-1].End = end
		return
	}
	n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: "_", Start: start, End: end})
}

// narrationSink collects the pieces of one narration, in memory (narrationBuffer, for
// SpeakParts) or in a file (Spool, for SpeakPartsTo).
type narrationSink interface {
	Silence(d time.Duration) error
	Append(n *videoagent.Narration) error
	SampleRate() int // 0 before the first piece
}

// narrationBuffer collects a narration in memory. Silence before the first piece waits for
// it, which sets the sample rate.
type narrationBuffer struct {
	n       *videoagent.Narration
	leading time.Duration
}

// Silence appends d of silence and a pause phoneme.
func (b *narrationBuffer) Silence(d time.Duration) error {
	if b.n == nil {
		b.leading += d
		return nil
	}
	appendSilence(b.n, d)
	return nil
}

// Append appends a piece.
func (b *narrationBuffer) Append(n *videoagent.Narration) error {
	if b.n == nil {
		b.n = &videoagent.Narration{SampleRate: n.SampleRate}
		appendSilence(b.n, b.leading)
	}
	return AppendNarration(b.n, n)
}

// SampleRate is the pieces' sample rate (0 before the first).
func (b *narrationBuffer) SampleRate() int {
	if b.n == nil {
		return 0
	}
	return b.n.SampleRate
}

// speakParts speaks parsed SSML into sink, for SpeakParts and SpeakPartsTo: breaks become
// silence, each part is spoken at opt.Speed times its rate (clamped to 0.5-2.0), say-as and
// sub parts are read as told and captioned as written, and plain parts are given to plain.
func speakParts(ctx context.Context, sink narrationSink, s videoagent.Synthesizer, parts []Part, voice videoagent.Voice, opt videoagent.SpeechOptions, plain func(text string, opt videoagent.SpeechOptions) error) error {
	base := opt.Speed
	if base == 0 {
		base = 1
	}
	lang := voice.Locale
	if lang == "" {
		lang = voice.Language
	}
	var silence time.Duration // pending silence
	for _, p := range parts {
		silence += p.Break
		if !hasWord(p.Text) {
			continue
		}
		o := opt
		o.Speed = min(2, max(0.5, base*p.Rate))
		if err := sink.Silence(silence); err != nil {
			return err
		}
		silence = 0
		var n *videoagent.Narration
		var err error
		switch {
		case p.Alias != "":
			n, err = SynthesizeResult(ctx, s, normalize.Result{Text: p.Alias, Spans: []normalize.Span{{Written: p.Text, Spoken: p.Alias, Start: 0, End: len([]rune(p.Alias))}}}, voice, o)
		case p.SayAs != "":
			n, err = SynthesizeResult(ctx, s, normalize.SayAs(p.Text, p.SayAs, lang), voice, o)
		default:
			err = plain(p.Text, o)
		}
		if err != nil {
			return err
		}
		if n != nil {
			if err := sink.Append(n); err != nil {
				return err
			}
		}
	}
	if sink.SampleRate() == 0 {
		return videoagent.Invalid("text", "The text has nothing to speak.")
	}
	return sink.Silence(silence)
}

func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}
