package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent/internal/media"
)

// Direct uploads: POST /v3/assets/direct-uploads, PUT to the signed upload URL,
// POST /v3/assets/{asset_id}/complete, GET /v3/assets/statuses.

// bigClip makes a real, decodable MP4 of at least minBytes: lossless H.264 of noise
// (which does not compress), 640x360 at 25 fps.
func bigClip(t *testing.T, minBytes int64) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "big.mp4")
	out, err := exec.Command("ffmpeg", "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "color=gray:s=640x360:r=25,noise=alls=100:allf=t+u",
		"-t", "10", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-threads", "2", "-movflags", "+faststart", p).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() < minBytes {
		t.Fatalf("the clip is %d bytes, want at least %d", st.Size(), minBytes)
	}
	return p
}

func fileSHA256(t *testing.T, p string) string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// put sends body to an upload URL and returns the status and body.
func put(t *testing.T, url string, body io.Reader, size int64) (int, string) {
	t.Helper()
	req, err := http.NewRequest("PUT", url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "video/mp4")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (s *server) assetStatus(id string) string {
	s.t.Helper()
	r := s.call("GET", "/v3/assets/statuses?asset_ids="+id, nil)
	if r.Status != 200 || len(r.list()) != 1 {
		s.t.Fatalf("statuses: HTTP %d %s", r.Status, r.Raw)
	}
	return r.list()[0].(map[string]any)["status"].(string)
}

// TestDirectUploadLarge uploads a real 100+ MB video through a direct upload, checks its
// checksum and statuses along the way, and uses it as b-roll in a studio video whose
// frames show it.
func TestDirectUploadLarge(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	clip := bigClip(t, 100<<20)
	st, _ := os.Stat(clip)
	sum := fileSHA256(t, clip)

	r := s.call("POST", "/v3/assets/direct-uploads", map[string]any{"filename": "broll.mp4", "content_type": "video/mp4", "size_bytes": st.Size(), "checksum_sha256": sum})
	if r.Status != 200 {
		t.Fatalf("direct-uploads: HTTP %d %s", r.Status, r.Raw)
	}
	checkOurSchema(t, "asset-direct-upload.response.json", r.Raw)
	d := r.data()
	id, url := d["asset_id"].(string), d["upload_url"].(string)
	if d["max_bytes"] != float64(2<<30) || !strings.HasPrefix(url, s.base+"/uploads/") || d["status"] != "pending_upload" {
		t.Fatalf("direct-uploads: %s", r.Raw)
	}
	if got := s.assetStatus(id); got != "pending_upload" {
		t.Errorf("status before the upload: %s", got)
	}
	if c := s.call("POST", "/v3/assets/"+id+"/complete", map[string]any{}); c.Status != 409 {
		t.Errorf("complete before the upload: HTTP %d %s", c.Status, c.Raw)
	}
	// A forged signature is refused.
	if code, body := put(t, strings.Replace(url, "signature=", "signature=00", 1), strings.NewReader("x"), 1); code != 403 {
		t.Errorf("forged upload URL: HTTP %d %s", code, body)
	}
	f, err := os.Open(clip)
	if err != nil {
		t.Fatal(err)
	}
	code, body := put(t, url, f, st.Size())
	f.Close()
	if code != 200 || !strings.Contains(body, sum) {
		t.Fatalf("PUT: HTTP %d %s", code, body)
	}
	if got := s.assetStatus(id); got != "uploaded" {
		t.Errorf("status after the upload: %s", got)
	}
	c := s.call("POST", "/v3/assets/"+id+"/complete", map[string]any{"checksum_sha256": sum})
	if c.Status != 200 {
		t.Fatalf("complete: HTTP %d %s", c.Status, c.Raw)
	}
	checkSchema(t, "asset-get.response.json", c.Raw)
	if cd := c.data(); cd["mime_type"] != "video/mp4" || cd["size_bytes"] != float64(st.Size()) || cd["status"] != "ready" {
		t.Fatalf("complete: %s", c.Raw)
	}
	stl := s.call("GET", "/v3/assets/statuses?asset_ids="+id+",nope", nil)
	checkOurSchema(t, "asset-statuses.response.json", stl.Raw)
	if l := stl.list(); len(l) != 2 || l[0].(map[string]any)["status"] != "ready" || l[1].(map[string]any)["status"] != "not_found" {
		t.Errorf("statuses: %s", stl.Raw)
	}
	if g := s.call("GET", "/v3/assets/"+id, nil); g.Status != 200 || g.data()["type"] != "video" {
		t.Errorf("asset get: HTTP %d %s", g.Status, g.Raw)
	}

	// The upload as b-roll between two plain colour scenes of a studio video.
	vid := s.createDirect(map[string]any{
		"type": "studio", "resolution": "720p", "aspect_ratio": "16:9", "title": "B-roll",
		"scenes": []any{
			map[string]any{"type": "video", "source": map[string]any{"type": "asset_id", "asset_id": id}, "duration": 3},
		},
	})
	_, info, path := s.completed(t, vid)
	img, err := media.ExtractFrame(context.Background(), path, info.Duration/2)
	if os.Getenv("KEEP_FRAME") != "" {
		exec.Command("cp", path, os.Getenv("KEEP_FRAME")).Run()
	}
	if err != nil {
		t.Fatal(err)
	}
	// Noise: neighbouring pixels of the panel differ a lot; a plain card would not.
	if v := roughness(img, image.Rect(440, 260, 840, 460)); v < 8 {
		t.Errorf("the b-roll panel is smooth (mean neighbour difference %.1f): the upload is not shown", v)
	}
}

// roughness is the mean absolute difference of horizontally neighbouring luma values.
func roughness(img image.Image, r image.Rectangle) float64 {
	var sum float64
	n := 0
	luma := func(x, y int) float64 {
		cr, cg, cb, _ := img.At(x, y).RGBA()
		return (0.299*float64(cr) + 0.587*float64(cg) + 0.114*float64(cb)) / 257
	}
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x+1 < r.Max.X; x += 2 {
			d := luma(x, y) - luma(x+1, y)
			if d < 0 {
				d = -d
			}
			sum += d
			n++
		}
	}
	return sum / float64(n)
}

// TestDirectUploadRefusals: too large announced, a checksum that does not match, a file
// type we do not take; each a clear error, the upload's status says failed.
func TestDirectUploadRefusals(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	if r := s.call("POST", "/v3/assets/direct-uploads", map[string]any{"filename": "huge.mp4", "size_bytes": int64(3) << 30}); r.Status != 413 || r.errorField("param") != "size_bytes" {
		t.Errorf("3 GB announced: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("POST", "/v3/assets/direct-uploads", map[string]any{"checksum_sha256": "xyz"}); r.Status != 400 || r.errorField("param") != "checksum_sha256" {
		t.Errorf("bad checksum: HTTP %d %s", r.Status, r.Raw)
	}
	start := func(body map[string]any) (string, string) {
		r := s.call("POST", "/v3/assets/direct-uploads", body)
		if r.Status != 200 {
			t.Fatalf("direct-uploads: HTTP %d %s", r.Status, r.Raw)
		}
		return r.data()["asset_id"].(string), r.data()["upload_url"].(string)
	}
	data := testClip(t, 1)
	// A wrong checksum at complete.
	id, url := start(map[string]any{"filename": "a.mp4"})
	if code, body := put(t, url, strings.NewReader(string(data)), int64(len(data))); code != 200 {
		t.Fatalf("PUT: HTTP %d %s", code, body)
	}
	wrong := strings.Repeat("0", 64)
	if r := s.call("POST", "/v3/assets/"+id+"/complete", map[string]any{"checksum_sha256": wrong}); r.Status != 400 || r.errorField("param") != "checksum_sha256" {
		t.Errorf("wrong checksum: HTTP %d %s", r.Status, r.Raw)
	}
	if got := s.assetStatus(id); got != "failed" {
		t.Errorf("status after a wrong checksum: %s", got)
	}
	// A size that does not match the announced one.
	_, url = start(map[string]any{"filename": "b.mp4", "size_bytes": len(data) + 10})
	if code, body := put(t, url, strings.NewReader(string(data)), int64(len(data))); code != 400 {
		t.Errorf("short upload: HTTP %d %s", code, body)
	}
	// A file type we do not take, sniffed after the upload (the announced type is not trusted).
	id, url = start(map[string]any{"filename": "c.mp4", "content_type": "video/mp4"})
	if code, body := put(t, url, strings.NewReader("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"), 16); code != 200 {
		t.Fatalf("PUT: HTTP %d %s", code, body)
	}
	if r := s.call("POST", "/v3/assets/"+id+"/complete", nil); r.Status != 400 {
		t.Errorf("an ELF file: HTTP %d %s", r.Status, r.Raw)
	}
	// Another account sees none of it.
	other := newKey(t, s)
	if r := s.callKey(other, "POST", "/v3/assets/"+id+"/complete", nil); r.Status != 404 {
		t.Errorf("other account completes: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.callKey(other, "GET", "/v3/assets/statuses?asset_ids="+id, nil); !strings.Contains(string(r.Raw), "not_found") {
		t.Errorf("other account sees the status: %s", r.Raw)
	}
}
