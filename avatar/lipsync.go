package avatar

import (
	"math"
	"sort"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// shape is one mouth sprite: a viseme at a level (0 small .. numLevels-1 full; only the open
// visemes have levels).
type shape struct {
	v   Viseme
	lvl uint8
}

func (s shape) index() int        { return int(s.v)*numLevels + int(s.lvl) }
func shapeOf(i int) shape         { return shape{Viseme(i / numLevels), uint8(i % numLevels)} }
func (s shape) openness() float64 { return openness[s.v][s.lvl] }
func (s shape) important() bool {
	return s.v == VisemeMBP || s.v == VisemeFV || s.v == VisemeU || s.v == VisemeO || s.v == VisemeAI
}
func restShape() shape { return shape{VisemeRest, 0} }
func (s shape) withLevel(l int) shape {
	if !s.v.hasLevels() {
		l = 0
	}
	l = max(0, min(l, numLevels-1))
	return shape{s.v, uint8(l)}
}

// phonClass is what one IPA letter looks like on the lips.
type phonClass struct {
	s       shape
	vowel   bool
	inherit bool // h, ɦ, ʔ: the lips take the shape of the next sound
}

// ipaClasses is the lip class of each IPA letter.
var ipaClasses = letterClasses{
	{"pbmʘɓβɸʙ", phonClass{s: shape{VisemeMBP, 0}}},
	{"fvʋɱ", phonClass{s: shape{VisemeFV, 0}}},
	{"θðǀ", phonClass{s: shape{VisemeTH, 0}}},
	{"lɫɬɮɭʎʟɺtdnɾɗʈɖɳrɽǃǂǁ", phonClass{s: shape{VisemeL, 0}}},
	{"szʃʒʂʐɕʑçʝjkgɡŋxɣqɢχʁħʕɲɴcɟʀɰɧʄʛ", phonClass{s: shape{VisemeE, 0}}},
	{"wʍɥɹɻ", phonClass{s: shape{VisemeU, 0}}},
	{"hɦʔʡʜʢ", phonClass{s: shape{VisemeE, 0}, inherit: true}},
	// vowels
	{"aɑäɶ", phonClass{s: shape{VisemeAI, 2}, vowel: true}},
	{"æɐʌ", phonClass{s: shape{VisemeAI, 1}, vowel: true}},
	{"əɜɚɝɘɞ", phonClass{s: shape{VisemeAI, 0}, vowel: true}},
	{"ɛ", phonClass{s: shape{VisemeE, 2}, vowel: true}},
	{"ei", phonClass{s: shape{VisemeE, 1}, vowel: true}},
	{"ɪɨᵻɯɤ", phonClass{s: shape{VisemeE, 0}, vowel: true}},
	{"ɔɒ", phonClass{s: shape{VisemeO, 2}, vowel: true}},
	{"oøœɵ", phonClass{s: shape{VisemeO, 1}, vowel: true}},
	{"uyʉ", phonClass{s: shape{VisemeU, 2}, vowel: true}},
	{"ʊʏɷ", phonClass{s: shape{VisemeU, 1}, vowel: true}},
}.byLetter()

// letterClasses gives the letters of each runes a lip class.
type letterClasses []struct {
	runes string
	class phonClass
}

// byLetter maps each letter to its class; a later entry wins.
func (ls letterClasses) byLetter() map[rune]phonClass {
	m := map[rune]phonClass{}
	for _, e := range ls {
		for _, r := range e.runes {
			m[r] = e.class
		}
	}
	return m
}

// precomposed letters that espeak or other engines may emit, reduced to their base letter.
var baseLetter = map[rune]rune{
	'ã': 'a', 'á': 'a', 'à': 'a', 'â': 'a', 'å': 'a', 'ā': 'a',
	'ẽ': 'e', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e',
	'ĩ': 'i', 'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i',
	'õ': 'o', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'ø', 'ō': 'o',
	'ũ': 'u', 'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'y', 'ū': 'u',
	'ỹ': 'y', 'ý': 'y', 'ñ': 'ɲ', 'ç': 'ç', 'ŋ': 'ŋ', 'ʧ': 'ʃ', 'ʤ': 'ʒ', 'ʦ': 's', 'ʣ': 'z',
	'ɚ': 'ɚ', 'ɝ': 'ɝ', '@': 'ə', '3': 'ɜ', '&': 'æ', '{': 'æ', 'A': 'ɑ', 'O': 'ɔ', 'E': 'ɛ',
	'I': 'ɪ', 'U': 'ʊ', 'V': 'ʌ', 'Q': 'ɒ', 'N': 'ŋ', 'S': 'ʃ', 'Z': 'ʒ', 'T': 'θ', 'D': 'ð',
}

// classify splits one phoneme into the classes of its letters, skipping stress, length,
// tone and diacritic marks. An unknown letter falls back on its articulation: letters that
// look like vowels open the mouth a little, anything else is a neutral consonant.
func classify(ph string) []phonClass {
	var out []phonClass
	for _, r := range ph {
		if b, ok := baseLetter[r]; ok {
			r = b
		}
		if c, ok := ipaClasses[r]; ok {
			out = append(out, c)
			continue
		}
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Lm, r) || unicode.Is(unicode.Sk, r) ||
			unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsDigit(r) || unicode.IsSymbol(r) {
			continue // ˈ ˌ ː ˑ ̃ ̩ ʰ ʲ ʷ ˥ ...
		}
		if lr := unicode.ToLower(r); lr != r {
			if c, ok := ipaClasses[lr]; ok {
				out = append(out, c)
				continue
			}
		}
		if unicode.IsLetter(r) {
			out = append(out, phonClass{s: shape{VisemeE, 0}})
		}
	}
	return out
}

// VisemeOf is the main mouth shape of an IPA phoneme: its vowel nucleus if it has one, else
// its most visible consonant. "_" (a pause) and marks alone give VisemeRest.
func VisemeOf(ipa string) Viseme {
	cs := classify(ipa)
	if ipa == "_" || len(cs) == 0 {
		return VisemeRest
	}
	for _, c := range cs {
		if c.vowel {
			return c.s.v
		}
	}
	return mostVisible(cs).s.v
}

// visibility ranks consonant shapes for clusters and affricates: lips first.
var visibility = [numVisemes]int{VisemeMBP: 6, VisemeFV: 5, VisemeTH: 4, VisemeU: 3, VisemeE: 2, VisemeL: 1}

func mostVisible(cs []phonClass) phonClass {
	best := cs[0]
	for _, c := range cs[1:] {
		if visibility[c.s.v] > visibility[best.s.v] {
			best = c
		}
	}
	return best
}

// vseg is a stretch of time with one mouth shape.
type vseg struct {
	s       shape
	t0, t1  float64
	inherit bool
}

// segments turns phoneme timings into mouth-shape segments. A diphthong is split between
// its vowels (the nucleus takes the larger part); consonant clusters and affricates take
// their most visible consonant.
func segments(ph []videoagent.PhonemeTiming) []vseg {
	var out []vseg
	for _, p := range ph {
		t0, t1 := p.Start.Seconds(), p.End.Seconds()
		if t1 <= t0 {
			continue
		}
		cs := classify(p.Phoneme)
		if p.Phoneme == "_" || len(cs) == 0 {
			out = append(out, vseg{s: restShape(), t0: t0, t1: t1})
			continue
		}
		var vs, cons []phonClass
		for _, c := range cs {
			if c.vowel {
				vs = append(vs, c)
			} else {
				cons = append(cons, c)
			}
		}
		switch {
		case len(vs) == 0:
			c := mostVisible(cons)
			out = append(out, vseg{s: c.s, t0: t0, t1: t1, inherit: c.inherit && len(cons) == 1})
		case len(vs) == 1 && len(cons) == 0:
			out = append(out, vseg{s: vs[0].s, t0: t0, t1: t1})
		default:
			// a sequence of parts in order; weights give the nucleus more time
			type part struct {
				s shape
				w float64
			}
			var parts []part
			seenVowel := false
			for _, c := range cs {
				w := 0.7
				if c.vowel {
					if !seenVowel {
						w = 1.6
					} else {
						w = 1.0
						if c.s.v == VisemeU {
							// the rounding glide of aʊ, oʊ: a small round opening
							c.s = shape{VisemeO, 0}
						}
					}
					seenVowel = true
				}
				if len(parts) > 0 && parts[len(parts)-1].s == c.s {
					parts[len(parts)-1].w += w
					continue
				}
				parts = append(parts, part{c.s, w})
			}
			var tot float64
			for _, pp := range parts {
				tot += pp.w
			}
			t := t0
			for _, pp := range parts {
				d := (t1 - t0) * pp.w / tot
				out = append(out, vseg{s: pp.s, t0: t, t1: t + d})
				t += d
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].t0 < out[j].t0 })
	// h and glottal stops take the shape of what follows them
	for i := range out {
		if !out[i].inherit {
			continue
		}
		if i+1 < len(out) && out[i+1].t0-out[i].t1 < 0.03 && out[i+1].s.v != VisemeRest {
			out[i].s = out[i+1].s.withLevel(0)
		}
	}
	return out
}

// frameRMS is the loudness of the audio under each frame.
func frameRMS(n *videoagent.Narration, fps, frames int) []float64 {
	out := make([]float64, frames)
	if n == nil || n.SampleRate <= 0 || len(n.Samples) == 0 {
		return out
	}
	for i := range out {
		a := i * n.SampleRate / fps
		b := (i + 1) * n.SampleRate / fps
		if a >= len(n.Samples) {
			break
		}
		b = min(b, len(n.Samples))
		var s float64
		for _, v := range n.Samples[a:b] {
			f := float64(v)
			s += f * f
		}
		if b > a {
			out[i] = math.Sqrt(s / float64(b-a))
		}
	}
	return out
}

// lipSync chooses a mouth shape for every frame.
//
// Each frame looks at the speech under it, shifted a little ahead (the lips anticipate the
// next sound), and takes the shape that covers most of that window, favouring the shapes a
// viewer notices (closures, rounding). The loudness of the audio sets the size of open
// shapes and closes the mouth in silence. Finally no shape is held for fewer than two frames.
func lipSync(n *videoagent.Narration, fps, frames int) []shape {
	out := make([]shape, frames)
	if n == nil || len(n.Phonemes) == 0 || frames == 0 {
		return out
	}
	segs := segments(n.Phonemes)
	rms := frameRMS(n, fps, frames)
	haveAudio := len(n.Samples) > 0 && n.SampleRate > 0
	ref := loudRef(rms)
	const lead = 0.015
	fd := 1 / float64(fps)
	weight := func(s shape) float64 {
		switch s.v {
		case VisemeMBP:
			return 1.8
		case VisemeFV:
			return 1.4
		case VisemeU, VisemeO:
			return 1.15
		case VisemeRest:
			return 0.9
		}
		return 1
	}
	j := 0
	for i := range out {
		w0, w1 := float64(i)*fd+lead, float64(i+1)*fd+lead
		for j < len(segs) && segs[j].t1 <= w0 {
			j++
		}
		best, bestScore, covered := restShape(), 0.0, 0.0
		var scores [numShapes]float64
		for k := j; k < len(segs) && segs[k].t0 < w1; k++ {
			ov := math.Min(w1, segs[k].t1) - math.Max(w0, segs[k].t0)
			if ov <= 0 {
				continue
			}
			covered += ov
			scores[segs[k].s.index()] += ov * weight(segs[k].s)
		}
		if gap := (w1 - w0) - covered; gap > 0 {
			scores[0] += gap * weight(restShape())
		}
		for k, sc := range scores {
			if sc > bestScore {
				best, bestScore = shapeOf(k), sc
			}
		}
		if haveAudio && ref > 0 {
			if best.v.hasLevels() {
				// the louder, the wider: 25% of clear speech or less is the smallest
				// size, 85% or more the widest
				l := int(math.Round(math.Max(0, math.Min(1, (rms[i]/ref-0.25)/0.6)) * (numLevels - 1)))
				if best.v == VisemeU && best.lvl > 0 {
					l = max(l, 1) // a vowel u stays an open "oo", not the pucker of w
				}
				best = best.withLevel(l)
			}
			if rms[i] < 0.1*ref && best.openness() > 0.2 {
				best = restShape()
			}
		}
		out[i] = best
	}
	return holdTwo(out)
}

// loudRef is the loudness of clear speech: the 90th percentile of the non-silent frames.
func loudRef(rms []float64) float64 {
	var mx float64
	for _, v := range rms {
		mx = math.Max(mx, v)
	}
	var voiced []float64
	for _, v := range rms {
		if v > 0.05*mx {
			voiced = append(voiced, v)
		}
	}
	if len(voiced) == 0 {
		return 0
	}
	sort.Float64s(voiced)
	return voiced[len(voiced)*9/10]
}

// holdTwo removes one-frame shapes: an important shape (a closure or an opening) steals a
// frame from a long neighbour, anything else joins the neighbour nearest in openness.
func holdTwo(seq []shape) []shape {
	type run struct {
		s shape
		n int
	}
	var runs []run
	for _, s := range seq {
		if len(runs) > 0 && runs[len(runs)-1].s == s {
			runs[len(runs)-1].n++
		} else {
			runs = append(runs, run{s, 1})
		}
	}
	for iter := 0; iter < len(seq)+1; iter++ {
		k := -1
		for i, r := range runs {
			if r.n == 1 && len(runs) > 1 {
				k = i
				break
			}
		}
		if k < 0 {
			break
		}
		r := runs[k]
		var prev, next *run
		if k > 0 {
			prev = &runs[k-1]
		}
		if k+1 < len(runs) {
			next = &runs[k+1]
		}
		if r.s.important() {
			var donor *run
			switch {
			case prev != nil && next != nil:
				// prefer to delay the next shape rather than advance this one
				if next.n >= 3 || next.n >= prev.n {
					donor = next
				} else {
					donor = prev
				}
			case prev != nil:
				donor = prev
			default:
				donor = next
			}
			if donor.n >= 3 {
				donor.n--
				runs[k].n = 2
				continue
			}
		}
		// join a neighbour
		var into *run
		switch {
		case prev != nil && next != nil:
			dp := math.Abs(prev.s.openness() - r.s.openness())
			dn := math.Abs(next.s.openness() - r.s.openness())
			if dp <= dn {
				into = prev
			} else {
				into = next
			}
		case prev != nil:
			into = prev
		default:
			into = next
		}
		into.n++
		runs = append(runs[:k], runs[k+1:]...)
		// merge equal neighbours
		merged := runs[:0]
		for _, r := range runs {
			if len(merged) > 0 && merged[len(merged)-1].s == r.s {
				merged[len(merged)-1].n += r.n
			} else {
				merged = append(merged, r)
			}
		}
		runs = merged
	}
	out := seq[:0]
	for _, r := range runs {
		for i := 0; i < r.n; i++ {
			out = append(out, r.s)
		}
	}
	return out
}
