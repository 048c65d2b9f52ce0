package render

import (
	"bufio"
	"fmt"
	"image"
	"io"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
)

// Caption rules (ART.md): at most two lines of at most 42 characters.
const (
	captionMaxChars = 42
	captionMaxLines = 2
	// A cue ends at a sentence end, at a pause this long, or when it has lasted this long.
	captionPause  = 700 * time.Millisecond
	captionMaxDur = 6 * time.Second
)

// Cue is one caption: its lines and when it shows.
type Cue struct {
	Start, End time.Duration
	Lines      []string
}

// punctuate gives words the punctuation they have in text, the narration as written:
// speech engines time words without it ("Flow", not "Flow."), and a caption reads better
// with it and breaks where a sentence ends. Each word takes the next whitespace-separated
// token of text (within a few) that is the word between its punctuation, letter case
// aside; a word without one, as a number spoken in words, keeps its own form.
func punctuate(words []videoagent.WordTiming, text string) []videoagent.WordTiming {
	tokens := strings.Fields(text)
	if len(tokens) == 0 {
		return words
	}
	out := make([]videoagent.WordTiming, len(words))
	next := 0 // the first token not taken
	for i, w := range words {
		out[i] = w
		for k := next; k < min(next+punctuateLookahead, len(tokens)); k++ {
			if strings.EqualFold(strings.TrimFunc(tokens[k], unicode.IsPunct), strings.TrimSpace(w.Word)) {
				out[i].Word, next = tokens[k], k+1
				break
			}
		}
	}
	return out
}

// punctuateLookahead is how many tokens of the text punctuate looks through for a word:
// enough to step over a dash or a symbol spoken otherwise, few enough not to take a later
// repeat of the word.
const punctuateLookahead = 4

// BuildCues groups word timings into caption cues of at most two lines of at most 42
// characters. A cue starts at its first word's start and ends at its last word's end; it
// breaks at sentence ends, pauses and after six seconds.
func BuildCues(words []videoagent.WordTiming) []Cue {
	var cues []Cue
	var cur []videoagent.WordTiming
	flush := func() {
		if len(cur) == 0 {
			return
		}
		ws := make([]string, len(cur))
		for i, w := range cur {
			ws[i] = w.Word
		}
		cues = append(cues, Cue{Start: cur[0].Start, End: cur[len(cur)-1].End, Lines: splitCaption(ws)})
		cur = cur[:0]
	}
	for _, w := range words {
		w.Word = strings.TrimSpace(w.Word)
		if w.Word == "" {
			continue
		}
		if len(cur) > 0 {
			last := cur[len(cur)-1]
			ws := make([]string, 0, len(cur)+1)
			for _, c := range cur {
				ws = append(ws, c.Word)
			}
			ws = append(ws, w.Word)
			if !fitsCaption(ws) || w.Start-last.End >= captionPause || w.End-cur[0].Start > captionMaxDur {
				flush()
			}
		}
		cur = append(cur, w)
		if endsSentence(w.Word) && cueChars(cur) > captionMaxChars/2 {
			flush()
		}
	}
	flush()
	return cues
}

func cueChars(ws []videoagent.WordTiming) int {
	n := 0
	for _, w := range ws {
		n += utf8.RuneCountInString(w.Word) + 1
	}
	return n - 1
}

func endsSentence(w string) bool {
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") ||
		strings.HasSuffix(w, "。") || strings.HasSuffix(w, "？") || strings.HasSuffix(w, "！")
}

// fitsCaption reports whether words fit the caption rules.
func fitsCaption(words []string) bool {
	if len(words) == 1 {
		return true // a single word always makes a cue, however long
	}
	lines := splitCaption(words)
	if len(lines) > captionMaxLines {
		return false
	}
	for _, l := range lines {
		if utf8.RuneCountInString(l) > captionMaxChars {
			return false
		}
	}
	return true
}

// splitCaption lays words out as one line when they fit 42 characters, else as two lines
// as equal as possible (or, if they cannot fit two lines, greedily).
func splitCaption(words []string) []string {
	all := strings.Join(words, " ")
	if utf8.RuneCountInString(all) <= captionMaxChars || len(words) == 1 {
		return []string{all}
	}
	best, bestMax := -1, math.MaxInt
	for i := 1; i < len(words); i++ {
		a := utf8.RuneCountInString(strings.Join(words[:i], " "))
		b := utf8.RuneCountInString(strings.Join(words[i:], " "))
		if m := max(a, b); m < bestMax {
			best, bestMax = i, m
		}
	}
	if bestMax <= captionMaxChars {
		return []string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}
	}
	var lines []string
	line := ""
	for _, w := range words {
		if line != "" && utf8.RuneCountInString(line+" "+w) > captionMaxChars {
			lines = append(lines, line)
			line = w
		} else if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	return append(lines, line)
}

// shiftCues returns cues moved later by d.
func shiftCues(cues []Cue, d time.Duration) []Cue {
	out := make([]Cue, len(cues))
	for i, c := range cues {
		out[i] = Cue{Start: c.Start + d, End: c.End + d, Lines: c.Lines}
	}
	return out
}

// WriteSRT writes cues as SubRip.
func WriteSRT(w io.Writer, cues []Cue) error {
	bw := bufio.NewWriter(w)
	for i, c := range cues {
		fmt.Fprintf(bw, "%d\n%s --> %s\n%s\n\n", i+1, stamp(c.Start, ','), stamp(c.End, ','), strings.Join(c.Lines, "\n"))
	}
	return bw.Flush()
}

// WriteVTT writes cues as WebVTT.
func WriteVTT(w io.Writer, cues []Cue) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("WEBVTT\n\n")
	for _, c := range cues {
		lines := make([]string, len(c.Lines))
		for i, l := range c.Lines {
			lines[i] = vttEscape.Replace(l)
		}
		fmt.Fprintf(bw, "%s --> %s\n%s\n\n", stamp(c.Start, '.'), stamp(c.End, '.'), strings.Join(lines, "\n"))
	}
	return bw.Flush()
}

var vttEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// stamp formats d as HH:MM:SS followed by sep and milliseconds.
func stamp(d time.Duration, sep byte) string {
	if d < 0 {
		d = 0
	}
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d%c%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}

// captionSprite is a cue's burned-in caption: the band with its text, and for each word an
// overlay of the word in the highlight colour (empty when the style does not highlight).
type captionSprite struct {
	sprite
	words []sprite
}

// captionSprites renders the burned-in caption of each cue once, in the style's caption
// look: bold text on a translucent rounded band, in the title-safe area near the bottom of
// the frame (in portrait frames above the bottom 15%, where platforms put their controls),
// moved clear of the presenter's face.
func (sc *sceneLayout) captionSprites(cues []Cue) []captionSprite {
	W := sc.w
	look := sc.style.Captions
	size := sc.captionSize()
	zone := sc.captionZone()
	maxW := math.Min(float64(W)-2*0.1*float64(W), float64(zone.Dx())*0.96)
	out := make([]captionSprite, len(cues))
	for i, c := range cues {
		// Both lines share one size, shrunk if the widest does not fit.
		s := size
		for _, l := range c.Lines {
			if w := sc.fonts.strong.measure(l, s); w > maxW {
				s = math.Max(s*maxW/w, 8)
			}
		}
		tb := newTextBox(sc.fonts.strong, c.Lines, s, captionSpacing)
		for j, w := range tb.widths { // words longer than the line are clipped by the band
			tb.widths[j] = math.Min(w, maxW)
		}
		padX, padY := s*0.7, s*captionPadY
		bw := int(math.Ceil(math.Min(tb.W, maxW) + 2*padX))
		bh := int(math.Ceil(tb.H + 2*padY))
		img := newCanvas(bw, bh)
		fillMask(img, roundRectMask(bw, bh, s*0.45), image.Point{}, withAlpha(look.Band, float64(look.BandAlpha)/255))
		tb.drawAt(img, padX, padY, float64(bw)-2*padX, alignCenter, look.Text)
		at := image.Pt(zone.Min.X+(zone.Dx()-bw)/2, zone.Max.Y-bh)
		cs := captionSprite{sprite: sprite{img: img, at: at}}
		if look.HighlightWord {
			cs.words = sc.wordOverlays(tb, padX, padY, float64(bw)-2*padX, at, look)
		}
		out[i] = cs
	}
	return out
}

// wordOverlays draws each word of a caption alone in the highlight colour, at its place.
func (sc *sceneLayout) wordOverlays(tb textBox, x, y, w float64, at image.Point, look CaptionLook) []sprite {
	var out []sprite
	base := y + tb.ascent
	for li, l := range tb.lines {
		lx := x + (w-tb.widths[li])/2
		words := strings.Fields(l)
		pos := 0.0
		for wi, word := range words {
			prefix := strings.Join(words[:wi], " ")
			if wi > 0 {
				prefix += " "
			}
			pos = tb.tf.measure(prefix, tb.size)
			ww := tb.tf.measure(word, tb.size)
			pad := tb.size * 0.3
			cw, ch := int(math.Ceil(ww+2*pad)), int(math.Ceil(tb.lineHeight+2*pad))
			img := newCanvas(cw, ch)
			ox := lx + pos - pad
			if tb.rtl { // right-to-left lines start at the right
				ox = lx + tb.widths[li] - pos - ww - pad
			}
			oy := base + float64(li)*tb.lineHeight - tb.ascent - pad
			tb.tf.draw(img, word, tb.size, pad, pad+tb.ascent, look.Highlight)
			out = append(out, sprite{img: img, at: at.Add(image.Pt(int(math.Round(ox)), int(math.Round(oy))))})
		}
	}
	return out
}

// Captions' line spacing and the band's padding above and below them, of their size.
const (
	captionSpacing = 1.22
	captionPadY    = 0.38
)

// captionSize is the burned-in captions' text size before any shrinking to fit.
func (sc *sceneLayout) captionSize() float64 {
	return math.Min(0.045*float64(sc.h), 0.052*float64(min(sc.w, sc.h))*1.25)
}

// captionZone is where captions may sit: the title-safe area above the bottom (in portrait
// frames above the bottom 15%), narrowed or raised so that it stays clear of the
// presenter's face. The caption is centred at the zone's bottom.
func (sc *sceneLayout) captionZone() image.Rectangle {
	W, H := sc.w, sc.h
	bottom := H - int(0.08*float64(H))
	if H > W {
		bottom = int(float64(H) * 0.85) // above the bottom 15% (platform controls)
	}
	z := image.Rect(int(0.05*float64(W)), 0, W-int(0.05*float64(W)), bottom)
	// The slide's slot rather than the slide: a slide fitted to little content is narrower.
	if p, s := sc.presenter, sc.slot; !p.Empty() && !s.Empty() && sc.framing == videoagent.FramingWaistUp &&
		(p.Max.X <= s.Min.X || p.Min.X >= s.Max.X) {
		z.Min.X, z.Max.X = s.Min.X, s.Max.X // under the slide, beside the presenter
	}
	face := sc.face()
	if face.Empty() {
		return z
	}
	band := image.Rect(z.Min.X, bottom-int(0.16*float64(H)), z.Max.X, bottom)
	if !band.Overlaps(face) {
		return z
	}
	// Beside the presenter when there is room, else above the face... or below it.
	left := image.Rect(z.Min.X, 0, face.Min.X-int(0.02*float64(W)), bottom)
	right := image.Rect(face.Max.X+int(0.02*float64(W)), 0, z.Max.X, bottom)
	best := left
	if right.Dx() > left.Dx() {
		best = right
	}
	if best.Dx() >= W*45/100 {
		return best
	}
	if face.Max.Y+int(0.14*float64(H)) <= bottom {
		return z // the band fits below the face
	}
	return image.Rect(z.Min.X, 0, z.Max.X, face.Min.Y-int(0.01*float64(H)))
}

// face is the region of the presenter captions must not cover: the whole bubble, or the
// head and neck of a waist-up presenter (the top 45% of its box).
func (sc *sceneLayout) face() image.Rectangle {
	p := sc.presenter
	if p.Empty() {
		return p
	}
	if sc.framing == videoagent.FramingBubble {
		return p
	}
	return image.Rect(p.Min.X+p.Dx()/4, p.Min.Y, p.Max.X-p.Dx()/4, p.Min.Y+p.Dy()*45/100)
}
