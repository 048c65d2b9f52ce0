package render

// kbVerticalAVX2 blends n groups of 8 pixels of two horizontally filtered rows (a, b: a
// pixel's channels in the 16-bit lanes of a uint64) with weight wy (0-255) of b, into
// RGBA bytes d: kenBurns.render's vertical pass, with the same arithmetic.
//
//go:noescape
func kbVerticalAVX2(a, b *uint64, d *byte, n int, wy uint64)

// kbVerticalFast does the vertical pass for as many whole groups of 8 pixels as it can
// with SIMD and returns how many pixels it wrote.
func kbVerticalFast(a, b []uint64, d []byte, wy uint64) int {
	g := len(a) / 8
	if !useAVX2 || g == 0 || len(b) < 8*g || len(d) < 32*g || wy > 255 {
		return 0
	}
	kbVerticalAVX2(&a[0], &b[0], &d[0], g, wy)
	return 8 * g
}
