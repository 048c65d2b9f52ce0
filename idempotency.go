package videoagent

import (
	"context"
	"time"
)

// IdempotentResponse is the first response to a request with an Idempotency-Key, replayed to
// repeats within the replay window.
type IdempotentResponse struct {
	RequestHash string
	Status      int
	ContentType string
	Body        []byte
	CreatedAt   time.Time
}

// IdempotencyStore records requests made with an Idempotency-Key, scoped to an account and a
// method and path.
type IdempotencyStore interface {
	// BeginIdempotent claims the key for a new request. It returns the stored response of a
	// finished earlier request (done), or inFlight when an earlier one is still running, or
	// neither when this request now holds the key. A claim older than staleAfter that never
	// finished (its process died) is taken over; one older than expireAfter is forgotten.
	BeginIdempotent(ctx context.Context, accountID, scope, key, requestHash string, staleAfter, expireAfter time.Duration) (done *IdempotentResponse, inFlight bool, err error)
	// FinishIdempotent stores the response of the request that holds the key.
	FinishIdempotent(ctx context.Context, accountID, scope, key string, resp IdempotentResponse) error
	// AbortIdempotent releases the key without a response (the request failed in a way a
	// retry may fix).
	AbortIdempotent(ctx context.Context, accountID, scope, key string) error
}

// LimitStore answers the questions rate limits ask.
type LimitStore interface {
	// ActiveJobs counts the account's videos that are pending or processing.
	ActiveJobs(ctx context.Context, accountID string) (int, error)
	// RenderedSeconds sums the durations of the account's completed videos.
	RenderedSeconds(ctx context.Context, accountID string) (float64, error)
}
