//go:build amd64 && !amd64.v3

package render

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"testing"
)

// mixGolden is the SHA-256 of what TestMixGolden writes, recorded from the mixer as it was
// before the batch resampler, with the resampler's SIMD kernel (FMA) and without.
var mixGolden = map[bool]string{
	true:  "db09b553555125855a05bae3d984e88473338e63f9c2e504f87180b26b127de5",
	false: "824214f0edda6bb739bb1a97ae3a20d632944c1c17f4a31705c8cca489addf79",
}

// The mix writes the bytes it wrote before the batch resampler: the hash of many random
// mixes is the one recorded then. It holds where the recording was made: amd64 below v3,
// where Go does not fuse the limiter's multiply and add (elsewhere the comparison with the
// reference path, TestMixMatchesReference, guards the mix).
func TestMixGolden(t *testing.T) {
	for _, k := range []simd{hostSIMD, plainSIMD} {
		rnd := rand.New(rand.NewSource(7))
		h := sha256.New()
		for i := range 40 {
			m := randomMixer(rnd, k, i%4 == 3)
			gain := mixGain(rnd)
			for _, s := range mixSpans(rnd, m) {
				if err := m.writeSpan(h, gain, s[0], s[1]); err != nil {
					t.Fatal(err)
				}
			}
		}
		got := hex.EncodeToString(h.Sum(nil))
		if want := mixGolden[k.fma]; got != want {
			t.Errorf("%+v: mix hash %s, want %s", k, got, want)
		}
	}
}
