package render

import (
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

func words(text string, per time.Duration) []videoagent.WordTiming {
	var ws []videoagent.WordTiming
	t := time.Duration(0)
	for _, w := range strings.Fields(text) {
		ws = append(ws, videoagent.WordTiming{Word: w, Start: t, End: t + per})
		t += per + per/4
	}
	return ws
}

func TestBuildCues(t *testing.T) {
	text := "Captions are grouped into cues of at most two lines. Each line holds at most forty two characters, so that viewers can read them at a glance! Antidisestablishmentarianismically-hyphenated-superlongwordthatcannotbreak is alone."
	ws := words(text, 250*time.Millisecond)
	cues := BuildCues(ws)
	n := 0
	for i, c := range cues {
		if len(c.Lines) > 2 {
			t.Errorf("cue %d has %d lines", i, len(c.Lines))
		}
		for _, l := range c.Lines {
			if len([]rune(l)) > 42 && len(strings.Fields(l)) > 1 {
				t.Errorf("cue %d line %q is %d chars", i, l, len([]rune(l)))
			}
		}
		k := len(strings.Fields(strings.Join(c.Lines, " ")))
		if c.Start != ws[n].Start || c.End != ws[n+k-1].End {
			t.Errorf("cue %d times %v-%v, words %v-%v", i, c.Start, c.End, ws[n].Start, ws[n+k-1].End)
		}
		if c.End-c.Start > captionMaxDur {
			t.Errorf("cue %d lasts %v", i, c.End-c.Start)
		}
		n += k
	}
	if n != len(ws) {
		t.Errorf("cues hold %d of %d words", n, len(ws))
	}
	// Sentence ends close cues.
	for _, c := range cues {
		l := strings.Join(c.Lines, " ")
		if i := strings.Index(l, ". "); i >= 0 {
			t.Errorf("cue runs across a sentence end: %q", l)
		}
	}
}

func TestSubtitleFormats(t *testing.T) {
	cues := []Cue{{Start: 1500 * time.Millisecond, End: 3723004 * time.Millisecond, Lines: []string{"a <b> & c", "two"}}}
	var srt, vtt strings.Builder
	WriteSRT(&srt, cues)
	WriteVTT(&vtt, cues)
	if srt.String() != "1\n00:00:01,500 --> 01:02:03,004\na <b> & c\ntwo\n\n" {
		t.Errorf("srt %q", srt.String())
	}
	if vtt.String() != "WEBVTT\n\n00:00:01.500 --> 01:02:03.004\na &lt;b&gt; &amp; c\ntwo\n\n" {
		t.Errorf("vtt %q", vtt.String())
	}
}

// Resampling keeps a tone's frequency and level.
func TestResample(t *testing.T) {
	for _, rate := range []int{16000, 22050, 24000, 44100, 48000} {
		src := make([]int16, rate) // 1 s of 1 kHz at half scale
		for i := range src {
			src[i] = int16(16000 * math.Sin(2*math.Pi*1000*float64(i)/float64(rate)))
		}
		var buf strings.Builder
		pw := &pcmWriter{w: &buf, buf: make([]byte, 4096)}
		if err := pw.audio(src, rate, 48000); err != nil {
			t.Fatal(err)
		}
		b := []byte(buf.String())
		if len(b) != 96000 || pw.n != 48000 {
			t.Fatalf("%d Hz: %d bytes", rate, len(b))
		}
		out := make([]float64, 48000)
		for i := range out {
			out[i] = float64(int16(uint16(b[2*i]) | uint16(b[2*i+1])<<8))
		}
		cross, peak := 0, 0.0
		for i := 1000; i < 47000; i++ { // skip the edges
			if (out[i-1] < 0) != (out[i] < 0) {
				cross++
			}
			peak = math.Max(peak, math.Abs(out[i]))
		}
		if f := float64(cross) / 2 / (46000.0 / 48000); math.Abs(f-1000) > 5 {
			t.Errorf("%d Hz: frequency %.1f", rate, f)
		}
		if math.Abs(peak-16000) > 400 {
			t.Errorf("%d Hz: peak %.0f", rate, peak)
		}
	}
}

// The resampler's filter, SIMD (where the CPU has it) and plain, gives a double-precision
// sum over its taps within one step, inside the source and at its edges, reading samples
// in order and not, and at a rate with too many phases to keep one per position.
func TestResamplerMatchesPlainSum(t *testing.T) {
	for _, tc := range []struct {
		in   int
		simd simd
		step int64
	}{{22050, hostSIMD, 1}, {22050, hostSIMD, 7}, {22050, plainSIMD, 1}, {24000, hostSIMD, 1}, {44099, hostSIMD, 1}, {44099, plainSIMD, 3}} {
		testResamplerSum(t, tc.in, tc.simd, tc.step)
	}
}

func testResamplerSum(t *testing.T, in int, k simd, step int64) {
	rnd := rand.New(rand.NewSource(9))
	src := make([]int16, in)
	for i := range src {
		src[i] = int16(rnd.Intn(40000) - 20000)
	}
	r := newResampler(in, 48000)
	r.simd = k
	for j := int64(0); j < 48000; j += step {
		num := j * int64(r.in)
		k0 := num / int64(r.out)
		p := int((num % int64(r.out)) * int64(r.phases) / int64(r.out))
		want := 0.0
		for t, c := range r.coef[p*r.stride : p*r.stride+r.taps] {
			if k := k0 - int64(r.half) + 1 + int64(t); k >= 0 && k < int64(len(src)) {
				want += float64(c) * float64(src[k])
			}
		}
		want = math.Max(-32768, math.Min(32767, math.Round(want)))
		var got [1]float64
		if r.samples(src, j, got[:]); math.Abs(got[0]-want) > 1 {
			t.Fatalf("%d Hz, every %d: sample %d: %.0f, want %.0f", in, step, j, got[0], want)
		}
	}
}

// clip16 rounds as math.Round does, and clips, for float32 values around every half step
// and past the ends.
func TestClip16(t *testing.T) {
	check := func(v float32) {
		want := math.Max(-32768, math.Min(32767, math.Round(float64(v))))
		if got := clip16(v); float64(got) != want {
			t.Fatalf("clip16(%v) = %d, want %v", v, got, want)
		}
	}
	for i := -33000; i <= 33000; i++ {
		h := float32(i) + 0.5
		for _, v := range []float32{float32(i), h, math.Nextafter32(h, -1e9), math.Nextafter32(h, 1e9)} {
			check(v)
		}
	}
}

// Words take the punctuation of the narration as written, and a cue then ends with its
// sentence; words the text spells otherwise keep their own form.
func TestPunctuate(t *testing.T) {
	words := func(ws ...string) []videoagent.WordTiming {
		out := make([]videoagent.WordTiming, len(ws))
		for i, w := range ws {
			out[i] = videoagent.WordTiming{Word: w, Start: time.Duration(i) * 300 * time.Millisecond, End: time.Duration(i)*300*time.Millisecond + 250*time.Millisecond}
		}
		return out
	}
	for _, tc := range []struct {
		text string
		in   []string
		want string
	}{
		{"Meet Flow. The project tool that plans your week for you!", []string{"Meet", "Flow", "The", "project", "tool", "that", "plans", "your", "week", "for", "you"},
			"Meet Flow. The project tool that plans your week for you!"},
		{`He said "hello, world" (twice) — and left.`, []string{"he", "said", "hello", "world", "twice", "and", "left"},
			`He said "hello, world" (twice) and left.`},
		{"Try it free at flow.example.com today.", []string{"Try", "it", "free", "at", "flow", "dot", "example", "dot", "com", "today"},
			"Try it free at flow dot example dot com today."},
		{"", []string{"no", "text"}, "no text"},
	} {
		got := punctuate(words(tc.in...), tc.text)
		var ws []string
		for i, w := range got {
			ws = append(ws, w.Word)
			if w.Start != time.Duration(i)*300*time.Millisecond {
				t.Fatalf("%q: word %d moved to %v", tc.text, i, w.Start)
			}
		}
		if s := strings.Join(ws, " "); s != tc.want {
			t.Errorf("punctuate(%q) = %q, want %q", tc.text, s, tc.want)
		}
	}
	// Two short sentences: a cue for each, as soon as the first is long enough.
	text := "Flow does three things for every team. It collects every task in one inbox."
	cues := BuildCues(punctuate(words(strings.Fields(strings.NewReplacer(".", "").Replace(text))...), text))
	if len(cues) != 2 || !strings.HasSuffix(strings.Join(cues[0].Lines, " "), "team.") {
		t.Errorf("cues %+v, want one per sentence", cues)
	}
}
