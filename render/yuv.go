package render

import "image"

// i420 is a planar YUV 4:2:0 frame in BT.709 limited range, laid out as ffmpeg's yuv420p
// rawvideo expects: the Y plane, then U, then V, in one buffer.
type i420 struct {
	w, h int
	buf  []byte
	y    []byte
	u, v []byte
}

// i420Size is the size in bytes of a w x h I420 frame.
func i420Size(w, h int) int { return w*h + 2*(w/2)*(h/2) }

// newI420 returns a w x h frame of zeros.
func newI420(w, h int) *i420 { return i420Over(make([]byte, i420Size(w, h)), w, h) }

// pooledI420 returns a w x h frame from the pixel pool, holding whatever it held; give its
// buffer back (pixels.put) when nothing uses it any more.
func pooledI420(w, h int) *i420 { return i420Over(pixels.get(i420Size(w, h)), w, h) }

// i420Over is the w x h frame in buf, which is i420Size(w, h) bytes long.
func i420Over(buf []byte, w, h int) *i420 {
	ys := w * h
	cs := (w / 2) * (h / 2)
	return &i420{w: w, h: h, buf: buf, y: buf[:ys], u: buf[ys : ys+cs], v: buf[ys+cs:]}
}

// BT.709 limited-range coefficients in 16.16 fixed point, for 8-bit R'G'B'.
const (
	kyr, kyg, kyb = 11966, 40254, 4064   // 0.1826, 0.6142, 0.0620
	kur, kug, kub = -6596, -22189, 28785 // -0.1006, -0.3386, 0.4392
	kvr, kvg, kvb = 28785, -26145, -2640 // 0.4392, -0.3989, -0.0403
)

// convert converts region r of an opaque RGBA frame (same size) into the I420 planes. r is
// widened to even coordinates so that chroma samples cover whole 2x2 blocks.
func (f *i420) convert(src *image.RGBA, r image.Rectangle) { f.convertWith(hostSIMD, src, r) }

// convertWith is convert with the kernels of k.
func (f *i420) convertWith(k simd, src *image.RGBA, r image.Rectangle) {
	r = evenRect(r).Intersect(image.Rect(0, 0, f.w, f.h))
	if r.Empty() {
		return
	}
	cw, n := f.w/2, r.Dx()/2
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		// Slices of exactly the row's length, so that the compiler drops the bounds checks
		// in the loop (this is one of the renderer's hottest loops).
		o0, o1 := src.PixOffset(r.Min.X, y), src.PixOffset(r.Min.X, y+1)
		p0, p1 := src.Pix[o0:o0+8*n], src.Pix[o1:o1+8*n]
		y0 := f.y[y*f.w+r.Min.X:][:2*n]
		y1 := f.y[(y+1)*f.w+r.Min.X:][:2*n]
		co := (y/2)*cw + r.Min.X/2
		cu, cv := f.u[co:co+n], f.v[co:co+n]
		for c := convertRowPairFast(k, p0, p1, y0, y1, cu, cv); c < len(cu); c++ {
			a, b := p0[8*c:8*c+8:8*c+8], p1[8*c:8*c+8:8*c+8]
			r00, g00, b00 := int32(a[0]), int32(a[1]), int32(a[2])
			r01, g01, b01 := int32(a[4]), int32(a[5]), int32(a[6])
			r10, g10, b10 := int32(b[0]), int32(b[1]), int32(b[2])
			r11, g11, b11 := int32(b[4]), int32(b[5]), int32(b[6])
			ya, yb := y0[2*c:2*c+2:2*c+2], y1[2*c:2*c+2:2*c+2]
			ya[0] = uint8((kyr*r00 + kyg*g00 + kyb*b00 + (16 << 16) + 32768) >> 16)
			ya[1] = uint8((kyr*r01 + kyg*g01 + kyb*b01 + (16 << 16) + 32768) >> 16)
			yb[0] = uint8((kyr*r10 + kyg*g10 + kyb*b10 + (16 << 16) + 32768) >> 16)
			yb[1] = uint8((kyr*r11 + kyg*g11 + kyb*b11 + (16 << 16) + 32768) >> 16)
			ra := r00 + r01 + r10 + r11
			ga := g00 + g01 + g10 + g11
			ba := b00 + b01 + b10 + b11
			cu[c] = uint8((kur*ra + kug*ga + kub*ba + (512 << 16) + 131072) >> 18)
			cv[c] = uint8((kvr*ra + kvg*ga + kvb*ba + (512 << 16) + 131072) >> 18)
		}
	}
}

// evenRect widens r to even coordinates.
func evenRect(r image.Rectangle) image.Rectangle {
	r.Min.X &^= 1
	r.Min.Y &^= 1
	r.Max.X = (r.Max.X + 1) &^ 1
	r.Max.Y = (r.Max.Y + 1) &^ 1
	return r
}

// BT.709 limited range back to 8-bit R'G'B', in 16.16 fixed point: 255/219 for luma, and
// chroma's weights times 255/224.
const (
	kry           = 76309  // 1.16438
	krv           = 117489 // 1.79274
	kgu, kgv      = 13975, 34925
	kbu           = 138438 // 2.11240
	fixedHalf     = 1 << 15
	fixedMaxRound = 255<<16 + fixedHalf
)

// rgbaInto converts region r of the frame into the same region of dst (the frame's size),
// opaque: each pixel with its 2x2 block's chroma. It serves the few pixels of a decoded
// clip that are blended (see videoPanel.paint), so it is plain Go.
func (f *i420) rgbaInto(dst *image.RGBA, r image.Rectangle) {
	r = r.Intersect(image.Rect(0, 0, f.w, f.h)).Intersect(dst.Rect)
	cw := f.w / 2
	c8 := func(v int32) uint8 {
		return uint8(min(max(v, 0), fixedMaxRound) >> 16)
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		ys := f.y[y*f.w:][:f.w]
		us, vs := f.u[(y/2)*cw:][:cw], f.v[(y/2)*cw:][:cw]
		d := dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()]
		for x := r.Min.X; x < r.Max.X; x++ {
			l := (int32(ys[x])-16)*kry + fixedHalf
			u, v := int32(us[x/2])-128, int32(vs[x/2])-128
			p := d[4*(x-r.Min.X):][:4]
			p[0] = c8(l + krv*v)
			p[1] = c8(l - kgu*u - kgv*v)
			p[2] = c8(l + kbu*u)
			p[3] = 255
		}
	}
}
