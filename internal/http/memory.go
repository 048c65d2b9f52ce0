package http

import (
	"net/http"

	videoagent "github.com/openvideoagent/videoagent"
)

// memoryRoutes serves the account's memory: the facts the agent learned from past
// sessions (company and product names, preferred presenter, voice, style, tone,
// language, call-to-action URL) and brings into new ones. These endpoints are our
// extension to the v3 API.
func (s *Server) memoryRoutes(api *http.ServeMux) {
	api.HandleFunc("GET /v3/memory", s.getMemory)
	api.HandleFunc("DELETE /v3/memory", s.deleteMemory)
	api.HandleFunc("DELETE /v3/memory/{key}", s.deleteMemory)
}

func (s *Server) getMemory(w http.ResponseWriter, r *http.Request) {
	facts, err := s.Store.Memory(r.Context(), account(r).ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(facts))
	for _, f := range facts {
		out = append(out, map[string]any{
			"key":        f.Key,
			"value":      f.Value,
			"session_id": nullString(f.SessionID),
			"updated_at": f.UpdatedAt.Unix(),
		})
	}
	// A list in the v3 envelope; memory is small, so it is always one page.
	writeJSON(w, http.StatusOK, list(out, ""))
}

func (s *Server) deleteMemory(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	n, err := s.Store.DeleteMemory(r.Context(), account(r).ID, key)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if key != "" && n == 0 {
		s.writeError(w, r, &videoagent.Error{Code: videoagent.ENOTFOUND, Param: "key", Message: "No memory fact with key " + key + "."})
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"deleted": n}))
}
