package avatar

import (
	"image/color"
	"math"
)

// Design units: the presenter is drawn in a coordinate system where the head is about 100
// units wide and 130 tall, x = 0 is the body's centre line and y = 0 the eye line (the head's
// horizontal midline), y growing downwards. The skull top is at y = -66, the chin at 64, the
// shoulders span about ±110 (2.2 head widths) and the waist-up framing ends at y = 420, so the
// head is about a quarter of the visible body height.

const (
	eyeX     = 21.0 // eye centres at ±eyeX, y = 0
	mouthY   = 39.0
	headTop  = -66.0
	chinY    = 64.0
	neckBase = 104.0
)

// Common colours.
var (
	colWhite    = hex("ffffff")
	colEyeWhite = hex("fbf8f4")
	colLash     = hex("2a1c1a")
	colMouth    = hex("4c0830") // mouth interior, darker than every skin tone; tests count these pixels
	colTeeth    = hex("fbf7f0")
	colTongue   = hex("e07a83")
	colBlush    = hex("ff7a85")
)

// sym builds a closed path symmetric about x = 0 from its right half: c is a cubic chain
// (start point, then three points per segment) from the top centre to the bottom centre.
func sym(c ...pt) *path {
	p := newPath().M(c[0].X, c[0].Y)
	for i := 1; i+2 < len(c); i += 3 {
		p.C(c[i].X, c[i].Y, c[i+1].X, c[i+1].Y, c[i+2].X, c[i+2].Y)
	}
	// left half: the chain mirrored and reversed
	for i := len(c) - 1; i >= 3; i -= 3 {
		p.C(-c[i-1].X, c[i-1].Y, -c[i-2].X, c[i-2].Y, -c[i-3].X, c[i-3].Y)
	}
	return p.Z()
}

// faceHalfWidth is the head's half width at the cheekbones.
func (p *person) faceHalfWidth() float64 {
	if p.female {
		return 47
	}
	return 50
}

// headShape is the skull and face outline.
func (p *person) headShape() *path {
	w := p.faceHalfWidth()
	jaw := 40.0
	chin := 13.0
	if !p.female {
		jaw, chin = 44, 17
	}
	return sym(pt{0, headTop},
		pt{w * 0.58, headTop}, pt{w, -48}, pt{w, -10},
		pt{w, 14}, pt{jaw + 5, 34}, pt{jaw - 4, 47},
		pt{jaw - 14, 58}, pt{chin + 4, chinY}, pt{0, chinY})
}

// neckShadow is the shadow the jaw casts on the neck.
func (p *person) neckShadow() *path {
	w := 17.0
	if p.female {
		w = 15.5
	}
	return sym(pt{0, 40}, pt{w, 40}, pt{w + 2, 40}, pt{w + 2, 48},
		pt{w + 2, 62}, pt{w, 72}, pt{w, 74},
		pt{8, 78}, pt{4, chinY + 12}, pt{0, chinY + 12})
}

func (p *person) tone() skinTone { return skinTones[p.skin] }

// head draws the face without eyes, brows and mouth: ears, skin, shading, nose, blush, beard
// and the front hair.
func (p *person) head() *drawing {
	d := &drawing{}
	st := p.tone()
	w := p.faceHalfWidth()
	// ears
	for _, s := range []float64{-1, 1} {
		ear := ellipse(s*(w-1), 5, 8, 12.5)
		d.fill(ear, st.base)
		d.fill(ellipse(s*(w+1), 6, 3.6, 7), st.shadow)
	}
	face := p.headShape()
	d.fill(face, st.base)
	// soft side shadow on the viewer's right
	shadowR := newPath().M(w+10, -40).C(w-3, -20, w-4, 20, 22, chinY+6).L(w+10, chinY+10).Z()
	d.fill(shadowR, alpha(st.shadow, 0.55), face)
	// blush
	for _, s := range []float64{-1, 1} {
		d.fill(ellipse(s*29, 19, 8, 4.6), alpha(mix(st.base, colBlush, 0.5), 0.35), face)
	}
	// nose: one soft shadow shape
	nose := newPath().M(2.5, 4).
		C(4, 12, 7.5, 18, 7.5, 22.5).
		C(7.5, 26.5, 3, 27.8, -0.5, 27.6).
		C(-4.5, 27.4, -7.2, 26, -6.4, 23.6).
		C(-4.2, 25.2, -0.5, 25.6, 2.6, 24.2).
		C(4.8, 23, 4.6, 20, 3.6, 16).
		C(2.8, 12.5, 1.6, 8, 2.5, 4).Z()
	d.fill(nose, st.shadow)
	if p.older {
		for _, s := range []float64{-1, 1} {
			line := quadCurve(pt{s * 12, 27}, pt{s * 19, 34}, pt{s * 17, 45})
			d.fill(stroke(line, taper(0.3, 0.3, 1.4)), alpha(st.shadow, 0.9))
		}
	}
	if p.beard {
		p.drawBeard(d)
	}
	p.earringsDrawing(d)
	p.frontHair(d)
	return d
}

func (p *person) drawBeard(d *drawing) {
	col := p.hairCol
	w := p.faceHalfWidth()
	beard := sym(pt{0, 45.5},
		pt{9, 45.5}, pt{15, 44}, pt{19, 40},
		pt{24, 30}, pt{34, 24}, pt{w - 2.5, 4},
		pt{w, 4}, pt{w + 0.5, 6}, pt{w + 0.5, 8},
		pt{w, 30}, pt{40, 50}, pt{30, 60},
		pt{22, 68}, pt{12, 71}, pt{0, 71})
	d.fill(beard, col, p.headShape())
	moust := sym(pt{0, 30.5}, pt{6, 29.5}, pt{13, 30}, pt{17, 35},
		pt{18.5, 37.5}, pt{16, 38}, pt{12, 35.8},
		pt{8, 34.4}, pt{4, 34.6}, pt{0, 35})
	d.fill(moust, col)
	hi := mix(col, hex("ffffff"), 0.12)
	d.fill(stroke(curve(pt{-30, 52}, pt{-24, 60}, pt{-12, 66}, pt{-2, 67}), taper(0.4, 0.4, 2.2)), hi)
}

// eyes draws both eyes. blink: 0 open, 1 half closed, 2 closed. gaze in [-1, 1].
func (p *person) eyes(blink int, gaze float64) *drawing {
	d := &drawing{}
	for _, s := range []float64{-1, 1} {
		ex := s * eyeX
		// almond: outer corner a little higher for a friendly look
		inner, outer := pt{ex - s*12, 1.2}, pt{ex + s*12.5, -0.4}
		top, bot := -9.6, 7.4
		white := newPath().M(inner.X, inner.Y).
			C(ex-s*9, top, ex+s*8, top, outer.X, outer.Y).
			C(ex+s*9, bot, ex-s*8, bot, inner.X, inner.Y).Z()
		lidPts := curve(pt{inner.X - s*0.5, inner.Y + 0.3}, pt{ex - s*9, top}, pt{ex + s*8, top}, pt{outer.X + s*1.2, outer.Y - 0.4})
		lashW := taper(0.9, 2.2, 1.2)
		if p.female {
			lashW = taper(0.9, 2.8, 1.5)
		}
		switch blink {
		case 0:
			p.eyeBall(d, white, ex, gaze)
			d.fill(stroke(lidPts, lashW), colLash)
			if p.female {
				// a small wing at the outer corner
				wing := quadCurve(pt{outer.X - s*1, outer.Y - 0.8}, pt{outer.X + s*3, outer.Y - 2.2}, pt{outer.X + s*4.6, outer.Y - 4.2})
				d.fill(stroke(wing, taper(2.2, 0.4, 0)), colLash)
			}
		case 1:
			// upper lid lowered to just above the pupil
			lidY := -1.0
			lid := newPath().M(inner.X-s*2, lidY+2).C(ex-s*6, lidY-0.6, ex+s*6, lidY-0.6, outer.X+s*2, lidY+1).
				L(outer.X+s*2, bot+4).L(inner.X-s*2, bot+4).Z()
			p.eyeBall(d, white, ex, gaze, lid)
			edge := curve(pt{inner.X - s*0.5, inner.Y + 0.3}, pt{ex - s*6, lidY - 0.6}, pt{ex + s*6, lidY - 0.6}, pt{outer.X + s*1.2, outer.Y - 0.2})
			d.fill(stroke(edge, lashW), colLash)
		default:
			closed := curve(pt{inner.X - s*0.5, inner.Y}, pt{ex - s*6, 5.2}, pt{ex + s*6, 5.2}, pt{outer.X + s*1.2, outer.Y - 0.2})
			d.fill(stroke(closed, taper(1.0, 1.8, 1.3)), colLash)
		}
	}
	return d
}

func (p *person) eyeBall(d *drawing, white *path, ex, gaze float64, clip ...*path) {
	clips := append([]*path{white}, clip...)
	d.fill(white, colEyeWhite, clip...)
	ix, iy := ex+gaze*4.2, -0.6
	d.fill(circle(ix, iy, 6.4), p.eyeCol, clips...)
	d.fill(circle(ix, iy, 6.4), alpha(shade(p.eyeCol, 0.6), 1), append(clips, newPath().M(ix-8, iy-8).L(ix+8, iy-8).L(ix+8, iy-2.5).C(ix+4, iy-4.5, ix-4, iy-4.5, ix-8, iy-2.5).Z())...)
	d.fill(circle(ix, iy, 3.1), hex("15100f"), clips...)
	d.fill(circle(ix+2.3, iy-2.4, 1.75), colWhite, clips...)
	d.fill(circle(ix-2.2, iy+2.6, 0.8), alpha(colWhite, 0.7), clips...)
}

// brows draws both brows, lifted by level (0: rest, 1: half, 2: raised).
func (p *person) brows(level int) *drawing {
	d := &drawing{}
	col := p.browCol()
	lift := float64(level) * 2.6
	th := 4.2
	if p.female {
		th = 3.4
	}
	for _, s := range []float64{-1, 1} {
		y := -16.5 - lift
		c := curve(pt{s * 8.5, y + 0.8}, pt{s * 15, y - 3.4 - lift*0.3}, pt{s * 27, y - 5.2 - lift*0.35}, pt{s * 34, y + 1.2})
		d.fill(stroke(c, func(t float64) float64 { return th*(1-0.72*t*t) + 0.4*math.Sin(math.Pi*t) }), col)
	}
	return d
}

func (p *person) browCol() color.NRGBA {
	if p.older {
		return shade(p.hairCol, 0.62)
	}
	c := p.hairCol
	l := (int(c.R) + int(c.G) + int(c.B)) / 3
	if l > 90 {
		return shade(c, 0.55)
	}
	return mix(c, hex("000000"), 0.1)
}

// glasses draws frames over the eyes.
func (p *person) glassesDrawing() *drawing {
	d := &drawing{}
	frame := hex("2e2a2b")
	for _, s := range []float64{-1, 1} {
		cx := s * 21.5
		ring := roundRect(cx-15.5, -11.5, cx+15.5, 11, 7.5, false).add(roundRect(cx-13.3, -9.3, cx+13.3, 8.8, 5.8, true))
		d.fill(roundRect(cx-13.3, -9.3, cx+13.3, 8.8, 5.8, false), alpha(hex("dfeaf5"), 0.16))
		glint := poly(pt{cx + 2, -9.3}, pt{cx + 7.5, -9.3}, pt{cx - 1, 8.8}, pt{cx - 6.5, 8.8})
		d.fill(glint, alpha(colWhite, 0.22), roundRect(cx-13.3, -9.3, cx+13.3, 8.8, 5.8, false))
		d.fill(ring, frame)
		d.fill(stroke([]pt{{s * 37, -5}, {s * 49, -4}}, constW(2.2)), frame)
	}
	d.fill(stroke(quadCurve(pt{-6.2, -3}, pt{0, -7}, pt{6.2, -3}), constW(2.2)), frame)
	return d
}

// earringsDrawing draws small earrings (part of the head layer).
func (p *person) earringsDrawing(d *drawing) {
	if p.earrings.A == 0 {
		return
	}
	w := p.faceHalfWidth()
	for _, s := range []float64{-1, 1} {
		d.fill(circle(s*(w+0.5), 19.5, 2.6), p.earrings)
		d.fill(ellipse(s*(w+0.5), 27, 3.2, 4.2), p.earrings)
		d.fill(circle(s*(w+0.5)-0.9, 25.8, 1.0), alpha(colWhite, 0.6))
	}
}
