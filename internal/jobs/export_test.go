package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Backoff exposes backoff to the external tests.
var Backoff = backoff

// Sweep runs one liveness sweep on pool as the worker id, with the given interval.
func Sweep(ctx context.Context, pool *pgxpool.Pool, id string, every time.Duration) error {
	l := &liveness{pool: pool, id: id, every: every, log: slog.Default()}
	if err := l.beat(ctx); err != nil {
		return err
	}
	return l.sweep(ctx)
}
