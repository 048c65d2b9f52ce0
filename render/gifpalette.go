package render

import (
	"image/color"
)

// The GIF preview's palette (see gifenc.go): a histogram of exact colours, cut down to
// the palette by median cut, as ffmpeg's palettegen does.

// gifPalette chooses the palette of at most limit colours for frames, as palettegen's
// stats_mode=diff: a histogram of every pixel of the first frame and of the pixels later
// frames change (rows, from gifDiffs: judged in YUV, which gives the same RGB when it is
// the same), cut down by median cut.
func gifPalette(frames []*i420, rows [][][]uint8, limit int) []color.RGBA {
	hist := newGIFHist(1 << 14)
	w := frames[0].w
	// Neighbouring pixels mostly have the same colour: count runs, not pixels.
	var last, run uint32
	add := func(r, g, b int32) {
		c := uint32(r)<<16 | uint32(g)<<8 | uint32(b)
		if c == last && run > 0 {
			run++
			return
		}
		if run > 0 {
			hist.add(last, run)
		}
		last, run = c, 1
	}
	cw := w / 2
	for i, f := range frames {
		for by, mask := range rows[i] {
			if mask == nil {
				continue
			}
			y0, y1 := f.y[2*by*w:][:w], f.y[(2*by+1)*w:][:w]
			u, v := f.u[by*cw:][:cw], f.v[by*cw:][:cw]
			for bx, m := range mask {
				if m == 0 {
					continue
				}
				rv, guv, bu := gifChroma(u[bx], v[bx])
				all := m&16 != 0
				if all || m&1 != 0 {
					add(gifRGB(y0[2*bx], rv, guv, bu))
				}
				if all || m&2 != 0 {
					add(gifRGB(y0[2*bx+1], rv, guv, bu))
				}
				if all || m&4 != 0 {
					add(gifRGB(y1[2*bx], rv, guv, bu))
				}
				if all || m&8 != 0 {
					add(gifRGB(y1[2*bx+1], rv, guv, bu))
				}
			}
		}
	}
	if run > 0 {
		hist.add(last, run)
	}
	return gifMedianCut(hist.colours(), limit)
}

// gifHist counts exact colours, in an open-addressing hash table (the colours of a
// frame with gradients run to tens of thousands; a dense 2^24 table would be 64 MB).
type gifHist struct {
	keys   []uint32 // 1<<24 | colour; 0 marks an empty slot
	counts []uint32
	used   int
	shift  uint // 32 - log2(len(keys))
}

// newGIFHist makes an empty histogram of size slots (a power of two), which grows.
func newGIFHist(size int) *gifHist {
	h := &gifHist{keys: make([]uint32, size), counts: make([]uint32, size)}
	for h.shift = 32; 1<<(32-h.shift) < size; h.shift-- {
	}
	return h
}

// add counts n pixels of colour c (0xRRGGBB).
func (h *gifHist) add(c, n uint32) {
	k := c | 1<<24
	mask := uint32(len(h.keys) - 1)
	// Fibonacci hashing: the top bits of the product mix all of the colour's bits.
	for i := (k * 0x9e3779b1) >> h.shift; ; i = (i + 1) & mask {
		switch h.keys[i] {
		case k:
			h.counts[i] += n
			return
		case 0:
			h.keys[i], h.counts[i] = k, n
			if h.used++; 2*h.used > len(h.keys) {
				h.grow()
			}
			return
		}
	}
}

// grow doubles the table.
func (h *gifHist) grow() {
	old, oldCounts := h.keys, h.counts
	*h = *newGIFHist(2 * len(old))
	for i, k := range old {
		if k != 0 {
			h.add(k&0xffffff, oldCounts[i])
		}
	}
}

// colours lists the colours counted.
func (h *gifHist) colours() []gifColour {
	cols := make([]gifColour, 0, h.used)
	for i, k := range h.keys {
		if k != 0 {
			cols = append(cols, gifColour{c: [3]uint8{uint8(k >> 16), uint8(k >> 8), uint8(k)}, n: h.counts[i]})
		}
	}
	return cols
}

// gifColour is a colour of the histogram and how many pixels had it.
type gifColour struct {
	c [3]uint8 // R, G, B
	n uint32
}

// gifBox is a box of median cut: the colours cols[lo:hi], their pixel count, sums, sums
// of squares, and squared error around their mean.
type gifBox struct {
	lo, hi  int
	n       uint64
	sum, sq [3]uint64
	err     float64
}

// stat computes b's count, sums and error over cols.
func (b *gifBox) stat(cols []gifColour) {
	b.n, b.sum, b.sq = 0, [3]uint64{}, [3]uint64{}
	for _, c := range cols[b.lo:b.hi] {
		n := uint64(c.n)
		b.n += n
		for k, v := range c.c {
			b.sum[k] += n * uint64(v)
			b.sq[k] += n * uint64(v) * uint64(v)
		}
	}
	b.setErr()
}

// minus sets b's count, sums and error to those of whole less part.
func (b *gifBox) minus(whole, part *gifBox) {
	b.n = whole.n - part.n
	for k := range b.sum {
		b.sum[k], b.sq[k] = whole.sum[k]-part.sum[k], whole.sq[k]-part.sq[k]
	}
	b.setErr()
}

// setErr computes b's squared error from its sums.
func (b *gifBox) setErr() {
	b.err = 0
	for k := range b.sq {
		b.err += float64(b.sq[k]) - float64(b.sum[k])*float64(b.sum[k])/float64(b.n)
	}
}

// mean is the pixel-weighted mean colour of b.
func (b *gifBox) mean() color.RGBA {
	c := [3]uint8{}
	for k, s := range b.sum {
		c[k] = uint8((s + b.n/2) / b.n)
	}
	return color.RGBA{c[0], c[1], c[2], 0xff}
}

// gifMedianCut cuts cols (reordering them) into at most limit boxes and returns each
// box's mean colour. As palettegen does, the box split next is the one of the largest
// squared error (which weighs both its spread and its pixels), along its longest axis
// (green on ties, the eye being most sensitive to it), at the pixel-weighted median.
// When there are no more than limit colours, every box ends up with one: the palette
// is the colours themselves.
func gifMedianCut(cols []gifColour, limit int) []color.RGBA {
	boxes := []gifBox{{lo: 0, hi: len(cols)}}
	boxes[0].stat(cols)
	for len(boxes) < limit {
		best := -1
		for i := range boxes {
			if boxes[i].hi-boxes[i].lo >= 2 && (best < 0 || boxes[i].err > boxes[best].err) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		b := &boxes[best]
		// The pixel counts of each value of each channel give the box's extent and
		// its median along its longest axis, in one pass.
		var w [3][256]uint64
		for _, c := range cols[b.lo:b.hi] {
			n := uint64(c.n)
			w[0][c.c[0]] += n
			w[1][c.c[1]] += n
			w[2][c.c[2]] += n
		}
		var least, most [3]int
		for k := range w {
			for least[k] = 0; w[k][least[k]] == 0; least[k]++ {
			}
			for most[k] = 255; w[k][most[k]] == 0; most[k]-- {
			}
		}
		rng := func(k int) int { return most[k] - least[k] }
		axis := 1
		if rng(0) > rng(1) && rng(0) >= rng(2) {
			axis = 0
		} else if rng(2) > rng(1) && rng(2) > rng(0) {
			axis = 2
		}
		// The median: the least value t where the colours up to t pass half the box's
		// pixels, but below the greatest, so that both sides keep colours (a box of
		// several colours spans several values along its longest axis). Then partition,
		// in linear time rather than sorting.
		half, t := (b.n+1)/2, least[axis]
		for acc := w[axis][t]; acc <= half && t < most[axis]-1; acc += w[axis][t] {
			t++
		}
		i, j := b.lo, b.hi-1
		for i <= j {
			if int(cols[i].c[axis]) <= t {
				i++
			} else {
				cols[i], cols[j] = cols[j], cols[i]
				j--
			}
		}
		// Sum the smaller side; the other is the rest.
		left, right := gifBox{lo: b.lo, hi: i}, gifBox{lo: i, hi: b.hi}
		if left.hi-left.lo <= right.hi-right.lo {
			left.stat(cols)
			right.minus(b, &left)
		} else {
			right.stat(cols)
			left.minus(b, &right)
		}
		boxes[best] = left
		boxes = append(boxes, right)
	}
	pal := make([]color.RGBA, len(boxes))
	for i := range boxes {
		pal[i] = boxes[i].mean()
	}
	return pal
}
