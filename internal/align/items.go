package align

import (
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// fromReference takes the words, relative durations, pauses and phonemes of a reference
// narration, or returns nil if it has none or its words do not cover text in order.
func fromReference(text string, ref *videoagent.Narration) []item {
	if ref == nil || len(ref.Words) == 0 {
		return nil
	}
	src := strings.ToLower(text)
	pos := 0
	for _, w := range ref.Words {
		k := strings.Index(src[pos:], strings.ToLower(w.Word))
		if w.Word == "" || k < 0 {
			return nil
		}
		pos += k + len(w.Word)
	}
	items := make([]item, len(ref.Words))
	pi := 0
	for i, w := range ref.Words {
		it := item{word: w.Word, dur: max(0.03, (w.End - w.Start).Seconds())}
		if i+1 < len(ref.Words) {
			it.gapAfter = max(0, (ref.Words[i+1].Start - w.End).Seconds())
		}
		for pi < len(ref.Phonemes) && ref.Phonemes[pi].End <= w.Start {
			pi++
		}
		for ; pi < len(ref.Phonemes); pi++ {
			p := ref.Phonemes[pi]
			if (p.Start+p.End)/2 >= w.End {
				break
			}
			if p.Phoneme == "_" || p.End <= p.Start {
				continue
			}
			it.phones = append(it.phones, p.Phoneme)
			it.weights = append(it.weights, (p.End - p.Start).Seconds())
		}
		items[i] = it
	}
	return items
}

// Durations of the letter-count model, in seconds.
const (
	vowelDur     = 0.09
	consonantDur = 0.06
	syllableDur  = 0.2 // one character of a syllabic or logographic script
	digitDur     = 0.3
	commaPause   = 0.15
	stopPause    = 0.35
)

// fromLetters makes the words of text with durations from their letters, pauses at
// punctuation, and phonemes guessed letter by letter.
func fromLetters(text string) []item {
	var items []item
	for _, tok := range strings.Fields(text) {
		for _, piece := range splitUnspaced(tok) {
			word := strings.TrimFunc(piece, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
			if strings.IndexFunc(word, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
				continue
			}
			it := item{word: word}
			it.phones, it.weights = letterPhones(word)
			for _, w := range it.weights {
				it.dur += w
			}
			trail := piece[len(strings.TrimRightFunc(piece, unicode.IsPunct)):]
			switch {
			case strings.ContainsAny(trail, ".!?。！？।"):
				it.gapAfter = stopPause
			case strings.ContainsAny(trail, ",;:、，；：—–"):
				it.gapAfter = commaPause
			}
			items = append(items, it)
		}
	}
	return items
}

// splitUnspaced splits a token of a script written without spaces after each punctuation
// run ("こんにちは、世界。" -> "こんにちは、", "世界。"); other tokens are returned whole.
func splitUnspaced(tok string) []string {
	if strings.IndexFunc(tok, unspaced) < 0 {
		return []string{tok}
	}
	var out []string
	rs := []rune(tok)
	start := 0
	for i := 0; i < len(rs); i++ {
		if unicode.IsPunct(rs[i]) && (i+1 == len(rs) || !unicode.IsPunct(rs[i+1])) {
			out = append(out, string(rs[start:i+1]))
			start = i + 1
		}
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai,
		unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// latinPhones maps Latin letters (and common digraphs) to approximate IPA.
var latinPhones = map[string]string{
	"sh": "ʃ", "ch": "tʃ", "th": "θ", "ng": "ŋ", "ph": "f", "qu": "kw", "ee": "iː", "oo": "uː",
	"a": "a", "b": "b", "c": "k", "d": "d", "e": "e", "f": "f", "g": "ɡ", "h": "h", "i": "i",
	"j": "dʒ", "k": "k", "l": "l", "m": "m", "n": "n", "o": "o", "p": "p", "q": "k", "r": "ɹ",
	"s": "s", "t": "t", "u": "u", "v": "v", "w": "w", "x": "ks", "y": "j", "z": "z",
}

// letterPhones guesses the phonemes of a word and their durations in seconds.
func letterPhones(word string) ([]string, []float64) {
	var ps []string
	var ws []float64
	rs := []rune(strings.ToLower(word))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			ps = append(ps, "ə")
			ws = append(ws, digitDur)
		case unspaced(r) || unicode.In(r, unicode.Hangul):
			ps = append(ps, "ə")
			ws = append(ws, syllableDur)
		case r < 0x80 && unicode.IsLetter(r):
			if i+1 < len(rs) {
				if p, ok := latinPhones[string(rs[i:i+2])]; ok {
					ps = append(ps, p)
					ws = append(ws, consonantDur)
					i++
					continue
				}
			}
			p := latinPhones[string(r)]
			d := consonantDur
			if strings.ContainsRune("aeiou", r) {
				d = vowelDur
			}
			ps = append(ps, p)
			ws = append(ws, d)
		case unicode.IsLetter(r):
			d := consonantDur
			if strings.ContainsRune("áéíóúàèìòùâêîôûäëïöüåæøœãõ", r) || unicode.In(r, unicode.Devanagari, unicode.Arabic, unicode.Hebrew, unicode.Bengali, unicode.Tamil) {
				d = vowelDur
			}
			ps = append(ps, "ə")
			ws = append(ws, d)
		case unicode.IsMark(r):
			if len(ws) > 0 {
				ws[len(ws)-1] += 0.03
			}
		}
	}
	return ps, ws
}
