package render

import (
	"encoding/binary"
	"image"
	"math"

	xdraw "golang.org/x/image/draw"
)

// kenBurnsZoom is how far an image zooms in over its scene.
const kenBurnsZoom = 1.12

// kenBurns shows an image in a panel, covering it without distortion, slowly zooming in
// and drifting over the scene.
type kenBurns struct {
	rect image.Rectangle // panel, frame coordinates
	mask *image.Alpha    // rounded corners, panel coordinates
	// src is the image scaled once to cover the panel at the largest zoom, sw x sh
	// pixels, each with its four channels already in the 16-bit lanes of a uint64 (see
	// spread): twice the memory of RGBA, but every frame filters most of its rows, and
	// spreading them each time was half of the filter's work.
	src    []uint64
	sw, sh int
	out    *image.RGBA // the panel's current pixels
	xs     []kbTap     // scratch: per column sampling
	rows   [2][]uint64 // scratch: horizontally filtered source rows
}

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
	scaled := image.NewRGBA(image.Rect(0, 0, sw, sh))
	xdraw.BiLinear.Scale(scaled, scaled.Bounds(), img, b, xdraw.Src, nil)
	src := make([]uint64, sw*sh)
	for i := range src {
		src[i] = spread(scaled.Pix[4*i:])
	}
	return &kenBurns{rect: panel, mask: mask, src: src, sw: sw, sh: sh, out: image.NewRGBA(image.Rect(0, 0, panel.Dx(), panel.Dy()))}
}

// render draws the panel at progress t (0-1 through the scene) into k.out.
func (k *kenBurns) render(t float64) {
	e := t * t * (3 - 2*t) // ease in and out
	pw, ph := k.out.Rect.Dx(), k.out.Rect.Dy()
	sw, sh := float64(k.sw), float64(k.sh)
	// Window size in source pixels: the whole cover at t=0, the panel size at t=1.
	f := kenBurnsZoom + (1-kenBurnsZoom)*e
	step := f / kenBurnsZoom * math.Min(sw/float64(pw), sh/float64(ph))
	ww, wh := float64(pw)*step, float64(ph)*step
	// Drift from the centre a little towards the upper right.
	cx := sw/2 + (sw-ww)/2*0.5*e
	cy := sh/2 - (sh-wh)/2*0.4*e
	x0, y0 := cx-ww/2, cy-wh/2
	fs := int64(step * 65536)
	fx0, fy0 := int64(x0*65536), int64(y0*65536)
	maxX, maxY := k.sw-1, k.sh-1
	// The horizontal sample positions and weights are the same on every row.
	if cap(k.xs) < pw {
		k.xs = make([]kbTap, pw)
	}
	xs := k.xs[:pw]
	for x := range xs {
		sx := fx0 + int64(x)*fs
		ix := clampi(int(sx>>16), 0, maxX)
		xs[x] = kbTap{i0: int32(ix), i1: int32(min(ix+1, maxX)), w: uint32(sx>>8) & 0xff}
	}
	// Bilinear filtering with the four channels of a pixel in the 16-bit lanes of a
	// uint64, so that one multiplication weighs all of them.
	const lanes = 0x00FF00FF00FF00FF
	// Each output row blends two source rows filtered horizontally; consecutive output
	// rows mostly share their source rows, so filtered rows are kept (rows[0] for source
	// row rowY[0], rows[1] for rowY[1]).
	if cap(k.rows[0]) < pw {
		k.rows[0], k.rows[1] = make([]uint64, pw), make([]uint64, pw)
	}
	rows := [2][]uint64{k.rows[0][:pw], k.rows[1][:pw]}
	rowY := [2]int{-1, -1}
	filtered := func(iy int) []uint64 {
		if rowY[0] == iy {
			return rows[0]
		}
		if rowY[1] == iy {
			return rows[1]
		}
		// Replace the row not needed next (the lower index: rows go down the image).
		j := 0
		if rowY[1] < rowY[0] {
			j = 1
		}
		src := k.src[iy*k.sw:][:k.sw]
		out := rows[j]
		out = out[:len(xs)]
		for x, tp := range xs {
			wx, iwx := uint64(tp.w), 256-uint64(tp.w)
			out[x] = (src[tp.i0]*iwx + src[tp.i1]*wx) >> 8 & lanes
		}
		rowY[j] = iy
		return out
	}
	for y := 0; y < ph; y++ {
		sy := fy0 + int64(y)*fs
		iy := int(sy >> 16)
		wy := uint64(sy>>8) & 0xff
		iy1 := min(iy+1, maxY)
		iy = clampi(iy, 0, maxY)
		a, b := filtered(iy), filtered(iy1)
		d := k.out.Pix[y*k.out.Stride:][:4*pw]
		iwy := 256 - wy
		b = b[:len(a)]
		for x := kbVerticalFast(a, b, d, wy); x < len(a); x++ {
			v := (a[x]*iwy + b[x]*wy) >> 8 & lanes
			binary.LittleEndian.PutUint32(d[x*4:], uint32(v&0xff|v>>8&0xff00|v>>16&0xff0000|v>>24&0xff000000))
		}
	}
}

// kbTap is where a panel column samples the source: two neighbouring pixels' indices in a
// row and the weight of the second (0-255).
type kbTap struct {
	i0, i1 int32
	w      uint32
}
