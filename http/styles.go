package http

import "net/http"

// styleRoutes registers GET /v3/video-agents/styles.
func (s *Server) styleRoutes(mux *http.ServeMux) {}
