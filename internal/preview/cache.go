package preview

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// DefaultBackoff is how long a Cache does not try a failed key again.
const DefaultBackoff = time.Minute

// Cache makes things that are made once and then kept (previews in the blob store): it
// remembers the keys that are made, makes each missing one once however many callers ask
// at the same time, and after a failure does not try that key again for Backoff, so that
// a preview that cannot be made does not cost a rendering on every request. The making runs
// under the cache's lifetime context, not a caller's: a caller that gives up waiting does
// not waste a rendering others may want, and the server's shutdown stops it.
type Cache struct {
	// Backoff is how long a failed key is not tried again; 0 means DefaultBackoff.
	Backoff time.Duration

	life   context.Context
	flight singleflight.Group
	now    func() time.Time // time.Now; tests move it

	mu     sync.Mutex
	ready  map[string]bool
	failed map[string]failure
}

// failure is a key's last failed making.
type failure struct {
	at  time.Time
	err error
}

// NewCache returns a cache whose makings run under life: they stop when it ends.
func NewCache(life context.Context) *Cache {
	return &Cache{life: life, now: time.Now, ready: map[string]bool{}, failed: map[string]failure{}}
}

// BackoffError is what Do returns for a key whose last making failed less than the
// back-off ago.
type BackoffError struct {
	Key   string
	Until time.Time
	Err   error // the failure
}

// Error says when the key is tried again.
func (e *BackoffError) Error() string {
	return fmt.Sprintf("%s: the last attempt failed (%v); not trying again before %s", e.Key, e.Err, e.Until.Format(time.TimeOnly))
}

// Unwrap returns the failure.
func (e *BackoffError) Unwrap() error { return e.Err }

// Do makes key with build unless it is made, and waits for the making until ctx ends (then
// it returns ctx's error and the making goes on). Concurrent calls for one key share one
// making. build gets a context that ends with the cache's lifetime.
func (c *Cache) Do(ctx context.Context, key string, build func(ctx context.Context) error) error {
	if err := c.known(key); err != errUnknown {
		return err
	}
	ch := c.flight.DoChan(key, func() (any, error) {
		if err := c.known(key); err != errUnknown { // made by a flight that just ended
			return nil, err
		}
		err := build(c.life)
		c.mu.Lock()
		defer c.mu.Unlock()
		if err == nil {
			c.ready[key] = true
			delete(c.failed, key)
		} else if c.life.Err() == nil { // a making stopped by shutdown did not fail
			c.failed[key] = failure{at: c.now(), err: err}
		}
		return nil, err
	})
	select {
	case res := <-ch:
		return res.Err
	case <-ctx.Done():
		return ctx.Err()
	case <-c.life.Done():
		return c.life.Err()
	}
}

// errUnknown means a key is neither made nor backing off.
var errUnknown = fmt.Errorf("unknown")

// known is nil for a made key, a *BackoffError for one backing off, else errUnknown.
func (c *Cache) known(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ready[key] {
		return nil
	}
	if f, ok := c.failed[key]; ok {
		until := f.at.Add(c.backoff())
		if c.now().Before(until) {
			return &BackoffError{Key: key, Until: until, Err: f.err}
		}
	}
	return errUnknown
}

func (c *Cache) backoff() time.Duration {
	if c.Backoff > 0 {
		return c.Backoff
	}
	return DefaultBackoff
}

// Ready reports whether key is made.
func (c *Cache) Ready(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ready[key]
}

// MarkReady records that key is made (found made elsewhere, e.g. stored by an earlier
// process).
func (c *Cache) MarkReady(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ready[key] = true
	delete(c.failed, key)
}

// Forget drops what the cache knows of key: the next Do makes it again.
func (c *Cache) Forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.ready, key)
	delete(c.failed, key)
}
