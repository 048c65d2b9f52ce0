package avatar

import "image/color"

const bodyBottom = 452.0 // below the waist-up crop, so the body always reaches the box bottom

// bodyLift raises the whole body (drawn with shoulders at about y = 104) for a shorter neck.
const bodyLift = 9.0

// shoulderHalf is half the shoulder width: about 2.2 head widths overall.
func (p *person) shoulderHalf() float64 {
	if p.female {
		return 103
	}
	return 111
}

func (p *person) neckHalf() float64 {
	if p.female {
		return 15.5
	}
	return 18
}

// torso is the garment silhouette: shoulders, arms at the sides, down past the waist. The
// neckline dips to dip at the centre and meets the neck at ±nh.
func (p *person) torso(dip, nh float64) *path {
	sw := p.shoulderHalf()
	return sym(pt{0, dip},
		pt{nh * 0.6, dip}, pt{nh, dip - 8}, pt{nh + 2, 99},
		pt{nh + 22, 103}, pt{sw - 44, 106}, pt{sw - 22, 112},
		pt{sw - 4, 118}, pt{sw + 2, 132}, pt{sw + 2, 160},
		pt{sw + 4, 250}, pt{sw + 6, 360}, pt{sw + 7, bodyBottom},
		pt{sw * 0.6, bodyBottom}, pt{sw * 0.3, bodyBottom}, pt{0, bodyBottom})
}

// vTorso is the garment silhouette with a V opening from ±nh at the neck to (0, vy).
func (p *person) vTorso(nh, vy float64) *path {
	sw := p.shoulderHalf()
	right := newPath().M(0, vy).L(nh, 98).
		C(nh+22, 103, sw-44, 106, sw-22, 112).
		C(sw-4, 118, sw+2, 132, sw+2, 160).
		C(sw+4, 250, sw+6, 360, sw+7, bodyBottom).
		L(0, bodyBottom).Z()
	return newPath().add(right).add(right.mirror())
}

// armShading adds the arm separation lines and a soft shadow on the viewer's right arm.
func (p *person) armShading(d *drawing, c color.NRGBA, clip *path) {
	sw := p.shoulderHalf()
	sh := shade(c, 0.82)
	for _, s := range []float64{-1, 1} {
		line := curve(pt{s * (sw - 18), 188}, pt{s * (sw - 16), 260}, pt{s * (sw - 14), 360}, pt{s * (sw - 13), bodyBottom})
		d.fill(stroke(line, taper(0.4, 2.6, 0.4)), sh, clip)
	}
	arm := newPath().M(sw-18, 188).C(sw-16, 260, sw-14, 360, sw-13, bodyBottom).L(sw+30, bodyBottom).L(sw+30, 120).
		C(sw+4, 126, sw-18, 150, sw-18, 188).Z()
	d.fill(arm, alpha(sh, 0.55), clip)
	// shoulder-seam shadow under the collar line
	d.fill(stroke(curve(pt{-sw + 30, 111}, pt{-40, 106}, pt{40, 106}, pt{sw - 30, 111}), constW(0.01)), sh)
}

// body draws neck, shoulders and clothing.
func (p *person) body(o *outfit) *drawing {
	d := &drawing{}
	st := p.tone()
	nw := p.neckHalf()
	neck := newPath().M(-nw, 30).L(nw, 30).L(nw, 96).C(nw, 104, nw+4, 110, nw+12, 114).
		L(0, 160).L(-nw-12, 114).C(-nw-4, 110, -nw, 104, -nw, 96).Z()
	d.fill(neck, st.base)
	d.fill(p.neckShadow().move(0, bodyLift), st.shadow, neck)
	main, inner, acc := o.main, o.inner, o.accent
	mainSh := shade(main, 0.82)
	switch o.kind {
	case garmentCrew:
		t := p.torso(118, nw+7)
		d.fill(t, main)
		p.armShading(d, main, t)
		rib := curve(pt{-nw - 8, 99}, pt{-nw + 2, 120}, pt{nw - 2, 120}, pt{nw + 8, 99})
		d.fill(stroke(rib, constW(5.5)), shade(main, 0.88))
		d.fill(stroke(curve(pt{-nw - 8, 99}, pt{-nw + 2, 120}, pt{nw - 2, 120}, pt{nw + 8, 99}), constW(0.01)), mainSh)
		// a small accent detail: a stitched chest pocket
		d.fill(roundRect(34, 176, 62, 206, 3, false), shade(main, 0.92))
		d.fill(stroke([]pt{{34, 181}, {62, 181}}, constW(1.6)), acc)
	case garmentTurtleneck:
		t := p.torso(108, nw+8)
		d.fill(t, main)
		p.armShading(d, main, t)
		collar := sym(pt{0, 58}, pt{nw * 0.7, 58}, pt{nw + 3, 59}, pt{nw + 3, 66},
			pt{nw + 4, 84}, pt{nw + 8, 100}, pt{nw + 11, 106},
			pt{nw + 2, 114}, pt{8, 116}, pt{0, 116})
		d.fill(collar, shade(main, 0.93))
		d.fill(stroke(curve(pt{-nw - 4, 82}, pt{-8, 88}, pt{8, 88}, pt{nw + 4, 82}), taper(1, 1, 1.4)), mainSh, collar)
		for _, x := range []float64{-12, -6, 0, 6, 12} {
			d.fill(stroke([]pt{{x * 1.05, 90}, {x * 1.12, 112}}, constW(1.1)), alpha(mainSh, 0.55), collar)
		}
		// a slim pendant in the accent colour
		d.fill(stroke(curve(pt{-nw - 6, 108}, pt{-10, 150}, pt{10, 150}, pt{nw + 6, 108}), constW(1.1)), shade(acc, 0.9))
		d.fill(ellipse(0, 152, 4, 5.5), acc)
	case garmentHoodie:
		t := p.torso(122, nw+10)
		d.fill(t, main)
		p.armShading(d, main, t)
		ring := newPath().add(ellipse(0, 108, nw+34, 22)).add(ellipseCCW(0, 104, nw+6, 16))
		d.fill(ring, shade(main, 0.78), newPath().M(-200, 100).L(200, 100).L(200, 200).L(-200, 200).Z())
		d.fill(stroke(curve(pt{-nw - 30, 112}, pt{-nw - 8, 130}, pt{nw + 8, 130}, pt{nw + 30, 112}), constW(3)), shade(main, 0.88))
		for _, s := range []float64{-1, 1} {
			cord := curve(pt{s * 9, 126}, pt{s * 10, 150}, pt{s * 8, 176}, pt{s * 10, 198})
			d.fill(stroke(cord, constW(2.6)), inner)
			d.fill(roundRect(s*10-2.6, 196, s*10+2.6, 210, 1.5, false), acc)
		}
		pocket := []pt{{-68, bodyBottom}, {-58, 378}, {-52, 372}, {52, 372}, {58, 378}, {68, bodyBottom}}
		d.fill(stroke(pocket, constW(2.4)), mainSh)
	case garmentShirt:
		t := p.vTorso(nw+5, 150)
		// white tee under the open collar
		d.fill(p.torso(128, nw+8), inner)
		d.fill(stroke(curve(pt{-nw - 8, 99}, pt{-nw + 2, 130}, pt{nw - 2, 130}, pt{nw + 8, 99}), constW(2.4)), shade(inner, 0.85))
		d.fill(t, main)
		p.armShading(d, main, t)
		p.openCollar(d, main, mainSh)
		d.fill(stroke([]pt{{2, 150}, {2, bodyBottom}}, constW(1.4)), mainSh)
		for y := 176.0; y < 440; y += 58 {
			d.fill(circle(6, y, 2.6), acc)
		}
		for _, s := range []float64{-1, 1} {
			d.fill(roundRect(s*36-15, 186, s*36+15, 226, 4, false), shade(main, 0.9))
			d.fill(roundRect(s*36-16, 182, s*36+16, 196, 3, false), mainSh)
			d.fill(circle(s*36, 191, 1.8), acc)
		}
		// topstitching in the accent colour reads as denim
		d.fill(stroke([]pt{{-p.shoulderHalf() + 20, 136}, {-36, 140}, {-16, 144}}, constW(1)), alpha(acc, 0.5))
	case garmentCardigan:
		d.fill(p.torso(120, nw+7), inner)
		d.fill(stroke(curve(pt{-nw - 8, 99}, pt{-nw + 2, 122}, pt{nw - 2, 122}, pt{nw + 8, 99}), constW(3)), shade(inner, 0.85))
		t := p.vTorso(nw+14, 290)
		d.fill(t, main)
		p.armShading(d, main, t)
		for _, s := range []float64{-1, 1} {
			band := []pt{{s * (nw + 14), 98}, {s * 0.5, 290}, {s * 0.5, bodyBottom}}
			d.fill(stroke(band, constW(7)), shade(main, 0.9))
		}
		for y := 300.0; y < 440; y += 44 {
			d.fill(circle(-4, y, 3), acc)
		}
		for _, s := range []float64{-1, 1} {
			d.fill(stroke([]pt{{s * 48, 330}, {s * 80, 330}}, constW(2)), mainSh)
		}
	default: // blazers
		vy := 262.0
		if o.kind == garmentBlazerTop {
			vy = 240
		}
		d.fill(p.torso(100, nw+4), inner)
		switch o.kind {
		case garmentBlazerTie:
			p.tie(d, acc)
			p.shirtCollar(d, inner, false)
		case garmentBlazerShirt:
			// open neck: skin V, spread collar
			d.fill(newPath().M(-nw-2, 96).L(nw+2, 96).L(0, 142).Z(), st.base)
			d.fill(newPath().M(-nw-2, 96).L(nw+2, 96).L(0, 142).Z(), alpha(st.shadow, 0.5), p.neckShadow().move(0, 50))
			p.shirtCollar(d, inner, true)
		case garmentBlazerTop:
			top := p.torso(126, nw+12)
			d.fill(top, inner)
			d.fill(stroke(curve(pt{-nw + 1, 100}, pt{-8, 122}, pt{8, 122}, pt{nw - 1, 100}), constW(0.9)), shade(acc, 0.9))
			d.fill(circle(0, 123.5, 2.8), acc)
		}
		jacket := p.vTorso(nw+5, vy)
		d.fill(jacket, main)
		p.armShading(d, main, jacket)
		p.lapels(d, main, nw+5, vy)
		d.fill(stroke([]pt{{0, vy}, {0, bodyBottom}}, constW(1.6)), shade(main, 0.7))
		for _, y := range []float64{vy + 44, vy + 118} {
			d.fill(circle(5, y, 3.4), shade(main, 0.7))
			d.fill(circle(4.4, y-0.8, 1.2), alpha(colWhite, 0.25))
		}
		if o.kind != garmentBlazerTop {
			// pocket square on the chest, in the accent colour
			sw := p.shoulderHalf()
			x := sw * 0.5
			d.fill(poly(pt{x - 12, 206}, pt{x - 8, 194}, pt{x - 2, 200}, pt{x + 3, 192}, pt{x + 10, 206}), acc)
			d.fill(stroke([]pt{{x - 20, 206}, {x + 20, 206}}, constW(2.4)), shade(main, 0.78))
		}
	}
	return d.move(0, -bodyLift)
}

// tie draws a tie with its knot.
func (p *person) tie(d *drawing, acc color.NRGBA) {
	d.fill(poly(pt{-8, 110}, pt{8, 110}, pt{6, 128}, pt{-6, 128}), shade(acc, 0.88))
	d.fill(poly(pt{-6, 128}, pt{6, 128}, pt{12, 250}, pt{0, 268}, pt{-12, 250}), acc)
	d.fill(poly(pt{-1, 128}, pt{6, 128}, pt{12, 250}, pt{4, 259}), alpha(shade(acc, 0.85), 0.6))
}

// shirtCollar draws the two collar wings; open spreads them for an open neck.
func (p *person) shirtCollar(d *drawing, c color.NRGBA, open bool) {
	nw := p.neckHalf()
	sh := shade(c, 0.8)
	for _, s := range []float64{-1, 1} {
		var wing *path
		if open {
			wing = newPath().M(s*(nw-1), 84).C(s*(nw+6), 90, s*(nw+14), 98, s*(nw+22), 104).
				L(s*30, 138).L(s*(nw-2), 104).C(s*(nw-3), 98, s*(nw-2), 90, s*(nw-1), 84).Z()
		} else {
			wing = newPath().M(s*1, 108).L(s*(nw+1), 86).C(s*(nw+6), 92, s*(nw+10), 98, s*(nw+13), 104).
				L(s*15, 136).C(s*10, 126, s*5, 116, s*1, 108).Z()
		}
		d.fill(wing, c)
		bb := wing.bounds()
		d.fill(stroke(curve(pt{bb.x0, bb.y1 - 2}, pt{bb.x0, bb.y1}, pt{bb.x1, bb.y1}, pt{bb.x1, bb.y1 - 2}), constW(0.01)), sh)
		d.fill(stroke([]pt{{s * (nw + 1), 87}, {s * (nw + 12), 103}}, constW(1.4)), sh)
	}
}

// lapels draws notch lapels along the V of a jacket.
func (p *person) lapels(d *drawing, main color.NRGBA, nh, vy float64) {
	lap := shade(main, 0.88)
	edge := shade(main, 0.72)
	for _, s := range []float64{-1, 1} {
		l := newPath().M(s*nh, 97).
			L(s*(nh+16), 100).
			C(s*(nh+22), 118, s*(nh+28), 136, s*(nh+33), 148).
			L(s*(nh+25), 153).
			L(s*(nh+32), 166).
			C(s*(nh+18), 200, s*14, 236, s*1, vy).
			Z()
		d.fill(l, lap)
		outer := curve(pt{s * (nh + 32), 166}, pt{s * (nh + 18), 200}, pt{s * 14, 236}, pt{s * 1, vy})
		d.fill(stroke(outer, taper(1.4, 0.8, 0)), edge)
		d.fill(stroke([]pt{{s * (nh + 33), 148}, {s * (nh + 25), 153}, {s * (nh + 32), 166}}, constW(1.2)), edge)
	}
}

// openCollar draws a spread collar lying on the shirt.
func (p *person) openCollar(d *drawing, main, sh color.NRGBA) {
	nw := p.neckHalf()
	for _, s := range []float64{-1, 1} {
		wing := newPath().M(s*(nw-1), 82).C(s*(nw+8), 88, s*(nw+20), 96, s*(nw+34), 104).
			L(s*(nw+20), 146).L(s*(nw+4), 98).C(s*(nw+1), 94, s*(nw-1), 88, s*(nw-1), 82).Z()
		d.fill(wing, shade(main, 1.06))
		d.fill(stroke([]pt{{s * (nw + 34), 104}, {s * (nw + 20), 146}, {s * (nw + 4), 98}}, constW(1.4)), sh)
	}
}
