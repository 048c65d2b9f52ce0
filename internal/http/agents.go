package http

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/direct"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// createSessionRequest is the body of POST /v3/video-agents. Pointers tell absent from empty.
type createSessionRequest struct {
	Prompt          *string             `json:"prompt"`
	Mode            *string             `json:"mode"`
	AvatarID        *string             `json:"avatar_id"`
	VoiceID         *string             `json:"voice_id"`
	StyleID         *string             `json:"style_id"`
	BrandKitID      *string             `json:"brand_kit_id"`
	Orientation     *string             `json:"orientation"`
	Files           []direct.AssetInput `json:"files"`
	CallbackURL     *string             `json:"callback_url"`
	CallbackID      *string             `json:"callback_id"`
	IncognitoMode   *bool               `json:"incognito_mode"`
	DurationSec     *float64            `json:"duration_sec"`
	AutoProceed     *bool               `json:"auto_proceed"`      // ours in chat mode: render the first draft at once (see createSession)
	SkipAgenticStop *bool               `json:"skip_agentic_stop"` // legacy, accepted and ignored
}

const (
	maxPromptChars = 10000
	maxFiles       = 20
	maxIDChars     = 128
)

// validate checks every field and returns the normalised brief.
func (s *Server) validateCreate(req *createSessionRequest) (videoagent.Brief, error) {
	var b videoagent.Brief
	if req.Prompt == nil {
		return b, videoagent.Invalid("prompt", "prompt is required.")
	}
	n := utf8.RuneCountInString(*req.Prompt)
	if n < 1 || strings.TrimSpace(*req.Prompt) == "" {
		return b, videoagent.Invalid("prompt", "prompt must not be empty.")
	}
	if n > maxPromptChars {
		return b, videoagent.Invalid("prompt", "prompt must be at most %d characters (got %d).", maxPromptChars, n)
	}
	if err := checkPromptSentences(*req.Prompt); err != nil {
		return b, err
	}
	b.Prompt = *req.Prompt
	b.Mode = videoagent.ModeGenerate
	if req.Mode != nil {
		switch *req.Mode {
		case videoagent.ModeGenerate:
		case videoagent.ModeChat:
			b.Mode = videoagent.ModeChat
		default:
			return b, videoagent.Invalid("mode", "mode must be one of generate, chat.")
		}
	}
	if req.Orientation != nil {
		switch *req.Orientation {
		case "landscape", "portrait":
			b.Orientation = *req.Orientation
		default:
			return b, videoagent.Invalid("orientation", "orientation must be one of landscape, portrait.")
		}
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"avatar_id", req.AvatarID}, {"voice_id", req.VoiceID}, {"style_id", req.StyleID}, {"brand_kit_id", req.BrandKitID}, {"callback_id", req.CallbackID}} {
		if len(videoagent.Deref(f.v)) > maxIDChars {
			return b, videoagent.Invalid(f.name, "%s must be at most %d characters.", f.name, maxIDChars)
		}
	}
	if id := videoagent.Deref(req.AvatarID); id != "" {
		if !s.lookExists(id) && !videoagent.IsOwnLookID(id) { // own looks: createSession checks the account
			return b, &videoagent.Error{Code: videoagent.EAVATARNOTFOUND, Param: "avatar_id", Message: fmt.Sprintf("Avatar %s not found.", id)}
		}
		b.AvatarID = id
	}
	if id := videoagent.Deref(req.VoiceID); id != "" {
		if s.Voices == nil {
			return b, &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: "voice_id", Message: fmt.Sprintf("Voice %s not found.", id)}
		}
		if _, err := s.Voices.Voice(id); err != nil {
			return b, &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: "voice_id", Message: fmt.Sprintf("Voice %s not found.", id)}
		}
		b.VoiceID = id
	}
	if id := videoagent.Deref(req.StyleID); id != "" {
		if _, ok := s.style(id); !ok {
			return b, videoagent.Invalid("style_id", "Style %s not found; list styles with GET /v3/video-agents/styles.", id)
		}
		b.StyleID = id
	}
	if req.DurationSec != nil {
		d := *req.DurationSec
		if math.IsNaN(d) || d < 5 || d > 1800 {
			return b, videoagent.Invalid("duration_sec", "duration_sec must be from 5 to 1800 seconds.")
		}
		b.DurationSec = int(math.Round(d))
	}
	if req.IncognitoMode != nil {
		b.Incognito = *req.IncognitoMode
	}
	if len(req.Files) > maxFiles {
		return b, videoagent.Invalid("files", "files may hold at most %d items.", maxFiles)
	}
	for i, f := range req.Files {
		if err := direct.ValidateAsset(fmt.Sprintf("files[%d]", i), &f); err != nil {
			return b, err
		}
	}
	if u := videoagent.Deref(req.CallbackURL); u != "" {
		if err := direct.ValidateURL("callback_url", u); err != nil {
			return b, err
		}
	}
	return b, nil
}

func (s *Server) lookExists(id string) bool {
	if s.Presenters == nil {
		return false
	}
	for _, l := range s.Presenters.Looks() {
		if l.ID == id {
			return true
		}
	}
	return false
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	var req createSessionRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	brief, err := s.validateCreate(&req)
	if err == nil {
		err = s.checkReceiver(r.Context(), "callback_url", videoagent.Deref(req.CallbackURL))
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	acct := account(r)
	if err := s.checkSessionLook(r.Context(), acct.ID, brief.AvatarID); err != nil {
		s.writeError(w, r, err)
		return
	}
	if brief.BrandKit, err = s.brandKit(r.Context(), acct.ID, videoagent.Deref(req.BrandKitID), "brand_kit_id"); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.defaultBrandKit(r.Context(), acct.ID, &brief)
	if brief.Files, err = s.briefFiles(r, acct.ID, req.Files); err != nil {
		s.writeError(w, r, err)
		return
	}
	now := time.Now()
	se := &videoagent.Session{
		ID: videoagent.NewID(), AccountID: acct.ID, Mode: brief.Mode, Status: videoagent.SessionThinking,
		Brief: brief, CallbackURL: videoagent.Deref(req.CallbackURL), CallbackID: videoagent.Deref(req.CallbackID), CreatedAt: now,
	}
	prompt := &videoagent.Message{SessionID: se.ID, Role: videoagent.RoleUser, Type: videoagent.MessageText, Content: brief.Prompt, CreatedAt: now}
	// A chat session with auto_proceed (our extension) renders its first draft at once,
	// as generate mode does, instead of waiting for answers: a client that waits on the
	// create response's video_id (HeyGen's CLI: create --mode chat --wait) gets one, and
	// the conversation goes on from the finished video (revisions, follow-ups).
	autoProceed := se.Mode == videoagent.ModeChat && req.AutoProceed != nil && *req.AutoProceed
	if se.Mode == videoagent.ModeGenerate || autoProceed {
		// Generate mode allocates the video at once (clients poll it from the create
		// response), and commits it with its render job.
		v := &videoagent.Video{ID: videoagent.NewID(), AccountID: acct.ID, SessionID: se.ID, Status: videoagent.VideoPending, CreatedAt: now}
		se.VideoID = v.ID
		if err := s.Store.CreateSession(r.Context(), se, v, func(tx videoagent.Tx) error { return s.Queue.EnqueueRender(r.Context(), tx, v.ID) }); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := s.Store.AddMessage(r.Context(), prompt); err != nil {
			s.log.Warn("record prompt message", "session_id", se.ID, "err", err)
		}
	} else {
		// Chat mode has no video until the user approves a storyboard. The prompt is the
		// session's first message and commits with the turn that answers it, so that every
		// answer comes after it (the session view reads a newest message of the user's as
		// a message not answered yet).
		if err := s.Store.CreateSession(r.Context(), se, nil, nil); err != nil {
			s.writeError(w, r, err)
			return
		}
		enqueue := func(tx videoagent.Tx) error { return s.Queue.EnqueueChatTurn(r.Context(), tx, se.ID, "", "", "") }
		if err := s.Store.PostMessage(r.Context(), prompt, enqueue); err != nil {
			s.abandon(se)
			s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"session_id": se.ID,
		"status":     se.Status,
		"video_id":   nullString(se.VideoID),
		"created_at": now.Unix(),
	}))
}

// abandon marks a chat session failed when its first turn could not be queued.
func (s *Server) abandon(se *videoagent.Session) {
	if err := s.Store.UpdateSession(context.Background(), se.ID, videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionFailed)}); err != nil {
		s.log.Warn("abandon session", "session_id", se.ID, "err", err)
	}
}

// maxSessionMessages is how many messages the session view carries, newest first.
const maxSessionMessages = 40

// sessionStatus is the status a session view shows. A chat session whose newest message
// is the user's has not answered it yet: it is thinking, from the moment the message is
// accepted until its answer is posted (a turn posts its answer after the session has its
// new status), unless a video is rendering (the message waits for it).
func sessionStatus(se *videoagent.Session, newest []*videoagent.Message) string {
	if se.Mode == videoagent.ModeChat && se.Status != videoagent.SessionGenerating &&
		len(newest) > 0 && newest[0].Role == videoagent.RoleUser {
		return videoagent.SessionThinking
	}
	return se.Status
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	se, err := s.Store.Session(r.Context(), account(r).ID, r.PathValue("session_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	msgs, err := s.Store.Messages(r.Context(), se.ID, maxSessionMessages)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(msgs))
	for _, m := range msgs {
		ids := m.ResourceIDs
		if ids == nil {
			ids = []string{}
		}
		out = append(out, map[string]any{
			"role": m.Role, "content": m.Content, "type": m.Type, "resource_ids": ids, "created_at": m.CreatedAt.Unix(),
		})
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"session_id": se.ID,
		"status":     sessionStatus(se, msgs),
		"progress":   se.Progress,
		"title":      nullString(se.Title),
		"video_id":   nullString(se.VideoID),
		"created_at": se.CreatedAt.Unix(),
		"messages":   out,
	}))
}

func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 20, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sessions, next, err := s.Store.ListSessions(r.Context(), account(r).ID, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(sessions))
	for _, se := range sessions {
		out = append(out, map[string]any{"session_id": se.ID, "created_at": se.CreatedAt.Unix(), "title": nullString(se.Title)})
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (s *Server) listSessionVideos(w http.ResponseWriter, r *http.Request) {
	acct := account(r)
	se, err := s.Store.Session(r.Context(), acct.ID, r.PathValue("session_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p, err := pageParams(r, 100, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	videos, next, err := s.Store.ListVideos(r.Context(), acct.ID, se.ID, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(videos))
	for _, v := range videos {
		out = append(out, s.videoJSON(v))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (s *Server) getResource(w http.ResponseWriter, r *http.Request) {
	se, err := s.Store.Session(r.Context(), account(r).ID, r.PathValue("session_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	res, err := s.Store.Resource(r.Context(), se.ID, r.PathValue("resource_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var md any
	if len(res.Metadata) > 0 {
		md = res.Metadata
	}
	var thumb *string
	if res.ResourceType == "video" {
		// A video resource shows its video's thumbnail.
		var m struct {
			VideoID string `json:"video_id"`
		}
		if json.Unmarshal(res.Metadata, &m) == nil && m.VideoID != "" {
			if v, err := s.Store.Video(r.Context(), se.AccountID, m.VideoID); err == nil && v.ThumbnailKey != "" {
				thumb = s.fileURL(v.ThumbnailKey)
			}
		}
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"resource_id":   res.ID,
		"resource_type": res.ResourceType,
		"source_type":   nullString(res.SourceType),
		"url":           s.fileURL(res.BlobKey),
		"preview_url":   s.fileURL(res.BlobKey),
		"thumbnail_url": thumb,
		"metadata":      md,
		"created_at":    res.CreatedAt.Unix(),
	}))
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// briefFiles turns the request's files into the brief's: URLs stay URLs (they are fetched
// by the job, so a slow server does not hold the request), asset ids must exist now, and
// base64 data is decoded, sniffed and stored as an asset at once, so that bad data is a
// 400 naming the field.
func (s *Server) briefFiles(r *http.Request, accountID string, files []direct.AssetInput) ([]videoagent.FileInput, error) {
	var out []videoagent.FileInput
	for i, f := range files {
		param := fmt.Sprintf("files[%d]", i)
		switch videoagent.Deref(f.Type) {
		case "url":
			out = append(out, videoagent.FileInput{Type: "url", URL: *f.URL})
		case "asset_id":
			if _, err := s.Store.Asset(r.Context(), accountID, *f.AssetID); err != nil {
				if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
					return nil, videoagent.Invalid(param+".asset_id", "Asset %s not found.", *f.AssetID)
				}
				return nil, err
			}
			out = append(out, videoagent.FileInput{Type: "asset_id", AssetID: *f.AssetID})
		case "base64":
			a, err := s.Files.Resolve(r.Context(), accountID, ingest.Input{Type: "base64", Data: *f.Data,
				MediaType: videoagent.Deref(f.MediaType), Param: param, Field: param + ".data"}, ingest.KindAny)
			if err != nil {
				return nil, err
			}
			out = append(out, videoagent.FileInput{Type: "asset_id", AssetID: a.AssetID})
		}
	}
	return out, nil
}
