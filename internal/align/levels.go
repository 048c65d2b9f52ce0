package align

import (
	"math"
	"sort"
	"time"
)

// WindowRMS is the RMS of mono 16-bit samples over consecutive windows of the given length,
// in sample units (0-32768). Window i covers the samples from i*window to (i+1)*window
// exactly (window sizes in samples vary by one when window is not a whole number of samples,
// so times do not drift); the last, partial window is kept. Nil without a positive rate and
// window.
func WindowRMS(samples []int16, rate int, window time.Duration) []float64 {
	if rate <= 0 || window <= 0 {
		return nil
	}
	at := func(i int) int { return int(int64(i) * int64(window) * int64(rate) / int64(time.Second)) }
	var rms []float64
	for i := 0; at(i) < len(samples); i++ {
		a, b := at(i), min(at(i+1), len(samples))
		if b <= a {
			b = a + 1
		}
		var sum float64
		for _, s := range samples[a:b] {
			sum += float64(s) * float64(s)
		}
		rms = append(rms, math.Sqrt(sum/float64(b-a)))
	}
	return rms
}

// LoudLevel is the level of loud speech among window levels: their 95th percentile, robust
// to a few clicks. 0 for no windows.
func LoudLevel(rms []float64) float64 {
	if len(rms) == 0 {
		return 0
	}
	s := append([]float64(nil), rms...)
	sort.Float64s(s)
	return s[min(len(s)-1, int(0.95*float64(len(s))))]
}

// levels is the RMS of each window relative to loud speech.
func levels(samples []int16, rate int) []float64 {
	rms := WindowRMS(samples, rate, Window)
	if ref := LoudLevel(rms); ref > 0 {
		for i := range rms {
			rms[i] /= ref
		}
	}
	return rms
}
