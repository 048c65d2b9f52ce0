package render

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/blob"
	"github.com/openvideoagent/videoagent/internal/blob/s3test"
)

// TestSharedSegmentCache: two renderers with caches of their own (two worker machines) and
// one shared level in a bucket on a real S3-wire server: the second renders nothing the
// first rendered, fetching its segments instead, and makes the same video.
func TestSharedSegmentCache(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	bucket, err := blob.NewS3(ctx, srv.URL("shared", "cache"))
	if err != nil {
		t.Fatal(err)
	}
	shared := &blob.Cache{Store: bucket, Prefix: "cache/segments/"}
	sb := shortStoryboard("16:9", "720p")
	ns := narrationsFor(sb)
	var durations []time.Duration
	var rendered []int
	for i := 0; i < 2; i++ {
		fp, local := &fakePresenters{}, t.TempDir()
		r := New(Options{Presenters: fp, CacheDir: local, NoGIF: true})
		r.SetShared(shared)
		res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		durations = append(durations, res.Duration)
		rendered = append(rendered, fp.tracks)
		if segs, _ := filepath.Glob(filepath.Join(local, "seg-*.mp4")); len(segs) == 0 {
			t.Errorf("renderer %d has no segments in its own cache", i+1)
		}
	}
	if rendered[0] == 0 || rendered[1] != 0 {
		t.Fatalf("scenes rendered: first %d, second %d; want some, then none", rendered[0], rendered[1])
	}
	if durations[0] != durations[1] {
		t.Errorf("durations differ: %v", durations)
	}
	if keys := srv.Keys(t, "shared", "cache/cache/segments/"); len(keys) < 3 {
		t.Errorf("shared cache holds %d objects, want the segments: %v", len(keys), keys)
	}
}

// TestPrerenderShards: two workers prerender a video's two shares at once, each with its
// own cache and the shared one; a third assembles the video rendering nothing itself.
func TestPrerenderShards(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	bucket, err := blob.NewS3(ctx, srv.URL("shared", ""))
	if err != nil {
		t.Fatal(err)
	}
	shared := &blob.Cache{Store: bucket, Prefix: "segments/"}
	sb := shortStoryboard("16:9", "720p")
	ns := narrationsFor(sb)
	newRenderer := func() (*Renderer, *fakePresenters) {
		fp := &fakePresenters{}
		r := New(Options{Presenters: fp, CacheDir: t.TempDir(), NoGIF: true})
		r.SetShared(shared)
		return r, fp
	}
	errs := make(chan error, 2)
	var fps [2]*fakePresenters
	for i := 0; i < 2; i++ {
		r, fp := newRenderer()
		fps[i] = fp
		go func() { errs <- r.Prerender(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns}, i, 2) }()
	}
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if fps[0].tracks == 0 || fps[1].tracks == 0 {
		t.Fatalf("shares rendered %d and %d presenter tracks; want both some", fps[0].tracks, fps[1].tracks)
	}
	r, fp := newRenderer()
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if fp.tracks != 0 || res.Duration <= 0 {
		t.Fatalf("the assembling render rendered %d scenes (want 0), duration %v", fp.tracks, res.Duration)
	}
	if err := r.Prerender(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns}, 2, 2); err == nil {
		t.Fatal("shard 2 of 2 accepted")
	}
}
