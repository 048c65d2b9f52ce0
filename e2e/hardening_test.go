package e2e

import (
	"bytes"
	"encoding/json"
	"image/color"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowFiles serves an image at every path; the first hang requests wait delay first.
func slowFiles(t *testing.T, delay time.Duration, hang int) *httptest.Server {
	t.Helper()
	quit := make(chan struct{})
	var once sync.Once
	var mu sync.Mutex
	n := 0
	fs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		wait := n <= hang
		mu.Unlock()
		d := delay
		if !wait {
			d = 0
		}
		select {
		case <-time.After(d):
		case <-quit:
			return
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes(t, 320, 180, color.RGBA{200, 80, 20, 255}))
	}))
	t.Cleanup(func() { once.Do(func() { close(quit) }); fs.Close() })
	return fs
}

// post sends a JSON body with an Idempotency-Key, giving up after timeout (nil then).
func (s *server) postKey(path, idemKey string, body any, timeout time.Duration) *response {
	s.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.base+path, bytes.NewReader(raw))
	req.Header.Set("X-Api-Key", s.key)
	req.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	c := &http.Client{Timeout: timeout}
	resp, err := c.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	out := &response{Status: resp.StatusCode, Header: resp.Header, Raw: b.Bytes()}
	json.Unmarshal(out.Raw, &out.Body)
	return out
}

// TestIdempotencyClaimOfKilledProcess kills the server while a request holding an
// Idempotency-Key is in flight: after the restart the same request with the same key runs
// at once instead of answering 409 request_in_progress for minutes.
func TestIdempotencyClaimOfKilledProcess(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data, "--allow-private-urls")
	slow := slowFiles(t, time.Hour, 1)
	body := map[string]any{"type": "image", "image": map[string]any{"type": "url", "url": slow.URL + "/img.png"},
		"script": "A picture of the sunset.", "resolution": "720p"}
	done := make(chan struct{})
	go func() { defer close(done); s.postKey("/v3/videos", "order-77", body, 30*time.Second) }()
	time.Sleep(1500 * time.Millisecond) // the request now holds the key, waiting on the URL
	s.kill()
	<-done

	s2 := startServer(t, data, "--allow-private-urls")
	r := s2.postKey("/v3/videos", "order-77", body, 20*time.Second)
	if r == nil || r.Status != http.StatusOK {
		t.Fatalf("the same request after the restart: %+v", r)
	}
}

// TestCreateNotBlockedBySlowURL: while one create waits on a slow URL at accept time, the
// same account's next create is answered (the per-account limit lock is not held during
// downloads). The slow URL answers only after the second create has.
func TestCreateNotBlockedBySlowURL(t *testing.T) {
	s := startServer(t, "", "--allow-private-urls", "--workers", "0")
	release := make(chan struct{})
	fs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(pngBytes(t, 320, 180, color.RGBA{20, 80, 200, 255}))
	}))
	defer fs.Close()
	first := make(chan *response, 1)
	go func() {
		first <- s.postKey("/v3/videos", "", map[string]any{"type": "image", "image": map[string]any{"type": "url", "url": fs.URL + "/slow.png"},
			"script": "A slow picture.", "resolution": "720p"}, 60*time.Second)
	}()
	time.Sleep(500 * time.Millisecond) // the first create is now downloading
	second := s.postKey("/v3/videos", "", map[string]any{"type": "image", "image": b64(pngBytes(t, 320, 180, color.RGBA{1, 2, 3, 255})),
		"script": "A quick picture.", "resolution": "720p"}, 20*time.Second)
	close(release)
	if second == nil || second.Status != 200 {
		t.Fatalf("second create while the first downloads: %+v (want 200 without waiting for the first)", second)
	}
	if r := <-first; r == nil || r.Status != 200 {
		t.Fatalf("first create: %+v", r)
	}
}

// TestRepliesInEnvelope: what net/http answers on its own (a request line or headers over
// 1 MB) and a multipart upload cut short come back in the v3 envelope, and the upload's
// 400 does not show where the server stores files.
func TestRepliesInEnvelope(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	check := func(name string, resp *http.Response, status int, code string) string {
		t.Helper()
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		var env struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if resp.StatusCode != status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
			json.Unmarshal(b.Bytes(), &env) != nil || env.Error.Code != code {
			t.Errorf("%s: %d %q %s; want %d in the envelope with code %s", name, resp.StatusCode, resp.Header.Get("Content-Type"), b.String(), status, code)
		}
		return env.Error.Message
	}
	// Headers over 1 MB.
	req, _ := http.NewRequest("GET", s.base+"/v3/videos", nil)
	req.Header.Set("X-Api-Key", s.key)
	req.Header.Set("X-Big", strings.Repeat("a", 2<<20))
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Errorf("huge header: %v", err)
	} else {
		check("huge header", resp, 431, "payload_too_large")
	}
	// A request line over 1 MB.
	if resp, err := http.Get(s.base + "/v3/videos?q=" + strings.Repeat("b", 2<<20)); err != nil {
		t.Errorf("huge URL: %v", err)
	} else {
		check("huge URL", resp, 431, "payload_too_large")
	}
	// A multipart upload whose file part breaks off without its closing boundary.
	png := pngBytes(t, 64, 64, color.RGBA{1, 2, 3, 255})
	body := "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n" + string(png) + strings.Repeat("x", 70<<10)
	req, _ = http.NewRequest("POST", s.base+"/v3/assets", strings.NewReader(body))
	req.Header.Set("X-Api-Key", s.key)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=XYZ")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg := check("broken upload", resp, 400, "invalid_parameter")
	for _, leak := range []string{"assets/", "blob", ".tmp", s.data} {
		if strings.Contains(msg, leak) {
			t.Errorf("broken upload's message shows %q: %s", leak, msg)
		}
	}
}
