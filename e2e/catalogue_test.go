package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreviewsWarmAtStart starts a server that warms its previews and, without asking
// for any, waits for the first style's preview and every look's picture to be stored;
// the first styles list then has its preview.
func TestPreviewsWarmAtStart(t *testing.T) {
	t.Parallel()
	s := startServerEnv(t, "", []string{"VIDEOAGENT_WARM_PREVIEWS=1"})
	first := filepath.Join(s.data, "blobs", "previews", "styles", "1")
	deadline := time.Now().Add(4 * time.Minute)
	for {
		styles, _ := filepath.Glob(filepath.Join(first, "*.jpg"))
		looks, _ := filepath.Glob(filepath.Join(s.data, "blobs", "previews", "avatars", "*", "*.png"))
		if len(styles) > 0 && len(looks) >= 14 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no warmed previews after 4 minutes: %d style thumbnails, %d look pictures", len(styles), len(looks))
		}
		time.Sleep(500 * time.Millisecond)
	}
	styles, _ := filepath.Glob(filepath.Join(first, "*.jpg"))
	id := strings.TrimSuffix(filepath.Base(styles[0]), ".jpg")
	if _, err := os.Stat(filepath.Join(first, id+".mp4")); err != nil {
		t.Fatalf("style %s has a thumbnail but no clip: %v", id, err)
	}
	r := s.call("GET", "/v3/video-agents/styles?limit=100", nil)
	checkSchema(t, "video-agent-styles-list.response.json", r.Raw)
	for _, it := range r.list() {
		st := it.(map[string]any)
		if st["style_id"] == id && (st["thumbnail_url"] == nil || st["preview_video_url"] == nil) {
			t.Errorf("style %s: warmed, but the list shows no preview: %v", id, st)
		}
	}
}

// TestCatalogueDetails: looks say which engines they support, voices when they were
// created, and operations of the reference we do not serve answer the generic 404.
func TestCatalogueDetails(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	l := s.call("GET", "/v3/avatars/looks/"+directLook, nil)
	checkSchema(t, "avatar-looks-get.response.json", l.Raw)
	if e, _ := l.data()["supported_api_engines"].([]any); len(e) != 3 {
		t.Errorf("supported_api_engines: %s", l.Raw)
	}
	v := s.call("GET", "/v3/voices?limit=1", nil)
	checkSchema(t, "voice-list.response.json", v.Raw)
	if it := v.list(); len(it) != 1 || it[0].(map[string]any)["created_at"] == nil {
		t.Errorf("voice created_at: %s", v.Raw)
	}
	for _, c := range []struct{ method, path string }{
		{"GET", "/v3/assets/search?query=x"}, {"POST", "/v3/voices/clone"}, {"DELETE", "/v3/voices/some-voice"},
		{"POST", "/v3/avatars/ava/consent"}, {"GET", "/v3/assets/batches/b1"}, {"GET", "/v3/videos/batches/b1/nope"},
	} {
		r := s.call(c.method, c.path, map[string]any{})
		if r.Status != 404 || r.errorField("code") != "not_found" || !strings.HasPrefix(r.errorField("message").(string), "No such endpoint") {
			t.Errorf("%s %s: HTTP %d %s, want the generic 404", c.method, c.path, r.Status, r.Raw)
		}
	}
}
