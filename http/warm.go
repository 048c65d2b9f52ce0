package http

import (
	"context"
	"time"

	"github.com/openvideoagent/videoagent/render"
)

// warmPreviews renders the previews of every style and look in the background, one style
// at a time, so that the catalogues show them from the first call after start rather than
// null while they render. Previews already stored are not rendered again.
func (s *Server) warmPreviews(styles *styleAPI, avatars *avatarAPI) {
	ctx := context.Background()
	if s.Presenters != nil && avatars != nil {
		looks := s.Presenters.Looks()
		avatars.images(ctx, looks)
		for _, l := range looks {
			avatars.clipIfReady(l) // queued: one clip renders at a time
		}
	}
	if styles == nil || s.Renderer == nil || s.Blobs == nil {
		return
	}
	start := time.Now()
	for _, st := range render.Styles() {
		wctx, cancel := context.WithTimeout(ctx, stylePreviewTimeout)
		if err := styles.ensure(wctx, st); err != nil {
			s.log.Warn("warm style preview", "style_id", st.ID, "err", err)
		}
		cancel()
	}
	s.log.Info("previews warmed", "styles", len(render.Styles()), "elapsed", time.Since(start).Round(time.Second))
}
