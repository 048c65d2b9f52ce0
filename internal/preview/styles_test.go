package preview

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/blob"
	"github.com/openvideoagent/videoagent/render"
)

// countingRenderer writes tiny stand-in files and counts renders per style; with block
// set it renders until its context ends.
type countingRenderer struct {
	mu    sync.Mutex
	calls map[string]int
	total atomic.Int32
	block bool
}

func (c *countingRenderer) Render(ctx context.Context, job videoagent.RenderJob) (*videoagent.RenderResult, error) {
	c.total.Add(1)
	c.mu.Lock()
	c.calls[job.Storyboard.StyleID]++
	c.mu.Unlock()
	if c.block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	time.Sleep(50 * time.Millisecond) // long enough for concurrent requests to overlap
	res := &videoagent.RenderResult{VideoPath: filepath.Join(job.OutDir, "v.mp4"), ThumbnailPath: filepath.Join(job.OutDir, "t.jpg")}
	os.WriteFile(res.VideoPath, []byte("mp4"), 0o644)
	os.WriteFile(res.ThumbnailPath, []byte("jpg"), 0o644)
	return res, nil
}

func testPreviews(t *testing.T, life context.Context, block bool) (*Previews, *countingRenderer) {
	t.Helper()
	bs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cr := &countingRenderer{calls: map[string]int{}, block: block}
	p := New(life)
	p.Blobs, p.Renderer, p.Styles = bs, cr, render.StyleCatalog{}
	return p, cr
}

// TestStylePreviews: concurrent lists render each style once, and a later list renders
// nothing.
func TestStylePreviews(t *testing.T) {
	p, cr := testPreviews(t, t.Context(), false)
	styles := p.Styles.Styles()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			thumbs, clips := p.StylePreviews(t.Context(), styles)
			for i, st := range styles {
				if thumbs[i] != styleThumbKey(st.ID) || clips[i] != styleClipKey(st.ID) {
					t.Errorf("style %s: previews %q %q", st.ID, thumbs[i], clips[i])
				}
			}
		}()
	}
	wg.Wait()
	for id, n := range cr.calls {
		if n != 1 {
			t.Errorf("style %s rendered %d times", id, n)
		}
	}
	if int(cr.total.Load()) != len(styles) {
		t.Errorf("%d renders for %d styles", cr.total.Load(), len(styles))
	}
	p.StylePreviews(t.Context(), styles)
	if int(cr.total.Load()) != len(styles) {
		t.Errorf("second list rendered again")
	}
	// A new process finds the stored previews and renders nothing.
	q := New(t.Context())
	q.Blobs, q.Renderer = p.Blobs, cr
	if thumbs, _ := q.StylePreviews(t.Context(), styles[:1]); thumbs[0] == "" || int(cr.total.Load()) != len(styles) {
		t.Errorf("stored previews: %q, %d renders", thumbs[0], cr.total.Load())
	}
}

// TestWarmStopsAtShutdown: warming renders under the server's lifetime, and ends with it.
func TestWarmStopsAtShutdown(t *testing.T) {
	life, stop := context.WithCancel(context.Background())
	p, cr := testPreviews(t, life, true)
	done := make(chan struct{})
	go func() {
		p.Warm()
		close(done)
	}()
	for cr.total.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	stop()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Warm goes on after shutdown")
	}
	if n := int(cr.total.Load()); n != 1 {
		t.Errorf("%d styles started rendering, want 1 (warming renders one at a time, and none after shutdown)", n)
	}
}
