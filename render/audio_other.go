//go:build !amd64 || purego

package render

// dotFast does nothing here: the resampler's loop does the sum.
func dotFast(k simd, c []float32, s []int16) (float32, bool) { return 0, false }
