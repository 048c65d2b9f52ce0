package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand"
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

// fillMask gives image/draw's result.
func TestFillMaskMatchesDraw(t *testing.T) {
	m := circleMask(57)
	for _, c := range []color.RGBA{rgb(0x336699), withAlpha(rgb(0xFFCC00), 0.4)} {
		a, b := newCanvas(80, 60), newCanvas(80, 60)
		for i := range a.Pix {
			a.Pix[i] = uint8(i * 7)
			if i%4 == 3 {
				a.Pix[i] = 255
			}
		}
		copy(b.Pix, a.Pix)
		at := image.Pt(40, -10)
		fillMask(a, m, at, c)
		draw.DrawMask(b, m.Bounds().Add(at), image.NewUniform(c), image.Point{}, m, image.Point{}, draw.Over)
		if string(a.Pix) != string(b.Pix) {
			t.Errorf("colour %v: fillMask differs from draw.DrawMask", c)
		}
	}
}

// The image panel's fast bilinear filter agrees with a plain per-pixel one within one
// level per channel, at the start, middle and end of its zoom.
func TestKenBurnsFilter(t *testing.T) {
	src := newCanvas(300, 200)
	for i := range src.Pix {
		src.Pix[i] = uint8(i*31 + i/1200*7)
		if i%4 == 3 {
			src.Pix[i] = 255
		}
	}
	k := newKenBurns(src, image.Rect(10, 10, 250, 150), nil)
	for _, p := range []float64{0, 0.37, 1} {
		k.render(p)
		// Reference: the same sampling positions, computed per pixel.
		e := p * p * (3 - 2*p)
		pw, ph := k.out.Rect.Dx(), k.out.Rect.Dy()
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
					at := func(x, y int) uint32 { return uint32(k.src[y*k.sw+x]>>(16*c)) & 0xff }
					a := at(ix, iy)*(256-wx) + at(ix1, iy)*wx
					b := at(ix, iy1)*(256-wx) + at(ix1, iy1)*wx
					want := int((a*(256-wy) + b*wy) >> 16)
					if got := int(k.out.Pix[y*k.out.Stride+x*4+c]); got < want-1 || got > want+1 {
						t.Fatalf("t=%.2f (%d,%d) channel %d: %d, want %d", p, x, y, c, got, want)
					}
				}
			}
		}
	}
}

// BenchmarkKenBurns1080p draws one frame of a panning photo in a 1080p slide panel.
func BenchmarkKenBurns1080p(b *testing.B) {
	src := newCanvas(1200, 800)
	for i := range src.Pix {
		src.Pix[i] = uint8(i*31 + i/4800*7)
	}
	k := newKenBurns(src, image.Rect(0, 0, 1600, 900), nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.render(float64(i%100) / 100)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(1600*900), "ns/px")
}
