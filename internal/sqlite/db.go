// Package sqlite is the embedded store: one SQLite file (WAL) that holds the server's state
// and, through River's riversqlite driver, its job queue, so that a session and its job
// commit together.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/openvideoagent/videoagent/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open SQLite database with the schema migrated.
type DB struct {
	db   *sql.DB
	path string
}

// Open opens (creating if needed) the database file at path and runs the migrations that
// have not run yet. SQLite allows one writer; a single connection with a busy timeout is
// what riversqlite recommends, and it serialises our writes without SQLITE_BUSY errors.
func Open(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	d := &DB{db: db, path: path}
	if err := d.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// SQL returns the underlying handle, for the job queue's driver.
func (d *DB) SQL() *sql.DB { return d.db }

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// migrate runs the embedded migrations that have not run yet.
func (d *DB) migrate(ctx context.Context) error {
	return sqlstore.Migrate(ctx, sqlstore.FromSQL(d.db), migrationFS)
}
