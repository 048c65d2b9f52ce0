package http

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

// Avatars are the presenter cast: a group is a person, a look one of their outfits (the look
// id is the `avatar_id` of video requests). Every look has a preview image and a preview
// video (made by Server.Previews). A request for one look (GET /v3/avatars/looks/{id}, GET
// /v3/avatars/{group_id}) waits for its clip, while lists answer at once, with
// preview_video_url null for clips not rendered yet, and have those rendered in the
// background, so that lists stay fast and the render workers keep the CPU.

const (
	// avatarsCreatedAt is when the built-in cast was published (2025-12-01 UTC): the
	// created_at of every group.
	avatarsCreatedAt = 1764547200
	// avatarTypeStudio is the avatar_type of every look: designed, built-in presenters.
	avatarTypeStudio = "studio_avatar"
)

var avatarTypes = []string{"studio_avatar", "digital_twin", "photo_avatar"}

// avatarGroup is a group of looks, in cast order.
type avatarGroup struct {
	id, name string
	looks    []videoagent.Look
}

// avatarAPI serves the avatar endpoints.
type avatarAPI struct {
	s *Server
}

// avatarRoutes registers the avatar endpoints: GET /v3/avatars, GET /v3/avatars/{group_id},
// GET /v3/avatars/looks, GET /v3/avatars/looks/{look_id}.
func (s *Server) avatarRoutes(mux *http.ServeMux) {
	a := &avatarAPI{s: s}
	mux.HandleFunc("GET /v3/avatars", a.listGroups)
	mux.HandleFunc("GET /v3/avatars/{group_id}", a.getGroup)
	mux.HandleFunc("GET /v3/avatars/looks", a.listLooks)
	mux.HandleFunc("GET /v3/avatars/looks/{look_id}", a.getLook)
	s.ownLookRoutes(mux, a)
}

// groups returns the cast grouped by person, in cast order.
func (a *avatarAPI) groups() []avatarGroup {
	if a.s.Presenters == nil {
		return nil
	}
	var out []avatarGroup
	at := map[string]int{}
	for _, l := range a.s.Presenters.Looks() {
		i, ok := at[l.GroupID]
		if !ok {
			i = len(out)
			at[l.GroupID] = i
			out = append(out, avatarGroup{id: l.GroupID, name: videoagent.LookGroupName(a.s.Presenters, l)})
		}
		out[i].looks = append(out[i].looks, l)
	}
	return out
}

func (a *avatarAPI) look(id string) (videoagent.Look, avatarGroup, bool) {
	for _, g := range a.groups() {
		for _, l := range g.looks {
			if l.ID == id {
				return l, g, true
			}
		}
	}
	return videoagent.Look{}, avatarGroup{}, false
}

func avatarNotFound(what, id string) error {
	if len(id) > 64 {
		id = id[:64] + "..."
	}
	return videoagent.Errorf(videoagent.EAVATARNOTFOUND, "%s %q not found; list avatars with GET /v3/avatars.", what, id)
}

// ownershipParam validates `ownership`; the built-in cast is all public.
func ownershipParam(r *http.Request) (public bool, err error) {
	switch o := r.URL.Query().Get("ownership"); o {
	case "", "public":
		return true, nil
	case "private":
		return false, nil
	default:
		return false, videoagent.Invalid("ownership", "ownership must be one of public, private.")
	}
}

// catalogueParams reads the paging and ownership parameters of the avatar lists.
func catalogueParams(r *http.Request) (p videoagent.Page, public bool, err error) {
	if p, err = pageParams(r, 20, 50); err != nil {
		return p, false, err
	}
	public, err = ownershipParam(r)
	return p, public, err
}

// page cuts a list of n items by an offset token. Tokens are opaque to clients; kind keeps
// one list's tokens from being used on another.
func page(p videoagent.Page, n int, kind string) (from, to int, next string, err error) {
	if p.Token != "" {
		raw, derr := base64.RawURLEncoding.DecodeString(p.Token)
		k, off, ok := strings.Cut(string(raw), ":")
		o, aerr := strconv.Atoi(off)
		if derr != nil || !ok || k != kind || aerr != nil || o < 0 {
			return 0, 0, "", videoagent.Invalid("token", "token is not a valid page token; pass back the next_token of the previous page.")
		}
		from = o
	}
	from = min(from, n)
	to = min(from+p.Limit, n)
	if to < n {
		next = base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + strconv.Itoa(to)))
	}
	return from, to, next, nil
}

func (a *avatarAPI) listGroups(w http.ResponseWriter, r *http.Request) {
	p, public, err := catalogueParams(r)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	if !public {
		a.listOwnLooks(w, r, p, "", "", true)
		return
	}
	var gs []avatarGroup
	if public {
		gs = a.groups()
	}
	from, to, next, err := page(p, len(gs), "g")
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	gs = gs[from:to]
	main := make([]videoagent.Look, len(gs))
	for i, g := range gs {
		main[i] = g.looks[0]
	}
	imgs := a.s.Previews.LookImages(r.Context(), main)
	out := make([]map[string]any, 0, len(gs))
	for i, g := range gs {
		out = append(out, a.groupJSON(g, imgs[i], a.s.Previews.LookClipIfReady(g.looks[0])))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (a *avatarAPI) getGroup(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("group_id")
	for _, g := range a.groups() {
		if g.id != id {
			continue
		}
		img := a.s.Previews.LookImages(r.Context(), g.looks[:1])[0]
		writeJSON(w, http.StatusOK, data(a.groupJSON(g, img, a.s.Previews.LookClip(r.Context(), g.looks[0]))))
		return
	}
	a.s.writeError(w, r, avatarNotFound("Avatar group", id))
}

func (a *avatarAPI) listLooks(w http.ResponseWriter, r *http.Request) {
	p, public, err := catalogueParams(r)
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	typ := q.Get("avatar_type")
	if typ != "" && !contains(avatarTypes, typ) {
		a.s.writeError(w, r, videoagent.Invalid("avatar_type", "avatar_type must be one of %s.", strings.Join(avatarTypes, ", ")))
		return
	}
	group := q.Get("group_id")
	if !public {
		a.listOwnLooks(w, r, p, typ, group, false)
		return
	}
	var looks []videoagent.Look
	if public && (typ == "" || typ == avatarTypeStudio) {
		for _, g := range a.groups() {
			if group == "" || g.id == group {
				looks = append(looks, g.looks...)
			}
		}
	}
	from, to, next, err := page(p, len(looks), "l")
	if err != nil {
		a.s.writeError(w, r, err)
		return
	}
	looks = looks[from:to]
	imgs := a.s.Previews.LookImages(r.Context(), looks)
	out := make([]map[string]any, 0, len(looks))
	for i, l := range looks {
		out = append(out, a.lookJSON(l, imgs[i], a.s.Previews.LookClipIfReady(l)))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (a *avatarAPI) getLook(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("look_id")
	l, _, ok := a.look(id)
	if !ok && videoagent.IsOwnLookID(id) {
		if own, err := a.s.Store.OwnLook(r.Context(), account(r).ID, id); err == nil {
			writeJSON(w, http.StatusOK, data(a.ownLookJSON(r.Context(), own, nil, "")))
			return
		}
	}
	if !ok {
		a.s.writeError(w, r, avatarNotFound("Avatar look", id))
		return
	}
	img := a.s.Previews.LookImages(r.Context(), []videoagent.Look{l})[0]
	writeJSON(w, http.StatusOK, data(a.lookJSON(l, img, a.s.Previews.LookClip(r.Context(), l))))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// groupJSON is the v3 avatar group resource.
func (a *avatarAPI) groupJSON(g avatarGroup, img, clip string) map[string]any {
	main := g.looks[0]
	return map[string]any{
		"id":                g.id,
		"name":              g.name,
		"created_at":        avatarsCreatedAt,
		"looks_count":       len(g.looks),
		"gender":            nullString(main.Gender),
		"default_voice_id":  nullString(main.DefaultVoiceID),
		"preview_image_url": a.s.fileURL(img),
		"preview_video_url": a.s.fileURL(clip),
		"status":            "completed",
		"consent_status":    nil,
		"error":             nil,
	}
}

// supportedEngines are the engine types (POST /v3/videos, engine.type) every look renders
// with: all of them draw the same presenter.
var supportedEngines = []string{"avatar_iii", "avatar_iv", "avatar_v"}

// lookJSON is the v3 avatar look resource.
func (a *avatarAPI) lookJSON(l videoagent.Look, img, clip string) map[string]any {
	tags := l.Tags
	if tags == nil {
		tags = []string{}
	}
	m := map[string]any{
		"id":                    l.ID,
		"name":                  l.Name,
		"group_id":              nullString(l.GroupID),
		"avatar_type":           avatarTypeStudio,
		"gender":                nullString(l.Gender),
		"default_voice_id":      nullString(l.DefaultVoiceID),
		"preview_image_url":     a.s.fileURL(img),
		"preview_video_url":     a.s.fileURL(clip),
		"image_width":           nil,
		"image_height":          nil,
		"preferred_orientation": "landscape",
		"tags":                  tags,
		"supported_api_engines": supportedEngines,
		"status":                "completed",
		"error":                 nil,
	}
	if img != "" {
		m["image_width"], m["image_height"] = a.s.Previews.LookImageSize()
	}
	return m
}
