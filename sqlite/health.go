package sqlite

import (
	"context"
	"fmt"
	"os"
)

// Check reports whether the database is usable: its file can still be opened for reading
// and writing (an open connection keeps working on a file made unreadable or deleted, while
// the next process, and SQLite's own reopen of the WAL, would not), and a query answers.
func (d *DB) Check(ctx context.Context) error {
	f, err := os.OpenFile(d.path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("database file: %w", err)
	}
	f.Close()
	var one int
	if err := d.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("database query: %w", err)
	}
	return nil
}

// VideoCounts returns how many videos there are in each status, across accounts.
func (d *DB) VideoCounts(ctx context.Context) (map[string]int, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM videos GROUP BY status`)
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
