package render

import (
	"image"
	"slices"

	videoagent "github.com/openvideoagent/videoagent"
)

// op is one image composited over a frame's base: a sprite, a presenter layer, a caption
// or a moving image panel. Between frames, an op whose fields are unchanged is assumed to
// have unchanged pixels (ver is bumped by ops whose pixels change in place).
type op struct {
	key   int
	img   *image.RGBA
	off   image.Point     // frame point p shows img at p-off
	rect  image.Rectangle // where it draws, frame coordinates, clipped
	alpha uint32          // 0-255
	mask  *image.Alpha    // optional clip, frame point p uses mask at p-moff
	moff  image.Point
	ver   int
	// paint, when set, draws the op instead of img, alpha and mask.
	paint painter
	// solid is a part of rect that the op covers with opaque pixels, whatever lies under
	// them: the base is not drawn there.
	solid image.Rectangle
}

// painter is an op that draws itself into the frame: the part r of it, over what dst
// holds.
type painter interface {
	paint(dst *image.RGBA, r image.Rectangle)
}

// yuvPainter is a painter that can also draw the part r of its solid part straight into an
// I420 frame, r having even coordinates (kenBurns.paintI420, videoPanel.paintI420).
type yuvPainter interface {
	painter
	paintI420(dst *i420, r image.Rectangle)
}

// presenterOps appends the ops that draw a presenter's layers into its box (clipped to it,
// and to the bubble's circle when there is one).
func presenterOps(ops []op, layers []videoagent.Layer, box image.Rectangle, bubble *image.Alpha) []op {
	for j, l := range layers {
		if l.Image == nil {
			continue
		}
		off := box.Min.Add(l.At).Sub(l.Image.Rect.Min)
		o := op{key: keyPresenter + j, img: l.Image, off: off, rect: l.Image.Rect.Add(off).Intersect(box), alpha: 255}
		if bubble != nil {
			o.mask, o.moff = bubble, box.Min
		} else {
			o.solid = l.Solid.Add(off).Intersect(o.rect)
		}
		ops = append(ops, o)
	}
	return ops
}

// compositor keeps the current frame and its I420 copy up to date by redrawing only the
// regions that changed since the previous frame.
type compositor struct {
	w, h int
	base *image.RGBA // static layers (elements bake into it once they have entered)
	cur  *image.RGBA // the frame being shown
	// yuv is cur converted (but where a panel painted straight into it, see direct), or
	// nil when yuva is used instead. It is one buffer, updated where the frame changed:
	// whoever is given a frame (x264 in this process, the preview, a transition) has
	// copied or used it before the next is drawn.
	yuv   *i420
	yuva  *yuva // cur converted with its alpha, for transparent videos
	prev  map[int]op
	next  map[int]op
	dirty []image.Rectangle
	holes []image.Rectangle // the ops' solid parts, scratch for compose
	// direct holds the parts of the frame that by (an image or clip panel) painted
	// straight into yuv, where it shows alone (see compose): there, cur is stale until
	// rgba paints them.
	direct []image.Rectangle
	by     yuvPainter
	frames int
	// pixels counts the pixels redrawn, for tests and tuning.
	pixels int64
}

// newCompositor composes frames over base. Its frame, in RGBA and in I420, comes from the
// pixel pool, with whatever it held: the first frame draws and converts every pixel (see
// compose). release gives them back.
func newCompositor(base *image.RGBA) *compositor {
	b := base.Bounds()
	cur := &image.RGBA{Pix: pixels.get(4 * b.Dx() * b.Dy()), Stride: 4 * b.Dx(), Rect: b}
	return &compositor{w: b.Dx(), h: b.Dy(), base: base, cur: cur, yuv: pooledI420(b.Dx(), b.Dy()),
		prev: map[int]op{}, next: map[int]op{}}
}

// release gives the compositor's frames back to the pixel pool; c is not used afterwards.
func (c *compositor) release() {
	pixels.put(c.cur.Pix)
	if c.yuv != nil {
		pixels.put(c.yuv.buf)
	}
	c.cur, c.yuv = nil, nil
}

// baseChanged marks a region of the base as changed (an element was baked into it).
func (c *compositor) baseChanged(r image.Rectangle) { c.dirty = append(c.dirty, r) }

// composeBand is how many rows compose draws before converting them (even, for I420's
// row pairs): 32 rows of 1080p RGBA are 240 KB.
const composeBand = 32

// compose brings cur and yuv to the frame made of base and ops, drawn in order.
func (c *compositor) compose(ops []op) {
	full := image.Rect(0, 0, c.w, c.h)
	clear(c.next)
	for _, o := range ops {
		c.next[o.key] = o
	}
	if c.frames == 0 {
		c.dirty = append(c.dirty[:0], full)
	} else {
		for k, o := range c.next {
			if p, ok := c.prev[k]; !ok || p != o {
				c.dirty = append(c.dirty, o.rect)
				if ok {
					c.dirty = append(c.dirty, p.rect)
				}
			}
		}
		for k, p := range c.prev {
			if _, ok := c.next[k]; !ok {
				c.dirty = append(c.dirty, p.rect)
			}
		}
	}
	// What the previous frame painted straight into I420 is drawn again: it is stale in
	// cur, and its I420 is to be the conversion of cur unless this frame paints it
	// straight again. (A moving panel is redrawn every frame anyway.)
	c.dirty = append(c.dirty, c.direct...)
	// The base is not drawn under the ops' opaque parts: it would not be seen.
	c.holes = c.holes[:0]
	for _, o := range ops {
		if !o.solid.Empty() {
			c.holes = append(c.holes, o.solid)
		}
	}
	// The first op that can paint straight into I420 does so where it shows alone: its
	// solid part, less the columns of any op drawn over it (see directRects).
	di, dsolid := -1, image.Rectangle{}
	c.direct, c.by = c.direct[:0], nil
	if c.yuv != nil && c.yuva == nil {
		for i, o := range ops {
			if p, ok := o.paint.(yuvPainter); ok {
				if dsolid = innerEven(o.solid); !dsolid.Empty() {
					di, c.by = i, p
				}
				break
			}
		}
	}
	rects := mergeRects(c.dirty, full)
	var ds, pieces []image.Rectangle
	for _, r := range rects {
		// Band by band, so that the pixels drawn are still in the cache when they are
		// converted.
		for y := r.Min.Y; y < r.Max.Y; y += composeBand {
			b := image.Rect(r.Min.X, y, r.Max.X, min(y+composeBand, r.Max.Y))
			ds, pieces = ds[:0], append(pieces[:0], b)
			if di >= 0 {
				ds = directRects(ds, ops[di+1:], dsolid.Intersect(b))
				pieces = subtractColumns(pieces[:0], b, ds)
			}
			copyRectExcept(c.cur, c.base, b, c.holes)
			for i, o := range ops {
				ir := o.rect.Intersect(b)
				switch {
				case ir.Empty():
				case i == di && len(ds) > 0:
					for _, p := range pieces {
						if pr := p.Intersect(ir); !pr.Empty() {
							o.paint.paint(c.cur, pr)
						}
					}
				case o.paint != nil:
					o.paint.paint(c.cur, ir)
				default:
					blend(c.cur, ir, o.img, o.off, o.alpha, o.mask, o.moff)
				}
			}
			for _, p := range pieces {
				if c.yuva != nil {
					c.yuva.convert(c.cur, p)
				} else {
					c.yuv.convert(c.cur, p)
				}
			}
			for _, d := range ds {
				c.by.paintI420(c.yuv, d)
			}
			c.direct = append(c.direct, ds...)
		}
		c.pixels += int64(r.Dx() * r.Dy())
	}
	c.dirty = c.dirty[:0]
	c.prev, c.next = c.next, c.prev
	c.frames++
}

// rgba is the frame in RGBA: cur, once the parts painted straight into I420 are painted
// into it too (for a thumbnail). They stay direct: the next frame draws them again, so
// that the I420 of a pixel depends on its frame alone.
func (c *compositor) rgba() *image.RGBA {
	for _, d := range c.direct {
		c.by.paint(c.cur, d)
	}
	return c.cur
}

// minDirect is the narrowest part worth painting straight into I420; narrower ones go
// through RGBA.
const minDirect = 16

// directRects appends to ds the parts of d (even coordinates) that none of ops overlaps:
// d less the columns, widened to even, of every op that overlaps it.
func directRects(ds []image.Rectangle, ops []op, d image.Rectangle) []image.Rectangle {
	if d.Empty() {
		return ds
	}
	var in [8]kbSpan
	cut := in[:0]
	for _, o := range ops {
		if o.rect.Overlaps(d) {
			cut = append(cut, kbSpan{max(o.rect.Min.X&^1, d.Min.X), min((o.rect.Max.X+1)&^1, d.Max.X)})
		}
	}
	slices.SortFunc(cut, func(a, b kbSpan) int { return a.lo - b.lo })
	x := d.Min.X
	for _, c := range append(cut, kbSpan{d.Max.X, d.Max.X}) {
		if c.lo-x >= minDirect {
			ds = append(ds, image.Rect(x, d.Min.Y, c.lo, d.Max.Y))
		}
		x = max(x, c.hi)
	}
	return ds
}

// subtractColumns appends to out the parts of b outside ds, which lie side by side in the
// same rows, within b.
func subtractColumns(out []image.Rectangle, b image.Rectangle, ds []image.Rectangle) []image.Rectangle {
	if len(ds) == 0 {
		return append(out, b)
	}
	rows := ds[0]
	add := func(r image.Rectangle) {
		if !r.Empty() {
			out = append(out, r)
		}
	}
	add(image.Rect(b.Min.X, b.Min.Y, b.Max.X, rows.Min.Y))
	x := b.Min.X
	for _, d := range ds {
		add(image.Rect(x, rows.Min.Y, d.Min.X, rows.Max.Y))
		x = d.Max.X
	}
	add(image.Rect(x, rows.Min.Y, b.Max.X, rows.Max.Y))
	add(image.Rect(b.Min.X, rows.Max.Y, b.Max.X, b.Max.Y))
	return out
}

// innerEven is the largest rectangle with even coordinates within r.
func innerEven(r image.Rectangle) image.Rectangle {
	r.Min.X = (r.Min.X + 1) &^ 1
	r.Min.Y = (r.Min.Y + 1) &^ 1
	r.Max.X &^= 1
	r.Max.Y &^= 1
	if r.Empty() {
		return image.Rectangle{}
	}
	return r
}

// mergeRects widens rectangles to even coordinates, clips them to the frame and merges
// overlapping ones, so that no pixel is redrawn twice in a frame.
func mergeRects(rs []image.Rectangle, frame image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	for _, r := range rs {
		r = evenRect(r).Intersect(frame)
		if !r.Empty() {
			out = append(out, r)
		}
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(out); i++ {
			for j := i + 1; j < len(out); j++ {
				if out[i].Overlaps(out[j]) {
					out[i] = out[i].Union(out[j])
					out = append(out[:j], out[j+1:]...)
					merged = true
					j--
				}
			}
		}
	}
	return out
}
