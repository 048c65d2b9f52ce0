package e2e

import (
	"context"
	le "encoding/binary"
	"image"
	"image/png"
	"math"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/openvideoagent/videoagent/internal/media"
)

// walk follows a list endpoint's pages (limit per page) and returns every item, checking
// each page against the reference schema and the has_more/next_token contract.
func walk(t *testing.T, s *server, path string, limit int, schemaFile string) []map[string]any {
	t.Helper()
	var out []map[string]any
	token := ""
	for pages := 0; ; pages++ {
		q := url.Values{}
		q.Set("limit", strconv.Itoa(limit))
		if token != "" {
			q.Set("token", token)
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		r := s.call("GET", path+sep+q.Encode(), nil)
		if r.Status != 200 {
			t.Fatalf("GET %s: HTTP %d %s", path, r.Status, r.Raw)
		}
		checkSchema(t, schemaFile, r.Raw)
		items := r.list()
		if len(items) > limit {
			t.Fatalf("GET %s: %d items for limit %d", path, len(items), limit)
		}
		for _, it := range items {
			out = append(out, it.(map[string]any))
		}
		hasMore, _ := r.Body["has_more"].(bool)
		next, _ := r.Body["next_token"].(string)
		if hasMore != (next != "") || (!hasMore && r.Body["next_token"] != nil) {
			t.Fatalf("GET %s: has_more %v with next_token %v", path, r.Body["has_more"], r.Body["next_token"])
		}
		if !hasMore {
			return out
		}
		if pages > 50 {
			t.Fatalf("GET %s: pagination does not end", path)
		}
		token = next
	}
}

func ids(items []map[string]any) []string {
	var out []string
	for _, it := range items {
		id, _ := it["id"].(string)
		out = append(out, id)
	}
	return out
}

// TestAvatars lists, filters and pages the cast, reads groups and looks, and checks every
// response against HeyGen's schemas and every error against the v3 envelope.
func TestAvatars(t *testing.T) {
	s := startServer(t, "", "--workers", "0")

	// Groups: the whole cast on one default page, the same in pages of 3.
	r := s.call("GET", "/v3/avatars", nil)
	if r.Status != 200 {
		t.Fatalf("GET /v3/avatars: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "avatar-list.response.json", r.Raw)
	var groups []map[string]any
	for _, it := range r.list() {
		groups = append(groups, it.(map[string]any))
	}
	if len(groups) < 6 || r.Body["has_more"] != false {
		t.Fatalf("%d groups (has_more %v), want the whole cast of >= 6 on the default page", len(groups), r.Body["has_more"])
	}
	paged := walk(t, s, "/v3/avatars", 3, "avatar-list.response.json")
	if strings.Join(ids(paged), ",") != strings.Join(ids(groups), ",") {
		t.Errorf("groups in pages of 3: %v, want %v", ids(paged), ids(groups))
	}
	totalLooks := 0
	for _, g := range groups {
		n, _ := g["looks_count"].(float64)
		totalLooks += int(n)
		if n < 1 || g["name"] == "" || g["status"] != "completed" {
			t.Errorf("group %v", g)
		}
		if u, _ := g["preview_image_url"].(string); !strings.HasPrefix(u, s.base+"/files/") {
			t.Errorf("group %v: preview_image_url %v, want a signed URL", g["id"], g["preview_image_url"])
		}
	}
	if r := s.call("GET", "/v3/avatars?ownership=private", nil); r.Status != 200 || len(r.list()) != 0 {
		t.Errorf("ownership=private: HTTP %d, %d groups; want none (the cast is public)", r.Status, len(r.list()))
	}
	if r := s.call("GET", "/v3/avatars?ownership=public", nil); r.Status != 200 || len(r.list()) != len(groups) {
		t.Errorf("ownership=public: HTTP %d, %d groups", r.Status, len(r.list()))
	}

	// Looks: all of them, in pages of 5, by group and by type.
	looks := walk(t, s, "/v3/avatars/looks", 50, "avatar-looks-list.response.json")
	if len(looks) != totalLooks || len(looks) < 12 {
		t.Fatalf("%d looks, want the sum of looks_count %d (>= 12)", len(looks), totalLooks)
	}
	if p := walk(t, s, "/v3/avatars/looks", 5, "avatar-looks-list.response.json"); strings.Join(ids(p), ",") != strings.Join(ids(looks), ",") {
		t.Errorf("looks in pages of 5: %v, want %v", ids(p), ids(looks))
	}
	if r := s.call("GET", "/v3/avatars/looks", nil); len(r.list()) != min(20, len(looks)) {
		t.Errorf("default page: %d looks, want %d (default limit 20)", len(r.list()), min(20, len(looks)))
	}
	for _, g := range groups {
		gid := g["id"].(string)
		byGroup := walk(t, s, "/v3/avatars/looks?group_id="+url.QueryEscape(gid), 20, "avatar-looks-list.response.json")
		if float64(len(byGroup)) != g["looks_count"] {
			t.Errorf("group %s: %d looks, looks_count %v", gid, len(byGroup), g["looks_count"])
		}
		for _, l := range byGroup {
			if l["group_id"] != gid {
				t.Errorf("group_id=%s lists look %v of group %v", gid, l["id"], l["group_id"])
			}
		}
	}
	if r := s.call("GET", "/v3/avatars/looks?avatar_type=studio_avatar", nil); len(r.list()) != min(20, len(looks)) {
		t.Errorf("avatar_type=studio_avatar: %d looks", len(r.list()))
	}
	for _, q := range []string{"avatar_type=digital_twin", "avatar_type=photo_avatar", "group_id=nobody", "ownership=private"} {
		r := s.call("GET", "/v3/avatars/looks?"+q, nil)
		if r.Status != 200 || len(r.list()) != 0 || r.Body["has_more"] != false {
			t.Errorf("%s: HTTP %d, %d looks, has_more %v; want an empty list", q, r.Status, len(r.list()), r.Body["has_more"])
		}
		checkSchema(t, "avatar-looks-list.response.json", r.Raw)
	}
	seen := map[string]bool{}
	for _, l := range looks {
		id := l["id"].(string)
		if seen[id] {
			t.Errorf("look %s listed twice", id)
		}
		seen[id] = true
		if l["avatar_type"] != "studio_avatar" || l["gender"] == nil || l["default_voice_id"] == nil {
			t.Errorf("look %v", l)
		}
		if tags, _ := l["tags"].([]any); len(tags) == 0 {
			t.Errorf("look %s has no tags", id)
		}
		if u, _ := l["preview_image_url"].(string); !strings.HasPrefix(u, s.base+"/files/") {
			t.Errorf("look %s: preview_image_url %v", id, l["preview_image_url"])
		}
	}

	// One group, one look.
	gid := groups[0]["id"].(string)
	r = s.call("GET", "/v3/avatars/"+gid, nil)
	if r.Status != 200 {
		t.Fatalf("GET group: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "avatar-get.response.json", r.Raw)
	if d := r.data(); d["id"] != gid || d["name"] != groups[0]["name"] || d["looks_count"] != groups[0]["looks_count"] {
		t.Errorf("GET group %s = %v, listed as %v", gid, d, groups[0])
	}
	if u, _ := r.data()["preview_video_url"].(string); !strings.HasPrefix(u, s.base+"/files/") {
		t.Errorf("GET group: preview_video_url %v, want a signed URL", r.data()["preview_video_url"])
	}
	want := looks[len(looks)-1]
	r = s.call("GET", "/v3/avatars/looks/"+want["id"].(string), nil)
	if r.Status != 200 {
		t.Fatalf("GET look: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "avatar-looks-get.response.json", r.Raw)
	for _, k := range []string{"id", "name", "group_id", "avatar_type", "gender", "default_voice_id", "image_width", "image_height", "preferred_orientation", "status"} {
		if r.data()[k] != want[k] {
			t.Errorf("GET look %s: %s = %v, listed as %v", want["id"], k, r.data()[k], want[k])
		}
	}

	// Errors: the v3 envelope, never a 500.
	for _, c := range []struct {
		path, code, param string
		status            int
	}{
		{"/v3/avatars/nobody", "avatar_not_found", "", 404},
		{"/v3/avatars/looks/nobody", "avatar_not_found", "", 404},
		{"/v3/avatars/looks/" + url.PathEscape(strings.Repeat("é", 300)), "avatar_not_found", "", 404},
		{"/v3/avatars/looks/%00", "avatar_not_found", "", 404},
		{"/v3/avatars?limit=0", "invalid_parameter", "limit", 400},
		{"/v3/avatars?limit=51", "invalid_parameter", "limit", 400},
		{"/v3/avatars?limit=ten", "invalid_parameter", "limit", 400},
		{"/v3/avatars?token=not-a-token", "invalid_parameter", "token", 400},
		{"/v3/avatars?ownership=mine", "invalid_parameter", "ownership", 400},
		{"/v3/avatars/looks?avatar_type=robot", "invalid_parameter", "avatar_type", 400},
		{"/v3/avatars/looks?limit=100", "invalid_parameter", "limit", 400},
		{"/v3/avatars/looks?token=" + url.QueryEscape(strings.Repeat("x", 600)), "invalid_parameter", "token", 400},
	} {
		r := s.call("GET", c.path, nil)
		if r.Status != c.status || r.errorField("code") != c.code {
			t.Errorf("GET %s: HTTP %d %s, want %d %s", c.path, r.Status, r.Raw, c.status, c.code)
			continue
		}
		if msg, _ := r.errorField("message").(string); msg == "" {
			t.Errorf("GET %s: error without a message", c.path)
		}
		if c.param != "" && r.errorField("param") != c.param {
			t.Errorf("GET %s: param %v, want %s", c.path, r.errorField("param"), c.param)
		}
	}
	// A next_token of the groups list is not a token of the looks list.
	if r := s.call("GET", "/v3/avatars?limit=1", nil); r.Body["next_token"] != nil {
		tok := r.Body["next_token"].(string)
		if r := s.call("GET", "/v3/avatars/looks?token="+url.QueryEscape(tok), nil); r.Status != 400 {
			t.Errorf("groups token on looks: HTTP %d", r.Status)
		}
	}
	if r := s.callKey("", "GET", "/v3/avatars", nil); r.Status != 401 || r.errorField("code") != "unauthorized" {
		t.Errorf("no key: HTTP %d %s", r.Status, r.Raw)
	}

	// avatar_id selects a look in video requests; an unknown one is 404 avatar_not_found.
	lookID := looks[1]["id"].(string)
	if r := s.call("POST", "/v3/video-agents", map[string]any{"prompt": "A short hello", "avatar_id": lookID}); r.Status != 200 {
		t.Errorf("create with avatar_id %s: HTTP %d %s", lookID, r.Status, r.Raw)
	}
	r = s.call("POST", "/v3/video-agents", map[string]any{"prompt": "A short hello", "avatar_id": gid + "-nope"})
	if r.Status != 404 || r.errorField("code") != "avatar_not_found" || r.errorField("param") != "avatar_id" {
		t.Errorf("create with an unknown avatar_id: HTTP %d %s", r.Status, r.Raw)
	}
}

// TestAvatarPreviews downloads a look's preview image and video through their signed URLs:
// a PNG of the stated size with a transparent background around the presenter, and a short
// H.264/AAC MP4 in which the look speaks. Concurrent first requests get the same clip, and
// a restarted server serves the stored previews.
func TestAvatarPreviews(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data, "--workers", "0")
	const lookID = "priya-casual"

	// Four clients ask for the look at once, before any preview exists.
	var wg sync.WaitGroup
	got := make([]*response, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = s.call("GET", "/v3/avatars/looks/"+lookID, nil)
		}()
	}
	wg.Wait()
	var imgURL, clipURL string
	for i, r := range got {
		if r.Status != 200 {
			t.Fatalf("request %d: HTTP %d %s", i, r.Status, r.Raw)
		}
		checkSchema(t, "avatar-looks-get.response.json", r.Raw)
		iu, _ := r.data()["preview_image_url"].(string)
		cu, _ := r.data()["preview_video_url"].(string)
		if iu == "" || cu == "" {
			t.Fatalf("request %d: preview urls %q %q", i, iu, cu)
		}
		if i == 0 {
			imgURL, clipURL = iu, cu
		} else if filePath(iu) != filePath(imgURL) || filePath(cu) != filePath(clipURL) {
			t.Errorf("request %d: previews %s %s, want %s %s", i, filePath(iu), filePath(cu), filePath(imgURL), filePath(clipURL))
		}
	}
	d := got[0].data()

	// The image: a PNG of image_width x image_height, transparent around the presenter.
	p := download(t, imgURL, "preview.png")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("preview image is not a PNG: %v", err)
	}
	b := img.Bounds()
	if float64(b.Dx()) != d["image_width"] || float64(b.Dy()) != d["image_height"] {
		t.Errorf("preview image is %dx%d, API says %vx%v", b.Dx(), b.Dy(), d["image_width"], d["image_height"])
	}
	for _, pt := range []image.Point{b.Min, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y / 2}} {
		if _, _, _, a := img.At(pt.X, pt.Y).RGBA(); a != 0 {
			t.Errorf("preview background at %v has alpha %d, want transparent", pt, a>>8)
		}
	}
	opaque := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		if _, _, _, a := img.At(b.Dx()/2, y).RGBA(); a == 0xffff {
			opaque++
		}
	}
	if opaque < b.Dy()/2 {
		t.Errorf("only %d of %d pixels of the centre column are opaque: the presenter is missing", opaque, b.Dy())
	}

	// The video: a few seconds of H.264 + AAC with audible speech.
	mp4 := download(t, clipURL, "preview.mp4")
	info, err := media.Probe(context.Background(), mp4)
	if err != nil {
		t.Fatal(err)
	}
	var hasVideo, hasAudio bool
	for _, st := range info.Streams {
		switch st.CodecType {
		case "video":
			hasVideo = st.CodecName == "h264" && st.Width > 0 && st.Height > 0
		case "audio":
			hasAudio = st.CodecName == "aac"
		}
	}
	if !hasVideo || !hasAudio {
		t.Errorf("preview video streams: %+v, want H.264 video and AAC audio", info.Streams)
	}
	if sec := info.Duration.Seconds(); sec < 1.5 || sec > 15 {
		t.Errorf("preview video lasts %.1f s, want a few seconds", sec)
	}
	if rms := audioRMS(t, mp4); rms < 300 {
		t.Errorf("preview video audio RMS %.0f: no speech", rms)
	}

	// Lists now carry the clip; a restarted server serves the stored previews.
	s.stop()
	s2 := startServer(t, data, "--workers", "0")
	r := s2.call("GET", "/v3/avatars/looks?group_id=priya", nil)
	for _, it := range r.list() {
		l := it.(map[string]any)
		if l["id"] != lookID {
			continue
		}
		if u, _ := l["preview_video_url"].(string); filePath(u) != filePath(clipURL) {
			t.Errorf("after restart: preview_video_url %v, want the stored %s", l["preview_video_url"], filePath(clipURL))
		}
		if u, _ := l["preview_image_url"].(string); u == "" {
			t.Error("after restart: no preview_image_url")
		} else {
			download(t, u, "again.png")
		}
	}
}

// filePath is a signed file URL without its signature.
func filePath(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return p.Path
}

// audioRMS decodes a file's audio to mono 16-bit PCM with ffmpeg and returns its RMS.
func audioRMS(t *testing.T, path string) float64 {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", "-").Output()
	if err != nil {
		t.Fatalf("decode audio: %v", err)
	}
	var sum float64
	n := len(out) / 2
	for i := 0; i < n; i++ {
		v := float64(int16(le.LittleEndian.Uint16(out[2*i:])))
		sum += v * v
	}
	if n == 0 {
		return 0
	}
	return math.Sqrt(sum / float64(n))
}
