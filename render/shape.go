package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"os"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Complex text (right-to-left scripts, Indic scripts, CJK, anything the style's fonts do
// not cover) goes through a pure-Go HarfBuzz port: per line, the Unicode bidi algorithm
// splits it into directional runs, runs are split by script and by font (the style's fonts
// first, then a Noto font for the run's script), shaped, reordered visually and drawn from
// the glyph outlines with the same rasterizer as Latin text. Lines of simple text (Latin,
// Greek, Cyrillic, common symbols) keep the faster sfnt path.

// scriptFont names the font files for a script: regular and bold, and for collections the
// face's index.
type scriptFont struct {
	regular, bold string
	index         int
}

// cjkJP, cjkKR and cjkSC are the faces of the Noto Sans CJK collection (.ttc).
const (
	cjkJP = 0
	cjkKR = 1
	cjkSC = 2
)

// scriptFonts are the Noto fonts (Debian's fonts-noto-core and fonts-noto-cjk) used for
// scripts the style's fonts lack.
var scriptFonts = map[language.Script]scriptFont{
	language.Arabic:     {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0},
	language.Hebrew:     {"NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", 0},
	language.Devanagari: {"NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", 0},
	language.Bengali:    {"NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", 0},
	language.Gurmukhi:   {"NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf", 0},
	language.Gujarati:   {"NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf", 0},
	language.Tamil:      {"NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", 0},
	language.Telugu:     {"NotoSansTelugu-Regular.ttf", "NotoSansTelugu-Bold.ttf", 0},
	language.Kannada:    {"NotoSansKannada-Regular.ttf", "NotoSansKannada-Bold.ttf", 0},
	language.Malayalam:  {"NotoSansMalayalam-Regular.ttf", "NotoSansMalayalam-Bold.ttf", 0},
	language.Thai:       {"NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", 0},
	language.Armenian:   {"NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf", 0},
	language.Georgian:   {"NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf", 0},
	language.Ethiopic:   {"NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", 0},
	language.Greek:      {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0},
	language.Cyrillic:   {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0},
	language.Latin:      {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0},
}

// cjkFont is the CJK collection; the face index is chosen per line (see cjkVariant).
var cjkFont = scriptFont{"NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 0}

// isCJKScript reports whether s is written with the CJK fonts.
func isCJKScript(s language.Script) bool {
	switch s {
	case language.Han, language.Hiragana, language.Katakana, language.Hangul, language.Bopomofo:
		return true
	}
	return false
}

// gtFont parses (once) face index of the named font file for the shaper. It returns nil
// when the file is missing or unreadable. The caller holds no lock.
func (l *fontLib) gtFont(name string, index int) *gtfont.Font {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ensureIndex()
	k := fmt.Sprintf("%s#%d", name, index)
	if f, ok := l.gt[k]; ok {
		return f
	}
	l.gt[k] = nil
	var data []byte
	if b, ok := l.builtin[name]; ok {
		data = b
	} else if p, ok := l.index[name]; ok {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		data = b
	} else {
		return nil
	}
	lds, err := ot.NewLoaders(bytes.NewReader(data))
	if err != nil || index >= len(lds) {
		return nil
	}
	f, err := gtfont.NewFont(lds[index])
	if err != nil {
		return nil
	}
	l.gt[k] = f
	return f
}

// shaper is a typeface's complex-text machinery, built on first use. Like typeface it is
// not safe for concurrent use (go-text faces cache glyph data).
type shaper struct {
	chain   []*gtfont.Face // the typeface's fonts, same order
	scripts map[scriptKey]*gtfont.Face
	hb      shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	para    bidi.Paragraph
	cur     language.Script // script of the run being split (FontmapScript)
	cjk     int             // CJK face for the line being shaped
	widths  map[widthKey]float64
}

type scriptKey struct {
	s   language.Script
	idx int
}

type widthKey struct {
	s    string
	size float64
}

func (t *typeface) shaper() *shaper {
	if t.sh != nil {
		return t.sh
	}
	sh := &shaper{scripts: map[scriptKey]*gtfont.Face{}, widths: map[widthKey]float64{}}
	for _, n := range t.names {
		if f := t.lib.gtFont(n, 0); f != nil {
			sh.chain = append(sh.chain, gtfont.NewFace(f))
		}
	}
	t.sh = sh
	return sh
}

// scriptFace is the Noto face for script s (nil if none is installed).
func (t *typeface) scriptFace(s language.Script) *gtfont.Face {
	sh := t.sh
	sf, ok := scriptFonts[s]
	idx := 0
	if isCJKScript(s) {
		sf, ok, idx = cjkFont, true, sh.cjk
	}
	if !ok {
		return nil
	}
	k := scriptKey{s, idx}
	if isCJKScript(s) {
		k.s = language.Han // one face serves all CJK scripts
	}
	if f, ok := sh.scripts[k]; ok {
		return f
	}
	name := sf.regular
	if t.bold {
		name = sf.bold
	}
	var face *gtfont.Face
	if f := t.lib.gtFont(name, idx); f != nil {
		face = gtfont.NewFace(f)
	}
	sh.scripts[k] = face
	return face
}

// fontmap adapts a typeface to shaping.Fontmap: a rune of a script with its own Noto font
// uses it (so that Arabic, Devanagari or CJK never mix in glyphs from a Latin face);
// other runes use the style's fonts, then any script font that has them.
type fontmap struct{ t *typeface }

func (m fontmap) SetScript(s language.Script) { m.t.sh.cur = s }

func (m fontmap) ResolveFace(r rune) *gtfont.Face {
	t, sh := m.t, m.t.sh
	s := language.LookupScript(r)
	if !s.Strong() {
		s = sh.cur
	}
	if s != language.Latin && s != language.Greek && s != language.Cyrillic {
		if f := t.scriptFace(s); f != nil && has(f, r) {
			return f
		}
	}
	for _, f := range sh.chain {
		if has(f, r) {
			return f
		}
	}
	if f := t.scriptFace(s); f != nil && has(f, r) {
		return f
	}
	if f := t.scriptFace(language.LookupScript(r)); f != nil && has(f, r) {
		return f
	}
	if len(sh.chain) > 0 {
		return sh.chain[0]
	}
	return t.scriptFace(language.Latin)
}

func has(f *gtfont.Face, r rune) bool {
	_, ok := f.NominalGlyph(r)
	return ok
}

// cjkVariant picks the CJK collection face for a line: Japanese when it has kana, Korean
// when it has Hangul, otherwise Simplified Chinese.
func cjkVariant(rs []rune) int {
	v := cjkSC
	for _, r := range rs {
		switch {
		case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
			return cjkJP
		case r >= 0xAC00 && r <= 0xD7AF, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F:
			v = cjkKR
		}
	}
	return v
}

// isRTL reports whether r is a strong right-to-left character.
func isRTL(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) ||
		(r >= 0x10800 && r <= 0x10FFF) || (r >= 0x1E800 && r <= 0x1EFFF)
}

// rtlText reports whether a paragraph's first strong character is right-to-left (Unicode
// bidi rules P2 and P3).
func rtlText(s string) bool {
	for _, r := range s {
		if isRTL(r) {
			return unicode.IsLetter(r) || unicode.IsMark(r)
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return false
}

// shapedRun is a shaped run with its bidi level.
type shapedRun struct {
	out   shaping.Output
	level bidi.Level
}

// shapeLine shapes one line with the paragraph direction rtl, and returns its runs in
// visual order (left to right) and its advance width in pixels.
func (t *typeface) shapeLine(s string, size float64, rtl bool) ([]shapedRun, float64) {
	sh := t.shaper()
	rs := []rune(s)
	if len(rs) == 0 {
		return nil, 0
	}
	sh.cjk = cjkVariant(rs)
	def := bidi.LeftToRight
	if rtl {
		def = bidi.RightToLeft
	}
	levels := sh.para.Segment(rs, def)
	type span struct {
		start, end int
		level      bidi.Level
	}
	var spans []span
	for i := 0; i < levels.NumRuns(); i++ {
		r := levels.Run(i)
		spans = append(spans, span{r.Start, r.End, r.Level})
	}
	var runs []shapedRun
	var width fixed.Int26_6
	sz := fixed.Int26_6(math.Round(size * 64))
	for _, sp := range spans {
		dir := di.DirectionLTR
		if sp.level%2 == 1 {
			dir = di.DirectionRTL
		}
		in := shaping.Input{Text: rs, RunStart: sp.start, RunEnd: sp.end, Direction: dir, Size: sz}
		parts := append([]shaping.Input(nil), sh.seg.Split(in, fontmap{t})...)
		for _, p := range parts {
			if p.Face == nil {
				continue
			}
			p.Direction = dir
			o := sh.hb.Shape(p)
			width += o.Advance
			runs = append(runs, shapedRun{out: o, level: sp.level})
		}
	}
	// Unicode bidi rule L2: from the highest level down to the lowest odd level, reverse
	// every maximal sequence of runs at that level or higher.
	var hi, lowOdd bidi.Level = 0, 127
	for _, r := range runs {
		hi = max(hi, r.level)
		if r.level%2 == 1 {
			lowOdd = min(lowOdd, r.level)
		}
	}
	for lvl := hi; lvl >= lowOdd && lvl > 0; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			i = j
		}
	}
	return runs, fix(width)
}

// shapedWidth is the advance width of a complex line, cached.
func (t *typeface) shapedWidth(s string, size float64) float64 {
	sh := t.shaper()
	k := widthKey{s, size}
	if w, ok := sh.widths[k]; ok {
		return w
	}
	_, w := t.shapeLine(s, size, rtlText(s))
	if len(sh.widths) > 1<<16 {
		clear(sh.widths)
	}
	sh.widths[k] = w
	return w
}

// drawShaped draws a complex line with its baseline's left end at (x, y).
func (t *typeface) drawShaped(dst draw.Image, s string, size, x, y float64, c color.RGBA, rtl bool) {
	runs, _ := t.shapeLine(s, size, rtl)
	src := image.NewUniform(c)
	pen := x
	for _, r := range runs {
		o := r.out
		scale := float32(size) / float32(o.Face.Upem())
		for _, g := range o.Glyphs {
			gx := pen + fix(g.XOffset)
			gy := y - fix(g.YOffset)
			drawGlyph(dst, o.Face, g.GlyphID, scale, gx, gy, src)
			pen += fix(g.Advance)
		}
	}
}

// drawGlyph rasterizes one glyph outline with its origin at (x, y).
func drawGlyph(dst draw.Image, face *gtfont.Face, gid gtfont.GID, scale float32, x, y float64, src image.Image) {
	ol, ok := face.GlyphData(gid).(gtfont.GlyphOutline)
	if !ok || len(ol.Segments) == 0 {
		return
	}
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for i := range ol.Segments {
		for _, p := range ol.Segments[i].ArgsSlice() {
			px, py := float32(x)+p.X*scale, float32(y)-p.Y*scale
			minX, maxX = min(minX, px), max(maxX, px)
			minY, maxY = min(minY, py), max(maxY, py)
		}
	}
	r := image.Rect(int(math.Floor(float64(minX))), int(math.Floor(float64(minY))), int(math.Ceil(float64(maxX)))+1, int(math.Ceil(float64(maxY)))+1)
	clip := r.Intersect(dst.Bounds())
	if clip.Empty() {
		return
	}
	ox, oy := float32(x)-float32(r.Min.X), float32(y)-float32(r.Min.Y)
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	open := false
	for i := range ol.Segments {
		sg := &ol.Segments[i]
		a := sg.Args
		px := func(k int) (float32, float32) { return ox + a[k].X*scale, oy - a[k].Y*scale }
		switch sg.Op {
		case ot.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(px(0))
			open = true
		case ot.SegmentOpLineTo:
			z.LineTo(px(0))
		case ot.SegmentOpQuadTo:
			x1, y1 := px(0)
			x2, y2 := px(1)
			z.QuadTo(x1, y1, x2, y2)
		case ot.SegmentOpCubeTo:
			x1, y1 := px(0)
			x2, y2 := px(1)
			x3, y3 := px(2)
			z.CubeTo(x1, y1, x2, y2, x3, y3)
		}
	}
	if open {
		z.ClosePath()
	}
	z.DrawOp = draw.Over
	z.Draw(dst, r, src, image.Point{})
}

// shapedMetrics are the ascent and descent of the script fonts a complex text uses, so that
// tall marks (Devanagari vowel signs, Arabic vowels) stay inside the text box.
func (t *typeface) shapedMetrics(s string, size float64) (ascent, descent float64) {
	t.shaper()
	seen := map[*gtfont.Face]bool{}
	t.sh.cjk = cjkVariant([]rune(s))
	for _, r := range s {
		sc := language.LookupScript(r)
		if !sc.Strong() || sc == language.Latin {
			continue
		}
		f := t.scriptFace(sc)
		if f == nil || seen[f] {
			continue
		}
		seen[f] = true
		if e, ok := f.FontHExtents(); ok {
			k := size / float64(f.Upem())
			a, d := float64(e.Ascender)*k, -float64(e.Descender)*k
			if m, ok := scriptLines[sc]; ok && m.ascent > 0 {
				a, d = math.Min(a, m.ascent*size), math.Min(d, m.descent*size)
			}
			ascent = math.Max(ascent, a)
			descent = math.Max(descent, d)
		}
	}
	return ascent, descent
}

// scriptLine is how much room a script's lines need, as multiples of the size: the
// ascent and descent of its ink in running text (0: the font's own) and the least
// baseline-to-baseline distance.
type scriptLine struct {
	ascent, descent, spacing float64
}

// scriptLines holds the scripts whose lines need more room than Latin: Arabic letters
// carry vowel marks above and descend deep, Devanagari vowel signs rise above the
// headline, and CJK reads better with open lines.
var scriptLines = map[language.Script]scriptLine{
	language.Arabic:     {1.05, 0.6, 1.5},
	language.Hebrew:     {0, 0, 1.2},
	language.Devanagari: {0, 0, 1.4},
	language.Bengali:    {0, 0, 1.4},
	language.Han:        {0, 0, 1.3},
	language.Hiragana:   {0, 0, 1.3},
	language.Katakana:   {0, 0, 1.3},
	language.Hangul:     {0, 0, 1.3},
	language.Thai:       {0, 0, 1.4},
}

// lineSpacing is the baseline distance (a multiple of the size) for text whose layout asks
// for spacing: at least what its scripts need.
func lineSpacing(text string, spacing float64) float64 {
	for _, r := range text {
		if r < 0x0590 {
			continue
		}
		if m, ok := scriptLines[language.LookupScript(r)]; ok && m.spacing > spacing {
			spacing = m.spacing
		}
	}
	return spacing
}

// lineBreaks splits a space-free word at the line-break opportunities of Unicode UAX #14
// when it holds CJK characters (which break between ideographs, keeping closing
// punctuation with the character before). Other words are returned whole.
func lineBreaks(w string) []string {
	cjk := false
	for _, r := range w {
		if s := language.LookupScript(r); isCJKScript(s) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) {
			cjk = true
			break
		}
	}
	if !cjk {
		return []string{w}
	}
	var seg segmenter.Segmenter
	seg.Init([]rune(w))
	var out []string
	it := seg.LineIterator()
	for it.Next() {
		out = append(out, string(it.Line().Text))
	}
	return out
}

// graphemeCut reports whether a word may be cut between a and b when it is too long for a
// line: never before a combining mark or a joiner, nor after a virama (which would split a
// Devanagari conjunct).
func graphemeCut(a, b rune) bool {
	if unicode.Is(unicode.Mn, b) || unicode.Is(unicode.Mc, b) || unicode.Is(unicode.Me, b) || b == 0x200C || b == 0x200D {
		return false
	}
	if a == 0x200D {
		return false
	}
	switch a {
	case 0x094D, 0x09CD, 0x0A4D, 0x0ACD, 0x0B4D, 0x0BCD, 0x0C4D, 0x0CCD, 0x0D4D:
		return false
	}
	return true
}
