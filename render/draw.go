package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// This file holds the pixel primitives: anti-aliased shapes drawn once per scene, and the
// blend and copy loops run per frame on changed regions only.

// fillRect fills r with an opaque or translucent colour (source-over).
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Over)
}

// roundRectMask returns an anti-aliased alpha mask of a rounded rectangle of size w x h
// with corner radius rad, sized to its own bounds.
func roundRectMask(w, h int, rad float64) *image.Alpha {
	rad = math.Min(rad, math.Min(float64(w), float64(h))/2)
	z := vector.NewRasterizer(w, h)
	fw, fh, r := float32(w), float32(h), float32(rad)
	k := float32(0.5523) * r // cubic approximation of a quarter circle
	z.MoveTo(r, 0)
	z.LineTo(fw-r, 0)
	z.CubeTo(fw-r+k, 0, fw, r-k, fw, r)
	z.LineTo(fw, fh-r)
	z.CubeTo(fw, fh-r+k, fw-r+k, fh, fw-r, fh)
	z.LineTo(r, fh)
	z.CubeTo(r-k, fh, 0, fh-r+k, 0, fh-r)
	z.LineTo(0, r)
	z.CubeTo(0, r-k, r-k, 0, r, 0)
	z.ClosePath()
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	return m
}

// circleMask returns an anti-aliased disc of diameter d.
func circleMask(d int) *image.Alpha { return roundRectMask(d, d, float64(d)/2) }

// ringMask returns an anti-aliased ring of outer diameter d and stroke width sw.
func ringMask(d int, sw float64) *image.Alpha {
	outer := circleMask(d)
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
	r := m.Bounds().Add(p)
	draw.DrawMask(dst, r, image.NewUniform(c), image.Point{}, m, m.Bounds().Min, draw.Over)
}

// softShadow draws a blurred shadow of a rounded rectangle r (corner radius rad), offset
// down by dy, with opacity op.
func softShadow(dst *image.RGBA, r image.Rectangle, rad float64, blur int, dy int, op float64) {
	if blur < 1 || op <= 0 {
		return
	}
	pad := blur * 2
	w, h := r.Dx()+2*pad, r.Dy()+2*pad
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	inner := roundRectMask(r.Dx(), r.Dy(), rad)
	draw.Draw(m, inner.Bounds().Add(image.Pt(pad, pad)), inner, image.Point{}, draw.Src)
	for i := 0; i < 3; i++ { // three box blurs approximate a Gaussian
		boxBlur(m.Pix, w, h, 1, w, blur/2+1)
		boxBlur(m.Pix, h, w, w, 1, blur/2+1)
	}
	scale := uint32(op * 255)
	for i, a := range m.Pix {
		m.Pix[i] = uint8(uint32(a) * scale / 255)
	}
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

// blend composites premultiplied src over dst within r (dst coordinates, already clipped
// to both images), where src's pixel for dst point p is src at p-off. alpha (0-255)
// scales the source; mask, when not nil, is an extra coverage in dst coordinates minus
// moff.
func blend(dst *image.RGBA, r image.Rectangle, src *image.RGBA, off image.Point, alpha uint32, mask *image.Alpha, moff image.Point) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[dst.PixOffset(r.Min.X, y):]
		s := src.Pix[src.PixOffset(r.Min.X-off.X, y-off.Y):]
		var m []uint8
		if mask != nil {
			m = mask.Pix[mask.PixOffset(r.Min.X-moff.X, y-moff.Y):]
		}
		for x := 0; x < r.Dx(); x++ {
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
				copy(d[i:i+4], s[i:i+4])
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
