// Package mediatest wraps media's probes and decoders for tests: each fails the test on
// error instead of returning it.
package mediatest

import (
	"context"
	"image"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// AlphaFrames decodes every frame of a w x h VP9 WebM with its alpha channel
// (media.DecodeAlphaFrames), calling f with each in turn.
func AlphaFrames(t testing.TB, path string, w, h int, f func(i int, img *image.NRGBA)) {
	t.Helper()
	if err := media.DecodeAlphaFrames(context.Background(), path, w, h, f); err != nil {
		t.Fatal(err)
	}
}

// StreamEnd is where a stream's last packet ends (media.StreamEnd).
func StreamEnd(t testing.TB, path, stream string) time.Duration {
	t.Helper()
	d, err := media.StreamEnd(context.Background(), path, stream)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// StreamTag is a tag of a stream, "" when absent (media.StreamTag).
func StreamTag(t testing.TB, path, stream, tag string) string {
	t.Helper()
	v, err := media.StreamTag(context.Background(), path, stream, tag)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
