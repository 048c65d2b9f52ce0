package align_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/align"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

func engine(t testing.TB) *espeak.Engine {
	t.Helper()
	e, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func voice(t testing.TB, id string) videoagent.Voice {
	t.Helper()
	for _, v := range espeak.Voices() {
		if v.ID == id {
			return v
		}
	}
	t.Fatalf("no voice %q", id)
	return videoagent.Voice{}
}

// guide is the espeak guide the server uses: the female default voice of the locale.
func guide(e *espeak.Engine) align.Guide {
	return align.SynthGuide(e, func(locale string) (videoagent.Voice, bool) { return espeak.DefaultVoiceFor(locale, "female") })
}

// TestConformance runs the suite on audio whose timings were thrown away: the guide speaks
// with another voice (the male audio is aligned with the female guide and vice versa for
// the variants), at the suite's speeds.
func TestConformance(t *testing.T) {
	e := engine(t)
	var vs []videoagent.Voice
	for _, id := range []string{"espeak-en-us-m", "espeak-es-m", "espeak-de-m", "espeak-hi-m", "espeak-cmn-m", "espeak-ja-m", "espeak-ru-m"} {
		vs = append(vs, voice(t, id))
	}
	speechtest.Run(t, &align.Timed{Synth: speechtest.AudioOnly{Synth: e}, Guide: guide(e)}, vs)
}

// TestConformanceWithoutGuide aligns with letter counts only.
func TestConformanceWithoutGuide(t *testing.T) {
	e := engine(t)
	var vs []videoagent.Voice
	for _, id := range []string{"espeak-en-us-f", "espeak-es-m", "espeak-de-f", "espeak-fr-fr-m"} {
		vs = append(vs, voice(t, id))
	}
	speechtest.Run(t, &align.Timed{Synth: speechtest.AudioOnly{Synth: e}}, vs)
}

// benchTexts are the sentences of the accuracy measure.
var benchTexts = []string{
	"Welcome to Open Video Agent, the fastest way to turn a prompt into a finished video.",
	"In this short walkthrough, we will look at projects, tasks and the team calendar.",
	"Every task has an owner, a due date and a status. Drag it to change the status.",
	"The calendar shows what is due this week. Click a day to see its tasks.",
	"That is all for today. Thanks for watching, and see you next time!",
}

// BoundaryError is the mean absolute difference between word starts and ends of two
// timings of the same words.
func BoundaryError(a, b []videoagent.WordTiming) (time.Duration, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("%d words vs %d", len(a), len(b))
	}
	var sum time.Duration
	for i := range a {
		if !strings.EqualFold(a[i].Word, b[i].Word) {
			return 0, fmt.Errorf("word %d: %q vs %q", i, a[i].Word, b[i].Word)
		}
		sum += (a[i].Start - b[i].Start).Abs() + (a[i].End - b[i].End).Abs()
	}
	return sum / time.Duration(2*len(a)), nil
}

// accuracy aligns espeak audio of voice v at speed sp and compares with espeak's own
// timings; guided selects the espeak guide (female voice, speed 1).
func accuracy(t testing.TB, e *espeak.Engine, v videoagent.Voice, sp float64, guided bool) time.Duration {
	t.Helper()
	var g align.Guide
	if guided {
		g = guide(e)
	}
	var sum time.Duration
	for _, text := range benchTexts {
		n, err := e.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{Speed: sp})
		if err != nil {
			t.Fatal(err)
		}
		var ref *videoagent.Narration
		if g != nil {
			if ref, err = g(context.Background(), text, v.Locale); err != nil {
				t.Fatal(err)
			}
		}
		words, _ := align.Align(n.Samples, n.SampleRate, text, ref)
		d, err := BoundaryError(n.Words, words)
		if err != nil {
			t.Fatal(err)
		}
		sum += d
	}
	return sum / time.Duration(len(benchTexts))
}

// TestAccuracy measures the mean word-boundary error of the alignment against espeak-ng's
// exact timings, on audio of a voice and speed other than the guide's.
func TestAccuracy(t *testing.T) {
	e := engine(t)
	male := voice(t, "espeak-en-us-m")
	for _, c := range []struct {
		sp     float64
		guided bool
		limit  time.Duration
	}{{1, true, 60 * time.Millisecond}, {1.3, true, 60 * time.Millisecond}, {0.8, true, 60 * time.Millisecond}, {1, false, 150 * time.Millisecond}} {
		got := accuracy(t, e, male, c.sp, c.guided)
		t.Logf("speed %.1f guided=%v: mean word-boundary error %v", c.sp, c.guided, got)
		if got > c.limit {
			t.Errorf("speed %.1f guided=%v: mean word-boundary error %v, want under %v", c.sp, c.guided, got, c.limit)
		}
	}
}

// BenchmarkBoundaryError reports the alignment's mean word-boundary error against
// espeak-ng's own timings (ms), guided and from letters alone, and the aligner's speed.
func BenchmarkBoundaryError(b *testing.B) {
	e := engine(b)
	male := voice(b, "espeak-en-us-m")
	var g, l, g13 time.Duration
	for i := 0; i < b.N; i++ {
		g = accuracy(b, e, male, 1, true)
		g13 = accuracy(b, e, male, 1.3, true)
		l = accuracy(b, e, male, 1, false)
	}
	b.ReportMetric(float64(g)/1e6, "ms-err-guided")
	b.ReportMetric(float64(g13)/1e6, "ms-err-guided-1.3x")
	b.ReportMetric(float64(l)/1e6, "ms-err-letters")
}

// BenchmarkAlign measures the aligner alone: seconds of audio aligned per CPU second.
func BenchmarkAlign(b *testing.B) {
	e := engine(b)
	text := strings.Join(benchTexts, " ")
	n, err := e.Synthesize(context.Background(), text, voice(b, "espeak-en-us-m"), videoagent.SpeechOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ref, err := guide(e)(context.Background(), text, "en-US")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		align.Align(n.Samples, n.SampleRate, text, ref)
	}
	b.ReportMetric(n.Duration().Seconds()*float64(b.N)/b.Elapsed().Seconds(), "audio-s/s")
	_ = math.Abs
}
