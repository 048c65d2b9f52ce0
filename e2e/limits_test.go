package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
)

func (s *server) postWithKey(path, idemKey string, body any) *response {
	s.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", s.base+path, bytes.NewReader(raw))
	req.Header.Set("X-Api-Key", s.key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", idemKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	out := &response{Status: resp.StatusCode, Header: resp.Header}
	json.NewDecoder(resp.Body).Decode(&out.Body)
	return out
}

// TestIdempotency: the same key twice returns the same video; a burst of concurrent requests
// with one key creates one session, every answer being that session or 409.
func TestIdempotency(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	body := map[string]any{"prompt": "A video about idempotent APIs."}
	a := s.postWithKey("/v3/video-agents", "key-1", body)
	b := s.postWithKey("/v3/video-agents", "key-1", body)
	if a.Status != 200 || b.Status != 200 || a.data()["video_id"] != b.data()["video_id"] || a.data()["session_id"] != b.data()["session_id"] {
		t.Fatalf("same key twice: %v / %v", a.Body, b.Body)
	}
	if b.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay not marked")
	}
	if c := s.postWithKey("/v3/video-agents", "key-1", map[string]any{"prompt": "Another video."}); c.Status != 400 || c.errorField("param") != "Idempotency-Key" {
		t.Errorf("same key, other body: %d %v", c.Status, c.Body)
	}
	if d := s.postWithKey("/v3/video-agents", "key-2", body); d.data()["video_id"] == a.data()["video_id"] {
		t.Errorf("a new key replayed the old video")
	}

	var wg sync.WaitGroup
	results := make([]*response, 12)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = s.postWithKey("/v3/video-agents", "burst", map[string]any{"prompt": "Burst."})
		}(i)
	}
	wg.Wait()
	sessions := map[any]bool{}
	for _, r := range results {
		switch r.Status {
		case 200:
			sessions[r.data()["session_id"]] = true
		case 409:
			if r.errorField("code") != "request_in_progress" {
				t.Errorf("409 with code %v", r.errorField("code"))
			}
		default:
			t.Errorf("burst answer %d %v", r.Status, r.Body)
		}
	}
	if len(sessions) != 1 {
		t.Errorf("a burst with one key created %d sessions", len(sessions))
	}
}

// TestJobLimit: with a limit of 10 active jobs, 11 concurrent creates give 10 videos and one
// 429 rate_limit_exceeded with Retry-After.
func TestJobLimit(t *testing.T) {
	s := startServer(t, "", "--workers", "0", "--max-active-jobs", "10")
	var wg sync.WaitGroup
	results := make([]*response, 11)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = s.call("POST", "/v3/video-agents", map[string]any{"prompt": "Job " + strconv.Itoa(i)})
		}(i)
	}
	wg.Wait()
	ok, limited := 0, 0
	for _, r := range results {
		switch {
		case r.Status == 200:
			ok++
		case r.Status == 429 && r.errorField("code") == "rate_limit_exceeded":
			limited++
			if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra < 1 {
				t.Errorf("429 without a Retry-After in seconds: %q", r.Header.Get("Retry-After"))
			}
		default:
			t.Errorf("answer %d %s", r.Status, r.Raw)
		}
	}
	if ok != 10 || limited != 1 {
		t.Fatalf("%d accepted, %d limited; want 10 and 1", ok, limited)
	}
	me := s.call("GET", "/v3/users/me", nil)
	usage, _ := me.data()["usage"].(map[string]any)
	if me.Status != 200 || me.data()["username"] == nil || usage["active_jobs"] != float64(10) {
		t.Fatalf("users/me: %d %s", me.Status, me.Raw)
	}
}

// TestRateLimit: an account that sends faster than its rate gets 429 with Retry-After; another
// account is not affected.
func TestRateLimit(t *testing.T) {
	s := startServer(t, "", "--workers", "0", "--rate-limit", "1", "--rate-burst", "5")
	other := newKey(t, s)
	limited := 0
	for i := 0; i < 10; i++ {
		r := s.call("GET", "/v3/video-agents", nil)
		if r.Status == 429 {
			limited++
			if r.Header.Get("Retry-After") == "" || r.errorField("code") != "rate_limit_exceeded" {
				t.Fatalf("429 without Retry-After or code: %v %s", r.Header, r.Raw)
			}
		}
	}
	if limited < 4 {
		t.Fatalf("%d of 10 requests limited at 1/s with a burst of 5", limited)
	}
	if r := s.callKey(other, "GET", "/v3/video-agents", nil); r.Status != 200 {
		t.Fatalf("another account was limited: %d", r.Status)
	}
}
