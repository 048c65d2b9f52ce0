package render

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io"
	"math"
	"time"
)

// The animated GIF preview, made in-process from the small I420 frames kept while
// rendering, as ffmpeg's
//
//	palettegen=max_colors=128:stats_mode=diff, paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle
//
// makes it, but without the cost of starting ffmpeg (0.15-0.2 CPU-s, a third of it the
// dynamic linker). The work follows ffmpeg's:
//
//   - one global palette for the animation, by median cut of a histogram of the exact
//     colours of the first frame and of the pixels later frames change (stats_mode=diff),
//     the box split next being the one of the largest squared error, as palettegen's;
//   - each pixel mapped to the nearest palette colour (squared RGB distance) after a weak
//     ordered dither, as paletteuse's bayer_scale=4;
//   - frames after the first written as the rectangle of indices that changed, with a
//     transparent index for the pixels inside it that did not, over the previous frame
//     (disposal none), as ffmpeg's GIF encoder does.
//
// Frames are compared in YUV, 2x2 block by 2x2 block (a block's chroma is shared, and
// nearest chroma upsampling makes a block's pixels depend on that block alone), so an
// unchanged block is neither converted nor mapped again: for a presenter over a still
// slide almost all the work is the first frame. image/gif does the LZW and container.
//
// One difference from the ffmpeg command: its rawvideo input is untagged, so ffmpeg
// converts it to RGB as BT.601, shifting the colours of the BT.709 frames (by 3-4 dB of
// PSNR on the tests' pictures); here they are converted as BT.709.

// gifMaxColors is the size of the palette, the transparent index included when frames
// after the first need one (as palettegen's max_colors with its reserved slot).
const gifMaxColors = 128

// gifBinBits is the bits per channel of the bins of the nearest-colour cache (see
// gifMapper). 5 bits make bins 8 levels wide, in a table of 128 KB that stays in cache
// and is cheap to allocate, with fewer bins to fill than 6 bits (3-4 times as many
// bins filled, 1 MB); more of them hold several candidates, which gifMapper.exact
// mostly answers. On BenchmarkGIFEnc 5 bits took a quarter less CPU than 6 for the
// presenter, and a few per cent less for the pan.
const gifBinBits = 5

// BT.709 limited-range Y'CbCr -> R'G'B' in 16.16 fixed point, the inverse of the
// conversion in yuv.go (kyr..kvb): R = 1.1644(Y-16) + 1.7927(V-128),
// G = 1.1644(Y-16) - 0.2132(U-128) - 0.5329(V-128), B = 1.1644(Y-16) + 2.1124(U-128).
const (
	kiy              = 76309  // 255/219
	kirv             = 117489 // 2(1-Kr) 255/224
	kigu, kigv       = -13975, -34925
	kibu             = 138438 // 2(1-Kb) 255/224
	gifRound   int32 = 1 << 15
)

// gifDither is the ordered dither added to each channel of a pixel before it is mapped,
// by its position (y&7)<<3 | x&7, in 16.16 fixed point: ffmpeg's 8x8 Bayer matrix at
// bayer_scale=4, (bayer >> 4) - 2, offsets of -2..+1 levels (at that scale only a 2x2
// pattern is left of the matrix). That is weak enough not to speckle flat areas and
// text, yet breaks up the bands of a gradient across neighbouring palette colours; an
// offset of -4..+3 cost 0.3-0.5 dB of PSNR (2 dB on flat colours) and 5-15% of file
// size on the tests' pictures.
var gifDither = func() (t [64]int32) {
	for p := range t {
		q := p ^ p>>3
		v := (p&4)>>2 | (q&4)>>1 | (p&2)<<1 | (q&2)<<2 | (p&1)<<4 | (q&1)<<5
		t[p] = (int32(v>>4) - 2) << 16
	}
	return t
}()

// writeGIF writes an animated GIF of frames, each an I420 frame of w x h (see i420 in
// yuv.go), shown for delay each, looping forever.
func writeGIF(out io.Writer, frames []*i420, w, h int, delay time.Duration) error {
	g, err := gifAnimation(frames, w, h, delay)
	if err != nil {
		return err
	}
	return gif.EncodeAll(out, g)
}

// gifAnimation makes the GIF writeGIF writes, palette and frames, for image/gif to
// compress.
func gifAnimation(frames []*i420, w, h int, delay time.Duration) (*gif.GIF, error) {
	d, err := gifCheck(frames, w, h, delay)
	if err != nil {
		return nil, err
	}
	// Frames after the first need a transparent index for the pixels of their rectangle
	// that did not change; a single frame may have all the colours.
	limit, trans := gifMaxColors, -1
	if len(frames) > 1 {
		limit--
	}
	rows := gifDiffs(frames)
	pal := gifPalette(frames, rows, limit)
	palette := make(color.Palette, 0, len(pal)+1)
	for _, c := range pal {
		palette = append(palette, c)
	}
	if len(frames) > 1 {
		trans = len(palette)
		palette = append(palette, color.RGBA{}) // alpha 0: image/gif makes it the transparent index
	}
	m := newGIFMapper(pal)

	g := &gif.GIF{
		Image:     make([]*image.Paletted, len(frames)),
		Delay:     make([]int, len(frames)),
		Disposal:  make([]byte, len(frames)),
		LoopCount: 0, // forever
		Config:    image.Config{ColorModel: palette, Width: w, Height: h},
	}
	prev, cur := make([]uint8, w*h), make([]uint8, w*h)
	for i, f := range frames {
		if i > 0 {
			copy(cur, prev)
		}
		changed := m.mapFrame(cur, f, rows[i])
		if i == 0 {
			g.Image[i] = &image.Paletted{Pix: bytes.Clone(cur), Stride: w, Rect: image.Rect(0, 0, w, h), Palette: palette}
		} else {
			g.Image[i] = gifDiff(cur, prev, w, changed, trans, palette)
		}
		g.Delay[i] = d
		g.Disposal[i] = gif.DisposalNone
		prev, cur = cur, prev
	}
	return g, nil
}

// gifCheck checks writeGIF's arguments and returns the delay in hundredths of a second.
func gifCheck(frames []*i420, w, h int, delay time.Duration) (int, error) {
	if len(frames) == 0 {
		return 0, errors.New("gif: no frames")
	}
	if w <= 0 || h <= 0 || w%2 != 0 || h%2 != 0 || w >= 1<<16 || h >= 1<<16 {
		return 0, fmt.Errorf("gif: bad size %dx%d (must be even, positive and under 65536)", w, h)
	}
	for i, f := range frames {
		if f == nil {
			return 0, fmt.Errorf("gif: frame %d is nil", i)
		}
		if f.w != w || f.h != h || len(f.y) < w*h || len(f.u) < (w/2)*(h/2) || len(f.v) < (w/2)*(h/2) {
			return 0, fmt.Errorf("gif: frame %d is %dx%d, not %dx%d", i, f.w, f.h, w, h)
		}
	}
	d := (delay + 5*time.Millisecond) / (10 * time.Millisecond)
	if delay < 0 || d > math.MaxUint16 {
		return 0, fmt.Errorf("gif: bad frame delay %v", delay)
	}
	return int(d), nil
}

// gifDiffs finds what of each frame differs from the frame before, 2x2 block by 2x2
// block: rows[i][by] is block row by of frame i as gifBlockRow marks it, nil when the
// row did not change. The first frame's rows are whole.
func gifDiffs(frames []*i420) [][][]uint8 {
	cw, ch := frames[0].w/2, frames[0].h/2
	whole := bytes.Repeat([]byte{0x1f}, cw)
	rows := make([][][]uint8, len(frames))
	for i, f := range frames {
		rows[i] = make([][]uint8, ch)
		if i == 0 {
			for by := range rows[i] {
				rows[i][by] = whole
			}
			continue
		}
		slab := make([]uint8, cw*ch)
		for by := range rows[i] {
			if m := slab[by*cw:][:cw]; gifBlockRow(f, frames[i-1], by, m) {
				rows[i][by] = m
			}
		}
	}
	return rows
}

// gifBlockRow marks in mask, for block row by (pixel rows 2by and 2by+1) of f, what of
// each 2x2 block differs from prev: bits 0-3 the pixels whose Y changed (top left, top
// right, bottom left, bottom right), bit 4 the block's chroma. It reports whether any
// block changed.
func gifBlockRow(f, prev *i420, by int, mask []uint8) bool {
	w, cw := f.w, f.w/2
	y0, y1 := f.y[2*by*w:][:w], f.y[(2*by+1)*w:][:w]
	p0, p1 := prev.y[2*by*w:][:w], prev.y[(2*by+1)*w:][:w]
	u, v := f.u[by*cw:][:cw], f.v[by*cw:][:cw]
	pu, pv := prev.u[by*cw:][:cw], prev.v[by*cw:][:cw]
	// Most rows of most frames are unchanged: compare them whole first (memequal is
	// vectorised), then 4 blocks at a time, without branches (a pan changes about
	// every pixel, in no order a branch predictor could learn).
	if bytes.Equal(y0, p0) && bytes.Equal(y1, p1) && bytes.Equal(u, pu) && bytes.Equal(v, pv) {
		return false
	}
	le := binary.LittleEndian
	var any uint64
	bx := 0
	for ; bx+4 <= cw; bx += 4 {
		// Bit 8k of z0, z1: pixel 2bx+k of the top, bottom row changed; bit 8j of zc:
		// block bx+j's chroma changed.
		z0 := gifNonZero(le.Uint64(y0[2*bx:])^le.Uint64(p0[2*bx:])) >> 7
		z1 := gifNonZero(le.Uint64(y1[2*bx:])^le.Uint64(p1[2*bx:])) >> 7
		zc := gifNonZero(uint64((le.Uint32(u[bx:])^le.Uint32(pu[bx:]))|(le.Uint32(v[bx:])^le.Uint32(pv[bx:])))) >> 7
		any |= z0 | z1 | zc
		m := mask[bx : bx+4 : bx+4]
		for j := range 4 {
			m[j] = uint8(z0>>(16*j)&1 | z0>>(16*j+8)&1<<1 | z1>>(16*j)&1<<2 | z1>>(16*j+8)&1<<3 | zc>>(8*j)&1<<4)
		}
	}
	for ; bx < cw; bx++ {
		var m uint8
		if y0[2*bx] != p0[2*bx] {
			m |= 1
		}
		if y0[2*bx+1] != p0[2*bx+1] {
			m |= 2
		}
		if y1[2*bx] != p1[2*bx] {
			m |= 4
		}
		if y1[2*bx+1] != p1[2*bx+1] {
			m |= 8
		}
		if u[bx] != pu[bx] || v[bx] != pv[bx] {
			m |= 16
		}
		mask[bx] = m
		any |= uint64(m)
	}
	return any != 0
}

// gifNonZero sets the top bit of each byte of x that is not zero, and clears the rest.
func gifNonZero(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ((x & low7) + low7 | x) & 0x8080808080808080
}

// gifChroma returns the chroma terms of the R, G and B of the pixels of a 2x2 block, in
// 16.16 fixed point with the rounding and gifClampOff added. Chroma is upsampled
// nearest: each 2x2 block takes its own sample, as ffmpeg's default yuv420p -> RGB
// conversion does. The sample is the block's mean (see convert), so nearest is the
// consistent inverse; it is the cheapest (the terms are computed once for 4 pixels);
// and it keeps a block's pixels independent of its neighbours, which the block-wise
// change detection relies on. Bilinear would soften chroma edges a little better, but
// the palette, not the chroma, limits the GIF's quality.
func gifChroma(u, v uint8) (rv, guv, bu int32) {
	cu, cv := int32(u)-128, int32(v)-128
	const add = gifRound + gifClampOff<<16 // and the offset of gifClamp
	return kirv*cv + add, kigu*cu + kigv*cv + add, kibu*cu + add
}

// gifRGB converts a pixel's Y, with its block's chroma terms, to R'G'B'.
func gifRGB(y uint8, rv, guv, bu int32) (r, g, b int32) {
	yy := (int32(y) - 16) * kiy
	return int32(gifClamp[(yy+rv)>>16&1023]), int32(gifClamp[(yy+guv)>>16&1023]), int32(gifClamp[(yy+bu)>>16&1023])
}

// gifPixel converts a pixel's Y, with its block's chroma terms, to R'G'B' with the
// dither d (16.16, from gifDither) added to each channel, and returns it as 0xRRGGBB and
// as its bin in gifMapper. Small enough to be inlined, as the mapping of every pixel
// needs it.
func gifPixel(y uint8, rv, guv, bu, d int32) (k, rgb int32) {
	yy := (int32(y)-16)*kiy + d
	r := int32(gifClamp[(yy+rv)>>16&1023])
	g := int32(gifClamp[(yy+guv)>>16&1023])
	b := int32(gifClamp[(yy+bu)>>16&1023])
	return r>>gifShift<<(2*gifBinBits) | g>>gifShift<<gifBinBits | b>>gifShift, r<<16 | g<<8 | b
}

// gifClamp clamps x-gifClampOff to 0..255, for x of 0..1023: a load is cheaper than
// comparisons. Any Y, U and V, with the dither, give -292..548 before clamping.
var gifClamp = func() (t [1024]uint8) {
	for i := range t {
		t[i] = uint8(min(max(i-gifClampOff, 0), 255))
	}
	return t
}()

// gifClampOff is the offset of 0 in gifClamp.
const gifClampOff = 384

// gifMapper maps colours to the nearest palette colour by squared RGB distance, exactly,
// with a cache over bins of gifBinBits per channel filled lazily: a bin keeps the palette
// colours that are nearest to some colour in it (see fill), mostly one, given at once,
// otherwise a few to compare.
type gifMapper struct {
	pal   [][3]int32
	norm  []int32          // |p|^2 of each palette colour
	bins  *[gifBins]uint32 // 0: not yet; count 1: index<<8 | 1; else offset into cands<<8 | count
	cands []uint8
	// exact caches the nearest colours to colours of bins of several candidates, by a
	// hash of the colour: colour<<8 | index+1, 0 when empty.
	exact *[1 << gifExactBits]uint32
}

// gifExactBits is the log2 of the size of gifMapper.exact.
const gifExactBits = 16

// gifBins is the number of bins of gifMapper.
const gifBins = 1 << (3 * gifBinBits)

// newGIFMapper makes a mapper to pal.
func newGIFMapper(pal []color.RGBA) *gifMapper {
	m := &gifMapper{pal: make([][3]int32, len(pal)), norm: make([]int32, len(pal)), bins: new([gifBins]uint32), exact: new([1 << gifExactBits]uint32)}
	for i, c := range pal {
		p := [3]int32{int32(c.R), int32(c.G), int32(c.B)}
		m.pal[i], m.norm[i] = p, p[0]*p[0]+p[1]*p[1]+p[2]*p[2]
	}
	return m
}

// gifShift is the shift from a channel to its bin.
const gifShift = 8 - gifBinBits

// index is the index of the palette colour nearest to r, g, b, the lowest on ties.
// mapFrame does the same inline, from gifPixel.
func (m *gifMapper) index(r, g, b int32) uint8 {
	k := r>>gifShift<<(2*gifBinBits) | g>>gifShift<<gifBinBits | b>>gifShift
	if v := m.bins[k&(gifBins-1)]; v&0xff == 1 {
		return uint8(v >> 8)
	}
	return m.search(k, r<<16|g<<8|b)
}

// search is index, for rgb (0xRRGGBB) of bin k, when the bin is not filled yet or holds
// more than one candidate.
func (m *gifMapper) search(k, rgb int32) uint8 {
	k &= gifBins - 1
	v := m.bins[k]
	if v == 0 {
		v = m.fill(k)
		m.bins[k] = v
	}
	if v&0xff == 1 {
		return uint8(v >> 8)
	}
	h := uint32(rgb) * 0x9e3779b1 >> (32 - gifExactBits)
	if e := m.exact[h]; e>>8 == uint32(rgb) && e&0xff != 0 {
		return uint8(e) - 1
	}
	r, g, b := rgb>>16, rgb>>8&0xff, rgb&0xff
	best, bestD := uint8(0), int32(math.MaxInt32)
	// In increasing index, so that ties go to the lowest.
	for _, i := range m.cands[v>>8:][:v&0xff] {
		p := &m.pal[i]
		dr, dg, db := r-p[0], g-p[1], b-p[2]
		if d := dr*dr + dg*dg + db*db; d < bestD {
			best, bestD = i, d
		}
	}
	m.exact[h] = uint32(rgb)<<8 | uint32(best+1)
	return best
}

// fill finds the candidates of bin k, in increasing index: the colour c nearest to the
// bin's centre, and each colour p nearer than c (or as near) to some point x of the bin.
// The nearest colour to any x of the bin is among them, as it is at least as near as c.
// |x-p|^2 - |x-c|^2 = |p|^2 - |c|^2 - 2 x.(p-c) is linear in x, so its least over the
// bin is at the corner that, channel by channel, takes the bin's high end where p
// exceeds c and its low end elsewhere.
func (m *gifMapper) fill(k int32) uint32 {
	const side = 1<<gifShift - 1
	const bmask = 1<<gifBinBits - 1
	lo := [3]int32{k >> (2 * gifBinBits) << gifShift, k >> gifBinBits & bmask << gifShift, k & bmask << gifShift}
	c, cd := 0, int32(math.MaxInt32)
	for i, p := range m.pal { // doubled, so that the centre is whole
		dr, dg, db := 2*p[0]-2*lo[0]-side, 2*p[1]-2*lo[1]-side, 2*p[2]-2*lo[2]-side
		if d := dr*dr + dg*dg + db*db; d < cd {
			c, cd = i, d
		}
	}
	start := len(m.cands) // < gifBins*256 <= 1<<24: it fits in the bin's 24 bits
	// Without branches: which of the bin's ends a channel takes is as good as random.
	pc, nc := m.pal[c], m.norm[c]
	for i, p := range m.pal {
		dr, dg, db := p[0]-pc[0], p[1]-pc[1], p[2]-pc[2]
		least := m.norm[i] - nc - 2*(lo[0]*dr+lo[1]*dg+lo[2]*db) - 2*side*(max(dr, 0)+max(dg, 0)+max(db, 0))
		if least <= 0 {
			m.cands = append(m.cands, uint8(i))
		}
	}
	if n := len(m.cands) - start; n > 1 {
		return uint32(start)<<8 | uint32(n)
	}
	m.cands = m.cands[:start]
	return uint32(c)<<8 | 1
}

// mapFrame maps the blocks of f that changed (rows, its masks from gifDiffs) to palette
// indices in idx, a w x h frame holding the previous frame's indices, and returns the
// rectangle of the blocks that changed.
func (m *gifMapper) mapFrame(idx []uint8, f *i420, rows [][]uint8) image.Rectangle {
	w, cw := f.w, f.w/2
	bins := m.bins
	var changed image.Rectangle
	for by, mask := range rows {
		if mask == nil {
			continue
		}
		y0, y1 := f.y[2*by*w:][:w], f.y[(2*by+1)*w:][:w]
		u, v := f.u[by*cw:][:cw], f.v[by*cw:][:cw]
		i0, i1 := idx[2*by*w:][:w], idx[(2*by+1)*w:][:w]
		d0, d1 := (*[8]int32)(gifDither[(2*by&7)<<3:]), (*[8]int32)(gifDither[((2*by+1)&7)<<3:])
		first, last := -1, 0
		for bx, mk := range mask {
			if mk == 0 {
				continue
			}
			if first < 0 {
				first = bx
			}
			last = bx
			rv, guv, bu := gifChroma(u[bx], v[bx])
			x := 2 * bx
			xd := x & 6
			var ks, rgbs [4]int32
			ks[0], rgbs[0] = gifPixel(y0[x], rv, guv, bu, d0[xd])
			ks[1], rgbs[1] = gifPixel(y0[x+1], rv, guv, bu, d0[xd+1])
			ks[2], rgbs[2] = gifPixel(y1[x], rv, guv, bu, d1[xd])
			ks[3], rgbs[3] = gifPixel(y1[x+1], rv, guv, bu, d1[xd+1])
			var out [4]uint8
			for j, k := range ks {
				if c := bins[k&(gifBins-1)]; c&0xff == 1 {
					out[j] = uint8(c >> 8)
				} else {
					out[j] = m.search(k, rgbs[j])
				}
			}
			i0[x], i0[x+1], i1[x], i1[x+1] = out[0], out[1], out[2], out[3]
		}
		if first >= 0 {
			changed = changed.Union(image.Rect(2*first, 2*by, 2*last+2, 2*by+2))
		}
	}
	return changed
}

// gifDiff is the image of a frame after the first: the rectangle, within changed, of
// the indices of cur that differ from prev's, those that do not made transparent (trans,
// or, without one, left as they are); a transparent 1x1 image when none differ, since a
// GIF frame cannot be empty and the frame must stay for its delay.
func gifDiff(cur, prev []uint8, w int, changed image.Rectangle, trans int, palette color.Palette) *image.Paletted {
	var r image.Rectangle
	for y := changed.Min.Y; y < changed.Max.Y; y++ {
		a := cur[y*w+changed.Min.X : y*w+changed.Max.X]
		b := prev[y*w+changed.Min.X : y*w+changed.Max.X]
		if bytes.Equal(a, b) {
			continue
		}
		x0, x1 := 0, len(a)-1
		for a[x0] == b[x0] {
			x0++
		}
		for a[x1] == b[x1] {
			x1--
		}
		r = r.Union(image.Rect(changed.Min.X+x0, y, changed.Min.X+x1+1, y+1))
	}
	if r.Empty() {
		r = image.Rect(0, 0, 1, 1)
	}
	img := &image.Paletted{Pix: make([]uint8, r.Dx()*r.Dy()), Stride: r.Dx(), Rect: r, Palette: palette}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		a, b := cur[y*w+r.Min.X:y*w+r.Max.X], prev[y*w+r.Min.X:y*w+r.Max.X]
		dst := img.Pix[(y-r.Min.Y)*img.Stride:][:len(a)]
		if trans < 0 {
			copy(dst, a)
		} else {
			gifMaskSame(dst, a, b, uint8(trans))
		}
	}
	return img
}

// gifMaskSame sets dst to a, but to t where a equals b; 8 bytes at a time, without
// branches, as whether a pixel changed follows no pattern (dither) within the rectangle.
func gifMaskSame(dst, a, b []uint8, t uint8) {
	le := binary.LittleEndian
	tw := uint64(t) * 0x0101010101010101
	x := 0
	for ; x+8 <= len(a); x += 8 {
		aw := le.Uint64(a[x:])
		same := (^gifNonZero(aw^le.Uint64(b[x:])) & 0x8080808080808080) >> 7 * 0xff
		le.PutUint64(dst[x:], aw&^same|tw&same)
	}
	for ; x < len(a); x++ {
		v := a[x]
		if v == b[x] {
			v = t
		}
		dst[x] = v
	}
}
