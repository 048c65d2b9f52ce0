//go:build !purego

package render

// addWeightedAVX2 adds s*w to d, 16 values at a time, for n groups of 16.
//
//go:noescape
func addWeightedAVX2(d *uint16, s *byte, w uint16, n int)

// addWeightedFast adds as many whole groups of 16 of s*w to d as it can with SIMD, and
// returns how many values it did.
func addWeightedFast(k simd, d []uint16, s []byte, w uint16) int {
	g := min(len(d), len(s)) / 16
	if !k.avx2 || g == 0 {
		return 0
	}
	addWeightedAVX2(&d[0], &s[0], w, g)
	return 16 * g
}
