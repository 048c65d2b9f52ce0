package render

import (
	"image"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/image/vector"

	videoagent "github.com/openvideoagent/videoagent"
)

// visual draws a scene's visual into the content area r of a slide.
func (sc *sceneLayout) visual(r image.Rectangle, in layoutInput) {
	v := in.scene.Visual
	switch v.Kind {
	case videoagent.VisualStat:
		sc.stat(r, v)
	case videoagent.VisualQuote:
		sc.quote(r, v)
	case videoagent.VisualCTA:
		sc.cta(r, v)
	case videoagent.VisualImage, videoagent.VisualVideo:
		sc.media(r, v, in)
	case videoagent.VisualChart:
		bars := chartData(v)
		if len(bars) > 0 && v.ChartType == "line" && len(bars) >= 2 {
			sc.lineChart(r, v, bars)
			return
		}
		if len(bars) > 0 {
			sc.chart(r, v, bars)
			return
		}
		sc.bulletsOrTitle(r, v, in)
	default: // bullets, title, none, or anything with only a title
		sc.bulletsOrTitle(r, v, in)
	}
}

// bulletsOrTitle draws a visual's bullets under its title; without bullets, its title
// and subtitle as a title card, not a slide's heading over nothing.
func (sc *sceneLayout) bulletsOrTitle(r image.Rectangle, v videoagent.Visual, in layoutInput) {
	if len(bulletItems(v)) > 0 {
		sc.bullets(r, v, in)
		return
	}
	title, sub := firstNonEmpty(v.Title, v.Text, in.title), firstNonEmpty(v.Subtitle, v.Caption)
	if title == "" || title == sub {
		title, sub = sub, ""
	}
	sc.centredTitle(r, title, sub)
}

// bulletItems are a visual's bullets that are not blank, trimmed.
func bulletItems(v videoagent.Visual) []string {
	var items []string
	for _, b := range v.Bullets {
		if s := strings.TrimSpace(b); s != "" {
			items = append(items, s)
		}
	}
	return items
}

// slideTitle is a slide's title with the short rule under it.
type slideTitle struct {
	tb     textBox
	height int // title, rule and the space below them
}

// fitTitle fits a slide title into at most maxFrac of r's height.
func (sc *sceneLayout) fitTitle(r image.Rectangle, title string, maxFrac float64) slideTitle {
	if strings.TrimSpace(title) == "" {
		return slideTitle{}
	}
	H := float64(sc.h)
	tt := fitText(sc.fonts.display, title, fitSpec{maxW: float64(r.Dx()), maxH: maxFrac * float64(r.Dy()),
		maxSize: sc.style.TitleMax * H, minSize: 0.04 * H, maxLines: 3, lineSpacing: 1.1})
	return slideTitle{tb: tt, height: int(tt.H) + int(0.025*H) + max(4, int(0.009*H)) + int(0.045*H)}
}

// draw draws the title at (x, y).
func (st slideTitle) draw(sc *sceneLayout, x, y, w int) {
	if st.height == 0 {
		return
	}
	H := float64(sc.h)
	sc.textElement(st.tb, x, y, w, alignLeft, sc.style.Palette.Text, 0)
	y += int(st.tb.H) + int(0.025*H)
	ruleH := max(4, int(0.009*H))
	ruleW := int(0.07 * sc.short())
	rule := newCanvas(ruleW, ruleH)
	fillMask(rule, roundRectMask(ruleW, ruleH, float64(ruleH)/2), image.Point{}, sc.style.Palette.Highlight)
	if st.tb.rtl {
		x += w - ruleW
	}
	sc.add(rule, image.Pt(x, y), 120*time.Millisecond)
}

// slideTitle draws a slide's title at the top of r and returns where content may start.
func (sc *sceneLayout) slideTitle(r image.Rectangle, title string, maxFrac float64) int {
	st := sc.fitTitle(r, title, maxFrac)
	st.draw(sc, r.Min.X, r.Min.Y, r.Dx())
	return r.Min.Y + st.height
}

// bullets draws a title and bullets that appear as the narration reaches them. The block
// is centred vertically in r, a little above the middle.
func (sc *sceneLayout) bullets(r image.Rectangle, v videoagent.Visual, in layoutInput) {
	p := sc.style.Palette
	H := float64(sc.h)
	items := bulletItems(v)
	var st slideTitle
	avail := 0.0
	// One size for all bullets: the largest at which they all fit, each within maxLines.
	layout := func(size float64, cut bool, maxLines int) ([]textBox, float64, bool) {
		badge := size * 1.2
		indent := badge + size*0.6
		tw := float64(r.Dx()) - indent
		var boxes []textBox
		total := 0.0
		ok := true
		for i, it := range items {
			lines, fits := wrap(sc.fonts.text, it, size, tw, cut)
			if len(lines) > maxLines {
				fits = false
				if cut {
					lines = lines[:maxLines]
					lines[maxLines-1] = ellipsize(sc.fonts.text, lines[maxLines-1]+" …", size, tw)
				}
			}
			if !cut && len(lines) > 1 { // balance each bullet's lines
				if b := balance(sc.fonts.text, it, size, tw, len(lines)); len(b) == len(lines) {
					lines = b
				}
			}
			ok = ok && fits
			tb := newTextBox(sc.fonts.text, lines, size, 1.25)
			boxes = append(boxes, tb)
			total += math.Max(tb.H, badge)
			if i > 0 {
				total += bulletGap(size)
			}
		}
		return boxes, total, ok && total <= avail
	}
	minS, maxS := sc.style.BodyMin*H, sc.style.BodyMax*H
	var size, total float64
	var boxes []textBox
	var ok bool
	// A smaller title is better than body text below the style's minimum.
	for _, frac := range []float64{0.34, 0.26, 0.2} {
		st = sc.fitTitle(r, v.Title, frac)
		avail = float64(r.Dy() - st.height)
		size = maxS
		boxes, total, ok = layout(size, false, 3)
		for !ok && size > minS {
			size = math.Max(minS, size-1)
			boxes, total, ok = layout(size, false, 3)
		}
		if ok {
			break
		}
	}
	for !ok && size > 0.02*H { // below the style minimum only to avoid overflowing
		size--
		boxes, total, ok = layout(size, false, 3)
	}
	for lines := 3; !ok && lines >= 1; lines-- { // then cut long bullets short
		boxes, total, ok = layout(size, true, lines)
	}
	for !ok && len(items) > 1 { // and at last leave out bullets that cannot fit
		items = items[:len(items)-1]
		boxes, total, ok = layout(size, true, 1)
	}
	y := r.Min.Y + int(math.Max(0, (float64(r.Dy())-float64(st.height)-total)/2*0.8))
	st.draw(sc, r.Min.X, y, r.Dx())
	y += st.height
	if len(items) == 0 {
		return
	}
	times := bulletTimes(items, in.words, in.speechEnd)
	badge := int(size * 1.2)
	indent := badge + int(size*0.6)
	for i, tb := range boxes {
		h := int(math.Max(tb.H, float64(badge)))
		pad := int(size * 0.3)
		img := newCanvas(r.Dx()+2*pad, h+2*pad)
		// Number badge, centred on the first line.
		by := pad + int(tb.ascent-size*0.36) - badge/2
		if len(tb.lines) == 1 && tb.H < float64(badge) {
			by = pad + (h-badge)/2
		}
		// Right-to-left bullets are mirrored: the badge on the right, the text ending at it.
		bx, tx := pad, pad+indent
		if tb.rtl {
			bx, tx = pad+r.Dx()-badge, pad+r.Dx()-indent-int(math.Ceil(tb.W))
		}
		fillMask(img, circleMask(badge), image.Pt(bx, by), p.Accent)
		num := newTextBox(sc.fonts.strong, []string{strconv.Itoa(i + 1)}, size*0.62, 1)
		num.drawAt(img, float64(bx)+(float64(badge)-num.W)/2, float64(by)+(float64(badge)-num.H)/2, num.W, alignLeft, p.OnAccent)
		ty := pad
		if tb.H < float64(badge) {
			ty = pad + (h-int(tb.H))/2
		}
		tb.drawAt(img, float64(tx), float64(ty), tb.W, alignLeft, p.Text)
		sc.textRects = append(sc.textRects, image.Rect(r.Min.X+tx-pad, y+ty-pad, r.Min.X+tx-pad+int(math.Ceil(tb.W)), y+ty-pad+int(math.Ceil(tb.H))))
		sc.add(img, image.Pt(r.Min.X-pad, y-pad), times[i])
		y += h + int(bulletGap(size))
	}
}

// bulletGap is the space between bullets of text size size.
func bulletGap(size float64) float64 { return size * 0.85 }

// stopwords are skipped when matching bullets to narration.
var stopwords = map[string]bool{"the": true, "and": true, "for": true, "with": true, "that": true, "this": true,
	"your": true, "you": true, "are": true, "from": true, "into": true, "our": true, "its": true, "their": true}

func keyWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		if len([]rune(w)) >= 3 && !stopwords[w] {
			out = append(out, w)
		}
	}
	return out
}

// bulletTimes says when each bullet appears: when the narration first says one of its key
// words (in order, after the previous bullet), else evenly through the narration. The
// first bullet never appears before the title has settled.
func bulletTimes(items []string, words []videoagent.WordTiming, speechEnd time.Duration) []time.Duration {
	n := len(items)
	out := make([]time.Duration, n)
	first := 450 * time.Millisecond
	speechStart := first
	if len(words) > 0 {
		speechStart = words[0].Start
	}
	if speechEnd <= speechStart {
		speechEnd = speechStart + time.Duration(n)*time.Second
	}
	span := speechEnd - speechStart
	wi := 0
	for i, it := range items {
		even := speechStart + span*time.Duration(i)/time.Duration(n)
		out[i] = even
		keys := keyWords(it)
		for j := wi; j < len(words) && len(keys) > 0; j++ {
			w := strings.ToLower(strings.TrimFunc(words[j].Word, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }))
			hit := false
			for _, k := range keys {
				if w == k || (len(k) >= 5 && len(w) >= 5 && strings.HasPrefix(w, k[:5])) {
					hit = true
					break
				}
			}
			if hit {
				out[i] = words[j].Start - 150*time.Millisecond
				wi = j + 1
				break
			}
		}
		if i > 0 && out[i] < out[i-1]+250*time.Millisecond {
			out[i] = out[i-1] + 250*time.Millisecond
		}
		if out[i] < first {
			out[i] = first
		}
	}
	return out
}

// centredTitle draws a title and subtitle centred in r.
func (sc *sceneLayout) centredTitle(r image.Rectangle, title, sub string) {
	p := sc.style.Palette
	H := float64(sc.h)
	W := float64(r.Dx())
	bs := []*block{sc.textBlock(sc.fonts.display, title, fitSpec{maxW: W, maxH: 0.6 * float64(r.Dy()),
		maxSize: sc.style.HeroTitleMax * H * 0.85, minSize: 0.045 * H, maxLines: 4, lineSpacing: 1.1}, 0.035*H, alignCenter, p.Text, 0)}
	if sub != "" {
		bs = append(bs, sc.textBlock(sc.fonts.text, sub, fitSpec{maxW: W, maxH: 0.3 * float64(r.Dy()),
			maxSize: 0.05 * H, minSize: sc.style.BodyMin * H, maxLines: 3, lineSpacing: 1.3}, 0, alignCenter, p.Muted, 200*time.Millisecond))
	}
	sc.stack(bs, r)
}

// stat draws a big number with a label: eyebrow (title), value (text), label (caption).
func (sc *sceneLayout) stat(r image.Rectangle, v videoagent.Visual) {
	p := sc.style.Palette
	H := float64(sc.h)
	W := float64(r.Dx())
	gap := 0.03 * H
	var bs []*block
	if v.Title != "" {
		bs = append(bs, sc.textBlock(sc.fonts.strong, v.Title, fitSpec{maxW: W, maxH: 0.2 * float64(r.Dy()), maxSize: 0.042 * H, minSize: 0.032 * H, maxLines: 2, upper: true}, gap, alignCenter, p.Accent, 0))
	}
	value := sc.textBlock(sc.fonts.display, firstNonEmpty(v.Text, v.Subtitle, "—"), fitSpec{maxW: W, maxH: 0.5 * float64(r.Dy()), maxSize: 0.3 * H, minSize: 0.06 * H, maxLines: 2, lineSpacing: 1.0}, gap, alignCenter, p.Accent, 150*time.Millisecond)
	value.rise = 2
	bs = append(bs, value)
	if v.Caption != "" {
		bs = append(bs, sc.textBlock(sc.fonts.text, v.Caption, fitSpec{maxW: W, maxH: 0.3 * float64(r.Dy()), maxSize: 0.05 * H, minSize: sc.style.BodyMin * H, maxLines: 3, lineSpacing: 1.3}, 0, alignCenter, p.Muted, 350*time.Millisecond))
	}
	sc.stack(bs, r)
}

// quote draws a large quotation mark, the quote and its author.
func (sc *sceneLayout) quote(r image.Rectangle, v videoagent.Visual) {
	p := sc.style.Palette
	H := float64(sc.h)
	W := float64(r.Dx())
	text := firstNonEmpty(v.Text, v.Title)
	markSize := math.Min(0.2*H, 0.3*float64(r.Dy()))
	mark := &block{fixed: markSize * 0.5, gap: 0.01 * H, put: func(b *block, x, y int) {
		mk := "“"
		rtl := rtlText(text)
		if rtl { // a right-to-left quote opens at the right, with the mirrored mark
			mk = "”"
		}
		tb := newTextBox(sc.fonts.display, []string{mk}, markSize, 1)
		img := newCanvas(int(tb.W)+4, int(markSize*0.55))
		tb.drawAt(img, 2, -tb.ascent+markSize*0.72, tb.W, alignLeft, p.Accent)
		if rtl {
			x += r.Dx() - img.Rect.Dx() + 4
		}
		sc.add(img, image.Pt(x-2, y), 0)
	}}
	bs := []*block{mark, sc.textBlock(sc.fonts.italic, text, fitSpec{maxW: W, maxH: 0.62 * float64(r.Dy()), maxSize: 0.085 * H, minSize: sc.style.BodyMin * H, maxLines: 6, lineSpacing: 1.3}, 0.035*H, alignLeft, p.Text, 120*time.Millisecond)}
	if v.Caption != "" {
		bs = append(bs, sc.textBlock(sc.fonts.strong, "— "+v.Caption, fitSpec{maxW: W, maxH: 0.15 * float64(r.Dy()), maxSize: 0.042 * H, minSize: sc.style.BodyMin * H, maxLines: 2}, 0, alignLeft, p.Muted, 350*time.Millisecond))
	}
	sc.stack(bs, r)
}

// cta draws a call to action: title, line and a URL button.
func (sc *sceneLayout) cta(r image.Rectangle, v videoagent.Visual) {
	p := sc.style.Palette
	H := float64(sc.h)
	W := float64(r.Dx())
	gap := 0.04 * H
	title := firstNonEmpty(v.Title, v.Text)
	line := ""
	if v.Title != "" {
		line = firstNonEmpty(v.Text, v.Subtitle)
	}
	bs := []*block{sc.textBlock(sc.fonts.display, title, fitSpec{maxW: W, maxH: 0.4 * float64(r.Dy()), maxSize: sc.style.HeroTitleMax * H, minSize: 0.045 * H, maxLines: 3, lineSpacing: 1.1}, gap, alignCenter, p.Text, 0)}
	if line != "" {
		bs = append(bs, sc.textBlock(sc.fonts.text, line, fitSpec{maxW: W, maxH: 0.25 * float64(r.Dy()), maxSize: 0.048 * H, minSize: sc.style.BodyMin * H, maxLines: 3, lineSpacing: 1.3}, gap, alignCenter, p.Muted, 150*time.Millisecond))
	}
	if v.URL != "" {
		padX, padY := 0.05*H, 0.03*H
		bs = append(bs, &block{tf: sc.fonts.strong, text: v.URL, fixed: 2 * padY,
			spec: fitSpec{maxW: W - 2*padX, maxH: 0.12 * H, maxSize: 0.05 * H, minSize: 0.03 * H, maxLines: 1},
			put: func(b *block, x, y int) {
				ut := b.tb
				bw, bh := int(math.Ceil(ut.W+2*padX)), int(math.Ceil(ut.H+2*padY))
				img := newCanvas(bw, bh)
				fillMask(img, roundRectMask(bw, bh, float64(bh)/2), image.Point{}, p.Accent)
				ut.drawAt(img, padX, padY, ut.W, alignLeft, p.OnAccent)
				x += (r.Dx() - bw) / 2
				sc.textRects = append(sc.textRects, image.Rect(x+int(padX), y+int(padY), x+int(padX+math.Ceil(ut.W)), y+int(padY+math.Ceil(ut.H))))
				e := sc.add(img, image.Pt(x, y), 350*time.Millisecond)
				e.rise = int(0.04 * sc.short())
			}})
	}
	sc.stack(bs, r)
}

// media draws an image that slowly pans and zooms, or, without one, a designed
// placeholder panel naming what will be shown.
func (sc *sceneLayout) media(r image.Rectangle, v videoagent.Visual, in layoutInput) {
	img := in.image
	p := sc.style.Palette
	H := float64(sc.h)
	y := r.Min.Y
	if v.Title != "" {
		y = sc.slideTitle(r, v.Title, 0.26)
	}
	panel := image.Rect(r.Min.X, y, r.Max.X, r.Max.Y)
	if panel.Dy() < r.Dy()/3 {
		panel.Min.Y = r.Max.Y - r.Dy()/3
	}
	rad := sc.style.Radius * sc.short() * 0.7
	if v.Kind == videoagent.VisualVideo && in.clip != nil {
		sc.video = newVideoPanel(in.clip, in.ffmpeg, innerEven(panel.Intersect(r)), rad)
		return
	}
	if img != nil && v.Kind == videoagent.VisualImage {
		sc.panel = newKenBurns(framePicture(img, panel.Size()), panel, roundRectMask(panel.Dx(), panel.Dy(), rad))
		return
	}
	fillMask(sc.base, roundRectMask(panel.Dx(), panel.Dy(), rad), panel.Min, withAlpha(p.Soft, 0.7))
	// Icon: a play button for video, a framed landscape for images.
	d := int(math.Min(float64(panel.Dy())*0.32, 0.2*H))
	icon := newCanvas(d, d)
	fillMask(icon, circleMask(d), image.Point{}, p.Accent)
	if v.Kind == videoagent.VisualVideo {
		tri := triangleMask(d)
		fillMask(icon, tri, image.Point{}, p.OnAccent)
	} else {
		s := d / 2
		m := roundRectMask(s, s*3/4, float64(s)/8)
		fillMask(icon, m, image.Pt((d-s)/2, (d-s*3/4)/2), p.OnAccent)
		fillMask(icon, circleMask(s/4), image.Pt((d-s)/2+s*3/5, (d-s*3/4)/2+s/8), p.Accent)
	}
	label := firstNonEmpty(v.Caption, v.Text)
	var lt textBox
	total := d
	if label != "" {
		lt = fitText(sc.fonts.strong, label, fitSpec{maxW: float64(panel.Dx()) * 0.8, maxH: float64(panel.Dy()) * 0.3, maxSize: 0.042 * H, minSize: 0.03 * H, maxLines: 2})
		total += int(0.03*H) + int(lt.H)
	}
	iy := panel.Min.Y + (panel.Dy()-total)/2
	sc.add(icon, image.Pt(panel.Min.X+(panel.Dx()-d)/2, iy), 100*time.Millisecond)
	if label != "" {
		sc.textElement(lt, panel.Min.X, iy+d+int(0.03*H), panel.Dx(), alignCenter, p.Text, 200*time.Millisecond)
	}
}

// triangleMask is a play symbol centred in a d x d square.
func triangleMask(d int) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, d, d))
	fd := float64(d)
	x0, x1 := fd*0.40, fd*0.70
	y0, y1 := fd*0.32, fd*0.68
	for y := 0; y < d; y++ {
		for x := 0; x < d; x++ {
			// 4x4 supersampling of the triangle (x0,y0) (x1,mid) (x0,y1)
			n := 0
			for sy := 0; sy < 4; sy++ {
				for sx := 0; sx < 4; sx++ {
					px, py := float64(x)+(float64(sx)+0.5)/4, float64(y)+(float64(sy)+0.5)/4
					if px < x0 || px > x1 {
						continue
					}
					t := (px - x0) / (x1 - x0)
					if py >= y0+(y1-y0)/2*t && py <= y1-(y1-y0)/2*t {
						n++
					}
				}
			}
			m.Pix[y*m.Stride+x] = uint8(n * 255 / 16)
		}
	}
	return m
}

// bar is one bar of a chart.
type bar struct {
	label string
	value float64
	text  string
}

var barRE = regexp.MustCompile(`^(.*?)[\s:–—-]+\s*([-+]?\$?\d[\d,]*(?:\.\d+)?)\s*(%|[kKmMbB]|x)?\s*$`)

// parseBars reads "Label: 42%" style bullets; all must parse.
func parseBars(items []string) []bar {
	var out []bar
	for _, it := range items {
		m := barRE.FindStringSubmatch(strings.TrimSpace(it))
		if m == nil || strings.TrimSpace(m[1]) == "" {
			return nil
		}
		f, err := strconv.ParseFloat(strings.NewReplacer("$", "", ",", "").Replace(m[2]), 64)
		if err != nil || f < 0 {
			return nil
		}
		out = append(out, bar{label: strings.TrimSpace(m[1]), value: f, text: m[2] + m[3]})
	}
	return out
}

// chartData is a chart's points: its Data, else its bullets parsed as "Label: 42%".
func chartData(v videoagent.Visual) []bar {
	if len(v.Data) == 0 {
		return parseBars(v.Bullets)
	}
	var out []bar
	for _, d := range v.Data {
		if d.Value < 0 && v.ChartType != "line" {
			d.Value = 0
		}
		out = append(out, bar{label: strings.TrimSpace(d.Label), value: d.Value, text: formatValue(d.Value) + v.Unit})
	}
	return out
}

// formatValue writes a chart value without needless decimals, with thousands separators.
func formatValue(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		s := strconv.FormatInt(int64(math.Abs(f)), 10)
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		if f < 0 {
			return "-" + b.String()
		}
		return b.String()
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// lineChart draws a line chart: light gridlines, the line with a dot per point, the value
// over each dot and the labels under the axis. The line enters first, then the values.
func (sc *sceneLayout) lineChart(r image.Rectangle, v videoagent.Visual, pts []bar) {
	p := sc.style.Palette
	H := float64(sc.h)
	y0 := sc.slideTitle(r, v.Title, 0.28)
	area := image.Rect(r.Min.X, y0, r.Max.X, r.Max.Y)
	size := math.Min(sc.style.BodyMax*H*0.75, float64(area.Dy())/7)
	size = math.Max(size, math.Min(sc.style.BodyMin*H*0.8, float64(area.Dy())/7))
	n := len(pts)
	// Labels: one line each under the axis, shrunk to their column.
	colW := float64(area.Dx()) / float64(n)
	labels := make([]textBox, n)
	labelH := 0.0
	for i, b := range pts {
		labels[i] = fitText(sc.fonts.text, b.label, fitSpec{maxW: colW * 0.94, maxH: size * 1.4, maxSize: size, minSize: size * 0.6, maxLines: 1})
		labelH = math.Max(labelH, labels[i].H)
	}
	valueH := size * 1.5
	plot := image.Rect(area.Min.X, area.Min.Y+int(valueH), area.Max.X, area.Max.Y-int(labelH+size*0.6))
	if plot.Dy() < int(size*2) {
		plot.Min.Y = plot.Max.Y - int(size*2)
	}
	lo, hi := pts[0].value, pts[0].value
	for _, b := range pts {
		lo, hi = math.Min(lo, b.value), math.Max(hi, b.value)
	}
	if lo > 0 {
		lo = 0
	}
	if hi == lo {
		hi = lo + 1
	}
	xs := make([]float64, n)
	ys := make([]float64, n)
	for i, b := range pts {
		xs[i] = float64(plot.Min.X) + colW*(float64(i)+0.5)
		ys[i] = float64(plot.Max.Y) - (b.value-lo)/(hi-lo)*float64(plot.Dy())
	}
	// Gridlines and axis, static.
	for k := 0; k <= 4; k++ {
		gy := plot.Max.Y - k*plot.Dy()/4
		th := 1
		c := withAlpha(p.Muted, 0.18)
		if k == 0 {
			th, c = max(2, int(0.003*H)), withAlpha(p.Muted, 0.6)
		}
		fillRect(sc.base, image.Rect(plot.Min.X, gy, plot.Max.X, gy+th), c)
	}
	// The line with its area tint and dots, as one element.
	lw := math.Max(3, 0.006*H)
	img := newCanvas(area.Dx(), area.Dy())
	off := image.Pt(area.Min.X, area.Min.Y)
	fill := vector.NewRasterizer(area.Dx(), area.Dy())
	fill.MoveTo(float32(xs[0]-float64(off.X)), float32(float64(plot.Max.Y-off.Y)))
	for i := range xs {
		fill.LineTo(float32(xs[i]-float64(off.X)), float32(ys[i]-float64(off.Y)))
	}
	fill.LineTo(float32(xs[n-1]-float64(off.X)), float32(float64(plot.Max.Y-off.Y)))
	fill.ClosePath()
	fill.Draw(img, img.Rect, image.NewUniform(withAlpha(p.Accent, 0.12)), image.Point{})
	line := vector.NewRasterizer(area.Dx(), area.Dy())
	for i := 0; i+1 < n; i++ {
		strokeSegment(line, xs[i]-float64(off.X), ys[i]-float64(off.Y), xs[i+1]-float64(off.X), ys[i+1]-float64(off.Y), lw)
	}
	line.Draw(img, img.Rect, image.NewUniform(p.Accent), image.Point{})
	dot := int(lw * 3.2)
	for i := range xs {
		fillMask(img, circleMask(dot), image.Pt(int(xs[i])-off.X-dot/2, int(ys[i])-off.Y-dot/2), p.Surface)
		fillMask(img, ringMask(dot, lw), image.Pt(int(xs[i])-off.X-dot/2, int(ys[i])-off.Y-dot/2), p.Accent)
	}
	sc.add(img, off, 250*time.Millisecond)
	for i, b := range pts {
		vt := newTextBox(sc.fonts.strong, []string{b.text}, size*0.9, 1)
		vx := int(xs[i] - vt.W/2)
		vx = clampi(vx, area.Min.X, area.Max.X-int(math.Ceil(vt.W)))
		vy := int(ys[i] - float64(dot) - vt.H)
		sc.textElement(vt, vx, max(area.Min.Y, vy), int(math.Ceil(vt.W)), alignLeft, p.Text, 550*time.Millisecond+time.Duration(i)*120*time.Millisecond)
		lt := labels[i]
		lx := int(xs[i] - lt.W/2)
		lx = clampi(lx, area.Min.X, area.Max.X-int(math.Ceil(lt.W)))
		sc.textElement(lt, lx, plot.Max.Y+int(size*0.5), int(math.Ceil(lt.W)), alignLeft, p.Muted, 300*time.Millisecond)
	}
}

// strokeSegment adds a line segment of width w with round-ish ends to a rasterizer.
func strokeSegment(z *vector.Rasterizer, x0, y0, x1, y1, w float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	ex, ey := dx/l*w/2, dy/l*w/2 // extend the ends to close joints
	z.MoveTo(float32(x0+nx-ex), float32(y0+ny-ey))
	z.LineTo(float32(x1+nx+ex), float32(y1+ny+ey))
	z.LineTo(float32(x1-nx+ex), float32(y1-ny+ey))
	z.LineTo(float32(x0-nx-ex), float32(y0-ny-ey))
	z.ClosePath()
}

// chart draws a horizontal bar chart whose bars enter one after another. Labels sit
// beside the bars when they fit a third of the width, else above them.
func (sc *sceneLayout) chart(r image.Rectangle, v videoagent.Visual, bars []bar) {
	p := sc.style.Palette
	H := float64(sc.h)
	y := sc.slideTitle(r, v.Title, 0.3)
	maxV := 0.0
	for _, b := range bars {
		maxV = math.Max(maxV, b.value)
	}
	if maxV == 0 {
		maxV = 1
	}
	avail := float64(r.Max.Y - y)
	n := float64(len(bars))
	size := math.Min(sc.style.BodyMax*H*0.85, avail/n/2.2)
	labelW := float64(r.Dx()) * 0.34
	beside := true
	for _, b := range bars {
		if sc.fonts.text.measure(b.label, size) > labelW-size {
			beside = false
		}
	}
	rowH := math.Min(avail/n, size*2.4)
	if !beside {
		rowH = math.Min(avail/n, sc.style.BodyMax*H*3)
		size = math.Min(sc.style.BodyMax*H*0.85, rowH/2.7)
		labelW = 0
	}
	for i, b := range bars {
		lw := labelW - size
		if !beside {
			lw = float64(r.Dx())
		}
		lt := fitText(sc.fonts.text, b.label, fitSpec{maxW: lw, maxH: size * 1.3, maxSize: size, minSize: size * 0.7, maxLines: 1})
		vt := newTextBox(sc.fonts.strong, []string{b.text}, size, 1)
		barMax := float64(r.Dx()) - labelW - vt.W - size
		bw := int(math.Max(barMax*b.value/maxV, size*0.5))
		bh := int(size * 1.1)
		img := newCanvas(r.Dx(), int(rowH))
		barY := (int(rowH) - bh) / 2
		if beside {
			lt.drawAt(img, 0, (rowH-lt.H)/2, lt.W, alignLeft, p.Text)
		} else {
			lt.drawAt(img, 0, 0, lt.W, alignLeft, p.Text)
			barY = int(lt.H + size*0.35)
		}
		fillMask(img, roundRectMask(bw, bh, float64(bh)/4), image.Pt(int(labelW), barY), p.Accent)
		vy := float64(barY) + (float64(bh)-vt.H)/2
		vt.drawAt(img, labelW+float64(bw)+size*0.4, vy, vt.W, alignLeft, p.Text)
		// The row's text and bar, without the space around them.
		top, bottom := math.Min(float64(barY), vy), math.Max(float64(barY+bh), vy+vt.H)
		if beside {
			top, bottom = math.Min(top, (rowH-lt.H)/2), math.Max(bottom, (rowH+lt.H)/2)
		} else {
			top = 0
		}
		ry := y + int(float64(i)*rowH)
		sc.textRects = append(sc.textRects, image.Rect(r.Min.X, ry+int(top), r.Min.X+int(math.Max(lt.W, labelW+float64(bw)+size*0.4+vt.W)), ry+int(math.Ceil(bottom))))
		sc.add(img, image.Pt(r.Min.X, ry), 300*time.Millisecond+time.Duration(i)*250*time.Millisecond)
	}
}

// block is one piece of a vertical stack: a text fitted to the stack's width, or a shape
// of fixed height. Stacks shrink their texts together until the whole stack fits.
type block struct {
	tf    *typeface // nil for a shape
	text  string
	spec  fitSpec
	fixed float64 // height besides the text (padding), or the shape's height
	gap   float64 // space after the block
	rise  int     // entrance rise multiplier (0 means 1)
	tb    textBox
	put   func(b *block, x, y int) // draws the block with its top-left at (x, y)
}

func (b *block) height() float64 { return b.tb.H + b.fixed }

// textBlock is a block drawing a text element aligned in the stack's width.
func (sc *sceneLayout) textBlock(tf *typeface, text string, sp fitSpec, gap float64, al align, c color.RGBA, start time.Duration) *block {
	w := int(sp.maxW)
	return &block{tf: tf, text: text, spec: sp, gap: gap, put: func(b *block, x, y int) {
		e := sc.textElement(b.tb, x, y, w, al, c, start)
		if b.rise > 0 {
			e.rise *= b.rise
		}
	}}
}

// fitStack fits the texts of bs so that the stack's height is at most avail, shrinking
// every text's height limit in proportion, and returns the stack's height.
func fitStack(bs []*block, avail float64) float64 {
	scale := 1.0
	total := 0.0
	for iter := 0; iter < 8; iter++ {
		total, texts := 0.0, 0.0
		for i, b := range bs {
			if b.tf != nil {
				sp := b.spec
				sp.maxH *= scale
				b.tb = fitText(b.tf, b.text, sp)
				texts += b.tb.H
			}
			total += b.height()
			if i < len(bs)-1 {
				total += b.gap
			}
		}
		if total <= avail || texts == 0 {
			return total
		}
		fixed := total - texts
		scale *= math.Max(0.05, (avail-fixed)/texts) * 0.97
	}
	return total
}

// stack fits blocks into r and draws them centred vertically.
func (sc *sceneLayout) stack(bs []*block, r image.Rectangle) {
	total := fitStack(bs, float64(r.Dy()))
	y := float64(r.Min.Y) + math.Max(0, (float64(r.Dy())-total)/2)
	for _, b := range bs {
		b.put(b, r.Min.X, int(y))
		y += b.height() + b.gap
	}
}
