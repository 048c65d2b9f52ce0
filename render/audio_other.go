//go:build !amd64 || purego

package render

// dotFast does nothing here: the resampler's loop does the sum.
func dotFast(k simd, c []float32, s []int16) (float32, bool) { return 0, false }

// resampleFast does nothing here: resampler.samples filters each output on its own.
func resampleFast(k simd, coef []float32, stride int, src []int16, rem, inG, outG int64, out []float64) int {
	return 0
}

// pcm16Fast does nothing here: the mixer's loop converts every sample.
func pcm16Fast(k simd, x []float64, out []byte) int { return 0 }
