//go:build !purego

package render

// dotAVX2 is the sum of c[i]*s[i] over n groups of 8, in eight float32 lanes.
//
//go:noescape
func dotAVX2(c *float32, s *int16, n int) float32

// dotFast is the resampler's filter sum over whole groups of 8 coefficients (c, zero
// padded) and samples, and whether SIMD did it. Its lanes add in another order than the
// plain loop, so the two differ in the last bits of a float32.
func dotFast(k simd, c []float32, s []int16) (float32, bool) {
	n := len(c) / 8
	if !k.fma || n == 0 || len(c) != 8*n || len(s) < 8*n {
		return 0, false
	}
	return dotAVX2(&c[0], &s[0], n), true
}
