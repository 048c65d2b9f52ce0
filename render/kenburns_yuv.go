package render

import (
	"image"
)

// The pan and zoom straight into I420. Where the panel covers the frame alone (its solid
// band, nothing drawn over it) the compositor has it sample I420 planes of its picture
// into the frame's planes (paintI420) rather than paint RGBA pixels that are converted
// after: 1.5 bytes a pixel to filter instead of 4, and no conversion. A luma sample is the
// bilinear sample of the picture's luma where paint samples its RGBA (the same positions
// and weights); a chroma sample is the bilinear sample of the picture's chroma plane at the
// centre of its 2x2 block, where paint and convert average four RGBA samples. Both differ
// from the RGBA path by rounding only, on luma, and by the chroma being filtered a little
// more, which no one sees (TestPaintI420NearRGBA).

// kbPlanes is a kenBurns picture in I420: Y at the scaled size rounded up to even, U and V
// at half that. It is only read once made, and shared by the layout's clones.
type kbPlanes struct {
	y, u, v kbPlane
}

// kbPlane is one plane of kbPlanes: w x h bytes, and kbPlanePad more so that the SIMD pass
// may load 16 bytes from any pixel.
type kbPlane struct {
	pix  []byte
	w, h int
}

// kbPlanePad is how many bytes pad the end of kbPlanes' buffer.
const kbPlanePad = 16

// newKBPlanes converts the sw x sh packed RGBA pixels pix (opaque) to I420, repeating the
// last column and row when sw or sh is odd.
func newKBPlanes(pix []byte, sw, sh int) *kbPlanes {
	ew, eh := sw+sw&1, sh+sh&1
	src := &image.RGBA{Pix: pix[:4*sw*sh], Stride: 4 * sw, Rect: image.Rect(0, 0, sw, sh)}
	if ew != sw || eh != sh {
		even := image.NewRGBA(image.Rect(0, 0, ew, eh))
		for y := range eh {
			row := even.Pix[y*even.Stride:][:4*ew]
			copy(row, src.Pix[min(y, sh-1)*src.Stride:][:4*sw])
			copy(row[4*sw:], row[4*(sw-1):4*sw]) // the repeated column, if any
		}
		src = even
	}
	ys, cs := ew*eh, (ew/2)*(eh/2)
	buf := make([]byte, ys+2*cs+kbPlanePad)
	f := i420Over(buf[:ys+2*cs], ew, eh)
	f.convert(src, src.Rect)
	// Each plane runs on into the next, and the last into the padding: a SIMD load past
	// a plane's end reads bytes that exist, and are never picked.
	return &kbPlanes{
		y: kbPlane{pix: buf[:ys+2*cs+kbPlanePad], w: ew, h: eh},
		u: kbPlane{pix: buf[ys : ys+2*cs+kbPlanePad], w: ew / 2, h: eh / 2},
		v: kbPlane{pix: buf[ys+cs : ys+2*cs+kbPlanePad], w: ew / 2, h: eh / 2},
	}
}

// kbPlaneSampling is how one plane is sampled for the current frame (set by kenBurns.at).
// Column c of the panel, in the plane's units, blends pixels x0[c] and x1[c] of a source
// row with weight wx[c] (0-255) of the second; row r blends the source rows around
// fy0 + r*fs (16.16 fixed point).
type kbPlaneSampling struct {
	x0, x1 []int32
	wx     []uint16
	// For the SIMD pass, per group of 8 columns: the group's first x0 (base), and its
	// taps' offsets from it, 8 first taps then 8 second ones (taps). simd is false when
	// some group's taps do not all lie within the 16 bytes from its base.
	base    []int32
	taps    []byte
	simd    bool
	fy0, fs int64
	// Horizontally filtered source rows (which rows, in held), kept from one call to the
	// next within a frame, as in kenBurns.paint.
	rows [2][]uint16
	held kbRows
}

// kbGroup is how many columns a group of the SIMD horizontal pass holds; its kernel does
// two groups a pass, so the sampling is padded to whole pairs.
const kbGroup = 8

// set samples n columns from fx0 on, fs apart, and rows from fy0 on, fs apart, of a plane
// w pixels wide.
func (s *kbPlaneSampling) set(fx0, fy0, fs int64, n, w int) {
	n = (n + 2*kbGroup - 1) / (2 * kbGroup) * (2 * kbGroup)
	if cap(s.x0) < n {
		s.x0, s.x1, s.wx = make([]int32, n), make([]int32, n), make([]uint16, n)
		s.base, s.taps = make([]int32, n/kbGroup), make([]byte, 2*n)
	}
	s.x0, s.x1, s.wx = s.x0[:n], s.x1[:n], s.wx[:n]
	s.base, s.taps = s.base[:n/kbGroup], s.taps[:2*n]
	maxX := w - 1
	for x := range n {
		sx := max(fx0+int64(x)*fs, 0)
		ix := min(int(sx>>16), maxX)
		s.x0[x], s.x1[x] = int32(ix), int32(min(ix+1, maxX))
		s.wx[x] = uint16(sx>>8) & 0xff
	}
	s.simd = true
	for g := range s.base {
		b := s.x0[g*kbGroup]
		s.base[g] = b
		t := s.taps[2*kbGroup*g:][:2*kbGroup]
		for i := range kbGroup {
			d0, d1 := s.x0[g*kbGroup+i]-b, s.x1[g*kbGroup+i]-b
			s.simd = s.simd && d1 < 16
			t[i], t[kbGroup+i] = byte(d0), byte(d1)
		}
	}
	s.fy0, s.fs = fy0, fs
	s.held.forget()
}

// paint samples columns c0 <= c < c1 and rows r0 <= r < r1 of the panel (in the plane's
// units) from p into dst, whose row r0 starts at dst[off] and whose rows are stride
// apart.
func (s *kbPlaneSampling) paint(k simd, p *kbPlane, dst []byte, off, stride, c0, c1, r0, r1 int) {
	if c0 >= c1 {
		return
	}
	// Filtered rows hold whole pairs of groups, from the pair holding c0.
	a := c0 &^ (2*kbGroup - 1)
	e := min((c1+2*kbGroup-1)&^(2*kbGroup-1), len(s.x0))
	n := e - a
	if cap(s.rows[0]) < n {
		s.rows[0], s.rows[1] = make([]uint16, n), make([]uint16, n)
		s.held.forget()
	}
	s.held.columns(a, e)
	filtered := func(iy, keep int) []uint16 {
		j, kept := s.held.slot(iy, keep)
		out := s.rows[j][:n]
		if kept {
			return out
		}
		src := p.pix[iy*p.w:] // to the end: the SIMD pass reads past the row
		x := 0
		if s.simd {
			x = kbPlaneHorizontalFast(k, src, s.base[a/kbGroup:e/kbGroup], s.taps[2*a:2*e], s.wx[a:e], out)
		}
		x0, x1, wx := s.x0[a:e], s.x1[a:e], s.wx[a:e]
		for ; x < n; x++ {
			w := uint32(wx[x])
			out[x] = uint16((uint32(src[x0[x]])*(256-w) + uint32(src[x1[x]])*w + 128) >> 8)
		}
		s.held.y[j] = iy
		return out
	}
	maxY := p.h - 1
	for r := r0; r < r1; r++ {
		sy := max(s.fy0+int64(r)*s.fs, 0)
		iy := min(int(sy>>16), maxY)
		iy1 := min(iy+1, maxY)
		wy := uint32(sy>>8) & 0xff
		ra, rb := filtered(iy, iy1), filtered(iy1, iy)
		kbPlaneVertical(k, ra[c0-a:c1-a], rb[c0-a:c1-a], dst[off+(r-r0)*stride:][:c1-c0], wy)
	}
}

// kbPlaneVertical blends two horizontally filtered rows a and b with weight wy (0-255) of
// b into the bytes d. Both passes round, where the RGBA path truncates: truncating twice
// would tint the chroma by half a level.
func kbPlaneVertical(k simd, a, b []uint16, d []byte, wy uint32) {
	b, d = b[:len(a)], d[:len(a)]
	iwy := 256 - wy
	for x := kbPlaneVerticalFast(k, a, b, d, wy); x < len(a); x++ {
		d[x] = uint8((uint32(a[x])*iwy + uint32(b[x])*wy + 128) >> 8)
	}
}

// kbYUV is a kenBurns' sampling of its planes for the current frame: scratch, one per
// clone of a layout.
type kbYUV struct {
	y, u, v kbPlaneSampling
}

// atI420 sets the planes' sampling for the frame that at has just set.
func (k *kenBurns) atI420() {
	if k.planes == nil {
		return
	}
	if k.yuv == nil {
		k.yuv = &kbYUV{}
	}
	pw := k.rect.Dx()
	k.yuv.y.set(k.fx0, k.fy0, k.fs, pw, k.planes.y.w)
	// A chroma sample stands for the 2x2 block of frame pixels from (2cx, 2cy): it samples
	// the picture's chroma at the block's centre, half a pixel right of and below its
	// first pixel's sample, in a plane of half the resolution (whose sample j sits at
	// luma position 2j+0.5). The step is the same in both.
	cx0, cy0 := k.rect.Min.X>>1, k.rect.Min.Y>>1
	fx := (k.fx0 + int64(2*cx0-k.rect.Min.X)*k.fs + k.fs/2 - 1<<15) >> 1
	fy := (k.fy0 + int64(2*cy0-k.rect.Min.Y)*k.fs + k.fs/2 - 1<<15) >> 1
	cw := (k.rect.Max.X+1)>>1 - cx0
	k.yuv.u.set(fx, fy, k.fs, cw, k.planes.u.w)
	k.yuv.v.set(fx, fy, k.fs, cw, k.planes.v.w)
}

// paintI420 draws the part r of the panel, as set by at, straight into dst's planes. r
// must have even coordinates and lie within the panel's solid band, where the panel covers
// the frame alone; the caller is to draw nothing over it (see compositor.compose).
func (k *kenBurns) paintI420(dst *i420, r image.Rectangle) {
	r = r.Intersect(innerEven(k.solid))
	if r.Empty() || k.yuv == nil {
		return
	}
	pl := k.planes
	c0, c1 := r.Min.X-k.rect.Min.X, r.Max.X-k.rect.Min.X
	r0, r1 := r.Min.Y-k.rect.Min.Y, r.Max.Y-k.rect.Min.Y
	k.yuv.y.paint(k.simd, &pl.y, dst.y, r.Min.Y*dst.w+r.Min.X, dst.w, c0, c1, r0, r1)
	cw := dst.w / 2
	cx0, cy0 := k.rect.Min.X>>1, k.rect.Min.Y>>1
	x0, x1, y0, y1 := r.Min.X/2, r.Max.X/2, r.Min.Y/2, r.Max.Y/2
	off := y0*cw + x0
	k.yuv.u.paint(k.simd, &pl.u, dst.u, off, cw, x0-cx0, x1-cx0, y0-cy0, y1-cy0)
	k.yuv.v.paint(k.simd, &pl.v, dst.v, off, cw, x0-cx0, x1-cx0, y0-cy0, y1-cy0)
}
