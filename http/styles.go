package http

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/render"
)

// Style previews: a thumbnail and a short video per style, rendered by this engine from
// render.SampleStoryboard on first request, stored in the blob store under
// previews/styles/ and served by signed URL. Concurrent requests share one rendering per
// style; at most two styles render at a time.
const (
	stylePreviewVersion = "1" // bump to re-render every stored style preview
	// stylePreviewTimeout bounds one style's rendering (synthesis, render, store).
	stylePreviewTimeout = 3 * time.Minute
	// styleWait is how long a list request waits for missing previews before answering
	// with null URLs for those still rendering (the rendering goes on).
	styleWait = 5 * time.Second
	// styleRetry is how long a failed preview is not tried again.
	styleRetry = time.Minute
)

type styleAPI struct {
	s      *Server
	mu     sync.Mutex
	ready  map[string]bool
	flight map[string]chan struct{}
	failed map[string]time.Time
	sem    chan struct{}
}

// styleRoutes registers GET /v3/video-agents/styles.
func (s *Server) styleRoutes(mux *http.ServeMux) {
	a := &styleAPI{s: s, ready: map[string]bool{}, flight: map[string]chan struct{}{}, failed: map[string]time.Time{},
		sem: make(chan struct{}, 2)}
	s.styles = a
	mux.HandleFunc("GET /v3/video-agents/styles", a.list)
}

func styleThumbKey(id string) string {
	return "previews/styles/" + stylePreviewVersion + "/" + id + ".jpg"
}

func styleClipKey(id string) string {
	return "previews/styles/" + stylePreviewVersion + "/" + id + ".mp4"
}

func (a *styleAPI) list(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 20, 100)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	tag := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("tag")))
	var styles []render.Style
	for _, st := range render.Styles() {
		if tag == "" || hasTag(st.Tags, tag) {
			styles = append(styles, st)
		}
	}
	from, to, next, err := stylePage(p, len(styles))
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	styles = styles[from:to]

	// Render missing previews (shared between requests), waiting a bounded time.
	ctx, cancel := context.WithTimeout(r.Context(), styleWait)
	defer cancel()
	ok := make([]bool, len(styles))
	var wg sync.WaitGroup
	for i, st := range styles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := a.ensure(ctx, st)
			ok[i] = err == nil
			if err != nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
				a.s.log.Warn("style preview", "style_id", st.ID, "err", err)
			}
		}()
	}
	wg.Wait()

	out := make([]map[string]any, 0, len(styles))
	for i, st := range styles {
		var thumb, clip *string
		if ok[i] {
			thumb, clip = a.s.fileURL(styleThumbKey(st.ID)), a.s.fileURL(styleClipKey(st.ID))
		}
		aspect := "16:9"
		if len(st.Aspects) > 0 {
			aspect = st.Aspects[0]
		}
		out = append(out, map[string]any{
			"style_id":          st.ID,
			"name":              st.Name,
			"thumbnail_url":     thumb,
			"preview_video_url": clip,
			"tags":              append([]string{}, st.Tags...),
			"aspect_ratio":      aspect,
		})
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func hasTag(tags []string, t string) bool {
	for _, x := range tags {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}

// stylePage cuts the list of n styles by an offset token.
func stylePage(p videoagent.Page, n int) (from, to int, next string, err error) {
	if p.Token != "" {
		raw, derr := base64.RawURLEncoding.DecodeString(p.Token)
		k, off, found := strings.Cut(string(raw), ":")
		o, aerr := strconv.Atoi(off)
		if derr != nil || !found || k != "st" || aerr != nil || o < 0 {
			return 0, 0, "", videoagent.Invalid("token", "token is not a valid page token; pass back the next_token of the previous page.")
		}
		from = o
	}
	from = min(from, n)
	to = min(from+p.Limit, n)
	if to < n {
		next = base64.RawURLEncoding.EncodeToString([]byte("st:" + strconv.Itoa(to)))
	}
	return from, to, next, nil
}

// ensure makes sure a style's thumbnail and clip are stored, rendering them once however
// many requests ask at the same time. The rendering runs detached from ctx (bounded by
// stylePreviewTimeout); ctx only bounds the wait.
func (a *styleAPI) ensure(ctx context.Context, st render.Style) error {
	if a.s.Blobs == nil || a.s.Renderer == nil {
		return errors.New("style previews need a blob store and a renderer")
	}
	a.mu.Lock()
	if a.ready[st.ID] {
		a.mu.Unlock()
		return nil
	}
	done := a.flight[st.ID]
	if done == nil && time.Since(a.failed[st.ID]) < styleRetry {
		a.mu.Unlock()
		return errors.New("the last rendering failed; not retrying yet")
	}
	if done == nil {
		done = make(chan struct{})
		a.flight[st.ID] = done
		go func() {
			rctx, cancel := context.WithTimeout(context.Background(), stylePreviewTimeout)
			defer cancel()
			err := a.build(rctx, st)
			a.mu.Lock()
			if err == nil {
				a.ready[st.ID] = true
				delete(a.failed, st.ID)
			} else {
				a.failed[st.ID] = time.Now()
				a.s.log.Warn("style preview rendering", "style_id", st.ID, "err", err)
			}
			delete(a.flight, st.ID)
			a.mu.Unlock()
			close(done)
		}()
	}
	a.mu.Unlock()
	select {
	case <-done:
		a.mu.Lock()
		defer a.mu.Unlock()
		if !a.ready[st.ID] {
			return errors.New("style preview rendering failed")
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// build renders a style's preview unless both files are stored already.
func (a *styleAPI) build(ctx context.Context, st render.Style) error {
	if a.stored(ctx, styleThumbKey(st.ID)) && a.stored(ctx, styleClipKey(st.ID)) {
		return nil
	}
	select {
	case a.sem <- struct{}{}:
		defer func() { <-a.sem }()
	case <-ctx.Done():
		return ctx.Err()
	}
	look := ""
	if a.s.Presenters != nil {
		if ls := a.s.Presenters.Looks(); len(ls) > 0 {
			look = ls[0].ID
		}
	}
	sb := render.SampleStoryboard(st, look)
	narrs := make([]*videoagent.Narration, len(sb.Scenes))
	if a.s.Synth != nil && a.s.Voices != nil {
		if v, ok := a.s.Voices.DefaultVoice("en", ""); ok {
			for i, sc := range sb.Scenes {
				n, err := a.s.Synth.Synthesize(ctx, sc.Narration, v, videoagent.SpeechOptions{})
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
	res, err := a.s.Renderer.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrs, OutDir: dir})
	if err != nil {
		return err
	}
	for _, f := range []struct{ path, key string }{{res.ThumbnailPath, styleThumbKey(st.ID)}, {res.VideoPath, styleClipKey(st.ID)}} {
		fh, err := os.Open(f.path)
		if err != nil {
			return err
		}
		err = a.s.Blobs.Put(ctx, f.key, fh)
		fh.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *styleAPI) stored(ctx context.Context, key string) bool {
	b, err := a.s.Blobs.Open(ctx, key)
	if err != nil {
		return false
	}
	b.Close()
	return true
}
