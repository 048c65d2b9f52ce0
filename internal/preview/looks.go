package preview

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Look previews: a PNG of the look at rest (transparent background) and a few seconds of
// the look introducing itself, narrated by its default voice and rendered by the real
// renderer. Pictures are cheap (tens of milliseconds) and are drawn while the caller waits;
// clips take a second or two.
const (
	lookPreviewVersion = "2" // bump to re-render every stored look preview (with avatar.Version)
	// LookImageWidth and LookImageHeight are the size of a look's preview picture.
	LookImageWidth  = 512
	LookImageHeight = 768
	lookClipAspect  = "16:9"
	lookClipRes     = "720p"
	lookClipFPS     = 30
	// lookClipTimeout bounds one clip rendering (synthesis, render, store).
	lookClipTimeout = 2 * time.Minute
	// lookClipWait is how long LookClip waits for a clip before giving up (the rendering
	// goes on).
	lookClipWait = 30 * time.Second
	// imageWorkers bounds the pictures drawn at once for one call.
	imageWorkers = 4
)

func lookImageKey(lookID string) string {
	return "previews/avatars/" + lookPreviewVersion + "/" + lookID + ".png"
}

func lookClipKey(lookID string) string {
	return "previews/avatars/" + lookPreviewVersion + "/" + lookID + ".mp4"
}

// LookImageSize is the size of a look's preview picture.
func (p *Previews) LookImageSize() (width, height int) { return LookImageWidth, LookImageHeight }

// LookImages returns the blob keys of the looks' preview pictures ("" where one could not
// be made), drawing the missing ones in parallel while the caller waits.
func (p *Previews) LookImages(ctx context.Context, looks []videoagent.Look) []string {
	keys := make([]string, len(looks))
	if p.Blobs == nil || p.Presenters == nil {
		return keys
	}
	each(len(looks), imageWorkers, func(i int) {
		l := looks[i]
		k := lookImageKey(l.ID)
		if err := p.ensure(ctx, k, func(ctx context.Context) error { return p.renderImage(ctx, l, k) }); err != nil {
			if ctx.Err() == nil {
				p.log().Warn("avatar preview image", "look_id", l.ID, "err", err)
			}
			return
		}
		keys[i] = k
	})
	return keys
}

// LookClip returns the blob key of a look's preview clip, rendering it while the caller
// waits (a bounded time) if it is not made yet; "" if it cannot be made or the wait ended.
func (p *Previews) LookClip(ctx context.Context, l videoagent.Look) string {
	return p.lookClip(ctx, l, false)
}

// lookClip is LookClip; in the background, the rendering waits for the server's videos
// (see background), and lookClip for the rendering, so that one clip renders at a time.
func (p *Previews) lookClip(ctx context.Context, l videoagent.Look, background bool) string {
	if !p.canRenderClips() {
		return ""
	}
	k := lookClipKey(l.ID)
	build := func(ctx context.Context) error { return p.renderClip(ctx, l, k) }
	if background {
		build = p.background(build)
	} else {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lookClipWait)
		defer cancel()
	}
	if err := p.ensure(ctx, k, build); err != nil {
		if ctx.Err() == nil {
			p.log().Warn("avatar preview video", "look_id", l.ID, "err", err)
		}
		return ""
	}
	return k
}

// LookClipIfReady returns the blob key of a look's preview clip if it is made; otherwise
// it queues the clip's rendering in the background (one at a time) and returns "".
func (p *Previews) LookClipIfReady(l videoagent.Look) string {
	if !p.canRenderClips() {
		return ""
	}
	k := lookClipKey(l.ID)
	if p.cache.Ready(k) {
		return k
	}
	p.mu.Lock()
	queued := p.queued[k]
	p.mu.Unlock()
	if queued {
		return ""
	}
	if p.stored(p.life, k) {
		p.cache.MarkReady(k)
		return k
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.queued[k] {
		return ""
	}
	p.queued[k] = true
	go func() {
		defer func() {
			p.mu.Lock()
			delete(p.queued, k)
			p.mu.Unlock()
		}()
		select {
		case p.clipSem <- struct{}{}:
			defer func() { <-p.clipSem }()
		case <-p.life.Done():
			return
		}
		p.lookClip(p.life, l, true)
	}()
	return ""
}

func (p *Previews) canRenderClips() bool {
	return p.Renderer != nil && p.Synth != nil && p.Voices != nil && p.Blobs != nil && p.Presenters != nil
}

// ForgetLook drops a changed or deleted look's previews: the next call makes them again.
func (p *Previews) ForgetLook(ctx context.Context, lookID string) {
	for _, k := range []string{lookImageKey(lookID), lookClipKey(lookID)} {
		p.cache.Forget(k)
		if p.Blobs != nil {
			p.Blobs.Delete(context.WithoutCancel(ctx), k)
		}
	}
}

// renderImage draws a look at rest, waist-up, on a transparent background and stores the
// PNG under key.
func (p *Previews) renderImage(ctx context.Context, l videoagent.Look, key string) error {
	size := image.Pt(LookImageWidth, LookImageHeight)
	tr, err := p.Presenters.Track(ctx, videoagent.PresenterRequest{
		LookID: l.ID, Framing: videoagent.FramingWaistUp, Size: size, FPS: lookClipFPS, Frames: 1, Seed: 1,
	})
	if err != nil {
		return err
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	for _, ly := range tr.Frame(0) {
		if ly.Image == nil {
			continue
		}
		b := ly.Image.Rect
		draw.Draw(img, b.Sub(b.Min).Add(ly.At), ly.Image, b.Min, draw.Over)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return p.Blobs.Put(ctx, key, &buf)
}

// clipText is what a look says in its preview video.
func clipText(name string) string {
	return fmt.Sprintf("Hi, I'm %s. Tell me about your product, and I will present your next video.", name)
}

// speakerName is the name a look introduces itself with: its person's (group's) name for
// a look of the cast, its own name for a look an account designed.
func (p *Previews) speakerName(l videoagent.Look) string {
	for _, c := range p.Presenters.Looks() {
		if c.ID == l.ID {
			return videoagent.LookGroupName(p.Presenters, c)
		}
	}
	return l.Name
}

// renderClip narrates the look's introduction with its default voice, renders it through
// the real renderer with the look full frame, and stores the MP4 under key.
func (p *Previews) renderClip(ctx context.Context, l videoagent.Look, key string) error {
	ctx, cancel := context.WithTimeout(ctx, lookClipTimeout)
	defer cancel()
	voice, err := p.Voices.Voice(l.DefaultVoiceID)
	if err != nil {
		v, ok := p.Voices.DefaultVoice("en", l.Gender)
		if !ok {
			return fmt.Errorf("no voice for look %s: %w", l.ID, err)
		}
		voice = v
	}
	name := p.speakerName(l)
	narr, err := p.Synth.Synthesize(ctx, clipText(name), voice, videoagent.SpeechOptions{})
	if err != nil {
		return err
	}
	base := p.CacheDir
	if base == "" {
		base = os.TempDir()
	}
	base = filepath.Join(base, "avatar-previews")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return err
	}
	dir, err := os.MkdirTemp(base, "clip-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	sb := &videoagent.Storyboard{
		Version: 1, Title: name, Language: voice.Locale,
		AspectRatio: lookClipAspect, Resolution: lookClipRes, FPS: lookClipFPS,
		AvatarID: l.ID, VoiceID: voice.ID, Seed: 1,
		Scenes: []videoagent.Scene{{ID: "intro", Layout: videoagent.LayoutPresenter, Narration: clipText(name),
			Visual: videoagent.Visual{Kind: videoagent.VisualNone}}},
	}
	if sb.Language == "" {
		sb.Language = "en"
	}
	res, err := p.Renderer.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: []*videoagent.Narration{narr}, OutDir: dir})
	if err != nil {
		return err
	}
	return p.putFile(ctx, key, res.VideoPath)
}
