package avatar

import (
	"context"
	"image"
	"math"
	"sync"

	"github.com/openvideoagent/videoagent"
)

// framingSpec is the part of the design space a framing shows.
type framingSpec struct {
	crop   rect // design units
	bubble bool // inside a circle: crop is the circle's bounding square
}

var framingSpecs = map[videoagent.Framing]framingSpec{
	videoagent.FramingWaistUp: {crop: rect{-140, -114, 140, 420}},
	videoagent.FramingCloseUp: {crop: rect{-130, -112, 130, 176}},
	videoagent.FramingBubble:  {crop: rect{-150, -113, 150, 187}, bubble: true},
}

// sprite is a cached image and where it sits in the presenter box when at rest.
type sprite struct {
	img   *image.RGBA
	at    image.Point
	solid image.Rectangle // the largest opaque rectangle of img (see opaqueRect)
}

func (s *sprite) bytes() int64 {
	if s == nil {
		return 0
	}
	return int64(len(s.img.Pix))
}

// numBlink is the number of eye states: open, half closed, closed.
const numBlink = 3

// numBrow is the number of brow heights.
const numBrow = 3

// gazeSteps quantizes LookAt: eye sprites exist for -1, -0.75 ... 1.
const gazeSteps = 4

// spriteSet holds every sprite of one look at one framing and box size.
type spriteSet struct {
	key  setKey
	def  *lookDef
	spec framingSpec
	x    xform
	box  image.Rectangle
	clip *path // bubble circle, design units; nil for other framings

	backdrop, backHair, body, strip, head, glasses *sprite
	mouths                                         [numShapes]*sprite
	brows                                          [numBrow]*sprite
	breathMax                                      int // largest breathing offset, pixels

	mu    sync.Mutex
	eyes  map[int]*[numBlink]*sprite // by gaze step
	bytes int64                      // guarded by mu after construction
}

type setKey struct {
	look    string
	framing videoagent.Framing
	size    image.Point
}

// newSpriteSet computes the layout of a look in a box; sprites are drawn by warm.
func newSpriteSet(def *lookDef, fr videoagent.Framing, size image.Point) *spriteSet {
	spec := framingSpecs[fr]
	c := spec.crop
	cw, ch := c.x1-c.x0, c.y1-c.y0
	s := math.Min(float64(size.X)/cw, float64(size.Y)/ch)
	ox := (float64(size.X)-cw*s)/2 - c.x0*s
	var oy float64
	if spec.bubble {
		oy = (float64(size.Y)-ch*s)/2 - c.y0*s
	} else {
		oy = float64(size.Y) - c.y1*s // bottom-aligned
	}
	ss := &spriteSet{
		key:  setKey{def.look.ID, fr, size},
		def:  def,
		spec: spec,
		x:    xform{s: s, ox: ox, oy: oy},
		box:  image.Rectangle{Max: size},
		eyes: map[int]*[numBlink]*sprite{},
	}
	if spec.bubble {
		r := (c.x1 - c.x0) / 2
		ss.clip = circle((c.x0+c.x1)/2, (c.y0+c.y1)/2, r)
	}
	// breathing lifts the shoulders by about 1.2% of the torso height (shoulders to waist)
	ss.breathMax = max(1, int(math.Round(0.012*(420-110)*s)))
	return ss
}

// render rasterizes a drawing into a sprite clipped to lim (box pixels). Bubble framings clip
// to the circle when clipped is set.
func (ss *spriteSet) render(d *drawing, lim image.Rectangle, clipped bool) *sprite {
	if clipped && ss.clip != nil {
		c := &drawing{items: make([]item, len(d.items))}
		for i, it := range d.items {
			it.clips = append(append([]*path(nil), it.clips...), ss.clip)
			c.items[i] = it
		}
		d = c
	}
	r := pixRect(ss.x.rect(d.bounds())).Inset(-1).Intersect(lim)
	if r.Empty() {
		r = image.Rect(lim.Min.X, lim.Min.Y, lim.Min.X+1, lim.Min.Y+1)
	}
	img := image.NewRGBA(r)
	var rs raster
	rs.render(d, ss.x, img)
	img.Rect = image.Rectangle{Max: r.Size()}
	return &sprite{img: img, at: r.Min, solid: opaqueRect(img)}
}

// headLim is the area the head sprites may cover: the box, with room for the head to move.
func (ss *spriteSet) headLim() image.Rectangle {
	return ss.box
}

// warm draws every sprite but the eyes (drawn per gaze by eyesFor). It checks ctx between
// sprites.
func (ss *spriteSet) warm(ctx context.Context) error {
	p, o := ss.def.p, ss.def.o
	steps := []func(){
		func() {
			ss.body = ss.render(p.body(o), ss.box, true)
			if !ss.spec.bubble {
				// the strip under the body fills the rows the breathing body uncovers
				lim := ss.box
				lim.Min.Y = lim.Max.Y - ss.breathMax - 2
				ss.strip = ss.render(p.body(o), lim, false)
			} else {
				ss.strip = ss.body
			}
		},
		func() {
			if ss.spec.bubble {
				ss.backdrop = ss.render(backdropDrawing(ss.spec.crop, o), ss.box, true)
			}
			if bh := p.backHair(); len(bh.items) > 0 {
				ss.backHair = ss.render(bh, ss.box, true)
			}
		},
		func() { ss.head = ss.render(p.head(), ss.headLim(), false) },
		func() {
			if p.glasses {
				ss.glasses = ss.render(p.glassesDrawing(), ss.headLim(), false)
			}
			for l := range ss.brows {
				ss.brows[l] = ss.render(p.brows(l), ss.headLim(), false)
			}
		},
		func() {
			for v := Viseme(0); v < numVisemes; v++ {
				for l := 0; l < numLevels; l++ {
					if l > 0 && !v.hasLevels() {
						ss.mouths[shape{v, uint8(l)}.index()] = ss.mouths[shape{v, 0}.index()]
						continue
					}
					ss.mouths[shape{v, uint8(l)}.index()] = ss.render(p.mouth(v, l), ss.headLim(), false)
				}
			}
		},
	}
	for _, f := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		f()
	}
	var n int64
	for _, s := range []*sprite{ss.backdrop, ss.backHair, ss.body, ss.head, ss.glasses} {
		n += s.bytes()
	}
	if ss.strip != ss.body {
		n += ss.strip.bytes()
	}
	for _, s := range ss.brows {
		n += s.bytes()
	}
	for i, m := range ss.mouths {
		if s := shapeOf(i); s.lvl == 0 || s.v.hasLevels() {
			n += m.bytes()
		}
	}
	ss.mu.Lock()
	ss.bytes += n
	ss.mu.Unlock()
	return nil
}

// gazeStep quantizes LookAt.
func gazeStep(g float64) int {
	if math.IsNaN(g) {
		return 0
	}
	g = math.Max(-1, math.Min(1, g))
	return int(math.Round(g * gazeSteps))
}

// eyesFor returns the eye sprites (open, half, closed) for a gaze, drawing them once.
func (ss *spriteSet) eyesFor(step int) *[numBlink]*sprite {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if e, ok := ss.eyes[step]; ok {
		return e
	}
	e := new([numBlink]*sprite)
	g := float64(step) / gazeSteps
	for b := 0; b < numBlink; b++ {
		if b == numBlink-1 && len(ss.eyes) > 0 {
			// closed eyes do not depend on the gaze
			for _, o := range ss.eyes {
				e[b] = o[b]
				break
			}
			continue
		}
		e[b] = ss.render(ss.def.p.eyes(b, g), ss.headLim(), false)
		ss.bytes += e[b].bytes()
	}
	ss.eyes[step] = e
	return e
}

func (ss *spriteSet) size() int64 {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.bytes
}

// backdropDrawing is the soft circle behind a bubble presenter.
func backdropDrawing(c rect, o *outfit) *drawing {
	d := &drawing{}
	cx, cy, r := (c.x0+c.x1)/2, (c.y0+c.y1)/2, (c.x1-c.x0)/2
	base := mix(o.accent, hex("ffffff"), 0.72)
	d.fill(circle(cx, cy, r), base)
	d.fill(circle(cx-r*0.28, cy-r*0.3, r*0.8), mix(base, hex("ffffff"), 0.35))
	return d
}
