package speechtest

import (
	"math"
	"time"

	"github.com/openvideoagent/videoagent/internal/align"
)

// DefaultWindow is the analysis window of the energy envelope.
const DefaultWindow = 10 * time.Millisecond

// Fractions of an envelope's reference level (see Envelope.Reference) below which a window
// counts as silent, and at or above which it counts as voiced. Between them a window is
// neither (quiet consonants, fades).
const (
	SilentLevel = 0.02
	VoicedLevel = 0.04
)

// Envelope is the RMS energy of audio over consecutive windows.
type Envelope struct {
	Window time.Duration // length of one window
	RMS    []float64     // RMS of each window, in sample units (0-32768)
	ref    float64
}

// Region is a span of audio.
type Region struct {
	Start, End time.Duration
}

// NewEnvelope computes the RMS envelope of mono 16-bit samples over windows of the given
// length (DefaultWindow if zero), as the aligner measures it (align.WindowRMS), so that the
// checks judge timings by the same loudness the aligner placed them by.
func NewEnvelope(samples []int16, sampleRate int, window time.Duration) *Envelope {
	if window <= 0 {
		window = DefaultWindow
	}
	rms := align.WindowRMS(samples, sampleRate, window)
	return &Envelope{Window: window, RMS: rms, ref: align.LoudLevel(rms)}
}

// Reference is the loudness that levels are relative to: the 95th percentile of the window
// RMS values, i.e. the level of loud speech, robust to a few clicks.
func (e *Envelope) Reference() float64 { return e.ref }

// Level returns the RMS of window i relative to the reference (0 when the reference is 0).
func (e *Envelope) Level(i int) float64 {
	if e.ref == 0 || i < 0 || i >= len(e.RMS) {
		return 0
	}
	return e.RMS[i] / e.ref
}

// Voiced reports whether window i holds speech: its level is at least VoicedLevel.
func (e *Envelope) Voiced(i int) bool { return e.Level(i) >= VoicedLevel }

// Silent reports whether window i is near-silent: its level is below SilentLevel.
func (e *Envelope) Silent(i int) bool { return e.Level(i) < SilentLevel }

// windows returns the indices [i, j) of the windows that lie mostly inside [start, end).
func (e *Envelope) windows(start, end time.Duration) (int, int) {
	i := int((start + e.Window/2) / e.Window)
	j := int((end + e.Window/2) / e.Window)
	return max(0, min(i, len(e.RMS))), max(0, min(j, len(e.RMS)))
}

// VoicedFraction is the fraction of the windows in [start, end) that are voiced; 0 for an
// empty span.
func (e *Envelope) VoicedFraction(start, end time.Duration) float64 {
	return e.fraction(start, end, e.Voiced)
}

// SilentFraction is the fraction of the windows in [start, end) that are near-silent; 1 for
// an empty span.
func (e *Envelope) SilentFraction(start, end time.Duration) float64 {
	i, j := e.windows(start, end)
	if j <= i {
		return 1
	}
	return e.fraction(start, end, e.Silent)
}

func (e *Envelope) fraction(start, end time.Duration, f func(int) bool) float64 {
	i, j := e.windows(start, end)
	if j <= i {
		return 0
	}
	k := 0
	for w := i; w < j; w++ {
		if f(w) {
			k++
		}
	}
	return float64(k) / float64(j-i)
}

// VoicedRegions returns the spans of voiced audio, joining regions separated by less than
// minGap (stop closures inside words) and dropping regions shorter than minLen.
func (e *Envelope) VoicedRegions(minGap, minLen time.Duration) []Region {
	var rs []Region
	for i := 0; i < len(e.RMS); {
		if !e.Voiced(i) {
			i++
			continue
		}
		j := i
		for j < len(e.RMS) && e.Voiced(j) {
			j++
		}
		r := Region{Start: time.Duration(i) * e.Window, End: time.Duration(j) * e.Window}
		if k := len(rs); k > 0 && r.Start-rs[k-1].End < minGap {
			rs[k-1].End = r.End
		} else {
			rs = append(rs, r)
		}
		i = j
	}
	out := rs[:0]
	for _, r := range rs {
		if r.End-r.Start >= minLen {
			out = append(out, r)
		}
	}
	return out
}

// Pearson is Pearson's correlation coefficient of two series of the same length, such as
// a mouth's openness and the loudness of the speech it says.
func Pearson(a, b []float64) float64 {
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	return sab / math.Sqrt(saa*sbb)
}
