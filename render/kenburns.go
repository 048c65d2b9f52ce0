package render

import (
	"encoding/binary"
	"image"
	"math"
)

// kenBurnsZoom is how far an image zooms in over its scene.
const kenBurnsZoom = 1.12

// kenBurns shows an image in a panel, covering it without distortion, slowly zooming in
// and drifting over the scene. It paints itself straight into the frame (see paint): the
// panel is most of an image scene's frame, and going through a panel-sized image of its
// own cost two more passes over those pixels, and a third to draw the base under them.
type kenBurns struct {
	simd simd            // the kernels of its passes
	rect image.Rectangle // panel, frame coordinates
	mask *image.Alpha    // rounded corners, panel coordinates
	// spans holds, for each panel row, the columns lo <= x < hi the panel covers alone:
	// its pixels there are opaque, and so is the mask. Everywhere else it is blended.
	spans []kbSpan
	// solid is the band of whole rows (frame coordinates) that the panel covers alone:
	// what lies under it is never seen.
	solid image.Rectangle
	// pix is the image scaled once to cover the panel at the largest zoom, sw x sh packed
	// RGBA pixels, and kbPad more so that the SIMD pass may load 8 pixels from any.
	pix    []byte
	sw, sh int
	// The current frame's sampling, set by at: column x blends source columns x0[x] and
	// x1[x] with weight wx[x] (0-255, in each 16-bit lane) of the second; the
	// fixed-point source row of panel row 0 and the step between rows.
	x0, x1 []int32
	// reach is the most by which x1[x+3] exceeds x0[x]: the SIMD pass takes 4 pixels'
	// taps from the 8 pixels from the first one's x0, so it needs reach < 8. With the
	// steps kenBurns takes (at most kenBurnsZoom source pixels) it is at most 5.
	reach        int32
	wx           []uint64
	fx0, fy0, fs int64
	// Scratch for paint: horizontally filtered source rows (which rows, in held), kept
	// from one call to the next within a frame since the compositor paints in bands; and
	// the pixels of one row that are blended.
	rows [2][]uint64
	held kbRows
	edge image.RGBA // one row, the width of the part painted
	// planes is the picture in I420, for paintI420, when the panel has a solid band;
	// yuv, its sampling for the current frame (scratch, like the fields above).
	planes *kbPlanes
	yuv    *kbYUV
}

// kbSpan is a run of columns lo <= x < hi.
type kbSpan struct{ lo, hi int }

// kbPad is how many pixels pad the end of kenBurns.pix.
const kbPad = 8

// spread moves the bytes of a little-endian RGBA pixel into the four 16-bit lanes of a
// uint64, so that one multiplication weighs all four channels.
func spread(p []uint8) uint64 {
	v := uint64(binary.LittleEndian.Uint32(p))
	return v&0xff | (v&0xff00)<<8 | (v&0xff0000)<<16 | (v&0xff000000)<<24
}

func newKenBurns(img image.Image, panel image.Rectangle, mask *image.Alpha) *kenBurns {
	b := img.Bounds()
	pw, ph := float64(panel.Dx()), float64(panel.Dy())
	s := math.Max(pw/float64(b.Dx()), ph/float64(b.Dy())) * kenBurnsZoom
	sw, sh := int(math.Ceil(float64(b.Dx())*s)), int(math.Ceil(float64(b.Dy())*s))
	pix := make([]byte, 4*(sw*sh+kbPad))
	opaque := true
	for i, v := range scaleSpread(img, sw, sh) {
		opaque = opaque && v>>48 == 255
		binary.LittleEndian.PutUint32(pix[4*i:], uint32(v&0xff|v>>8&0xff00|v>>16&0xff0000|v>>24&0xff000000))
	}
	k := &kenBurns{simd: hostSIMD, rect: panel, mask: mask, pix: pix, sw: sw, sh: sh, spans: make([]kbSpan, panel.Dy())}
	if !opaque {
		return k // an image with transparency is blended everywhere
	}
	for y := range k.spans {
		lo, hi := 0, panel.Dx()
		if mask != nil {
			m := mask.Pix[mask.PixOffset(0, y):][:hi]
			for lo < hi && m[lo] != 255 {
				lo++
			}
			e := lo
			for e < hi && m[e] == 255 {
				e++
			}
			hi = e
		}
		k.spans[y] = kbSpan{lo, hi}
	}
	k.solid = panel
	if mask != nil {
		k.solid = maskSolidRows(mask).Add(panel.Min)
	}
	if !k.solid.Empty() {
		k.planes = newKBPlanes(pix, sw, sh)
	}
	return k
}

// at sets the sampling for progress t (0-1 through the scene): what paint draws next.
func (k *kenBurns) at(t float64) {
	e := t * t * (3 - 2*t) // ease in and out
	pw, ph := k.rect.Dx(), k.rect.Dy()
	sw, sh := float64(k.sw), float64(k.sh)
	// Window size in source pixels: the whole cover at t=0, the panel size at t=1.
	f := kenBurnsZoom + (1-kenBurnsZoom)*e
	step := f / kenBurnsZoom * math.Min(sw/float64(pw), sh/float64(ph))
	ww, wh := float64(pw)*step, float64(ph)*step
	// Drift from the centre a little towards the upper right.
	cx := sw/2 + (sw-ww)/2*0.5*e
	cy := sh/2 - (sh-wh)/2*0.4*e
	x0, y0 := cx-ww/2, cy-wh/2
	k.fs = int64(step * 65536)
	fx0 := int64(x0 * 65536)
	k.fx0 = fx0
	k.held.forget() // a new frame samples new rows
	k.fy0 = int64(y0 * 65536)
	maxX := k.sw - 1
	// The horizontal sample positions and weights are the same on every row.
	if cap(k.x0) < pw {
		k.x0, k.x1, k.wx = make([]int32, pw), make([]int32, pw), make([]uint64, pw)
	}
	k.x0, k.x1, k.wx = k.x0[:pw], k.x1[:pw], k.wx[:pw]
	for x := range pw {
		sx := fx0 + int64(x)*k.fs
		ix := clampi(int(sx>>16), 0, maxX)
		k.x0[x], k.x1[x] = int32(ix), int32(min(ix+1, maxX))
		k.wx[x] = uint64(sx>>8) & 0xff * 0x0001000100010001
	}
	k.reach = 0
	for x := 3; x < pw; x++ {
		k.reach = max(k.reach, k.x1[x]-k.x0[x-3])
	}
	k.atI420()
}

// lanes keeps the low byte of each 16-bit lane.
const lanes = 0x00FF00FF00FF00FF

// paint draws the part r (frame coordinates) of the panel, as set by at, into dst: where
// the panel covers the frame alone its pixels are written, elsewhere they are blended
// over what dst holds, as blend does.
func (k *kenBurns) paint(dst *image.RGBA, r image.Rectangle) {
	r = r.Intersect(k.rect).Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	c0, c1 := r.Min.X-k.rect.Min.X, r.Max.X-k.rect.Min.X // panel columns
	x0, x1, wx := k.x0[c0:c1], k.x1[c0:c1], k.wx[c0:c1]
	n := c1 - c0
	// Bilinear filtering with the four channels of a pixel in the 16-bit lanes of a
	// uint64, so that one multiplication weighs all of them. Each output row blends two
	// source rows filtered horizontally; consecutive output rows mostly share their
	// source rows, so filtered rows are kept.
	if cap(k.rows[0]) < n {
		k.rows[0], k.rows[1] = make([]uint64, n), make([]uint64, n)
		k.edge.Pix = make([]uint8, 4*n)
		k.held.forget()
	}
	k.held.columns(c0, c1)
	rows := [2][]uint64{k.rows[0][:n], k.rows[1][:n]}
	// filtered is source row iy filtered, computed unless kept; it does not replace row
	// keep, the other one the output row needs.
	filtered := func(iy, keep int) []uint64 {
		j, kept := k.held.slot(iy, keep)
		if kept {
			return rows[j]
		}
		src := k.pix[4*iy*k.sw:] // to the end: the SIMD pass may read past the row
		out := rows[j][:n]
		x1, wx := x1[:n], wx[:n]
		for x := kbHorizontalFast(k.simd, src, x0, x1, k.reach, wx, out); x < n; x++ {
			w := wx[x] & 0x1ff
			out[x] = (spread(src[4*x0[x]:])*(256-w) + spread(src[4*x1[x]:])*w) >> 8 & lanes
		}
		k.held.y[j] = iy
		return out
	}
	maxY := k.sh - 1
	edge := &k.edge // a field, not a new image for every part painted
	edge.Pix, edge.Stride = edge.Pix[:4*n], 4*n
	for y := r.Min.Y; y < r.Max.Y; y++ {
		py := y - k.rect.Min.Y
		sy := k.fy0 + int64(py)*k.fs
		iy := int(sy >> 16)
		wy := uint64(sy>>8) & 0xff
		iy1 := min(iy+1, maxY)
		iy = clampi(iy, 0, maxY)
		a, b := filtered(iy, iy1), filtered(iy1, iy)
		d := dst.Pix[dst.PixOffset(r.Min.X, y):][:4*n]
		// The columns covered alone, relative to r.
		sp := k.spans[py]
		lo, hi := clampi(sp.lo-c0, 0, n), clampi(sp.hi-c0, 0, n)
		if lo >= hi {
			lo, hi = 0, 0
		}
		kbVertical(k.simd, a[lo:hi], b[lo:hi], d[4*lo:4*hi], wy)
		// The rest (rounded corners, or everything for an image with transparency) goes
		// through blend, with the mask.
		for _, e := range [2]kbSpan{{0, lo}, {hi, n}} {
			if e.lo >= e.hi {
				continue
			}
			kbVertical(k.simd, a[e.lo:e.hi], b[e.lo:e.hi], edge.Pix[4*e.lo:4*e.hi], wy)
			er := image.Rect(r.Min.X+e.lo, y, r.Min.X+e.hi, y+1)
			edge.Rect = image.Rect(r.Min.X, y, r.Max.X, y+1)
			blendWith(k.simd, dst, er, edge, image.Point{}, 255, k.mask, k.rect.Min)
		}
	}
}

// kbRows says which two source rows a pan-and-zoom pass keeps filtered, for one run of
// columns, from one output row (and one call) to the next: consecutive output rows
// mostly share their two source rows.
type kbRows struct {
	y    [2]int // the source row each slot holds, -1 for none
	cols [2]int // the columns both were filtered for
}

// forget drops the rows kept (a new frame samples other ones).
func (h *kbRows) forget() { h.y = [2]int{-1, -1} }

// columns forgets the rows kept unless they were filtered for columns c0 <= c < c1.
func (h *kbRows) columns(c0, c1 int) {
	if h.cols != [2]int{c0, c1} {
		h.forget()
		h.cols = [2]int{c0, c1}
	}
}

// slot returns the slot that holds source row iy (kept), or else the one to filter it
// into, which the caller records in y: not the one holding row keep, which the same
// output row needs too.
func (h *kbRows) slot(iy, keep int) (j int, kept bool) {
	switch {
	case h.y[0] == iy:
		return 0, true
	case h.y[1] == iy:
		return 1, true
	case h.y[0] == keep:
		return 1, false
	}
	return 0, false
}

// kbVertical blends two horizontally filtered rows a and b with weight wy (0-255) of b
// into RGBA bytes d, with the kernels of k.
func kbVertical(k simd, a, b []uint64, d []uint8, wy uint64) {
	iwy := 256 - wy
	b = b[:len(a)]
	for x := kbVerticalFast(k, a, b, d, wy); x < len(a); x++ {
		v := (a[x]*iwy + b[x]*wy) >> 8 & lanes
		binary.LittleEndian.PutUint32(d[x*4:], uint32(v&0xff|v>>8&0xff00|v>>16&0xff0000|v>>24&0xff000000))
	}
}
