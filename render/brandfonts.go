package render

import (
	"sort"
	"strings"
)

// fontFamily names the files of one font family a brand kit may choose.
type fontFamily struct {
	bold, regular, strong, italic string
}

// brandFamilies are the families a brand kit may name, by lower-case name. Only those
// whose regular file is installed are offered (Renderer.FontFamilies).
var brandFamilies = map[string]fontFamily{
	"inter":              {"Inter-Bold.otf", "Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Italic.otf"},
	"inter display":      {"InterDisplay-Bold.otf", "InterDisplay-Regular.otf", "InterDisplay-SemiBold.otf", "InterDisplay-Italic.otf"},
	"roboto":             {"Roboto-Bold.ttf", "Roboto-Regular.ttf", "Roboto-Medium.ttf", "Roboto-Italic.ttf"},
	"roboto condensed":   {"RobotoCondensed-Bold.ttf", "RobotoCondensed-Regular.ttf", "RobotoCondensed-Medium.ttf", "RobotoCondensed-Italic.ttf"},
	"noto sans":          {"NotoSans-Bold.ttf", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"},
	"noto serif":         {"NotoSerif-Bold.ttf", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf"},
	"noto serif display": {"NotoSerifDisplay-Bold.ttf", "NotoSerifDisplay-Regular.ttf", "NotoSerifDisplay-Bold.ttf", "NotoSerifDisplay-Italic.ttf"},
	"dejavu sans":        {"DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"},
	"dejavu serif":       {"DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"},
	"dejavu sans mono":   {"DejaVuSansMono-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf"},
}

// familyNames are the display names of brandFamilies.
var familyNames = map[string]string{
	"inter": "Inter", "inter display": "Inter Display", "roboto": "Roboto", "roboto condensed": "Roboto Condensed",
	"noto sans": "Noto Sans", "noto serif": "Noto Serif", "noto serif display": "Noto Serif Display",
	"dejavu sans": "DejaVu Sans", "dejavu serif": "DejaVu Serif", "dejavu sans mono": "DejaVu Sans Mono",
}

// FontFamilies lists the font families a brand kit may name that are installed in the
// renderer's font directories, sorted.
func (r *Renderer) FontFamilies() []string {
	r.fonts.mu.Lock()
	r.fonts.ensureIndex()
	idx := r.fonts.index
	r.fonts.mu.Unlock()
	var out []string
	for key, f := range brandFamilies {
		if _, ok := idx[f.regular]; ok {
			out = append(out, familyNames[key])
		}
	}
	sort.Strings(out)
	return out
}

// withFamilies puts a brand's heading and body families first in a style's font chains;
// the style's own fonts stay behind them as fallbacks for missing characters.
func (s Style) withFamilies(heading, body string) Style {
	if f, ok := brandFamilies[strings.ToLower(strings.TrimSpace(heading))]; ok {
		s.Fonts.Display = append([]string{f.bold}, s.Fonts.Display...)
	}
	if f, ok := brandFamilies[strings.ToLower(strings.TrimSpace(body))]; ok {
		s.Fonts.Text = append([]string{f.regular}, s.Fonts.Text...)
		s.Fonts.Strong = append([]string{f.strong}, s.Fonts.Strong...)
		s.Fonts.Italic = append([]string{f.italic}, s.Fonts.Italic...)
	}
	return s
}
