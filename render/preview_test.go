package render

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// gifGrey decodes every frame of a GIF to 64x36 grey pixels.
func gifGrey(t *testing.T, path string) [][]byte {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vf", "scale=64:36,format=gray", "-f", "rawvideo", "pipe:1").Output()
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	var frames [][]byte
	for len(out) >= 64*36 {
		frames, out = append(frames, out[:64*36]), out[64*36:]
	}
	return frames
}

// The GIF made from the frames kept while rendering shows what the GIF cut from the
// segments shows (which a render makes when the segments come from the cache): the same
// number of frames, each the same picture. The demo's GIF starts as the second scene's
// title slides in, so a frame off by one differs by far more than the tolerance.
func TestGIFFromKeptFramesMatchesSegments(t *testing.T) {
	t.Parallel()
	sb := demoStoryboard("16:9", "720p")
	ns := narrationsFor(sb)
	cache := t.TempDir()
	r := New(Options{Presenters: &fakePresenters{}, CacheDir: cache})
	render := func() string {
		res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		return res.GIFPath
	}
	kept := gifGrey(t, render())
	if r.keptGIFs.Load() != 1 {
		t.Fatal("the first render did not make its GIF from the frames it rendered")
	}
	gifs, _ := filepath.Glob(filepath.Join(cache, "gif-*.gif"))
	if len(gifs) != 1 {
		t.Fatalf("%d cached GIFs, want 1", len(gifs))
	}
	os.Remove(gifs[0]) // the segments stay cached: the next render cuts the GIF from them
	cut := gifGrey(t, render())
	if r.keptGIFs.Load() != 1 {
		t.Fatal("the second render rendered no frames, yet made its GIF from kept frames")
	}
	if len(kept) != len(cut) || len(kept) < 20 {
		t.Fatalf("GIF frames: %d kept while rendering, %d cut from the segments", len(kept), len(cut))
	}
	for i := range kept {
		if d := meanAbsDiff(kept[i], cut[i]); d > 4 {
			t.Errorf("GIF frame %d: kept and cut differ by %.1f grey levels", i, d)
		}
	}
}
