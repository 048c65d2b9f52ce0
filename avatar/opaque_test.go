package avatar

import (
	"image"
	"testing"
)

// opaqueRect reads a sprite's alpha: the largest rectangle of opaque pixels, in the
// image's coordinates (here not at the origin), translucent pixels left out. The search
// itself is tested in package geom.
func TestOpaqueRect(t *testing.T) {
	img := image.NewRGBA(image.Rect(10, 20, 22, 30))
	for y := 20; y < 30; y++ {
		for x := 10; x < 22; x++ {
			a := uint8(255)
			switch {
			case x < 12 || y >= 28: // a translucent rim on the left and at the bottom
				a = 254
			case x >= 18 && y < 24: // a notch
				a = 0
			}
			img.Pix[img.PixOffset(x, y)+3] = a
		}
	}
	if got, want := opaqueRect(img), image.Rect(12, 20, 18, 28); got != want {
		t.Errorf("opaqueRect = %v, want %v", got, want)
	}
}
