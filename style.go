package videoagent

// Style is a visual style a video may use (a storyboard's StyleID), as catalogues show it:
// the API's style list, the chat's and the planner's choices. The renderer owns how a style
// looks; this is what the rest of the program knows of it.
type Style struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	Tags []string `json:"tags,omitempty"`
	// Aspects are the aspect ratios the style is designed for, best first.
	Aspects []string `json:"-"`
}

// AspectRatio is the aspect ratio the style is designed for first, "16:9" when it names
// none.
func (s Style) AspectRatio() string {
	if len(s.Aspects) > 0 {
		return s.Aspects[0]
	}
	return "16:9"
}

// StyleCatalog lists the styles videos may use, the default first.
type StyleCatalog interface {
	Styles() []Style
	// Style returns the style with an id; false when there is none.
	Style(id string) (Style, bool)
}
