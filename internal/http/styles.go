package http

import (
	"net/http"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

// styleRoutes registers GET /v3/video-agents/styles.
func (s *Server) styleRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v3/video-agents/styles", s.listStyles)
}

// style returns the style with an id from the server's catalogue.
func (s *Server) style(id string) (videoagent.Style, bool) {
	if s.Styles == nil {
		return videoagent.Style{}, false
	}
	return s.Styles.Style(id)
}

// listStyles lists the styles, with their previews (made on first request, shared between
// requests; a list waits a bounded time and shows null URLs for those still rendering).
func (s *Server) listStyles(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 20, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	tag := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("tag")))
	var styles []videoagent.Style
	if s.Styles != nil {
		for _, st := range s.Styles.Styles() {
			if tag == "" || hasTag(st.Tags, tag) {
				styles = append(styles, st)
			}
		}
	}
	from, to, next, err := page(p, len(styles), "st")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	styles = styles[from:to]
	thumbs, clips := s.Previews.StylePreviews(r.Context(), styles)
	out := make([]map[string]any, 0, len(styles))
	for i, st := range styles {
		out = append(out, map[string]any{
			"style_id":          st.ID,
			"name":              st.Name,
			"thumbnail_url":     s.fileURL(thumbs[i]),
			"preview_video_url": s.fileURL(clips[i]),
			"tags":              append([]string{}, st.Tags...),
			"aspect_ratio":      st.AspectRatio(),
		})
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func hasTag(tags []string, t string) bool {
	for _, x := range tags {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}
