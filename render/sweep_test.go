package render

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The cache sweep removes the least recently used files down to 80% of the limit, keeps
// files used in the last minute, and clears temporary files older than an hour.
func TestSweepCache(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	put := func(name string, size int, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	put("seg-old.mp4", 400, 3*time.Hour)
	put("seg-mid.mp4", 300, 2*time.Hour)
	put("seg-new.mp4", 300, time.Hour)
	put("seg-now.mp4", 500, 10*time.Second) // in use: kept even over the limit
	put("seg-x.mp4.tmp123", 100, 2*time.Hour)
	put("seg-y.mp4.tmp456", 100, time.Minute)
	// An interrupted render's folder: its files are temporary whatever their names.
	stale := filepath.Join(dir, ".segments-123")
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	put(".segments-123/segments.ffconcat", 50, 2*time.Hour)
	os.Chtimes(stale, now.Add(-2*time.Hour), now.Add(-2*time.Hour))

	// Under the limit: only the stale temporary files go, and the folder they leave.
	if n, _, err := SweepCache(dir, 10000, now); err != nil || n != 2 {
		t.Fatalf("sweep under the limit removed %d (%v), want the two stale temporary files", n, err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale render folder is still there: %v", err)
	}
	// Over: 1500 bytes for a limit of 1000 -> down to 800, oldest first, keeping seg-now.
	n, freed, err := SweepCache(dir, 1000, now)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]bool{}
	m, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range m {
		left[filepath.Base(p)] = true
	}
	if n != 2 || freed != 700 || left["seg-old.mp4"] || left["seg-mid.mp4"] || !left["seg-new.mp4"] || !left["seg-now.mp4"] || !left["seg-y.mp4.tmp456"] {
		t.Errorf("removed %d (%d bytes), left %v", n, freed, left)
	}
}
