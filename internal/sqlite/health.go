package sqlite

import (
	"context"
	"fmt"
	"os"

	"github.com/openvideoagent/videoagent/internal/sqlstore"
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
	return sqlstore.Ping(ctx, sqlstore.FromSQL(d.db))
}

// VideoCounts returns how many videos there are in each status, across accounts.
func (d *DB) VideoCounts(ctx context.Context) (map[string]int, error) {
	return sqlstore.VideoCounts(ctx, sqlstore.FromSQL(d.db))
}
