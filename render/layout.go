package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"time"

	xdraw "golang.org/x/image/draw"

	videoagent "github.com/openvideoagent/videoagent"
)

// fontSet is the typefaces of a style, built per render (typefaces cache faces and are not
// shared between goroutines).
type fontSet struct {
	display, text, strong, italic *typeface
}

// element is a piece of a slide drawn once into a sprite and animated in: it fades in and
// rises into place over its entrance, after which it is baked into the scene's base image.
type element struct {
	sprite
	start time.Duration // when the entrance begins, from the scene's first frame
	rise  int           // pixels it rises during the entrance
	front bool          // drawn over the presenter (never baked into the base)
	baked bool
	// scratch holds the scaled sprite during a "scale" entrance.
	scratch *image.RGBA
}

// entrance is the default length of element entrances (ART.md: 250-400 ms, ease-out).
const entrance = 400 * time.Millisecond

// entrance is the length of this scene's element entrances, from the style.
func (sc *sceneLayout) entrance() time.Duration {
	if d := sc.style.Motion.EntranceDur; d > 0 {
		return d
	}
	return entrance
}

// sceneLayout is a scene's picture before time: the static base image, the elements that
// animate in, where the presenter goes, and an optional image panel that pans and zooms.
type sceneLayout struct {
	w, h      int
	style     Style
	fonts     *fontSet
	base      *image.RGBA
	elems     []*element
	presenter image.Rectangle // empty: no presenter
	framing   videoagent.Framing
	bubble    *image.Alpha // circular clip of the presenter box, for bubbles
	lookAt    float64
	panel     *kenBurns
	video     *videoPanel
	// slide is the card's rectangle, if the scene has one; slot is the space it was fitted
	// in (see fittedCard).
	slide, slot image.Rectangle
	// cards are the rectangles of the scene's cards: its slide, a lower third's name tag
	// (see CardRects).
	cards []image.Rectangle
	// textRects records where text was laid out (frame coordinates), for tests.
	textRects []image.Rectangle
	// captions are the burned-in captions' sprites, one per cue, drawn once per scene
	// (copies of the layout share them); nil when captions are not burned in.
	captions []captionSprite
}

// layoutInput is what a scene's picture depends on.
type layoutInput struct {
	w, h         int
	style        Style
	fonts        *fontSet
	scene        videoagent.Scene
	title        string // storyboard title, for title cards without their own
	hasPresenter bool
	captions     bool                    // captions are burned in (see captionSprites)
	words        []videoagent.WordTiming // scene-relative (lead-in applied)
	speechEnd    time.Duration           // end of narration, scene-relative
	image        image.Image             // decoded asset for image visuals, or nil
	clip         *videoClip              // video asset for video visuals, or nil
	logo         image.Image             // brand logo, or nil
	ffmpeg       string
}

// geometry helpers
func (sc *sceneLayout) short() float64 { return float64(min(sc.w, sc.h)) }
func (sc *sceneLayout) margin() int    { return int(math.Round(sc.style.Margin * sc.short())) }

// wide reports whether the frame is wide enough (16:9) to put a slide beside the presenter;
// narrower frames (1:1, 4:5, 9:16) stack them.
func (sc *sceneLayout) wide() bool { return sc.w*10 >= sc.h*13 }

// hasContent reports whether a visual has anything to show on a slide.
func hasContent(v videoagent.Visual) bool {
	switch v.Kind {
	case videoagent.VisualImage, videoagent.VisualVideo:
		return true
	}
	return strings.TrimSpace(v.Title+v.Subtitle+v.Text+v.Caption+strings.Join(v.Bullets, "")) != ""
}

// effectiveLayout resolves a scene's layout against what is available: without a presenter
// the presenter layouts become slides; a presenter layout with nothing to show beside the
// presenter becomes a full-frame presenter.
func effectiveLayout(sc videoagent.Scene, hasPresenter bool) string {
	l := sc.Layout
	if l == "" {
		l = videoagent.LayoutSlide
	}
	if !hasPresenter {
		switch l {
		case videoagent.LayoutPresenter, videoagent.LayoutPresenterLeft, videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble:
			return videoagent.LayoutSlide
		}
		return l
	}
	switch l {
	case videoagent.LayoutPresenterLeft, videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble:
		if !hasContent(sc.Visual) {
			return videoagent.LayoutPresenter
		}
	}
	return l
}

// layoutScene draws a scene's static layers and prepares its animated elements.
func layoutScene(in layoutInput) *sceneLayout {
	sc := &sceneLayout{w: in.w, h: in.h, style: in.style, fonts: in.fonts, base: newCanvas(in.w, in.h)}
	W, H := in.w, in.h
	m := sc.margin()
	layout := effectiveLayout(in.scene, in.hasPresenter)
	v := in.scene.Visual
	switch layout {
	case videoagent.LayoutTitle:
		sc.heroBackground()
		title := firstNonEmpty(v.Title, in.title, v.Text)
		sub := firstNonEmpty(v.Subtitle, v.Caption)
		if v.Title == "" && in.title == "" {
			sub = ""
		}
		area := image.Rect(m, m, W-m, H-m)
		if in.hasPresenter {
			if sc.wide() {
				d := int(0.56 * float64(H))
				sc.addBubble(image.Rect(W-m-d, (H-d)/2, W-m, (H-d)/2+d))
				area.Max.X = W - m - d - m
			} else if H > W*6/5 {
				d := int(0.56 * float64(W))
				y := H - int(0.2*float64(H)) - d
				sc.addBubble(image.Rect((W-d)/2, y, (W+d)/2, y+d))
				area.Max.Y = y - m
			} else {
				d := int(0.42 * float64(W))
				sc.addBubble(image.Rect(W-m-d, H-m-d, W-m, H-m))
				area.Max.Y = H - m - d - m/2
			}
			sc.lookAt = 0
		}
		sc.heroText(area, title, sub)
	case videoagent.LayoutPresenter:
		sc.paperBackground()
		bw := min(W, int(0.95*float64(H)))
		cx := W / 2
		label := firstNonEmpty(v.Title, v.Text)
		hasLabel := label != ""
		if hasLabel && sc.wide() && W > H {
			cx = W - m - bw/2 + m/2
		}
		top := int(0.06 * float64(H))
		sc.stage(image.Pt(cx, top+int(0.52*float64(H-top))), int(0.42*float64(min(bw, H))))
		sc.presenter = image.Rect(cx-bw/2, top, cx-bw/2+bw, H)
		sc.framing = videoagent.FramingWaistUp
		if hasLabel {
			sub := firstNonEmpty(v.Subtitle, v.Caption)
			if v.Title == "" {
				sub = v.Caption
			}
			sc.lowerThird(label, sub)
		}
	case videoagent.LayoutPresenterLeft, videoagent.LayoutPresenterRight:
		sc.paperBackground()
		left := layout == videoagent.LayoutPresenterLeft
		var card image.Rectangle
		if sc.wide() {
			frac := 0.40
			if W < H*3/2 {
				frac = 0.36
			}
			pw := int(frac * float64(W))
			top := int(0.1 * float64(H))
			if left {
				sc.presenter = image.Rect(m/3, top, m/3+pw, H)
				card = image.Rect(m/3+pw+m/3, m, W-m, H-m)
				sc.lookAt = 0.6
			} else {
				sc.presenter = image.Rect(W-m/3-pw, top, W-m/3, H)
				card = image.Rect(m, m, W-m/3-pw-m/3, H-m)
				sc.lookAt = -0.6
			}
			c := sc.presenter.Min.X + pw/2
			sc.stage(image.Pt(c, top+int(0.5*float64(H-top))), int(0.4*float64(min(pw, H-top))*1.1))
		} else {
			cardBottom := int(0.6 * float64(H))
			if H > W*3/2 {
				cardBottom = int(0.62 * float64(H))
			}
			card = image.Rect(m, m, W-m, cardBottom)
			ph := H - cardBottom - m/4
			pw := min(W, int(float64(ph)*1.1))
			x := (W - pw) / 2
			sc.presenter = image.Rect(x, H-ph, x+pw, H)
			sc.stage(image.Pt(W/2, H-ph/2), int(0.42*float64(pw)))
			sc.lookAt = 0
		}
		sc.framing = videoagent.FramingWaistUp
		sc.card(card, in)
	case videoagent.LayoutSlideBubble:
		sc.paperBackground()
		card := image.Rect(m, m, W-m, H-m)
		var d int
		var bub image.Rectangle
		if sc.wide() {
			d = int(0.34 * float64(H))
			bub = image.Rect(W-m-d-m/2, H-m-d-m/2, W-m-m/2, H-m-m/2)
		} else if H > W*3/2 {
			card.Max.Y = int(0.7 * float64(H))
			d = int(0.34 * float64(W))
			bub = image.Rect(W-m-d, card.Max.Y+m/2, W-m, card.Max.Y+m/2+d)
		} else {
			d = int(0.28 * float64(H))
			bub = image.Rect(W-m-d-m/2, H-m-d-m/2, W-m-m/2, H-m-m/2)
		}
		inner := sc.cardInner(card)
		if sc.wide() {
			inner.Max.X = bub.Min.X - m/2
		} else if bub.Min.Y < card.Max.Y {
			inner.Max.Y = bub.Min.Y - m/3
		}
		sc.fittedCard(card, inner, in)
		sc.addBubble(bub)
		sc.lookAt = -0.5
	default: // slide
		sc.paperBackground()
		card := image.Rect(m, m, W-m, H-m)
		sc.card(card, in)
	}
	if in.logo != nil {
		sc.drawLogo(in.logo)
	}
	return sc
}

// drawLogo puts a brand logo in the top-right corner, inside the margin band above cards.
func (sc *sceneLayout) drawLogo(logo image.Image) {
	m := sc.margin()
	b := logo.Bounds()
	if b.Empty() {
		return
	}
	lh := int(0.62 * float64(m))
	lw := b.Dx() * lh / b.Dy()
	if maxW := int(0.22 * float64(sc.w)); lw > maxW {
		lw, lh = maxW, b.Dy()*maxW/b.Dx()
	}
	if lw < 1 || lh < 1 {
		return
	}
	img := newCanvas(lw, lh)
	xdraw.CatmullRom.Scale(img, img.Rect, logo, b, xdraw.Over, nil)
	at := image.Pt(sc.w-m-lw, (m-lh)/2)
	blend(sc.base, img.Rect.Add(at).Intersect(sc.base.Rect), img, at, 255, nil, image.Point{})
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}

// paperBackground fills the frame with the style background and its quiet motif.
func (sc *sceneLayout) paperBackground() {
	p := sc.style.Palette
	fillRect(sc.base, sc.base.Bounds(), p.Background)
	S := sc.short()
	switch sc.style.Motif {
	case "plain":
		rule := max(3, int(0.006*S))
		fillRect(sc.base, image.Rect(0, 0, sc.w, rule), p.Accent)
	case "grid":
		step := max(8, int(0.05*S))
		line := withAlpha(p.Soft, 0.55)
		for x := step / 2; x < sc.w; x += step {
			fillRect(sc.base, image.Rect(x, 0, x+1, sc.h), line)
		}
		for y := step / 2; y < sc.h; y += step {
			fillRect(sc.base, image.Rect(0, y, sc.w, y+1), line)
		}
		d := int(0.7 * S)
		fillMask(sc.base, circleMask(d), image.Pt(sc.w-d/2, -d/2), withAlpha(p.Accent, 0.12))
	case "stripes":
		band := int(0.035 * S)
		for i := 0; i < 3; i++ {
			x := sc.w - int(0.16*S) + i*band*2
			fillRect(sc.base, image.Rect(x, 0, x+band, sc.h), withAlpha(p.Soft, 0.6))
		}
		fillRect(sc.base, image.Rect(0, sc.h-max(4, int(0.012*S)), sc.w, sc.h), p.Accent)
	case "dots":
		dot := max(2, int(0.007*S))
		step := int(0.04 * S)
		cm := circleMask(dot * 2)
		for y := step / 2; y < sc.h; y += step {
			for x := step / 2; x < sc.w; x += step {
				fillMask(sc.base, cm, image.Pt(x, y), withAlpha(p.Soft, 0.9))
			}
		}
		d := int(0.5 * S)
		fillMask(sc.base, circleMask(d), image.Pt(-d/3, sc.h-d*2/3), withAlpha(p.Highlight, 0.25))
	default: // blobs
		d := int(0.9 * S)
		fillMask(sc.base, circleMask(d), image.Pt(sc.w-d*2/3, -d/2), withAlpha(p.Soft, 0.55))
		d2 := int(0.5 * S)
		fillMask(sc.base, circleMask(d2), image.Pt(-d2/2, sc.h-d2*2/3), withAlpha(p.Soft, 0.45))
		// A small grid of dots near the top-left corner.
		dot := max(2, int(0.006*S))
		step := int(0.03 * S)
		cm := circleMask(dot * 2)
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				fillMask(sc.base, cm, image.Pt(int(0.025*S)+i*step, int(0.025*S)+j*step), withAlpha(p.Accent, 0.18))
			}
		}
	}
}

// heroBackground fills the frame for a title card.
func (sc *sceneLayout) heroBackground() {
	p := sc.style.Palette
	fillRect(sc.base, sc.base.Bounds(), p.Hero)
	S := sc.short()
	d := int(1.1 * S)
	fillMask(sc.base, circleMask(d), image.Pt(sc.w-d*3/5, -d/3), withAlpha(p.Accent, 0.55))
	d2 := int(0.36 * S)
	fillMask(sc.base, circleMask(d2), image.Pt(-d2/3, sc.h-d2*3/4), withAlpha(p.Accent, 0.45))
	d3 := int(0.05 * S)
	fillMask(sc.base, circleMask(d3), image.Pt(int(0.1*float64(sc.w)), int(0.82*float64(sc.h))), p.Highlight)
	d4 := int(0.3 * S)
	fillMask(sc.base, ringMask(d4, math.Max(2, 0.004*S)), image.Pt(sc.w-d4/2-int(0.1*S), sc.h-d4/2-int(0.02*S)), withAlpha(p.OnHero, 0.25))
}

// stage draws the soft disc a presenter stands in front of.
func (sc *sceneLayout) stage(c image.Point, r int) {
	fillMask(sc.base, circleMask(2*r), c.Sub(image.Pt(r, r)), sc.style.Palette.Soft)
	d := int(0.04 * sc.short())
	fillMask(sc.base, circleMask(d), c.Add(image.Pt(int(float64(r)*0.72), -int(float64(r)*0.78))), sc.style.Palette.Highlight)
}

// addBubble places the presenter in a circle at r (a square), with a ring and a shadow.
func (sc *sceneLayout) addBubble(r image.Rectangle) {
	p := sc.style.Palette
	d := r.Dx()
	ring := max(3, int(0.012*sc.short()))
	outer := r.Inset(-ring)
	softShadow(sc.base, outer, float64(outer.Dx())/2, int(0.03*sc.short()), int(0.01*sc.short()), sc.style.Shadow*1.4)
	fillMask(sc.base, circleMask(outer.Dx()), outer.Min, p.Surface)
	fillMask(sc.base, circleMask(d), r.Min, p.Soft)
	sc.presenter = r
	sc.framing = videoagent.FramingBubble
	sc.bubble = circleMask(d)
}

// cardSurface draws a card: a white rounded rectangle on a soft shadow.
func (sc *sceneLayout) cardSurface(r image.Rectangle) {
	sc.slide = r
	sc.cards = append(sc.cards, r)
	rad := sc.style.Radius * sc.short()
	softShadow(sc.base, r, rad, int(0.035*sc.short()), int(0.012*sc.short()), sc.style.Shadow)
	fillMask(sc.base, roundRectMask(r.Dx(), r.Dy(), rad), r.Min, sc.style.Palette.Surface)
}

// cardInner is the content area of a card.
func (sc *sceneLayout) cardInner(r image.Rectangle) image.Rectangle {
	pad := int(0.065 * sc.short())
	return r.Inset(pad)
}

// card draws the scene's visual in a card sized to it within slot (see fittedCard).
func (sc *sceneLayout) card(slot image.Rectangle, in layoutInput) {
	sc.fittedCard(slot, sc.cardInner(slot), in)
}

// Card sizes, as fractions of the space a card may take (its slot, less a bubble's side).
const (
	// minCardW and minCardH are the smallest card, of the space's width and of its short
	// side: a short title or two short bullets still sit on a card that reads as a slide,
	// not as a label.
	minCardW = 0.66
	minCardH = 0.5
	// snapCard: a card nearly as large as its slot takes all of it, so that full cards
	// keep the style's grid instead of stopping a few pixels short of it.
	snapCard = 0.86
)

// fillsCard reports whether a visual fills its card whatever it holds: pictures, clips
// and line charts, which stretch to their area.
func fillsCard(v videoagent.Visual) bool {
	switch v.Kind {
	case videoagent.VisualImage, videoagent.VisualVideo:
		return true
	case videoagent.VisualChart:
		return v.ChartType == "line" && len(chartData(v)) >= 2
	}
	return false
}

// fittedCard draws the scene's visual on a card sized to what it shows. The visual is laid
// out in inner, the largest content area of the card's slot; the card then wraps what was
// drawn with the card's padding (at least minCardW x minCardH of the space it may take),
// centred in that space, and the visual's elements move with it: two short bullets get a
// card of their size, not a full-height panel with a blank half. Visuals that fill any
// area (see fillsCard) get the whole slot.
func (sc *sceneLayout) fittedCard(slot, inner image.Rectangle, in layoutInput) {
	sc.slot = slot
	if fillsCard(in.scene.Visual) {
		sc.cardSurface(slot)
		sc.visual(inner, in)
		return
	}
	// The other visuals draw their text and shapes as elements only (nothing into the base
	// yet), so that they can move with the card.
	e0, t0 := len(sc.elems), len(sc.textRects)
	sc.visual(inner, in)
	if top, ok := sc.captionTop(in, inner); ok && textBottom(sc.textRects[t0:]) > top {
		// The burned-in captions would cover the card's last lines ("Students get 10% off"
		// under "...and students get 10% off"): it is laid out again above them.
		sc.elems, sc.textRects = sc.elems[:e0], sc.textRects[:t0]
		inner.Max.Y = top
		sc.visual(inner, in)
	}
	// What was drawn (its ink), and with the boxes its text was laid out in, which reach
	// a little further (line spacing): the card holds both, and centres the ink.
	var ink, content image.Rectangle
	for _, e := range sc.elems[e0:] {
		ink = ink.Union(opaqueBounds(e.img).Add(e.at))
	}
	content = ink
	for _, r := range sc.textRects[t0:] {
		content = content.Union(r)
	}
	card, space := cardAround(content, slot, inner)
	if !ink.Empty() {
		// Centred in the card, within the space kept clear of a bubble.
		d := mid(card.Intersect(space)).Sub(mid(ink))
		moved := content.Add(d)
		d.X += max(0, card.Min.X-moved.Min.X) - max(0, moved.Max.X-card.Max.X)
		d.Y += max(0, card.Min.Y-moved.Min.Y) - max(0, moved.Max.Y-card.Max.Y)
		for _, e := range sc.elems[e0:] {
			e.at = e.at.Add(d)
		}
		for i := t0; i < len(sc.textRects); i++ {
			sc.textRects[i] = sc.textRects[i].Add(d)
		}
	}
	sc.cardSurface(card)
}

// captionTop is the top of the burned-in captions' band (two lines, see captionSprites)
// where it lies under inner, the content area of a card beside the presenter in a wide
// frame, with a little air above it; ok is false when there are no captions, when they
// sit beside inner, or when inner would keep less than two thirds of its height above
// them. (In narrower frames the card stands above the presenter and the captions between
// them, clear of a card fitted to its content.)
func (sc *sceneLayout) captionTop(in layoutInput, inner image.Rectangle) (top int, ok bool) {
	if !in.captions || !sc.wide() {
		return 0, false
	}
	z := sc.captionZone()
	size := sc.captionSize()
	top = z.Max.Y - int(math.Ceil(2*captionSpacing*size+2*captionPadY*size)) - int(0.02*float64(sc.h))
	if z.Max.X <= inner.Min.X || z.Min.X >= inner.Max.X || top >= inner.Max.Y || top-inner.Min.Y < inner.Dy()*2/3 {
		return 0, false
	}
	return top, true
}

// textBottom is the lowest bottom edge of rs (0 for none).
func textBottom(rs []image.Rectangle) int {
	b := 0
	for _, r := range rs {
		b = max(b, r.Max.Y)
	}
	return b
}

// cardAround is the card for content laid out in inner, the content area of slot: the
// content with the card's padding around it, at least minCardW x minCardH of the space
// the card's content may take (inner with the padding: the slot less a bubble's side),
// centred in that space; or the slot's full width or height when it would take nearly
// all of it. It returns the card and that space.
func cardAround(content, slot, inner image.Rectangle) (card, area image.Rectangle) {
	pad := inner.Min.X - slot.Min.X
	area = inner.Inset(-pad).Intersect(slot)
	if content.Empty() {
		return slot, area
	}
	w := max(content.Dx()+2*pad, int(minCardW*float64(area.Dx())))
	h := max(content.Dy()+2*pad, int(minCardH*float64(min(area.Dx(), area.Dy()))))
	card = slot
	if float64(w) < snapCard*float64(area.Dx()) {
		card.Min.X = area.Min.X + (area.Dx()-w)/2
		card.Max.X = card.Min.X + w
	}
	if float64(h) < snapCard*float64(area.Dy()) {
		card.Min.Y = area.Min.Y + (area.Dy()-h)/2
		card.Max.Y = card.Min.Y + h
	}
	return card, area
}

// mid is the centre of a rectangle.
func mid(r image.Rectangle) image.Point {
	return image.Pt((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
}

// opaqueBounds is the smallest rectangle holding every pixel of img that is not
// (nearly) transparent.
func opaqueBounds(img *image.RGBA) image.Rectangle {
	b := img.Rect
	out := image.Rectangle{}
	if b.Empty() {
		return out
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y) : img.PixOffset(b.Max.X-1, y)+4]
		first := -1
		for i := 3; i < len(row); i += 4 {
			if row[i] > 8 {
				first = i / 4
				break
			}
		}
		if first < 0 {
			continue
		}
		last := first
		for i := len(row) - 1; i/4 > first; i -= 4 {
			if row[i] > 8 {
				last = i / 4
				break
			}
		}
		out = out.Union(image.Rect(b.Min.X+first, y, b.Min.X+last+1, y+1))
	}
	return out
}

// textElement lays out and draws text into an element placed at (x, y) within width w.
func (sc *sceneLayout) textElement(tb textBox, x, y, w int, al align, c color.RGBA, start time.Duration) *element {
	pad := int(math.Ceil(tb.size * 0.3))
	img := newCanvas(w+2*pad, int(math.Ceil(tb.H))+2*pad)
	tb.drawAt(img, float64(pad), float64(pad), float64(w), al, c)
	x0 := x
	switch tb.start(al) {
	case alignCenter:
		x0 = x + int((float64(w)-tb.W)/2)
	case alignRight:
		x0 = x + w - int(math.Ceil(tb.W))
	}
	sc.textRects = append(sc.textRects, image.Rect(x0, y, x0+int(math.Ceil(tb.W)), y+int(math.Ceil(tb.H))))
	return sc.add(img, image.Pt(x-pad, y-pad), start)
}

// add registers an element sprite entering at start.
func (sc *sceneLayout) add(img *image.RGBA, at image.Point, start time.Duration) *element {
	e := &element{sprite: sprite{img: img, at: at}, start: start, rise: int(0.025 * sc.short())}
	sc.elems = append(sc.elems, e)
	return e
}

// heroText draws a title card's rule, title and subtitle in area, vertically centred.
func (sc *sceneLayout) heroText(area image.Rectangle, title, sub string) {
	p := sc.style.Palette
	H := float64(sc.h)
	W := float64(area.Dx())
	al := alignLeft
	if sc.h > sc.w*6/5 {
		al = alignCenter
	}
	ruleH := math.Max(4, 0.012*H)
	ruleW := int(0.09 * sc.short())
	rule := &block{fixed: ruleH, gap: 0.04 * H, put: func(b *block, x, y int) {
		img := newCanvas(ruleW, int(ruleH))
		fillMask(img, roundRectMask(ruleW, int(ruleH), ruleH/2), image.Point{}, p.Highlight)
		if al == alignCenter {
			x += (area.Dx() - ruleW) / 2
		} else if rtlText(title) {
			x += area.Dx() - ruleW
		}
		sc.add(img, image.Pt(x, y), 0)
	}}
	bs := []*block{rule, sc.textBlock(sc.fonts.display, title, fitSpec{maxW: W, maxH: float64(area.Dy()) * 0.6,
		maxSize: sc.style.HeroTitleMax * H, minSize: 0.045 * H, maxLines: 4, lineSpacing: 1.08}, 0.04*H, al, p.OnHero, 80*time.Millisecond)}
	if sub != "" {
		bs = append(bs, sc.textBlock(sc.fonts.text, sub, fitSpec{maxW: W, maxH: float64(area.Dy()) * 0.25,
			maxSize: 0.05 * H, minSize: sc.style.BodyMin * H, maxLines: 3, lineSpacing: 1.3}, 0, al, p.HeroMuted, 260*time.Millisecond))
	}
	sc.stack(bs, area)
}

// lowerThird draws a name-tag card with a title and an optional subtitle.
func (sc *sceneLayout) lowerThird(title, sub string) {
	p := sc.style.Palette
	H := float64(sc.h)
	m := sc.margin()
	maxW := float64(sc.w)*0.46 - float64(m)
	if !sc.wide() {
		maxW = float64(sc.w - 2*m)
	}
	pad := int(0.032 * H)
	bar := max(5, int(0.01*H))
	tt := fitText(sc.fonts.display, title, fitSpec{maxW: maxW - float64(2*pad+bar), maxH: 0.2 * H, maxSize: 0.075 * H, minSize: 0.04 * H, maxLines: 2})
	var st textBox
	hh := tt.H
	if sub != "" {
		st = fitText(sc.fonts.text, sub, fitSpec{maxW: maxW - float64(2*pad+bar), maxH: 0.1 * H, maxSize: 0.042 * H, minSize: sc.style.BodyMin * H, maxLines: 2})
		hh += 0.015*H + st.H
	}
	cw := int(math.Max(tt.W, st.W)) + 2*pad + bar
	ch := int(hh) + 2*pad
	y := sc.h - m - ch
	if !sc.wide() {
		y = m
	}
	r := image.Rect(m, y, m+cw, y+ch)
	sc.cards = append(sc.cards, r)
	softShadow(sc.base, r, float64(pad)/2, int(0.025*H), int(0.008*H), sc.style.Shadow)
	img := newCanvas(cw, ch)
	shape := roundRectMask(cw, ch, float64(pad)/2)
	fillMask(img, shape, image.Point{}, p.Surface)
	draw.DrawMask(img, image.Rect(0, 0, bar, ch), image.NewUniform(p.Accent), image.Point{}, shape, image.Point{}, draw.Over)
	tt.drawAt(img, float64(bar+pad), float64(pad), tt.W, alignLeft, p.Text)
	if sub != "" {
		st.drawAt(img, float64(bar+pad), float64(pad)+tt.H+0.015*H, st.W, alignLeft, p.Muted)
	}
	sc.textRects = append(sc.textRects, image.Rect(m+bar+pad, y+pad, m+bar+pad+int(math.Max(tt.W, st.W)), y+pad+int(hh)))
	e := sc.add(img, r.Min, 150*time.Millisecond)
	e.front = true
}
