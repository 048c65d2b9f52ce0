package videoagent

import (
	"context"
	"fmt"
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
}

// Scene is one shot of the video: what is said and what is shown.
type Scene struct {
	ID         string `json:"id"`
	Layout     string `json:"layout"`
	Narration  string `json:"narration"`
	Visual     Visual `json:"visual"`
	Transition string `json:"transition,omitempty"`
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
}

// Limits a storyboard must respect.
const (
	MaxScenes         = 60
	MaxNarrationChars = 5000
	MaxTitleChars     = 200
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
	}
	return nil
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
}

// Planner writes a storyboard for a brief.
type Planner interface {
	Plan(ctx context.Context, b Brief) (*Storyboard, error)
}
