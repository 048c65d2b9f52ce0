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

// resampleAVX2 computes n groups of 8 consecutive outputs of the resampler's filter, each
// as float64(clip16(sum)) with the sum added as dotAVX2 adds it: the first output's
// window (stride samples, a multiple of 8) starts at src and its coefficients are row rem
// of coef (one row per remainder); each next output's window is dk samples on and its
// remainder dr more, a sample further on when that reaches outG.
//
//go:noescape
func resampleAVX2(coef *float32, src *int16, out *float64, n, stride int, rem, dk, dr, outG int64)

// resampleFast computes as many whole groups of 8 of the outputs out stands for as it can
// with SIMD, and returns how many it wrote: the output whose window (stride samples)
// starts at src[0] with remainder rem, and the ones after it, inG/outG of an input sample
// apart, with one coefficient row of coef per remainder. Each is float64(clip16(v)), v
// the sum dotFast gives for its taps, in the same order. Every window it reads must lie
// in src, which it checks on the last one (windows only move on).
func resampleFast(k simd, coef []float32, stride int, src []int16, rem, inG, outG int64, out []float64) int {
	g := len(out) / 8
	if !k.fma || g == 0 || stride <= 0 || stride%8 != 0 || inG <= 0 || outG <= 0 || rem < 0 || rem >= outG ||
		int64(len(coef)) < outG*int64(stride) {
		return 0
	}
	if last := (rem + int64(8*g-1)*inG) / outG; last+int64(stride) > int64(len(src)) {
		return 0
	}
	resampleAVX2(&coef[0], &src[0], &out[0], g, stride, rem, inG/outG, inG%outG, outG)
	return 8 * g
}

// pcm16AVX2 writes n groups of 8 samples of x as s16le: clip16(float32(x[i])).
//
//go:noescape
func pcm16AVX2(x *float64, out *byte, n int)

// pcm16Fast writes as many whole groups of 8 samples of x as it can with SIMD to out, as
// s16le clip16(float32(x[i])) (the mix's output), and returns how many it wrote.
func pcm16Fast(k simd, x []float64, out []byte) int {
	g := len(x) / 8
	if !k.avx2 || g == 0 || len(out) < 16*g {
		return 0
	}
	pcm16AVX2(&x[0], &out[0], g)
	return 8 * g
}
