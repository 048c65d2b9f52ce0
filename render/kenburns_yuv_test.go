package render

import (
	"bytes"
	"fmt"
	"image"
	"math/rand"
	"testing"
)

// photoPattern is a w x h opaque picture with smooth gradients, hard edges and fine
// detail, as photos have.
func photoPattern(w, h int) *image.RGBA {
	img := newCanvas(w, h)
	for y := range h {
		for x := range w {
			o := img.PixOffset(x, y)
			r, g, b := 60+150*x/w, 90+120*y/h, 200-100*x/w
			if dx, dy := x-w*2/3, y-h/3; dx*dx+dy*dy < h*h/16 {
				r, g, b = 250, 200, 80 // a sun, with a hard edge
			}
			if y > h*2/3 {
				r, g, b = 70, 140, 90
				if (x/3+y/2)%5 == 0 {
					g += 60 // grass
				}
			}
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = uint8(r), uint8(g), uint8(b), 255
		}
	}
	return img
}

// The panel painted straight into I420 is the panel painted in RGBA and converted, up to
// rounding: luma within 2 levels, chroma (sampled at its blocks' centres rather than
// averaged from four samples) within 16 levels at hard edges and less than one on
// average; at the start, middle and end of the zoom, in panels at odd and even places.
func TestPaintI420NearRGBA(t *testing.T) {
	pic := photoPattern(900, 600)
	for _, panel := range []image.Rectangle{image.Rect(33, 21, 673, 381), image.Rect(40, 60, 500, 420), image.Rect(0, 0, 641, 359)} {
		k := newKenBurns(pic, panel, roundRectMask(panel.Dx(), panel.Dy(), 24))
		solid := innerEven(k.solid)
		if solid.Empty() || k.planes == nil {
			t.Fatalf("%v: no solid band (%v) or no planes", panel, k.solid)
		}
		frame := image.Rect(0, 0, 720, 400)
		for _, p := range []float64{0, 0.43, 1} {
			k.at(p)
			rgba := newCanvas(frame.Dx(), frame.Dy())
			k.paint(rgba, solid)
			want := newI420(frame.Dx(), frame.Dy())
			want.convert(rgba, solid)
			got := newI420(frame.Dx(), frame.Dy())
			k.paintI420(got, solid)
			cmp := func(name string, g, w []byte, stride int, r image.Rectangle, maxDiff int, maxMean float64) {
				t.Helper()
				worst, sum, n := 0, 0, 0
				for y := r.Min.Y; y < r.Max.Y; y++ {
					for x := r.Min.X; x < r.Max.X; x++ {
						d := int(g[y*stride+x]) - int(w[y*stride+x])
						worst, sum, n = max(worst, d, -d), sum+max(d, -d), n+1
					}
				}
				if mean := float64(sum) / float64(n); worst > maxDiff || mean > maxMean {
					t.Errorf("%v at %.2f, %s: differs by up to %d (mean %.2f) from the RGBA path, want at most %d (%.2f)", panel, p, name, worst, mean, maxDiff, maxMean)
				}
			}
			cmp("Y", got.y, want.y, frame.Dx(), solid, 2, 0.6)
			c := image.Rect(solid.Min.X/2, solid.Min.Y/2, solid.Max.X/2, solid.Max.Y/2)
			cmp("U", got.u, want.u, frame.Dx()/2, c, 16, 0.6)
			cmp("V", got.v, want.v, frame.Dx()/2, c, 16, 0.6)
			// Nothing outside the part painted.
			outside := newI420(frame.Dx(), frame.Dy())
			k.paintI420(outside, image.Rect(0, 0, solid.Min.X, frame.Dy()))
			if !bytes.Equal(outside.buf, make([]byte, len(outside.buf))) {
				t.Errorf("%v: painting left of the panel's solid band drew something", panel)
			}
		}
	}
}

// The I420 pan and zoom's SIMD passes write the very bytes of its plain loops, whole and
// in parts (FuzzKernels does the same over random pictures and panels).
func TestPaintI420SIMDMatchesPlain(t *testing.T) {
	rnd := rand.New(rand.NewSource(11))
	for _, c := range []struct {
		w, h  int
		panel image.Rectangle
	}{
		{300, 200, image.Rect(10, 10, 250, 150)},
		{97, 61, image.Rect(3, 7, 200, 120)},   // odd sizes, picture enlarged
		{1200, 800, image.Rect(1, 1, 333, 99)}, // picture shrunk, odd place
		{8, 8, image.Rect(0, 0, 40, 40)},
	} {
		pic := newCanvas(c.w, c.h)
		rnd.Read(pic.Pix)
		for i := 3; i < len(pic.Pix); i += 4 {
			pic.Pix[i] = 255
		}
		k := newKenBurns(pic, c.panel, nil)
		for _, p := range []float64{0, 0.21, 0.77, 1} {
			if err := checkPaintI420SIMD(k, p, 2+rnd.Intn(30)*2); err != nil {
				t.Fatalf("%dx%d in %v: %v", c.w, c.h, c.panel, err)
			}
		}
	}
}

// checkPaintI420SIMD paints k's solid band at p into I420 with the plain loops, with the
// host's kernels, and with the host's kernels in strips step pixels wide, and reports the
// first difference.
func checkPaintI420SIMD(k *kenBurns, p float64, step int) error {
	solid := innerEven(k.solid)
	if solid.Empty() {
		return nil
	}
	w, h := (k.rect.Max.X+1)&^1, (k.rect.Max.Y+1)&^1
	k.at(p)
	var out [3]*i420
	for i, kern := range []simd{plainSIMD, hostSIMD, hostSIMD} {
		out[i] = newI420(w, h)
		k.simd = kern
		if i < 2 {
			k.paintI420(out[i], solid)
			continue
		}
		for x := solid.Min.X; x < solid.Max.X; x += step {
			k.paintI420(out[i], image.Rect(x, solid.Min.Y, min(x+step, solid.Max.X), solid.Max.Y))
		}
	}
	k.simd = hostSIMD
	if i := firstDiff(out[1].buf, out[0].buf); i >= 0 {
		return fmt.Errorf("at %.3f: byte %d of %d differs from the plain loops", p, i, len(out[0].buf))
	}
	if i := firstDiff(out[2].buf, out[0].buf); i >= 0 {
		return fmt.Errorf("at %.3f, strips of %d: byte %d of %d differs from the whole", p, step, i, len(out[0].buf))
	}
	return nil
}

// BenchmarkKenBurnsI420 draws one frame of a panning photo in a 1080p slide panel into
// I420, as the renderer does where the panel shows alone: straight into the planes, and
// through RGBA and the conversion.
func BenchmarkKenBurnsI420(b *testing.B) {
	src := photoPattern(1200, 800)
	k := newKenBurns(src, image.Rect(160, 90, 1760, 990), roundRectMask(1600, 900, 40))
	solid := innerEven(k.solid)
	px := float64(solid.Dx() * solid.Dy())
	dst := newI420(1920, 1080)
	b.Run("planes", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			k.at(float64(i%100) / 100)
			k.paintI420(dst, solid)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/px, "ns/px")
	})
	b.Run("rgba", func(b *testing.B) {
		rgba := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
		for i := 0; i < b.N; i++ {
			k.at(float64(i%100) / 100)
			k.paint(rgba, solid)
			dst.convert(rgba, solid)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/px, "ns/px")
	})
}
