package render

import videoagent "github.com/openvideoagent/videoagent"

// StyleCatalog is the catalogue of the built-in styles (videoagent.StyleCatalog).
type StyleCatalog struct{}

var _ videoagent.StyleCatalog = StyleCatalog{}

// Styles lists the built-in styles, the default first.
func (StyleCatalog) Styles() []videoagent.Style {
	all := Styles()
	out := make([]videoagent.Style, len(all))
	for i, s := range all {
		out[i] = s.Summary()
	}
	return out
}

// Style returns the built-in style with an id.
func (StyleCatalog) Style(id string) (videoagent.Style, bool) {
	for _, s := range Styles() {
		if s.ID == id {
			return s.Summary(), true
		}
	}
	return videoagent.Style{}, false
}

// Summary is what the rest of the program knows of the style.
func (s Style) Summary() videoagent.Style {
	return videoagent.Style{ID: s.ID, Name: s.Name, Tags: append([]string(nil), s.Tags...), Aspects: append([]string(nil), s.Aspects...)}
}
