package preview

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/render"
)

// Style previews are rendered by this engine from render.SampleStoryboard; at most two
// styles render at a time.
const (
	stylePreviewVersion = "1" // bump to re-render every stored style preview
	// stylePreviewTimeout bounds one style's rendering (synthesis, render, store).
	stylePreviewTimeout = 3 * time.Minute
	// styleWait is how long a list waits for missing previews before answering with no
	// files for those still rendering (the rendering goes on).
	styleWait = 5 * time.Second
)

func styleThumbKey(id string) string {
	return "previews/styles/" + stylePreviewVersion + "/" + id + ".jpg"
}

func styleClipKey(id string) string {
	return "previews/styles/" + stylePreviewVersion + "/" + id + ".mp4"
}

// StylePreviews returns the blob keys of each style's thumbnail and clip ("" for a style
// whose preview is not made yet), rendering the missing ones while the caller waits a
// bounded time.
func (p *Previews) StylePreviews(ctx context.Context, styles []videoagent.Style) (thumbs, clips []string) {
	ctx, cancel := context.WithTimeout(ctx, styleWait)
	defer cancel()
	thumbs, clips = make([]string, len(styles)), make([]string, len(styles))
	var wg sync.WaitGroup
	for i, st := range styles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := p.style(ctx, st, false)
			if err != nil {
				if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
					p.log().Warn("style preview", "style_id", st.ID, "err", err)
				}
				return
			}
			thumbs[i], clips[i] = styleThumbKey(st.ID), styleClipKey(st.ID)
		}()
	}
	wg.Wait()
	return thumbs, clips
}

// style makes sure a style's thumbnail and clip are stored; ctx bounds only the wait. In
// the background (warming), the rendering waits for the server's videos (see background).
func (p *Previews) style(ctx context.Context, st videoagent.Style, background bool) error {
	if p.Blobs == nil || p.Renderer == nil {
		return errors.New("style previews need a blob store and a renderer")
	}
	build := func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, stylePreviewTimeout)
		defer cancel()
		err := p.renderStyle(ctx, st)
		if err != nil && !errors.Is(context.Cause(ctx), errYielded) {
			p.log().Warn("style preview rendering", "style_id", st.ID, "err", err)
		}
		return err
	}
	if background {
		build = p.background(build)
	}
	return p.cache.Do(ctx, styleThumbKey(st.ID), build)
}

// renderStyle renders a style's preview unless both files are stored already.
func (p *Previews) renderStyle(ctx context.Context, st videoagent.Style) error {
	if p.stored(ctx, styleThumbKey(st.ID)) && p.stored(ctx, styleClipKey(st.ID)) {
		return nil
	}
	select {
	case p.styleSem <- struct{}{}:
		defer func() { <-p.styleSem }()
	case <-ctx.Done():
		return ctx.Err()
	}
	look := ""
	if p.Presenters != nil {
		if ls := p.Presenters.Looks(); len(ls) > 0 {
			look = ls[0].ID
		}
	}
	sb := render.SampleStoryboard(render.StyleByID(st.ID), look)
	narrs := make([]*videoagent.Narration, len(sb.Scenes))
	if p.Synth != nil && p.Voices != nil {
		if v, ok := p.Voices.DefaultVoice("en", ""); ok {
			for i, sc := range sb.Scenes {
				n, err := p.Synth.Synthesize(ctx, sc.Narration, v, videoagent.SpeechOptions{})
				if err != nil {
					return err
				}
				narrs[i] = n
			}
		}
	}
	dir, err := os.MkdirTemp("", "style-preview-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	res, err := p.Renderer.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrs, OutDir: dir})
	if err != nil {
		return err
	}
	for _, f := range []struct{ path, key string }{{res.ThumbnailPath, styleThumbKey(st.ID)}, {res.VideoPath, styleClipKey(st.ID)}} {
		if err := p.putFile(ctx, f.key, f.path); err != nil {
			return err
		}
	}
	return nil
}

// putFile stores the file at path under key.
func (p *Previews) putFile(ctx context.Context, key, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return p.Blobs.Put(ctx, key, f)
}
