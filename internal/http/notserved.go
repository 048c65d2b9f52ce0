package http

import (
	"net/http"

	videoagent "github.com/openvideoagent/videoagent"
)

// notServed are the v3 operations of the reference that this server does not serve
// (HeyGen's machine learning on arbitrary footage, translation, clipping, cloning...).
// They answer the same "No such endpoint" 404 as any unknown path, rather than a
// misleading "Asset search not found" (GET /v3/assets/search read as an asset id) or a
// 405 from a neighbouring route.
var notServed = []string{
	"POST /v3/ai-clipping",
	"DELETE /v3/ai-clipping/{job_id}",
	"GET /v3/ai-clipping/{job_id}",
	"GET /v3/ai-clipping",
	"GET /v3/assets/batches/{batch_id}",
	"POST /v3/assets/complete/batches",
	"POST /v3/assets/direct-uploads/batches",
	"GET /v3/assets/search",
	"GET /v3/audio/sounds",
	"POST /v3/avatars/{group_id}/consent",
	"POST /v3/background-removals",
	"DELETE /v3/background-removals/{job_id}",
	"GET /v3/background-removals/{job_id}",
	"GET /v3/background-removals",
	"GET /v3/brand-glossaries",
	"POST /v3/lipsyncs/batches",
	"GET /v3/lipsyncs/batches/{batch_id}",
	"POST /v3/lipsyncs",
	"DELETE /v3/lipsyncs/{lipsync_id}",
	"GET /v3/lipsyncs/{lipsync_id}",
	"GET /v3/lipsyncs",
	"GET /v3/lipsyncs/statuses",
	"PATCH /v3/lipsyncs/{lipsync_id}",
	"POST /v3/templates/{template_id}",
	"GET /v3/templates/{template_id}",
	"GET /v3/templates",
	"POST /v3/video-translations/batches",
	"GET /v3/video-translations/batches/{batch_id}",
	"POST /v3/video-translations",
	"DELETE /v3/video-translations/{video_translation_id}",
	"GET /v3/video-translations/{video_translation_id}",
	"GET /v3/video-translations/languages",
	"GET /v3/video-translations",
	"POST /v3/video-translations/proofreads",
	"POST /v3/video-translations/proofreads/{proofread_id}/generate",
	"GET /v3/video-translations/proofreads/{proofread_id}",
	"GET /v3/video-translations/proofreads/{proofread_id}/srt",
	"PUT /v3/video-translations/proofreads/{proofread_id}/srt",
	"GET /v3/video-translations/statuses",
	"PATCH /v3/video-translations/{video_translation_id}",
	"POST /v3/voices/clone",
	"POST /v3/voices",
	"DELETE /v3/voices/{voice_id}",
}

// notServedRoutes registers notServed. The patterns are registered from the list (not
// literal HandleFunc calls), so the OpenAPI route check does not count them as served.
func (s *Server) notServedRoutes(mux *http.ServeMux) {
	for _, p := range notServed {
		mux.HandleFunc(p, s.noEndpoint)
	}
}

// noEndpoint answers the generic 404 for a path no operation serves.
func (s *Server) noEndpoint(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, r, videoagent.Errorf(videoagent.ENOTFOUND, "No such endpoint: %s %s.", r.Method, r.URL.Path))
}
