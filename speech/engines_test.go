package speech_test

import (
	"context"
	"math"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/align"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
	"github.com/openvideoagent/videoagent/speech/festival"
	"github.com/openvideoagent/videoagent/speech/flite"
)

// paragraph is the English text of the quality measures and speed benchmarks.
const paragraph = "Welcome to Open Video Agent. In this short walkthrough, we will look at projects, " +
	"tasks and the team calendar. Every task has an owner, a due date and a status; drag it to change " +
	"the status. The calendar shows what is due this week. That is all for today, thanks for watching!"

// englishEngines returns every offline engine with its English voices.
func englishEngines(t testing.TB) []struct {
	s      videoagent.Synthesizer
	voices []videoagent.Voice
} {
	t.Helper()
	es, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	fl, err := flite.New()
	if err != nil {
		t.Fatal(err)
	}
	out := []struct {
		s      videoagent.Synthesizer
		voices []videoagent.Voice
	}{}
	ev := []videoagent.Voice{}
	for _, g := range []string{"female", "male"} {
		v, _ := espeak.DefaultVoiceFor("en-US", g)
		ev = append(ev, v)
	}
	out = append(out, struct {
		s      videoagent.Synthesizer
		voices []videoagent.Voice
	}{es, ev}, struct {
		s      videoagent.Synthesizer
		voices []videoagent.Voice
	}{fl, flite.Voices()})
	if fe, err := festival.New(); err == nil {
		out = append(out, struct {
			s      videoagent.Synthesizer
			voices []videoagent.Voice
		}{fe, fe.Voices()})
	}
	return out
}

// pitchTrack estimates F0 (Hz) of each 10 ms hop by normalized autocorrelation over 40 ms
// windows, with its periodicity (the peak correlation, 0-1); 0 Hz for unvoiced windows.
func pitchTrack(s []int16, rate int) (f0, period []float64) {
	win, hop := rate*40/1000, rate/100
	minLag, maxLag := rate/400, rate/60
	env := speechtest.NewEnvelope(s, rate, 0)
	for i, k := 0, 0; i+win+maxLag < len(s); i, k = i+hop, k+1 {
		if !env.Voiced(k) {
			f0, period = append(f0, 0), append(period, 0)
			continue
		}
		best, bestLag := 0.0, 0
		var e0 float64
		for j := 0; j < win; j++ {
			e0 += float64(s[i+j]) * float64(s[i+j])
		}
		for lag := minLag; lag <= maxLag; lag++ {
			var c, e1 float64
			for j := 0; j < win; j++ {
				c += float64(s[i+j]) * float64(s[i+j+lag])
				e1 += float64(s[i+j+lag]) * float64(s[i+j+lag])
			}
			if r := c / math.Sqrt(e0*e1+1); r > best {
				best, bestLag = r, lag
			}
		}
		if best < 0.6 {
			f0, period = append(f0, 0), append(period, best)
			continue
		}
		f0, period = append(f0, float64(rate)/float64(bestLag)), append(period, best)
	}
	return f0, period
}

// quality are objective proxies of naturalness (none replaces listening): pitch movement
// (flat, monotone pitch sounds robotic; read speech moves about 2-4 semitones), speaking
// rate, the share of voiced windows that are clearly periodic (low values mean buzz or
// noise), and pitch jumps between consecutive voiced windows (octave errors, warble).
type quality struct {
	pitchSD, rangeST, wpm, periodic, jumps float64
	rate                                   int
}

func measure(n *videoagent.Narration) quality {
	f0, per := pitchTrack(n.Samples, n.SampleRate)
	var st []float64
	var voicedPer []float64
	jumps, pairs := 0, 0
	for i, f := range f0 {
		if per[i] > 0 {
			voicedPer = append(voicedPer, per[i])
		}
		if f > 0 {
			st = append(st, 12*math.Log2(f))
			if i > 0 && f0[i-1] > 0 {
				pairs++
				if math.Abs(12*math.Log2(f/f0[i-1])) > 3 {
					jumps++
				}
			}
		}
	}
	q := quality{rate: n.SampleRate}
	if len(st) > 1 {
		sort.Float64s(st)
		var mean, sd float64
		for _, x := range st {
			mean += x
		}
		mean /= float64(len(st))
		for _, x := range st {
			sd += (x - mean) * (x - mean)
		}
		q.pitchSD = math.Sqrt(sd / float64(len(st)))
		q.rangeST = st[len(st)*95/100] - st[len(st)*5/100]
	}
	per90 := 0
	for _, p := range voicedPer {
		if p >= 0.8 {
			per90++
		}
	}
	if len(voicedPer) > 0 {
		q.periodic = float64(per90) / float64(len(voicedPer))
	}
	if pairs > 0 {
		q.jumps = float64(jumps) / float64(pairs)
	}
	q.wpm = float64(len(n.Words)) / n.Duration().Minutes()
	return q
}

// TestEnglishVoiceQuality logs objective proxies for every offline English voice: the
// figures behind the choice of the default English voices (see DefaultEnglish).
func TestEnglishVoiceQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, eng := range englishEngines(t) {
		for _, v := range eng.voices {
			n, err := eng.s.Synthesize(context.Background(), paragraph, v, videoagent.SpeechOptions{})
			if err != nil {
				t.Fatal(err)
			}
			q := measure(n)
			t.Logf("%-18s %5d Hz  pitch SD %.1f st, range %.1f st, %3.0f wpm, periodic %.0f%%, pitch jumps %.1f%%",
				v.ID, q.rate, q.pitchSD, q.rangeST, q.wpm, 100*q.periodic, 100*q.jumps)
		}
	}
}

// TestDefaultEnglish checks the default English voices exist in their engines and match
// their gender.
func TestDefaultEnglish(t *testing.T) {
	for gender, id := range speech.DefaultEnglish {
		ok := false
		for _, eng := range englishEngines(t) {
			for _, v := range eng.voices {
				if v.ID == id && v.Gender == gender {
					ok = true
				}
			}
		}
		if !ok {
			t.Errorf("default %s English voice %q is not an offline %s voice", gender, id, gender)
		}
	}
}

// TestFiveLanguages synthesizes through the server's stack (normalisation and the router)
// in five languages and checks words line up with the voiced audio.
func TestFiveLanguages(t *testing.T) {
	es, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	r := speech.NewRouter()
	r.Register(espeak.EngineName, es)
	s := speech.NewNormalizing(r)
	for _, c := range []struct{ lang, text string }{
		{"en", "The price is $4.5M, up 25% since 2021. Call us at 3:30 pm."},
		{"es", "Hola, mundo. El precio es de cinco euros."},
		{"de", "Guten Morgen! Heute lernen wir etwas Neues."},
		{"hi", "नमस्ते, दुनिया। आज हम कुछ नया सीखेंगे।"},
		{"ja", "こんにちは、世界。今日は新しいことを学びます。"},
		{"cmn", "你好，世界。今天我们学习新的东西。"},
	} {
		v, ok := espeak.DefaultVoice(c.lang)
		if !ok {
			t.Fatalf("no voice for %s", c.lang)
		}
		n, err := s.Synthesize(context.Background(), c.text, v, videoagent.SpeechOptions{})
		if err != nil {
			t.Fatal(err)
		}
		speechtest.CheckNarration(t, c.text, n)
		speechtest.CheckSentencePauses(t, c.text, n)
	}
}

// cpuTime is the CPU time of this process and its waited-for children (espeak-ng and
// Festival synthesize in child processes).
func cpuTime() time.Duration {
	var self, kids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(self.Utime) + tv(self.Stime) + tv(kids.Utime) + tv(kids.Stime)
}

// benchEngine reports seconds of audio per CPU second ("x-realtime") for one voice.
func benchEngine(b *testing.B, s videoagent.Synthesizer, v videoagent.Voice) {
	var audio time.Duration
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		n, err := s.Synthesize(context.Background(), paragraph, v, videoagent.SpeechOptions{})
		if err != nil {
			b.Fatal(err)
		}
		audio += n.Duration()
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(audio.Seconds()/cpu.Seconds(), "x-realtime")
	b.ReportMetric(audio.Seconds()/float64(b.N), "audio-s/op")
}

// BenchmarkEngines measures synthesis speed per engine in seconds of audio per CPU second,
// including the OpenAI-compatible path's alignment (audio from espeak-ng, timings derived).
func BenchmarkEngines(b *testing.B) {
	for _, eng := range englishEngines(b) {
		v := eng.voices[0]
		b.Run(v.ID, func(b *testing.B) { benchEngine(b, eng.s, v) })
	}
	es, _ := espeak.New()
	guide := align.SynthGuide(es, func(l string) (videoagent.Voice, bool) { return espeak.DefaultVoiceFor(l, "female") })
	v, _ := espeak.DefaultVoiceFor("en", "male")
	b.Run("align-fallback", func(b *testing.B) {
		benchEngine(b, &align.Timed{Synth: speechtest.AudioOnly{Synth: es}, Guide: guide}, v)
	})
}
