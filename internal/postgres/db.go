// Package postgres is the scale-out store: PostgreSQL through pgx, holding the server's
// state and, through River's riverpgxv5 driver, its job queue, so that a session and its job
// commit together and any number of API and worker processes share both.
package postgres

import (
	"context"
	"embed"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/openvideoagent/videoagent/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationLock is the advisory lock key held while migrating, so that processes starting
// together migrate one at a time.
const migrationLock = 0x0f1de0a6

// DB is an open PostgreSQL connection pool with the schema migrated.
type DB struct {
	pool *pgxpool.Pool
}

// Open connects to the database at url (postgres://...) and runs the migrations that have
// not run yet. The pool holds up to 16 connections unless the URL says otherwise
// (pool_max_conns=N).
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres url: %w", err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		// River holds a connection for LISTEN and its producers poll; requests and renders
		// need the rest. pgx's default (4 on a small machine) queues them.
		cfg.MaxConns = max(cfg.MaxConns, 16)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	d := &DB{pool: pool}
	if err := d.Migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return d, nil
}

// Pool returns the underlying pool, for the job queue's driver.
func (d *DB) Pool() *pgxpool.Pool { return d.pool }

// Close closes the pool.
func (d *DB) Close() error { d.pool.Close(); return nil }

// Migrate runs the embedded migrations that have not run yet, under an advisory lock so that
// processes starting together migrate one at a time.
func (d *DB) Migrate(ctx context.Context) error {
	c, err := d.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer c.Release()
	if _, err := c.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer c.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrationLock)
	return sqlstore.Migrate(ctx, &conn{q: c}, migrationFS)
}
