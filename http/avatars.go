package http

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Avatars are the presenter cast: a group is a person, a look one of their outfits (the look
// id is the `avatar_id` of video requests). Every look has a preview image (a PNG of the
// look at rest, transparent background) and a preview video (a few seconds of the look
// introducing itself, narrated by its default voice and rendered by the real renderer).
// Both are rendered on first need, stored in the blob store under previews/avatars/ and
// served through signed file URLs.
//
// Preview images are cheap (tens of milliseconds) and are rendered while the request
// waits. Preview videos take a second or two: a request for one look (GET
// /v3/avatars/looks/{id}, GET /v3/avatars/{group_id}) waits for its clip, while lists answer
// at once, with preview_video_url null for clips not rendered yet, and render those in the
// background, one at a time, so that lists stay fast and the render workers keep the CPU.
// Concurrent requests for the same preview share one rendering.

// Preview geometry and content.
const (
	previewVersion     = "2" // bump to re-render every stored preview (with avatar.Version)
	previewImageWidth  = 512
	previewImageHeight = 768
	previewClipAspect  = "16:9"
	previewClipRes     = "720p"
	previewClipFPS     = 30
	// avatarsCreatedAt is when the built-in cast was published (2025-12-01 UTC): the
	// created_at of every group.
	avatarsCreatedAt = 1764547200
	// avatarTypeStudio is the avatar_type of every look: designed, built-in presenters.
	avatarTypeStudio = "studio_avatar"
	// previewClipTimeout bounds one clip rendering (synthesis, render, store).
	previewClipTimeout = 2 * time.Minute
	// previewWait is how long a request for one look waits for its clip before answering
	// with preview_video_url null (the rendering goes on).
	previewWait = 30 * time.Second
	// previewRetry is how long a failed preview is not tried again.
	previewRetry = time.Minute
)

var avatarTypes = []string{"studio_avatar", "digital_twin", "photo_avatar"}

// groupNamer is implemented by presenter casts that know their groups' names
// (avatar.Cast). Without it a group is named after its first look, up to " (".
type groupNamer interface {
	GroupName(groupID string) (string, bool)
}

// avatarGroup is a group of looks, in cast order.
type avatarGroup struct {
	id, name string
	looks    []videoagent.Look
}

// avatarAPI serves the avatar endpoints and owns the preview cache.
type avatarAPI struct {
	s *Server

	mu     sync.Mutex
	ready  map[string]bool         // blob keys known to exist
	flight map[string]*previewCall // renderings in progress, by blob key
	queued map[string]bool         // clips waiting for a background rendering
	failed map[string]time.Time    // when a rendering last failed, by blob key
	clips  chan struct{}           // one background clip rendering at a time
}

// previewCall is one rendering of a preview that concurrent requests share.
type previewCall struct {
	done chan struct{}
	err  error
}

// avatarRoutes registers the avatar endpoints: GET /v3/avatars, GET /v3/avatars/{group_id},
// GET /v3/avatars/looks, GET /v3/avatars/looks/{look_id}.
func (s *Server) avatarRoutes(mux *http.ServeMux) {
	a := &avatarAPI{s: s, ready: map[string]bool{}, flight: map[string]*previewCall{}, queued: map[string]bool{},
		failed: map[string]time.Time{}, clips: make(chan struct{}, 1)}
	mux.HandleFunc("GET /v3/avatars", a.listGroups)
	mux.HandleFunc("GET /v3/avatars/{group_id}", a.getGroup)
	mux.HandleFunc("GET /v3/avatars/looks", a.listLooks)
	mux.HandleFunc("GET /v3/avatars/looks/{look_id}", a.getLook)
	s.ownLookRoutes(mux, a)
	s.avatars = a
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
			out = append(out, avatarGroup{id: l.GroupID, name: a.groupName(l)})
		}
		out[i].looks = append(out[i].looks, l)
	}
	return out
}

func (a *avatarAPI) groupName(l videoagent.Look) string {
	if gn, ok := a.s.Presenters.(groupNamer); ok {
		if n, ok := gn.GroupName(l.GroupID); ok {
			return n
		}
	}
	if i := strings.Index(l.Name, " ("); i > 0 {
		return l.Name[:i]
	}
	return l.Name
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
	imgs := a.images(r.Context(), main)
	out := make([]map[string]any, 0, len(gs))
	for i, g := range gs {
		out = append(out, a.groupJSON(g, imgs[i], a.clipIfReady(g.looks[0])))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (a *avatarAPI) getGroup(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("group_id")
	for _, g := range a.groups() {
		if g.id != id {
			continue
		}
		img := a.images(r.Context(), g.looks[:1])[0]
		writeJSON(w, http.StatusOK, data(a.groupJSON(g, img, a.clip(r.Context(), g.looks[0]))))
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
	imgs := a.images(r.Context(), looks)
	out := make([]map[string]any, 0, len(looks))
	for i, l := range looks {
		out = append(out, a.lookJSON(l, imgs[i], a.clipIfReady(l)))
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
	img := a.images(r.Context(), []videoagent.Look{l})[0]
	writeJSON(w, http.StatusOK, data(a.lookJSON(l, img, a.clip(r.Context(), l))))
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
		m["image_width"], m["image_height"] = previewImageWidth, previewImageHeight
	}
	return m
}

func imageKey(lookID string) string {
	return "previews/avatars/" + previewVersion + "/" + lookID + ".png"
}

func clipKey(lookID string) string {
	return "previews/avatars/" + previewVersion + "/" + lookID + ".mp4"
}

// images returns the preview image keys of looks ("" where one could not be made),
// rendering the missing ones in parallel while the request waits.
func (a *avatarAPI) images(ctx context.Context, looks []videoagent.Look) []string {
	keys := make([]string, len(looks))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, l := range looks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			k := imageKey(l.ID)
			if err := a.ensure(ctx, k, func(ctx context.Context) error { return a.renderImage(ctx, l, k) }); err != nil {
				if ctx.Err() == nil {
					a.s.log.Warn("avatar preview image", "look_id", l.ID, "err", err)
				}
				return
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	return keys
}

// clip returns the preview clip key of a look, rendering it while the request waits if it
// does not exist yet; "" if it cannot be made (or the request gave up waiting).
func (a *avatarAPI) clip(ctx context.Context, l videoagent.Look) string {
	if !a.canRenderClips() {
		return ""
	}
	k := clipKey(l.ID)
	ctx, cancel := context.WithTimeout(ctx, previewWait)
	defer cancel()
	if err := a.ensure(ctx, k, func(ctx context.Context) error { return a.renderClip(ctx, l, k) }); err != nil {
		if ctx.Err() == nil {
			a.s.log.Warn("avatar preview video", "look_id", l.ID, "err", err)
		}
		return ""
	}
	return k
}

// clipIfReady returns the clip key of a look if it exists; otherwise it queues the clip's
// rendering in the background and returns "".
func (a *avatarAPI) clipIfReady(l videoagent.Look) string {
	if !a.canRenderClips() {
		return ""
	}
	k := clipKey(l.ID)
	a.mu.Lock()
	ready, busy := a.ready[k], a.flight[k] != nil || a.queued[k]
	a.mu.Unlock()
	if ready {
		return k
	}
	if busy {
		return ""
	}
	if a.exists(context.Background(), k) {
		return k
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.queued[k] || a.flight[k] != nil || time.Since(a.failed[k]) < previewRetry {
		return ""
	}
	a.queued[k] = true
	go func() {
		// one background clip at a time: lists must not flood the CPU
		a.clips <- struct{}{}
		defer func() { <-a.clips }()
		ctx, cancel := context.WithTimeout(context.Background(), previewClipTimeout)
		defer cancel()
		a.clip(ctx, l)
		a.mu.Lock()
		delete(a.queued, k)
		a.mu.Unlock()
	}()
	return ""
}

func (a *avatarAPI) canRenderClips() bool {
	return a.s.Renderer != nil && a.s.Synth != nil && a.s.Voices != nil && a.s.Blobs != nil
}

// exists reports whether a blob is stored, remembering the keys that are.
func (a *avatarAPI) exists(ctx context.Context, key string) bool {
	if a.s.Blobs == nil {
		return false
	}
	b, err := a.s.Blobs.Open(ctx, key)
	if err != nil {
		return false
	}
	b.Close()
	a.mu.Lock()
	a.ready[key] = true
	a.mu.Unlock()
	return true
}

// ensure makes sure the blob key exists, calling build at most once at a time per key:
// concurrent callers wait for the same rendering. The rendering runs detached from ctx
// (bounded by previewClipTimeout), so that a client giving up does not waste it; ctx only
// bounds the wait.
func (a *avatarAPI) ensure(ctx context.Context, key string, build func(context.Context) error) error {
	if a.s.Blobs == nil {
		return errors.New("no blob store")
	}
	a.mu.Lock()
	if a.ready[key] {
		a.mu.Unlock()
		return nil
	}
	c := a.flight[key]
	if c == nil && time.Since(a.failed[key]) < previewRetry {
		a.mu.Unlock()
		return errors.New("the last rendering failed; not retrying yet")
	}
	if c == nil {
		c = &previewCall{done: make(chan struct{})}
		a.flight[key] = c
		go func() {
			rctx, cancel := context.WithTimeout(context.Background(), previewClipTimeout)
			defer cancel()
			var err error
			if !a.exists(rctx, key) {
				err = build(rctx)
			}
			a.mu.Lock()
			if err == nil {
				a.ready[key] = true
				delete(a.failed, key)
			} else {
				a.failed[key] = time.Now()
			}
			delete(a.flight, key)
			c.err = err
			a.mu.Unlock()
			close(c.done)
		}()
	}
	a.mu.Unlock()
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// renderImage draws a look at rest, waist-up, on a transparent background and stores the
// PNG under key.
func (a *avatarAPI) renderImage(ctx context.Context, l videoagent.Look, key string) error {
	size := image.Pt(previewImageWidth, previewImageHeight)
	tr, err := a.s.Presenters.Track(ctx, videoagent.PresenterRequest{
		LookID: l.ID, Framing: videoagent.FramingWaistUp, Size: size, FPS: previewClipFPS, Frames: 1, Seed: 1,
	})
	if err != nil {
		return err
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	for _, ly := range tr.Frame(0) {
		if ly.Image == nil {
			continue
		}
		b := ly.Image.Rect
		draw.Draw(img, b.Sub(b.Min).Add(ly.At), ly.Image, b.Min, draw.Over)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return a.s.Blobs.Put(ctx, key, &buf)
}

// clipText is what a look says in its preview video.
func clipText(name string) string {
	return fmt.Sprintf("Hi, I'm %s. Tell me about your product, and I will present your next video.", name)
}

// renderClip narrates the look's introduction with its default voice, renders it through
// the real renderer with the look full frame, and stores the MP4 under key.
func (a *avatarAPI) renderClip(ctx context.Context, l videoagent.Look, key string) error {
	voice, err := a.s.Voices.Voice(l.DefaultVoiceID)
	if err != nil {
		v, ok := a.s.Voices.DefaultVoice("en", l.Gender)
		if !ok {
			return fmt.Errorf("no voice for look %s: %w", l.ID, err)
		}
		voice = v
	}
	_, g, _ := a.look(l.ID)
	if g.name == "" {
		g.name = l.Name // a look an account designed is its own group
	}
	narr, err := a.s.Synth.Synthesize(ctx, clipText(g.name), voice, videoagent.SpeechOptions{})
	if err != nil {
		return err
	}
	base := a.s.CacheDir
	if base == "" {
		base = os.TempDir()
	}
	base = filepath.Join(base, "avatar-previews")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return err
	}
	dir, err := os.MkdirTemp(base, "clip-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	sb := &videoagent.Storyboard{
		Version: 1, Title: g.name, Language: voice.Locale,
		AspectRatio: previewClipAspect, Resolution: previewClipRes, FPS: previewClipFPS,
		AvatarID: l.ID, VoiceID: voice.ID, Seed: 1,
		Scenes: []videoagent.Scene{{ID: "intro", Layout: videoagent.LayoutPresenter, Narration: clipText(g.name),
			Visual: videoagent.Visual{Kind: videoagent.VisualNone}}},
	}
	if sb.Language == "" {
		sb.Language = "en"
	}
	res, err := a.s.Renderer.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: []*videoagent.Narration{narr}, OutDir: dir})
	if err != nil {
		return err
	}
	f, err := os.Open(res.VideoPath)
	if err != nil {
		return err
	}
	defer f.Close()
	return a.s.Blobs.Put(ctx, key, f)
}
