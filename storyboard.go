package videoagent

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Scene layouts: where the presenter and the slide sit.
const (
	LayoutTitle          = "title"           // title card; presenter optional (bubble)
	LayoutPresenter      = "presenter"       // presenter full frame over the style's background
	LayoutPresenterLeft  = "presenter_left"  // presenter on the left, slide on the right
	LayoutPresenterRight = "presenter_right" // presenter on the right, slide on the left
	LayoutSlideBubble    = "slide_bubble"    // slide full frame, presenter in a bubble
	LayoutSlide          = "slide"           // slide alone, narration as voice-over
)

// Visual kinds: what a scene's slide shows.
const (
	VisualNone    = "none"
	VisualTitle   = "title"
	VisualBullets = "bullets"
	VisualImage   = "image"
	VisualVideo   = "video"
	VisualQuote   = "quote"
	VisualStat    = "stat"
	VisualChart   = "chart"
	VisualCTA     = "cta"
)

// Transitions into a scene.
const (
	TransitionCut       = "cut"
	TransitionCrossfade = "crossfade"
	TransitionSlide     = "slide"
	TransitionWipe      = "wipe"
)

// Storyboard is the contract between the agent and the renderer, and what chat revisions
// edit. It is plain data, validated by Validate, stored with the session as JSON.
type Storyboard struct {
	Version     int     `json:"version"`
	Title       string  `json:"title"`
	Language    string  `json:"language"`     // BCP-47, e.g. "en" or "es-ES"
	AspectRatio string  `json:"aspect_ratio"` // "16:9" | "9:16" | "1:1" | "4:5" | "5:4"
	Resolution  string  `json:"resolution"`   // "720p" | "1080p" | "4k"
	FPS         int     `json:"fps"`          // 25 | 30
	StyleID     string  `json:"style_id"`
	AvatarID    string  `json:"avatar_id"` // a Look ID
	VoiceID     string  `json:"voice_id"`
	Captions    bool    `json:"captions"` // burn captions into the picture
	Seed        int64   `json:"seed"`
	Scenes      []Scene `json:"scenes"`
	// MusicAssetID is an audio asset (mp3, wav, m4a...) played under the narration: looped
	// or trimmed to the video, ducked under speech, faded in and out. Empty: no music.
	MusicAssetID string `json:"music_asset_id,omitempty"`
	// Brand overrides the style's colours and adds a logo; nil keeps the style as is.
	Brand *Brand `json:"brand,omitempty"`
	// OutputFormat is the container and codec of the rendered video: "" or OutputMP4 for
	// an MP4 (H.264, AAC), OutputWebM for a WebM (VP9 with an alpha channel, Opus) in
	// which the presenter talks over a fully transparent background. A WebM storyboard
	// shows the presenter alone: it needs AvatarID, and every scene has the presenter
	// layout and no visual (see Validate).
	OutputFormat string `json:"output_format,omitempty"`
}

// Output formats of a storyboard (Storyboard.OutputFormat).
const (
	OutputMP4  = "mp4"  // H.264 High + AAC in MP4; the default
	OutputWebM = "webm" // VP9 with alpha (yuva420p) + Opus in WebM, transparent background
)

// Brand is a brand kit: a logo and colours that override a style's palette.
type Brand struct {
	// LogoAssetID is a PNG or JPEG asset shown in a corner of every scene and on title cards.
	LogoAssetID string `json:"logo_asset_id,omitempty"`
	// Colors are "#RRGGBB" hex colours; empty ones keep the style's.
	Colors BrandColors `json:"colors,omitempty"`
	// Fonts are installed font families for headings and body text; empty keeps the style's.
	Fonts BrandFonts `json:"fonts,omitempty"`
	// KitID is the brand kit this brand came from, if any (for the record).
	KitID string `json:"kit_id,omitempty"`
}

// BrandColors are a brand's colours. The renderer darkens or lightens them where needed
// so that text on them keeps a 4.5:1 contrast.
type BrandColors struct {
	Primary    string `json:"primary,omitempty"`    // accent: buttons, bars, badges
	Secondary  string `json:"secondary,omitempty"`  // title card background
	Background string `json:"background,omitempty"` // frame background behind cards
}

// Scene is one shot of the video: what is said and what is shown.
type Scene struct {
	ID         string `json:"id"`
	Layout     string `json:"layout"`
	Narration  string `json:"narration"`
	Visual     Visual `json:"visual"`
	Transition string `json:"transition,omitempty"`

	// Direct videos (POST /v3/videos) set these; planned storyboards leave them empty.
	// VoiceID, when set, speaks this scene instead of the storyboard's voice.
	VoiceID string `json:"voice_id,omitempty"`
	// Speech adjusts the delivery of this scene's narration; nil means the voice's own.
	Speech *SpeechOptions `json:"speech,omitempty"`
	// AudioAssetID is recorded narration (an audio asset) played instead of synthesized
	// speech; Narration, if any, is its transcript (for captions and lip sync timings).
	AudioAssetID string `json:"audio_asset_id,omitempty"`
	// Duration is the length in seconds of a scene without narration (0 means the
	// renderer's default, render.SilentScene), and the least length of a narrated scene:
	// when the narration and its pauses (render.LeadIn, render.Tail) are shorter, the
	// scene holds its last picture, the presenter idle and silent, until Duration (a stat
	// or a title slide given time to breathe). 0: a narrated scene lasts its narration
	// and pauses.
	Duration float64 `json:"duration,omitempty"`

	// Provenance says where each narration sentence and each on-screen text of the scene
	// came from (our extension, shown in the draft's metadata), so that "never invent a
	// fact" can be checked. Planners fill it; it does not change the rendered pictures.
	Provenance []Provenance `json:"provenance,omitempty"`
}

// Origins of a storyboard text (Provenance.Source).
const (
	// SourcePrompt is the user's prompt (or memory the user gave earlier).
	SourcePrompt = "prompt"
	// SourceFile is a file of the request: a document's text, with its page when known.
	SourceFile = "file"
	// SourceModel is a language model's writing.
	SourceModel = "model"
	// SourceStructure is a fixed phrase that states no fact: a greeting, a transition, a
	// slide heading, a generic call to action.
	SourceStructure = "structure"
	// SourceMessage is a chat message of the user, applied as an edit.
	SourceMessage = "message"
)

// Provenance is the origin of one text of a scene.
type Provenance struct {
	// Field is where the text is: "narration" (one sentence of it), "visual.title",
	// "visual.subtitle", "visual.bullets", "visual.text", "visual.caption", "visual.url",
	// "visual.data".
	Field string `json:"field"`
	// Text is the sentence or the on-screen text.
	Text string `json:"text"`
	// Source is one of the Source* constants.
	Source string `json:"source"`
	// File names the file (Material.Name) for SourceFile; Page is its 1-based page when known.
	File string `json:"file,omitempty"`
	Page int    `json:"page,omitempty"`
}

// Visual is the slide content of a scene.
type Visual struct {
	Kind     string   `json:"kind"`
	Title    string   `json:"title,omitempty"`
	Subtitle string   `json:"subtitle,omitempty"`
	Bullets  []string `json:"bullets,omitempty"`
	Text     string   `json:"text,omitempty"`     // quote text, stat value, CTA line
	Caption  string   `json:"caption,omitempty"`  // quote author, stat label
	URL      string   `json:"url,omitempty"`      // call-to-action URL
	AssetID  string   `json:"asset_id,omitempty"` // image or video asset
	// ChartType is "bar" (default) or "line" for chart visuals.
	ChartType string `json:"chart_type,omitempty"`
	// Data are a chart's points. Without them, bullets like "Europe: 48%" are charted.
	Data []DataPoint `json:"data,omitempty"`
	// Unit is appended to chart values, e.g. "%" or "k".
	Unit string `json:"unit,omitempty"`
	// ClipStart is where a video visual starts in its clip, in seconds.
	ClipStart float64 `json:"clip_start,omitempty"`
	// ClipAudio keeps a video clip's own sound, ducked under the narration (default muted).
	ClipAudio bool `json:"clip_audio,omitempty"`
}

// DataPoint is one value of a chart.
type DataPoint struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
}

// Limits a storyboard must respect.
const (
	MaxScenes         = 60
	MaxNarrationChars = 5000
	MaxTitleChars     = 200
	MaxSceneSeconds   = 600
)

// Resolution returns the frame size of an aspect ratio at a resolution name: the short side
// is 720 or 1080 for "720p"/"1080p", and the long side 3840 for "4k".
func FrameSize(aspect, resolution string) (w, h int, err error) {
	var aw, ah int
	switch aspect {
	case "16:9":
		aw, ah = 16, 9
	case "9:16":
		aw, ah = 9, 16
	case "1:1":
		aw, ah = 1, 1
	case "4:5":
		aw, ah = 4, 5
	case "5:4":
		aw, ah = 5, 4
	default:
		return 0, 0, Invalid("aspect_ratio", "aspect_ratio must be one of 16:9, 9:16, 1:1, 4:5, 5:4")
	}
	even := func(x int) int { return x &^ 1 }
	switch resolution {
	case "720p", "1080p":
		short := 720
		if resolution == "1080p" {
			short = 1080
		}
		if aw >= ah {
			return even(short * aw / ah), short, nil
		}
		return short, even(short * ah / aw), nil
	case "4k":
		long := 3840
		if aw >= ah {
			return long, even(long * ah / aw), nil
		}
		return even(long * aw / ah), long, nil
	}
	return 0, 0, Invalid("resolution", "resolution must be one of 720p, 1080p, 4k")
}

// Validate checks a storyboard before it is rendered. It returns an *Error naming the field.
func (s *Storyboard) Validate() error {
	if strings.TrimSpace(s.Title) == "" {
		return Invalid("title", "storyboard title is empty")
	}
	if utf8.RuneCountInString(s.Title) > MaxTitleChars {
		return Invalid("title", "storyboard title is longer than %d characters", MaxTitleChars)
	}
	if _, _, err := FrameSize(s.AspectRatio, s.Resolution); err != nil {
		return err
	}
	if s.FPS != 25 && s.FPS != 30 {
		return Invalid("fps", "fps must be 25 or 30")
	}
	if len(s.Scenes) == 0 {
		return Invalid("scenes", "storyboard has no scenes")
	}
	if len(s.Scenes) > MaxScenes {
		return Invalid("scenes", "storyboard has more than %d scenes", MaxScenes)
	}
	seen := map[string]bool{}
	for i, sc := range s.Scenes {
		p := fmt.Sprintf("scenes[%d]", i)
		if sc.ID == "" || seen[sc.ID] {
			return Invalid(p+".id", "scene id is empty or repeated")
		}
		seen[sc.ID] = true
		switch sc.Layout {
		case LayoutTitle, LayoutPresenter, LayoutPresenterLeft, LayoutPresenterRight, LayoutSlideBubble, LayoutSlide:
		default:
			return Invalid(p+".layout", "unknown layout %q", sc.Layout)
		}
		if utf8.RuneCountInString(sc.Narration) > MaxNarrationChars {
			return Invalid(p+".narration", "narration is longer than %d characters", MaxNarrationChars)
		}
		switch sc.Visual.Kind {
		case "", VisualNone, VisualTitle, VisualBullets, VisualImage, VisualVideo, VisualQuote, VisualStat, VisualChart, VisualCTA:
		default:
			return Invalid(p+".visual.kind", "unknown visual kind %q", sc.Visual.Kind)
		}
		switch sc.Transition {
		case "", TransitionCut, TransitionCrossfade, TransitionSlide, TransitionWipe:
		default:
			return Invalid(p+".transition", "unknown transition %q", sc.Transition)
		}
		switch sc.Visual.ChartType {
		case "", "bar", "line":
		default:
			return Invalid(p+".visual.chart_type", "chart_type must be bar or line")
		}
		if len(sc.Visual.Data) > 50 {
			return Invalid(p+".visual.data", "a chart has at most 50 points")
		}
		for _, d := range sc.Visual.Data {
			if math.IsNaN(d.Value) || math.IsInf(d.Value, 0) {
				return Invalid(p+".visual.data", "chart values must be finite numbers")
			}
		}
		if sc.Duration < 0 || sc.Duration > MaxSceneSeconds || math.IsNaN(sc.Duration) {
			return Invalid(p+".duration", "duration must be from 0 to %d seconds", MaxSceneSeconds)
		}
		if o := sc.Speech; o != nil && (!(o.Speed == 0 || (o.Speed >= 0.5 && o.Speed <= 2)) || o.Pitch < -50 || o.Pitch > 50 || !(o.Volume >= 0 && o.Volume <= 1)) {
			return Invalid(p+".speech", "speech speed must be 0.5-2, pitch -50..50, volume 0-1")
		}
		if sc.Visual.ClipStart < 0 || math.IsNaN(sc.Visual.ClipStart) {
			return Invalid(p+".visual.clip_start", "clip_start must be zero or more")
		}
	}
	if err := s.validateOutputFormat(); err != nil {
		return err
	}
	if b := s.Brand; b != nil {
		for name, c := range map[string]string{"primary": b.Colors.Primary, "secondary": b.Colors.Secondary, "background": b.Colors.Background} {
			if _, ok := ParseHexColor(c); c != "" && !ok {
				return Invalid("brand.colors."+name, "colour %q is not #RRGGBB", c)
			}
		}
	}
	return nil
}

// validateOutputFormat checks OutputFormat, and that a transparent (webm) storyboard is
// what its renderer draws: the presenter alone, in every scene.
func (s *Storyboard) validateOutputFormat() error {
	switch s.OutputFormat {
	case "", OutputMP4:
		return nil
	case OutputWebM:
	default:
		return Invalid("output_format", "output_format must be mp4 or webm (got %q)", Shorten(s.OutputFormat, 40))
	}
	if strings.TrimSpace(s.AvatarID) == "" {
		return Invalid("avatar_id", "a transparent webm video shows the presenter alone: it needs an avatar_id")
	}
	for i, sc := range s.Scenes {
		if sc.Layout != LayoutPresenter {
			return Invalid(fmt.Sprintf("scenes[%d].layout", i), "a transparent webm video shows the presenter alone: every scene must have the presenter layout (got %q)", Shorten(sc.Layout, 40))
		}
		if sc.Visual.Kind != "" && sc.Visual.Kind != VisualNone {
			return Invalid(fmt.Sprintf("scenes[%d].visual.kind", i), "a transparent webm video shows the presenter alone: scenes have no visual (got %q)", Shorten(sc.Visual.Kind, 40))
		}
	}
	return nil
}

// ParseHexColor parses "#RRGGBB" (or "RRGGBB") into its red, green and blue bytes.
func ParseHexColor(s string) ([3]uint8, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	var c [3]uint8
	if len(s) != 6 {
		return c, false
	}
	for i := 0; i < 3; i++ {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return c, false
		}
		c[i] = uint8(v)
	}
	return c, true
}

// Brief is everything a user asked for, normalised: the agent's input.
type Brief struct {
	Prompt      string `json:"prompt"`
	Mode        string `json:"mode"`
	AvatarID    string `json:"avatar_id,omitempty"`
	VoiceID     string `json:"voice_id,omitempty"`
	StyleID     string `json:"style_id,omitempty"`
	Orientation string `json:"orientation,omitempty"`
	DurationSec int    `json:"duration_sec,omitempty"`
	Incognito   bool   `json:"incognito_mode,omitempty"`
	// Files are the request's files. Base64 files are decoded and stored as assets when
	// the request is accepted, so only "url" and "asset_id" entries remain here.
	Files []FileInput `json:"files,omitempty"`
	// BrandKit is the kit named by brand_kit_id as it was when the request was accepted;
	// every storyboard planned for the brief is rendered with it (BrandKit.Apply).
	BrandKit *BrandKit `json:"brand_kit,omitempty"`

	// Materials are the files after ingestion (fetched, sniffed, stored, their text and
	// pages extracted). The pipeline fills them before planning; they are not stored with
	// the session (a rerun ingests again).
	Materials []Material `json:"-"`
	// Memory holds the facts the agent remembers about the account, injected by the
	// pipeline before planning unless Incognito is set.
	Memory []MemoryFact `json:"-"`
}

// FileInput is one entry of a request's files: a URL to fetch or a stored asset.
type FileInput struct {
	Type    string `json:"type"` // "url" | "asset_id"
	URL     string `json:"url,omitempty"`
	AssetID string `json:"asset_id,omitempty"`
}

// Material kinds: what the agent does with an ingested file.
const (
	MaterialDocument = "document" // PDF, text, markdown: content for the script
	MaterialImage    = "image"    // a picture for image visuals
	MaterialVideo    = "video"    // b-roll
	MaterialAudio    = "audio"    // background music or narration
)

// Material is a file of a brief after ingestion, ready for a planner.
type Material struct {
	// Name says which file this is in messages, e.g. "files[0] (https://x/report.pdf)".
	Name     string `json:"name"`
	Kind     string `json:"kind"` // Material*
	AssetID  string `json:"asset_id"`
	MimeType string `json:"mime_type"`
	// Text is a document's text (bounded); empty for other kinds.
	Text string `json:"text,omitempty"`
	// Pages are asset IDs of PNG images to show for this file, in order: a PDF's pages, a
	// video's still frame, or for an image the image itself converted to PNG.
	Pages []string `json:"pages,omitempty"`
}

// Planner writes a storyboard for a brief.
type Planner interface {
	Plan(ctx context.Context, b Brief) (*Storyboard, error)
}
