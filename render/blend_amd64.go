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

// blendScaledAVX2 composites n groups of 8 premultiplied RGBA pixels of s over d with the
// arithmetic of blend's loop under a coverage per pixel: k = m*alpha/255, m read 8 bytes
// a group from m, which advances by mstep bytes a group (0 for one coverage throughout).
// Pixels whose source alpha is 0 are left, as the loop leaves them.
//
//go:noescape
func blendScaledAVX2(d, s, m *byte, mstep, alpha, n int)

// opaqueMask is a group's mask when there is none.
var opaqueMask = [8]byte{255, 255, 255, 255, 255, 255, 255, 255}

// blendScaledFast composites as many whole groups of 8 pixels of the row s over the row d
// as it can with SIMD, under the mask row m (nil for none) and alpha, and returns how
// many pixels it did.
func blendScaledFast(k simd, d, s, m []byte, alpha uint32) int {
	g := len(d) / 32
	if !k.avx2 || g == 0 || len(s) < 32*g || (m != nil && len(m) < 8*g) {
		return 0
	}
	if m == nil {
		blendScaledAVX2(&d[0], &s[0], &opaqueMask[0], 0, int(alpha), g)
	} else {
		blendScaledAVX2(&d[0], &s[0], &m[0], 8, int(alpha), g)
	}
	return 8 * g
}
