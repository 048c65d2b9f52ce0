// Package rendertest measures rendered frames for tests of the renderer and of the
// programs that use it: how much of a card (a slide, a panel) is left blank.
//
// A card is cut into a grid of square cells about 1/24 of the frame's short side. A cell
// is blank when almost none of its pixels differ from the card's surface colour (the
// colour most of the card shows); the card's blankness is the largest rectangle of blank
// cells, as a fraction of the card. The renderer centres a card's content in it, so even
// a single word leaves less than half of its card blank on any side (the cards of
// render's tests measure 44% at most, most of them 15-35%); a card whose content sits at
// one side (a title over an empty card) or is missing leaves more.
//
// From another package's test, with a render.Renderer r that rendered storyboard sb:
//
//	spans := render.SceneSpans(sb, narrations)
//	cards, _ := r.CardRects(sb, i)
//	// decode frame spans[i].First+spans[i].Frames-2 of the video into img, then
//	for _, c := range cards {
//		if m := rendertest.Measure(img, c); m.Largest > rendertest.MaxBlank {
//			t.Errorf("scene %d: a blank card: %v", i, m)
//		}
//	}
package rendertest

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/openvideoagent/videoagent/internal/geom"
)

// MaxBlank is the largest blank fraction (see Measure) a card of a finished frame may
// show: more than that reads as an empty panel.
const MaxBlank = 0.5

// Ink is how far, in 8-bit levels of any of R, G and B, a pixel must be from the card's
// surface colour to count as something drawn on it. Encoding noise around text stays
// well under it; the faintest designed marks (muted text, a tinted panel) are above it.
const Ink = 40

// Blankness is how blank a card is.
type Blankness struct {
	// Largest is the area of the largest rectangle of blank cells, as a fraction of the
	// measured area of the card.
	Largest float64
	// Region is that rectangle, in frame coordinates.
	Region image.Rectangle
	// Blank is the fraction of the card's cells that are blank.
	Blank float64
	// Cols and Rows are the grid's size.
	Cols, Rows int
	// Surface is the card's surface colour: its most common colour.
	Surface color.RGBA
}

func (b Blankness) String() string {
	return fmt.Sprintf("largest blank %.0f%% at %v, %.0f%% of %dx%d cells blank, surface #%02x%02x%02x",
		100*b.Largest, b.Region, 100*b.Blank, b.Cols, b.Rows, b.Surface.R, b.Surface.G, b.Surface.B)
}

// BlankFraction is Measure(img, card).Largest: the largest blank part of the card, from 0
// (drawn on everywhere) to 1 (an empty card).
func BlankFraction(img image.Image, card image.Rectangle) float64 {
	return Measure(img, card).Largest
}

// Measure measures how blank the card at rectangle card (frame coordinates) of img is.
// The card's outer band of 2% of the frame's short side is left out (its rounded corners
// show the frame's background).
func Measure(img image.Image, card image.Rectangle) Blankness {
	fb := img.Bounds()
	short := min(fb.Dx(), fb.Dy())
	r := card.Inset(int(math.Ceil(0.02 * float64(short)))).Intersect(fb)
	if r.Empty() {
		return Blankness{}
	}
	rgb := toRGBA(img, r)
	surface := dominant(rgb, r)
	cell := max(6, short/24)
	cols := max(1, int(math.Round(float64(r.Dx())/float64(cell))))
	rows := max(1, int(math.Round(float64(r.Dy())/float64(cell))))
	xs := make([]int, cols+1)
	ys := make([]int, rows+1)
	for i := range xs {
		xs[i] = r.Min.X + i*r.Dx()/cols
	}
	for i := range ys {
		ys[i] = r.Min.Y + i*r.Dy()/rows
	}
	blank := make([][]bool, rows)
	nBlank := 0
	for j := 0; j < rows; j++ {
		blank[j] = make([]bool, cols)
		for i := 0; i < cols; i++ {
			c := image.Rect(xs[i], ys[j], xs[i+1], ys[j+1])
			ink := 0
			for y := c.Min.Y; y < c.Max.Y; y++ {
				o := rgb.PixOffset(c.Min.X, y)
				for x := c.Min.X; x < c.Max.X; x, o = x+1, o+4 {
					p := rgb.Pix[o : o+3]
					if absDiff(p[0], surface.R) > Ink || absDiff(p[1], surface.G) > Ink || absDiff(p[2], surface.B) > Ink {
						ink++
					}
				}
			}
			// A few stray pixels (a glyph's tip, a shadow's edge) do not fill a cell.
			if ink <= max(2, c.Dx()*c.Dy()/250) {
				blank[j][i] = true
				nBlank++
			}
		}
	}
	x0, y0, x1, y1, area := largestRect(blank)
	out := Blankness{Cols: cols, Rows: rows, Surface: surface,
		Blank: float64(nBlank) / float64(cols*rows)}
	if area > 0 {
		out.Largest = float64(area) / float64(cols*rows)
		out.Region = image.Rect(xs[x0], ys[y0], xs[x1], ys[y1])
	}
	return out
}

// toRGBA copies the part r of img into an RGBA image with the same coordinates.
func toRGBA(img image.Image, r image.Rectangle) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	out := image.NewRGBA(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// dominant is the mean colour of the most common colour bin (4 bits a channel) of the
// part b of img.
func dominant(img *image.RGBA, b image.Rectangle) color.RGBA {
	var count [4096]int
	var sum [4096][3]int
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		o := img.PixOffset(b.Min.X, y)
		for x := b.Min.X; x < b.Max.X; x, o = x+2, o+8 {
			p := img.Pix[o : o+3]
			k := int(p[0]>>4)<<8 | int(p[1]>>4)<<4 | int(p[2]>>4)
			count[k]++
			sum[k][0] += int(p[0])
			sum[k][1] += int(p[1])
			sum[k][2] += int(p[2])
		}
	}
	best := 0
	for k := range count {
		if count[k] > count[best] {
			best = k
		}
	}
	n := max(1, count[best])
	return color.RGBA{uint8(sum[best][0] / n), uint8(sum[best][1] / n), uint8(sum[best][2] / n), 255}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// largestRect finds the largest all-true rectangle of cells: columns x0..x1-1, rows
// y0..y1-1, and its area in cells.
func largestRect(m [][]bool) (x0, y0, x1, y1, area int) {
	if len(m) == 0 {
		return
	}
	r := geom.LargestRect(len(m[0]), len(m), func(y int, in []bool) { copy(in, m[y]) })
	return r.Min.X, r.Min.Y, r.Max.X, r.Max.Y, r.Dx() * r.Dy()
}
