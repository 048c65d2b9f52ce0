package e2e

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"testing"
)

// upload sends body as the multipart field "file" and decodes the answer.
func (s *server) upload(name string, body io.Reader) *response {
	s.t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", name)
		if err == nil {
			_, err = io.Copy(fw, body)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", s.base+"/v3/assets", pr)
	req.Header.Set("X-Api-Key", s.key)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := &response{Status: resp.StatusCode, Header: resp.Header}
	out.Raw, _ = io.ReadAll(resp.Body)
	json.Unmarshal(out.Raw, &out.Body)
	return out
}

func pngBytes(t testing.TB, w, h int, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestAssets uploads, reads, lists and deletes assets, and refuses oversized, empty and
// unsupported files.
func TestAssets(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	img := pngBytes(t, 64, 48, color.RGBA{200, 40, 40, 255})
	r := s.upload("red.png", bytes.NewReader(img))
	if r.Status != 200 {
		t.Fatalf("upload: HTTP %d %s", r.Status, r.Raw)
	}
	d := r.data()
	id, _ := d["asset_id"].(string)
	if id == "" || d["mime_type"] != "image/png" || d["size_bytes"] != float64(len(img)) {
		t.Fatalf("upload answer: %s", r.Raw)
	}
	got := download(t, d["url"].(string), "red.png")
	if probe, err := os.ReadFile(got); err != nil || !bytes.Equal(probe, img) {
		t.Fatalf("downloaded asset differs from the upload")
	}

	srt := "1\n00:00:00,000 --> 00:00:01,500\nHello there\n\n2\n00:00:01,600 --> 00:00:03,000\nSecond cue\n"
	if r := s.upload("captions.srt", bytes.NewReader([]byte(srt))); r.Status != 200 || r.data()["mime_type"] != "application/x-subrip" {
		t.Fatalf("srt upload: HTTP %d %s", r.Status, r.Raw)
	}

	a := s.call("GET", "/v3/assets/"+id, nil)
	if a.Status != 200 || a.data()["id"] != id || a.data()["type"] != "image" || a.data()["name"] != "red.png" {
		t.Fatalf("get: HTTP %d %s", a.Status, a.Raw)
	}
	l := s.call("GET", "/v3/assets?limit=1", nil)
	if l.Status != 200 || len(l.list()) != 1 || l.Body["has_more"] != true {
		t.Fatalf("list: %s", l.Raw)
	}

	other := newKey(t, s)
	if r := s.callKey(other, "GET", "/v3/assets/"+id, nil); r.Status != 404 {
		t.Errorf("another account reads the asset: HTTP %d", r.Status)
	}
	if r := s.callKey(other, "DELETE", "/v3/assets/"+id, nil); r.Status != 404 {
		t.Errorf("another account deletes the asset: HTTP %d", r.Status)
	}

	// 33 MB is refused with 413 while it streams, not after buffering it all.
	big := io.MultiReader(bytes.NewReader(img), io.LimitReader(zeros{}, 33<<20))
	if r := s.upload("big.png", big); r.Status != 413 || r.errorField("code") != "payload_too_large" {
		t.Errorf("33 MB upload: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.upload("empty.wav", bytes.NewReader(nil)); r.Status != 400 || r.errorField("param") != "file" {
		t.Errorf("empty upload: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.upload("page.html", bytes.NewReader([]byte("<!DOCTYPE html><html><body>hi</body></html>"))); r.Status != 400 || r.errorField("param") != "file" {
		t.Errorf("html upload: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.upload("blob.bin", bytes.NewReader([]byte{0, 1, 2, 3, 4, 5, 0xff, 0xfe})); r.Status != 400 {
		t.Errorf("binary upload: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("POST", "/v3/assets", map[string]any{"file": "x"}); r.Status != 400 || r.errorField("param") != "file" {
		t.Errorf("json instead of multipart: HTTP %d %s", r.Status, r.Raw)
	}

	if r := s.call("DELETE", "/v3/assets/"+id, nil); r.Status != 200 || r.data()["id"] != id {
		t.Fatalf("delete: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/assets/"+id, nil); r.Status != 404 {
		t.Fatalf("deleted asset: HTTP %d", r.Status)
	}
	if resp, err := http.Get(d["url"].(string)); err != nil || resp.StatusCode != 404 {
		t.Errorf("deleted asset's file still served: %v", resp.StatusCode)
	}
}
