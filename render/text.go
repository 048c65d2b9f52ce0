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
	mu     sync.Mutex
	dirs   []string
	index  map[string]string // file name -> path
	parsed map[string]*sfnt.Font
}

func newFontLib(dirs []string) *fontLib {
	return &fontLib{dirs: dirs, parsed: map[string]*sfnt.Font{}}
}

// chain returns a typeface made of the first found file of names followed by the other
// found files and a built-in Go font as fallbacks for missing characters.
func (l *fontLib) chain(names []string, bold bool) (*typeface, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.index == nil {
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
	tf := &typeface{faces: map[faceKey]font.Face{}}
	for _, n := range names {
		f, err := l.load(n)
		if err != nil {
			return nil, err
		}
		if f != nil {
			tf.fonts = append(tf.fonts, f)
		}
	}
	builtin := goregular.TTF
	if bold {
		builtin = gobold.TTF
	}
	f, err := l.parse("go-builtin-"+fmt.Sprint(bold), builtin)
	if err != nil {
		return nil, err
	}
	tf.fonts = append(tf.fonts, f)
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
// size. It is not safe for concurrent use; each render builds its own.
type typeface struct {
	fonts []*sfnt.Font
	faces map[faceKey]font.Face
	buf   sfnt.Buffer
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
	for i, f := range t.fonts {
		if gi, err := f.GlyphIndex(&t.buf, r); err == nil && gi != 0 {
			return i
		}
	}
	return 0
}

// metrics returns ascent and descent at size, from the first font.
func (t *typeface) metrics(size float64) (ascent, descent float64) {
	m := t.face(0, size).Metrics()
	return fix(m.Ascent), fix(m.Descent)
}

func fix(x fixed.Int26_6) float64 { return float64(x) / 64 }

// measure returns the advance width of s at size, with kerning within runs of one font.
func (t *typeface) measure(s string, size float64) float64 {
	var w fixed.Int26_6
	prev, prevFont := rune(-1), -1
	for _, r := range s {
		fi := t.pick(r)
		f := t.face(fi, size)
		if fi == prevFont && prev >= 0 {
			w += f.Kern(prev, r)
		}
		a, _ := f.GlyphAdvance(r)
		w += a
		prev, prevFont = r, fi
	}
	return fix(w)
}

// draw draws s with its baseline's left end at (x, y).
func (t *typeface) draw(dst draw.Image, s string, size, x, y float64, c color.RGBA) {
	src := image.NewUniform(c)
	dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
	prev, prevFont := rune(-1), -1
	for _, r := range s {
		fi := t.pick(r)
		f := t.face(fi, size)
		if fi == prevFont && prev >= 0 {
			dot.X += f.Kern(prev, r)
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
		return lines, textHeight(tf, size, sp.lineSpacing, len(lines)) <= sp.maxH
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
		for n > 1 && ((sp.maxLines > 0 && n > sp.maxLines) || textHeight(tf, size, sp.lineSpacing, n) > sp.maxH) {
			n--
		}
		if n < len(l) {
			l = l[:n]
			l[n-1] = ellipsize(tf, l[n-1]+" …", size, sp.maxW)
		}
		lines = l
		for size > 4 && textHeight(tf, size, sp.lineSpacing, 1) > sp.maxH { // even one line is too tall
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
	b := textBox{tf: tf, lines: lines, size: size, lineHeight: size * spacing}
	b.ascent, b.descent = tf.metrics(size)
	for _, l := range lines {
		w := tf.measure(l, size)
		b.widths = append(b.widths, w)
		b.W = math.Max(b.W, w)
	}
	b.H = textHeight(tf, size, spacing, len(lines))
	return b
}

// textHeight is the height of n lines: the first line's ascent, n-1 line gaps, and the
// last line's descent.
func textHeight(tf *typeface, size, spacing float64, n int) float64 {
	if n == 0 {
		return 0
	}
	a, d := tf.metrics(size)
	return a + d + float64(n-1)*size*spacing
}

// wrap breaks text into lines no wider than maxW. It reports false when a word alone is
// wider than maxW; with breakWords such words are split between characters instead.
func wrap(tf *typeface, text string, size, maxW float64, breakWords bool) ([]string, bool) {
	var lines []string
	ok := true
	line := ""
	for _, w := range strings.Fields(text) {
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
		if line != "" {
			cand = line + " " + w
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
	for _, r := range w {
		if cur != "" && tf.measure(cur+string(r), size) > maxW {
			parts = append(parts, cur)
			cur = ""
		}
		cur += string(r)
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
		_, n := utf8.DecodeLastRuneInString(s)
		s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace)
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

// drawAt draws the box with its top-left corner at (x, y); lines are aligned within width w
// (pass b.W to align within the text's own extent).
func (b textBox) drawAt(dst draw.Image, x, y, w float64, al align, c color.RGBA) {
	base := y + b.ascent
	for i, l := range b.lines {
		lx := x
		switch al {
		case alignCenter:
			lx = x + (w-b.widths[i])/2
		case alignRight:
			lx = x + w - b.widths[i]
		}
		b.tf.draw(dst, l, b.size, lx, base+float64(i)*b.lineHeight, c)
	}
}
