package avatar

import (
	"image"
	"math/rand"
	"testing"
)

// opaqueRect finds a rectangle of opaque pixels as large as any, checked against trying
// every rectangle, on blobs, rings, stripes and empty or full images.
func TestOpaqueRectIsLargest(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	for n := 0; n < 300; n++ {
		w, h := 1+rnd.Intn(14), 1+rnd.Intn(14)
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		cx, cy, r2 := rnd.Intn(w), rnd.Intn(h), rnd.Intn(60)
		for y := range h {
			for x := range w {
				opaque := false
				switch n % 4 {
				case 0: // a disc
					opaque = (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r2
				case 1: // noise
					opaque = rnd.Intn(5) > 0
				case 2: // a ring
					d := (x-cx)*(x-cx) + (y-cy)*(y-cy)
					opaque = d <= r2 && d >= r2/3
				case 3: // everything, or nothing, with a few holes
					opaque = n%8 == 3 && rnd.Intn(30) > 0
				}
				if opaque {
					img.Pix[img.PixOffset(x, y)+3] = 255
				} else {
					img.Pix[img.PixOffset(x, y)+3] = uint8(rnd.Intn(255)) // translucent, not opaque
				}
			}
		}
		got := opaqueRect(img)
		for y := got.Min.Y; y < got.Max.Y; y++ {
			for x := got.Min.X; x < got.Max.X; x++ {
				if img.RGBAAt(x, y).A != 255 {
					t.Fatalf("%dx%d image %d: %v holds the pixel (%d, %d) of alpha %d", w, h, n, got, x, y, img.RGBAAt(x, y).A)
				}
			}
		}
		most := 0
		for y0 := range h {
			for x0 := range w {
				for y1 := y0 + 1; y1 <= h; y1++ {
					for x1 := x0 + 1; x1 <= w; x1++ {
						if (x1-x0)*(y1-y0) > most && allOpaque(img, image.Rect(x0, y0, x1, y1)) {
							most = (x1 - x0) * (y1 - y0)
						}
					}
				}
			}
		}
		if a := got.Dx() * got.Dy(); a != most {
			t.Fatalf("%dx%d image %d: %v has %d pixels, the largest opaque rectangle %d", w, h, n, got, a, most)
		}
	}
}

func allOpaque(img *image.RGBA, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.RGBAAt(x, y).A != 255 {
				return false
			}
		}
	}
	return true
}
