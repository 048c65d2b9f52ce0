package videoagent

import (
	"context"
	"io"
	"time"
)

// BlobStore keeps files: rendered videos, thumbnails, captions, uploaded assets.
type BlobStore interface {
	// Put stores r under key, replacing what was there. The write is atomic: readers see the
	// old file or the whole new one.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the file under key, or ENOTFOUND.
	Open(ctx context.Context, key string) (Blob, error)
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// Blob is an open stored file, seekable so that it can be served with HTTP Range requests.
type Blob interface {
	io.ReadSeekCloser
	Size() int64
	ModTime() time.Time
}
