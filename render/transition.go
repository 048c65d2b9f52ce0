package render

import "math"

// easeInOut is a cubic ease-in-out on [0, 1].
func easeInOut(t float64) float64 {
	if t <= 0 {
		return 0
	}
	if t >= 1 {
		return 1
	}
	if t < 0.5 {
		return 4 * t * t * t
	}
	u := -2*t + 2
	return 1 - u*u*u/2
}

// transition writes into out the frame at progress k (0-1, eased) of a transition from a to
// b, working on I420 planes directly:
//   - crossfade: a dissolves into b;
//   - slide: b pushes a out to the left;
//   - wipe: a soft vertical edge moves from left to right, revealing b;
//   - anything else cuts to b.
func transition(out, a, b *i420, kind string, k float64) {
	w, h := out.w, out.h
	switch kind {
	case "crossfade":
		m := uint32(math.Round(k * 256))
		mixBytes(hostSIMD, out.buf, a.buf, b.buf, m)
	case "slide":
		off := int(math.Round(k*float64(w))) &^ 1 // even, so that chroma stays aligned
		shiftPlane(out.y, a.y, b.y, w, h, off)
		shiftPlane(out.u, a.u, b.u, w/2, h/2, off/2)
		shiftPlane(out.v, a.v, b.v, w/2, h/2, off/2)
	case "wipe":
		feather := max(2, w/24)
		edge := int(math.Round(k*float64(w+2*feather))) - feather
		wy := make([]uint32, w)
		for x := range wy {
			wy[x] = wipeWeight(x, edge, feather)
		}
		wc := make([]uint32, w/2)
		for x := range wc {
			wc[x] = wipeWeight(2*x, edge, feather)
		}
		wipePlane(out.y, a.y, b.y, w, h, wy)
		wipePlane(out.u, a.u, b.u, w/2, h/2, wc)
		wipePlane(out.v, a.v, b.v, w/2, h/2, wc)
	default:
		copy(out.buf, b.buf)
	}
}

// mixBytes sets out = a + (b-a)*m/256, with the kernels of k.
func mixBytes(k simd, out, a, b []byte, m uint32) {
	im := 256 - m
	for i := mixBytesFast(k, out, a, b, m); i < len(out); i++ {
		out[i] = uint8((uint32(a[i])*im + uint32(b[i])*m + 128) >> 8)
	}
}

// shiftPlane shows a moved left by off pixels and b entering from the right after it.
func shiftPlane(out, a, b []byte, w, h, off int) {
	off = min(max(off, 0), w)
	for y := 0; y < h; y++ {
		row := out[y*w : (y+1)*w]
		copy(row[:w-off], a[y*w+off:(y+1)*w])
		copy(row[w-off:], b[y*w:y*w+off])
	}
}

// wipeWeight is how much of b shows at column x (0-256) for an edge at column edge with a
// soft band of feather pixels.
func wipeWeight(x, edge, feather int) uint32 {
	d := edge - x
	switch {
	case d >= feather:
		return 256
	case d <= -feather:
		return 0
	}
	t := float64(d+feather) / float64(2*feather)
	return uint32(math.Round(t * t * (3 - 2*t) * 256))
}

func wipePlane(out, a, b []byte, w, h int, wt []uint32) {
	for y := 0; y < h; y++ {
		o, ra, rb := out[y*w:(y+1)*w], a[y*w:(y+1)*w], b[y*w:(y+1)*w]
		for x, m := range wt {
			o[x] = uint8((uint32(ra[x])*(256-m) + uint32(rb[x])*m + 128) >> 8)
		}
	}
}
