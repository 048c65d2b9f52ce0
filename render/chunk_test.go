package render

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// grayFrames decodes a video to 160x90 grey frames.
func grayFrames(t *testing.T, path string) [][]byte {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", path,
		"-vf", "scale=160:90,format=gray", "-f", "rawvideo", "pipe:1").Output()
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	const size = 160 * 90
	var frames [][]byte
	for len(out) >= size {
		frames = append(frames, out[:size])
		out = out[size:]
	}
	return frames
}

// A scene body cut into chunks, encoded as separate segments and joined, shows the same
// frames as the body encoded whole: no frame lost, doubled or drawn differently at a cut.
func TestChunkedScenesMatchWholeScenes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := demoStoryboard("16:9", "720p")
	sb.Scenes[1].Transition = videoagent.TransitionCrossfade // a head, then chunks
	ns := narrationsFor(sb)
	render := func(maxChunk time.Duration) (string, int) {
		cache := t.TempDir()
		r := New(Options{Presenters: &fakePresenters{}, CacheDir: cache, NoGIF: true, MaxChunk: maxChunk})
		res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		segs, _ := filepath.Glob(filepath.Join(cache, "seg-*.mp4"))
		return res.VideoPath, len(segs)
	}
	whole, nWhole := render(time.Hour)
	cut, nCut := render(1500 * time.Millisecond)
	if nWhole != len(sb.Scenes) {
		t.Errorf("unchunked render wrote %d body segments, want %d", nWhole, len(sb.Scenes))
	}
	if nCut < 2*len(sb.Scenes) {
		t.Errorf("1.5 s chunks: %d body segments for %d scenes of several seconds each", nCut, len(sb.Scenes))
	}
	a, b := grayFrames(t, whole), grayFrames(t, cut)
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("frames: whole %d, chunked %d", len(a), len(b))
	}
	worst, at := 0.0, 0
	for i := range a {
		if d := meanAbsDiff(a[i], b[i]); d > worst {
			worst, at = d, i
		}
	}
	// Both are lossy encodes of the same pixels: they differ by coding noise only. A lost
	// or repeated frame moves the presenter and the captions, and differs by far more.
	if worst > 1.5 {
		t.Errorf("frame %d differs by %.2f grey levels on average between chunked and whole encodes", at, worst)
	}
	if bytes.Equal(a[0], a[len(a)/2]) {
		t.Error("first and middle frames are identical: the video does not show the storyboard")
	}
}

func meanAbsDiff(a, b []byte) float64 {
	s := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		s += d
	}
	return float64(s) / float64(len(a))
}

// A scene laid out once and copied for its other chunks renders the same frames as a
// fresh layout: the copy shares nothing that rendering changes.
func TestLayoutCacheCopiesRenderTheSame(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := demoStoryboard("16:9", "720p")
	sb.Scenes[1].Visual = videoagent.Visual{Kind: videoagent.VisualImage, Title: "Your week at a glance", AssetID: "photo"}
	sb.Scenes[1].Layout = videoagent.LayoutSlideBubble
	ns := narrationsFor(sb)
	r := New(Options{Presenters: &fakePresenters{}, Assets: memAssets{"photo": testPhoto()}, NoGIF: true})
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	fj := &frameJob{w: w, h: h, fps: sb.FPS, style: StyleByID(sb.StyleID), title: sb.Title, captions: true,
		avatar: sb.AvatarID, seed: sb.Seed, presenters: r.opt.Presenters}
	plans, _ := r.plan(sb, ns, fj, t.TempDir())
	fonts, err := r.fontSet(fj.style)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		frames := func() []string {
			var out []string
			if err := r.sceneFrames(ctx, fj, fonts, p, 0, p.frames, func(i int, c *compositor) error {
				if i%7 == 0 || i == p.frames-1 {
					out = append(out, string(c.yuv.buf))
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return out
		}
		fresh := frames() // lays the scene out and keeps a copy
		kept, done := r.layouts.claim(ctx, p.key)
		done()
		if kept == nil {
			t.Fatalf("scene %s: no layout kept", p.scene.ID)
		}
		for k := 0; k < 2; k++ { // twice: the kept copy must not have been changed
			again := frames()
			for i := range fresh {
				if again[i] != fresh[i] {
					t.Fatalf("scene %s, copy %d: sampled frame %d differs from a fresh layout's", p.scene.ID, k, i)
				}
			}
		}
	}
}

// A render lays each scene out once, however its chunks and transition heads fall on the
// workers: a scene's head goes with its first chunk, and a worker needing a scene another
// is laying out waits for it. A revision of one scene lays out that scene alone: the next
// scene's transition head, redrawn from the changed scene's last frame, takes its own
// scene's layout from the renderer's cache.
func TestScenesLaidOutOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := demoStoryboard("16:9", "720p")
	sb.Scenes[1].Transition = videoagent.TransitionCrossfade
	sb.Scenes[2].Transition = videoagent.TransitionWipe
	ns := narrationsFor(sb)
	cache := t.TempDir()
	r := New(Options{Presenters: &fakePresenters{}, CacheDir: cache, NoGIF: true, MaxChunk: 1500 * time.Millisecond, Parallel: 2})
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if n := r.laidOut.Load(); n != int64(len(sb.Scenes)) {
		t.Errorf("%d scenes laid out %d times", len(sb.Scenes), n)
	}

	rev := *sb
	rev.Scenes = slices.Clone(sb.Scenes)
	rev.Scenes[1].Visual.Title = "Why teams switch to Flow"
	before := r.laidOut.Load()
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: &rev, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if n := r.laidOut.Load() - before; n != 1 {
		t.Errorf("revising the second scene of three laid out %d scenes, want 1", n)
	}
}

// Segments encoded one after another by a worker each stand alone, as the cache needs: a segment holds exactly its frames (its file name says which) and starts
// with a key frame, so it can be joined after any other segment.
func TestSharedEncoderSegmentsStandAlone(t *testing.T) {
	t.Parallel()
	sb := demoStoryboard("16:9", "720p")
	sb.Scenes[1].Transition = videoagent.TransitionCrossfade
	cache := t.TempDir()
	r := New(Options{Presenters: &fakePresenters{}, CacheDir: cache, NoGIF: true, MaxChunk: 1500 * time.Millisecond, Parallel: 1})
	if _, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(cache, "seg-*.mp4"))
	heads, _ := filepath.Glob(filepath.Join(cache, "head-*.mp4"))
	if len(segs) < 2*len(sb.Scenes) || len(heads) == 0 {
		t.Fatalf("%d body segments and %d heads, want at least %d and one", len(segs), len(heads), 2*len(sb.Scenes))
	}
	for _, s := range append(segs, heads...) {
		out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=key_frame",
			"-of", "csv=p=0", s).Output()
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		var keys []string // one per frame; a frame with side data (x264's SEI) prints "1,"
		for _, l := range strings.Fields(string(out)) {
			if k := strings.Trim(l, ","); k != "" {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 || keys[0] != "1" {
			t.Errorf("%s does not start with a key frame", filepath.Base(s))
		}
		var key string
		var lo, hi int
		name := strings.TrimSuffix(filepath.Base(s), ".mp4")
		if n, _ := fmt.Sscanf(strings.ReplaceAll(name, "-", " "), "seg %s %d %d", &key, &lo, &hi); n == 3 && len(keys) != hi-lo {
			t.Errorf("%s holds %d frames, want %d", filepath.Base(s), len(keys), hi-lo)
		}
	}
}

// A render cancelled while its encoders run stops with the context's error, and leaves
// neither half-written segments nor the encoders' temporary folders in the cache.
func TestCancelWhileEncoding(t *testing.T) {
	t.Parallel()
	sb := demoStoryboard("16:9", "720p")
	cache := t.TempDir()
	r := New(Options{Presenters: &fakePresenters{}, CacheDir: cache, NoGIF: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	_, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir(),
		Progress: func(f float64) {
			if f > 0 {
				once.Do(cancel) // the first segment's frames are written: encoders are running
			}
		}})
	if err != context.Canceled {
		t.Fatalf("render cancelled while encoding: %v, want context.Canceled", err)
	}
	left, _ := filepath.Glob(filepath.Join(cache, ".encode-*"))
	tmps, _ := filepath.Glob(filepath.Join(cache, "*.tmp*"))
	if len(left)+len(tmps) > 0 {
		t.Errorf("left in the cache: %v %v", left, tmps)
	}
	// Whatever was published stands alone: a render after it reuses it and succeeds.
	if _, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
}

// A long video lays each scene out once although its laid-out scenes do not all fit in the
// layout cache: the workers take the units in the video's order, so a scene's chunks
// follow one another. Dealt longest first, the first chunks of all scenes came before all
// the second ones, and the cache had let go of a scene before its second chunk.
func TestLongVideoLaysOutScenesOnce(t *testing.T) {
	t.Parallel()
	demo := shortStoryboard("16:9", "1080p")
	sb := *demo
	sb.Scenes = nil
	for i := range 12 {
		s := demo.Scenes[i%len(demo.Scenes)]
		s.ID = fmt.Sprintf("%s-%d", s.ID, i)
		s.Visual.Title = fmt.Sprintf("%s, part %d", s.Visual.Title, i+1)
		sb.Scenes = append(sb.Scenes, s)
	}
	r := New(Options{Presenters: &fakePresenters{}, CacheDir: t.TempDir(), NoGIF: true, MaxChunk: 500 * time.Millisecond, Parallel: 2})
	if _, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: &sb, Narrations: narrationsFor(&sb), OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if n := r.laidOut.Load(); n != int64(len(sb.Scenes)) {
		t.Errorf("%d scenes laid out %d times", len(sb.Scenes), n)
	}
}
