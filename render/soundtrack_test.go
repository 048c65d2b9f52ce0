package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// The soundtrack, encoded in pieces cut in the silences between scenes, decodes to the mix
// itself: every sample in place (no piece shifted by the encoder's delay, no gap or
// overlap at a cut) at the quality of one AAC encode. Re-speaking one scene re-encodes
// that scene's piece only.
func TestSoundtrackPieces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newSoundtrackTest(t)
	r, sb, ns, fj, plans, cache := st.r, st.sb, st.ns, st.fj, st.plans, st.cache
	pieces := func() int {
		m, _ := filepath.Glob(filepath.Join(cache, "aac-*.adts"))
		return len(m)
	}
	path, err := r.soundtrack(ctx, sb, plans, fj, cache)
	if err != nil {
		t.Fatal(err)
	}
	if n := pieces(); n != len(sb.Scenes) {
		t.Errorf("%d pieces for %d narrated scenes", n, len(sb.Scenes))
	}
	// The mix as it was encoded.
	snd := r.mixSound(ctx, sb, plans, fj, cache)
	var want bytes.Buffer
	if err := snd.mx.write(&want, snd.gain); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-ac", "1", "-ar", "48000", "pipe:1").Output()
	if err != nil {
		t.Fatal(err)
	}
	ref, got := samples(want.Bytes()), samples(out)
	if len(got) < len(ref) || len(got) >= len(ref)+aacFrame {
		t.Fatalf("decoded %d samples for a mix of %d", len(got), len(ref))
	}
	// Signal to error ratio, over the whole track and around every cut.
	snr := func(a, b int) float64 {
		var sig, noise float64
		for i := a; i < b; i++ {
			d := float64(ref[i]) - float64(got[i])
			sig += float64(ref[i]) * float64(ref[i])
			noise += d * d
		}
		return 10 * math.Log10(sig/math.Max(noise, 1))
	}
	if s := snr(0, len(ref)); s < 30 {
		t.Errorf("decoded soundtrack vs the mix: %.1f dB", s)
	}
	for _, p := range plans[1:] {
		cut := int(int64(p.start) * OutputSampleRate / int64(sb.FPS))
		a, b := max(0, cut-OutputSampleRate), min(len(ref), cut+OutputSampleRate)
		if s := snr(a, b); s < 30 {
			t.Errorf("around the start of scene %s: %.1f dB", p.scene.ID, s)
		}
	}

	// A revision re-speaks scene 2: one more piece.
	n := pieces()
	ns[1] = synthNarration("Flow does two things, and does them well.", 9)
	plans, _ = r.plan(sb, ns, fj, cache)
	if _, err := r.soundtrack(ctx, sb, plans, fj, cache); err != nil {
		t.Fatal(err)
	}
	if got := pieces() - n; got != 1 {
		t.Errorf("re-speaking one scene encoded %d pieces, want 1", got)
	}
}

func samples(b []byte) []int16 {
	s := make([]int16, len(b)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return s
}

// A soundtrack rebuilt from cached pieces and loudness measures marks them used, so that
// the cache sweep, which evicts the least recently used files first, keeps them.
func TestSoundtrackMarksCachedPiecesUsed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := newSoundtrackTest(t)
	r, sb, fj, plans, cache := st.r, st.sb, st.fj, st.plans, st.cache
	path, err := r.soundtrack(ctx, sb, plans, fj, cache)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(path) // the track is made again, from the cached pieces
	old := time.Now().Add(-2 * time.Hour)
	cached, _ := filepath.Glob(filepath.Join(cache, "aac-*.adts"))
	lufs, _ := filepath.Glob(filepath.Join(cache, "voice-*.lufs"))
	cached = append(cached, lufs...)
	if len(cached) < 2*len(sb.Scenes) {
		t.Fatalf("%d cached pieces and measures for %d scenes", len(cached), len(sb.Scenes))
	}
	for _, f := range cached {
		os.Chtimes(f, old, old)
	}
	if _, err := r.soundtrack(ctx, sb, plans, fj, cache); err != nil {
		t.Fatal(err)
	}
	for _, f := range cached {
		if st, err := os.Stat(f); err != nil || time.Since(st.ModTime()) > time.Minute {
			t.Errorf("%s was read from the cache but not marked used", filepath.Base(f))
		}
	}
}

// soundtrackTest is the demo storyboard planned for a soundtrack, over an empty cache.
type soundtrackTest struct {
	r     *Renderer
	sb    *videoagent.Storyboard
	ns    []*videoagent.Narration
	fj    *frameJob
	plans []*scenePlan
	cache string
}

func newSoundtrackTest(t *testing.T) soundtrackTest {
	sb := demoStoryboard("16:9", "720p")
	st := soundtrackTest{r: New(Options{}), sb: sb, ns: narrationsFor(sb), cache: t.TempDir(),
		fj: &frameJob{w: 1280, h: 720, fps: sb.FPS, style: StyleByID(sb.StyleID)}}
	st.plans, _ = st.r.plan(sb, st.ns, st.fj, st.cache)
	return st
}

// A voice's piece mixed alone (mixer.writeSpan, as a revision mixes the one scene it
// re-speaks) has the very samples of that span in the whole mix, even with the limiter
// working hard (voices far too loud) at the end of the voice before it.
func TestVoicePieceMixedAloneMatchesWholeMix(t *testing.T) {
	t.Parallel()
	st := newSoundtrackTest(t)
	snd := st.r.mixSound(context.Background(), st.sb, st.plans, st.fj, st.cache)
	if snd.err != nil {
		t.Fatal(snd.err)
	}
	for _, v := range snd.mx.voices {
		v.gain *= 8 // +18 dB: the limiter pulls most peaks down
	}
	var whole bytes.Buffer
	if err := snd.mx.write(&whole, snd.gain); err != nil {
		t.Fatal(err)
	}
	pieces := voicePieces(snd.mx)
	if len(pieces) != len(snd.mx.voices) {
		t.Fatalf("%d pieces for %d voices", len(pieces), len(snd.mx.voices))
	}
	limited := 0
	for i, p := range pieces {
		var alone bytes.Buffer
		if err := snd.mx.writeSpan(&alone, snd.gain, p.from-aacFrame, p.to); err != nil {
			t.Fatal(err)
		}
		want := make([]byte, 2*(p.to-p.from+aacFrame))
		lo := p.from - aacFrame
		copy(want[2*max(0, -lo):], whole.Bytes()[2*max(0, lo):2*p.to])
		if !bytes.Equal(alone.Bytes(), want) {
			t.Errorf("piece %d (samples %d-%d) mixed alone differs from the whole mix", i, p.from, p.to)
		}
		peak := 0.0
		for _, s := range samples(want) {
			peak = math.Max(peak, math.Abs(float64(s)))
		}
		if peak >= math.Pow(10, PeakCeiling/20)*32767-1 { // held at the ceiling
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("no piece reached the limiter: the test proves nothing")
	}
}

// writeSamples writes what binary.Write writes, so that cache keys made before it still
// match.
func TestWriteSamplesAsBinaryWrite(t *testing.T) {
	for _, s := range [][]int16{nil, {0}, {1, -1, 32767, -32768, 258}} {
		var got, want bytes.Buffer
		writeSamples(&got, s)
		binary.Write(&want, binary.LittleEndian, s)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%v: % x, want % x", s, got.Bytes(), want.Bytes())
		}
	}
}
