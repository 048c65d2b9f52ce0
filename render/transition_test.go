package render

import (
	"math/rand"
	"testing"
)

// The crossfade's SIMD mix (where the CPU has one) writes the very bytes of the plain
// loop, for lengths with and without a tail of fewer than 32 bytes, at every weight.
func TestMixBytesSIMDMatchesScalar(t *testing.T) {
	if !hostSIMD.avx2 {
		t.Skip("no AVX2 kernels in this build or on this CPU: there is only the plain loop")
	}
	rnd := rand.New(rand.NewSource(4))
	for _, n := range []int{32, 1000, 1280 * 720 * 3 / 2} {
		a, b := make([]byte, n), make([]byte, n)
		rnd.Read(a)
		rnd.Read(b)
		a[0], b[0], a[1], b[1] = 0, 255, 255, 0 // the extremes
		want, got := make([]byte, n), make([]byte, n)
		for m := uint32(0); m <= 256; m++ {
			mixBytes(plainSIMD, want, a, b, m)
			mixBytes(hostSIMD, got, a, b, m)
			if i := firstDiff(got, want); i >= 0 {
				t.Fatalf("%d bytes, weight %d: byte %d is %d, want %d", n, m, i, got[i], want[i])
			}
		}
	}
}

// BenchmarkCrossfade1080p mixes two 1080p I420 frames, as each frame of a crossfade does.
func BenchmarkCrossfade1080p(b *testing.B) {
	x, y, out := newI420(1920, 1080), newI420(1920, 1080), newI420(1920, 1080)
	for i := range x.buf {
		x.buf[i], y.buf[i] = byte(i), byte(i>>3)
	}
	k := 0.0
	for b.Loop() {
		transition(out, x, y, "crossfade", k)
		k = min(1, k+0.01)
	}
}
