package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
)

// Looks an account designs: POST /v3/avatars (type "prompt": drawn from a description),
// PATCH and DELETE /v3/avatars/looks/{look_id}, DELETE /v3/avatars/{group_id}. Each own
// look is its own group (its id is the group's id). They are the account's alone: another
// account's look is avatar_not_found, and catalogue looks cannot be changed.

// lookDesigner is what presenters offer when they can draw looks designed by users
// (avatar.Cast does).
type lookDesigner interface {
	SetSource(avatar.LookSource)
	Forget(id string)
	FindLook(ctx context.Context, id string) (videoagent.Look, error)
}

const (
	maxLookName        = 100
	maxLookDescription = 2000
)

// ownLookRoutes registers the own-look endpoints and points the presenters at the store
// for the looks they do not know.
func (s *Server) ownLookRoutes(mux *http.ServeMux, a *avatarAPI) {
	if d, ok := s.Presenters.(lookDesigner); ok {
		d.SetSource(func(ctx context.Context, id string) (videoagent.Look, avatar.LookParams, bool, error) {
			var p avatar.LookParams
			if !videoagent.IsOwnLookID(id) {
				return videoagent.Look{}, p, false, nil
			}
			l, err := s.Store.OwnLookByID(ctx, id)
			if videoagent.ErrorCode(err) == videoagent.EAVATARNOTFOUND {
				return videoagent.Look{}, p, false, nil
			}
			if err != nil {
				return videoagent.Look{}, p, false, err
			}
			if l.Kind != videoagent.OwnLookPrompt {
				return videoagent.Look{}, p, false, nil
			}
			if err := json.Unmarshal(l.Params, &p); err != nil {
				return videoagent.Look{}, p, false, err
			}
			return ownLookAsLook(l), p, true, nil
		})
	}
	mux.HandleFunc("POST /v3/avatars", a.createOwnLook)
	mux.HandleFunc("PATCH /v3/avatars/looks/{look_id}", a.updateOwnLook)
	mux.HandleFunc("DELETE /v3/avatars/looks/{look_id}", a.deleteOwnLook)
	mux.HandleFunc("DELETE /v3/avatars/{group_id}", a.deleteOwnLook)
}

func ownLookAsLook(l *videoagent.OwnLook) videoagent.Look {
	tags := append([]string{"own", l.Gender}, l.Tags...)
	return videoagent.Look{ID: l.ID, Name: l.Name, GroupID: l.ID, Gender: l.Gender, DefaultVoiceID: l.DefaultVoiceID, Tags: tags}
}

// ownLook returns the account's look id, or avatar_not_found naming param.
func (s *Server) ownLook(ctx context.Context, accountID, id, param string) (*videoagent.OwnLook, error) {
	l, err := s.Store.OwnLook(ctx, accountID, id)
	if videoagent.ErrorCode(err) == videoagent.EAVATARNOTFOUND {
		return nil, &videoagent.Error{Code: videoagent.EAVATARNOTFOUND, Param: param, Message: fmt.Sprintf("Avatar %s not found.", videoagent.Shorten(id, 64))}
	}
	return l, err
}

// checkSessionLook refuses, for a Video Agent session or chat message, a look the account
// does not have (404) or a photo presenter (400: sessions need a drawn presenter).
func (s *Server) checkSessionLook(ctx context.Context, accountID, id string) error {
	if id == "" || s.lookExists(id) {
		return nil
	}
	if !videoagent.IsOwnLookID(id) {
		return &videoagent.Error{Code: videoagent.EAVATARNOTFOUND, Param: "avatar_id", Message: fmt.Sprintf("Avatar %s not found.", videoagent.Shorten(id, 64))}
	}
	l, err := s.ownLook(ctx, accountID, id, "avatar_id")
	if err != nil {
		return err
	}
	return refusePhotoInSession(l)
}

type ownLookRequest struct {
	photoLookRequest
	Type        *string `json:"type"`
	Prompt      *string `json:"prompt"`
	Description *string `json:"description"` // accepted for prompt
}

// lookReadTimeout bounds the language model's reading of a description.
const lookReadTimeout = 60 * time.Second

// read applies a description to l: the language model reads it into every parameter of a
// look when one is configured (Server.ReadLook), else (or when the model fails or answers
// with parameters that cannot be drawn) the offline parser; what could not be placed is
// kept to tell the user. It returns the reading and who read it ("model" or "offline",
// with why the model's reading was not used).
func (a *avatarAPI) read(ctx context.Context, l *videoagent.OwnLook, text string, gender string) (avatar.Reading, string, error) {
	rd := avatar.Describe(text)
	reader := "offline"
	if a.s.ReadLook != nil {
		rctx, cancel := context.WithTimeout(ctx, lookReadTimeout)
		params, unplaced, tags, err := a.s.ReadLook(rctx, text)
		cancel()
		p := rd.Params
		if err == nil {
			err = json.Unmarshal(params, &p)
		}
		if err == nil {
			err = p.Validate()
		}
		if err == nil {
			rd = avatar.Reading{Params: p, Unplaced: unplaced, Tags: tags}
			reader = "model"
		} else {
			a.s.log.Warn("language model reading of a presenter description", "err", err)
			reader = "offline (the language model's reading could not be used: " + videoagent.Shorten(videoagent.ErrorMessage(err), 200) + ")"
		}
	}
	if gender != "" {
		if gender != "female" && gender != "male" {
			return rd, reader, videoagent.Invalid("gender", "gender must be female or male.")
		}
		rd.Params.Gender = gender
	}
	if err := rd.Params.Validate(); err != nil {
		return rd, reader, err
	}
	raw, _ := json.Marshal(rd.Params)
	l.Description, l.Params, l.Unplaced, l.Tags, l.Gender = text, raw, rd.Unplaced, rd.Tags, rd.Params.Gender
	return rd, reader, nil
}

func (req *ownLookRequest) text() (string, bool) {
	p := req.Prompt
	if p == nil {
		p = req.Description
	}
	if p == nil {
		return "", false
	}
	return strings.TrimSpace(*p), true
}

func (a *avatarAPI) createOwnLook(w http.ResponseWriter, r *http.Request) {
	s := a.s
	var req ownLookRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	switch videoagent.Deref(req.Type) {
	case videoagent.OwnLookPrompt:
	case videoagent.OwnLookPhoto:
		a.createPhotoLook(w, r, req.photoLookRequest)
		return
	case "":
		s.writeError(w, r, videoagent.Invalid("type", "type is required: \"prompt\" (a look drawn from a description) or \"photo\" (an uploaded photo, framed with pan and zoom, no lip sync)."))
		return
	default:
		s.writeError(w, r, videoagent.Invalid("type", "type must be \"prompt\" or \"photo\" (got %q).", videoagent.Shorten(videoagent.Deref(req.Type), 40)))
		return
	}
	if _, ok := s.Presenters.(lookDesigner); !ok {
		s.writeError(w, r, videoagent.Invalid("type", "This server's presenters cannot draw new looks."))
		return
	}
	text, ok := req.text()
	if !ok || text == "" {
		s.writeError(w, r, videoagent.Invalid("prompt", "prompt is required: describe the presenter, e.g. \"a woman in her fifties with short grey hair, glasses and a green blazer\"."))
		return
	}
	if utf8.RuneCountInString(text) > maxLookDescription {
		s.writeError(w, r, videoagent.Invalid("prompt", "prompt must be at most %d characters.", maxLookDescription))
		return
	}
	name, err := lookName(req.Name, "My presenter")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	l := &videoagent.OwnLook{ID: videoagent.OwnLookPrefix + videoagent.NewID(), AccountID: account(r).ID, Name: name, Kind: videoagent.OwnLookPrompt}
	rd, reader, err := a.read(r.Context(), l, text, videoagent.Deref(req.Gender))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if l.DefaultVoiceID, err = a.voiceFor(videoagent.Deref(req.VoiceID), l.Gender); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Store.CreateOwnLook(r.Context(), l); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(a.ownLookJSON(r.Context(), l, &rd, reader)))
}

// voiceFor is the voice id asked for (which must exist), or a default voice of gender.
func (a *avatarAPI) voiceFor(id, gender string) (string, error) {
	if a.s.Voices == nil {
		return "", nil
	}
	if id != "" {
		if _, err := a.s.Voices.Voice(id); err != nil {
			return "", &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: "voice_id", Message: fmt.Sprintf("Voice %s not found.", videoagent.Shorten(id, 64))}
		}
		return id, nil
	}
	if v, ok := a.s.Voices.DefaultVoice("en", gender); ok {
		return v.ID, nil
	}
	return "", nil
}

// ownLookJSON is the look resource (as GET /v3/avatars/looks/{id} shows it) with what was
// made of its description: the parameters drawn, the words that set them, the words that
// set nothing. The preview picture is drawn while the request waits; the clip is queued.
func (a *avatarAPI) ownLookJSON(ctx context.Context, l *videoagent.OwnLook, rd *avatar.Reading, reader string) map[string]any {
	if l.Kind == videoagent.OwnLookPhoto {
		return a.photoLookJSON(ctx, l)
	}
	look := ownLookAsLook(l)
	img := a.s.Previews.LookImages(ctx, []videoagent.Look{look})[0]
	m := a.lookJSON(look, img, a.s.Previews.LookClipIfReady(look))
	m["avatar_id"] = l.ID
	m["look_id"] = l.ID
	m["type"] = l.Kind
	m["ownership"] = "private"
	m["description"] = l.Description
	var params map[string]any
	json.Unmarshal(l.Params, &params)
	m["parameters"] = params
	unplaced := l.Unplaced
	if unplaced == nil {
		unplaced = []string{}
	}
	m["unplaced_words"] = unplaced
	m["lip_sync"] = true
	if rd != nil {
		m["reader"] = reader
		if rd.Placed != nil {
			m["placed"] = rd.Placed
		}
	}
	return m
}

func (a *avatarAPI) updateOwnLook(w http.ResponseWriter, r *http.Request) {
	s := a.s
	id := r.PathValue("look_id")
	var req ownLookRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.lookExists(id) {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "Look %s is in the shared catalogue and cannot be changed; design your own with POST /v3/avatars.", id))
		return
	}
	l, err := s.ownLook(r.Context(), account(r).ID, id, "look_id")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.Name != nil {
		name := strings.TrimSpace(*req.Name)
		if name == "" || utf8.RuneCountInString(name) > maxLookName {
			s.writeError(w, r, videoagent.Invalid("name", "name must be 1 to %d characters.", maxLookName))
			return
		}
		l.Name = name
	}
	var rd *avatar.Reading
	reader := ""
	if text, ok := req.text(); ok && l.Kind == videoagent.OwnLookPhoto {
		s.writeError(w, r, videoagent.Invalid("prompt", "%s is a photo presenter: it has no description to change.", l.ID))
		return
	} else if ok {
		if text == "" || utf8.RuneCountInString(text) > maxLookDescription {
			s.writeError(w, r, videoagent.Invalid("prompt", "prompt must be 1 to %d characters.", maxLookDescription))
			return
		}
		got, who, err := a.read(r.Context(), l, text, videoagent.Deref(req.Gender))
		reader = who
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		rd = &got
	}
	if req.VoiceID != nil {
		if l.DefaultVoiceID, err = a.voiceFor(*req.VoiceID, l.Gender); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if err := s.Store.UpdateOwnLook(r.Context(), l); err != nil {
		s.writeError(w, r, err)
		return
	}
	a.forget(r.Context(), l.ID)
	writeJSON(w, http.StatusOK, data(a.ownLookJSON(r.Context(), l, rd, reader)))
}

// forget drops a changed or deleted look's sprites and previews.
func (a *avatarAPI) forget(ctx context.Context, id string) {
	if d, ok := a.s.Presenters.(lookDesigner); ok {
		d.Forget(id)
	}
	a.s.Previews.ForgetLook(ctx, id)
}

func (a *avatarAPI) deleteOwnLook(w http.ResponseWriter, r *http.Request) {
	s := a.s
	id, param := r.PathValue("look_id"), "look_id"
	if id == "" {
		id, param = r.PathValue("group_id"), "group_id"
	}
	if s.lookExists(id) || a.isGroup(id) {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "%s is in the shared catalogue and cannot be deleted; only looks you designed can.", id))
		return
	}
	if _, err := s.ownLook(r.Context(), account(r).ID, id, param); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Store.DeleteOwnLook(r.Context(), account(r).ID, id); err != nil {
		s.writeError(w, r, err)
		return
	}
	a.forget(r.Context(), id)
	writeJSON(w, http.StatusOK, data(map[string]any{"id": id, "deleted": true}))
}

func (a *avatarAPI) isGroup(id string) bool {
	for _, g := range a.groups() {
		if g.id == id {
			return true
		}
	}
	return false
}

// listOwnLooks answers the private lists (ownership=private): the looks the account
// designed, newest first, as looks or (groups) as avatar groups, each own look being its
// own group. typ and group filter looks by avatar_type and group_id.
func (a *avatarAPI) listOwnLooks(w http.ResponseWriter, r *http.Request, p videoagent.Page, typ, group string, groups bool) {
	s := a.s
	all, err := s.Store.ListOwnLooks(r.Context(), account(r).ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var looks []*videoagent.OwnLook
	for _, l := range all {
		t := avatarTypeStudio
		if l.Kind == videoagent.OwnLookPhoto {
			t = "photo_avatar"
		}
		if (typ == "" || typ == t) && (group == "" || group == l.ID) {
			looks = append(looks, l)
		}
	}
	kind := "l"
	if groups {
		kind = "g"
	}
	from, to, next, err := page(p, len(looks), kind)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, to-from)
	for _, l := range looks[from:to] {
		m := a.ownLookJSON(r.Context(), l, nil, "")
		if groups {
			m = map[string]any{"id": l.ID, "name": l.Name, "created_at": l.CreatedAt.Unix(), "looks_count": 1,
				"gender": nullString(l.Gender), "default_voice_id": nullString(l.DefaultVoiceID),
				"preview_image_url": m["preview_image_url"], "preview_video_url": m["preview_video_url"],
				"status": "completed", "consent_status": nil, "error": nil}
		}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

// lookName is the name a request gives a look it creates, trimmed; dflt when it gives none.
func lookName(name *string, dflt string) (string, error) {
	n := strings.TrimSpace(videoagent.Deref(name))
	if n == "" {
		return dflt, nil
	}
	if utf8.RuneCountInString(n) > maxLookName {
		return "", videoagent.Invalid("name", "name must be at most %d characters.", maxLookName)
	}
	return n, nil
}
