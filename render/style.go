package render

import (
	"image/color"
	"math"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
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

// Motion says how elements enter and how scenes follow each other.
type Motion struct {
	// Entrance is how elements come in: "rise" (fade in while rising), "fade", "slide"
	// (fade in from the left) or "scale" (fade in while growing).
	Entrance string
	// EntranceDur is the length of an entrance (ART.md: 250-400 ms, ease-out).
	EntranceDur time.Duration
	// Stagger is the pause between the entrances of a slide's successive elements.
	Stagger time.Duration
	// Transition is used between scenes whose storyboard names none: "cut", "crossfade",
	// "slide" or "wipe".
	Transition string
	// TransitionDur is the length of a transition (ART.md: 300-600 ms).
	TransitionDur time.Duration
}

// CaptionLook is how burned-in captions look.
type CaptionLook struct {
	Band      color.RGBA // band behind the text, drawn at BandAlpha
	BandAlpha uint8
	Text      color.RGBA
	// Highlight colours the word being spoken when HighlightWord is set.
	Highlight     color.RGBA
	HighlightWord bool
	// Burn burns captions into the video even when the storyboard does not ask for them
	// (styles made for social feeds, watched without sound).
	Burn bool
}

// Style is the look of a video, defined as data: palette, type, geometry, motion, captions
// and music mood. Geometry is in fractions so that one style serves every frame size.
type Style struct {
	ID   string
	Name string
	Tags []string
	// Aspects are the aspect ratios the style is designed for, best first.
	Aspects []string
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
	// Motif is the background decoration: "blobs", "dots", "grid", "stripes" or "plain".
	Motif string
	// Layout preferences: PresenterSide is where the presenter stands beside a slide when
	// the storyboard leaves it open ("left" or "right").
	PresenterSide string
	Motion        Motion
	Captions      CaptionLook
	// Music is the mood of background music that suits the style (a hint for planners).
	Music string
}

func rgb(hex uint32) color.RGBA {
	return color.RGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 0xff}
}

var allAspects = []string{"16:9", "9:16", "1:1", "4:5", "5:4"}

// base returns a style with the shared geometry, Inter type and default motion.
func baseStyle(id, name string, p Palette) Style {
	return Style{
		ID: id, Name: name, Palette: p, Aspects: allAspects,
		Fonts: Fonts{
			Display: []string{"InterDisplay-Bold.otf", "Inter-Bold.otf", "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"},
			Text:    []string{"Inter-Regular.otf", "NotoSans-Regular.ttf", "DejaVuSans.ttf"},
			Strong:  []string{"Inter-SemiBold.otf", "Inter-Bold.otf", "NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"},
			Italic:  []string{"Inter-Italic.otf", "NotoSans-Italic.ttf", "DejaVuSans-Oblique.ttf"},
		},
		Margin: 0.07, Radius: 0.028, BodyMin: 0.035, BodyMax: 0.052, TitleMax: 0.085, HeroTitleMax: 0.12,
		Shadow: 0.16, Motif: "blobs", PresenterSide: "left",
		Motion: Motion{Entrance: "rise", EntranceDur: 400 * time.Millisecond, Stagger: 120 * time.Millisecond,
			Transition: "crossfade", TransitionDur: 400 * time.Millisecond},
		Captions: CaptionLook{Band: rgb(0x111318), BandAlpha: 200, Text: rgb(0xFFFFFF), Highlight: rgb(0xFFD23F)},
		Music:    "warm corporate",
	}
}

// DefaultStyle is the house style: warm paper background, white cards, deep ink text, an
// indigo accent with an amber highlight, Inter for everything.
func DefaultStyle() Style {
	s := baseStyle("default", "Studio", Palette{
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
	})
	s.Tags = []string{"business", "explainer", "warm", "clean"}
	s.Captions.Band = rgb(0x1B1E33)
	return s
}

// Styles lists the built-in styles; the first is the default.
func Styles() []Style {
	midnight := baseStyle("midnight", "Midnight", Palette{
		Background: rgb(0x0F172A), Surface: rgb(0x1E293B), Text: rgb(0xF1F5F9), Accent: rgb(0x38BDF8),
		Muted: rgb(0xA9B6C9), OnAccent: rgb(0x0F172A), Soft: rgb(0x1E3A5F), Highlight: rgb(0xF472B6),
		Hero: rgb(0x020617), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0x9FB0C8)})
	midnight.Tags = []string{"tech", "dark", "product", "saas"}
	midnight.Motif, midnight.Shadow = "grid", 0.35
	midnight.Motion.Transition, midnight.Motion.Entrance = "slide", "slide"
	midnight.Captions.HighlightWord = true
	midnight.Captions.Highlight = rgb(0x7DD3FC)
	midnight.Music = "ambient electronic"

	minimal := baseStyle("minimal", "Minimal", Palette{
		Background: rgb(0xF4F4F5), Surface: rgb(0xFFFFFF), Text: rgb(0x111111), Accent: rgb(0x18181B),
		Muted: rgb(0x52525B), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xE4E4E7), Highlight: rgb(0xE11D48),
		Hero: rgb(0x111111), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xC4C4CC)})
	minimal.Tags = []string{"minimal", "clean", "monochrome", "business"}
	minimal.Motif, minimal.Radius, minimal.Shadow = "plain", 0.012, 0.1
	minimal.Motion.Transition, minimal.Motion.Entrance = "cut", "fade"
	minimal.Music = "minimal piano"

	sunrise := baseStyle("sunrise", "Sunrise", Palette{
		Background: rgb(0xFFF1E6), Surface: rgb(0xFFFFFF), Text: rgb(0x2D1B14), Accent: rgb(0xC2410C),
		Muted: rgb(0x6B4E42), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xFFD8BF), Highlight: rgb(0xFBBF24),
		Hero: rgb(0x7C2D12), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xFED7AA)})
	sunrise.Tags = []string{"warm", "friendly", "lifestyle", "marketing"}
	sunrise.Radius = 0.04
	sunrise.Motion.Entrance = "scale"
	sunrise.Music = "upbeat acoustic"

	forest := baseStyle("evergreen", "Evergreen", Palette{
		Background: rgb(0xEEF3EE), Surface: rgb(0xFFFFFF), Text: rgb(0x15251B), Accent: rgb(0x166534),
		Muted: rgb(0x4B5E52), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xCFE3D3), Highlight: rgb(0xA3E635),
		Hero: rgb(0x14532D), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xBBF7D0)})
	forest.Tags = []string{"nature", "sustainability", "calm", "nonprofit"}
	forest.Motif = "dots"
	forest.Motion.Transition = "wipe"
	forest.Music = "gentle folk"

	boardroom := baseStyle("boardroom", "Boardroom", Palette{
		Background: rgb(0xEEF2F7), Surface: rgb(0xFFFFFF), Text: rgb(0x0B1F3A), Accent: rgb(0x1D4ED8),
		Muted: rgb(0x4A5B73), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xD6E0F0), Highlight: rgb(0x60A5FA),
		Hero: rgb(0x0B1F3A), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xB8C7DD)})
	boardroom.Tags = []string{"corporate", "finance", "formal", "report"}
	boardroom.Fonts.Display = []string{"Roboto-Bold.ttf", "Inter-Bold.otf", "NotoSans-Bold.ttf"}
	boardroom.Fonts.Text = []string{"Roboto-Regular.ttf", "Inter-Regular.otf", "NotoSans-Regular.ttf"}
	boardroom.Fonts.Strong = []string{"Roboto-Medium.ttf", "Inter-SemiBold.otf", "NotoSans-Bold.ttf"}
	boardroom.Fonts.Italic = []string{"Roboto-Italic.ttf", "Inter-Italic.otf", "NotoSans-Italic.ttf"}
	boardroom.Motif, boardroom.Radius = "stripes", 0.016
	boardroom.Motion.Entrance = "fade"
	boardroom.Aspects = []string{"16:9", "1:1", "5:4", "4:5", "9:16"}
	boardroom.Music = "corporate light"

	editorial := baseStyle("editorial", "Editorial", Palette{
		Background: rgb(0xF7F3EA), Surface: rgb(0xFFFDF8), Text: rgb(0x1C1917), Accent: rgb(0x9F1239),
		Muted: rgb(0x57534E), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xEADFCB), Highlight: rgb(0xD97706),
		Hero: rgb(0x1C1917), OnHero: rgb(0xFFFDF8), HeroMuted: rgb(0xD6D3D1)})
	editorial.Tags = []string{"editorial", "storytelling", "elegant", "serif"}
	editorial.Fonts.Display = []string{"NotoSerifDisplay-Bold.ttf", "NotoSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"}
	editorial.Fonts.Italic = []string{"NotoSerif-Italic.ttf", "NotoSerifDisplay-Italic.ttf", "DejaVuSerif-Italic.ttf"}
	editorial.Motif, editorial.Radius, editorial.Shadow = "plain", 0.006, 0.12
	editorial.Motion.Entrance, editorial.Motion.TransitionDur = "fade", 600*time.Millisecond
	editorial.PresenterSide = "right"
	editorial.Music = "cinematic strings"

	neon := baseStyle("neon", "Neon Pop", Palette{
		Background: rgb(0x190B33), Surface: rgb(0x2A1458), Text: rgb(0xFFFFFF), Accent: rgb(0xF0ABFC),
		Muted: rgb(0xC9B8EA), OnAccent: rgb(0x190B33), Soft: rgb(0x3B1D75), Highlight: rgb(0x22D3EE),
		Hero: rgb(0x0B0118), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xC4B5FD)})
	neon.Tags = []string{"social", "bold", "youthful", "vertical"}
	neon.Aspects = []string{"9:16", "1:1", "4:5", "16:9", "5:4"}
	neon.Motif, neon.Shadow, neon.Radius = "dots", 0.4, 0.045
	neon.Motion = Motion{Entrance: "scale", EntranceDur: 300 * time.Millisecond, Stagger: 80 * time.Millisecond, Transition: "slide", TransitionDur: 300 * time.Millisecond}
	neon.Captions = CaptionLook{Band: rgb(0x0B0118), BandAlpha: 215, Text: rgb(0xFFFFFF), Highlight: rgb(0xF0ABFC), HighlightWord: true, Burn: true}
	neon.Music = "energetic pop"

	pastel := baseStyle("pastel", "Pastel Class", Palette{
		Background: rgb(0xF5F0FF), Surface: rgb(0xFFFFFF), Text: rgb(0x2E1065), Accent: rgb(0x7C3AED),
		Muted: rgb(0x5B4A80), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xE4D8FD), Highlight: rgb(0xF9A8D4),
		Hero: rgb(0x4C1D95), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xDDD6FE)})
	pastel.Tags = []string{"education", "playful", "soft", "training"}
	pastel.Radius = 0.05
	pastel.Motion.Transition = "slide"
	pastel.Music = "playful ukulele"

	bold := baseStyle("bold", "Bold Type", Palette{
		Background: rgb(0xFACC15), Surface: rgb(0xFFFFFF), Text: rgb(0x111827), Accent: rgb(0x111827),
		Muted: rgb(0x374151), OnAccent: rgb(0xFACC15), Soft: rgb(0xFDE68A), Highlight: rgb(0xDC2626),
		Hero: rgb(0x111827), OnHero: rgb(0xFACC15), HeroMuted: rgb(0xE5E7EB)})
	bold.Tags = []string{"bold", "marketing", "energetic", "social"}
	bold.Fonts.Display = []string{"InterDisplay-Black.otf", "Inter-Black.otf", "InterDisplay-Bold.otf", "NotoSans-Bold.ttf"}
	bold.Motif, bold.Radius, bold.Shadow = "stripes", 0.02, 0.22
	bold.Motion = Motion{Entrance: "slide", EntranceDur: 300 * time.Millisecond, Stagger: 90 * time.Millisecond, Transition: "wipe", TransitionDur: 350 * time.Millisecond}
	bold.Captions = CaptionLook{Band: rgb(0x111827), BandAlpha: 230, Text: rgb(0xFFFFFF), Highlight: rgb(0xFACC15), HighlightWord: true, Burn: true}
	bold.Music = "driving rock"

	ocean := baseStyle("ocean", "Ocean", Palette{
		Background: rgb(0xE6F4F1), Surface: rgb(0xFFFFFF), Text: rgb(0x0F2E2E), Accent: rgb(0x0F766E),
		Muted: rgb(0x3F5F5C), OnAccent: rgb(0xFFFFFF), Soft: rgb(0xC2E7E0), Highlight: rgb(0xFB923C),
		Hero: rgb(0x134E4A), OnHero: rgb(0xFFFFFF), HeroMuted: rgb(0xCCFBF1)})
	ocean.Tags = []string{"health", "calm", "fresh", "wellness"}
	ocean.Motif = "blobs"
	ocean.PresenterSide = "right"
	ocean.Music = "calm ambient"

	slate := baseStyle("slate", "Slate Pro", Palette{
		Background: rgb(0x18181B), Surface: rgb(0x27272A), Text: rgb(0xFAFAFA), Accent: rgb(0xA3E635),
		Muted: rgb(0xB4B4BC), OnAccent: rgb(0x18181B), Soft: rgb(0x34343A), Highlight: rgb(0xF59E0B),
		Hero: rgb(0x09090B), OnHero: rgb(0xFAFAFA), HeroMuted: rgb(0xA1A1AA)})
	slate.Tags = []string{"tech", "dark", "developer", "product"}
	slate.Motif, slate.Shadow, slate.Radius = "grid", 0.4, 0.02
	slate.Motion.Transition, slate.Motion.Entrance = "wipe", "slide"
	slate.Captions.Band, slate.Captions.Highlight, slate.Captions.HighlightWord = rgb(0x09090B), rgb(0xA3E635), true
	slate.Music = "lo-fi beats"

	return []Style{DefaultStyle(), midnight, minimal, sunrise, forest, boardroom, editorial, neon, pastel, bold, ocean, slate}
}

// StyleByID returns the built-in style with an ID; an empty or unknown ID gives the default.
func StyleByID(id string) Style {
	for _, s := range Styles() {
		if s.ID == id {
			return s
		}
	}
	return DefaultStyle()
}

// StyleExists reports whether id names a built-in style.
func StyleExists(id string) bool {
	for _, s := range Styles() {
		if s.ID == id {
			return true
		}
	}
	return false
}

// WithBrand returns the style with a brand kit's colours: Primary replaces the accent,
// Secondary the title-card background, Background the frame background. Each is darkened
// or lightened as little as needed to keep text on it and against it at 4.5:1. The brand's
// font families, if any, come first in the style's font chains.
func (s Style) WithBrand(b *videoagent.Brand) Style {
	if b == nil {
		return s
	}
	p := &s.Palette
	if c, ok := videoagent.ParseHexColor(b.Colors.Primary); ok {
		acc := color.RGBA{c[0], c[1], c[2], 255}
		p.OnAccent = bestOn(acc)
		p.Accent = ensureContrast(acc, []color.RGBA{p.Surface, p.Background, p.OnAccent})
		p.Soft = mix(p.Accent, p.Background, 0.2)
	}
	if c, ok := videoagent.ParseHexColor(b.Colors.Secondary); ok {
		hero := color.RGBA{c[0], c[1], c[2], 255}
		p.OnHero = bestOn(hero)
		p.Hero = ensureContrast(hero, []color.RGBA{p.OnHero})
		p.HeroMuted = mix(p.OnHero, p.Hero, 0.8)
		if ContrastRatio(p.HeroMuted, p.Hero) < 4.5 {
			p.HeroMuted = p.OnHero
		}
	}
	if c, ok := videoagent.ParseHexColor(b.Colors.Background); ok {
		bg := color.RGBA{c[0], c[1], c[2], 255}
		if ContrastRatio(p.Text, bg) >= 4.5 && ContrastRatio(p.Muted, bg) >= 4.5 && ContrastRatio(p.Accent, bg) >= 4.5 {
			p.Background = bg
		}
	}
	return s.withFamilies(b.Fonts.Heading, b.Fonts.Body)
}

// bestOn is white or near-black, whichever contrasts more with c.
func bestOn(c color.RGBA) color.RGBA {
	w, k := rgb(0xFFFFFF), rgb(0x111111)
	if ContrastRatio(w, c) >= ContrastRatio(k, c) {
		return w
	}
	return k
}

// ensureContrast darkens or lightens c in small steps until it has 4.5:1 against every
// colour of against (or gives up after a full range).
func ensureContrast(c color.RGBA, against []color.RGBA) color.RGBA {
	ok := func(c color.RGBA) bool {
		for _, a := range against {
			if ContrastRatio(c, a) < 4.5 {
				return false
			}
		}
		return true
	}
	if ok(c) {
		return c
	}
	for _, toward := range []color.RGBA{rgb(0x000000), rgb(0xFFFFFF)} {
		for k := 0.05; k <= 1; k += 0.05 {
			if m := mix(toward, c, k); ok(m) {
				return m
			}
		}
	}
	return c
}

// mix is a*k + b*(1-k), opaque.
func mix(a, b color.RGBA, k float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*k + float64(y)*(1-k) + 0.5) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
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
		"text/background":    {p.Text, p.Background},
		"text/surface":       {p.Text, p.Surface},
		"muted/surface":      {p.Muted, p.Surface},
		"muted/background":   {p.Muted, p.Background},
		"accent/surface":     {p.Accent, p.Surface},
		"onaccent/accent":    {p.OnAccent, p.Accent},
		"onhero/hero":        {p.OnHero, p.Hero},
		"heromuted/hero":     {p.HeroMuted, p.Hero},
		"caption/band-white": {s.Captions.Text, captionBand(s.Captions, rgb(0xFFFFFF))},
		"caption/band-black": {s.Captions.Text, captionBand(s.Captions, rgb(0x000000))},
		"highlight/band":     {s.Captions.Highlight, captionBand(s.Captions, rgb(0xFFFFFF))},
		"accent/background":  {p.Accent, p.Background},
	}
}

// captionBand is the opaque colour a caption band has over a frame colour under it.
func captionBand(c CaptionLook, under color.RGBA) color.RGBA {
	return mix(c.Band, under, float64(c.BandAlpha)/255)
}
