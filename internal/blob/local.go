// Package blob stores files. Local keeps them in a directory on disk, the embedded default.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Local is a BlobStore in a directory. Keys are slash-separated relative paths.
type Local struct {
	dir string
}

var _ videoagent.BlobStore = (*Local)(nil)

// NewLocal returns a store rooted at dir, creating it if needed.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("blob dir: %w", err)
	}
	return &Local{dir: dir}, nil
}

// path maps a key to a file, refusing keys that would escape the directory.
func (l *Local) path(key string) (string, error) {
	clean := filepath.Clean("/" + key)
	if key == "" || strings.Contains(key, "..") || clean == "/" {
		return "", videoagent.Errorf(videoagent.ENOTFOUND, "File not found.")
	}
	return filepath.Join(l.dir, filepath.FromSlash(clean)), nil
}

// Put implements videoagent.BlobStore: it writes a temporary file and renames it into place.
func (l *Local) Put(ctx context.Context, key string, r io.Reader) error {
	p, err := l.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("blob put %s: %w", key, err)
	}
	return nil
}

// PutFile stores the file at src under key by copying it.
func (l *Local) PutFile(ctx context.Context, key, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	return l.Put(ctx, key, f)
}

type localBlob struct {
	*os.File
	info fs.FileInfo
}

func (b localBlob) Size() int64        { return b.info.Size() }
func (b localBlob) ModTime() time.Time { return b.info.ModTime() }

// Open implements videoagent.BlobStore.
func (l *Local) Open(ctx context.Context, key string) (videoagent.Blob, error) {
	p, err := l.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "File not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("blob open %s: %w", key, err)
	}
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		f.Close()
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "File not found.")
	}
	return localBlob{File: f, info: info}, nil
}

// Delete implements videoagent.BlobStore.
func (l *Local) Delete(ctx context.Context, key string) error {
	p, err := l.path(key)
	if err != nil {
		return nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob delete %s: %w", key, err)
	}
	return nil
}
