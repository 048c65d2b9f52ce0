// Package preview makes the previews of the catalogues: a thumbnail and a short video per
// style, a picture and a short video per presenter look, a spoken sample per voice. Each is
// made on first need (or when warmed at start), stored in the blob store under previews/,
// and served by the API through signed file URLs. One Cache makes each preview once.
package preview

import (
	"context"
	"log/slog"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Previews makes and keeps the previews. Make it with New.
type Previews struct {
	// Blobs keeps the previews; the others make them: the renderer renders style samples
	// and look clips, Synth speaks them (with Voices), Presenters draws the looks.
	Blobs      videoagent.BlobStore
	Renderer   videoagent.Renderer
	Synth      videoagent.Synthesizer
	Voices     videoagent.VoiceCatalog
	Presenters videoagent.Presenters
	// Styles lists the styles Warm makes previews of.
	Styles videoagent.StyleCatalog
	// CacheDir holds the scratch files of look clips ("": the system's temporary
	// directory).
	CacheDir string
	Logger   *slog.Logger
	// Load, when set, has warming and the background renderings wait for the server's
	// videos (see Load); nil: they run at once.
	Load Load

	life  context.Context
	cache *Cache
	// styleSem bounds the styles rendering at once; clipSem the look clips rendering in
	// the background (lists must not flood the CPU).
	styleSem, clipSem chan struct{}

	mu     sync.Mutex
	queued map[string]bool // clips waiting for a background rendering
}

// New returns previews made under life, the server's lifetime: when it ends, renderings
// in progress stop. Set the fields before the first call.
func New(life context.Context) *Previews {
	return &Previews{life: life, cache: NewCache(life), styleSem: make(chan struct{}, 2), clipSem: make(chan struct{}, 1),
		queued: map[string]bool{}}
}

func (p *Previews) log() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

// ensure makes sure the blob key is stored, making it with build once however many
// callers ask; ctx bounds only the wait.
func (p *Previews) ensure(ctx context.Context, key string, build func(ctx context.Context) error) error {
	return p.cache.Do(ctx, key, func(ctx context.Context) error {
		if p.stored(ctx, key) {
			return nil
		}
		return build(ctx)
	})
}

// stored reports whether a blob is stored.
func (p *Previews) stored(ctx context.Context, key string) bool {
	b, err := p.Blobs.Open(ctx, key)
	if err != nil {
		return false
	}
	b.Close()
	return true
}

// each runs f(i) for i in 0..n-1, at most workers at once, and waits for them.
func each(n, workers int, f func(i int)) {
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

// Warm makes the previews of every look and style, one style at a time, so that the
// catalogues show them from the first call after start rather than null while they
// render. Previews already stored are not made again. It returns when the styles are done
// or life ends; look clips go on in the background.
func (p *Previews) Warm() {
	ctx := p.life
	if p.quiet(ctx) != nil {
		return
	}
	if p.Presenters != nil {
		looks := p.Presenters.Looks()
		p.LookImages(ctx, looks)
		for _, l := range looks {
			p.LookClipIfReady(l) // queued: one clip renders at a time
		}
	}
	if p.Styles == nil || p.Renderer == nil || p.Blobs == nil {
		return
	}
	start := time.Now()
	styles := p.Styles.Styles()
	for _, st := range styles {
		wctx, cancel := context.WithTimeout(ctx, stylePreviewTimeout)
		err := p.style(wctx, st, true)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			p.log().Warn("warm style preview", "style_id", st.ID, "err", err)
		}
	}
	p.log().Info("previews warmed", "styles", len(styles), "elapsed", time.Since(start).Round(time.Second))
}
