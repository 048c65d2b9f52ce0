package render

import (
	"image"
	"image/draw"
	"math"
	"slices"

	xdraw "golang.org/x/image/draw"
)

// scaleSpread resizes img to w x h, into pixels with their channels spread into 16-bit
// lanes (see spread), premultiplied. The filter is a tent whose support widens with the
// reduction, as x/image/draw's BiLinear, in 8-bit fixed point with the four channels of
// a pixel weighed by one multiplication. Source rows are converted, filtered and dropped
// one at a time: a 12-megapixel photo never exists as RGBA. For a 4032x3024 photo
// reduced to cover a 1080p panel it takes a quarter of BiLinear.Scale's time.
func scaleSpread(img image.Image, w, h int) []uint64 {
	b := img.Bounds()
	if b.Dx() > 8*w || b.Dy() > 8*h {
		// Past 8x, 8-bit weights get coarse: let x/image/draw do it.
		scaled := image.NewRGBA(image.Rect(0, 0, w, h))
		xdraw.BiLinear.Scale(scaled, scaled.Bounds(), img, b, xdraw.Src, nil)
		out := make([]uint64, w*h)
		for i := range out {
			out[i] = spread(scaled.Pix[4*i:])
		}
		return out
	}
	xt, yt := tentTaps(b.Dx(), w), tentTaps(b.Dy(), h)
	out := make([]uint64, w*h)
	row := image.NewRGBA(image.Rect(0, 0, b.Dx(), 1))
	spreadRow := make([]uint64, b.Dx())
	// A ring of horizontally filtered source rows, enough for one output row's taps.
	ring := make([][]uint64, yt.most)
	ringY := make([]int, yt.most)
	for i := range ring {
		ring[i], ringY[i] = make([]uint64, w), -1
	}
	filtered := func(sy int) []uint64 {
		slot := sy % len(ring)
		if ringY[slot] == sy {
			return ring[slot]
		}
		row.Rect = image.Rect(b.Min.X, b.Min.Y+sy, b.Max.X, b.Min.Y+sy+1)
		draw.Draw(row, row.Rect, img, row.Rect.Min, draw.Src)
		for x := range spreadRow {
			spreadRow[x] = spread(row.Pix[4*x:])
		}
		dst := ring[slot]
		for x := range dst {
			var sum uint64
			first := xt.first[x]
			for j, wt := range xt.weights(x) {
				sum += spreadRow[first+j] * wt
			}
			dst[x] = (sum + roundLanes) >> 8 & lanes
		}
		ringY[slot] = sy
		return dst
	}
	rows := make([][]uint64, yt.most)
	for y := 0; y < h; y++ {
		ws := yt.weights(y)
		for k := range ws {
			rows[k] = filtered(yt.first[y] + k)
		}
		o := out[y*w:][:w]
		for x := range o {
			var sum uint64
			for k, wt := range ws {
				sum += rows[k][x] * wt
			}
			o[x] = (sum + roundLanes) >> 8 & lanes
		}
	}
	return out
}

// roundLanes adds one half (of 256) to each 16-bit lane, to round the shift by 8.
const roundLanes = 0x0080008000800080

// tapSet is, for each output pixel along one axis, the source pixels it weighs: from
// first[i], len(weights(i)) of them, with weights summing to 256. No lane can overflow:
// 255*256 + 128 < 65536.
type tapSet struct {
	first []int
	off   []int // weights(i) is w[off[i]:off[i+1]]
	w     []uint64
	most  int // the most taps of any output pixel
}

func (t *tapSet) weights(i int) []uint64 { return t.w[t.off[i]:t.off[i+1]] }

// tentTaps are the taps resizing n source pixels to m, pixel centres aligned.
func tentTaps(n, m int) tapSet {
	scale := float64(n) / float64(m)
	support := math.Max(1, scale)
	return makeTaps(n, m, func(i int, fw []float64) (int, []float64) {
		c := (float64(i)+0.5)*scale - 0.5
		lo := max(0, int(math.Ceil(c-support)))
		hi := min(n-1, int(math.Floor(c+support)))
		for j := lo; j <= hi; j++ {
			fw = append(fw, math.Max(0, 1-math.Abs(float64(j)-c)/support))
		}
		if len(fw) == 0 || slices.Max(fw) == 0 { // only at an edge: take the nearest pixel
			return clampi(int(math.Round(c)), 0, n-1), append(fw[:0], 1)
		}
		return lo, fw
	})
}

// areaTaps are the taps reducing n source pixels to m (m <= n) by averaging: each output
// pixel weighs the source pixels it covers by how much of them it covers.
func areaTaps(n, m int) tapSet {
	scale := float64(n) / float64(m)
	return makeTaps(n, m, func(i int, fw []float64) (int, []float64) {
		a, b := float64(i)*scale, float64(i+1)*scale
		lo, hi := int(a), min(n-1, int(math.Ceil(b))-1)
		for j := lo; j <= hi; j++ {
			fw = append(fw, math.Min(b, float64(j+1))-math.Max(a, float64(j)))
		}
		return lo, fw
	})
}

// makeTaps quantizes the weights weigh gives each of m output pixels (appended to fw,
// from source pixel lo on) to 8 bits, summing to 256.
func makeTaps(n, m int, weigh func(i int, fw []float64) (lo int, _ []float64)) tapSet {
	t := tapSet{first: make([]int, m), off: make([]int, m+1)}
	var fw []float64
	for i := 0; i < m; i++ {
		var lo int
		lo, fw = weigh(i, fw[:0])
		sum := 0.0
		for _, v := range fw {
			sum += v
		}
		// Each weight rounded down, the units left going to those that lost the most.
		start, total := len(t.w), 0
		for _, v := range fw {
			q := int(v / sum * 256)
			t.w = append(t.w, uint64(q))
			total += q
		}
		for ; total < 256; total++ {
			best, lost := 0, -1.0
			for k, v := range fw {
				if l := v/sum*256 - float64(t.w[start+k]); l > lost {
					best, lost = k, l
				}
			}
			t.w[start+best]++
		}
		t.first[i], t.off[i+1] = lo, len(t.w)
		t.most = max(t.most, len(fw))
	}
	return t
}

// frameShrink reduces I420 frames by averaging: the luma planes with one planeShrink, both
// chroma planes with the other.
type frameShrink struct{ luma, chroma *planeShrink }

// newFrameShrink reduces sw x sh frames to dw x dh (no larger, all even).
func newFrameShrink(sw, sh, dw, dh int) frameShrink {
	return frameShrink{newPlaneShrink(sw, sh, dw, dh), newPlaneShrink(sw/2, sh/2, dw/2, dh/2)}
}

// shrink writes src, reduced, into dst. It is safe for concurrent use.
func (s frameShrink) shrink(dst, src *i420) {
	s.luma.shrink(dst.y, src.y)
	s.chroma.shrink(dst.u, src.u)
	s.chroma.shrink(dst.v, src.v)
}

// planeShrink reduces 8-bit planes of sw x sh to dw x dh by averaging (area weights, as
// ffmpeg's flags=area). Its taps are made once, for the many planes shrunk between the
// same sizes. The source rows an output row covers are weighed and summed first, a row at
// a time, into 16-bit sums per column (the weights sum to 256, so a sum is at most
// 255*256); then each output pixel weighs the sums of the columns it covers.
type planeShrink struct {
	simd           simd // the kernels of the row sums
	sw, sh, dw, dh int
	xt, yt         tapSet
	// wx holds every output pixel's column weights, taps of them (zero past its own), in a
	// row: xt.most, or 4 when that is fewer, for the unrolled loop of the usual reductions.
	wx   []uint64
	taps int
}

func newPlaneShrink(sw, sh, dw, dh int) *planeShrink {
	s := &planeShrink{simd: hostSIMD, sw: sw, sh: sh, dw: dw, dh: dh, xt: areaTaps(sw, dw), yt: areaTaps(sh, dh)}
	s.taps = max(4, s.xt.most)
	s.wx = make([]uint64, dw*s.taps)
	for x := range dw {
		copy(s.wx[x*s.taps:], s.xt.weights(x))
	}
	return s
}

// shrink writes the plane src, reduced, into dst. It is safe for concurrent use.
func (s *planeShrink) shrink(dst, src []byte) {
	sw, dw := s.sw, s.dw
	xt, yt := &s.xt, &s.yt
	n := s.taps
	cols := make([]uint16, sw+n) // the sums, column by column (zero past the last)
	for y := 0; y < s.dh; y++ {
		clear(cols[:sw])
		for k, wy := range yt.weights(y) {
			addWeighted(s.simd, cols[:sw], src[(yt.first[y]+k)*sw:][:sw], uint16(wy))
		}
		d := dst[y*dw:][:dw]
		if n == 4 {
			for x := range d {
				w := s.wx[4*x:][:4]
				c := cols[xt.first[x]:][:4]
				sum := uint64(c[0])*w[0] + uint64(c[1])*w[1] + uint64(c[2])*w[2] + uint64(c[3])*w[3]
				d[x] = uint8((sum + 1<<15) >> 16)
			}
			continue
		}
		for x := range d {
			var sum uint64
			w := s.wx[x*n:][:n]
			c := cols[xt.first[x]:][:n]
			for j, v := range w {
				sum += uint64(c[j]) * v
			}
			d[x] = uint8((sum + 1<<15) >> 16)
		}
	}
}

// addWeighted adds s*w to d, value by value, with the kernels of k.
func addWeighted(k simd, d []uint16, s []byte, w uint16) {
	s = s[:len(d)]
	for i := addWeightedFast(k, d, s, w); i < len(d); i++ {
		d[i] += uint16(s[i]) * w
	}
}
