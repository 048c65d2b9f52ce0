package render

import (
	"context"
	"image"
	"slices"
	"sync"
)

// layoutCache keeps freshly laid out scenes, so that the other chunks of a scene (and the
// transition head of the scene after it, which starts from its last frame) copy its layout
// instead of laying it out again: backgrounds, shadows, shaped text and an image scene's
// scaled picture. Keys are segment keys, which cover everything a layout depends on.
type layoutCache struct {
	mu      sync.Mutex
	entries []layoutEntry // least recently used first
	bytes   int64
	// laying holds the keys being laid out, each closed when its layout is stored: a
	// worker that needs the same scene meanwhile waits for it (see claim) rather than
	// laying it out too, as the two chunks of a scene dealt to two workers at once did.
	laying map[string]chan struct{}
	// uses counts, for keys a render announced (expect), the claims still to come: a
	// layout no task will claim again goes first when room is needed, before the least
	// recently used of those still to be claimed, so that the cache holds the scenes being
	// rendered rather than the ones done (which stay, while there is room, for a revision).
	uses map[string]int
}

type layoutEntry struct {
	key  string
	sc   *sceneLayout
	size int64
	done bool // no claim of it is announced any more (see uses)
}

// layoutCacheBytes bounds the pixels the cache holds: about three 1080p scenes.
const layoutCacheBytes = 64 << 20

// claim returns a copy of the layout stored under key, ready to render; or, when there is
// none and nobody is laying it out, nil and done, which the caller must call once it has
// stored the layout (put) or given up. While another caller lays the scene out, claim
// waits for it.
func (c *layoutCache) claim(ctx context.Context, key string) (sc *sceneLayout, done func()) {
	for {
		c.mu.Lock()
		if sc := c.getLocked(key); sc != nil || key == "" {
			c.mu.Unlock()
			return sc, func() {}
		}
		wait, busy := c.laying[key]
		if !busy {
			if c.laying == nil {
				c.laying = map[string]chan struct{}{}
			}
			ch := make(chan struct{})
			c.laying[key] = ch
			c.mu.Unlock()
			return nil, sync.OnceFunc(func() {
				c.mu.Lock()
				delete(c.laying, key)
				c.mu.Unlock()
				close(ch)
			})
		}
		c.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, func() {} // the caller fails on the context soon enough
		}
	}
}

// getLocked returns a copy of the layout stored under key, ready to render, or nil.
func (c *layoutCache) getLocked(key string) *sceneLayout {
	for i, e := range c.entries {
		if e.key == key {
			e.done = c.usedLocked(key)
			c.entries = append(append(c.entries[:i:i], c.entries[i+1:]...), e)
			return e.sc.clone()
		}
	}
	return nil
}

// expect announces n more claims of key (a render's tasks that draw the scene).
func (c *layoutCache) expect(key string, n int) {
	if key == "" || n <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.uses == nil || len(c.uses) > 4096 { // renders that failed left theirs: forget them
		c.uses = map[string]int{}
	}
	c.uses[key] += n
	for i := range c.entries {
		if c.entries[i].key == key {
			c.entries[i].done = false // needed again
		}
	}
}

// usedLocked counts one claim of key and reports whether it was the last one announced.
// Keys never announced are kept as long as the cache has room.
func (c *layoutCache) usedLocked(key string) bool {
	n, ok := c.uses[key]
	if !ok {
		return false
	}
	if n <= 1 {
		delete(c.uses, key)
		return true
	}
	c.uses[key] = n - 1
	return false
}

// put stores a copy of a layout that has not rendered a frame yet.
func (c *layoutCache) put(key string, sc *sceneLayout) {
	if key == "" {
		return
	}
	c.mu.Lock()
	done := c.usedLocked(key) // the claim of the task that laid it out
	c.mu.Unlock()
	if sc.video != nil {
		return // a video panel holds a decoder and a temporary file
	}
	size := sc.pixelBytes()
	if size > layoutCacheBytes/2 {
		return
	}
	cp := sc.clone()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		if e.key == key {
			return
		}
	}
	c.entries = append(c.entries, layoutEntry{key, cp, size, done})
	c.bytes += size
	for c.bytes > layoutCacheBytes && len(c.entries) > 0 {
		// The layout done with longest ago, or else the least recently used.
		i := max(0, slices.IndexFunc(c.entries, func(e layoutEntry) bool { return e.done }))
		c.bytes -= c.entries[i].size
		c.entries = slices.Delete(c.entries, i, i+1)
	}
}

// pixelBytes is about how much memory a layout's images take.
func (sc *sceneLayout) pixelBytes() int64 {
	n := int64(len(sc.base.Pix))
	for _, e := range sc.elems {
		n += int64(len(e.img.Pix))
	}
	if sc.panel != nil {
		n += int64(len(sc.panel.pix))
		if sc.panel.planes != nil {
			n += int64(len(sc.panel.planes.y.pix))
		}
	}
	for _, c := range sc.captions {
		n += int64(len(c.img.Pix))
		for _, w := range c.words {
			n += int64(len(w.img.Pix))
		}
	}
	return n
}

// clone copies what rendering frames changes (the base, into which finished entrances are
// baked; elements' state; the pan-and-zoom panel's scratch) and shares the rest, which is
// only read: element sprites, masks, the panel's scaled picture, caption sprites.
func (sc *sceneLayout) clone() *sceneLayout {
	c := *sc
	c.base = &image.RGBA{Pix: pixels.get(len(sc.base.Pix)), Stride: sc.base.Stride, Rect: sc.base.Rect}
	copy(c.base.Pix, sc.base.Pix)
	c.elems = make([]*element, len(sc.elems))
	for i, e := range sc.elems {
		ec := *e
		ec.scratch = nil
		c.elems[i] = &ec
	}
	if sc.panel != nil {
		k := *sc.panel
		k.x0, k.x1, k.wx, k.rows, k.edge, k.yuv = nil, nil, nil, [2][]uint64{}, image.RGBA{}, nil
		k.held.forget()
		c.panel = &k
	}
	c.textRects = slices.Clone(sc.textRects)
	return &c
}
