package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/openvideoagent/videoagent/internal/llmtest"
)

// TestOpsMetricsReadiness runs a server as an unprivileged user (root reads any file, so a
// file made unreadable only shows as one) with a PATH of its own: /readyz is 200; a video
// completes and /metrics shows the counters moving; with ffmpeg gone /readyz is 503 naming
// ffmpeg, the next video fails, and the failure counter moves; with the database file made
// unreadable /readyz is 503 naming the database; /healthz stays 200 throughout.
func TestOpsMetricsReadiness(t *testing.T) {
	// Not t.TempDir: its parent is private to root, and the server runs as nobody.
	bin, err := os.MkdirTemp("", "videoagent-ops-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(bin) })
	for _, tool := range []string{"ffmpeg", "ffprobe"} {
		p, err := lookPath(tool)
		if err != nil {
			t.Fatalf("%s: %v", tool, err)
		}
		if err := os.Symlink(p, filepath.Join(bin, tool)); err != nil {
			t.Fatal(err)
		}
	}
	s := startServerAsUser(t, bin)

	ready := func() (int, map[string]string) {
		t.Helper()
		resp, err := http.Get(s.base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Status string            `json:"status"`
			Checks map[string]string `json:"checks"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, body.Checks
	}
	healthy := func() {
		t.Helper()
		resp, err := http.Get(s.base + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("/healthz = %d, want 200 (liveness does not depend on readiness)", resp.StatusCode)
		}
	}
	if code, checks := ready(); code != 200 || checks["database"] != "ok" || checks["queue"] != "ok" || checks["ffmpeg"] != "ok" {
		t.Fatalf("/readyz at start = %d %v", code, checks)
	}

	before := scrape(t, s.base)
	_, vid := s.createVideo(map[string]any{"prompt": "A ten second video about why bees dance.", "duration_sec": 10})
	if v := s.waitVideo(vid, 3*time.Minute, "completed", "failed"); v["status"] != "completed" {
		t.Fatalf("video %v: %v %v", v["status"], v["failure_code"], v["failure_message"])
	}
	after := scrape(t, s.base)
	moved := func(name string, labels map[string]string, min float64) {
		t.Helper()
		b, a := metricValue(before, name, labels), metricValue(after, name, labels)
		t.Logf("%s%v: %g -> %g", name, labels, b, a)
		if a-b < min {
			t.Errorf("%s%v moved by %g, want at least %g", name, labels, a-b, min)
		}
	}
	moved("videoagent_videos_completed_total", nil, 1)
	moved("videoagent_video_seconds_rendered_total", nil, 5)
	moved("videoagent_http_requests_total", map[string]string{"route": "POST /v3/video-agents", "code": "200"}, 1)
	moved("videoagent_http_requests_total", map[string]string{"route": "GET /v3/videos/{video_id}", "code": "200"}, 1)
	moved("videoagent_render_seconds_per_video_second", map[string]string{"stage": "render"}, 1)
	moved("videoagent_render_seconds_per_video_second", map[string]string{"stage": "total"}, 1)
	moved("videoagent_tts_duration_seconds", map[string]string{"outcome": "ok"}, 1)
	moved("videoagent_videos", map[string]string{"status": "completed"}, 1)
	// River marks the job completed a moment after the video is: count it in any state.
	moved("videoagent_queue_jobs", map[string]string{"queue": "render"}, 1)
	if _, ok := after["videoagent_queue_depth"]; !ok {
		t.Error("no videoagent_queue_depth")
	}
	if got := metricValue(after, "videoagent_videos", map[string]string{"status": "processing"}); got != 0 {
		t.Errorf("videos processing after the video completed = %g", got)
	}
	// A render takes a fraction of the video's length on any machine this runs on, and
	// certainly not a hundred times it: a sanity bound, not a speed claim.
	if h := after["videoagent_render_seconds_per_video_second"]; h != nil {
		for _, m := range h.Metric {
			if hs := m.GetHistogram(); hs.GetSampleCount() > 0 {
				if mean := hs.GetSampleSum() / float64(hs.GetSampleCount()); mean <= 0 || mean > 100 {
					t.Errorf("render seconds per video second %v: mean %g", m.Label, mean)
				}
			}
		}
	}

	// ffmpeg goes missing.
	if err := os.Remove(filepath.Join(bin, "ffmpeg")); err != nil {
		t.Fatal(err)
	}
	code, checks := ready()
	if code != 503 || !strings.Contains(checks["ffmpeg"], "not found") || checks["database"] != "ok" {
		t.Fatalf("/readyz without ffmpeg = %d %v, want 503 naming ffmpeg", code, checks)
	}
	healthy()
	_, vid = s.createVideo(map[string]any{"prompt": "A ten second video about why cats purr.", "duration_sec": 10})
	if v := s.waitVideo(vid, 3*time.Minute, "completed", "failed"); v["status"] != "failed" {
		t.Fatalf("video without ffmpeg: %v", v["status"])
	}
	failed := scrape(t, s.base)
	if got := metricValue(failed, "videoagent_video_failures_total", map[string]string{"failure_code": "render_failed"}); got != 1 {
		t.Errorf("videoagent_video_failures_total{failure_code=render_failed} = %g, want 1", got)
	}
	if got := metricValue(failed, "videoagent_videos", map[string]string{"status": "failed"}); got != 1 {
		t.Errorf("videoagent_videos{status=failed} = %g, want 1", got)
	}
	if err := os.Symlink(mustLookPath(t, "ffmpeg"), filepath.Join(bin, "ffmpeg")); err != nil {
		t.Fatal(err)
	}
	if code, checks := ready(); code != 200 {
		t.Fatalf("/readyz with ffmpeg back = %d %v", code, checks)
	}

	// The database file becomes unreadable.
	dbPath := filepath.Join(s.data, "videoagent.db")
	if err := os.Chmod(dbPath, 0); err != nil {
		t.Fatal(err)
	}
	code, checks = ready()
	if code != 503 || !strings.Contains(checks["database"], "permission denied") {
		t.Fatalf("/readyz with the database unreadable = %d %v, want 503 naming the database", code, checks)
	}
	healthy()
	if err := os.Chmod(dbPath, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, checks := ready(); code != 200 {
		t.Fatalf("/readyz with the database readable again = %d %v", code, checks)
	}
}

// TestOpsRequestIDAndAccessLog checks that a request id is echoed (the client's when sane,
// a new one otherwise) and that the JSON access log carries it with the route and status.
func TestOpsRequestIDAndAccessLog(t *testing.T) {
	s := startServer(t, "", "--log-level", "debug")
	get := func(id string) *http.Response {
		req, _ := http.NewRequest("GET", s.base+"/v3/videos/nope", nil)
		req.Header.Set("X-Api-Key", s.key)
		if id != "" {
			req.Header.Set("X-Request-Id", id)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if got := get("client-id-42").Header.Get("X-Request-Id"); got != "client-id-42" {
		t.Errorf("X-Request-Id = %q, want the client's", got)
	}
	made := get("bad id with spaces").Header.Get("X-Request-Id")
	if made == "" || strings.Contains(made, " ") {
		t.Errorf("X-Request-Id for an insane client id = %q", made)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		var found bool
		for _, line := range strings.Split(s.logs.String(), "\n") {
			var l map[string]any
			if json.Unmarshal([]byte(line), &l) != nil || l["msg"] != "http request" || l["request_id"] != "client-id-42" {
				continue
			}
			found = true
			if l["route"] != "GET /v3/videos/{video_id}" || l["status"] != float64(404) || l["level"] != "INFO" {
				t.Errorf("access log line %s", line)
			}
		}
		if found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no JSON access log line with request_id client-id-42:\n%s", s.logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestOpsDocs checks that /docs is an HTML page naming every operation of the OpenAPI
// document, with nothing loaded from elsewhere.
func TestOpsDocs(t *testing.T) {
	s := startServer(t, "")
	resp, err := http.Get(s.base + "/docs")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var page bytes.Buffer
	if _, err := page.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/docs = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	doc := s.call("GET", "/openapi.json", nil)
	paths, _ := doc.Body["paths"].(map[string]any)
	if len(paths) < 20 {
		t.Fatalf("openapi.json has %d paths", len(paths))
	}
	for path, methods := range paths {
		for method := range methods.(map[string]any) {
			if !strings.Contains(page.String(), ">"+strings.ToUpper(method)+" "+path+"<") {
				t.Errorf("/docs does not list %s %s", strings.ToUpper(method), path)
			}
		}
	}
	for _, remote := range []string{"<script", "http://cdn", "https://", "//unpkg", "//fonts."} {
		if strings.Contains(page.String(), remote) {
			t.Errorf("/docs contains %q: it must be self-contained", remote)
		}
	}
}

// startServerAsUser starts videoagent serve with PATH=path on a new data directory, as the
// user nobody when the test runs as root (as itself otherwise).
func startServerAsUser(t *testing.T, path string) *server {
	t.Helper()
	data, err := os.MkdirTemp("", "videoagent-ops-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(data) })
	addr := freeAddr(t)
	cmd := exec.Command(binary, "serve", "--addr", addr, "--data", data)
	cmd.Env = append(os.Environ(), "VIDEOAGENT_API_KEY="+bootstrapKey, "PATH="+path, "HOME="+data)
	if os.Geteuid() == 0 {
		const nobody = 65534
		for _, dir := range []string{data, path} {
			if err := os.Chown(dir, nobody, nobody); err != nil {
				t.Fatal(err)
			}
		}
		// The binary's directory is private to root; nobody must be able to run it.
		if err := os.Chmod(filepath.Dir(binary), 0o755); err != nil {
			t.Fatal(err)
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	return launch(t, cmd, addr, data)
}

func mustLookPath(t *testing.T, name string) string {
	t.Helper()
	p, err := lookPath(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// scrape reads /metrics with Prometheus's own text parser.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics = %d", resp.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// metricValue sums the samples of a family whose labels include labels: a counter's or
// gauge's value, a histogram's sample count.
func metricValue(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return 0
	}
	var sum float64
next:
	for _, m := range f.Metric {
		for k, v := range labels {
			found := false
			for _, lp := range m.Label {
				if lp.GetName() == k && lp.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		}
	}
	return sum
}

// TestOpsLLMLatency: requests to the language model are timed in /metrics.
func TestOpsLLMLatency(t *testing.T) {
	f := llmtest.New(t)
	f.RequireKey("sk-metrics")
	var failing atomic.Bool
	f.Handle(cometModel(&failing))
	s := startServer(t, "", "--llm-base-url", f.BaseURL(), "--llm-model", "metrics-model", "--llm-api-key", "sk-metrics", "--workers", "1")
	sid := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "ava-business",
		"prompt": "A 10-second explainer about the Quasarine comet: it returns every 76 years and its tail is made of ice and dust."}).data()["session_id"].(string)
	s.waitSession(sid, 2*time.Minute, "reviewing")
	fams := scrape(t, s.base)
	if n := metricValue(fams, "videoagent_llm_request_duration_seconds", map[string]string{"code": "200"}); n < 1 || f.Count() == 0 {
		t.Errorf("llm_request_duration_seconds{code=200} counted %g requests; the model saw %d", n, f.Count())
	}
}
