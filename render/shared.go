package render

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	videoagent "github.com/openvideoagent/videoagent"
)

// SharedCache is a second level of the segment cache that processes on other machines share
// (blob.Cache on an S3 bucket): a segment one worker encoded is one every worker reuses.
// Segment names are content hashes, so any process may fetch any segment it finds.
type SharedCache interface {
	// Fetch copies the file cached under name to path; false on a miss.
	Fetch(ctx context.Context, name, path string) bool
	// Publish stores the file at path under name, best effort.
	Publish(ctx context.Context, name, path string)
}

// fetchShared fills the local cache from the shared one for a task not cached locally; true
// when the task is then cached.
func (r *Renderer) fetchShared(ctx context.Context, t segmentTask) bool {
	sc := r.opt.Shared
	if sc == nil {
		return false
	}
	if !exists(t.seg) && !sc.Fetch(ctx, filepath.Base(t.seg), t.seg) {
		return false
	}
	if t.holdsThumb() && !exists(t.p.thumb) && !sc.Fetch(ctx, filepath.Base(t.p.thumb), t.p.thumb) {
		return false
	}
	return t.cached()
}

// publishShared stores the segments of tasks (and the thumbnail one holds) in the shared
// cache.
func (r *Renderer) publishShared(ctx context.Context, tasks []segmentTask) {
	sc := r.opt.Shared
	if sc == nil {
		return
	}
	for _, t := range tasks {
		if exists(t.seg) {
			sc.Publish(ctx, filepath.Base(t.seg), t.seg)
		}
		if t.holdsThumb() && exists(t.p.thumb) {
			sc.Publish(ctx, filepath.Base(t.p.thumb), t.p.thumb)
		}
	}
}

// SetShared sets Options.Shared; call it before the first render.
func (r *Renderer) SetShared(sc SharedCache) { r.opt.Shared = sc }

// Prerender encodes one share of a video's segments, into the local cache and the shared
// one, without assembling the video: shard of shards workers each prerender their share
// (units dealt round-robin in timeline order, so shares are about even), and a final
// Render finds every segment cached (and, after share 0, the soundtrack). Segments already
// cached are skipped.
func (r *Renderer) Prerender(ctx context.Context, job videoagent.RenderJob, shard, shards int) error {
	if shards < 1 || shard < 0 || shard >= shards {
		return fmt.Errorf("prerender: shard %d of %d", shard, shards)
	}
	if job.OutDir == "" {
		job.OutDir = os.TempDir()
	}
	fj, err := r.newFrameJob(ctx, job)
	if err != nil {
		return err
	}
	cacheDir := r.opt.CacheDir
	if cacheDir == "" {
		return fmt.Errorf("prerender: needs a segment cache directory")
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return err
	}
	plans, total := r.plan(job.Storyboard, job.Narrations, fj, cacheDir)
	// Share 0 is the assembling worker's: it also mixes and encodes the soundtrack meanwhile,
	// into the local cache where its Render finds it.
	var sound chan error
	if shard == 0 {
		sound = make(chan error, 1)
		go func() {
			_, err := r.soundtrack(ctx, job.Storyboard, plans, fj, cacheDir)
			sound <- err
		}()
	}
	err = r.renderShard(ctx, fj, plans, total, job.Progress, nil, shard, shards)
	if sound != nil {
		if serr := <-sound; err == nil {
			err = serr
		}
	}
	return err
}
