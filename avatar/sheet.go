package avatar

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"

	"github.com/openvideoagent/videoagent"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Compose draws layers over dst, each at its At plus origin (source-over). It is the
// reference way to paint a frame, used by the contact sheet and tests.
func Compose(dst draw.Image, origin image.Point, layers []videoagent.Layer) {
	for _, l := range layers {
		r := l.Image.Bounds().Sub(l.Image.Bounds().Min).Add(origin.Add(l.At))
		draw.Draw(dst, r, l.Image, l.Image.Bounds().Min, draw.Over)
	}
}

// ContactSheet writes a PNG of the whole cast at rest (waist-up, with each look's name) to w.
func ContactSheet(w io.Writer) error {
	return contactSheet(w, videoagent.FramingWaistUp, image.Pt(300, 420), 7)
}

func contactSheet(w io.Writer, fr videoagent.Framing, cell image.Point, cols int) error {
	c := New()
	looks := c.Looks()
	rows := (len(looks) + cols - 1) / cols
	const pad, label = 16, 30
	W := cols*(cell.X+pad) + pad
	H := rows*(cell.Y+pad+label) + pad
	img := image.NewRGBA(image.Rect(0, 0, W, H))
	draw.Draw(img, img.Bounds(), image.NewUniform(hex("eef1f5")), image.Point{}, draw.Src)
	face, err := labelFace(15)
	if err != nil {
		return err
	}
	for i, l := range looks {
		x := pad + (i%cols)*(cell.X+pad)
		y := pad + (i/cols)*(cell.Y+pad+label)
		card := image.Rect(x, y, x+cell.X, y+cell.Y)
		draw.Draw(img, card, image.NewUniform(hex("dfe6ee")), image.Point{}, draw.Src)
		tr, err := c.NewTrack(context.Background(), videoagent.PresenterRequest{
			LookID: l.ID, Framing: fr, Size: cell, FPS: 30, Frames: 1, Seed: 1,
		})
		if err != nil {
			return err
		}
		Compose(img, card.Min, tr.Frame(0))
		d := font.Drawer{Dst: img, Src: image.NewUniform(color.RGBA{40, 48, 60, 255}), Face: face,
			Dot: fixed.P(x+4, y+cell.Y+21)}
		d.DrawString(l.Name + "  ·  " + l.ID)
	}
	return png.Encode(w, img)
}

func labelFace(size float64) (font.Face, error) {
	f, err := opentype.Parse(gomedium.TTF)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}
