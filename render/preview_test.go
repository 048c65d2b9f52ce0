package render

import (
	"context"
	"fmt"
	"image/png"
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

// gifSize gives the size ffmpeg's scale=480:-2 (or -2:480 for portrait) gives, so that a
// preview made from kept frames has the size of one cut from the segments, for every
// aspect ratio and resolution.
func TestGIFSizeMatchesFFmpeg(t *testing.T) {
	for _, ar := range []string{"16:9", "9:16", "1:1", "4:5", "5:4"} {
		for _, res := range []string{"720p", "1080p", "4k"} {
			w, h, err := videoagent.FrameSize(ar, res)
			if err != nil {
				t.Fatal(err)
			}
			scale := "scale=480:-2"
			if h > w {
				scale = "scale=-2:480"
			}
			out := filepath.Join(t.TempDir(), "f.png")
			if b, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", fmt.Sprintf("color=s=%dx%d", w, h),
				"-vf", scale, "-frames:v", "1", out).CombinedOutput(); err != nil {
				t.Fatalf("ffmpeg: %v %s", err, b)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if gw, gh := gifSize(w, h); gw != cfg.Width || gh != cfg.Height {
				t.Errorf("%s %s (%dx%d): gifSize %dx%d, ffmpeg %dx%d", ar, res, w, h, gw, gh, cfg.Width, cfg.Height)
			}
		}
	}
}
