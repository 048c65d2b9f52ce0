package http

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/direct"
)

// Chat controls chat-mode sessions beyond the store: stopping a running render.
type Chat interface {
	// Stop asks the session's running render to halt at its next checkpoint; it reports
	// whether one was running.
	Stop(ctx context.Context, sessionID string) (bool, error)
}

// chatRoutes registers the chat endpoints.
func (s *Server) chatRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v3/video-agents/{session_id}", s.sendMessage)
	mux.HandleFunc("POST /v3/video-agents/{session_id}/stop", s.stopSession)
}

type sendRequest struct {
	Message    *string             `json:"message"`
	AvatarID   *string             `json:"avatar_id"`
	VoiceID    *string             `json:"voice_id"`
	BrandKitID *string             `json:"brand_kit_id"`
	Files      []direct.AssetInput `json:"files"`
}

// sendMessage posts a user message to a chat-mode session; the answer comes as a model
// message on the session (a turn job answers messages in order).
func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request) {
	var req sendRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.Message == nil || strings.TrimSpace(*req.Message) == "" {
		s.writeError(w, r, videoagent.Invalid("message", "message is required and must not be empty."))
		return
	}
	if n := utf8.RuneCountInString(*req.Message); n > maxPromptChars {
		s.writeError(w, r, videoagent.Invalid("message", "message must be at most %d characters (got %d).", maxPromptChars, n))
		return
	}
	avatar, voice := videoagent.Deref(req.AvatarID), videoagent.Deref(req.VoiceID)
	if err := s.checkSessionLook(r.Context(), account(r).ID, avatar); err != nil {
		s.writeError(w, r, err)
		return
	}
	if voice != "" {
		if s.Voices == nil {
			s.writeError(w, r, &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: "voice_id", Message: fmt.Sprintf("Voice %s not found.", voice)})
			return
		}
		if _, err := s.Voices.Voice(voice); err != nil {
			s.writeError(w, r, &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: "voice_id", Message: fmt.Sprintf("Voice %s not found.", voice)})
			return
		}
	}
	if len(req.Files) > maxFiles {
		s.writeError(w, r, videoagent.Invalid("files", "files may hold at most %d items.", maxFiles))
		return
	}
	for i, f := range req.Files {
		if err := direct.ValidateAsset(fmt.Sprintf("files[%d]", i), &f); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	se, err := s.Store.Session(r.Context(), account(r).ID, r.PathValue("session_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if se.Mode != videoagent.ModeChat {
		s.writeError(w, r, videoagent.Invalid("session_id", "Session %s is in generate mode; only sessions created with mode \"chat\" take messages. To change the video, create a new session (POST /v3/video-agents) with the revised prompt, or with \"mode\": \"chat\" to revise it in conversation.", se.ID))
		return
	}
	if se.Status == videoagent.SessionGenerating {
		s.writeError(w, r, videoagent.Errorf(videoagent.ECONFLICT,
			"A video is rendering for session %s; send your message when it finishes, or stop it with POST /v3/video-agents/%s/stop.", se.ID, se.ID))
		return
	}
	if err := s.switchBrandKit(r.Context(), se, videoagent.Deref(req.BrandKitID)); err != nil {
		s.writeError(w, r, err)
		return
	}
	m := &videoagent.Message{SessionID: se.ID, Role: videoagent.RoleUser, Type: videoagent.MessageText, Content: *req.Message}
	m.ID = videoagent.NewID()
	err = s.Store.PostMessage(r.Context(), m, func(tx videoagent.Tx) error {
		return s.Queue.EnqueueChatTurn(r.Context(), tx, se.ID, m.ID, avatar, voice)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"session_id": se.ID, "run_id": m.ID, "title": nullString(se.Title)}))
}

// stopSession halts the session's running render at its next checkpoint; partial results
// are kept and the session says what was kept.
func (s *Server) stopSession(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength != 0 {
		// The body is optional ({}); read and ignore it, refusing only what is not JSON.
		raw, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<10))
		if t := strings.TrimSpace(string(raw)); t != "" && !strings.HasPrefix(t, "{") {
			s.writeError(w, r, videoagent.Errorf(videoagent.EINVALID, "The body must be a JSON object or empty."))
			return
		}
	}
	se, err := s.Store.Session(r.Context(), account(r).ID, r.PathValue("session_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.Chat != nil {
		if _, err := s.Chat.Stop(r.Context(), se.ID); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"session_id": se.ID}))
}
