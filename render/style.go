package render

import (
	"image/color"
	"math"
)

// Palette is a style's colours. Every text colour is checked against the surfaces it is
// drawn on (see Style.Check) for a contrast ratio of at least 4.5:1.
type Palette struct {
	Background color.RGBA // frame background behind cards and presenters
	Surface    color.RGBA // cards (slides)
	Text       color.RGBA // body and title text on Background and Surface
	Accent     color.RGBA // highlights; also used as text on Surface (stat values, links)
	Muted      color.RGBA // secondary text on Surface and Background
	OnAccent   color.RGBA // text on Accent (buttons, badges)
	Soft       color.RGBA // decoration only: tinted shapes behind presenters and in corners
	Highlight  color.RGBA // decoration only: a second, warm accent for small marks
	Hero       color.RGBA // background of title cards
	OnHero     color.RGBA // title text on Hero
	HeroMuted  color.RGBA // subtitle text on Hero
}

// Fonts names the font files of a style by preference. Each entry is a file name searched
// for in the renderer's font directories; the first one found wins, and characters missing
// from it fall back to the next ones (and at last to the Go fonts built into the binary).
type Fonts struct {
	Display []string // titles, stat values
	Text    []string // body text, bullets, subtitles
	Strong  []string // captions, labels, buttons
	Italic  []string // quotes
}

// Style is the look of a video, defined as data: palette, type and geometry. Geometry is in
// fractions so that one style serves every frame size.
type Style struct {
	ID      string
	Name    string
	Palette Palette
	Fonts   Fonts
	// Margin is the outer margin as a fraction of the frame's short side (ART.md: >= 0.06).
	Margin float64
	// Radius is the corner radius of cards as a fraction of the short side.
	Radius float64
	// BodyMin and BodyMax bound body text size as fractions of the frame height.
	BodyMin, BodyMax float64
	// TitleMax bounds slide titles as a fraction of the frame height; title cards may use
	// HeroTitleMax.
	TitleMax, HeroTitleMax float64
	// Shadow is the opacity (0-1) of the soft shadow under cards.
	Shadow float64
}

func rgb(hex uint32) color.RGBA {
	return color.RGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 0xff}
}

// DefaultStyle is the house style: warm paper background, white cards, deep ink text, an
// indigo accent with an amber highlight, Inter for everything.
func DefaultStyle() Style {
	return Style{
		ID:   "default",
		Name: "Studio",
		Palette: Palette{
			Background: rgb(0xF3EFE8),
			Surface:    rgb(0xFFFFFF),
			Text:       rgb(0x1B1E33),
			Accent:     rgb(0x4338CA),
			Muted:      rgb(0x585E74),
			OnAccent:   rgb(0xFFFFFF),
			Soft:       rgb(0xDCD9F7),
			Highlight:  rgb(0xF5A524),
			Hero:       rgb(0x1E1B4B),
			OnHero:     rgb(0xFFFFFF),
			HeroMuted:  rgb(0xC7CCF5),
		},
		Fonts: Fonts{
			Display: []string{"InterDisplay-Bold.otf", "Inter-Bold.otf", "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"},
			Text:    []string{"Inter-Regular.otf", "NotoSans-Regular.ttf", "DejaVuSans.ttf"},
			Strong:  []string{"Inter-SemiBold.otf", "Inter-Bold.otf", "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"},
			Italic:  []string{"Inter-Italic.otf", "NotoSans-Italic.ttf", "DejaVuSans-Oblique.ttf"},
		},
		Margin:       0.07,
		Radius:       0.028,
		BodyMin:      0.035,
		BodyMax:      0.052,
		TitleMax:     0.085,
		HeroTitleMax: 0.12,
		Shadow:       0.16,
	}
}

// Styles lists the built-in styles; the first is the default.
func Styles() []Style { return []Style{DefaultStyle()} }

// StyleByID returns the built-in style with an ID; an empty or unknown ID gives the default.
func StyleByID(id string) Style {
	for _, s := range Styles() {
		if s.ID == id {
			return s
		}
	}
	return DefaultStyle()
}

// ContrastRatio is the WCAG 2 contrast ratio between two opaque colours (1 to 21).
func ContrastRatio(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.RGBA) float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// ContrastPairs returns the text/background pairs a style draws, by name, so that they can
// be checked against WCAG AA.
func (s Style) ContrastPairs() map[string][2]color.RGBA {
	p := s.Palette
	return map[string][2]color.RGBA{
		"text/background":   {p.Text, p.Background},
		"text/surface":      {p.Text, p.Surface},
		"muted/surface":     {p.Muted, p.Surface},
		"muted/background":  {p.Muted, p.Background},
		"accent/surface":    {p.Accent, p.Surface},
		"onaccent/accent":   {p.OnAccent, p.Accent},
		"onhero/hero":       {p.OnHero, p.Hero},
		"heromuted/hero":    {p.HeroMuted, p.Hero},
		"onaccent/caption":  {rgb(0xFFFFFF), captionBand(p)},
		"accent/background": {p.Accent, p.Background},
	}
}

// captionBand is the opaque colour a caption band has over a white frame (the worst case
// for white text): the band is Text at captionBandAlpha.
func captionBand(p Palette) color.RGBA {
	a := float64(captionBandAlpha) / 255
	mix := func(x uint8) uint8 { return uint8(float64(x)*a + 255*(1-a) + 0.5) }
	return color.RGBA{mix(p.Text.R), mix(p.Text.G), mix(p.Text.B), 0xff}
}

// captionBandAlpha is the opacity of the burned-in caption band.
const captionBandAlpha = 200
