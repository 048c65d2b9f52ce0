package render

import (
	"image"
	"image/draw"
	"math"

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
	t := tapSet{first: make([]int, m), off: make([]int, m+1)}
	var fw []float64
	for i := 0; i < m; i++ {
		c := (float64(i)+0.5)*scale - 0.5
		lo := max(0, int(math.Ceil(c-support)))
		hi := min(n-1, int(math.Floor(c+support)))
		fw = fw[:0]
		sum := 0.0
		for j := lo; j <= hi; j++ {
			v := math.Max(0, 1-math.Abs(float64(j)-c)/support)
			fw = append(fw, v)
			sum += v
		}
		if sum == 0 { // only at an edge: take the nearest pixel
			lo, fw, sum = clampi(int(math.Round(c)), 0, n-1), append(fw[:0], 1), 1
		}
		// Quantize to a total of 256: each weight rounded down, the units left going to
		// those that lost the most.
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
