package render

import (
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// benchNarrationMixer is the standard storyboard's soundtrack without music: six 10 s
// scenes, each with 9.2 s of 22.05 kHz narration brought to the target loudness on its
// own, as newMixer and normaliseVoices make it.
func benchNarrationMixer() *mixer {
	const fps = 30
	sentence := "Every team needs a plan that adapts when the week changes, and Flow keeps that plan current without meetings. "
	var plans []*scenePlan
	for i := range 6 {
		n := trimNarration(synthNarration(strings.Repeat(sentence, 3), i), 9200*time.Millisecond)
		plans = append(plans, &scenePlan{index: i, narr: n, frames: 10 * fps, start: 10 * fps * i, leadIn: LeadIn,
			scene: videoagent.Scene{ID: fmt.Sprintf("s%d", i)}})
	}
	m := newMixer(plans, fps)
	for _, v := range m.voices {
		v.gain = math.Pow(10, math.Min(30, TargetLUFS-dualMono-pcmLoudness(v.src, v.rate))/20)
	}
	return m
}

// BenchmarkMixWrite streams the 60 s narration-only mix (mixer.write, as the soundtrack's
// pieces are written): at the gain it is normalised to (no sample reaches the limiter's
// ceiling: this synthetic speech has a lower crest factor than a real voice), 6 dB louder
// (0.6% of the samples over the ceiling, as a real voice's peaks) and 12 dB louder (25%:
// the limiter at work on every word). ns/sample is per output sample.
func BenchmarkMixWrite(b *testing.B) {
	for _, tc := range []struct {
		name string
		gain float64
	}{{"normal", 1}, {"peaks", 2}, {"loud", 4}} {
		b.Run(tc.name, func(b *testing.B) {
			m := benchNarrationMixer()
			for b.Loop() {
				if err := m.write(io.Discard, tc.gain); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*m.total), "ns/sample")
		})
	}
}

// BenchmarkResamplerSamples resamples one second of 22.05 kHz speech-band noise to 48 kHz
// in runs of 512 samples (resampler.samples, as the mixer reads a voice).
func BenchmarkResamplerSamples(b *testing.B) {
	src := make([]int16, 22050)
	for i := range src {
		src[i] = int16(i*7919%30000 - 15000)
	}
	r := newResampler(22050, 48000)
	out := make([]float64, 512)
	for b.Loop() {
		for j := int64(0); j < 48000; j += int64(len(out)) {
			r.samples(src, j, out[:min(int64(len(out)), 48000-j)])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*48000), "ns/sample")
}
