package http

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// fontLister is what a renderer offers when it can list the font families a brand kit may
// name (render.Renderer does).
type fontLister interface {
	FontFamilies() []string
}

// brandKitRoutes registers the brand kit endpoints: the v3 list, and our create, read,
// update and delete (extensions).
func (s *Server) brandKitRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v3/brand-kits", s.listBrandKits)
	mux.HandleFunc("POST /v3/brand-kits", s.createBrandKit)
	mux.HandleFunc("GET /v3/brand-kits/{brand_kit_id}", s.getBrandKit)
	mux.HandleFunc("PATCH /v3/brand-kits/{brand_kit_id}", s.updateBrandKit)
	mux.HandleFunc("DELETE /v3/brand-kits/{brand_kit_id}", s.deleteBrandKit)
}

// brandKitRequest is the body of a create or update. Pointers tell absent from empty; in
// an update an absent field keeps its value and an empty one clears it.
type brandKitRequest struct {
	Name        *string `json:"name"`
	LogoAssetID *string `json:"logo_asset_id"`
	Colors      *struct {
		Primary    *string `json:"primary"`
		Secondary  *string `json:"secondary"`
		Background *string `json:"background"`
	} `json:"colors"`
	Fonts *struct {
		Heading *string `json:"heading"`
		Body    *string `json:"body"`
	} `json:"fonts"`
	IntroTitle *string `json:"intro_title"`
	OutroTitle *string `json:"outro_title"`
}

const (
	maxBrandKitName  = 100
	maxBrandKitTitle = 120
)

// applyBrandKitRequest validates req and writes its fields into k.
func (s *Server) applyBrandKitRequest(ctx context.Context, k *videoagent.BrandKit, req *brandKitRequest, create bool) error {
	if req.Name != nil || create {
		name := strings.TrimSpace(videoagent.Deref(req.Name))
		if name == "" {
			return videoagent.Invalid("name", "name is required and must not be empty.")
		}
		if utf8.RuneCountInString(name) > maxBrandKitName {
			return videoagent.Invalid("name", "name must be at most %d characters.", maxBrandKitName)
		}
		k.Name = name
	}
	if req.LogoAssetID != nil {
		id := strings.TrimSpace(*req.LogoAssetID)
		if id != "" {
			a, err := s.Store.Asset(ctx, k.AccountID, id)
			if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
				return videoagent.Invalid("logo_asset_id", "Asset %s not found; upload the logo with POST /v3/assets first.", id)
			}
			if err != nil {
				return err
			}
			if a.MimeType != ingest.TypePNG && a.MimeType != ingest.TypeJPEG {
				return videoagent.Invalid("logo_asset_id", "The logo must be a PNG or JPEG image (asset %s is %s).", id, a.MimeType)
			}
		}
		k.LogoAssetID = id
	}
	if c := req.Colors; c != nil {
		for _, f := range []struct {
			name string
			in   *string
			out  *string
		}{{"primary", c.Primary, &k.Colors.Primary}, {"secondary", c.Secondary, &k.Colors.Secondary}, {"background", c.Background, &k.Colors.Background}} {
			if f.in == nil {
				continue
			}
			v := strings.ToUpper(strings.TrimSpace(*f.in))
			if _, ok := videoagent.ParseHexColor(v); v != "" && !ok {
				return videoagent.Invalid("colors."+f.name, "colors.%s must be a #RRGGBB colour (got %q).", f.name, videoagent.Shorten(*f.in, 20))
			}
			*f.out = v
		}
	}
	if f := req.Fonts; f != nil {
		for _, ff := range []struct {
			name string
			in   *string
			out  *string
		}{{"heading", f.Heading, &k.Fonts.Heading}, {"body", f.Body, &k.Fonts.Body}} {
			if ff.in == nil {
				continue
			}
			v, err := s.fontFamily("fonts."+ff.name, *ff.in)
			if err != nil {
				return err
			}
			*ff.out = v
		}
	}
	for _, t := range []struct {
		name string
		in   *string
		out  *string
	}{{"intro_title", req.IntroTitle, &k.IntroTitle}, {"outro_title", req.OutroTitle, &k.OutroTitle}} {
		if t.in == nil {
			continue
		}
		v := strings.TrimSpace(*t.in)
		if utf8.RuneCountInString(v) > maxBrandKitTitle {
			return videoagent.Invalid(t.name, "%s must be at most %d characters.", t.name, maxBrandKitTitle)
		}
		*t.out = v
	}
	return nil
}

// fontFamily returns the installed family name matches (case-insensitively), "" for "".
func (s *Server) fontFamily(param, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil
	}
	var families []string
	if fl, ok := s.Renderer.(fontLister); ok {
		families = fl.FontFamilies()
	}
	for _, f := range families {
		if strings.EqualFold(f, name) {
			return f, nil
		}
	}
	if len(families) == 0 {
		return "", videoagent.Invalid(param, "This server has no font families a brand kit may choose.")
	}
	return "", videoagent.Invalid(param, "Font %q is not installed; choose one of: %s.", videoagent.Shorten(name, 60), strings.Join(families, ", "))
}

func (s *Server) brandKitJSON(ctx context.Context, k *videoagent.BrandKit) map[string]any {
	var logoURL *string
	if k.LogoAssetID != "" {
		if a, err := s.Store.Asset(ctx, k.AccountID, k.LogoAssetID); err == nil {
			logoURL = s.fileURL(a.BlobKey)
		}
	}
	return map[string]any{
		"id":            k.ID,
		"name":          k.Name,
		"logo_asset_id": nullString(k.LogoAssetID),
		"logo_url":      logoURL,
		"colors": map[string]any{
			"primary": nullString(k.Colors.Primary), "secondary": nullString(k.Colors.Secondary), "background": nullString(k.Colors.Background),
		},
		"fonts":       map[string]any{"heading": nullString(k.Fonts.Heading), "body": nullString(k.Fonts.Body)},
		"intro_title": nullString(k.IntroTitle),
		"outro_title": nullString(k.OutroTitle),
		"created_at":  k.CreatedAt.Unix(),
		"updated_at":  k.UpdatedAt.Unix(),
	}
}

func (s *Server) listBrandKits(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 20, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	kits, next, err := s.Store.ListBrandKits(r.Context(), account(r).ID, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(kits))
	for _, k := range kits {
		out = append(out, s.brandKitJSON(r.Context(), k))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (s *Server) createBrandKit(w http.ResponseWriter, r *http.Request) {
	var req brandKitRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	k := &videoagent.BrandKit{ID: videoagent.NewID(), AccountID: account(r).ID}
	if err := s.applyBrandKitRequest(r.Context(), k, &req, true); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Store.CreateBrandKit(r.Context(), k); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.brandKitJSON(r.Context(), k)))
}

func (s *Server) getBrandKit(w http.ResponseWriter, r *http.Request) {
	k, err := s.Store.BrandKit(r.Context(), account(r).ID, r.PathValue("brand_kit_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.brandKitJSON(r.Context(), k)))
}

func (s *Server) updateBrandKit(w http.ResponseWriter, r *http.Request) {
	var req brandKitRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	k, err := s.Store.BrandKit(r.Context(), account(r).ID, r.PathValue("brand_kit_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.applyBrandKitRequest(r.Context(), k, &req, false); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Store.UpdateBrandKit(r.Context(), k); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.brandKitJSON(r.Context(), k)))
}

func (s *Server) deleteBrandKit(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("brand_kit_id")
	if err := s.Store.DeleteBrandKit(r.Context(), account(r).ID, id); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"id": id, "deleted": true}))
}

// brandKit returns the account's kit id for a request field param; an unknown id is
// brand_kit_not_found naming param. An empty id is no kit (nil, nil).
func (s *Server) brandKit(ctx context.Context, accountID, id, param string) (*videoagent.BrandKit, error) {
	if id == "" {
		return nil, nil
	}
	k, err := s.Store.BrandKit(ctx, accountID, id)
	if videoagent.ErrorCode(err) == videoagent.EBRANDKITNOTFOUND {
		return nil, &videoagent.Error{Code: videoagent.EBRANDKITNOTFOUND, Param: param,
			Message: fmt.Sprintf("Brand kit %s not found; list your kits with GET /v3/brand-kits.", videoagent.Shorten(id, maxIDChars))}
	}
	return k, err
}

// switchBrandKit makes kit id the chat session's brand kit: the brief keeps it for the
// storyboards planned next, and the current storyboard, if any, takes it at once.
func (s *Server) switchBrandKit(ctx context.Context, se *videoagent.Session, id string) error {
	kit, err := s.brandKit(ctx, se.AccountID, id, "brand_kit_id")
	if err != nil || kit == nil {
		return err
	}
	brief := se.Brief
	brief.BrandKit = kit
	up := videoagent.SessionUpdate{Brief: &brief}
	if len(se.Storyboard) > 0 {
		var sb videoagent.Storyboard
		if err := json.Unmarshal(se.Storyboard, &sb); err == nil {
			kit.Apply(&sb)
			if sb.Validate() == nil {
				if raw, err := json.Marshal(&sb); err == nil {
					up.Storyboard = raw
				}
			}
		}
	}
	return s.Store.UpdateSession(ctx, se.ID, up)
}

// MemBrandKit is the memory fact that holds the account's default brand kit: the kit of its
// last session that named one.
const MemBrandKit = "brand_kit_id"

// defaultBrandKit remembers the kit a session names as the account's default, and gives a
// session that names none the remembered kit (if it still exists). Incognito sessions
// neither read nor change the memory.
func (s *Server) defaultBrandKit(ctx context.Context, accountID string, b *videoagent.Brief) {
	if b.Incognito {
		return
	}
	if b.BrandKit != nil {
		if err := s.Store.SetMemory(ctx, accountID, videoagent.MemoryFact{Key: MemBrandKit, Value: b.BrandKit.ID}); err != nil {
			s.log.Warn("remember the brand kit", "err", err)
		}
		return
	}
	facts, err := s.Store.Memory(ctx, accountID)
	if err != nil {
		return
	}
	for _, f := range facts {
		if f.Key == MemBrandKit {
			if k, err := s.Store.BrandKit(ctx, accountID, f.Value); err == nil {
				b.BrandKit = k
			}
			return
		}
	}
}
