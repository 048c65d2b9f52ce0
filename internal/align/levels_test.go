package align_test

import (
	"math"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/align"
)

// Windows that are not a whole number of samples (10 ms at 22050 Hz: 220.5) alternate
// between 220 and 221 samples, so window i still starts at i*10 ms; the last, partial
// window is kept.
func TestWindowRMS(t *testing.T) {
	samples := make([]int16, 441+100)
	for i := range samples {
		switch {
		case i < 220:
			samples[i] = 100
		case i < 441:
			samples[i] = -300
		default:
			samples[i] = 50
		}
	}
	got := align.WindowRMS(samples, 22050, 10*time.Millisecond)
	want := []float64{100, 300, 50}
	if len(got) != len(want) {
		t.Fatalf("%d windows %v, want %v", len(got), got, want)
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("window %d: %v, want %v", i, got[i], want[i])
		}
	}
	if got := align.WindowRMS(samples, 0, 10*time.Millisecond); got != nil {
		t.Errorf("no sample rate: %v, want none", got)
	}
}

func TestLoudLevel(t *testing.T) {
	rms := make([]float64, 100)
	for i := range rms {
		rms[i] = float64(99 - i)
	}
	if got := align.LoudLevel(rms); got != 95 {
		t.Errorf("95th percentile of 0..99: %v", got)
	}
	if rms[0] != 99 {
		t.Error("LoudLevel reordered its argument")
	}
	if got := align.LoudLevel(nil); got != 0 {
		t.Errorf("no windows: %v", got)
	}
}
