package videoagent

import (
	"context"
	"time"
)

// RateStore keeps each account's request-rate token bucket where every API process sees it,
// so that the rate limit holds across processes. A store that does not implement it (the
// embedded SQLite one, used by a single process) leaves the bucket in the process's memory.
type RateStore interface {
	// TakeToken spends one token of the account's bucket, which holds at most burst tokens
	// and refills at perSecond. When none is left it returns false and how long until one is.
	TakeToken(ctx context.Context, accountID string, perSecond float64, burst int) (ok bool, wait time.Duration, err error)
}
