package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"
)

// This file holds the pixel primitives: anti-aliased shapes drawn once per scene, and the
// blend and copy loops run per frame on changed regions only.

// fillRect fills r with an opaque or translucent colour (source-over).
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Over)
}

// roundRectMask returns an anti-aliased alpha mask of a rounded rectangle of size w x h
// with corner radius rad, sized to its own bounds. Masks are shared (small ones are
// cached): callers must not modify them.
func roundRectMask(w, h int, rad float64) *image.Alpha {
	if w*h > cachedRoundRect {
		return drawRoundRectMask(w, h, rad)
	}
	k := maskKey{kind: 0, w: w, h: h, rad: rad}
	if m := masks.get(k); m != nil {
		return m
	}
	m := drawRoundRectMask(w, h, rad)
	masks.put(k, m)
	return m
}

// maskSolidRows is the band of rows, from the first to the last, that mask covers whole
// (255 all along), or an empty rectangle when those rows are not all whole.
func maskSolidRows(mask *image.Alpha) image.Rectangle {
	b := mask.Rect
	whole := func(y int) bool {
		for _, a := range mask.Pix[mask.PixOffset(b.Min.X, y):][:b.Dx()] {
			if a != 255 {
				return false
			}
		}
		return true
	}
	y0, y1 := b.Min.Y, b.Max.Y
	for y0 < y1 && !whole(y0) {
		y0++
	}
	for y1 > y0 && !whole(y1-1) {
		y1--
	}
	for y := y0; y < y1; y++ {
		if !whole(y) {
			return image.Rectangle{}
		}
	}
	return image.Rect(b.Min.X, y0, b.Max.X, y1)
}

// cachedRoundRect is the most pixels of a rounded rectangle's mask the cache keeps. A
// larger one takes about a millisecond a million pixels to draw again, where a card's soft
// shadow takes 20: a 1080p video's card masks filled the cache and pushed out its shadows.
const cachedRoundRect = 1 << 16

// maskKey identifies a cached mask: a rounded rectangle (kind 0) or a soft shadow (kind 1).
type maskKey struct {
	kind, w, h, blur int
	rad, op          float64
}

// maskCache keeps recently drawn masks (never modified once made) shared by all renders:
// the scenes of a video repeat the same cards, discs and shadows.
type maskCache struct {
	mu sync.Mutex
	m  map[maskKey]*image.Alpha
	n  int // pixels held
}

var masks = &maskCache{m: map[maskKey]*image.Alpha{}}

func (c *maskCache) get(k maskKey) *image.Alpha {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *maskCache) put(k maskKey, m *image.Alpha) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n+len(m.Pix) > 16<<20 { // about eight 1080p card shadows; then start over
		clear(c.m)
		c.n = 0
	}
	c.m[k] = m
	c.n += len(m.Pix)
}

// drawRoundRectMask draws the mask of roundRectMask. Only the corners need anti-aliasing:
// each pixel row is cut into roundRectRows strips, each covering the columns between the
// shape's edges at its middle, and a pixel's value is the part of its area the strips
// cover. The rows' middles, between the corners, are filled whole: at 1080p a card's mask
// has a million pixels, and rasterizing the outline (as x/image/vector does) spent a tenth
// of a second of every render's layouts on masks the cache had let go.
func drawRoundRectMask(w, h int, rad float64) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	rad = math.Max(0, math.Min(rad, math.Min(float64(w), float64(h))/2))
	fw, fh := float64(w), float64(h)
	var lefts, rights [roundRectRows]float64
	cover := make([]float64, w)
	for y := 0; y < h; y++ {
		row := m.Pix[y*m.Stride:][:w]
		lo, hi := fw, 0.0 // the columns whose pixels some strip covers only in part
		for k := range lefts {
			sy := float64(y) + (float64(k)+0.5)/roundRectRows
			dy := 0.0
			switch {
			case sy < rad:
				dy = rad - sy
			case sy > fh-rad:
				dy = sy - (fh - rad)
			}
			in := rad - math.Sqrt(math.Max(0, rad*rad-dy*dy)) // how far the edge is in
			lefts[k], rights[k] = in, fw-in
			lo, hi = math.Min(lo, in), math.Max(hi, in)
		}
		// Columns [a, b) and their mirror images hold partial pixels; between them the row
		// is whole.
		a, b := int(lo), min(int(math.Ceil(hi)), w)
		if 2*b >= w { // the partial columns meet: weigh every pixel
			a, b = 0, (w+1)/2
		}
		for x := 0; x < a; x++ {
			row[x], row[w-1-x] = 0, 0
		}
		for x := b; x < w-b; x++ {
			row[x] = 255
		}
		for x := a; x < b; x++ {
			cover[x] = 0
		}
		for k := range lefts {
			l, r := lefts[k], rights[k]
			for x := a; x < b; x++ {
				cover[x] += math.Max(0, math.Min(float64(x+1), r)-math.Max(float64(x), l))
			}
		}
		for x := a; x < b; x++ {
			v := uint8(cover[x]*255/roundRectRows + 0.5)
			row[x], row[w-1-x] = v, v // the shape is symmetric
		}
	}
	return m
}

// roundRectRows is how many strips a pixel row of a rounded rectangle's corners is cut
// into: the edges' anti-aliasing has as many steps vertically.
const roundRectRows = 16

// circleMask returns an anti-aliased disc of diameter d.
func circleMask(d int) *image.Alpha { return roundRectMask(d, d, float64(d)/2) }

// ringMask returns an anti-aliased ring of outer diameter d and stroke width sw.
func ringMask(d int, sw float64) *image.Alpha {
	c := circleMask(d)
	outer := &image.Alpha{Pix: append([]uint8(nil), c.Pix...), Stride: c.Stride, Rect: c.Rect}
	inner := int(math.Round(float64(d) - 2*sw))
	if inner <= 0 {
		return outer
	}
	in := circleMask(inner)
	off := (d - inner) / 2
	for y := 0; y < inner; y++ {
		for x := 0; x < inner; x++ {
			i := outer.PixOffset(x+off, y+off)
			a := int(outer.Pix[i]) - int(in.Pix[in.PixOffset(x, y)])
			if a < 0 {
				a = 0
			}
			outer.Pix[i] = uint8(a)
		}
	}
	return outer
}

// fillMask paints colour c through mask m placed at p.
func fillMask(dst *image.RGBA, m *image.Alpha, p image.Point, c color.RGBA) {
	r := m.Bounds().Add(p).Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	// The arithmetic of image/draw's glyph-over path (so results are identical), with
	// fully covered pixels of an opaque colour stored directly.
	sr, sg, sb, sa := uint32(c.R)*0x101, uint32(c.G)*0x101, uint32(c.B)*0x101, uint32(c.A)*0x101
	const mx = 1<<16 - 1
	off := m.Rect.Min.Sub(p)
	// Under opaque black (every shadow) the result depends on a channel and the coverage
	// alone, so it is looked up, with the same arithmetic.
	var black *[2][1 << 16]uint8
	if c == (color.RGBA{A: 255}) {
		black = overBlack()
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		mp := m.Pix[m.PixOffset(r.Min.X+off.X, y+off.Y):][:r.Dx()]
		dp := dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()]
		for x, ma := range mp {
			if ma == 0 {
				continue
			}
			d := dp[4*x : 4*x+4 : 4*x+4]
			if black != nil {
				k := int(ma) << 8
				d[0], d[1], d[2], d[3] = black[0][k|int(d[0])], black[0][k|int(d[1])], black[0][k|int(d[2])], black[1][k|int(d[3])]
				continue
			}
			if ma == 255 && sa == mx {
				d[0], d[1], d[2], d[3] = c.R, c.G, c.B, c.A
				continue
			}
			m := uint32(ma) | uint32(ma)<<8
			a := (mx - (sa * m / mx)) * 0x101
			d[0] = uint8((uint32(d[0])*a + sr*m) / mx >> 8)
			d[1] = uint8((uint32(d[1])*a + sg*m) / mx >> 8)
			d[2] = uint8((uint32(d[2])*a + sb*m) / mx >> 8)
			d[3] = uint8((uint32(d[3])*a + sa*m) / mx >> 8)
		}
	}
}

// overBlack holds fillMask's results under opaque black: [0][ma<<8|v] for a colour
// channel of value v at coverage ma, [1] for the alpha channel.
var overBlack = sync.OnceValue(func() *[2][1 << 16]uint8 {
	const mx = 1<<16 - 1
	var t [2][1 << 16]uint8
	for ma := uint32(0); ma < 256; ma++ {
		m := ma | ma<<8
		a := (mx - (mx * m / mx)) * 0x101
		for v := uint32(0); v < 256; v++ {
			t[0][ma<<8|v] = uint8((v * a) / mx >> 8)
			t[1][ma<<8|v] = uint8((v*a + mx*m) / mx >> 8)
		}
	}
	return &t
})

// softShadow draws a blurred shadow of a rounded rectangle r (corner radius rad), offset
// down by dy, with opacity op.
func softShadow(dst *image.RGBA, r image.Rectangle, rad float64, blur int, dy int, op float64) {
	if blur < 1 || op <= 0 {
		return
	}
	pad := blur * 2
	k := maskKey{kind: 1, w: r.Dx(), h: r.Dy(), blur: blur, rad: rad, op: op}
	if m := masks.get(k); m != nil {
		fillMask(dst, m, r.Min.Add(image.Pt(-pad, -pad+dy)), color.RGBA{0, 0, 0, 255})
		return
	}
	w, h := r.Dx()+2*pad, r.Dy()+2*pad
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	inner := roundRectMask(r.Dx(), r.Dy(), rad)
	draw.Draw(m, inner.Bounds().Add(image.Pt(pad, pad)), inner, image.Point{}, draw.Src)
	tmp := make([]uint8, len(m.Pix))
	for i := 0; i < 3; i++ { // three box blurs approximate a Gaussian
		blurRows(m.Pix, w, h, blur/2+1)
		blurCols(m.Pix, tmp, w, h, blur/2+1)
	}
	scale := uint32(op * 255)
	for i, a := range m.Pix {
		m.Pix[i] = uint8(uint32(a) * scale / 255)
	}
	masks.put(k, m)
	fillMask(dst, m, r.Min.Add(image.Pt(-pad, -pad+dy)), color.RGBA{0, 0, 0, 255})
}

// boxBlur blurs n lines of length ln in place with a running sum of radius rad; step is
// the distance between neighbours of a line and stride between lines.
func boxBlur(p []uint8, ln, n, step, stride, rad int) {
	tmp := make([]int, ln)
	for l := 0; l < n; l++ {
		o := l * stride
		for i := 0; i < ln; i++ {
			tmp[i] = int(p[o+i*step])
		}
		sum := 0
		win := 2*rad + 1
		for i := -rad; i <= rad; i++ {
			sum += tmp[clampi(i, 0, ln-1)]
		}
		for i := 0; i < ln; i++ {
			p[o+i*step] = uint8(sum / win)
			sum += tmp[clampi(i+rad+1, 0, ln-1)] - tmp[clampi(i-rad, 0, ln-1)]
		}
	}
}

// divisor divides sums of at most 255 values of 8 bits by win exactly (floor), with a
// multiplication.
type divisor uint64

func newDivisor(win int) divisor        { return divisor((1<<32 + uint64(win) - 1) / uint64(win)) }
func (d divisor) div(sum int) uint8     { return uint8((uint64(sum) * uint64(d)) >> 32) }
func (d divisor) divs(sum uint32) uint8 { return uint8((uint64(sum) * uint64(d)) >> 32) }

// blurRows is boxBlur along the rows of a w x h plane, in place, with the same result; a
// row equal to the row before (the long sides of a card) reuses that row's result.
func blurRows(p []uint8, w, h, rad int) {
	tmp := make([]int, w)
	prevIn := make([]uint8, w)
	d := newDivisor(2*rad + 1)
	for y := 0; y < h; y++ {
		row := p[y*w : (y+1)*w]
		if y > 0 && string(row) == string(prevIn) {
			copy(row, p[(y-1)*w:y*w])
			continue
		}
		copy(prevIn, row)
		for i := 0; i < w; i++ {
			tmp[i] = int(row[i])
		}
		sum := 0
		for i := -rad; i <= rad; i++ {
			sum += tmp[clampi(i, 0, w-1)]
		}
		for i := 0; i < w; i++ {
			row[i] = d.div(sum)
			sum += tmp[clampi(i+rad+1, 0, w-1)] - tmp[clampi(i-rad, 0, w-1)]
		}
	}
}

// blurCols is boxBlur along the columns of a w x h plane (the result in p; tmp is scratch
// of the same size), walking rows with a running sum per column so that memory is read in
// order.
func blurCols(p, tmp []uint8, w, h, rad int) {
	copy(tmp, p)
	sums := make([]uint32, w)
	d := newDivisor(2*rad + 1)
	row := func(y int) []uint8 { y = clampi(y, 0, h-1); return tmp[y*w : (y+1)*w] }
	for i := -rad; i <= rad; i++ {
		r := row(i)
		for x := range sums {
			sums[x] += uint32(r[x])
		}
	}
	for y := 0; y < h; y++ {
		out := p[y*w : (y+1)*w]
		for x, s := range sums {
			out[x] = d.divs(s)
		}
		add, sub := row(y+rad+1), row(y-rad)
		if string(add) == string(sub) {
			continue
		}
		for x := range sums {
			sums[x] += uint32(add[x]) - uint32(sub[x])
		}
	}
}

func clampi(x, lo, hi int) int {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// copyRect copies r from src to dst (both the same size).
func copyRect(dst, src *image.RGBA, r image.Rectangle) {
	n := r.Dx() * 4
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := dst.PixOffset(r.Min.X, y)
		copy(dst.Pix[o:o+n], src.Pix[o:o+n])
	}
}

// copyRectExcept copies r of src into dst, but for the parts of it within holes (which
// may overlap).
func copyRectExcept(dst, src *image.RGBA, r image.Rectangle, holes []image.Rectangle) {
	var in [4]image.Rectangle
	hs := in[:0] // the holes within r
	for _, h := range holes {
		if h = h.Intersect(r); !h.Empty() {
			hs = append(hs, h)
		}
	}
	if len(hs) == 0 {
		copyRect(dst, src, r)
		return
	}
	for i := 1; i < len(hs); i++ { // by their left edges
		for j := i; j > 0 && hs[j].Min.X < hs[j-1].Min.X; j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := dst.PixOffset(0, y)
		x := r.Min.X // copied up to x
		for _, h := range hs {
			if y < h.Min.Y || y >= h.Max.Y {
				continue
			}
			if h.Min.X > x {
				copy(dst.Pix[o+4*x:o+4*h.Min.X], src.Pix[o+4*x:o+4*h.Min.X])
			}
			x = max(x, h.Max.X)
		}
		if x < r.Max.X {
			copy(dst.Pix[o+4*x:o+4*r.Max.X], src.Pix[o+4*x:o+4*r.Max.X])
		}
	}
}

// blend composites premultiplied src over dst within r (dst coordinates, already clipped
// to both images), where src's pixel for dst point p is src at p-off. alpha (0-255)
// scales the source; mask, when not nil, is an extra coverage in dst coordinates minus
// moff.
func blend(dst *image.RGBA, r image.Rectangle, src *image.RGBA, off image.Point, alpha uint32, mask *image.Alpha, moff image.Point) {
	blendWith(hostSIMD, dst, r, src, off, alpha, mask, moff)
}

// blendWith is blend with the kernels of k.
func blendWith(k simd, dst *image.RGBA, r image.Rectangle, src *image.RGBA, off image.Point, alpha uint32, mask *image.Alpha, moff image.Point) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[dst.PixOffset(r.Min.X, y):]
		s := src.Pix[src.PixOffset(r.Min.X-off.X, y-off.Y):]
		var m []uint8
		if mask != nil {
			m = mask.Pix[mask.PixOffset(r.Min.X-moff.X, y-moff.Y):]
		}
		w := r.Dx()
		x0 := 0
		switch {
		case m == nil && alpha == 255:
			x0 = blendOverFast(k, d[:4*w], s[:4*w])
		case m == nil:
			x0 = blendScaledFast(k, d[:4*w], s[:4*w], nil, alpha)
		default:
			x0 = blendScaledFast(k, d[:4*w], s[:4*w], m[:w], alpha)
		}
		for x := x0; x < w; x++ {
			i := x * 4
			sa := uint32(s[i+3])
			if sa == 0 {
				continue
			}
			k := alpha
			if m != nil {
				k = k * uint32(m[x]) / 255
			}
			if k == 255 && sa == 255 {
				// A run of opaque, unmasked pixels is copied at once (k is 255 only when
				// alpha is, and then it is the mask's value).
				e := opaqueRun(s, m, x+1, w)
				copy(d[i:e*4], s[i:e*4])
				x = e - 1
				continue
			}
			if k == 0 {
				continue
			}
			// Scale the premultiplied source by k, then source-over.
			sr, sg, sb := uint32(s[i])*k/255, uint32(s[i+1])*k/255, uint32(s[i+2])*k/255
			sa = sa * k / 255
			ia := 255 - sa
			d[i] = uint8(sr + uint32(d[i])*ia/255)
			d[i+1] = uint8(sg + uint32(d[i+1])*ia/255)
			d[i+2] = uint8(sb + uint32(d[i+2])*ia/255)
			d[i+3] = uint8(sa + uint32(d[i+3])*ia/255)
		}
	}
}

// opaqueRun returns where the run of opaque source pixels (whose mask value, with a
// mask, is 255 too) that goes on at column x of a row ends, at most w. It tests four
// pixels at a time: finding these runs was a third of blending's time.
func opaqueRun(s, m []uint8, x, w int) int {
	const alphas = 0xFF000000FF000000
	e := x
	if m == nil {
		for e+4 <= w {
			a := binary.LittleEndian.Uint64(s[e*4:]) & binary.LittleEndian.Uint64(s[e*4+8:])
			if a&alphas != alphas {
				break
			}
			e += 4
		}
		for e < w && s[e*4+3] == 255 {
			e++
		}
		return e
	}
	for e+4 <= w {
		a := binary.LittleEndian.Uint64(s[e*4:]) & binary.LittleEndian.Uint64(s[e*4+8:])
		if a&alphas != alphas || binary.LittleEndian.Uint32(m[e:]) != 0xFFFFFFFF {
			break
		}
		e += 4
	}
	for e < w && s[e*4+3] == 255 && m[e] == 255 {
		e++
	}
	return e
}

// easeOut is a cubic ease-out on [0, 1].
func easeOut(t float64) float64 {
	if t <= 0 {
		return 0
	}
	if t >= 1 {
		return 1
	}
	u := 1 - t
	return 1 - u*u*u
}

// withAlpha returns c at opacity a (0-1), premultiplied as image/draw expects.
func withAlpha(c color.RGBA, a float64) color.RGBA {
	k := func(v uint8) uint8 { return uint8(float64(v)*a + 0.5) }
	return color.RGBA{k(c.R), k(c.G), k(c.B), uint8(255*a + 0.5)}
}

// sprite is a premultiplied image with its place in the frame.
type sprite struct {
	img *image.RGBA
	at  image.Point
}

func (s sprite) bounds() image.Rectangle { return s.img.Bounds().Add(s.at) }

// newCanvas returns a transparent image of w x h.
func newCanvas(w, h int) *image.RGBA { return image.NewRGBA(image.Rect(0, 0, w, h)) }
