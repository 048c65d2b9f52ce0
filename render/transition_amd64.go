//go:build !purego

package render

// mixBytesAVX2 sets n groups of 32 bytes of out to a + (b-a)*m/256, rounded, exactly as
// mixBytes's loop does.
//
//go:noescape
func mixBytesAVX2(out, a, b *byte, n int, m uint64)

// mixBytesFast mixes as many whole groups of 32 bytes as it can with SIMD and returns how
// many bytes it wrote.
func mixBytesFast(k simd, out, a, b []byte, m uint32) int {
	g := len(out) / 32
	if !k.avx2 || g == 0 || len(a) < 32*g || len(b) < 32*g || m > 256 {
		return 0
	}
	mixBytesAVX2(&out[0], &a[0], &b[0], g, uint64(m))
	return 32 * g
}
