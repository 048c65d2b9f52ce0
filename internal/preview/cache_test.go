package preview

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m, goleak.IgnoreTopFunction(media.StarterFunc)) }

// TestCacheSingleflight: concurrent callers of a missing key share one making, and a made
// key is not made again.
func TestCacheSingleflight(t *testing.T) {
	c := NewCache(t.Context())
	var made atomic.Int32
	release := make(chan struct{})
	build := func(ctx context.Context) error {
		made.Add(1)
		<-release
		return nil
	}
	const n = 20
	var started, done sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			errs[i] = c.Do(t.Context(), "k", build)
		}()
	}
	started.Wait()
	time.Sleep(20 * time.Millisecond) // let the callers join the flight
	close(release)
	done.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("caller %d: %v", i, err)
		}
	}
	if got := made.Load(); got != 1 {
		t.Errorf("%d makings for %d concurrent callers, want 1", got, n)
	}
	if err := c.Do(t.Context(), "k", build); err != nil || made.Load() != 1 || !c.Ready("k") {
		t.Errorf("made key: err %v, %d makings, ready %v", err, made.Load(), c.Ready("k"))
	}
	c.Forget("k")
	if err := c.Do(t.Context(), "k", build); err != nil || made.Load() != 2 {
		t.Errorf("forgotten key: err %v, %d makings, want 2", err, made.Load())
	}
}

// TestCacheBackoff: a failed key is not tried again within the back-off, and is tried
// again after it.
func TestCacheBackoff(t *testing.T) {
	c := NewCache(t.Context())
	c.Backoff = time.Minute
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	var tries atomic.Int32
	boom := errors.New("boom")
	build := func(ctx context.Context) error {
		if tries.Add(1) == 1 {
			return boom
		}
		return nil
	}
	if err := c.Do(t.Context(), "k", build); !errors.Is(err, boom) {
		t.Fatalf("first try: %v, want boom", err)
	}
	now = now.Add(59 * time.Second)
	err := c.Do(t.Context(), "k", build)
	var be *BackoffError
	if !errors.As(err, &be) || !errors.Is(err, boom) || tries.Load() != 1 {
		t.Fatalf("within the back-off: err %v, %d tries; want a BackoffError and 1 try", err, tries.Load())
	}
	now = now.Add(2 * time.Second)
	if err := c.Do(t.Context(), "k", build); err != nil || tries.Load() != 2 {
		t.Fatalf("after the back-off: err %v, %d tries; want success at try 2", err, tries.Load())
	}
	if err := c.Do(t.Context(), "k", build); err != nil || tries.Load() != 2 {
		t.Fatalf("made: err %v, %d tries", err, tries.Load())
	}
}

// TestCacheCallerGivesUp: a caller whose context ends stops waiting; the making goes on
// and a later caller gets its result.
func TestCacheCallerGivesUp(t *testing.T) {
	c := NewCache(t.Context())
	release := make(chan struct{})
	var made atomic.Int32
	build := func(ctx context.Context) error {
		<-release
		made.Add(1)
		return nil
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if err := c.Do(ctx, "k", build); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("impatient caller: %v", err)
	}
	close(release)
	if err := c.Do(t.Context(), "k", build); err != nil {
		t.Fatal(err)
	}
	if made.Load() != 1 {
		t.Errorf("%d makings, want 1", made.Load())
	}
}

// TestCacheShutdown: when the cache's lifetime ends, makings in progress stop, their
// callers return, no goroutine is left, and the stopped making is not a failure to back
// off from.
func TestCacheShutdown(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreTopFunction(media.StarterFunc))
	life, stop := context.WithCancel(context.Background())
	c := NewCache(life)
	running := make(chan struct{})
	build := func(ctx context.Context) error {
		close(running)
		<-ctx.Done() // a rendering that runs until it is stopped
		return ctx.Err()
	}
	errc := make(chan error, 1)
	go func() { errc <- c.Do(context.Background(), "k", build) }()
	<-running
	stop()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("caller at shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the caller still waits after shutdown")
	}
	if err := c.known("k"); err != errUnknown {
		t.Errorf("after shutdown the key is %v, want unknown (no back-off)", err)
	}
}
