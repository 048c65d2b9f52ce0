// Package avatar draws the presenters of Open Video Agent: a cast of flat-vector characters
// that talk (lip sync from phoneme timings), blink, breathe and nod. It implements
// videoagent.Presenters.
//
// Presenters are drawn as layers: a body (drawn once per look, framing and size), and a head
// made of a base plus small eye, brow and mouth sprites, one per state. The sprites are
// cached, so a frame is a handful of blits of shared images placed at offsets that carry the
// motion (breathing, head sway, nods).
package avatar

import (
	"container/list"
	"context"
	"errors"
	"image"
	"math"
	"sync"

	"github.com/openvideoagent/videoagent"
)

// DefaultCacheBytes bounds the sprite cache of a Cast made by New.
const DefaultCacheBytes = 256 << 20

// Cast is the presenter cast. It implements videoagent.Presenters and is safe for
// concurrent use. Its sprite cache holds the sprites of recently used (look, framing, size)
// combinations within a memory budget; tracks keep their own sprites alive while in use.
type Cast struct {
	maxBytes int64

	mu    sync.Mutex
	sets  map[setKey]*list.Element // of *cacheEntry
	lru   *list.List
	bytes int64
	// source finds looks designed by users (SetSource).
	source LookSource
}

type cacheEntry struct {
	set   *spriteSet
	ready chan struct{} // closed when warm has finished
	err   error
}

var _ videoagent.Presenters = (*Cast)(nil)

// New returns the cast with a DefaultCacheBytes sprite cache.
func New() *Cast { return NewWithCache(DefaultCacheBytes) }

// NewWithCache returns the cast with a sprite cache of about maxBytes.
func NewWithCache(maxBytes int64) *Cast {
	return &Cast{maxBytes: maxBytes, sets: map[setKey]*list.Element{}, lru: list.New()}
}

// Looks lists the cast: every look of every presenter.
func (c *Cast) Looks() []videoagent.Look {
	out := make([]videoagent.Look, len(lookDefs))
	for i, d := range lookDefs {
		out[i] = d.look
		out[i].Tags = append([]string(nil), d.look.Tags...)
	}
	return out
}

// Look returns one look by id, or an *videoagent.Error with EAVATARNOTFOUND.
func (c *Cast) Look(id string) (videoagent.Look, error) {
	i, ok := lookIndex[id]
	if !ok {
		return videoagent.Look{}, notFound(id)
	}
	return lookDefs[i].look, nil
}

func notFound(id string) error {
	return &videoagent.Error{Code: videoagent.EAVATARNOTFOUND, Param: "avatar_id",
		Message: "Avatar look " + quote(id) + " not found."}
}

func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return "\"" + s + "\""
}

// CacheBytes is the memory the sprite cache holds now.
func (c *Cast) CacheBytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for e := c.lru.Front(); e != nil; e = e.Next() {
		n += e.Value.(*cacheEntry).set.size()
	}
	return n
}

// sprites returns the warm sprite set of a look at a framing and size.
func (c *Cast) sprites(ctx context.Context, def *lookDef, fr videoagent.Framing, size image.Point) (*spriteSet, error) {
	k := setKey{def.look.ID, fr, size}
	c.mu.Lock()
	if el, ok := c.sets[k]; ok {
		c.lru.MoveToFront(el)
		ce := el.Value.(*cacheEntry)
		c.mu.Unlock()
		select {
		case <-ce.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if ce.err != nil {
			if ctx.Err() == nil && (errors.Is(ce.err, context.Canceled) || errors.Is(ce.err, context.DeadlineExceeded)) {
				// another caller gave up while drawing; draw again for this one
				return c.sprites(ctx, def, fr, size)
			}
			return nil, ce.err
		}
		return ce.set, nil
	}
	ce := &cacheEntry{set: newSpriteSet(def, fr, size), ready: make(chan struct{})}
	el := c.lru.PushFront(ce)
	c.sets[k] = el
	c.mu.Unlock()

	ce.err = ce.set.warm(ctx)
	close(ce.ready)

	c.mu.Lock()
	defer c.mu.Unlock()
	if ce.err != nil {
		if cur, ok := c.sets[k]; ok && cur == el {
			c.lru.Remove(el)
			delete(c.sets, k)
		}
		return nil, ce.err
	}
	c.evictLocked(el)
	return ce.set, nil
}

// evictLocked drops least recently used sets (never keep) while over budget.
func (c *Cast) evictLocked(keep *list.Element) {
	var total int64
	for e := c.lru.Front(); e != nil; e = e.Next() {
		total += e.Value.(*cacheEntry).set.size()
	}
	for total > c.maxBytes {
		e := c.lru.Back()
		if e == nil || e == keep {
			break
		}
		ce := e.Value.(*cacheEntry)
		select {
		case <-ce.ready:
		default:
			// still warming: move it forward and stop
			c.lru.MoveToFront(e)
			return
		}
		total -= ce.set.size()
		c.lru.Remove(e)
		delete(c.sets, ce.set.key)
	}
	c.bytes = total
}

// Track animates a look over a scene. The first call for a (look, framing, size) draws its
// sprites; later calls reuse them.
func (c *Cast) Track(ctx context.Context, req videoagent.PresenterRequest) (videoagent.PresenterTrack, error) {
	return c.NewTrack(ctx, req)
}

// NewTrack is Track returning the concrete *Track.
func (c *Cast) NewTrack(ctx context.Context, req videoagent.PresenterRequest) (*Track, error) {
	id := req.LookID
	if id == "" {
		id = DefaultLookID()
	}
	def, err := c.findDef(ctx, id)
	if err != nil {
		return nil, err
	}
	fr := req.Framing
	if fr == "" {
		fr = videoagent.FramingWaistUp
	}
	if _, ok := framingSpecs[fr]; !ok {
		return nil, videoagent.Invalid("framing", "Unknown framing %q: use waist_up, close_up or bubble.", string(fr))
	}
	if req.Size.X < 16 || req.Size.Y < 16 || req.Size.X > 8192 || req.Size.Y > 8192 {
		return nil, videoagent.Invalid("size", "Presenter box must be between 16 and 8192 pixels on each side, got %dx%d.", req.Size.X, req.Size.Y)
	}
	if req.FPS <= 0 || req.FPS > 240 {
		return nil, videoagent.Invalid("fps", "Frame rate must be between 1 and 240, got %d.", req.FPS)
	}
	if req.Frames < 0 {
		return nil, videoagent.Invalid("frames", "Frame count must not be negative.")
	}
	ss, err := c.sprites(ctx, def, fr, req.Size)
	if err != nil {
		return nil, err
	}
	return newTrack(ss, req), nil
}

// Track is a presenter animated over one scene. It implements videoagent.PresenterTrack.
// All drawing happens when it is made; Frame only picks sprites and offsets.
type Track struct {
	set    *spriteSet
	eyes   *[numBlink]*sprite
	states []frameState
}

// frameState is what one frame shows and where.
type frameState struct {
	breath int16 // body lift, pixels up
	hx, hy int16 // head offset (includes the breath)
	mouth  uint8 // shape index
	blink  uint8
	brow   uint8
}

// Frames is the number of frames of the track.
func (t *Track) Frames() int { return len(t.states) }

// Frame returns the layers of frame i, back to front. An i out of range is clamped.
func (t *Track) Frame(i int) []videoagent.Layer {
	if len(t.states) == 0 {
		i = 0
	} else {
		i = max(0, min(i, len(t.states)-1))
	}
	var st frameState
	if len(t.states) > 0 {
		st = t.states[i]
	}
	ss := t.set
	out := make([]videoagent.Layer, 0, 10)
	head := image.Pt(int(st.hx), int(st.hy))
	add := func(s *sprite, off image.Point) {
		if s != nil {
			out = append(out, videoagent.Layer{Image: s.img, At: s.at.Add(off), Solid: s.solid})
		}
	}
	add(ss.backdrop, image.Point{})
	add(ss.backHair, head)
	add(ss.strip, image.Point{})
	add(ss.body, image.Pt(0, -int(st.breath)))
	add(ss.head, head)
	add(t.eyes[st.blink], head)
	add(ss.brows[st.brow], head)
	add(ss.mouths[st.mouth], head)
	add(ss.glasses, head)
	return out
}

// AppendFrameKey appends to dst what frame i shows, as Frame would draw it (an i out of
// range is clamped). For tracks of one cast whose requests differ at most in their
// narration, frames with equal keys have the same layers: a renderer can tell that frames
// look as in an earlier render without drawing them (a scene held after its speech, whose
// words alone were revised).
func (t *Track) AppendFrameKey(dst []byte, i int) []byte {
	var st frameState
	if n := len(t.states); n > 0 {
		st = t.states[max(0, min(i, n-1))]
	}
	return append(dst, byte(st.breath), byte(st.breath>>8), byte(st.hx), byte(st.hx>>8), byte(st.hy), byte(st.hy>>8),
		st.mouth, st.blink, st.brow)
}

// Viseme is the mouth shape frame i shows.
func (t *Track) Viseme(i int) Viseme {
	if i < 0 || i >= len(t.states) {
		return VisemeRest
	}
	return shapeOf(int(t.states[i].mouth)).v
}

// MouthOpenness is how open the mouth is in frame i, from 0 (closed) to 1.
func (t *Track) MouthOpenness(i int) float64 {
	if i < 0 || i >= len(t.states) {
		return 0
	}
	return shapeOf(int(t.states[i].mouth)).openness()
}

// Blink is the eye state of frame i: 0 open, 1 half closed, 2 closed.
func (t *Track) Blink(i int) int {
	if i < 0 || i >= len(t.states) {
		return 0
	}
	return int(t.states[i].blink)
}

// Scale is the number of pixels per design unit (a head is about 100 units wide).
func (t *Track) Scale() float64 { return t.set.x.s }

// MouthRect is where the mouth sprites can draw in frame i, in box pixels: the union of all
// mouth shapes at the frame's head position.
func (t *Track) MouthRect(i int) image.Rectangle {
	var r image.Rectangle
	for _, s := range t.set.mouths {
		if s != nil {
			r = r.Union(s.img.Rect.Add(s.at))
		}
	}
	if i >= 0 && i < len(t.states) {
		r = r.Add(image.Pt(int(t.states[i].hx), int(t.states[i].hy)))
	}
	return r
}

func round16(v float64) int16 { return int16(math.Round(v)) }
