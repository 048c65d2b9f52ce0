package render

import (
	"bytes"
	"fmt"
	"image"
	"math/rand"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

var sizes = []struct{ aspect, res string }{
	{"16:9", "720p"}, {"16:9", "1080p"}, {"9:16", "1080p"}, {"1:1", "1080p"}, {"4:5", "720p"},
}

// Long titles, long bullets and a word longer than any line stay inside the frame and
// inside their slide, in every layout and aspect ratio.
func TestTextFitsEverywhere(t *testing.T) {
	t.Parallel()
	r := New(Options{})
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	long := "How a distributed team of forty people replaced six weekly status meetings with one shared plan that updates itself"
	word := "Supercalifragilisticexpialidociousnessandthensomemorelettersuntilitcannotfit"
	visuals := []videoagent.Visual{
		{Kind: videoagent.VisualBullets, Title: long, Bullets: []string{long, word, "Short", long + " " + long, "Five", "Six"}},
		{Kind: videoagent.VisualTitle, Title: word + " " + long, Subtitle: long},
		{Kind: videoagent.VisualStat, Title: long, Text: "1,234,567,890%", Caption: long},
		{Kind: videoagent.VisualQuote, Text: long + " " + long + " " + long, Caption: word},
		{Kind: videoagent.VisualCTA, Title: long, Text: long, URL: "https://" + word + ".example.com/" + word},
		{Kind: videoagent.VisualChart, Title: long, Bullets: []string{"North America: 42%", word + ": 17%", "Europe: 30%"}},
		{Kind: videoagent.VisualImage, Title: long, Caption: long},
	}
	layouts := []string{videoagent.LayoutTitle, videoagent.LayoutPresenter, videoagent.LayoutPresenterLeft,
		videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble, videoagent.LayoutSlide}
	for _, sz := range sizes {
		W, H, _ := videoagent.FrameSize(sz.aspect, sz.res)
		frame := image.Rect(0, 0, W, H)
		for _, l := range layouts {
			for vi, v := range visuals {
				name := fmt.Sprintf("%s/%s/%s/%d", sz.aspect, sz.res, l, vi)
				sc := layoutScene(layoutInput{w: W, h: H, style: DefaultStyle(), fonts: fonts, title: long, hasPresenter: true,
					scene: videoagent.Scene{ID: "x", Layout: l, Visual: v}})
				if len(sc.textRects) == 0 {
					t.Errorf("%s: no text laid out", name)
				}
				for _, tr := range sc.textRects {
					if !tr.In(frame) {
						t.Errorf("%s: text %v outside the frame %v", name, tr, frame)
					}
					if !sc.slide.Empty() && !tr.In(sc.slide) {
						t.Errorf("%s: text %v outside its slide %v", name, tr, sc.slide)
					}
					if !sc.presenter.Empty() && tr.Overlaps(sc.presenter) && sc.framing != videoagent.FramingWaistUp {
						t.Errorf("%s: text %v under the presenter bubble %v", name, tr, sc.presenter)
					}
				}
				for _, e := range sc.elems {
					// Sprites include padding for glyph overhangs; their inked part must be
					// inside the frame.
					if ink := inkBounds(e.img).Add(e.at); !ink.Empty() && !ink.In(frame) {
						t.Errorf("%s: element ink %v outside the frame", name, ink)
					}
				}
				if !sc.slide.Empty() && !sc.presenter.Empty() && sc.framing == videoagent.FramingWaistUp && sc.slide.Overlaps(sc.presenter) {
					t.Errorf("%s: slide %v overlaps presenter %v", name, sc.slide, sc.presenter)
				}
			}
		}
	}
}

// inkBounds is the smallest rectangle holding every non-transparent pixel.
func inkBounds(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	ink := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.Pix[img.PixOffset(x, y)+3] > 8 {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return ink
}

// Body text keeps the style's minimum size when the content allows it.
func TestBodyTextSize(t *testing.T) {
	r := New(Options{})
	fonts, _ := r.fontSet(DefaultStyle())
	for _, sz := range sizes {
		W, H, _ := videoagent.FrameSize(sz.aspect, sz.res)
		tb := fitText(fonts.text, "Schedules work around meetings", fitSpec{maxW: float64(W) * 0.5, maxH: float64(H), maxSize: 0.05 * float64(H), minSize: 0.035 * float64(H), maxLines: 3})
		if tb.size < 0.035*float64(H) {
			t.Errorf("%s %s: body size %.1f below 3.5%% of %d", sz.aspect, sz.res, tb.size, H)
		}
		if tb.W > float64(W)*0.5 {
			t.Errorf("%s: width %.0f over %.0f", sz.aspect, tb.W, float64(W)*0.5)
		}
	}
}

func TestWrapBalance(t *testing.T) {
	r := New(Options{})
	fonts, _ := r.fontSet(DefaultStyle())
	tb := fitText(fonts.display, "The quick brown fox jumps over the lazy dog again", fitSpec{maxW: 900, maxH: 400, maxSize: 60, minSize: 60, maxLines: 3})
	if len(tb.lines) != 2 {
		t.Fatalf("lines %q", tb.lines)
	}
	if d := tb.widths[0] - tb.widths[1]; d > 120 || d < -120 {
		t.Errorf("unbalanced lines %q widths %v", tb.lines, tb.widths)
	}
	if strings.Join(tb.lines, " ") != "The quick brown fox jumps over the lazy dog again" {
		t.Errorf("words lost: %q", tb.lines)
	}
}

func TestStyleContrast(t *testing.T) {
	for _, s := range Styles() {
		for name, pair := range s.ContrastPairs() {
			if c := ContrastRatio(pair[0], pair[1]); c < 4.5 {
				t.Errorf("%s %s: contrast %.2f < 4.5", s.ID, name, c)
			}
		}
		if s.Margin < 0.06 || s.BodyMin < 0.035 {
			t.Errorf("%s: margin %.3f body %.3f", s.ID, s.Margin, s.BodyMin)
		}
	}
	if StyleByID("").ID != "default" || StyleByID("nope").ID != "default" {
		t.Error("empty or unknown style ID should select the default")
	}
}

// The compositor's partial redraws give the same frame as drawing everything anew, with
// a pan-and-zoom panel under the sprites in most frames and opaque sprites among them
// (the base under their solid parts is not drawn), starting from a frame buffer of stale
// pixels, as the pixel pool hands out.
func TestCompositorMatchesFullRedraw(t *testing.T) {
	W, H := 320, 180
	base := newCanvas(W, H)
	fillRect(base, base.Rect, rgb(0x336699))
	fillMask(base, circleMask(100), image.Pt(150, 40), rgb(0xFFCC00))
	rng := rand.New(rand.NewSource(1))
	var spr []*image.RGBA
	for i := 0; i < 4; i++ {
		s := newCanvas(40+i*10, 30+i*5)
		fillMask(s, roundRectMask(s.Rect.Dx(), s.Rect.Dy(), 8), image.Point{}, withAlpha(rgb(uint32(rng.Intn(1<<24))), 0.5+0.15*float64(i)))
		spr = append(spr, s)
	}
	mask := circleMask(60)
	photo := newCanvas(150, 100)
	for i := range photo.Pix {
		photo.Pix[i] = uint8(rng.Intn(256)) | uint8(255*(i%4/3))
	}
	panel := newKenBurns(photo, image.Rect(20, 30, 260, 150), roundRectMask(240, 120, 20))
	// Two opaque sprites with their solid rectangles, as a presenter's torso and face:
	// between the translucent ones, overlapping them and each other.
	var solids []*image.RGBA
	for i := 0; i < 2; i++ {
		s := newCanvas(60, 50)
		fillMask(s, roundRectMask(60, 50, 8), image.Point{}, rgb(uint32(0x20A040+i*0x402000)))
		solids = append(solids, s)
	}
	solid := image.Rect(8, 0, 52, 50) // beside the corners, every pixel is opaque
	for y := solid.Min.Y; y < solid.Max.Y; y++ {
		for x := solid.Min.X; x < solid.Max.X; x++ {
			if solids[0].RGBAAt(x, y).A != 255 {
				t.Fatalf("the solid sprite's pixel (%d, %d) is not opaque", x, y)
			}
		}
	}
	stale := bytes.Repeat([]byte{0xA5}, 4*W*H)
	pixels.put(stale)
	comp := newCompositor(base)
	if &comp.cur.Pix[0] != &stale[0] {
		t.Fatal("the compositor did not take its frame from the pixel pool")
	}
	direct := 0 // pixels painted straight into I420
	for f := 0; f < 60; f++ {
		var ops []op
		if f%5 != 4 {
			// Some frames the panel stands still (the same sampling and version): what it
			// painted straight into I420 the frame before must still be drawn right.
			ver := f
			if f%7 == 6 && f%5 != 0 {
				ver = f - 1
			} else {
				panel.at(float64(f) / 60)
			}
			ops = append(ops, op{key: 10, paint: panel, rect: panel.rect, solid: panel.solid, ver: ver})
		}
		for i, s := range spr {
			if rng.Intn(3) == 0 && f > 0 {
				continue // absent this frame
			}
			at := image.Pt(rng.Intn(W)-20, rng.Intn(H)-20)
			if i%2 == 0 && f%4 != 0 { // some ops stay still for a few frames
				at = image.Pt(30*i, 20*i)
			}
			o := op{key: i, img: s, off: at, rect: s.Rect.Add(at).Intersect(base.Rect), alpha: uint32(55 + rng.Intn(200))}
			if i == 3 {
				o.mask, o.moff = mask, at
				o.rect = o.rect.Intersect(mask.Rect.Add(at))
			}
			ops = append(ops, o)
			if i == 1 {
				for k, s := range solids {
					at := image.Pt(40+60*k+rng.Intn(4), 60+rng.Intn(30)-15*k)
					if f%3 == 0 {
						at = image.Pt(40+60*k, 60)
					}
					ops = append(ops, op{key: 20 + k, img: s, off: at, rect: s.Rect.Add(at).Intersect(base.Rect),
						alpha: 255, solid: solid.Add(at).Intersect(base.Rect)})
				}
			}
		}
		if f == 30 { // bake something into the base
			blend(base, image.Rect(10, 10, 50, 40), spr[0], image.Pt(10, 10), 255, nil, image.Point{})
			comp.baseChanged(image.Rect(10, 10, 50, 40))
		}
		comp.compose(ops)
		want := newCanvas(W, H)
		copy(want.Pix, base.Pix)
		for _, o := range ops {
			if o.paint != nil {
				o.paint.paint(want, o.rect)
				continue
			}
			blend(want, o.rect, o.img, o.off, o.alpha, o.mask, o.moff)
		}
		// Where the panel shows alone it paints straight into I420: those parts must be
		// within its solid band, under no other op, and hold what paintI420 draws; every
		// other pixel is the full redraw converted.
		wy := newI420(W, H)
		wy.convert(want, want.Rect)
		for _, d := range comp.direct {
			if ops[0].paint == nil || !d.In(panel.solid) {
				t.Fatalf("frame %d: %v painted straight into I420 outside the panel's solid band %v", f, d, panel.solid)
			}
			for _, o := range ops[1:] {
				if o.rect.Overlaps(d) {
					t.Fatalf("frame %d: %v painted straight into I420 under op %d at %v", f, d, o.key, o.rect)
				}
			}
			panel.paintI420(wy, d)
			direct += d.Dx() * d.Dy()
		}
		if string(wy.buf) != string(comp.yuv.buf) {
			t.Fatalf("frame %d: I420 differs from a full conversion (and the panel's own I420 where it shows alone)", f)
		}
		// cur is the full redraw outside those parts, and everywhere once rgba has
		// painted them, which it does for some frames (a thumbnail) and not others.
		got := comp.cur
		if f%3 == 0 {
			got = comp.rgba()
		} else {
			got = cloneRGBA(got)
			for _, d := range comp.direct {
				copyRect(got, want, d)
			}
		}
		if string(want.Pix) != string(got.Pix) {
			t.Fatalf("frame %d: RGBA differs from a full redraw", f)
		}
	}
	if direct == 0 {
		t.Fatal("the panel never painted straight into I420")
	}
}

func cloneRGBA(m *image.RGBA) *image.RGBA {
	c := *m
	c.Pix = bytes.Clone(m.Pix)
	return &c
}

func TestI420Colours(t *testing.T) {
	img := newCanvas(4, 2)
	fillRect(img, image.Rect(0, 0, 2, 2), rgb(0xFFFFFF))
	fillRect(img, image.Rect(2, 0, 4, 2), rgb(0x000000))
	f := newI420(4, 2)
	f.convert(img, img.Rect)
	if f.y[0] != 235 || f.y[2] != 16 || f.u[0] != 128 || f.v[0] != 128 || f.u[1] != 128 {
		t.Errorf("white/black: y %v u %v v %v", f.y, f.u, f.v)
	}
	fillRect(img, img.Rect, rgb(0xFF0000))
	f.convert(img, img.Rect)
	// BT.709 limited range red: Y 63, Cb 102, Cr 240.
	if d := int(f.y[0]) - 63; d < -1 || d > 1 {
		t.Errorf("red Y %d", f.y[0])
	}
	if d := int(f.u[0]) - 102; d < -1 || d > 1 {
		t.Errorf("red Cb %d", f.u[0])
	}
	if d := int(f.v[0]) - 240; d < -1 || d > 1 {
		t.Errorf("red Cr %d", f.v[0])
	}
}

// convertReference is the plain per-pixel BT.709 conversion the optimised convert must
// match exactly.
func convertReference(f *i420, src *image.RGBA, r image.Rectangle) {
	r = evenRect(r).Intersect(image.Rect(0, 0, f.w, f.h))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			p := src.Pix[src.PixOffset(x, y):]
			f.y[y*f.w+x] = uint8((kyr*int32(p[0]) + kyg*int32(p[1]) + kyb*int32(p[2]) + (16 << 16) + 32768) >> 16)
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			var ra, ga, ba int32
			for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				p := src.Pix[src.PixOffset(x+d[0], y+d[1]):]
				ra, ga, ba = ra+int32(p[0]), ga+int32(p[1]), ba+int32(p[2])
			}
			c := (y/2)*(f.w/2) + x/2
			f.u[c] = uint8((kur*ra + kug*ga + kub*ba + (512 << 16) + 131072) >> 18)
			f.v[c] = uint8((kvr*ra + kvg*ga + kvb*ba + (512 << 16) + 131072) >> 18)
		}
	}
}

// Both the SIMD kernel (where the CPU has one) and the plain loop match the reference
// byte for byte, for regions of every alignment and width.
func TestI420ConvertMatchesReference(t *testing.T) {
	const W, H = 64, 48
	img := newCanvas(W, H)
	rnd := rand.New(rand.NewSource(2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rnd.Intn(256))
	}
	copy(img.Pix, []byte{255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255}) // extremes
	regions := []image.Rectangle{img.Rect, image.Rect(3, 5, 17, 30), image.Rect(0, 1, 1, 2), image.Rect(60, 40, 70, 50)}
	for i := 0; i < 200; i++ {
		x, y := rnd.Intn(W), rnd.Intn(H)
		regions = append(regions, image.Rect(x, y, x+1+rnd.Intn(W), y+1+rnd.Intn(H)))
	}
	for _, kern := range []simd{plainSIMD, hostSIMD} {
		for _, r := range regions {
			got, want := newI420(W, H), newI420(W, H)
			got.convertWith(kern, img, r)
			convertReference(want, img, r)
			if string(got.buf) != string(want.buf) {
				t.Fatalf("simd %v, region %v: convert differs from the reference", kern, r)
			}
		}
	}
}

// BenchmarkI420Convert1080p converts a whole 1080p frame.
func BenchmarkI420Convert1080p(b *testing.B) {
	img := newCanvas(1920, 1080)
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 131)
	}
	f := newI420(1920, 1080)
	for i := 0; i < b.N; i++ {
		f.convert(img, img.Rect)
	}
}
