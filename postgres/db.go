// Package postgres is the scale-out store: PostgreSQL through pgx, holding the server's
// state and, through River's riverpgxv5 driver, its job queue, so that a session and its job
// commit together and any number of API and worker processes share both.
package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
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

// Migrate runs each embedded migration whose version is not recorded yet, in version order,
// each in its own transaction, under an advisory lock. (Every missing version runs, not only
// those above the highest: migrations written on parallel branches may land out of order.)
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
	if _, err := c.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	rows, err := c.Query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("read schema versions: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
	}
	rows.Close()
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a version number", name)
		}
		if applied[v] {
			continue
		}
		body, err := migrationFS.ReadFile(name)
		if err != nil {
			return err
		}
		err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, extract(epoch from now())::bigint)`, v)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// querier is what a pool and a transaction have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// conn runs the store's queries, written with ? placeholders as in the SQLite store, on a
// pool or a transaction.
type conn struct{ q querier }

// rebind numbers the ? placeholders of a query: $1, $2, ... (The store's queries hold no
// literal question marks.)
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

type result struct{ tag pgconn.CommandTag }

func (r result) RowsAffected() (int64, error) { return r.tag.RowsAffected(), nil }

func (c *conn) ExecContext(ctx context.Context, query string, args ...any) (result, error) {
	tag, err := c.q.Exec(ctx, rebind(query), args...)
	return result{tag}, err
}

func (c *conn) QueryContext(ctx context.Context, query string, args ...any) (pgx.Rows, error) {
	return c.q.Query(ctx, rebind(query), args...)
}

func (c *conn) QueryRowContext(ctx context.Context, query string, args ...any) pgx.Row {
	return c.q.QueryRow(ctx, rebind(query), args...)
}

// txConn is an open transaction; Tx is what enqueue functions receive (a pgx.Tx, which
// River's riverpgxv5 driver takes).
type txConn struct {
	conn
	Tx pgx.Tx
}

func (c *conn) BeginTx(ctx context.Context, _ any) (*txConn, error) {
	b, ok := c.q.(interface {
		Begin(context.Context) (pgx.Tx, error)
	})
	if !ok {
		return nil, fmt.Errorf("begin: %T cannot begin a transaction", c.q)
	}
	tx, err := b.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &txConn{conn: conn{q: tx}, Tx: tx}, nil
}

func (t *txConn) Commit() error   { return t.Tx.Commit(context.Background()) }
func (t *txConn) Rollback() error { return t.Tx.Rollback(context.Background()) }
