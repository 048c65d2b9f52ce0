//go:build !purego

package render

import "unsafe"

// kbVerticalAVX2 blends n groups of 8 pixels of two horizontally filtered rows (a, b: a
// pixel's channels in the 16-bit lanes of a uint64) with weight wy (0-255) of b, adding
// round before the shift, into RGBA bytes d: kbVertical's loop (round 0), with the same
// arithmetic. Its arithmetic is per lane, so it serves kbPlaneVertical too.
//
//go:noescape
func kbVerticalAVX2(a, b *uint64, d *byte, n int, wy, round uint64)

// kbVerticalFast does the vertical pass for as many whole groups of 8 pixels as it can
// with SIMD and returns how many pixels it wrote.
func kbVerticalFast(k simd, a, b []uint64, d []byte, wy uint64) int {
	g := len(a) / 8
	if !k.avx2 || g == 0 || len(b) < 8*g || len(d) < 32*g || wy > 255 {
		return 0
	}
	kbVerticalAVX2(&a[0], &b[0], &d[0], g, wy, 0)
	return 8 * g
}

// kbHorizontalAVX2 filters n groups of 4 pixels of a source row of packed RGBA pixels:
// out[x] (a pixel's channels in the 16-bit lanes of a uint64) blends src[x0[x]] and
// src[x1[x]] with weight w[x] (in each lane) of the second, kenBurns.paint's horizontal
// pass with the same arithmetic. A group's taps must lie within the 8 pixels from its
// first x0, all of which must be within src.
//
//go:noescape
func kbHorizontalAVX2(src *byte, x0, x1 *int32, w, out *uint64, n int)

// kbHorizontalFast does the horizontal pass for as many whole groups of 4 pixels as it
// can with SIMD and returns how many pixels it wrote. reach is the most by which any x1
// exceeds the x0 three columns before it (see kenBurns.at); the 8 pixels from any x0
// must lie within src (see kbPad). None of x0 and x1 may be negative.
func kbHorizontalFast(k simd, src []byte, x0, x1 []int32, reach int32, w, out []uint64) int {
	g := len(out) / 4
	if !k.avx2 || g == 0 || reach > 7 || len(x0) < 4*g || len(x1) < 4*g || len(w) < 4*g || int(x0[4*g-4])+8 > len(src)/4 {
		return 0
	}
	kbHorizontalAVX2(&src[0], &x0[0], &x1[0], &w[0], &out[0], g)
	return 4 * g
}

// kbPlaneHorizontalAVX2 filters n pairs of groups of 8 columns of a plane's source row:
// out[x] = (src[x0]*(256-w[x]) + src[x1]*w[x] + 128) >> 8, x0 and x1 being the column's taps,
// given per group as its first x0 (base) and the 16 taps' offsets from it (taps: the
// group's 8 first taps, then its 8 second ones), each below 16. The 16 bytes from every
// base must lie within src.
//
//go:noescape
func kbPlaneHorizontalAVX2(src *byte, base *int32, taps *byte, w, out *uint16, n int)

// kbPlaneHorizontalFast does kbPlaneSampling.paint's horizontal pass for as many whole
// pairs of groups as it can with SIMD and returns how many columns it wrote.
func kbPlaneHorizontalFast(k simd, src []byte, base []int32, taps []byte, w, out []uint16) int {
	p := len(out) / (2 * kbGroup)
	if !k.avx2 || p == 0 || len(base) < 2*p || len(taps) < 2*kbGroup*2*p || len(w) < 2*kbGroup*p || int(base[2*p-1])+16 > len(src) {
		return 0
	}
	kbPlaneHorizontalAVX2(&src[0], &base[0], &taps[0], &w[0], &out[0], p)
	return 2 * kbGroup * p
}

// kbPlaneVerticalFast does kbPlaneVertical for as many whole groups of 32 samples as it
// can with SIMD, with kbVerticalAVX2 (whose arithmetic is per 16-bit lane, whatever a
// lane holds), and returns how many samples it wrote.
func kbPlaneVerticalFast(k simd, a, b []uint16, d []byte, wy uint32) int {
	g := len(a) / 32
	if !k.avx2 || g == 0 || len(b) < 32*g || len(d) < 32*g || wy > 255 {
		return 0
	}
	kbVerticalAVX2((*uint64)(unsafe.Pointer(&a[0])), (*uint64)(unsafe.Pointer(&b[0])), &d[0], g, uint64(wy), 128)
	return 32 * g
}
