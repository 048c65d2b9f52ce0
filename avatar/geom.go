package avatar

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// pt is a point in design units (see design.go for the coordinate system).
type pt struct{ X, Y float64 }

type segKind uint8

const (
	segMove segKind = iota
	segLine
	segQuad
	segCube
	segClose
)

type seg struct {
	k segKind
	p [3]pt
}

// path is a vector outline in design units, made of one or more closed sub-paths. Fills use
// the non-zero rule, so a sub-path wound the other way cuts a hole.
type path struct{ segs []seg }

func newPath() *path { return &path{} }

func (p *path) M(x, y float64) *path {
	p.segs = append(p.segs, seg{k: segMove, p: [3]pt{{x, y}}})
	return p
}

func (p *path) L(x, y float64) *path {
	p.segs = append(p.segs, seg{k: segLine, p: [3]pt{{x, y}}})
	return p
}

func (p *path) Q(x1, y1, x, y float64) *path {
	p.segs = append(p.segs, seg{k: segQuad, p: [3]pt{{x1, y1}, {x, y}}})
	return p
}

func (p *path) C(x1, y1, x2, y2, x, y float64) *path {
	p.segs = append(p.segs, seg{k: segCube, p: [3]pt{{x1, y1}, {x2, y2}, {x, y}}})
	return p
}

func (p *path) Z() *path {
	p.segs = append(p.segs, seg{k: segClose})
	return p
}

// add appends the sub-paths of q.
func (p *path) add(q *path) *path {
	p.segs = append(p.segs, q.segs...)
	return p
}

func (p *path) npts(k segKind) int {
	switch k {
	case segMove, segLine:
		return 1
	case segQuad:
		return 2
	case segCube:
		return 3
	}
	return 0
}

// xf returns a copy of p with f applied to every point.
func (p *path) xf(f func(pt) pt) *path {
	q := &path{segs: make([]seg, len(p.segs))}
	for i, s := range p.segs {
		q.segs[i] = s
		for j := 0; j < p.npts(s.k); j++ {
			q.segs[i].p[j] = f(s.p[j])
		}
	}
	return q
}

// mirror returns p reflected about the vertical axis x = 0 (winding reversed, which does not
// matter for separate shapes).
func (p *path) mirror() *path { return p.xf(func(a pt) pt { return pt{-a.X, a.Y} }) }

// move returns p translated by (dx, dy).
func (p *path) move(dx, dy float64) *path {
	return p.xf(func(a pt) pt { return pt{a.X + dx, a.Y + dy} })
}

// scaleAt returns p scaled by (sx, sy) about (cx, cy).
func (p *path) scaleAt(cx, cy, sx, sy float64) *path {
	return p.xf(func(a pt) pt { return pt{cx + (a.X-cx)*sx, cy + (a.Y-cy)*sy} })
}

// bounds is the bounding box of the control points (a conservative bound of the shape).
func (p *path) bounds() (r rect) {
	r = emptyRect()
	for _, s := range p.segs {
		for j := 0; j < p.npts(s.k); j++ {
			r = r.addPt(s.p[j])
		}
	}
	return r
}

// rect is an axis-aligned box in design units or pixels.
type rect struct{ x0, y0, x1, y1 float64 }

func emptyRect() rect { return rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (r rect) empty() bool { return r.x0 >= r.x1 || r.y0 >= r.y1 }

func (r rect) addPt(a pt) rect {
	return rect{math.Min(r.x0, a.X), math.Min(r.y0, a.Y), math.Max(r.x1, a.X), math.Max(r.y1, a.Y)}
}

func (r rect) union(o rect) rect {
	return rect{math.Min(r.x0, o.x0), math.Min(r.y0, o.y0), math.Max(r.x1, o.x1), math.Max(r.y1, o.y1)}
}

func (r rect) intersect(o rect) rect {
	return rect{math.Max(r.x0, o.x0), math.Max(r.y0, o.y0), math.Min(r.x1, o.x1), math.Min(r.y1, o.y1)}
}

const kappa = 0.5522847498

func ellipse(cx, cy, rx, ry float64) *path {
	kx, ky := rx*kappa, ry*kappa
	return newPath().M(cx+rx, cy).
		C(cx+rx, cy+ky, cx+kx, cy+ry, cx, cy+ry).
		C(cx-kx, cy+ry, cx-rx, cy+ky, cx-rx, cy).
		C(cx-rx, cy-ky, cx-kx, cy-ry, cx, cy-ry).
		C(cx+kx, cy-ry, cx+rx, cy-ky, cx+rx, cy).Z()
}

// ellipseCCW is ellipse wound the other way, for holes.
func ellipseCCW(cx, cy, rx, ry float64) *path {
	kx, ky := rx*kappa, ry*kappa
	return newPath().M(cx+rx, cy).
		C(cx+rx, cy-ky, cx+kx, cy-ry, cx, cy-ry).
		C(cx-kx, cy-ry, cx-rx, cy-ky, cx-rx, cy).
		C(cx-rx, cy+ky, cx-kx, cy+ry, cx, cy+ry).
		C(cx+kx, cy+ry, cx+rx, cy+ky, cx+rx, cy).Z()
}

func circle(cx, cy, r float64) *path { return ellipse(cx, cy, r, r) }

// roundRect is a rectangle with corner radius r; ccw winds it the other way (for holes).
func roundRect(x0, y0, x1, y1, r float64, ccw bool) *path {
	r = math.Min(r, math.Min((x1-x0)/2, (y1-y0)/2))
	k := r * (1 - kappa)
	p := newPath()
	if !ccw {
		p.M(x0+r, y0).L(x1-r, y0).C(x1-k, y0, x1, y0+k, x1, y0+r).
			L(x1, y1-r).C(x1, y1-k, x1-k, y1, x1-r, y1).
			L(x0+r, y1).C(x0+k, y1, x0, y1-k, x0, y1-r).
			L(x0, y0+r).C(x0, y0+k, x0+k, y0, x0+r, y0).Z()
	} else {
		p.M(x0+r, y0).C(x0+k, y0, x0, y0+k, x0, y0+r).
			L(x0, y1-r).C(x0, y1-k, x0+k, y1, x0+r, y1).
			L(x1-r, y1).C(x1-k, y1, x1, y1-k, x1, y1-r).
			L(x1, y0+r).C(x1, y0+k, x1-k, y0, x1-r, y0).Z()
	}
	return p
}

func poly(pts ...pt) *path {
	p := newPath().M(pts[0].X, pts[0].Y)
	for _, a := range pts[1:] {
		p.L(a.X, a.Y)
	}
	return p.Z()
}

// curve is a polyline approximation of a chain of cubic Béziers: c holds the start point
// then three points per segment.
func curve(c ...pt) []pt {
	const n = 14
	out := []pt{c[0]}
	for i := 1; i+2 < len(c); i += 3 {
		p0, p1, p2, p3 := c[i-1], c[i], c[i+1], c[i+2]
		for j := 1; j <= n; j++ {
			t := float64(j) / n
			u := 1 - t
			a, b, cc, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
			out = append(out, pt{a*p0.X + b*p1.X + cc*p2.X + d*p3.X, a*p0.Y + b*p1.Y + cc*p2.Y + d*p3.Y})
		}
	}
	return out
}

// quadCurve is curve for one quadratic Bézier.
func quadCurve(a, b, c pt) []pt {
	return curve(a, pt{a.X + 2.0/3*(b.X-a.X), a.Y + 2.0/3*(b.Y-a.Y)}, pt{c.X + 2.0/3*(b.X-c.X), c.Y + 2.0/3*(b.Y-c.Y)}, c)
}

// stroke turns a polyline into a filled outline whose width at fraction t of its length is
// w(t), with round caps. Used for tapered lines: brows, lashes, lip lines, seams.
func stroke(pts []pt, w func(t float64) float64) *path {
	n := len(pts)
	if n < 2 {
		return newPath()
	}
	// cumulative length
	cum := make([]float64, n)
	for i := 1; i < n; i++ {
		cum[i] = cum[i-1] + math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
	}
	total := cum[n-1]
	if total == 0 {
		total = 1
	}
	normal := func(i int) pt {
		var dx, dy float64
		switch {
		case i == 0:
			dx, dy = pts[1].X-pts[0].X, pts[1].Y-pts[0].Y
		case i == n-1:
			dx, dy = pts[n-1].X-pts[n-2].X, pts[n-1].Y-pts[n-2].Y
		default:
			dx, dy = pts[i+1].X-pts[i-1].X, pts[i+1].Y-pts[i-1].Y
		}
		l := math.Hypot(dx, dy)
		if l == 0 {
			return pt{0, -1}
		}
		return pt{-dy / l, dx / l}
	}
	left := make([]pt, n)
	right := make([]pt, n)
	hw := make([]float64, n)
	for i := 0; i < n; i++ {
		nv := normal(i)
		hw[i] = w(cum[i]/total) / 2
		left[i] = pt{pts[i].X + nv.X*hw[i], pts[i].Y + nv.Y*hw[i]}
		right[i] = pt{pts[i].X - nv.X*hw[i], pts[i].Y - nv.Y*hw[i]}
	}
	p := newPath().M(left[0].X, left[0].Y)
	for i := 1; i < n; i++ {
		p.L(left[i].X, left[i].Y)
	}
	capArc(p, pts[n-1], normal(n-1), hw[n-1], 1)
	for i := n - 1; i >= 0; i-- {
		p.L(right[i].X, right[i].Y)
	}
	capArc(p, pts[0], normal(0), hw[0], -1)
	return p.Z()
}

// capArc adds a half circle around c from the left offset to the right offset (dir 1) or back.
func capArc(p *path, c, nv pt, r float64, dir float64) {
	// tangent direction
	tx, ty := nv.Y, -nv.X
	if dir < 0 {
		tx, ty = -tx, -ty
		nv = pt{-nv.X, -nv.Y}
	}
	const steps = 6
	for i := 1; i < steps; i++ {
		a := math.Pi * float64(i) / steps
		ca, sa := math.Cos(a), math.Sin(a)
		p.L(c.X+r*(nv.X*ca+tx*sa), c.Y+r*(nv.Y*ca+ty*sa))
	}
}

// taper returns a width profile that goes from a to b, with a rounded swell of m in between
// (m = 0: linear).
func taper(a, b, m float64) func(float64) float64 {
	return func(t float64) float64 { return a + (b-a)*t + m*math.Sin(math.Pi*t) }
}

// constW is a constant width profile.
func constW(w float64) func(float64) float64 { return func(float64) float64 { return w } }

// item is one filled shape of a drawing: p filled with c, intersected with every clip.
type item struct {
	p     *path
	c     color.NRGBA
	clips []*path
}

// drawing is a display list in design units.
type drawing struct{ items []item }

func (d *drawing) fill(p *path, c color.NRGBA, clips ...*path) {
	if c.A == 0 {
		return
	}
	d.items = append(d.items, item{p: p, c: c, clips: clips})
}

// scale scales everything drawn by k about (cx, cy).
func (d *drawing) scale(cx, cy, k float64) *drawing {
	out := &drawing{items: make([]item, len(d.items))}
	for i, it := range d.items {
		n := item{p: it.p.scaleAt(cx, cy, k, k), c: it.c}
		for _, c := range it.clips {
			n.clips = append(n.clips, c.scaleAt(cx, cy, k, k))
		}
		out.items[i] = n
	}
	return out
}

// move translates everything drawn by (dx, dy).
func (d *drawing) move(dx, dy float64) *drawing {
	out := &drawing{items: make([]item, len(d.items))}
	for i, it := range d.items {
		n := item{p: it.p.move(dx, dy), c: it.c}
		for _, c := range it.clips {
			n.clips = append(n.clips, c.move(dx, dy))
		}
		out.items[i] = n
	}
	return out
}

// bounds is the design-unit bounding box of everything drawn.
func (d *drawing) bounds() rect {
	r := emptyRect()
	for _, it := range d.items {
		b := it.p.bounds()
		for _, c := range it.clips {
			b = b.intersect(c.bounds())
		}
		if !b.empty() {
			r = r.union(b)
		}
	}
	return r
}

// xform maps design units to pixels of the presenter box: px = ox + x*s.
type xform struct{ s, ox, oy float64 }

func (x xform) pt(a pt) pt { return pt{x.ox + a.X*x.s, x.oy + a.Y*x.s} }

func (x xform) rect(r rect) rect {
	return rect{x.ox + r.x0*x.s, x.oy + r.y0*x.s, x.ox + r.x1*x.s, x.oy + r.y1*x.s}
}

// pixRect rounds a pixel rect outwards.
func pixRect(r rect) image.Rectangle {
	if r.empty() {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(r.x0)), int(math.Floor(r.y0)), int(math.Ceil(r.x1)), int(math.Ceil(r.y1)))
}

// raster renders drawings; it keeps scratch buffers between shapes.
type raster struct {
	z    vector.Rasterizer
	m, k []uint8 // shape coverage and clip coverage
}

// coverage rasterizes p (pixel position: x.pt minus origin) into buf, sized to r.
func (rs *raster) coverage(p *path, x xform, r image.Rectangle, buf []uint8) []uint8 {
	w, h := r.Dx(), r.Dy()
	n := w * h
	if cap(buf) < n {
		buf = make([]uint8, n)
	}
	buf = buf[:n]
	clear(buf)
	rs.z.Reset(w, h)
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	tp := func(a pt) (float32, float32) {
		q := x.pt(a)
		return float32(q.X - ox), float32(q.Y - oy)
	}
	open := false
	var start pt
	for _, s := range p.segs {
		switch s.k {
		case segMove:
			if open {
				rs.z.ClosePath()
			}
			a, b := tp(s.p[0])
			rs.z.MoveTo(a, b)
			start = s.p[0]
			open = true
		case segLine:
			a, b := tp(s.p[0])
			rs.z.LineTo(a, b)
		case segQuad:
			a, b := tp(s.p[0])
			c, d := tp(s.p[1])
			rs.z.QuadTo(a, b, c, d)
		case segCube:
			a, b := tp(s.p[0])
			c, d := tp(s.p[1])
			e, f := tp(s.p[2])
			rs.z.CubeTo(a, b, c, d, e, f)
		case segClose:
			a, b := tp(start)
			rs.z.LineTo(a, b)
			rs.z.ClosePath()
			open = false
		}
	}
	if open {
		rs.z.ClosePath()
	}
	dst := &image.Alpha{Pix: buf, Stride: w, Rect: image.Rect(0, 0, w, h)}
	rs.z.DrawOp = draw.Src
	rs.z.Draw(dst, dst.Bounds(), image.Opaque, image.Point{})
	return buf
}

// render draws d into dst, whose pixel rect (in presenter-box pixels) is dst.Rect.
func (rs *raster) render(d *drawing, x xform, dst *image.RGBA) {
	for _, it := range d.items {
		b := x.rect(it.p.bounds())
		for _, c := range it.clips {
			b = b.intersect(x.rect(c.bounds()))
		}
		r := pixRect(b).Intersect(dst.Rect)
		if r.Empty() {
			continue
		}
		rs.m = rs.coverage(it.p, x, r, rs.m)
		for _, c := range it.clips {
			rs.k = rs.coverage(c, x, r, rs.k)
			for i, v := range rs.k {
				rs.m[i] = uint8((uint32(rs.m[i])*uint32(v) + 127) / 255)
			}
		}
		over(dst, r, rs.m, it.c)
	}
}

// over composites colour c with coverage m (sized to r) onto dst.
func over(dst *image.RGBA, r image.Rectangle, m []uint8, c color.NRGBA) {
	w := r.Dx()
	ca := uint32(c.A)
	for y := 0; y < r.Dy(); y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, r.Min.Y+y):]
		mr := m[y*w : y*w+w]
		for xx, cov := range mr {
			if cov == 0 {
				continue
			}
			a := ca * uint32(cov) // 0..255*255
			i := 4 * xx
			if a == 255*255 {
				row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, 255
				continue
			}
			ia := 255*255 - a
			row[i] = uint8((uint32(c.R)*a + uint32(row[i])*ia + 32512) / 65025)
			row[i+1] = uint8((uint32(c.G)*a + uint32(row[i+1])*ia + 32512) / 65025)
			row[i+2] = uint8((uint32(c.B)*a + uint32(row[i+2])*ia + 32512) / 65025)
			row[i+3] = uint8((255*a + uint32(row[i+3])*ia + 32512) / 65025)
		}
	}
}

// colours

func hex(s string) color.NRGBA {
	var v uint32
	for _, ch := range s {
		v <<= 4
		switch {
		case ch >= '0' && ch <= '9':
			v |= uint32(ch - '0')
		case ch >= 'a' && ch <= 'f':
			v |= uint32(ch-'a') + 10
		case ch >= 'A' && ch <= 'F':
			v |= uint32(ch-'A') + 10
		}
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// mix returns a + (b-a)*t.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}

// shade darkens c by factor f (< 1), pulling slightly toward a cool shadow hue.
func shade(c color.NRGBA, f float64) color.NRGBA {
	d := func(x uint8, k float64) uint8 { return uint8(math.Round(math.Min(255, float64(x)*f*k))) }
	return color.NRGBA{d(c.R, 0.98), d(c.G, 1.0), d(c.B, 1.04), c.A}
}

// alpha returns c with opacity a (0-1).
func alpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(math.Round(255 * a))
	return c
}
