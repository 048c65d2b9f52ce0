package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	gtfont "github.com/go-text/typesetting/font"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// DefaultFontDirs are searched for the font files a style names.
var DefaultFontDirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}

// fontLib finds and parses font files once per renderer.
type fontLib struct {
	mu      sync.Mutex
	dirs    []string
	index   map[string]string // file name -> path
	parsed  map[string]*sfnt.Font
	builtin map[string][]byte       // the Go fonts, by the names chain gives them
	gt      map[string]*gtfont.Font // parsed for the shaper, by "name#index"
}

func newFontLib(dirs []string) *fontLib {
	return &fontLib{dirs: dirs, parsed: map[string]*sfnt.Font{}, gt: map[string]*gtfont.Font{},
		builtin: map[string][]byte{"go-builtin-false": goregular.TTF, "go-builtin-true": gobold.TTF}}
}

// ensureIndex lists the font directories once; l.mu is held.
func (l *fontLib) ensureIndex() {
	if l.index != nil {
		return
	}
	l.index = map[string]string{}
	for _, d := range l.dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				if _, ok := l.index[e.Name()]; !ok {
					l.index[e.Name()] = p
				}
			}
			return nil
		})
	}
}

// chain returns a typeface made of the first found file of names followed by the other
// found files and a built-in Go font as fallbacks for missing characters.
func (l *fontLib) chain(names []string, bold bool) (*typeface, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ensureIndex()
	tf := &typeface{faces: map[faceKey]font.Face{}, lib: l, bold: bold, covered: map[rune]bool{}}
	for _, n := range names {
		f, err := l.load(n)
		if err != nil {
			return nil, err
		}
		if f != nil {
			tf.fonts = append(tf.fonts, f)
			tf.names = append(tf.names, n)
		}
	}
	name := "go-builtin-" + fmt.Sprint(bold)
	f, err := l.parse(name, l.builtin[name])
	if err != nil {
		return nil, err
	}
	tf.fonts = append(tf.fonts, f)
	tf.names = append(tf.names, name)
	return tf, nil
}

func (l *fontLib) load(name string) (*sfnt.Font, error) {
	if f, ok := l.parsed[name]; ok {
		return f, nil
	}
	p, ok := l.index[name]
	if !ok {
		return nil, nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return l.parse(name, b)
}

func (l *fontLib) parse(name string, b []byte) (*sfnt.Font, error) {
	if f, ok := l.parsed[name]; ok {
		return f, nil
	}
	f, err := opentype.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	l.parsed[name] = f
	return f, nil
}

// typeface is a list of fonts tried in order for each character, with faces cached per
// size. Lines of simple text are drawn with these fonts directly; lines that need shaping
// (see complex) go through the shaper, which adds a Noto font per script. It is not safe
// for concurrent use; each render builds its own.
type typeface struct {
	fonts []*sfnt.Font
	names []string // file names of fonts, for the shaper
	faces map[faceKey]font.Face
	buf   sfnt.Buffer
	lib   *fontLib
	bold  bool
	// covered caches, per rune, whether the simple path can draw it.
	covered map[rune]bool
	sh      *shaper
	picked  map[rune]int
	tabs    map[tabKey]*metricTab
}

// complex reports whether s needs the shaper: it holds a character outside the simple
// scripts (Latin, Greek, Cyrillic, punctuation and symbols) or one the fonts lack.
func (t *typeface) complex(s string) bool {
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		ok, seen := t.covered[r]
		if !seen {
			ok = simpleRune(r)
			if ok {
				ok = false
				for _, f := range t.fonts {
					if gi, err := f.GlyphIndex(&t.buf, r); err == nil && gi != 0 {
						ok = true
						break
					}
				}
			}
			t.covered[r] = ok
		}
		if !ok {
			return true
		}
	}
	return false
}

// simpleRune reports whether r belongs to a script drawn without shaping.
func simpleRune(r rune) bool {
	switch {
	case r < 0x0590:
		return true
	case r >= 0x1E00 && r < 0x2000: // Latin Extended Additional, Greek Extended
		return true
	case r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
		return false // bidi controls
	case r >= 0x2000 && r < 0x2C00: // punctuation, currency, letterlike, arrows, maths, shapes
		return true
	case r >= 0x2E00 && r < 0x2E80, r >= 0xFB00 && r <= 0xFB06:
		return true
	}
	return false
}

type faceKey struct {
	font int
	size float64
}

func (t *typeface) face(i int, size float64) font.Face {
	k := faceKey{i, size}
	if f, ok := t.faces[k]; ok {
		return f
	}
	f, err := opentype.NewFace(t.fonts[i], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only for sizes <= 0, which callers never ask for
	}
	t.faces[k] = f
	return f
}

// pick returns the index of the first font that has a glyph for r.
func (t *typeface) pick(r rune) int {
	if i, ok := t.picked[r]; ok {
		return i
	}
	k := 0
	for i, f := range t.fonts {
		if gi, err := f.GlyphIndex(&t.buf, r); err == nil && gi != 0 {
			k = i
			break
		}
	}
	if t.picked == nil {
		t.picked = map[rune]int{}
	}
	t.picked[r] = k
	return k
}

// metricTab caches one font's advances and kerning at one size: sfnt looks kerning up in
// GPOS tables on every call, which made text fitting slow.
type metricTab struct {
	adv  map[rune]fixed.Int26_6
	kern map[uint64]fixed.Int26_6
}

type tabKey struct {
	font int
	size float64
}

// tab returns the cache for font fi at size.
func (t *typeface) tab(fi int, size float64) *metricTab {
	k := tabKey{fi, size}
	if m, ok := t.tabs[k]; ok {
		return m
	}
	if t.tabs == nil || len(t.tabs) > 256 {
		t.tabs = map[tabKey]*metricTab{}
	}
	m := &metricTab{adv: map[rune]fixed.Int26_6{}, kern: map[uint64]fixed.Int26_6{}}
	t.tabs[k] = m
	return m
}

// advance is the cached advance of r in font fi at size.
func (t *typeface) advance(m *metricTab, fi int, size float64, r rune) fixed.Int26_6 {
	if a, ok := m.adv[r]; ok {
		return a
	}
	a, _ := t.face(fi, size).GlyphAdvance(r)
	m.adv[r] = a
	return a
}

// kern is the cached kerning between a and b in font fi at size.
func (t *typeface) kern(m *metricTab, fi int, size float64, a, b rune) fixed.Int26_6 {
	k := uint64(uint32(a))<<32 | uint64(uint32(b))
	if v, ok := m.kern[k]; ok {
		return v
	}
	v := t.face(fi, size).Kern(a, b)
	m.kern[k] = v
	return v
}

// metrics returns ascent and descent at size, from the first font.
func (t *typeface) metrics(size float64) (ascent, descent float64) {
	m := t.face(0, size).Metrics()
	return fix(m.Ascent), fix(m.Descent)
}

// textMetrics returns ascent and descent at size for text: the first font's, grown to the
// script fonts' for complex text.
func (t *typeface) textMetrics(text string, size float64) (ascent, descent float64) {
	a, d := t.metrics(size)
	if t.complex(text) {
		sa, sd := t.shapedMetrics(text, size)
		a, d = math.Max(a, sa), math.Max(d, sd)
	}
	return a, d
}

func fix(x fixed.Int26_6) float64 { return float64(x) / 64 }

// measure returns the advance width of s at size, with kerning within runs of one font.
func (t *typeface) measure(s string, size float64) float64 {
	if t.complex(s) {
		return t.shapedWidth(s, size)
	}
	var w fixed.Int26_6
	prev, prevFont := rune(-1), -1
	var m *metricTab
	for _, r := range s {
		fi := t.pick(r)
		if fi != prevFont {
			m = t.tab(fi, size)
		}
		if fi == prevFont && prev >= 0 {
			w += t.kern(m, fi, size, prev, r)
		}
		w += t.advance(m, fi, size, r)
		prev, prevFont = r, fi
	}
	return fix(w)
}

// draw draws s with its baseline's left end at (x, y), in the direction of its first
// strong character.
func (t *typeface) draw(dst draw.Image, s string, size, x, y float64, c color.RGBA) {
	t.drawDir(dst, s, size, x, y, c, rtlText(s))
}

// drawDir draws s as a line of a paragraph whose direction is rtl.
func (t *typeface) drawDir(dst draw.Image, s string, size, x, y float64, c color.RGBA, rtl bool) {
	if t.complex(s) {
		t.drawShaped(dst, s, size, x, y, c, rtl)
		return
	}
	src := image.NewUniform(c)
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	prev, prevFont := rune(-1), -1
	for _, r := range s {
		fi := t.pick(r)
		f := t.face(fi, size)
		if fi == prevFont && prev >= 0 {
			dot.X += t.kern(t.tab(fi, size), fi, size, prev, r)
		}
		dr, mask, mp, adv, ok := f.Glyph(dot, r)
		if ok {
			draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
		}
		dot.X += adv
		prev, prevFont = r, fi
	}
}

// textBox is laid-out text: lines at one size, with its measured extent.
type textBox struct {
	tf         *typeface
	lines      []string
	widths     []float64
	size       float64
	lineHeight float64 // baseline to baseline, in pixels
	ascent     float64
	descent    float64
	W, H       float64 // extent of the ink box: widest line, lines*lineHeight adjusted
	// rtl is the paragraph direction: right-to-left when its first strong character is.
	// Its lines are reordered for display and start-aligned boxes align to the right.
	rtl bool
}

// fitSpec says how to lay out a text in a box.
type fitSpec struct {
	maxW, maxH  float64
	maxSize     float64
	minSize     float64
	maxLines    int     // 0 means no limit other than maxH
	lineSpacing float64 // baseline distance as a multiple of size; 0 means 1.2
	upper       bool    // set in capitals
	noBalance   bool    // keep greedy wrapping
}

// fitText finds the largest size in [minSize, maxSize] at which text wraps into the box
// without breaking words, and balances its lines. When even minSize fails, words longer
// than the width are broken between characters and lines beyond the box are cut with an
// ellipsis, so the result never overflows.
func fitText(tf *typeface, text string, sp fitSpec) textBox {
	text = strings.Join(strings.Fields(text), " ")
	if sp.upper {
		text = strings.ToUpper(text)
	}
	if sp.lineSpacing == 0 {
		sp.lineSpacing = 1.2
	}
	sp.lineSpacing = lineSpacing(text, sp.lineSpacing)
	if sp.minSize > sp.maxSize {
		sp.minSize = sp.maxSize
	}
	fits := func(size float64) ([]string, bool) {
		lines, ok := wrap(tf, text, size, sp.maxW, false)
		if !ok {
			return lines, false
		}
		if sp.maxLines > 0 && len(lines) > sp.maxLines {
			return lines, false
		}
		return lines, textHeight(tf, text, size, sp.lineSpacing, len(lines)) <= sp.maxH
	}
	// Sizes are searched in half-pixel steps, largest first by bisection.
	lo, hi := math.Floor(sp.minSize*2), math.Floor(sp.maxSize*2)
	var lines []string
	size := 0.0
	if l, ok := fits(hi / 2); ok {
		lines, size = l, hi/2
	} else if l, ok := fits(lo / 2); !ok {
		// Nothing fits: break long words, then cut lines that do not fit.
		size = lo / 2
		l, _ = wrap(tf, text, size, sp.maxW, true)
		n := len(l)
		for n > 1 && ((sp.maxLines > 0 && n > sp.maxLines) || textHeight(tf, text, size, sp.lineSpacing, n) > sp.maxH) {
			n--
		}
		if n < len(l) {
			l = l[:n]
			l[n-1] = ellipsize(tf, l[n-1]+" …", size, sp.maxW)
		}
		lines = l
		for size > 4 && textHeight(tf, text, size, sp.lineSpacing, 1) > sp.maxH { // even one line is too tall
			size *= 0.9
		}
		sp.noBalance = true // balancing would rejoin the broken words
	} else {
		lines, size = l, lo/2
		for hi-lo > 1 {
			mid := math.Floor((lo + hi) / 2)
			if l, ok := fits(mid / 2); ok {
				lo, lines, size = mid, l, mid/2
			} else {
				hi = mid
			}
		}
	}
	if !sp.noBalance && len(lines) > 1 {
		lines = balance(tf, text, size, sp.maxW, len(lines))
	}
	return newTextBox(tf, lines, size, sp.lineSpacing)
}

func newTextBox(tf *typeface, lines []string, size, spacing float64) textBox {
	all := strings.Join(lines, " ")
	if len(lines) > 1 {
		spacing = lineSpacing(all, spacing)
	}
	b := textBox{tf: tf, lines: lines, size: size, lineHeight: size * spacing, rtl: rtlText(all)}
	b.ascent, b.descent = tf.textMetrics(all, size)
	for _, l := range lines {
		w := tf.measure(l, size)
		b.widths = append(b.widths, w)
		b.W = math.Max(b.W, w)
	}
	b.H = textHeight(tf, all, size, spacing, len(lines))
	return b
}

// textHeight is the height of n lines of text: the first line's ascent, n-1 line gaps,
// and the last line's descent.
func textHeight(tf *typeface, text string, size, spacing float64, n int) float64 {
	if n == 0 {
		return 0
	}
	a, d := tf.textMetrics(text, size)
	return a + d + float64(n-1)*size*spacing
}

// token is a piece of text between line-break opportunities: a word, or in CJK text a
// character with the punctuation that must stay with it.
type token struct {
	s     string
	space bool // separated from the token before by a space
}

// tokens splits text at spaces and, within CJK runs, between characters (UAX #14).
func tokens(text string) []token {
	var out []token
	for i, w := range strings.Fields(text) {
		for j, p := range lineBreaks(w) {
			out = append(out, token{s: p, space: i > 0 && j == 0})
		}
	}
	return out
}

// wrap breaks text into lines no wider than maxW. It reports false when a word alone is
// wider than maxW; with breakWords such words are split between characters instead.
func wrap(tf *typeface, text string, size, maxW float64, breakWords bool) ([]string, bool) {
	var lines []string
	ok := true
	line := ""
	for _, tk := range tokens(text) {
		w := tk.s
		if tf.measure(w, size) > maxW {
			ok = false
			if breakWords {
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				parts := splitWord(tf, w, size, maxW)
				lines = append(lines, parts[:len(parts)-1]...)
				line = parts[len(parts)-1]
				continue
			}
		}
		cand := w
		if line != "" && tk.space {
			cand = line + " " + w
		} else if line != "" {
			cand = line + w
		}
		if line != "" && tf.measure(cand, size) > maxW {
			lines = append(lines, line)
			line = w
		} else {
			line = cand
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, ok
}

// splitWord cuts a word into pieces no wider than maxW (at least one character each).
func splitWord(tf *typeface, w string, size, maxW float64) []string {
	var parts []string
	cur := ""
	prev := rune(-1)
	for _, r := range w {
		if cur != "" && graphemeCut(prev, r) && tf.measure(cur+string(r), size) > maxW {
			parts = append(parts, cur)
			cur = ""
		}
		cur += string(r)
		prev = r
	}
	return append(parts, cur)
}

// balance re-wraps text into n lines of similar width: the narrowest width at which
// greedy wrapping still gives n lines.
func balance(tf *typeface, text string, size, maxW float64, n int) []string {
	best, _ := wrap(tf, text, size, maxW, false)
	lo, hi := maxW*0.4, maxW
	for i := 0; i < 12; i++ {
		mid := (lo + hi) / 2
		l, ok := wrap(tf, text, size, mid, false)
		if ok && len(l) <= n {
			best, hi = l, mid
		} else {
			lo = mid
		}
	}
	return best
}

// ellipsize shortens s until it fits maxW, ending it with an ellipsis.
func ellipsize(tf *typeface, s string, size, maxW float64) string {
	s = strings.TrimSuffix(s, " …")
	for s != "" && tf.measure(s+"…", size) > maxW {
		// Cut whole clusters: never between a letter and its marks.
		for {
			r, n := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-n]
			p, _ := utf8.DecodeLastRuneInString(s)
			if s == "" || graphemeCut(p, r) {
				break
			}
		}
		s = strings.TrimRightFunc(s, unicode.IsSpace)
	}
	return s + "…"
}

// align says where lines sit horizontally within a text box's width.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// start resolves alignLeft, the layouts' "start of the line", to the box's direction:
// right-to-left paragraphs align right.
func (b textBox) start(al align) align {
	if al == alignLeft && b.rtl {
		return alignRight
	}
	return al
}

// drawAt draws the box with its top-left corner at (x, y); lines are aligned within width w
// (pass b.W to align within the text's own extent). alignLeft means the start of the line:
// right-to-left text aligns right.
func (b textBox) drawAt(dst draw.Image, x, y, w float64, al align, c color.RGBA) {
	base := y + b.ascent
	al = b.start(al)
	for i, l := range b.lines {
		lx := x
		switch al {
		case alignCenter:
			lx = x + (w-b.widths[i])/2
		case alignRight:
			lx = x + w - b.widths[i]
		}
		b.tf.drawDir(dst, l, b.size, lx, base+float64(i)*b.lineHeight, c, b.rtl)
	}
}
