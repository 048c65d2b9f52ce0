package rendertest

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand"
	"testing"
)

// frame is a 1280x720 frame of paper colour with a white card at card.
func frame(card image.Rectangle) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	draw.Draw(img, img.Rect, image.NewUniform(color.RGBA{0xF3, 0xEF, 0xE8, 255}), image.Point{}, draw.Src)
	draw.Draw(img, card, image.NewUniform(color.White), image.Point{}, draw.Src)
	return img
}

// text draws lines of fake text (dark strokes 4 px apart) into r.
func text(img *image.RGBA, r image.Rectangle) {
	ink := color.RGBA{0x1B, 0x1E, 0x33, 255}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if (y-r.Min.Y)%40 >= 26 { // the space between lines
			continue
		}
		for x := r.Min.X; x < r.Max.X; x++ {
			if (x/3)%3 != 0 && (x/17)%5 != 4 { // strokes, and gaps between words
				img.SetRGBA(x, y, ink)
			}
		}
	}
}

func TestMeasure(t *testing.T) {
	card := image.Rect(560, 60, 1220, 660)
	inner := card.Inset(47)

	empty := frame(card)
	if m := Measure(empty, card); m.Largest != 1 || m.Blank != 1 || m.Surface != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("an empty card: %v", m)
	}
	if f := BlankFraction(empty, card); f != 1 {
		t.Errorf("BlankFraction of an empty card %v", f)
	}

	// A title over an empty card.
	titled := frame(card)
	text(titled, image.Rect(inner.Min.X, inner.Min.Y, inner.Min.X+400, inner.Min.Y+66))
	if m := Measure(titled, card); m.Largest <= MaxBlank || !m.Region.In(card) || m.Region.Min.Y < inner.Min.Y+66 {
		t.Errorf("a title over an empty card: %v", m)
	}

	// A card filled with lines of text passes; so does a smaller card around a short text,
	// and a card with its text centred.
	full := frame(card)
	text(full, inner)
	if m := Measure(full, card); m.Largest > 0.2 {
		t.Errorf("a full card: %v", m)
	}
	small := image.Rect(700, 200, 1100, 460)
	short := frame(small)
	text(short, small.Inset(47))
	if m := Measure(short, small); m.Largest > 0.3 {
		t.Errorf("a card fitted to its text: %v", m)
	}
	centred := frame(card)
	c := image.Pt((card.Min.X+card.Max.X)/2, (card.Min.Y+card.Max.Y)/2)
	text(centred, image.Rect(c.X-150, c.Y-40, c.X+150, c.Y+40))
	if m := Measure(centred, card); m.Largest > MaxBlank {
		t.Errorf("a centred title: %v", m)
	}

	// Encoding noise (a few levels on every pixel, a few stray pixels) is not ink.
	noisy := frame(card)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < len(noisy.Pix); i += 4 {
		for k := 0; k < 3; k++ {
			v := int(noisy.Pix[i+k]) + rng.Intn(17) - 8
			noisy.Pix[i+k] = uint8(max(0, min(255, v)))
		}
	}
	for i := 0; i < 20; i++ {
		noisy.SetRGBA(card.Min.X+rng.Intn(card.Dx()), card.Min.Y+rng.Intn(card.Dy()), color.RGBA{A: 255})
	}
	if m := Measure(noisy, card); m.Largest < 0.9 {
		t.Errorf("an empty card with noise: %v", m)
	}

	// Any image type; a card outside the frame measures nothing.
	gray := image.NewGray(titled.Rect)
	draw.Draw(gray, gray.Rect, titled, image.Point{}, draw.Src)
	if m, want := Measure(gray, card), Measure(titled, card); m.Largest != want.Largest {
		t.Errorf("gray %v, RGBA %v", m, want)
	}
	if m := Measure(empty, image.Rect(2000, 0, 2100, 100)); m.Largest != 0 {
		t.Errorf("off the frame: %v", m)
	}
}

func TestLargestRect(t *testing.T) {
	m := [][]bool{
		{true, true, false, true},
		{true, true, true, true},
		{false, true, true, true},
	}
	x0, y0, x1, y1, a := largestRect(m)
	if a != 6 || x0 != 1 || x1 != 4 || y0 != 1 || y1 != 3 {
		t.Errorf("largest rect %d,%d-%d,%d area %d", x0, y0, x1, y1, a)
	}
	if _, _, _, _, a := largestRect([][]bool{{false}}); a != 0 {
		t.Errorf("no blank cell: area %d", a)
	}
}
