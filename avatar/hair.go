package avatar

import (
	"image/color"
	"math"
)

func (p *person) hairHi() color.NRGBA {
	return mix(p.hairCol, hex("fff4e6"), 0.2)
}

// afroCloud is the bumpy outline of curly hair: an ellipse with circles along its edge.
func afroCloud() *path {
	cx, cy, rx, ry := 0.0, -30.0, 70.0, 62.0
	q := ellipse(cx, cy, rx, ry)
	const n = 18
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * (float64(i) + 0.5) / n
		r := 13.0 + 2.5*math.Sin(float64(i)*2.3)
		q.add(circle(cx+(rx-5)*math.Cos(a), cy+(ry-5)*math.Sin(a), r))
	}
	return q
}

// backHair is the part of the hair behind the head, neck and shoulders.
func (p *person) backHair() *drawing {
	d := &drawing{}
	col := shade(p.hairCol, 0.86)
	switch p.hair {
	case hairBob:
		d.fill(sym(pt{0, -84}, pt{36, -84}, pt{63, -62}, pt{63, -22},
			pt{63, 18}, pt{67, 46}, pt{61, 57},
			pt{56, 64}, pt{44, 62}, pt{38, 54},
			pt{30, 46}, pt{16, 44}, pt{0, 44}), col)
	case hairLong:
		d.fill(sym(pt{0, -84}, pt{36, -84}, pt{64, -62}, pt{64, -18},
			pt{64, 40}, pt{70, 110}, pt{70, 150},
			pt{62, 158}, pt{30, 154}, pt{0, 150}), col)
	case hairCurly:
		d.fill(afroCloud(), col)
	case hairBun:
		d.fill(circle(0, -84, 21), col)
		d.fill(sym(pt{0, -72}, pt{30, -72}, pt{53, -56}, pt{53, -20},
			pt{53, 0}, pt{50, 10}, pt{44, 14},
			pt{30, 14}, pt{10, 14}, pt{0, 14}), col)
	case hairReceding:
		d.fill(sym(pt{0, -70}, pt{30, -70}, pt{54, -52}, pt{54, -20},
			pt{54, 0}, pt{52, 12}, pt{46, 18},
			pt{30, 18}, pt{10, 18}, pt{0, 18}), col)
	}
	return d
}

// frontHair draws the hair in front of the head, with its highlight shape.
func (p *person) frontHair(d *drawing) {
	col, hi := p.hairCol, p.hairHi()
	w := p.faceHalfWidth()
	var front *path
	var shine []pt
	shineW := taper(1, 1.2, 4.5)
	switch p.hair {
	case hairBob:
		front = newPath().M(-63, -22).
			C(-63, -62, -36, -84, 0, -84).
			C(36, -84, 63, -62, 63, -22).
			C(63, 14, 65, 40, 58, 50).
			C(55, 54, 50, 52, 47, 46).
			C(44, 20, 47, -6, 40, -26).
			C(30, -38, 4, -52, -14, -56).
			C(-30, -59.5, -42, -44, -42, -24).
			C(-46, -4, -45, 24, -48, 46).
			C(-52, 53, -58, 52, -60, 46).
			C(-64, 30, -63, 6, -63, -22).Z()
		shine = curve(pt{-52, -40}, pt{-46, -64}, pt{-28, -77}, pt{-8, -79})
	case hairLong:
		right := newPath().M(1, -80).
			C(30, -86, 64, -66, 64, -20).
			C(64, 30, 70, 80, 70, 122).
			C(66, 130, 56, 130, 52, 122).
			C(50, 90, 48, 50, w, 10).
			C(w-1, -30, 30, -58, 1, -80).Z()
		front = newPath().add(right).add(right.mirror())
		shine = curve(pt{-54, -36}, pt{-48, -62}, pt{-30, -76}, pt{-10, -79})
	case hairShort:
		front = newPath().M(-52, -6).
			C(-57, -48, -34, -80, 0, -80).
			C(34, -80, 56, -52, 53, -6).
			L(w, -6).
			C(49, -26, 46, -36, 38, -42).
			C(24, -50, -24, -50, -38, -42).
			C(-46, -36, -49, -26, -w, -6).Z()
		shine = curve(pt{-44, -50}, pt{-36, -68}, pt{-20, -76}, pt{-4, -77})
	case hairQuiff:
		front = newPath().M(-53, -4).
			C(-57, -40, -52, -68, -34, -82).
			C(-24, -92, -6, -93, 6, -90).
			C(22, -94, 44, -88, 52, -66).
			C(57, -50, 56, -30, 53, -4).
			L(w, -4).
			C(49, -26, 46, -38, 36, -44).
			C(26, -50, 12, -49, 2, -52).
			C(-8, -48, -24, -50, -36, -42).
			C(-45, -35, -48, -24, -w, -4).Z()
		shine = curve(pt{-44, -54}, pt{-38, -74}, pt{-20, -86}, pt{0, -87})
		shineW = taper(1.2, 1, 4.8)
		// a second strand line gives the swept-up quiff its direction
		d.fill(front, col)
		d.fill(stroke(curve(pt{8, -58}, pt{12, -72}, pt{26, -84}, pt{42, -80}), taper(0.5, 0.5, 2.2)), shade(col, 0.7), front)
	case hairCurly:
		hairline := newPath().M(-120, -200).L(120, -200).L(120, 20).L(w+6, 20).
			C(w-2, -10, w-6, -34, 30, -43).
			C(18, -47, -18, -47, -30, -43).
			C(-w+6, -34, -w+2, -10, -w-6, 20).L(-120, 20).Z()
		front = afroCloud()
		d.fill(front, col, hairline)
		// curl highlights
		for _, c := range [][3]float64{{-44, -66, 10}, {-22, -84, 9}, {-56, -42, 8}, {4, -90, 8}, {28, -84, 7}} {
			arc := curve(pt{c[0] - c[2], c[1] + 2}, pt{c[0] - c[2], c[1] - c[2]}, pt{c[0] + c[2], c[1] - c[2]}, pt{c[0] + c[2], c[1] + 1})
			d.fill(stroke(arc, taper(0.6, 0.6, 2.6)), hi)
		}
		return
	case hairReceding:
		side := newPath().M(-54, -26).
			C(-55, -42, -49, -54, -40, -60).
			L(-35, -54).
			C(-43, -46, -47, -30, -49, -6).
			L(-53, -4).
			C(-55, -12, -54, -20, -54, -26).Z()
		top := newPath().M(-36, -60).C(-30, -72, -14, -75, 0, -75).C(14, -75, 30, -72, 36, -60).
			C(28, -64, 18, -60, 4, -62).C(-10, -64, -26, -60, -36, -60).Z()
		front = newPath().add(side).add(side.mirror()).add(top)
		shine = curve(pt{-24, -68}, pt{-14, -73}, pt{-4, -74}, pt{6, -74})
		shineW = taper(0.8, 0.8, 2.5)
	case hairBun:
		front = newPath().M(-w-4, 2).
			C(-57, -44, -34, -74, 0, -74).
			C(34, -74, 57, -44, w+4, 2).
			L(w, 4).
			C(w-2, -20, 40, -40, 20, -45).
			C(10, -47, 4, -50, 0, -56).
			C(-4, -50, -10, -47, -20, -45).
			C(-40, -40, -w+2, -20, -w, 4).Z()
		shine = curve(pt{-44, -40}, pt{-38, -58}, pt{-24, -68}, pt{-8, -71})
		// a shine on the bun too
		d.fill(stroke(curve(pt{-14, -90}, pt{-12, -100}, pt{-2, -104}, pt{6, -103}), taper(0.8, 0.8, 2.8)), hi)
	case hairFade:
		front = newPath().M(-w-1.5, 2).
			C(-w-4, -50, -32, -74, 0, -74).
			C(32, -74, w+4, -50, w+1.5, 2).
			L(w-2.5, 2).
			C(w-3, -22, w-4, -36, 43, -42).
			C(30, -47, -30, -47, -43, -42).
			C(-w+4, -36, -w+3, -22, -w+2.5, 2).Z()
		shine = curve(pt{-36, -58}, pt{-26, -68}, pt{-12, -72}, pt{2, -72})
		shineW = taper(0.6, 0.6, 2.8)
	}
	if front == nil {
		return
	}
	d.fill(front, col)
	if shine != nil {
		d.fill(stroke(shine, shineW), hi, front)
	}
}
