package e2e

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent/internal/media"
)

// countNear counts the pixels of img near want (opaque ones only).
func countNear(img image.Image, want color.RGBA, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a < 0xF000 {
				continue
			}
			if near(img.At(x, y), want, tol) {
				n++
			}
		}
	}
	return n
}

// TestOwnPresenter designs a presenter from a description, checks the parameters it was
// drawn with and its preview picture (the described blazer colour and grey hair are in
// it), renders a direct video with it, and checks that the look is the account's alone.
func TestOwnPresenter(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	desc := "a woman in her fifties with short grey hair, glasses and a green blazer, friendly"
	r := s.call("POST", "/v3/avatars", map[string]any{"type": "prompt", "name": "Helen", "prompt": desc})
	if r.Status != 200 {
		t.Fatalf("create: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "avatar-looks-get.response.json", r.Raw)
	d := r.data()
	id, _ := d["look_id"].(string)
	p, _ := d["parameters"].(map[string]any)
	for k, want := range map[string]any{"gender": "female", "older": true, "hair_style": "short", "hair_color": "#A9A9A6",
		"glasses": true, "clothing": "blazer_top", "main_color": "#2E7D4F"} {
		if p[k] != want {
			t.Errorf("parameter %s = %v, want %v (%s)", k, p[k], want, r.Raw)
		}
	}
	if u, _ := d["unplaced_words"].([]any); len(u) != 0 || d["preview_image_url"] == nil || d["lip_sync"] != true {
		t.Errorf("create response: %s", r.Raw)
	}
	if tags, _ := d["tags"].([]any); !containsAny(tags, "friendly") {
		t.Errorf("tags %v lack friendly", tags)
	}
	// The preview shows the green blazer and the grey hair.
	pic := download(t, d["preview_image_url"].(string), "preview.png")
	f, err := os.Open(pic)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("KEEP_FRAME") != "" {
		b, _ := os.ReadFile(pic)
		os.WriteFile(os.Getenv("KEEP_FRAME")+".png", b, 0o644)
	}
	area := img.Bounds().Dx() * img.Bounds().Dy()
	if n := countNear(img, color.RGBA{0x2E, 0x7D, 0x4F, 255}, 24); n < area/50 {
		t.Errorf("preview: %d pixels of the green blazer, want at least %d", n, area/50)
	}
	if n := countNear(img, color.RGBA{0xA9, 0xA9, 0xA6, 255}, 24); n < area/400 {
		t.Errorf("preview: %d pixels of grey hair, want at least %d", n, area/400)
	}
	// Words it cannot place are listed.
	r2 := s.call("POST", "/v3/avatars", map[string]any{"type": "prompt", "prompt": "a man with a beard riding a unicorn"})
	if u, _ := r2.data()["unplaced_words"].([]any); r2.Status != 200 || !containsAny(u, "riding") || !containsAny(u, "unicorn") {
		t.Errorf("unplaced words: HTTP %d %s", r2.Status, r2.Raw)
	}
	if r := s.call("POST", "/v3/avatars", map[string]any{"type": "photo"}); r.Status != 400 || r.errorField("param") != "image_asset_id" {
		t.Errorf("photo: HTTP %d %s", r.Status, r.Raw)
	}

	// The private lists hold it (and the look made next), the public ones do not.
	pl := s.call("GET", "/v3/avatars/looks?ownership=private", nil)
	checkSchema(t, "avatar-looks-list.response.json", pl.Raw)
	if l := pl.list(); len(l) != 2 || !strings.Contains(string(pl.Raw), id) {
		t.Errorf("private looks: %s", pl.Raw)
	}
	pg := s.call("GET", "/v3/avatars?ownership=private", nil)
	checkSchema(t, "avatar-list.response.json", pg.Raw)
	if l := pg.list(); len(l) != 2 {
		t.Errorf("private avatars: %s", pg.Raw)
	}
	if pub := s.call("GET", "/v3/avatars/looks?limit=50", nil); strings.Contains(string(pub.Raw), id) {
		t.Errorf("the public looks list shows an own look")
	}

	// It presents a video.
	vid := s.createDirect(map[string]any{"type": "avatar", "avatar_id": id, "script": "Hello, I am Helen.", "resolution": "720p"})
	_, info, path := s.completed(t, vid)
	frame, err := media.ExtractFrame(context.Background(), path, info.Duration/2)
	if err != nil {
		t.Fatal(err)
	}
	if n := countNear(frame, color.RGBA{0x2E, 0x7D, 0x4F, 255}, 28); n < 2000 {
		t.Errorf("video frame: %d pixels of the green blazer, want the presenter", n)
	}

	// The account's alone.
	other := newKey(t, s)
	if r := s.callKey(other, "GET", "/v3/avatars/looks/"+id, nil); r.Status != 404 {
		t.Errorf("other account reads the look: HTTP %d", r.Status)
	}
	if r := s.callKey(other, "POST", "/v3/videos", map[string]any{"type": "avatar", "avatar_id": id, "script": "Hi."}); r.Status < 400 {
		t.Errorf("other account uses the look: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.callKey(other, "POST", "/v3/video-agents", map[string]any{"prompt": "About tea.", "avatar_id": id}); r.Status != 404 {
		t.Errorf("other account's session with the look: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.callKey(other, "DELETE", "/v3/avatars/looks/"+id, nil); r.Status != 404 {
		t.Errorf("other account deletes the look: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("PATCH", "/v3/avatars/looks/"+directLook, map[string]any{"name": "x"}); r.Status != 403 {
		t.Errorf("PATCH a catalogue look: HTTP %d %s", r.Status, r.Raw)
	}
	up := s.call("PATCH", "/v3/avatars/looks/"+id, map[string]any{"name": "Helen B", "prompt": "a woman with long red hair and a navy turtleneck"})
	if up.Status != 200 || up.data()["name"] != "Helen B" || up.data()["parameters"].(map[string]any)["clothing"] != "turtleneck" {
		t.Errorf("PATCH: HTTP %d %s", up.Status, up.Raw)
	}
	if r := s.call("DELETE", "/v3/avatars/"+id, nil); r.Status != 200 {
		t.Errorf("DELETE the avatar: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/avatars/looks/"+id, nil); r.Status != 404 {
		t.Errorf("deleted look: HTTP %d", r.Status)
	}
}

func containsAny(list []any, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestPhotoPresenter makes a presenter from an uploaded photo: the response says plainly
// that it has no lip sync, a direct avatar video with it shows the photo, and a Video Agent
// session refuses it (its scenes need a drawn presenter).
func TestPhotoPresenter(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	orange := color.RGBA{230, 120, 30, 255}
	photo := s.assetID("me.png", pngBytes(t, 640, 480, orange))
	r := s.call("POST", "/v3/avatars", map[string]any{"type": "photo", "name": "Me", "image_asset_id": photo, "gender": "female"})
	if r.Status != 200 {
		t.Fatalf("create: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "avatar-looks-get.response.json", r.Raw)
	d := r.data()
	id, _ := d["look_id"].(string)
	if d["lip_sync"] != false || !strings.Contains(d["note"].(string), "no lip sync") || d["avatar_type"] != "photo_avatar" || d["preview_image_url"] == nil {
		t.Fatalf("photo presenter: %s", r.Raw)
	}
	if r := s.call("POST", "/v3/avatars", map[string]any{"type": "photo", "image_asset_id": "nope"}); r.Status != 400 || r.errorField("param") != "image_asset_id" {
		t.Errorf("unknown photo: HTTP %d %s", r.Status, r.Raw)
	}
	vid := s.createDirect(map[string]any{"type": "avatar", "avatar_id": id, "script": "This is my photo, presenting.", "resolution": "720p"})
	_, info, path := s.completed(t, vid)
	frame, err := media.ExtractFrame(context.Background(), path, info.Duration/2)
	if err != nil {
		t.Fatal(err)
	}
	b := frame.Bounds()
	if n := countNear(frame, orange, 30); n < b.Dx()*b.Dy()/4 {
		t.Errorf("video frame: %d pixels of the photo's orange, want the photo to fill much of it", n)
	}
	if r := s.call("POST", "/v3/video-agents", map[string]any{"prompt": "About tea.", "avatar_id": id}); r.Status != 400 || r.errorField("param") != "avatar_id" {
		t.Errorf("session with a photo presenter: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.callKey(newKey(t, s), "POST", "/v3/videos", map[string]any{"type": "avatar", "avatar_id": id, "script": "Hi."}); r.Status != 404 {
		t.Errorf("other account uses the photo presenter: HTTP %d %s", r.Status, r.Raw)
	}
}
