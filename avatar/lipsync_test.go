package avatar

import (
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"image"
	"image/color"
	"math"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
)

type ph struct {
	p  string
	ms int
}

// testNarration builds a narration from phonemes and durations, with audio whose loudness
// follows the phonemes the way speech does: vowels loud, nasals and liquids softer,
// fricatives and stops quiet, pauses silent.
func testNarration(t testing.TB, phs []ph, words []videoagent.WordTiming) *videoagent.Narration {
	const rate = 16000
	n := &videoagent.Narration{SampleRate: rate, Words: words}
	var at time.Duration
	for _, p := range phs {
		d := time.Duration(p.ms) * time.Millisecond
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: p.p, Start: at, End: at + d})
		at += d
		amp := 0.0
		switch c := classify(p.p); {
		case p.p == "_" || len(c) == 0:
		case c[0].vowel || (len(c) > 1 && c[1].vowel):
			amp = 9000
		case c[0].s.v == VisemeMBP && (p.p == "m"):
			amp = 2200
		case c[0].s.v == VisemeL || c[0].s.v == VisemeU:
			amp = 2600
		case c[0].s.v == VisemeMBP:
			amp = 400
		default:
			amp = 1200
		}
		ns := p.ms * rate / 1000
		ramp := 0.012 * rate
		for k := 0; k < ns; k++ {
			env := math.Min(1, math.Min(float64(k)/ramp, float64(ns-k)/ramp))
			v := amp * env * math.Sin(2*math.Pi*160*float64(len(n.Samples))/rate)
			n.Samples = append(n.Samples, int16(v))
		}
	}
	return n
}

// countColor counts the pixels of r within a small distance of colour c (premultiplied).
func countColor(img *image.RGBA, r image.Rectangle, c color.NRGBA) int {
	r = r.Intersect(img.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := img.RGBAAt(x, y)
			if p.A == 255 && absd(p.R, c.R) < 10 && absd(p.G, c.G) < 10 && absd(p.B, c.B) < 10 {
				n++
			}
		}
	}
	return n
}

func absd(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// mouthPixels is the measured openness of frame i: dark mouth-interior pixels in the mouth
// region of the composed frame.
func mouthPixels(tr *Track, size image.Point, i int) int {
	return countColor(compose(tr, size, i), tr.MouthRect(i), colMouth)
}

// luma is the Rec. 601 luma of c (what H.264 keeps at full resolution).
func luma(c color.NRGBA) float64 { return 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B) }

// rgbDist is the sum of the absolute channel differences, the measure mouthOpen uses.
func rgbDist(a, b color.NRGBA) int {
	return absd(a.R, b.R) + absd(a.G, b.G) + absd(a.B, b.B)
}

// TestMouthPalette checks on every skin tone that an open mouth reads as a dark opening
// framed by the lips and a closed mouth as a line, with margins that survive H.264: the
// interior is darker than the skin and much darker than the lips, the closed-mouth line is
// darker than the skin's shadow, and neither the skin, its shadow, the lips nor the line is
// near the interior's colour.
func TestMouthPalette(t *testing.T) {
	for _, st := range skinTones {
		lip := st.lipFill()
		checks := []struct {
			ok   bool
			what string
		}{
			{luma(colMouth) <= luma(st.base)-20, "interior darker than the skin"},
			{luma(colMouth) <= luma(lip)-30, "interior darker than the lips"},
			{luma(st.line) <= luma(st.shadow)-10, "closed-mouth line darker than the skin shadow"},
			{rgbDist(colMouth, st.base) >= 60, "skin away from the interior colour"},
			{rgbDist(colMouth, st.shadow) >= 60, "skin shadow away from the interior colour"},
			{rgbDist(colMouth, lip) >= 90, "lips away from the interior colour"},
			{rgbDist(colMouth, st.line) >= 60, "closed-mouth line away from the interior colour"},
			{rgbDist(lip, st.base) >= 30, "lips distinct from the skin"},
		}
		for _, c := range checks {
			if !c.ok {
				t.Errorf("%s skin: want %s (interior %v luma %.0f, skin %v luma %.0f, shadow %v luma %.0f, lips %v luma %.0f, line %v luma %.0f)",
					st.name, c.what, colMouth, luma(colMouth), st.base, luma(st.base), st.shadow, luma(st.shadow), lip, luma(lip), st.line, luma(st.line))
			}
		}
	}
}

func TestVisemeOf(t *testing.T) {
	cases := map[string]Viseme{
		"_": VisemeRest, "ˈ": VisemeRest, "": VisemeRest,
		"m": VisemeMBP, "b": VisemeMBP, "p": VisemeMBP, "ʘ": VisemeMBP, "pf": VisemeMBP, "ɸ": VisemeMBP,
		"f": VisemeFV, "v": VisemeFV, "ɱ": VisemeFV,
		"θ": VisemeTH, "ð": VisemeTH,
		"l": VisemeL, "t": VisemeL, "ɳ": VisemeL, "ɭ": VisemeL, "ǃ": VisemeL, "n̩": VisemeL,
		"a": VisemeAI, "aɪ": VisemeAI, "ˈaː": VisemeAI, "ɑ̃": VisemeAI, "ã": VisemeAI, "ɐ": VisemeAI, "ʌ": VisemeAI, "aʊ": VisemeAI,
		"iː": VisemeE, "ɪ": VisemeE, "eɪ": VisemeE, "ɛ̃": VisemeE, "s": VisemeE, "tʃ": VisemeE, "dʒ": VisemeE, "ts": VisemeE, "ʂ": VisemeE, "k": VisemeE, "ŋ": VisemeE, "x": VisemeE,
		"o": VisemeO, "ɔː": VisemeO, "oʊ": VisemeO, "ɔ̃": VisemeO, "õ": VisemeO, "ø": VisemeO, "œ̃": VisemeO, "ɔɪ": VisemeO,
		"u": VisemeU, "uː": VisemeU, "ʊ": VisemeU, "w": VisemeU, "y": VisemeU, "ɹ": VisemeU, "kʷ": VisemeE, "ʏ": VisemeU,
		"tʰ": VisemeL, "ʔ": VisemeE, "ɾ": VisemeL, "ʀ": VisemeE, "˥": VisemeRest, "ɚ": VisemeAI,
		"Ж": VisemeE, // unknown letter: a neutral consonant
	}
	for p, want := range cases {
		if got := VisemeOf(p); got != want {
			t.Errorf("VisemeOf(%q) = %v, want %v", p, got, want)
		}
	}
}

// frameAt is the frame showing time ms.
func frameAt(ms, fps int) int { return ms * fps / 1000 }

// checkViseme asserts that within one frame of time ms the track shows v.
func checkViseme(t *testing.T, tr *Track, fps, ms int, want Viseme, what string) {
	t.Helper()
	f := frameAt(ms, fps)
	for d := -1; d <= 1; d++ {
		if tr.Viseme(f+d) == want {
			return
		}
	}
	t.Errorf("%s at %d ms: frames %d..%d show %v %v %v, want %v", what, ms, f-1, f+1,
		tr.Viseme(f-1), tr.Viseme(f), tr.Viseme(f+1), want)
}

func TestLipSyncWords(t *testing.T) {
	size := image.Pt(960, 540)
	for _, fps := range []int{24, 30, 60} {
		// "mama" with pauses, then "five", then "who"
		phs := []ph{{"_", 400}, {"m", 90}, {"ˈa", 180}, {"m", 90}, {"a", 200}, {"_", 500},
			{"f", 110}, {"aɪ", 240}, {"v", 100}, {"_", 500},
			{"h", 80}, {"uː", 260}, {"_", 600}}
		n := testNarration(t, phs, nil)
		frames := int(n.Duration().Seconds()*float64(fps)) + 1
		tr := track(t, New(), videoagent.PresenterRequest{LookID: "ava-business", Framing: videoagent.FramingCloseUp, Size: size, FPS: fps, Frames: frames, Narration: n, Seed: 1})
		mid := func(k int) int { // midpoint of phoneme k, ms
			return int((n.Phonemes[k].Start + n.Phonemes[k].End).Milliseconds() / 2)
		}
		checkViseme(t, tr, fps, mid(1), VisemeMBP, "m of mama")
		checkViseme(t, tr, fps, mid(2), VisemeAI, "a of mama")
		checkViseme(t, tr, fps, mid(3), VisemeMBP, "second m")
		checkViseme(t, tr, fps, mid(4), VisemeAI, "second a")
		checkViseme(t, tr, fps, mid(6), VisemeFV, "f of five")
		checkViseme(t, tr, fps, mid(7), VisemeAI, "aɪ of five")
		checkViseme(t, tr, fps, mid(8), VisemeFV, "v of five")
		checkViseme(t, tr, fps, mid(11), VisemeU, "uː of who")

		// pixels: closed in pauses, open on vowels, closed on m
		for _, k := range []int{0, 5, 9, 12} {
			p := n.Phonemes[k]
			a := frameAt(int(p.Start.Milliseconds()), fps) + 3
			b := frameAt(int(p.End.Milliseconds()), fps) - 3
			for f := a; f <= b && f < frames; f++ {
				if px := mouthPixels(tr, size, f); px != 0 {
					t.Errorf("%d fps: pause %d frame %d: %d mouth pixels", fps, k, f, px)
				}
			}
		}
		for _, k := range []int{2, 4, 7} {
			if px := mouthPixels(tr, size, frameAt(mid(k), fps)); px < 60 {
				t.Errorf("%d fps: vowel %q: only %d mouth pixels", fps, n.Phonemes[k].Phoneme, px)
			}
		}
		for _, k := range []int{1, 3} {
			if px := mouthPixels(tr, size, frameAt(mid(k), fps)); px != 0 {
				t.Errorf("%d fps: m: %d mouth pixels", fps, px)
			}
		}
		// no shape shows for a single frame
		for i := 1; i+1 < frames; i++ {
			s := tr.states[i].mouth
			if s != tr.states[i-1].mouth && s != tr.states[i+1].mouth {
				t.Errorf("%d fps: one-frame shape at %d", fps, i)
			}
		}
	}
}

// TestOpennessFollowsLoudness checks the measured mouth openness against the RMS envelope
// of the audio over a sentence ("The quick brown fox jumps over the lazy dog. Is it?").
func TestOpennessFollowsLoudness(t *testing.T) {
	phs := []ph{{"_", 250},
		{"ð", 50}, {"ə", 60}, {"k", 70}, {"w", 60}, {"ˈɪ", 90}, {"k", 80}, {"b", 60}, {"ɹ", 60}, {"ˈaʊ", 190}, {"n", 70},
		{"f", 100}, {"ˈɑː", 170}, {"k", 60}, {"s", 110}, {"dʒ", 80}, {"ˈʌ", 110}, {"m", 70}, {"p", 60}, {"s", 100},
		{"ˌoʊ", 150}, {"v", 60}, {"ɚ", 90}, {"ð", 40}, {"ə", 60}, {"l", 60}, {"ˈeɪ", 170}, {"z", 80}, {"i", 90},
		{"d", 60}, {"ˈɑː", 200}, {"ɡ", 90}, {"_", 450}, {"ɪ", 90}, {"z", 80}, {"ɪ", 110}, {"t", 120}, {"_", 500}}
	n := testNarration(t, phs, nil)
	for _, fps := range []int{25, 30} {
		frames := int(n.Duration().Seconds() * float64(fps))
		size := image.Pt(640, 360)
		tr := track(t, New(), videoagent.PresenterRequest{Size: size, FPS: fps, Frames: frames, Narration: n, Seed: 5})
		rms := frameRMS(n, fps, frames)
		px := make([]float64, frames)
		op := make([]float64, frames)
		for i := range px {
			px[i] = float64(mouthPixels(tr, size, i))
			op[i] = tr.MouthOpenness(i)
		}
		if r := speechtest.Pearson(px, rms); r < 0.6 {
			t.Errorf("%d fps: pixels vs RMS r = %.2f", fps, r)
		} else {
			t.Logf("%d fps: mouth pixels vs RMS r = %.2f", fps, r)
		}
		if r := speechtest.Pearson(op, rms); r < 0.6 {
			t.Errorf("%d fps: MouthOpenness vs RMS r = %.2f", fps, r)
		} else {
			t.Logf("%d fps: MouthOpenness vs RMS r = %.2f", fps, r)
		}
	}
}
