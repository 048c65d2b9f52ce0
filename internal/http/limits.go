package http

import (
	"math"
	"net/http"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Default limits, per account.
const (
	DefaultMaxActiveJobs = 10  // videos pending or processing at once (HeyGen's default)
	DefaultRatePerSecond = 20  // sustained requests per second
	DefaultRateBurst     = 100 // requests allowed in a burst
)

// rateLimiter is a token bucket per account, in this process. It protects the server from a
// runaway client; it is not a billing control.
type rateLimiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	return &rateLimiter{rate: perSecond, burst: float64(burst), buckets: map[string]*bucket{}, now: time.Now}
}

// take spends a token of the account's bucket; when none is left it returns how long until
// one is.
func (l *rateLimiter) take(account string) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.buckets[account]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[account] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// rateLimit answers 429 rate_limit_exceeded with Retry-After when an account sends requests
// faster than its bucket refills.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.takeToken(r); !ok {
			secs := int(math.Ceil(wait.Seconds()))
			s.writeError(w, r, &retryAfter{seconds: max(secs, 1),
				err: videoagent.Errorf(videoagent.ERATELIMIT, "Too many requests; retry after %d s.", max(secs, 1))})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// takeToken spends a token of the request's account: in the store, when it keeps buckets
// for every API process (videoagent.RateStore), else in this process.
func (s *Server) takeToken(r *http.Request) (bool, time.Duration) {
	id := account(r).ID
	if rs, shared := s.Store.(videoagent.RateStore); shared {
		ok, wait, err := rs.TakeToken(r.Context(), id, s.RatePerSecond, s.RateBurst)
		if err == nil {
			return ok, wait
		}
		s.log.Warn("shared rate limit unavailable; this process's bucket applies", "err", err)
	}
	return s.limiter.take(id)
}

// jobLimit wraps a handler that starts a render: when the account already has
// MaxActiveJobs videos pending or processing (or accepted and not yet stored, see
// activeWork) it answers 429 with Retry-After.
func (s *Server) jobLimit(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		release, n, ok, err := s.reserveWork(r.Context(), account(r).ID, s.activeLimit(), false)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if !ok {
			s.writeError(w, r, errTooMuchWork(n))
			return
		}
		defer release()
		h(w, r)
	}
}

// getMe serves GET /v3/users/me: the account and its usage. Billing fields are HeyGen's
// shape; a self-hosted server bills nothing, so they say so.
func (s *Server) getMe(w http.ResponseWriter, r *http.Request) {
	acct := account(r)
	sec, err := s.Store.RenderedSeconds(r.Context(), acct.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	active, err := s.Store.ActiveJobs(r.Context(), acct.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"username":     acct.Name,
		"email":        nil,
		"first_name":   nil,
		"last_name":    nil,
		"billing_type": "usage_based",
		"subscription": nil,
		"wallet":       nil,
		"usage_based": map[string]any{
			"included_credits": nil, "remaining_credits": nil, "spending_cap_usd": nil, "spending_current_usd": 0,
		},
		// Our extension: what this account has used.
		"usage": map[string]any{
			"seconds_rendered": math.Round(sec*100) / 100,
			"active_jobs":      active,
		},
	}))
}
