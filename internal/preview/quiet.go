package preview

import (
	"context"
	"errors"
	"time"
)

// Load tells background work when the server renders videos: warming the previews waits
// until it does not, and a preview rendering in the background stops when a video starts
// (and starts again later), so that it never slows a user's video.
type Load interface {
	// Idle returns a channel that is closed once no video is rendering.
	Idle() <-chan struct{}
	// Busy returns a channel that is closed once a video is rendering.
	Busy() <-chan struct{}
}

// quietAfter is how long the server must have rendered nothing before background work
// starts: a user's next video (a chat revision, the next of a batch) often follows the
// last within a second or two.
var quietAfter = 2 * time.Second

// errYielded is why background work stopped: a video started.
var errYielded = errors.New("preview: yielded to a video")

// quiet waits until the server has rendered nothing for quietAfter (at once without a
// Load), or ctx ends.
func (p *Previews) quiet(ctx context.Context) error {
	if p.Load == nil {
		return ctx.Err()
	}
	for {
		select {
		case <-p.Load.Idle():
		case <-ctx.Done():
			return ctx.Err()
		}
		t := time.NewTimer(quietAfter)
		select {
		case <-t.C:
			return nil
		case <-p.Load.Busy():
			t.Stop()
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// background makes build background work: it runs when the server is quiet, is stopped
// when a video starts, and runs again from the start once the server is quiet again.
func (p *Previews) background(build func(ctx context.Context) error) func(ctx context.Context) error {
	if p.Load == nil {
		return build
	}
	return func(ctx context.Context) error {
		for {
			if err := p.quiet(ctx); err != nil {
				return err
			}
			yctx, cancel := context.WithCancelCause(ctx)
			go func() { // ends with yctx, at the latest when build returns
				select {
				case <-p.Load.Busy():
					cancel(errYielded)
				case <-yctx.Done():
				}
			}()
			err := build(yctx)
			yielded := errors.Is(context.Cause(yctx), errYielded)
			cancel(nil)
			if !yielded || ctx.Err() != nil {
				return err
			}
		}
	}
}
