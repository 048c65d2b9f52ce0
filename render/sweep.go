package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// SweepCache keeps a segment cache folder under maxBytes: when the files in it add up to
// more, the least recently used (by modification time, which every cache hit refreshes)
// are removed until they fill at most 80% of maxBytes. Files used in the last minute
// (segments a render may be about to join) are kept, and temporary files left by an
// interrupted render (named .tmp, or under a render's dot-folder) are removed once an
// hour old, with the folders they leave empty. It returns what it removed.
func SweepCache(dir string, maxBytes int64, now time.Time) (removed int, freed int64, err error) {
	type entry struct {
		path string
		size int64
		used time.Time
	}
	var files []entry
	var staleDirs []string
	var total int64
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			// Stale when untouched for an hour before the sweep removes anything in it.
			if info, err := d.Info(); err == nil && path != dir && strings.HasPrefix(d.Name(), ".") && now.Sub(info.ModTime()) > time.Hour {
				staleDirs = append(staleDirs, path)
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		rel, _ := filepath.Rel(dir, path)
		if strings.Contains(d.Name(), ".tmp") || strings.HasPrefix(rel, ".") || strings.Contains(rel, string(filepath.Separator)+".") {
			if now.Sub(info.ModTime()) > time.Hour && os.Remove(path) == nil {
				removed++
				freed += info.Size()
			}
			return nil
		}
		files = append(files, entry{path, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	// Deepest first; os.Remove leaves a folder that still holds files.
	for i := len(staleDirs) - 1; i >= 0; i-- {
		os.Remove(staleDirs[i])
	}
	if err != nil || total <= maxBytes {
		return removed, freed, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].used.Before(files[j].used) })
	target := maxBytes / 10 * 8
	for _, f := range files {
		if total <= target {
			break
		}
		if now.Sub(f.used) < time.Minute {
			continue
		}
		if os.Remove(f.path) == nil {
			removed++
			freed += f.size
			total -= f.size
		}
	}
	return removed, freed, nil
}
