package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFailureIsExplained runs a server that cannot render (no ffmpeg on its PATH): the video
// fails with a failure_code and a failure_message, and the session ends failed with an
// error message that says the same.
func TestFailureIsExplained(t *testing.T) {
	// A PATH with everything the server needs but ffmpeg.
	bin := t.TempDir()
	for _, tool := range []string{"ffprobe"} {
		if p, err := lookPath(tool); err == nil {
			os.Symlink(p, filepath.Join(bin, tool))
		}
	}
	s := startServerEnv(t, "", []string{"PATH=" + bin})
	sid, vid := s.createVideo(map[string]any{"prompt": "A short video about tide pools and the animals that live in them."})
	v := s.waitVideo(vid, 2*time.Minute, "completed", "failed")
	if v["status"] != "failed" {
		t.Fatalf("video %v without ffmpeg", v["status"])
	}
	code, _ := v["failure_code"].(string)
	msg, _ := v["failure_message"].(string)
	t.Logf("failure: %s: %s", code, msg)
	if code != "render_failed" || msg == "" {
		t.Fatalf("failure_code %q, failure_message %q", code, msg)
	}
	if v["video_url"] != nil {
		t.Errorf("failed video has a video_url: %v", v["video_url"])
	}
	sess := s.call("GET", "/v3/video-agents/"+sid, nil).data()
	if sess["status"] != "failed" {
		t.Fatalf("session status %v", sess["status"])
	}
	msgs, _ := sess["messages"].([]any)
	if len(msgs) == 0 {
		t.Fatal("session has no messages")
	}
	newest := msgs[0].(map[string]any)
	if newest["type"] != "error" || newest["role"] != "model" || !strings.Contains(newest["content"].(string), msg) {
		t.Fatalf("newest message = %v, want a model error saying %q", newest, msg)
	}
}

func lookPath(name string) (string, error) {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	return "", os.ErrNotExist
}
