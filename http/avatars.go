package http

import "net/http"

// avatarRoutes registers the avatar endpoints: GET /v3/avatars, GET /v3/avatars/{group_id},
// GET /v3/avatars/looks, GET /v3/avatars/looks/{look_id}.
func (s *Server) avatarRoutes(mux *http.ServeMux) {}
