package preview

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// testLoad is a Load the test switches between busy and idle.
type testLoad struct {
	mu         sync.Mutex
	idle, busy chan struct{}
}

func newTestLoad(busy bool) *testLoad {
	l := &testLoad{idle: make(chan struct{}), busy: make(chan struct{})}
	if busy {
		close(l.busy)
	} else {
		close(l.idle)
	}
	return l
}

func (l *testLoad) set(busy bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if busy {
		close(l.busy)
		l.idle = make(chan struct{})
	} else {
		close(l.idle)
		l.busy = make(chan struct{})
	}
}

func (l *testLoad) Idle() <-chan struct{} { l.mu.Lock(); defer l.mu.Unlock(); return l.idle }
func (l *testLoad) Busy() <-chan struct{} { l.mu.Lock(); defer l.mu.Unlock(); return l.busy }

// TestBackgroundYieldsToVideos: background work does not start while videos render, nor
// until the server has been quiet for quietAfter; a video starting stops it (its context
// says why), and it runs again from the start once the server is quiet again; the caller
// sees only the final outcome.
func TestBackgroundYieldsToVideos(t *testing.T) {
	defer func(q time.Duration) { quietAfter = q }(quietAfter)
	quietAfter = 50 * time.Millisecond
	load := newTestLoad(true)
	p := New(context.Background())
	p.Load = load

	starts := make(chan context.Context)
	results := make(chan error)
	build := p.background(func(ctx context.Context) error {
		starts <- ctx
		return <-results
	})
	done := make(chan error, 1)
	go func() { done <- build(context.Background()) }()

	select {
	case <-starts:
		t.Fatal("background work started while a video rendered")
	case <-time.After(200 * time.Millisecond):
	}
	load.set(false)
	ctx := <-starts // quiet now
	load.set(true)  // a video starts: the work is stopped
	<-ctx.Done()
	if !errors.Is(context.Cause(ctx), errYielded) {
		t.Fatalf("stopped by %v, want errYielded", context.Cause(ctx))
	}
	results <- ctx.Err()
	select {
	case err := <-done:
		t.Fatalf("background work returned %v after yielding; it should wait and run again", err)
	case ctx = <-starts:
		t.Fatal("background work started again while a video rendered")
	case <-time.After(200 * time.Millisecond):
	}
	load.set(false)
	ctx = <-starts
	results <- nil
	if err := <-done; err != nil {
		t.Fatalf("background work: %v", err)
	}
	if ctx.Err() == nil {
		t.Error("the context of finished work is left open")
	}

	// A caller's context that ends while waiting for quiet ends the work.
	load.set(true)
	cctx, cancel := context.WithCancel(context.Background())
	go func() { done <- build(cctx) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled while waiting: %v", err)
	}
}
