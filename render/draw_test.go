package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand"
	"slices"
	"testing"
)

// The fast row and column blurs give exactly boxBlur's result.
func TestBlurMatchesBoxBlur(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for _, sz := range [][3]int{{37, 23, 3}, {64, 64, 7}, {200, 90, 12}, {5, 300, 20}} {
		w, h, rad := sz[0], sz[1], sz[2]
		a := make([]uint8, w*h)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if y > h/3 && y < h/2 { // identical rows, as a card's sides give
					a[y*w+x] = uint8(x * 255 / w)
				} else {
					a[y*w+x] = uint8(rng.Intn(256))
				}
			}
		}
		b := append([]uint8(nil), a...)
		boxBlur(a, w, h, 1, w, rad)
		boxBlur(a, h, w, w, 1, rad)
		blurRows(b, w, h, rad)
		blurCols(b, make([]uint8, len(b)), w, h, rad)
		if string(a) != string(b) {
			t.Errorf("%dx%d radius %d: blurs differ", w, h, rad)
		}
	}
}

// fillMask gives image/draw's result, opaque black (shadows, looked up) included, over
// opaque and translucent pixels, at every coverage.
func TestFillMaskMatchesDraw(t *testing.T) {
	ramp := image.NewAlpha(image.Rect(0, 0, 256, 256)) // every coverage over every value
	for i := range ramp.Pix {
		ramp.Pix[i] = uint8(i)
	}
	for _, m := range []*image.Alpha{circleMask(57), ramp} {
		for _, c := range []color.RGBA{rgb(0x336699), withAlpha(rgb(0xFFCC00), 0.4), {A: 255}} {
			for _, opaque := range []bool{true, false} {
				a, b := newCanvas(300, 280), newCanvas(300, 280)
				for i := range a.Pix {
					a.Pix[i] = uint8(i * 7 / 3)
					if i%4 == 3 && opaque {
						a.Pix[i] = 255
					}
				}
				copy(b.Pix, a.Pix)
				at := image.Pt(40, -10)
				fillMask(a, m, at, c)
				draw.DrawMask(b, m.Bounds().Add(at), image.NewUniform(c), image.Point{}, m, image.Point{}, draw.Over)
				if string(a.Pix) != string(b.Pix) {
					t.Errorf("colour %v, mask %v, opaque canvas %v: fillMask differs from draw.DrawMask", c, m.Rect, opaque)
				}
			}
		}
	}
}

// opaquePattern is an opaque w x h picture whose colour changes from pixel to pixel and
// row to row: no two neighbours filter alike.
func opaquePattern(w, h int) *image.RGBA {
	img := newCanvas(w, h)
	for i := range img.Pix {
		img.Pix[i] = uint8(i*31 + i/(4*w)*7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	return img
}

// The image panel's fast bilinear filter agrees with a plain per-pixel one within one
// level per channel, at the start, middle and end of its zoom.
func TestKenBurnsFilter(t *testing.T) {
	src := opaquePattern(300, 200)
	k := newKenBurns(src, image.Rect(10, 10, 250, 150), nil)
	for _, p := range []float64{0, 0.37, 1} {
		out := panelPixels(k, p)
		// Reference: the same sampling positions, computed per pixel.
		e := p * p * (3 - 2*p)
		pw, ph := k.rect.Dx(), k.rect.Dy()
		sw, sh := float64(k.sw), float64(k.sh)
		f := kenBurnsZoom + (1-kenBurnsZoom)*e
		step := f / kenBurnsZoom * math.Min(sw/float64(pw), sh/float64(ph))
		ww, wh := float64(pw)*step, float64(ph)*step
		x0, y0 := sw/2+(sw-ww)/2*0.5*e-ww/2, sh/2-(sh-wh)/2*0.4*e-wh/2
		fs, fx0, fy0 := int64(step*65536), int64(x0*65536), int64(y0*65536)
		maxX, maxY := k.sw-1, k.sh-1
		for y := 0; y < ph; y++ {
			sy := fy0 + int64(y)*fs
			iy, wy := int(sy>>16), uint32(sy>>8)&0xff
			iy1 := min(iy+1, maxY)
			iy = clampi(iy, 0, maxY)
			for x := 0; x < pw; x++ {
				sx := fx0 + int64(x)*fs
				ix, wx := clampi(int(sx>>16), 0, maxX), uint32(sx>>8)&0xff
				ix1 := min(ix+1, maxX)
				for c := 0; c < 4; c++ {
					at := func(x, y int) uint32 { return uint32(k.pix[4*(y*k.sw+x)+c]) }
					a := at(ix, iy)*(256-wx) + at(ix1, iy)*wx
					b := at(ix, iy1)*(256-wx) + at(ix1, iy1)*wx
					want := int((a*(256-wy) + b*wy) >> 16)
					if got := int(out.Pix[y*out.Stride+x*4+c]); got < want-1 || got > want+1 {
						t.Fatalf("t=%.2f (%d,%d) channel %d: %d, want %d", p, x, y, c, got, want)
					}
				}
			}
		}
	}
}

// panelPixels are the pixels of panel k at progress p, without its mask, over
// transparent black: for an opaque image, the panel's own pixels.
func panelPixels(k *kenBurns, p float64) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, k.rect.Dx(), k.rect.Dy()).Add(k.rect.Min))
	mask := k.mask
	k.mask = nil
	defer func() { k.mask = mask }()
	k.at(p)
	k.paint(out, k.rect)
	return out
}

// The panel painted straight into a frame, whole or in parts, gives the pixels of the
// panel image blended over the frame with its mask, for an opaque image (written where
// the mask is opaque, blended at the corners) and one with transparency (blended
// everywhere).
func TestKenBurnsPaintMatchesBlend(t *testing.T) {
	rnd := rand.New(rand.NewSource(5))
	base := newCanvas(320, 200)
	for i := range base.Pix {
		base.Pix[i] = uint8(rnd.Intn(256))
	}
	for _, opaque := range []bool{true, false} {
		src := newCanvas(200, 150)
		for i := 0; i < len(src.Pix); i += 4 {
			a := 255
			if !opaque && i%28 != 0 {
				a = rnd.Intn(256)
			}
			for c := 0; c < 3; c++ {
				src.Pix[i+c] = uint8(rnd.Intn(256) * a / 255)
			}
			src.Pix[i+3] = uint8(a)
		}
		panel := image.Rect(30, 20, 290, 181)
		mask := roundRectMask(panel.Dx(), panel.Dy(), 24)
		k := newKenBurns(src, panel, mask)
		if opaque != !k.solid.Empty() {
			t.Fatalf("opaque image %v: solid band %v", opaque, k.solid)
		}
		for _, p := range []float64{0, 0.6} {
			raw := panelPixels(newKenBurns(src, panel, nil), p)
			k.at(p)
			for _, r := range []image.Rectangle{panel, image.Rect(0, 0, 60, 50), image.Rect(100, 150, 300, 200), image.Rect(31, 21, 33, 190)} {
				want := image.NewRGBA(base.Rect)
				copy(want.Pix, base.Pix)
				blend(want, r.Intersect(panel), raw, image.Point{}, 255, mask, panel.Min)
				got := image.NewRGBA(base.Rect)
				copy(got.Pix, base.Pix)
				k.paint(got, r)
				if i := firstDiff(got.Pix, want.Pix); i >= 0 {
					t.Fatalf("opaque image %v, t=%.1f, part %v: pixel (%d,%d) differs from the blended panel",
						opaque, p, r, i/4%base.Rect.Dx(), i/4/base.Rect.Dx())
				}
			}
		}
	}
}

// BenchmarkKenBurns1080p draws one frame of a panning photo in a 1080p slide panel with
// rounded corners, straight into the frame.
func BenchmarkKenBurns1080p(b *testing.B) {
	src := opaquePattern(1200, 800)
	k := newKenBurns(src, image.Rect(160, 90, 1760, 990), roundRectMask(1600, 900, 40))
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.at(float64(i%100) / 100)
		k.paint(dst, k.rect)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(1600*900), "ns/px")
}

// blend's fast paths (runs of opaque pixels, tested four at a time) give the same pixels
// as plain source-over, pixel by pixel, with and without a mask and a global alpha.
func TestBlendMatchesPerPixel(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	const W, H = 61, 17
	src := image.NewRGBA(image.Rect(0, 0, W, H))
	mask := image.NewAlpha(image.Rect(0, 0, W, H))
	for i := 0; i < W*H; i++ {
		a := uint8(255) // mostly opaque runs, some transparent and partial pixels
		switch rnd.Intn(9) {
		case 0:
			a = 0
		case 1:
			a = uint8(rnd.Intn(256))
		}
		for c := 0; c < 3; c++ {
			src.Pix[4*i+c] = uint8(int(rnd.Intn(256)) * int(a) / 255) // premultiplied
		}
		src.Pix[4*i+3] = a
		mask.Pix[i] = 255
		if rnd.Intn(7) == 0 {
			mask.Pix[i] = uint8(rnd.Intn(256))
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, W, H))
	for i := range dst.Pix {
		dst.Pix[i] = uint8(rnd.Intn(256))
	}
	for _, alpha := range []uint32{255, 140} {
		for _, m := range []*image.Alpha{nil, mask} {
			got := image.NewRGBA(dst.Rect)
			copy(got.Pix, dst.Pix)
			r := image.Rect(2, 1, W, H-1)
			blend(got, r, src, image.Point{}, alpha, m, image.Point{})
			for y := 0; y < H; y++ {
				for x := 0; x < W; x++ {
					want := dst.Pix[dst.PixOffset(x, y):][:4]
					if (image.Point{x, y}).In(r) {
						k := alpha
						if m != nil {
							k = k * uint32(m.AlphaAt(x, y).A) / 255
						}
						s := src.Pix[src.PixOffset(x, y):]
						sa := uint32(s[3]) * k / 255
						w := make([]uint8, 4)
						for c := 0; c < 3; c++ {
							w[c] = uint8(uint32(s[c])*k/255 + uint32(want[c])*(255-sa)/255)
						}
						w[3] = uint8(sa + uint32(want[3])*(255-sa)/255)
						want = w
					}
					if g := got.Pix[got.PixOffset(x, y):][:4]; string(g) != string(want) {
						t.Fatalf("alpha %d, mask %v, (%d,%d): %v, want %v", alpha, m != nil, x, y, g, want)
					}
				}
			}
		}
	}
}

// BenchmarkBlendPanel1080p blends an opaque 1600x900 panel with rounded corners, as an
// image scene does every frame.
func BenchmarkBlendPanel1080p(b *testing.B) {
	panel := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for i := range panel.Pix {
		panel.Pix[i] = 255
	}
	mask := roundRectMask(1600, 900, 40)
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	at := image.Pt(160, 90)
	r := panel.Rect.Add(at)
	for i := 0; i < b.N; i++ {
		blend(dst, r, panel, at, 255, mask, at)
	}
}

// The pan-and-zoom's SIMD passes (where the CPU has them) write the very bytes of the
// plain loops, for panel widths with and without a tail of fewer than 8 pixels, painted
// whole or in strips.
func TestKenBurnsSIMDMatchesScalar(t *testing.T) {
	src := opaquePattern(300, 200)
	if !hostSIMD.avx2 {
		t.Skip("no AVX2 kernels in this build or on this CPU: there is only the plain loop")
	}
	for _, panel := range []image.Rectangle{image.Rect(10, 10, 250, 150), image.Rect(0, 0, 237, 131)} {
		k := newKenBurns(src, panel, nil)
		for _, p := range []float64{0, 0.21, 0.5, 0.93, 1} {
			k.simd = plainSIMD
			want := string(panelPixels(k, p).Pix)
			k.simd = hostSIMD
			if string(panelPixels(k, p).Pix) != want {
				t.Fatalf("panel %v, t=%.2f: SIMD and scalar passes differ", panel, p)
			}
			// In strips of odd widths, as the compositor may paint it: each strip's SIMD
			// groups start at another column.
			strips := image.NewRGBA(k.rect)
			mask := k.mask
			k.mask = nil
			for x := k.rect.Min.X; x < k.rect.Max.X; x += 37 {
				k.paint(strips, image.Rect(x, k.rect.Min.Y, min(x+37, k.rect.Max.X), k.rect.Max.Y))
			}
			k.mask = mask
			if string(strips.Pix) != want {
				t.Fatalf("panel %v, t=%.2f: painted in strips, SIMD and scalar passes differ", panel, p)
			}
		}
	}
}

// blend's SIMD paths (where the CPU has them) write the very bytes of the plain loop, over
// rows of opaque, transparent and partly covered premultiplied pixels, for widths with and
// without a tail of fewer than 8 pixels: at full alpha without a mask, and scaled by an
// alpha, a mask (with runs of 0, 255 and partial values) or both.
func TestBlendSIMDMatchesScalar(t *testing.T) {
	if !hostSIMD.avx2 {
		t.Skip("no AVX2 kernels in this build or on this CPU: there is only the plain loop")
	}
	rnd := rand.New(rand.NewSource(8))
	for _, w := range []int{8, 61, 200} {
		const h = 40
		// Runs of one kind, long enough that whole groups of 8 are alike.
		src := premultipliedPattern(rnd, w, h, 11)
		base := image.NewRGBA(image.Rect(0, 0, w+10, h+10))
		rnd.Read(base.Pix)
		mask := alphaPattern(rnd, w+4, h+4, 13)
		r := image.Rect(3, 5, 3+w, 5+h)
		for _, alpha := range []uint32{255, 254, 128, 1, 0} {
			for _, m := range []*image.Alpha{nil, mask} {
				var out [2]*image.RGBA
				for k, kern := range []simd{plainSIMD, hostSIMD} {
					out[k] = image.NewRGBA(base.Rect)
					copy(out[k].Pix, base.Pix)
					blendWith(kern, out[k], r, src, r.Min, alpha, m, image.Pt(1, 2))
				}
				if i := firstDiff(out[1].Pix, out[0].Pix); i >= 0 {
					t.Fatalf("width %d, alpha %d, mask %v: byte %d is %d, want %d", w, alpha, m != nil, i, out[1].Pix[i], out[0].Pix[i])
				}
			}
		}
	}
}

// BenchmarkBlendCaption1080p blends a caption band (translucent, with opaque text) of
// 1400x160 pixels, as a caption over a moving picture is every frame.
func BenchmarkBlendCaption1080p(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 1400, 160))
	for i := 0; i < len(src.Pix); i += 4 {
		a := uint8(150)
		if (i/4)%1400%90 < 20 {
			a = 255 // text
		}
		src.Pix[i], src.Pix[i+1], src.Pix[i+2], src.Pix[i+3] = a/5, a/5, a/4, a
	}
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	at := image.Pt(260, 860)
	for b.Loop() {
		blend(dst, src.Rect.Add(at), src, at, 255, nil, image.Point{})
	}
}

// The rounded rectangle's mask, drawn a strip at a time, gives every pixel the part of its
// area inside the shape (counted on a 32x32 grid in the pixel) within a few levels, for
// cards, discs, bars and slivers. (The outline rasterizer it replaced was off by up to 48.)
func TestRoundRectMaskCoversArea(t *testing.T) {
	for _, c := range []struct {
		w, h int
		rad  float64
	}{{1768, 928, 40}, {201, 200, 100}, {75, 9, 4.5}, {12, 12, 6}, {97, 12, 30}, {3, 50, 1}, {40, 40, 0}, {1, 1, 0.5}, {31, 30, 100}} {
		got := drawRoundRectMask(c.w, c.h, c.rad)
		rad := math.Max(0, math.Min(c.rad, math.Min(float64(c.w), float64(c.h))/2))
		const grid = 32
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				corner := float64(min(x, c.w-1-x)) < rad && float64(min(y, c.h-1-y)) < rad
				n := grid * grid // elsewhere the pixel is inside
				if corner {
					n = 0
				}
				for j := 0; corner && j < grid; j++ {
					for i := 0; i < grid; i++ {
						px, py := float64(x)+(float64(i)+0.5)/grid, float64(y)+(float64(j)+0.5)/grid
						cx := math.Max(rad, math.Min(px, float64(c.w)-rad)) // nearest point of the inner rectangle
						cy := math.Max(rad, math.Min(py, float64(c.h)-rad))
						if (px-cx)*(px-cx)+(py-cy)*(py-cy) <= rad*rad {
							n++
						}
					}
				}
				want := float64(n) * 255 / grid / grid
				if d := math.Abs(float64(got.Pix[y*c.w+x]) - want); d > 5 {
					t.Fatalf("%dx%d, radius %g: pixel (%d, %d) is %d, covers %.1f", c.w, c.h, c.rad, x, y, got.Pix[y*c.w+x], want)
				}
			}
		}
	}
}

// copyRectExcept copies every pixel of the rectangle but those in a hole, leaves the
// rest of the frame, and leaves the holes it is given as they were (the compositor passes
// the same ones for every band of a frame).
func TestCopyRectExcept(t *testing.T) {
	rnd := rand.New(rand.NewSource(4))
	src := image.NewRGBA(image.Rect(0, 0, 64, 48))
	rnd.Read(src.Pix)
	for n := 0; n < 200; n++ {
		var holes []image.Rectangle
		for range rnd.Intn(4) {
			x, y := rnd.Intn(64), rnd.Intn(48)
			holes = append(holes, image.Rect(x, y, x+rnd.Intn(30), y+rnd.Intn(20)))
		}
		given := append([]image.Rectangle(nil), holes...)
		dst := image.NewRGBA(src.Rect)
		for band := 0; band < 48; band += 16 { // as compose calls it, band by band
			r := image.Rect(rnd.Intn(20), band, 30+rnd.Intn(34), band+16)
			for i := range dst.Pix {
				dst.Pix[i] = 0xEE
			}
			copyRectExcept(dst, src, r, holes)
			for y := 0; y < 48; y++ {
				for x := 0; x < 64; x++ {
					p := image.Pt(x, y)
					inHole := false
					for _, h := range given {
						inHole = inHole || p.In(h)
					}
					want := uint8(0xEE)
					if p.In(r) && !inHole {
						want = src.Pix[src.PixOffset(x, y)]
					}
					if got := dst.Pix[dst.PixOffset(x, y)]; got != want {
						t.Fatalf("case %d, %v less %v: pixel (%d, %d) is %#x, want %#x", n, r, given, x, y, got, want)
					}
				}
			}
			if !slices.Equal(holes, given) {
				t.Fatalf("case %d: the holes became %v", n, holes)
			}
		}
	}
}
