package e2e

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// TestValidation checks that every bad create body gets the v3 error envelope with the right
// status, code and param, and that unknown fields are ignored.
func TestValidation(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	long := strings.Repeat("a", 10001)
	cases := []struct {
		name   string
		body   any
		status int
		code   string
		param  string
	}{
		{"malformed json", []byte(`{"prompt": "x"`), 400, "invalid_parameter", ""},
		{"not an object", []byte(`["prompt"]`), 400, "invalid_parameter", ""},
		{"empty body", []byte(``), 400, "invalid_parameter", ""},
		{"missing prompt", map[string]any{"mode": "generate"}, 400, "invalid_parameter", "prompt"},
		{"empty prompt", map[string]any{"prompt": ""}, 400, "invalid_parameter", "prompt"},
		{"blank prompt", map[string]any{"prompt": "   "}, 400, "invalid_parameter", "prompt"},
		{"prompt too long", map[string]any{"prompt": long}, 400, "invalid_parameter", "prompt"},
		{"prompt wrong type", map[string]any{"prompt": 42}, 400, "invalid_parameter", "prompt"},
		{"mode unknown", map[string]any{"prompt": "x", "mode": "fast"}, 400, "invalid_parameter", "mode"},
		{"mode wrong type", map[string]any{"prompt": "x", "mode": 1}, 400, "invalid_parameter", "mode"},
		{"orientation unknown", map[string]any{"prompt": "x", "orientation": "diagonal"}, 400, "invalid_parameter", "orientation"},
		{"incognito wrong type", map[string]any{"prompt": "x", "incognito_mode": "yes"}, 400, "invalid_parameter", "incognito_mode"},
		{"files not array", map[string]any{"prompt": "x", "files": "a.png"}, 400, "invalid_parameter", "files"},
		{"file without type", map[string]any{"prompt": "x", "files": []any{map[string]any{"url": "https://example.com/a.png"}}}, 400, "invalid_parameter", "files[0].type"},
		{"file url missing", map[string]any{"prompt": "x", "files": []any{map[string]any{"type": "url"}}}, 400, "invalid_parameter", "files[0].url"},
		{"file url not http", map[string]any{"prompt": "x", "files": []any{map[string]any{"type": "url", "url": "file:///etc/passwd"}}}, 400, "invalid_parameter", "files[0].url"},
		{"file base64 missing data", map[string]any{"prompt": "x", "files": []any{map[string]any{"type": "base64", "media_type": "image/png"}}}, 400, "invalid_parameter", "files[0].data"},
		{"too many files", map[string]any{"prompt": "x", "files": manyFiles(21)}, 400, "invalid_parameter", "files"},
		{"callback url invalid", map[string]any{"prompt": "x", "callback_url": "not a url"}, 400, "invalid_parameter", "callback_url"},
		{"duration too short", map[string]any{"prompt": "x", "duration_sec": 2}, 400, "invalid_parameter", "duration_sec"},
		{"duration too long", map[string]any{"prompt": "x", "duration_sec": 5000}, 400, "invalid_parameter", "duration_sec"},
		{"unknown avatar", map[string]any{"prompt": "x", "avatar_id": "nobody"}, 404, "avatar_not_found", "avatar_id"},
		{"unknown voice", map[string]any{"prompt": "x", "voice_id": "nobody"}, 404, "voice_not_found", "voice_id"},
		{"unknown style", map[string]any{"prompt": "x", "style_id": "nostyle"}, 400, "invalid_parameter", "style_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := s.call("POST", "/v3/video-agents", c.body)
			if r.Status != c.status || r.errorField("code") != c.code {
				t.Fatalf("HTTP %d %s, want %d %s", r.Status, r.Raw, c.status, c.code)
			}
			if msg, _ := r.errorField("message").(string); msg == "" {
				t.Errorf("no message: %s", r.Raw)
			}
			gotParam, _ := r.errorField("param").(string)
			if gotParam != c.param {
				t.Errorf("param = %q, want %q (%s)", gotParam, c.param, r.Raw)
			}
			if _, ok := r.Body["error"].(map[string]any)["doc_url"]; !ok {
				t.Errorf("envelope lacks doc_url: %s", r.Raw)
			}
		})
	}

	t.Run("unknown fields ignored, legacy booleans accepted", func(t *testing.T) {
		r := s.call("POST", "/v3/video-agents", map[string]any{
			"prompt": "A short video about tea.", "whatever": map[string]any{"x": 1},
			"auto_proceed": true, "skip_agentic_stop": false, "callback_id": "abc", "orientation": "portrait",
		})
		if r.Status != 200 || r.data()["status"] != "thinking" || r.data()["video_id"] == nil {
			t.Fatalf("HTTP %d %s", r.Status, r.Raw)
		}
	})
	t.Run("bad query parameters", func(t *testing.T) {
		for _, q := range []string{"limit=0", "limit=101", "limit=abc", "token=notavalidtoken", "token=" + strings.Repeat("x", 600)} {
			r := s.call("GET", "/v3/video-agents?"+q, nil)
			if r.Status != 400 || r.errorField("code") != "invalid_parameter" {
				t.Errorf("%s: HTTP %d %s", q, r.Status, r.Raw)
			}
		}
		r := s.call("GET", "/v3/videos?limit=101", nil)
		if r.Status != 400 || r.errorField("param") != "limit" {
			t.Errorf("videos limit=101: HTTP %d %s", r.Status, r.Raw)
		}
	})
	t.Run("unknown route and method", func(t *testing.T) {
		if r := s.call("GET", "/v3/nothing-here", nil); r.Status != 404 || r.errorField("code") != "not_found" {
			t.Errorf("unknown route: HTTP %d %s", r.Status, r.Raw)
		}
		if r := s.call("PUT", "/v3/video-agents", map[string]any{}); r.Status != 405 || r.errorField("code") != "method_not_allowed" {
			t.Errorf("wrong method: HTTP %d %s", r.Status, r.Raw)
		}
	})
}

func manyFiles(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"type": "asset_id", "asset_id": "a"}
	}
	return out
}

// TestAuth checks keys: missing and wrong keys are 401, both header forms work, and another
// account's key sees nothing of this account (404).
func TestAuth(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	for _, key := range []string{"", "wrong-key"} {
		r := s.callKey(key, "GET", "/v3/video-agents", nil)
		if r.Status != 401 || r.errorField("code") != "unauthorized" {
			t.Errorf("key %q: HTTP %d %s", key, r.Status, r.Raw)
		}
	}
	// Authorization: Bearer works too.
	sid, vid := s.createVideo(map[string]any{"prompt": "A video about bees."})
	req := s.callBearer("GET", "/v3/video-agents/"+sid)
	if req != 200 {
		t.Errorf("bearer auth: HTTP %d", req)
	}

	// A second account from `videoagent keys create` sees none of the first's resources.
	other := newKey(t, s)
	for _, p := range []string{"/v3/video-agents/" + sid, "/v3/videos/" + vid, "/v3/video-agents/" + sid + "/videos"} {
		r := s.callKey(other, "GET", p, nil)
		if r.Status != 404 {
			t.Errorf("other account GET %s: HTTP %d %s, want 404", p, r.Status, r.Raw)
		}
	}
	if r := s.callKey(other, "DELETE", "/v3/videos/"+vid, nil); r.Status != 404 {
		t.Errorf("other account DELETE: HTTP %d", r.Status)
	}
	r := s.callKey(other, "GET", "/v3/video-agents", nil)
	if r.Status != 200 || len(r.list()) != 0 {
		t.Errorf("other account list: %s", r.Raw)
	}
	r = s.callKey(other, "GET", "/v3/videos", nil)
	if r.Status != 200 || len(r.list()) != 0 {
		t.Errorf("other account video list: %s", r.Raw)
	}
	// The first account still sees its own.
	if r := s.call("GET", "/v3/videos/"+vid, nil); r.Status != 200 || r.data()["status"] != "pending" {
		t.Errorf("own video: HTTP %d %s", r.Status, r.Raw)
	}
}

// callBearer sends a GET with the key as Authorization: Bearer and returns the status.
func (s *server) callBearer(method, path string) int {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// probeDuration returns a media file's duration in seconds.
func probeDuration(t testing.TB, path string) float64 {
	t.Helper()
	info, err := media.Probe(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Duration.Seconds()
}

// TestPagination walks 25 sessions with limit 10: three pages, newest first, no repeats.
func TestPagination(t *testing.T) {
	s := startServer(t, "", "--workers", "0", "--max-active-jobs", "-1")
	var want []string
	for i := 0; i < 25; i++ {
		sid, _ := s.createVideo(map[string]any{"prompt": "Video number " + string(rune('A'+i))})
		want = append([]string{sid}, want...) // newest first
	}
	var got []string
	token := ""
	pages := 0
	for {
		path := "/v3/video-agents?limit=10"
		if token != "" {
			path += "&token=" + token
		}
		r := s.call("GET", path, nil)
		if r.Status != 200 {
			t.Fatalf("HTTP %d %s", r.Status, r.Raw)
		}
		pages++
		for _, it := range r.list() {
			m := it.(map[string]any)
			got = append(got, m["session_id"].(string))
			if _, ok := m["created_at"].(float64); !ok {
				t.Fatalf("item without created_at: %v", m)
			}
		}
		hasMore, _ := r.Body["has_more"].(bool)
		next, _ := r.Body["next_token"].(string)
		if hasMore != (next != "") {
			t.Fatalf("has_more %v with next_token %q", hasMore, next)
		}
		if !hasMore {
			if r.Body["next_token"] != nil {
				t.Fatalf("last page next_token = %v, want null", r.Body["next_token"])
			}
			break
		}
		token = next
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
	}
	if pages != 3 {
		t.Errorf("pages = %d, want 3", pages)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("walked %d sessions, want the 25 newest first:\n got %v\nwant %v", len(got), got, want)
	}
	// Videos paginate the same way (default limit 10).
	r := s.call("GET", "/v3/videos", nil)
	if len(r.list()) != 10 || r.Body["has_more"] != true {
		t.Errorf("videos first page: %d items, has_more %v", len(r.list()), r.Body["has_more"])
	}
}

// TestKilledServerResumes kills the server with SIGKILL while a video renders, starts it
// again on the same data directory, and the video completes.
func TestKilledServerResumes(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data)
	_, vid := s.createVideo(map[string]any{"prompt": "Explain how a bicycle gear system works: chainrings, cassette, derailleur and shifting.", "duration_sec": 40})
	s.waitVideo(vid, 2*time.Minute, "processing")
	time.Sleep(300 * time.Millisecond) // well inside the render
	if v := s.call("GET", "/v3/videos/"+vid, nil).data(); v["status"] != "processing" {
		t.Fatalf("video finished before the kill (%v); the test needs a longer video", v["status"])
	}
	s.kill()

	s2 := startServer(t, data)
	v := s2.waitVideo(vid, 5*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("after restart the video %v: %v %v", v["status"], v["failure_code"], v["failure_message"])
	}
	resumed := "resuming job left running by a previous process"
	if scaleBackend { // on PostgreSQL the job of a process that stopped beating is resumed
		resumed = "resumed a job whose worker stopped answering"
	}
	if !strings.Contains(s2.logs.String(), resumed) {
		t.Errorf("restart logs do not show the resumed job:\n%s", s2.logs.String())
	}
	mp4 := download(t, v["video_url"].(string), "resumed.mp4")
	if probeDuration(t, mp4) < 10 {
		t.Errorf("resumed video is too short")
	}
}

// TestGracefulShutdown sends SIGTERM while idle: the process exits cleanly and a new one
// starts on the same data directory (the lock was released).
func TestGracefulShutdown(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data)
	s.stop()
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("exit code %d after SIGTERM:\n%s", code, s.logs.String())
	}
	s2 := startServer(t, data)
	if r := s2.call("GET", "/v3/video-agents", nil); r.Status != 200 {
		t.Fatalf("restart: HTTP %d", r.Status)
	}
	// A second server on a data directory in use refuses to start.
	cmd := exec.Command(binary, "serve", "--addr", freeAddr(t), "--data", data)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "in use") {
		t.Fatalf("second server on the same data dir: err %v, output %s", err, out)
	}
}

// TestShutdownMidRender sends SIGTERM while a video renders with a shutdown timeout too short
// for it to finish: the render is cut short, the process exits cleanly, and the next start
// on the same data directory completes the video.
func TestShutdownMidRender(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data, "--shutdown-timeout", "100ms")
	_, vid := s.createVideo(map[string]any{"prompt": "Explain how a heat pump moves heat: refrigerant, compressor, condenser and evaporator.", "duration_sec": 40})
	s.waitVideo(vid, 2*time.Minute, "processing")
	s.stop()
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("exit code %d after SIGTERM:\n%s", code, s.logs.String())
	}
	s2 := startServer(t, data)
	v := s2.waitVideo(vid, 5*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("after restart the video %v: %v %v", v["status"], v["failure_code"], v["failure_message"])
	}
}

// newKey creates a second account with `videoagent keys create` and returns its key, checking
// that the command prints the key and nothing else.
func newKey(t testing.TB, s *server) string {
	t.Helper()
	cmd := exec.Command(binary, "keys", "create", "--data", s.data, "--name", "other team")
	if scaleBackend {
		cmd.Env = append(os.Environ(), scaleEnvFor(t, s.data)...)
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("keys create: %v", err)
	}
	key := strings.TrimSpace(string(out))
	if strings.ContainsAny(key, " \n") || len(key) < 20 || string(out) != key+"\n" {
		t.Fatalf("keys create printed %q, want just a key", out)
	}
	return key
}
