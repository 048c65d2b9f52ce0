package http

import (
	"context"
	"sync"

	videoagent "github.com/openvideoagent/videoagent"
)

// activeWork counts, per account, the work this process has accepted but the store does not
// show as an active video yet: creates between their limit check and their insert, and
// speech syntheses (which make no video). Together with the store's count it is what
// MaxActiveJobs bounds. Its lock is held only to count and reserve, never while a request
// fetches URLs or synthesizes, so one account's slow create does not queue its next one.
type activeWork struct {
	mu      sync.Mutex
	held    map[workKey]int
	changed chan struct{} // closed and replaced when a reservation is released
}

// workKey counts one kind of work of one account: creates (which become stored videos
// before they release their slot) apart from speech (never stored).
type workKey struct {
	account string
	speech  bool
}

// reserveWork takes one of the account's active-work slots (for a create, or for speech), or answers false (with the
// count seen) when limit are in use. limit <= 0 means no limit. When the limit is reached
// only with reservations of requests still running (a reservation whose video was just
// stored counts twice until it is released), it waits for one of them to end and counts
// again, so that a burst of exactly limit requests is accepted.
func (s *Server) reserveWork(ctx context.Context, accountID string, limit int, speech bool) (release func(), n int, ok bool, err error) {
	a := &s.reserved
	key := workKey{accountID, speech}
	a.mu.Lock()
	if a.held == nil {
		a.held, a.changed = map[workKey]int{}, make(chan struct{})
	}
	for limit > 0 {
		stored, err := s.Store.ActiveJobs(ctx, accountID)
		if err != nil {
			a.mu.Unlock()
			return nil, 0, false, err
		}
		creates, speaking := a.held[workKey{accountID, false}], a.held[workKey{accountID, true}]
		n = stored + creates + speaking
		if n < limit {
			break
		}
		if creates == 0 || stored+speaking >= limit {
			a.mu.Unlock()
			return nil, n, false, nil
		}
		changed := a.changed
		a.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, n, false, ctx.Err()
		}
		a.mu.Lock()
	}
	a.held[key]++
	a.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			a.mu.Lock()
			defer a.mu.Unlock()
			if a.held[key]--; a.held[key] <= 0 {
				delete(a.held, key)
			}
			close(a.changed)
			a.changed = make(chan struct{})
		})
	}, n, true, nil
}

// activeLimit is the account's bound on active work (see Server.MaxActiveJobs).
func (s *Server) activeLimit() int {
	if s.MaxActiveJobs == 0 {
		return DefaultMaxActiveJobs
	}
	return s.MaxActiveJobs
}

// errTooMuchWork is the 429 of an account at its active-work limit.
func errTooMuchWork(n int) error {
	return &retryAfter{seconds: 10, err: videoagent.Errorf(videoagent.ERATELIMIT,
		"This account already has %d videos or speech requests pending or processing, the limit; retry when one finishes.", n)}
}
