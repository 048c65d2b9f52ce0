package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
	"go.uber.org/goleak"
)

// lockedBuffer is a bytes.Buffer the server's logger and the test may use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A server that made a video and its previews and is then told to stop (its context ends,
// as SIGTERM ends it in main) returns, and leaves no goroutine behind: not its HTTP
// server's, its queue's, its speech workers', its preview makers' nor its webhook
// senders'. make race runs it under the race detector.
func TestServeShutdownLeavesNoGoroutine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a whole server and renders a video")
	}
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(), goleak.IgnoreTopFunction(media.StarterFunc))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const key = "shutdown-test-key-0123456789"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", t.TempDir(), "--api-key", key, "--workers", "1",
			"--log-format", "text", "--shutdown-timeout", "30s"}, &logs, &logs)
	}()
	client := &http.Client{Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	call := func(method, path, body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, "http://"+addr+path, strings.NewReader(body))
		req.Header.Set("X-Api-Key", key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, logs.String())
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		if resp.StatusCode != 200 {
			t.Fatalf("%s %s: HTTP %d %v", method, path, resp.StatusCode, out)
		}
		data, _ := out["data"].(map[string]any)
		return data
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := client.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not healthy: %v\n%s", err, logs.String())
		}
		select {
		case code := <-done:
			t.Fatalf("server exited with %d:\n%s", code, logs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	// A video, and the catalogue's previews (made on first request and in the background).
	sid := call("POST", "/v3/video-agents", `{"prompt":"A 5-second welcome to the Harbor Street bakery."}`)["session_id"]
	call("GET", "/v3/avatars", "")
	call("GET", "/v3/video-agents/styles", "")
	for {
		se := call("GET", fmt.Sprintf("/v3/video-agents/%v", sid), "")
		if se["status"] == "completed" {
			break
		}
		if se["status"] == "failed" || time.Now().After(deadline) {
			t.Fatalf("session %v: %v\n%s", sid, se["status"], logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	client.CloseIdleConnections()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited with %d:\n%s", code, logs.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not return after its context ended:\n%s", logs.String())
	}
}
