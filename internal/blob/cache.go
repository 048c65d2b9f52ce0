package blob

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

// Cache is a cache level shared by processes on any machine: files kept in a blob store (an
// S3 bucket) under a prefix, copied to and from local files. Every operation is best effort:
// a failure is a miss, never an error, since what is cached can be made again.
type Cache struct {
	Store  videoagent.BlobStore
	Prefix string // e.g. "cache/segments/"
}

// Fetch copies the file cached under name to path (atomically); false on a miss.
func (c *Cache) Fetch(ctx context.Context, name, path string) bool {
	if c == nil || c.Store == nil || strings.ContainsAny(name, "/\\") {
		return false
	}
	b, err := c.Store.Open(ctx, c.Prefix+name)
	if err != nil {
		return false
	}
	defer b.Close()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fetch-*")
	if err != nil {
		return false
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, b)
	if cerr := tmp.Close(); err != nil || cerr != nil || n != b.Size() || n == 0 {
		return false
	}
	return os.Rename(tmp.Name(), path) == nil
}

// Publish stores the file at path under name.
func (c *Cache) Publish(ctx context.Context, name, path string) {
	if c == nil || c.Store == nil || strings.ContainsAny(name, "/\\") {
		return
	}
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	c.Store.Put(ctx, c.Prefix+name, f)
}
