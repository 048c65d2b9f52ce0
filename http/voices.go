package http

import "net/http"

// voiceRoutes registers the voice endpoints: GET /v3/voices, GET /v3/voices/{voice_id},
// POST /v3/voices/speech.
func (s *Server) voiceRoutes(mux *http.ServeMux) {}
