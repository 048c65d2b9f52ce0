package avatar

import (
	"math"
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// rng is splitmix64: tiny, fast and stable across Go releases (so seeds keep their frames).
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// between returns a number in [a, b).
func (r *rng) between(a, b float64) float64 { return a + (b-a)*r.float() }

// smooth is the smoothstep ease: 0 at 0, 1 at 1, flat at both ends.
func smooth(x float64) float64 {
	x = math.Max(0, math.Min(1, x))
	return x * x * (3 - 2*x)
}

// blinkDur is how long a blink lasts.
const blinkDur = 0.12

// blinkStarts returns blink start times in [0, dur): the first within 0.6-2.5 s, then every
// 2-6 s.
func blinkStarts(r *rng, dur float64) []float64 {
	var out []float64
	t := r.between(0.6, 2.5)
	for t < dur {
		out = append(out, t)
		t += r.between(2, 6)
	}
	return out
}

// sentenceEnd tells whether a written word ends a sentence, and whether it asks a question.
func sentenceEnd(w string) (end, question bool) {
	w = strings.TrimRightFunc(w, func(r rune) bool {
		return r == '"' || r == '\'' || r == ')' || r == ']' || r == '»' || r == '”' || r == '’' || unicode.IsSpace(r)
	})
	if w == "" {
		return false, false
	}
	switch last := []rune(w)[len([]rune(w))-1]; last {
	case '?', '？', '¿':
		return true, true
	case '.', '!', '。', '！', '…':
		return true, false
	}
	return false, false
}

// newTrack plans every frame: mouth, blinks, brows, breathing, sway and nods.
func newTrack(ss *spriteSet, req videoagent.PresenterRequest) *Track {
	n := req.Frames
	fps := float64(req.FPS)
	t := &Track{set: ss, eyes: ss.eyesFor(gazeStep(req.LookAt)), states: make([]frameState, n)}
	if n == 0 {
		return t
	}
	r := &rng{s: uint64(req.Seed)*0x2545f4914f6cdd1d + 0x5851f42d4c957f2d}
	s := ss.x.s

	// mouth
	shapes := lipSync(req.Narration, req.FPS, n)

	// blinks: frame-aligned so each shows its closed frame
	blink := make([]uint8, n)
	bl := max(3, int(math.Round(blinkDur*fps)))
	for _, bt := range blinkStarts(r, float64(n)/fps) {
		f0 := int(math.Round(bt * fps))
		for k := 0; k < bl && f0+k < n; k++ {
			st := uint8(2)
			if k == 0 || k == bl-1 {
				st = 1
			}
			blink[f0+k] = st
		}
	}

	// motion parameters, seeded
	breathT := r.between(3.6, 4.4)
	breathPh := r.between(0, 2*math.Pi)
	swayA := 0.022 * 100 * s // a few pixels: ~2% of the head width
	ph1, ph2, ph3 := r.between(0, 2*math.Pi), r.between(0, 2*math.Pi), r.between(0, 2*math.Pi)
	nodA := 0.028 * 130 * s

	var nods []float64 // nod start times
	type span struct{ a, b float64 }
	var lifts []span
	if req.Narration != nil {
		for i, w := range req.Narration.Words {
			end, q := sentenceEnd(w.Word)
			if !end {
				continue
			}
			nods = append(nods, w.End.Seconds()-0.08)
			if q {
				a := w.Start.Seconds()
				if i > 0 {
					a = req.Narration.Words[i-1].Start.Seconds()
				}
				lifts = append(lifts, span{a - 0.15, w.End.Seconds() + 0.35})
			}
		}
	}
	const nodDur = 0.55
	const ramp = 0.18

	for i := 0; i < n; i++ {
		tm := (float64(i) + 0.5) / fps
		// breathing: a raised-cosine, eased at both ends by construction
		b := float64(ss.breathMax) * (1 - math.Cos(2*math.Pi*tm/breathT+breathPh)) / 2
		dx := swayA * (0.65*math.Sin(2*math.Pi*tm/6.1+ph1) + 0.35*math.Sin(2*math.Pi*tm/9.7+ph2))
		dy := 0.35 * swayA * math.Sin(2*math.Pi*tm/7.3+ph3)
		for _, t0 := range nods {
			if u := (tm - t0) / nodDur; u > 0 && u < 1 {
				dy += nodA * math.Pow(math.Sin(math.Pi*u), 2)
			}
		}
		lift := 0.0
		for _, sp := range lifts {
			if tm > sp.a-ramp && tm < sp.b+ramp {
				lift = math.Max(lift, math.Min(smooth((tm-sp.a+ramp)/ramp), smooth((sp.b+ramp-tm)/ramp)))
			}
		}
		bi := int16(math.Round(b))
		t.states[i] = frameState{
			breath: bi,
			hx:     round16(dx),
			hy:     round16(dy) - bi,
			mouth:  uint8(shapes[i].index()),
			blink:  blink[i],
			brow:   uint8(math.Round(lift * (numBrow - 1))),
		}
	}
	return t
}
