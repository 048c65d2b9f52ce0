package render

import (
	"image"
	"image/color"
	"image/draw"
	"sort"
)

// framePicture prepares a picture for a panel of size panel. A photo is returned as it is
// (the panel covers itself with it). A picture with a plain, uniform border (a document's
// page, a screenshot, a slide, a logo on a flat ground) is cut down to what is drawn on it,
// without its empty margins and a lone page number or running footer far from the rest,
// and set whole, with a margin, on its own ground at the panel's aspect ratio: the panel
// then shows the page's content rather than a band of blank paper across its middle
// (which, under a slide title, read as a title over an empty card).
func framePicture(img image.Image, panel image.Point) image.Image {
	b := img.Bounds()
	if b.Dx() < 16 || b.Dy() < 16 || panel.X <= 0 || panel.Y <= 0 {
		return img
	}
	bg, ok := uniformBorder(img)
	if !ok {
		return img
	}
	src := image.NewRGBA(b)
	draw.Draw(src, b, img, b.Min, draw.Src)
	content := pictureContent(src, bg)
	if content.Empty() {
		return img // nothing on it: as it is
	}
	// A margin around the content, which the panel's slow zoom eats into.
	m := max(content.Dx(), content.Dy()) / 12
	content = content.Inset(-m).Intersect(b)
	w, h := content.Dx(), content.Dy()
	if w*panel.Y < h*panel.X {
		w = (h*panel.X + panel.Y - 1) / panel.Y
	} else {
		h = (w*panel.Y + panel.X - 1) / panel.X
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(out, out.Rect, image.NewUniform(bg), image.Point{}, draw.Src)
	at := image.Pt((w-content.Dx())/2, (h-content.Dy())/2)
	draw.Draw(out, content.Sub(content.Min).Add(at), src, content.Min, draw.Src)
	return out
}

// pictureInk is how far (8-bit levels, any channel or alpha) a pixel must be from a
// picture's ground to be something drawn on it.
const pictureInk = 40

// uniformBorder reports whether the outermost ring of pixels of img is of one colour (all
// but 2% of it within 24 levels of its median), and that colour.
func uniformBorder(img image.Image) (color.RGBA, bool) {
	b := img.Bounds()
	var ring []color.RGBA
	at := func(x, y int) {
		ring = append(ring, color.RGBAModel.Convert(img.At(x, y)).(color.RGBA))
	}
	for x := b.Min.X; x < b.Max.X; x++ {
		at(x, b.Min.Y)
		at(x, b.Max.Y-1)
	}
	for y := b.Min.Y + 1; y < b.Max.Y-1; y++ {
		at(b.Min.X, y)
		at(b.Max.X-1, y)
	}
	med := func(ch func(c color.RGBA) uint8) uint8 {
		v := make([]int, len(ring))
		for i, c := range ring {
			v[i] = int(ch(c))
		}
		sort.Ints(v)
		return uint8(v[len(v)/2])
	}
	bg := color.RGBA{med(func(c color.RGBA) uint8 { return c.R }), med(func(c color.RGBA) uint8 { return c.G }),
		med(func(c color.RGBA) uint8 { return c.B }), med(func(c color.RGBA) uint8 { return c.A })}
	off := 0
	for _, c := range ring {
		if colorDist(c, bg) > 24 {
			off++
		}
	}
	return bg, off*50 <= len(ring)
}

// colorDist is the largest difference of two colours' channels.
func colorDist(a, b color.RGBA) int {
	d := 0
	for _, v := range [4][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}, {a.A, b.A}} {
		d = max(d, int(v[0])-int(v[1]), int(v[1])-int(v[0]))
	}
	return d
}

// pictureContent is the bounds of what is drawn on a picture of ground bg: the rows and
// columns holding pixels away from bg, less a thin band of rows at the top or bottom that
// stands far from the rest (a running header, a footer, a page number).
func pictureContent(img *image.RGBA, bg color.RGBA) image.Rectangle {
	b := img.Rect
	rows := make([]bool, b.Dy())
	cols := make([]int, b.Dx()) // ink rows per column, counted over the kept rows later
	inkAt := func(o int) bool {
		p := img.Pix[o : o+4]
		return colorDist(color.RGBA{p[0], p[1], p[2], p[3]}, bg) > pictureInk
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		o := img.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x, o = x+1, o+4 {
			if inkAt(o) {
				rows[y-b.Min.Y] = true
				break
			}
		}
	}
	// Blocks of rows: ink rows with gaps under 3% of the height between them.
	type block struct{ lo, hi int }
	var blocks []block
	gap := max(1, b.Dy()*3/100)
	for y, ink := range rows {
		if !ink {
			continue
		}
		if n := len(blocks); n > 0 && y-blocks[n-1].hi <= gap {
			blocks[n-1].hi = y + 1
			continue
		}
		blocks = append(blocks, block{y, y + 1})
	}
	if len(blocks) == 0 {
		return image.Rectangle{}
	}
	// A thin block (under 4% of the height) at an end, 12% of the height or more from the
	// next one, is a header or a footer.
	lone := func(k, next int) bool {
		d := blocks[next].lo - blocks[k].hi
		if next < k {
			d = blocks[k].lo - blocks[next].hi
		}
		return blocks[k].hi-blocks[k].lo < b.Dy()*4/100 && d >= b.Dy()*12/100
	}
	for len(blocks) > 1 && lone(len(blocks)-1, len(blocks)-2) {
		blocks = blocks[:len(blocks)-1]
	}
	for len(blocks) > 1 && lone(0, 1) {
		blocks = blocks[1:]
	}
	y0, y1 := b.Min.Y+blocks[0].lo, b.Min.Y+blocks[len(blocks)-1].hi
	for y := y0; y < y1; y++ {
		o := img.PixOffset(b.Min.X, y)
		for x := 0; x < b.Dx(); x, o = x+1, o+4 {
			if inkAt(o) {
				cols[x]++
			}
		}
	}
	x0, x1 := -1, -1
	for x, n := range cols {
		if n > 0 {
			if x0 < 0 {
				x0 = x
			}
			x1 = x + 1
		}
	}
	if x0 < 0 {
		return image.Rectangle{}
	}
	return image.Rect(b.Min.X+x0, y0, b.Min.X+x1, y1)
}
