// Package espeak is a videoagent.Synthesizer backed by espeak-ng through cgo.
//
// espeak-ng runs in synchronous retrieval mode: samples (22050 Hz mono int16) and the WORD
// and PHONEME events with their sample positions come back through a callback. The engine
// is process-global, not thread-safe, and keeps static synthesis state from one call to the
// next (pitch flutter phase, gain control) that no API resets, so two syntheses of the same
// text in one process differ. This process therefore initializes espeak-ng once (under a
// mutex) and never synthesizes: each synthesis runs in a child forked from it, which starts
// from the same pristine state, streams samples and events back through a pipe and exits.
// Output is deterministic (bit-identical to the espeak-ng command line), syntheses run in
// parallel, and an engine crash cannot take the server down. Cancellation raises a flag
// shared with the child; its callback then returns 1 and synthesis stops.
//
// Word events carry 1-based positions counted in characters (code points) of the UTF-8
// text; they are mapped back to the written words of the input so that captions show the
// text as written. Phonemes are reported in IPA, with "_" for pauses.
package espeak

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// EngineName is the value of videoagent.Voice.Engine for espeak voices.
const EngineName = "espeak"

// Default espeak-ng parameters that SpeechOptions scale.
const (
	defaultRate   = 175 // words per minute (espeakRATE_NORMAL)
	defaultPitch  = 50  // 0-100
	defaultVolume = 100 // 0-200
	minRate       = 80
	maxRate       = 450
)

// Engine is the espeak-ng synthesizer. The zero value is ready to use; all Engines share
// the one espeak-ng instance of the process.
type Engine struct{}

// New returns an Engine after checking that espeak-ng initializes.
func New() (*Engine, error) {
	engineMu.Lock()
	defer engineMu.Unlock()
	if err := initEngine(); err != nil {
		return nil, err
	}
	return &Engine{}, nil
}

var _ videoagent.Synthesizer = (*Engine)(nil)

// Synthesize speaks text with an espeak voice (voice.EngineVoice, e.g. "en-us+f3"; voice.ID
// alone is enough for catalogue voices). An unknown voice gives a *videoagent.Error with
// code EVOICENOTFOUND; out-of-range options give EINVALID. Cancelling ctx stops the
// synthesis within one 50 ms audio buffer and returns ctx.Err().
func (e *Engine) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name, err := resolveVoice(voice)
	if err != nil {
		return nil, err
	}
	p, err := params(name, opt)
	if err != nil {
		return nil, err
	}
	text = cleanText(text)
	if strings.TrimSpace(text) == "" {
		return nil, videoagent.Invalid("text", "The text to speak is empty.")
	}
	raw, err := synthesize(text, p, ctx.Done())
	if err != nil {
		if errors.Is(err, errVoice) {
			return nil, voice.NotFound()
		}
		return nil, err
	}
	if raw.aborted {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, errors.New("espeak-ng: synthesis aborted")
	}
	return buildNarration(text, raw, sampleRate), nil
}

// resolveVoice returns the espeak voice name of v, checking the variant, which espeak-ng
// itself silently ignores when unknown.
func resolveVoice(v videoagent.Voice) (string, error) {
	if v.Engine != "" && v.Engine != EngineName {
		return "", v.NotFound()
	}
	name := strings.TrimSpace(v.EngineVoice)
	if name == "" {
		c := loadCatalogue()
		if c.err != nil {
			return "", c.err
		}
		cv, ok := c.byID[v.ID]
		if !ok {
			return "", v.NotFound()
		}
		name = cv.EngineVoice
	}
	base, variant, hasVariant := strings.Cut(name, "+")
	if base == "" || strings.ContainsAny(name, " \t\n\x00") {
		return "", v.NotFound()
	}
	if hasVariant {
		c := loadCatalogue()
		if c.err != nil {
			return "", c.err
		}
		if !c.variants[strings.ToLower(variant)] {
			return "", v.NotFound()
		}
	}
	return name, nil
}

// params maps SpeechOptions to espeak parameters.
func params(voice string, opt videoagent.SpeechOptions) (synthParams, error) {
	opt, err := opt.Resolved()
	if err != nil {
		return synthParams{}, err
	}
	speed, volume := opt.Speed, opt.Volume
	rate := int(defaultRate*speed + 0.5)
	rate = max(minRate, min(maxRate, rate))
	return synthParams{
		voice:  voice,
		rate:   rate,
		pitch:  defaultPitch + opt.Pitch,
		volume: int(defaultVolume*volume + 0.5),
	}, nil
}

// cleanText makes text safe to hand to espeak-ng as a C string of UTF-8.
func cleanText(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	return strings.ReplaceAll(text, "\x00", " ")
}

// segment is a written word of the text: runes [start, end) of it.
type segment struct {
	start, end int
	events     []int // indices of the WORD events spoken for it
}

// buildNarration turns espeak's output for text into a Narration.
func buildNarration(text string, raw *rawSynth, rate int) *videoagent.Narration {
	runes := []rune(text)
	total := len(raw.samples)
	at := func(sample int) time.Duration {
		return time.Duration(int64(sample) * int64(time.Second) / int64(rate))
	}
	clamp := func(s int) int { return max(0, min(total, s)) }

	segs, wordSeg := segmentWords(runes, raw.events)

	// Phonemes: each PHONEME event lasts until the next PHONEME or WORD event. A word's
	// first phoneme is extended back to the word's start (espeak places the WORD event at the
	// stop closure or lead-in before the first phoneme event).
	type phone struct {
		ipa        string // "" for a pause
		start, end int
		seg        int // segment of the word, -1 for pauses
	}
	var phones []phone
	curSeg, wordStart := -1, -1
	for i, ev := range raw.events {
		switch ev.Type {
		case evWord:
			curSeg = wordSeg[i]
			wordStart = clamp(ev.Sample)
		case evPhoneme:
			start := clamp(ev.Sample)
			end := total
			for _, nx := range raw.events[i+1:] {
				if nx.Type == evPhoneme || nx.Type == evWord {
					end = clamp(nx.Sample)
					break
				}
			}
			if ev.Phoneme == "" {
				phones = append(phones, phone{"", start, max(start, end), -1})
				continue
			}
			if wordStart >= 0 && wordStart < start {
				start = wordStart
			}
			wordStart = -1
			phones = append(phones, phone{ev.Phoneme, start, max(start, end), curSeg})
		}
	}

	// espeak joins some words into one WORD event ("on the" is spoken as one word): a
	// written word with letters but no event of its own takes its share of the phonemes of
	// the word before it, in proportion to the letters of each.
	for h := 0; h < len(segs); h++ {
		if len(segs[h].events) == 0 {
			continue
		}
		k := h + 1
		for k < len(segs) && len(segs[k].events) == 0 && hasLetters(runes[segs[k].start:segs[k].end]) {
			k++
		}
		if k == h+1 {
			continue
		}
		var idx []int
		for i, p := range phones {
			if p.seg == h {
				idx = append(idx, i)
			}
		}
		letters := make([]int, 0, k-h)
		sum := 0
		for s := h; s < k; s++ {
			l := max(1, countLetters(runes[segs[s].start:segs[s].end]))
			letters = append(letters, l)
			sum += l
		}
		acc := 0
		for j, s := 0, h; s < k; j, s = j+1, s+1 {
			from := len(idx) * acc / sum
			acc += letters[j]
			to := len(idx) * acc / sum
			for _, i := range idx[from:to] {
				phones[i].seg = s
			}
		}
		h = k - 1
	}

	n := &videoagent.Narration{SampleRate: rate, Samples: raw.samples}

	// Phoneme timeline: contiguous from 0 to the end, pauses as "_", empty entries dropped.
	addPhone := func(ipa string, start, end int) {
		if end <= start {
			return
		}
		if k := len(n.Phonemes); k > 0 {
			last := &n.Phonemes[k-1]
			if ipa == "_" && last.Phoneme == "_" {
				last.End = at(end)
				return
			}
		}
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: ipa, Start: at(start), End: at(end)})
	}
	pos := 0
	for _, p := range phones {
		if p.start > pos {
			addPhone("_", pos, p.start)
		}
		start := max(p.start, pos)
		ipa := p.ipa
		if ipa == "" {
			ipa = "_"
		}
		addPhone(ipa, start, p.end)
		pos = max(pos, p.end)
	}
	if pos < total {
		addPhone("_", pos, total)
	}

	// Words: from the first WORD event of a segment (or its first phoneme) to the end of its
	// last phoneme, so that pauses after a word are not counted inside it.
	first := make([]int, len(segs))
	last := make([]int, len(segs))
	for i := range segs {
		first[i], last[i] = -1, -1
	}
	for _, p := range phones {
		if p.seg < 0 || p.end <= p.start {
			continue
		}
		if first[p.seg] < 0 || p.start < first[p.seg] {
			first[p.seg] = p.start
		}
		last[p.seg] = max(last[p.seg], p.end)
	}
	prevEnd := 0
	for i, s := range segs {
		if len(s.events) == 0 && first[i] < 0 {
			continue
		}
		start := first[i]
		if len(s.events) > 0 {
			start = clamp(raw.events[s.events[0]].Sample)
			if first[i] >= 0 {
				start = min(start, first[i])
			}
		}
		end := last[i]
		if end < 0 && len(s.events) > 0 { // no phoneme of its own: until the next event
			end = total
			for _, nx := range raw.events[s.events[len(s.events)-1]+1:] {
				if nx.Type == evWord || nx.Type == evEnd || nx.Type == evMsgEnd || nx.Type == evPhoneme {
					end = clamp(nx.Sample)
					break
				}
			}
		}
		start = max(start, prevEnd)
		end = max(end, start)
		n.Words = append(n.Words, videoagent.WordTiming{Word: writtenWord(runes[s.start:s.end]), Start: at(start), End: at(end)})
		prevEnd = end
	}
	return n
}

// segmentWords splits the text into written words and assigns each WORD event to one. Words
// are runs of non-space characters; a run of a script written without spaces (Chinese,
// Japanese, Thai, ...) is further split where espeak starts a word inside it. It returns
// the words that espeak spoke, in order, and for each event index the word it belongs to.
func segmentWords(runes []rune, events []rawEvent) ([]segment, map[int]int) {
	// Whitespace-separated tokens.
	var toks []segment
	for i := 0; i < len(runes); {
		if unicode.IsSpace(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && !unicode.IsSpace(runes[j]) {
			j++
		}
		toks = append(toks, segment{start: i, end: j})
		i = j
	}
	// Split tokens of unspaced scripts at event starts.
	cuts := map[int]bool{}
	for _, ev := range events {
		p := ev.TextPos - 1
		if ev.Type == evWord && p > 0 && p < len(runes) && (unspaced(runes[p]) || unspaced(runes[p-1])) {
			cuts[p] = true
		}
	}
	var segs []segment
	for _, t := range toks {
		s := t.start
		for p := t.start + 1; p < t.end; p++ {
			if cuts[p] {
				segs = append(segs, segment{start: s, end: p})
				s = p
			}
		}
		segs = append(segs, segment{start: s, end: t.end})
	}
	// Assign events: the segment holding the position, else the next one; never going
	// backwards.
	wordSeg := map[int]int{}
	cur := 0
	for i, ev := range events {
		if ev.Type != evWord || len(segs) == 0 {
			continue
		}
		p := ev.TextPos - 1
		k := cur
		for k < len(segs)-1 && segs[k].end <= p {
			k++
		}
		cur = k
		wordSeg[i] = k
		segs[k].events = append(segs[k].events, i)
	}
	return segs, wordSeg
}

func hasLetters(r []rune) bool { return countLetters(r) > 0 }

func countLetters(rs []rune) int {
	n := 0
	for _, r := range rs {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// unspaced reports whether r belongs to a script written without spaces between words.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai,
		unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// writtenWord is a word as written, without the punctuation around it ("world." -> "world",
// "«niño»" -> "niño"); symbols such as "$" and "€" stay.
func writtenWord(r []rune) string {
	w := strings.TrimFunc(string(r), func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	if w == "" {
		return string(r)
	}
	return w
}
