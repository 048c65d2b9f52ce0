package render

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/blob"
	"github.com/openvideoagent/videoagent/blob/s3test"
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
