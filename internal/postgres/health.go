package postgres

import (
	"context"

	"github.com/openvideoagent/videoagent/internal/sqlstore"
)

// Check reports whether the database answers a query.
func (d *DB) Check(ctx context.Context) error { return sqlstore.Ping(ctx, &conn{q: d.pool}) }

// VideoCounts returns how many videos there are in each status, across accounts.
func (d *DB) VideoCounts(ctx context.Context) (map[string]int, error) {
	return sqlstore.VideoCounts(ctx, &conn{q: d.pool})
}
