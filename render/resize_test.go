package render

import (
	"image"
	"image/color"
	"math"
	"math/rand"
	"testing"

	xdraw "golang.org/x/image/draw"
)

// testPicture is a picture with smooth gradients, hard edges and noisy detail, which a
// wrong filter (no widening of its support when reducing, off-centre sampling) aliases or
// shifts.
func testPicture(w, h int, seed int64) *image.RGBA {
	rnd := rand.New(rand.NewSource(seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255}
			if (x/17+y/13)%2 == 0 {
				c.B = 30
			}
			if x > w/2 {
				c.R = uint8(rnd.Intn(256)) // noise
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// scaleSpread gives the pixels of x/image/draw's BiLinear within rounding, reducing and
// enlarging, from RGBA, YCbCr and non-premultiplied NRGBA pictures.
func TestScaleSpreadMatchesBiLinear(t *testing.T) {
	rgba := testPicture(700, 420, 1)
	ycc := image.NewYCbCr(rgba.Rect, image.YCbCrSubsampleRatio420)
	nrgba := image.NewNRGBA(rgba.Rect)
	for y := 0; y < rgba.Rect.Dy(); y++ {
		for x := 0; x < rgba.Rect.Dx(); x++ {
			c := rgba.RGBAAt(x, y)
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			ycc.Y[ycc.YOffset(x, y)], ycc.Cb[ycc.COffset(x, y)], ycc.Cr[ycc.COffset(x, y)] = yy, cb, cr
			nrgba.SetNRGBA(x, y, color.NRGBA{c.R, c.G, c.B, uint8(x % 256)})
		}
	}
	for _, tc := range []struct {
		name string
		img  image.Image
		w, h int
	}{
		{"reduce 2.3x", rgba, 300, 180},
		{"enlarge 1.7x", rgba, 1190, 714},
		{"reduce across, enlarge down", rgba, 200, 800},
		{"ycbcr", ycc, 310, 190},
		{"nrgba", nrgba, 410, 250},
		{"past 8x", rgba, 80, 50},
	} {
		got := scaleSpread(tc.img, tc.w, tc.h)
		want := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
		xdraw.BiLinear.Scale(want, want.Rect, tc.img, tc.img.Bounds(), xdraw.Src, nil)
		var sum, worst float64
		for i, v := range got {
			for c := 0; c < 4; c++ {
				d := math.Abs(float64(v>>(16*c)&0xff) - float64(want.Pix[4*i+c]))
				sum += d
				worst = math.Max(worst, d)
			}
		}
		mean := sum / float64(4*len(got))
		if mean > 0.4 || worst > 3 {
			t.Errorf("%s: differs from BiLinear by %.2f levels on average, %.0f at most", tc.name, mean, worst)
		}
	}
}

// A flat picture stays flat: the weights of every tap set sum to one.
func TestScaleSpreadFlat(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 333, 211))
	for i := range img.Pix {
		img.Pix[i] = []uint8{200, 13, 255, 255}[i%4]
	}
	for _, size := range []image.Point{{100, 70}, {1000, 600}, {333, 211}, {47, 29}} {
		for i, v := range scaleSpread(img, size.X, size.Y) {
			if v != spread([]uint8{200, 13, 255, 255}) {
				t.Fatalf("%v: pixel %d is %x", size, i, v)
			}
		}
	}
}

// BenchmarkScaleSpreadPhoto reduces a 12-megapixel phone photo to cover a 1080p panel, as
// an image scene does once.
func BenchmarkScaleSpreadPhoto(b *testing.B) {
	img := testPicture(4032, 3024, 2)
	for _, name := range []string{"scaleSpread", "BiLinear"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if name == "BiLinear" {
					dst := image.NewRGBA(image.Rect(0, 0, 1792, 1344))
					xdraw.BiLinear.Scale(dst, dst.Rect, img, img.Rect, xdraw.Src, nil)
					continue
				}
				scaleSpread(img, 1792, 1344)
			}
		})
	}
}

// planeShrink averages what each output pixel covers: exactly the mean of each 4x4
// block for a reduction by 4, and within a level of the exact coverage-weighted mean
// for reductions by fractions, as ffmpeg's area scaler; with the SIMD row sums and without,
// byte for byte.
func TestShrinkPlaneAverages(t *testing.T) {
	rnd := rand.New(rand.NewSource(5))
	for _, tc := range []struct{ sw, sh, dw, dh int }{{64, 36, 16, 9}, {1280, 720, 480, 270}, {1920, 1080, 480, 270}, {540, 675, 192, 240}, {90, 50, 90, 50}, {1000, 37, 77, 5}} {
		src := make([]byte, tc.sw*tc.sh)
		for i := range src {
			src[i] = uint8(rnd.Intn(256))
			if i%tc.sw < tc.sw/2 {
				src[i] = uint8(i % tc.sw * 255 / tc.sw) // a gradient beside the noise
			}
		}
		dst, plain := make([]byte, tc.dw*tc.dh), make([]byte, tc.dw*tc.dh)
		s := newPlaneShrink(tc.sw, tc.sh, tc.dw, tc.dh)
		s.shrink(dst, src)
		s.simd = plainSIMD
		s.shrink(plain, src)
		if i := firstDiff(dst, plain); i >= 0 {
			t.Fatalf("%dx%d to %dx%d: the SIMD row sums and the plain loop differ at byte %d", tc.sw, tc.sh, tc.dw, tc.dh, i)
		}
		fx, fy := float64(tc.sw)/float64(tc.dw), float64(tc.sh)/float64(tc.dh)
		for y := 0; y < tc.dh; y++ {
			for x := 0; x < tc.dw; x++ {
				var sum, area float64
				for sy := int(float64(y) * fy); float64(sy) < float64(y+1)*fy; sy++ {
					for sx := int(float64(x) * fx); float64(sx) < float64(x+1)*fx; sx++ {
						a := (math.Min(float64(x+1)*fx, float64(sx+1)) - math.Max(float64(x)*fx, float64(sx))) *
							(math.Min(float64(y+1)*fy, float64(sy+1)) - math.Max(float64(y)*fy, float64(sy)))
						sum += a * float64(src[sy*tc.sw+sx])
						area += a
					}
				}
				want := sum / area
				if got := float64(dst[y*tc.dw+x]); math.Abs(got-want) > 1 {
					t.Fatalf("%dx%d to %dx%d, (%d,%d): %v, want %.2f", tc.sw, tc.sh, tc.dw, tc.dh, x, y, got, want)
				}
			}
		}
	}
}

// BenchmarkShrinkI420 reduces a 1080p frame to the GIF preview's 480x270, as every kept
// preview frame is.
func BenchmarkShrinkI420(b *testing.B) {
	src, dst := newI420(1920, 1080), newI420(480, 270)
	rand.New(rand.NewSource(1)).Read(src.buf)
	s := newFrameShrink(1920, 1080, 480, 270)
	for b.Loop() {
		s.shrink(dst, src)
	}
}
