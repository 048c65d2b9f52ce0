//go:build !purego

package render

// blendOverAVX2 composites n groups of 8 premultiplied RGBA pixels of s over d, with the
// arithmetic of blend's loop at full alpha without a mask: d = s + d*(255-sa)/255 per
// channel, the division exact as (x + 1 + x>>8) >> 8 is for every product that occurs.
// Groups of opaque pixels are copied and groups of transparent ones skipped.
//
//go:noescape
func blendOverAVX2(d, s *byte, n int)

// blendOverFast composites as many whole groups of 8 pixels of the row s over the row d
// as it can with SIMD, and returns how many pixels it did.
func blendOverFast(k simd, d, s []byte) int {
	g := len(d) / 32
	if !k.avx2 || g == 0 || len(s) < 32*g {
		return 0
	}
	blendOverAVX2(&d[0], &s[0], g)
	return 8 * g
}
