package sqlstore

import (
	"context"
	"fmt"
)

// Ping reports whether the database answers a query.
func Ping(ctx context.Context, c Conn) error {
	var one int
	if err := c.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("database query: %w", err)
	}
	return nil
}

// VideoCounts returns how many videos there are in each status, across accounts.
func VideoCounts(ctx context.Context, c Conn) (map[string]int, error) {
	rows, err := c.QueryContext(ctx, `SELECT status, COUNT(*) FROM videos GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("count videos: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
