package e2e

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// Brand kits: GET /v3/brand-kits, and our create, read, update and delete; brand_kit_id on
// sessions and direct videos (an unknown one is a 404 brand_kit_not_found); a kit's
// colours, logo and intro and outro titles in the rendered frames.

// checkOurSchema validates a body against one of our schemas (internal/http/openapi), for the
// endpoints the reference has no schema for.
func checkOurSchema(t testing.TB, name string, body []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "internal", "http", "openapi", name))
	if err != nil {
		t.Fatal(err)
	}
	var sc schema
	if err := json.Unmarshal(raw, &sc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkAgainst(t, name, &sc, body)
}

// near reports whether c is within tol of want on every channel.
func near(c color.Color, want color.RGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, w uint8) bool { x := int(a>>8) - int(w); return x <= tol && x >= -tol }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// share is the fraction of points of a grid over rect whose colour is near want.
func share(img image.Image, rect image.Rectangle, want color.RGBA, tol int) float64 {
	n, hit := 0, 0
	for y := rect.Min.Y; y < rect.Max.Y; y += 4 {
		for x := rect.Min.X; x < rect.Max.X; x += 4 {
			n++
			if near(img.At(x, y), want, tol) {
				hit++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}

func TestBrandKitsCRUD(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	logo := s.assetID("logo.png", pngBytes(t, 200, 100, color.RGBA{255, 0, 255, 255}))
	clip := s.assetID("clip.mp4", testClip(t, 1))

	// Bad input: each error names its field.
	for _, c := range []struct {
		body  map[string]any
		param string
	}{
		{map[string]any{}, "name"},
		{map[string]any{"name": "x", "colors": map[string]any{"primary": "green"}}, "colors.primary"},
		{map[string]any{"name": "x", "fonts": map[string]any{"heading": "Comic Sans MS"}}, "fonts.heading"},
		{map[string]any{"name": "x", "logo_asset_id": "nope"}, "logo_asset_id"},
		{map[string]any{"name": "x", "logo_asset_id": clip}, "logo_asset_id"},
	} {
		r := s.call("POST", "/v3/brand-kits", c.body)
		if r.Status != 400 || r.errorField("param") != c.param {
			t.Errorf("POST /v3/brand-kits %v: HTTP %d %s, want 400 naming %s", c.body, r.Status, r.Raw, c.param)
		}
	}

	r := s.call("POST", "/v3/brand-kits", map[string]any{
		"name": "Acme", "logo_asset_id": logo, "colors": map[string]any{"primary": "#e4572e", "secondary": "#0B6E4F"},
		"fonts": map[string]any{"heading": "roboto", "body": "Noto Serif"}, "intro_title": "Acme presents",
	})
	if r.Status != 200 {
		t.Fatalf("create kit: HTTP %d %s", r.Status, r.Raw)
	}
	checkOurSchema(t, "brand-kit.response.json", r.Raw)
	k := r.data()
	id, _ := k["id"].(string)
	colors, _ := k["colors"].(map[string]any)
	fonts, _ := k["fonts"].(map[string]any)
	if id == "" || colors["primary"] != "#E4572E" || fonts["heading"] != "Roboto" || k["logo_url"] == nil || k["outro_title"] != nil {
		t.Fatalf("created kit: %s", r.Raw)
	}
	r = s.call("PATCH", "/v3/brand-kits/"+id, map[string]any{"outro_title": "Thanks", "fonts": map[string]any{"body": ""}})
	if r.Status != 200 || r.data()["outro_title"] != "Thanks" || r.data()["fonts"].(map[string]any)["body"] != nil || r.data()["intro_title"] != "Acme presents" {
		t.Fatalf("update kit: HTTP %d %s", r.Status, r.Raw)
	}
	checkOurSchema(t, "brand-kit.response.json", r.Raw)
	l := s.call("GET", "/v3/brand-kits?limit=10", nil)
	checkOurSchema(t, "brand-kits-list.response.json", l.Raw)
	if l.Status != 200 || len(l.list()) != 1 || l.Body["has_more"] != false {
		t.Fatalf("list kits: %s", l.Raw)
	}
	// Another account sees none of it.
	other := newKey(t, s)
	if r := s.callKey(other, "GET", "/v3/brand-kits/"+id, nil); r.Status != 404 || r.errorField("code") != "brand_kit_not_found" {
		t.Errorf("other account reads the kit: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.callKey(other, "GET", "/v3/brand-kits", nil); len(r.list()) != 0 {
		t.Errorf("other account lists kits: %s", r.Raw)
	}
	if r := s.callKey(other, "POST", "/v3/videos", map[string]any{"type": "image", "image": map[string]any{"type": "asset_id", "asset_id": logo},
		"script": "Hi.", "brand_kit_id": id}); r.Status != 404 {
		t.Errorf("other account uses the kit: HTTP %d %s", r.Status, r.Raw)
	}

	// Unknown kits are 404s naming the field, on sessions, messages, videos and batch items.
	for _, c := range []struct {
		path  string
		body  map[string]any
		param string
	}{
		{"/v3/video-agents", map[string]any{"prompt": "A short video about tea.", "brand_kit_id": "missing"}, "brand_kit_id"},
		{"/v3/video-agents", map[string]any{"prompt": "A short video about tea.", "mode": "chat", "brand_kit_id": "missing"}, "brand_kit_id"},
		{"/v3/videos", map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hello.", "brand_kit_id": "missing"}, "brand_kit_id"},
	} {
		r := s.call("POST", c.path, c.body)
		if r.Status != 404 || r.errorField("code") != "brand_kit_not_found" || r.errorField("param") != c.param {
			t.Errorf("POST %s with an unknown kit: HTTP %d %s", c.path, r.Status, r.Raw)
		}
	}
	b := s.call("POST", "/v3/videos/batches", map[string]any{"videos": []any{
		map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hello.", "brand_kit_id": "missing"}}})
	if b.Status != 200 || b.Status == 200 && !strings.Contains(string(b.Raw), "brand_kit_not_found") {
		t.Errorf("batch with an unknown kit: HTTP %d %s", b.Status, b.Raw)
	}
	if n := len(s.call("GET", "/v3/video-agents", nil).list()); n != 0 {
		t.Errorf("%d sessions stored though refused", n)
	}

	if r := s.call("DELETE", "/v3/brand-kits/"+id, nil); r.Status != 200 {
		t.Fatalf("delete kit: HTTP %d %s", r.Status, r.Raw)
	} else {
		checkOurSchema(t, "brand-kit-delete.response.json", r.Raw)
	}
	if r := s.call("DELETE", "/v3/brand-kits/"+id, nil); r.Status != 404 || r.errorField("code") != "brand_kit_not_found" {
		t.Errorf("delete twice: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/brand-kits/"+id+"/nope", nil); r.Status != 404 || r.errorField("code") != "not_found" {
		t.Errorf("unknown sub-path: HTTP %d %s", r.Status, r.Raw)
	}
}

// TestBrandKitFrames renders a studio video with a kit and reads its frames: the intro and
// outro title cards are the kit's secondary colour with its titles, and the kit's logo is
// in the top-right corner of every scene.
func TestBrandKitFrames(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	magenta := color.RGBA{255, 0, 255, 255}
	green := color.RGBA{0x0B, 0x6E, 0x4F, 255}
	logo := s.assetID("logo.png", pngBytes(t, 200, 100, magenta))
	r := s.call("POST", "/v3/brand-kits", map[string]any{
		"name": "Acme", "logo_asset_id": logo, "colors": map[string]any{"primary": "#E4572E", "secondary": "#0B6E4F"},
		"fonts": map[string]any{"heading": "Roboto"}, "intro_title": "Acme presents", "outro_title": "Thanks for watching",
	})
	if r.Status != 200 {
		t.Fatalf("create kit: HTTP %d %s", r.Status, r.Raw)
	}
	kit := r.data()["id"].(string)
	id := s.createDirect(map[string]any{
		"type": "studio", "resolution": "720p", "aspect_ratio": "16:9", "title": "Branded", "brand_kit_id": kit,
		"scenes": []any{
			map[string]any{"type": "image", "source": b64(pngBytes(t, 640, 360, color.RGBA{230, 230, 230, 255})), "duration": 2},
		},
	})
	_, info, path := s.completed(t, id)
	total := info.Duration
	if total < 6*time.Second {
		t.Fatalf("duration %v: want the intro, the scene and the outro", total)
	}
	ctx := context.Background()
	logoBox := image.Rect(1280-50-62+8, 9+6, 1280-50-8, 9+31-6) // the logo's inside, 1280x720 frame, margin 50
	for _, at := range []time.Duration{1500 * time.Millisecond, total / 2, total - 1200*time.Millisecond} {
		img, err := media.ExtractFrame(ctx, path, at)
		if err != nil {
			t.Fatal(err)
		}
		if f := share(img, logoBox, magenta, 40); f < 0.8 {
			t.Errorf("frame at %v: the logo's box is %.0f%% logo magenta, want most of it", at, 100*f)
		}
		left := image.Rect(0, 100, 200, 620) // the title cards' left band: plain hero colour
		f := share(img, left, green, 14)
		card := at != total/2
		if card && f < 0.8 {
			t.Errorf("title card at %v: %.0f%% of its left band is the kit's #0B6E4F, want most", at, 100*f)
		}
		if !card && f > 0.2 {
			t.Errorf("image scene at %v is %.0f%% kit green, want the picture", at, 100*f)
		}
	}
}

// TestBrandKitSession checks that a Video Agent session plans its storyboard with the kit
// named by brand_kit_id: the draft resource carries the kit's brand and title cards.
func TestBrandKitSession(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	r := s.call("POST", "/v3/brand-kits", map[string]any{"name": "Tea Co", "colors": map[string]any{"primary": "#0B6E4F"},
		"fonts": map[string]any{"heading": "Noto Serif"}, "intro_title": "Tea Co presents"})
	if r.Status != 200 {
		t.Fatalf("create kit: HTTP %d %s", r.Status, r.Raw)
	}
	kit := r.data()["id"].(string)
	sid, vid := s.createVideo(map[string]any{"prompt": "A 20 second video about green tea.", "brand_kit_id": kit})
	raw, _ := json.Marshal(s.awaitDraft(sid))
	var sb struct {
		Brand struct {
			KitID  string            `json:"kit_id"`
			Colors map[string]string `json:"colors"`
			Fonts  map[string]string `json:"fonts"`
		} `json:"brand"`
		Scenes []struct {
			ID     string `json:"id"`
			Visual struct {
				Title string `json:"title"`
			} `json:"visual"`
		} `json:"scenes"`
	}
	if err := json.Unmarshal(raw, &sb); err != nil {
		t.Fatal(err)
	}
	if sb.Brand.KitID != kit || sb.Brand.Colors["primary"] != "#0B6E4F" || sb.Brand.Fonts["heading"] != "Noto Serif" {
		t.Errorf("draft brand = %+v, want kit %s", sb.Brand, kit)
	}
	if len(sb.Scenes) < 2 || sb.Scenes[0].Visual.Title != "Tea Co presents" {
		t.Errorf("draft scenes = %+v, want the kit's intro first", sb.Scenes)
	}
	videoResourceThumbnail(t, s, sid, vid)
	rememberedKit(t, s, kit)
}

// videoResourceThumbnail waits for the session's video and checks that its video resource
// carries the video's thumbnail.
func videoResourceThumbnail(t *testing.T, s *server, sid, vid string) {
	t.Helper()
	if v := s.waitVideo(vid, 4*time.Minute, "completed", "failed"); v["status"] != "completed" {
		t.Fatalf("video %v", v)
	}
	r := s.resource(sid, s.call("GET", "/v3/video-agents/"+sid, nil).data(), "video")
	if r == nil {
		t.Fatalf("no video resource in the session's messages")
	}
	checkSchema(t, "video-agent-resources-get.response.json", r.Raw)
	if r.data()["thumbnail_url"] == nil {
		t.Errorf("video resource without a thumbnail: %s", r.Raw)
	}
}

// rememberedKit checks that the account's memory holds its last kit, and that a session
// naming none is planned with it (an incognito one is not).
func rememberedKit(t *testing.T, s *server, kit string) {
	t.Helper()
	if m := s.call("GET", "/v3/memory", nil); !strings.Contains(string(m.Raw), kit) {
		t.Errorf("memory lacks the brand kit: %s", m.Raw)
	}
	draftBrand := func(sid string) string {
		b, _ := s.awaitDraft(sid)["brand"].(map[string]any)
		k, _ := b["kit_id"].(string)
		return k
	}
	sid, _ := s.createVideo(map[string]any{"prompt": "A 10 second video about oolong tea."})
	if got := draftBrand(sid); got != kit {
		t.Errorf("a session naming no kit was planned with kit %q, want the remembered %s", got, kit)
	}
	sid, _ = s.createVideo(map[string]any{"prompt": "A 10 second video about black tea.", "incognito_mode": true})
	if got := draftBrand(sid); got != "" {
		t.Errorf("an incognito session used the remembered kit %q", got)
	}
}
