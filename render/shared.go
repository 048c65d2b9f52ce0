package render

import (
	"context"
	"path/filepath"
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
