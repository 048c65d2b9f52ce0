// Package e2e tests the real videoagent binary over real HTTP on loopback: it builds the
// binary once, starts server processes on temporary data directories, and talks to them as
// a client would.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/postgres/pgtest"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "videoagent-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "videoagent")
	// Servers of the tests render previews on demand only; TestPreviewsWarmAtStart turns
	// the background warming on for itself.
	os.Setenv("VIDEOAGENT_WARM_PREVIEWS", "0")
	args := []string{"build", "-o", binary}
	if pureGo {
		args = append(args, "-tags", "purego")
		if f := flag.Lookup("test.run"); f != nil && f.Value.String() == "" {
			f.Value.Set(pureGoFlows)
		}
	}
	build := exec.Command("go", append(args, "../cmd/videoagent")...)
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build videoagent:", err)
		os.Exit(1)
	}
	code := m.Run()
	pgtest.Stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

// server is one running videoagent process.
type server struct {
	t    testing.TB
	cmd  *exec.Cmd
	base string
	key  string
	data string
	logs *syncBuffer
	done chan struct{}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const bootstrapKey = "test-bootstrap-key-0123456789"

// freeAddr returns a loopback address with a free port.
func freeAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer starts videoagent serve on dataDir ("" for a new temporary one).
func startServer(t testing.TB, dataDir string, extra ...string) *server {
	t.Helper()
	return startServerEnv(t, dataDir, nil, extra...)
}

// startServerEnv is startServer with extra environment variables (later ones win).
func startServerEnv(t testing.TB, dataDir string, env []string, extra ...string) *server {
	t.Helper()
	if dataDir == "" {
		dataDir = t.TempDir()
	}
	if scaleBackend {
		env = append(scaleEnvFor(t, dataDir), env...)
	}
	addr := freeAddr(t)
	args := append([]string{"serve", "--addr", addr, "--data", dataDir}, extra...)
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), "VIDEOAGENT_API_KEY="+bootstrapKey), env...)
	return launch(t, cmd, addr, dataDir)
}

// launch starts cmd, a prepared `videoagent serve` on addr with data directory dataDir, and
// waits until it answers /healthz; the test's end kills it (and prints its logs if the test
// failed).
func launch(t testing.TB, cmd *exec.Cmd, addr, dataDir string) *server {
	t.Helper()
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, cmd: cmd, base: "http://" + addr, key: bootstrapKey, data: dataDir, logs: logs, done: make(chan struct{})}
	go func() { cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		s.kill()
		if t.Failed() {
			t.Logf("server logs:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		select {
		case <-s.done:
			t.Fatalf("server exited at start:\n%s", logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not become healthy:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// kill ends the process at once, as a crash would.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// stop asks the process to shut down gracefully and waits.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(90 * time.Second):
		s.t.Error("server did not stop within 90 s of SIGTERM")
		s.kill()
	}
}

// response is a decoded API response.
type response struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    []byte
}

func (r *response) data() map[string]any {
	d, _ := r.Body["data"].(map[string]any)
	return d
}

func (r *response) list() []any {
	d, _ := r.Body["data"].([]any)
	return d
}

func (r *response) errorField(name string) any {
	e, _ := r.Body["error"].(map[string]any)
	return e[name]
}

// call sends a request with the server's key; body may be nil, a []byte (sent raw), or a
// value marshalled as JSON.
func (s *server) call(method, path string, body any) *response {
	return s.callKey(s.key, method, path, body)
}

func (s *server) callKey(key, method, path string, body any) *response {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			s.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, rd)
	if err != nil {
		s.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("X-Api-Key", key)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	out := &response{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out.Body); err != nil {
			s.t.Fatalf("%s %s: response is not JSON: %v: %s", method, path, err, raw)
		}
	}
	return out
}

// createVideo starts a generate-mode session and returns (session_id, video_id).
func (s *server) createVideo(body map[string]any) (string, string) {
	s.t.Helper()
	r := s.call("POST", "/v3/video-agents", body)
	if r.Status != 200 {
		s.t.Fatalf("create: HTTP %d: %s", r.Status, r.Raw)
	}
	d := r.data()
	sid, _ := d["session_id"].(string)
	vid, _ := d["video_id"].(string)
	if sid == "" || vid == "" {
		s.t.Fatalf("create: missing session_id or video_id: %s", r.Raw)
	}
	return sid, vid
}

// waitVideo polls a video until it reaches one of the statuses or the timeout passes.
func (s *server) waitVideo(videoID string, timeout time.Duration, statuses ...string) map[string]any {
	s.t.Helper()
	return s.pollVideoEvery(videoID, timeout, 200*time.Millisecond, statuses...)
}

// pollVideo waits for a video to complete or fail, polling every interval.
func (s *server) pollVideo(videoID string, timeout, interval time.Duration) map[string]any {
	s.t.Helper()
	return s.pollVideoEvery(videoID, timeout, interval, "completed", "failed")
}

func (s *server) pollVideoEvery(videoID string, timeout, interval time.Duration, statuses ...string) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		r := s.call("GET", "/v3/videos/"+videoID, nil)
		if r.Status == http.StatusTooManyRequests { // a polite client waits as told
			time.Sleep(time.Second)
			continue
		}
		if r.Status != 200 {
			s.t.Fatalf("get video: HTTP %d: %s", r.Status, r.Raw)
		}
		d := r.data()
		for _, st := range statuses {
			if d["status"] == st {
				return d
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("video %s still %v after %s; want %v", videoID, d["status"], timeout, statuses)
		}
		time.Sleep(interval)
	}
}

// download fetches a URL to a file in the test's temp dir.
func download(t testing.TB, url, name string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("download %s: HTTP %d", url, resp.StatusCode)
	}
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}
