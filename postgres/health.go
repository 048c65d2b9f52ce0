package postgres

import (
	"context"
	"fmt"
)

// Check reports whether the database answers a query.
func (d *DB) Check(ctx context.Context) error {
	var one int
	if err := d.pool.QueryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("database query: %w", err)
	}
	return nil
}

// VideoCounts returns how many videos there are in each status, across accounts.
func (d *DB) VideoCounts(ctx context.Context) (map[string]int, error) {
	rows, err := d.pool.Query(ctx, `SELECT status, COUNT(*) FROM videos GROUP BY status`)
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
