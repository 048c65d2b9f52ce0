// Package align derives word and phoneme timings from audio, for speech engines that give
// none (an OpenAI-compatible server returns only audio).
//
// The text's words are placed on the audio's energy envelope (10 ms windows) by dynamic
// programming: the audio is segmented into [pause] word [pause] word ... [pause], where
// voiced windows are cheap inside words and expensive in pauses, silent windows the
// reverse, word boundaries prefer energy dips, and each word's length is held near an
// expected length. Expected lengths and the places where pauses are expected come from a
// Guide: a reference narration of the same text by an engine with exact timings (espeak-ng
// in the server), scaled to the audio's speech time. The guide also gives each word's
// phonemes (IPA), which are spread over the word in proportion to their reference
// durations. Without a guide, word lengths follow a letter count (vowels weigh more), pauses
// are expected at punctuation, and phonemes are approximated letter by letter.
package align

import (
	"context"
	"math"
	"time"

	"github.com/openvideoagent/videoagent"
)

// Guide returns a reference narration of text in a locale (BCP-47), with exact word and
// phoneme timings, or an error (then the aligner falls back to letter counts).
type Guide func(ctx context.Context, text, locale string) (*videoagent.Narration, error)

// SynthGuide is a Guide that synthesizes with s (an engine with exact timings, e.g.
// espeak-ng) in the voice that pick chooses for the locale.
func SynthGuide(s videoagent.Synthesizer, pick func(locale string) (videoagent.Voice, bool)) Guide {
	return func(ctx context.Context, text, locale string) (*videoagent.Narration, error) {
		v, ok := pick(locale)
		if !ok {
			return nil, videoagent.Errorf(videoagent.EVOICENOTFOUND, "No guide voice for %q.", locale)
		}
		return s.Synthesize(ctx, text, v, videoagent.SpeechOptions{})
	}
}

// Window is the analysis window.
const Window = 10 * time.Millisecond

// Timed wraps a synthesizer whose narrations may lack timings: when a narration has no
// words or no phonemes, Timed derives them from its audio with Align. Narrations with
// timings pass through unchanged.
type Timed struct {
	Synth videoagent.Synthesizer
	Guide Guide // may be nil
}

var _ videoagent.Synthesizer = (*Timed)(nil)

// Synthesize calls the wrapped synthesizer and fills in missing timings.
func (t *Timed) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	n, err := t.Synth.Synthesize(ctx, text, voice, opt)
	if err != nil {
		return nil, err
	}
	if len(n.Words) > 0 && len(n.Phonemes) > 0 {
		return n, nil
	}
	var ref *videoagent.Narration
	if t.Guide != nil {
		locale := voice.Locale
		if locale == "" {
			locale = voice.Language
		}
		if r, err := t.Guide(ctx, text, locale); err == nil {
			ref = r
		} else if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	n.Words, n.Phonemes = Align(n.Samples, n.SampleRate, text, ref)
	return n, nil
}

// item is one word to place.
type item struct {
	word     string
	dur      float64   // expected length, in reference units
	gapAfter float64   // expected pause after it, in reference units
	phones   []string  // IPA phonemes
	weights  []float64 // their relative durations
}

// Align times the words of text in audio. ref, when not nil, is a reference narration of
// the same text (see Guide); its words must cover the text. It returns word and phoneme
// timings (phonemes in IPA, "_" for pauses) that are ordered, non-overlapping and inside the
// audio.
func Align(samples []int16, sampleRate int, text string, ref *videoagent.Narration) ([]videoagent.WordTiming, []videoagent.PhonemeTiming) {
	items := fromReference(text, ref)
	if len(items) == 0 {
		items = fromLetters(text)
	}
	if len(items) == 0 || sampleRate <= 0 || len(samples) == 0 {
		return nil, nil
	}
	lv := levels(samples, sampleRate)
	total := time.Duration(int64(len(samples)) * int64(time.Second) / int64(sampleRate))
	bounds := segment(lv, items)
	at := func(f int) time.Duration { return min(total, time.Duration(f)*Window) }

	words := make([]videoagent.WordTiming, len(items))
	var phones []videoagent.PhonemeTiming
	pos := time.Duration(0)
	addPhone := func(p string, s, e time.Duration) {
		if e <= s {
			return
		}
		if k := len(phones); k > 0 && p == "_" && phones[k-1].Phoneme == "_" {
			phones[k-1].End = e
			return
		}
		phones = append(phones, videoagent.PhonemeTiming{Phoneme: p, Start: s, End: e})
	}
	for i, it := range items {
		s, e := at(bounds[i][0]), at(bounds[i][1])
		words[i] = videoagent.WordTiming{Word: it.word, Start: s, End: e}
		addPhone("_", pos, s)
		var sum float64
		for _, w := range it.weights {
			sum += w
		}
		acc := 0.0
		prev := s
		for j, p := range it.phones {
			acc += it.weights[j]
			end := s + time.Duration(float64(e-s)*acc/sum)
			if j == len(it.phones)-1 {
				end = e
			}
			addPhone(p, prev, end)
			prev = max(prev, end)
		}
		if len(it.phones) == 0 {
			addPhone("ə", s, e)
		}
		pos = e
	}
	addPhone("_", pos, total)
	return words, phones
}

// Costs of the segmentation, per window.
func wordCost(l float64) float64 {
	switch {
	case l < 0.02:
		return 1.2
	case l < 0.04:
		return 0.4
	}
	return 0
}

func pauseCost(l float64) float64 {
	switch {
	case l >= 0.1:
		return 4
	case l >= 0.04:
		return 2
	case l >= 0.02:
		return 0.5
	}
	return 0
}

// Weights of the segmentation's other terms.
const (
	durWeight    = 4.0  // per unit of squared log-ratio of a word's length to its expectation
	edgeWeight   = 1.5  // per unit of level at a word boundary (boundaries prefer dips)
	pauseEntry   = 1.0  // for a pause where the guide expects none
	pauseExpect  = 0.05 // for a pause where the guide expects one
	missingPause = 3.0  // for no pause where the guide expects a long one

	minVoiced      = 0.6  // a word with fewer voiced windows than this pays
	unvoicedWeight = 10.0 // per unit of the shortfall

	maxClosure       = 6    // windows: a silent run this short is a stop closure
	closureWordCost  = 0.05 // per closure window inside a word
	closurePauseCost = 0.3  // per closure window in a pause
)

// segment places the items on the windows and returns each item's [start, end) window.
//
// W_k[f] is the least cost of the words up to k with word k ending at window f; S_k[s] the
// least cost with word k ended and the pause after it (possibly empty) reaching s, where
// word k+1 may start:
//
//	S_k[s] = min(W_k[s] + noPause_k, min_{e<s} W_k[e] + entry_k + pause(e, s))
//	W_k[f] = min_{s} S_{k-1}[s] + word(s, f) + dur_k(f-s) + edge(s) + edge(f)
//
// computed in O(1) per window for S (a running minimum) and over a range of lengths for W,
// within a band around each word's expected end.
func segment(lv []float64, items []item) [][2]int {
	F := len(lv)
	N := len(items)
	out := make([][2]int, N)
	first, last := -1, -1
	for f, l := range lv {
		if l >= 0.04 {
			if first < 0 {
				first = f
			}
			last = f + 1
		}
	}
	if first < 0 || F < N {
		// No speech found: spread the words evenly.
		for i := range items {
			out[i] = [2]int{i * F / N, (i + 1) * F / N}
		}
		return out
	}
	var refTotal float64
	for i, it := range items {
		refTotal += it.dur
		if i < N-1 {
			refTotal += it.gapAfter
		}
	}
	scale := float64(last-first) / math.Max(refTotal, 1e-9)
	exp := make([]float64, N)    // expected length, in windows
	expEnd := make([]float64, N) // expected end window
	entry := make([]float64, N)  // cost of a pause after word k
	noPause := make([]float64, N)
	acc := float64(first)
	for i, it := range items {
		exp[i] = math.Max(1, it.dur*scale)
		acc += exp[i]
		expEnd[i] = acc
		g := it.gapAfter * scale
		if i < N-1 {
			acc += g
		}
		entry[i] = pauseEntry
		if g >= 5 { // 50 ms or more expected
			entry[i] = pauseExpect
		}
		if g >= 15 && i < N-1 {
			noPause[i] = missingPause
		}
	}
	band := max(300, F/6)

	// Short silent runs are stop closures inside speech, not pauses: cheap inside words.
	closure := make([]bool, F)
	for f := 0; f < F; {
		if lv[f] >= 0.02 {
			f++
			continue
		}
		g := f
		for g < F && lv[g] < 0.02 {
			g++
		}
		if g-f <= maxClosure && f > 0 && g < F {
			for i := f; i < g; i++ {
				closure[i] = true
			}
		}
		f = g
	}
	cw := make([]float64, F+1) // prefix sums of the word and pause costs
	cp := make([]float64, F+1)
	cv := make([]float64, F+1) // and of voiced windows
	for f, l := range lv {
		cv[f+1] = cv[f]
		if l >= 0.04 {
			cv[f+1]++
		}
		wc, pc := wordCost(l), pauseCost(l)
		if closure[f] {
			wc, pc = closureWordCost, closurePauseCost
		}
		cw[f+1] = cw[f] + wc
		cp[f+1] = cp[f] + pc
	}
	edge := func(f int) float64 {
		if f <= 0 || f >= F {
			return 0
		}
		return edgeWeight * math.Min(1, math.Min(lv[f-1], lv[f]))
	}
	inf := math.Inf(1)

	type row struct {
		lo, hi int       // windows stored: [lo, hi]
		w      []float64 // W_k[lo..hi]
		start  []int32   // the start of word k when it ends at f
	}
	rows := make([]row, N)
	S := make([]float64, F+1) // S_{k-1}; before the first word, a leading pause
	for f := range S {
		S[f] = cp[f]
	}
	next := make([]float64, F+1)
	for k := 0; k < N; k++ {
		lo := max(1, int(expEnd[k])-band)
		hi := min(F, int(expEnd[k])+band)
		if k == N-1 {
			hi = F
		}
		lmin := max(1, int(exp[k]/4))
		lmax := int(exp[k]*3) + 25
		r := row{lo: lo, hi: hi, w: make([]float64, hi-lo+1), start: make([]int32, hi-lo+1)}
		for f := lo; f <= hi; f++ {
			best, arg := inf, -1
			for l := lmin; l <= lmax && f-l >= 0; l++ {
				s := f - l
				if S[s] == inf {
					continue
				}
				d := math.Log(float64(l) / exp[k])
				c := S[s] + cw[f] - cw[s] + durWeight*d*d + edge(s)
				if v := (cv[f] - cv[s]) / float64(l); v < minVoiced {
					c += unvoicedWeight * (minVoiced - v)
				}
				if c < best {
					best, arg = c, s
				}
			}
			r.w[f-lo] = inf
			if arg >= 0 {
				r.w[f-lo] = best + edge(f)
				r.start[f-lo] = int32(arg)
			}
		}
		rows[k] = r
		// S_k: a running minimum over the pause's start.
		g := inf // min_{e<f} W_k[e] + entry + pause(e, f)
		for f := 0; f <= F; f++ {
			if f > 0 {
				if e := f - 1; e >= lo && e <= hi {
					g = math.Min(g, r.w[e-lo]+entry[k]-cp[e])
				}
			}
			next[f] = g + cp[f]
			if f >= lo && f <= hi {
				next[f] = math.Min(next[f], r.w[f-lo]+noPause[k])
			}
		}
		S, next = next, S
	}
	// The last word ends at f, then a trailing pause to the end.
	rl := rows[N-1]
	best, endF := inf, F
	for f := rl.lo; f <= rl.hi; f++ {
		if rl.w[f-rl.lo] == inf {
			continue
		}
		c := rl.w[f-rl.lo] + cp[F] - cp[f]
		if f < F {
			c += pauseExpect
		}
		if c < best {
			best, endF = c, f
		}
	}
	if best == inf {
		for i := range items {
			out[i] = [2]int{i * F / N, (i + 1) * F / N}
		}
		return out
	}
	for k := N - 1; k >= 0; k-- {
		r := rows[k]
		s := int(r.start[endF-r.lo])
		out[k] = [2]int{s, endF}
		if k == 0 {
			break
		}
		// Where did word k-1 end? The e <= s that gives S_{k-1}[s].
		p := rows[k-1]
		be, bc := s, inf
		for e := min(s, p.hi); e >= p.lo; e-- {
			w := p.w[e-p.lo]
			if w == inf {
				continue
			}
			c := w + noPause[k-1]
			if e < s {
				c = w + entry[k-1] + cp[s] - cp[e]
			}
			if c < bc {
				be, bc = e, c
			}
		}
		endF = be
	}
	return out
}
