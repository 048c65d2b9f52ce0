//go:build !amd64

package render

// dotFast does nothing here: the resampler's loop does the sum.
func dotFast(c []float32, s []int16) (float32, bool) { return 0, false }
