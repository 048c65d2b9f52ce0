package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The server keeps its segment cache under --cache-max-mb: at start, files not used for
// hours are swept away, oldest first, while recent ones stay.
func TestSegmentCacheSwept(t *testing.T) {
	data := t.TempDir()
	dir := filepath.Join(data, "cache", "segments")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mb := make([]byte, 1<<20)
	for i, age := range []time.Duration{5 * time.Hour, 4 * time.Hour, 3 * time.Hour, 0} {
		p := filepath.Join(dir, "seg-"+strings.Repeat(string(rune('a'+i)), 8)+".mp4")
		if err := os.WriteFile(p, mb, 0o644); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(-age)
		os.Chtimes(p, at, at)
	}
	s := startServer(t, data, "--cache-max-mb", "2")
	deadline := time.Now().Add(10 * time.Second)
	var left []string
	for time.Now().Before(deadline) {
		left, _ = filepath.Glob(filepath.Join(dir, "seg-*.mp4"))
		// The sweep logs once it has removed the files: wait for both.
		if len(left) <= 1 && strings.Contains(s.logs.String(), "segment cache swept") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	// 4 MB for a 2 MB limit: down to 80% of it, so only the file in use stays.
	if len(left) != 1 || filepath.Base(left[0]) != "seg-dddddddd.mp4" {
		t.Errorf("after the sweep: %v", left)
	}
	if !strings.Contains(s.logs.String(), "segment cache swept") {
		t.Error("the server does not log the sweep")
	}
}
