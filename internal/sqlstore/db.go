// Package sqlstore is the server's store (videoagent.Store and its companion stores) written
// once, in SQL that SQLite and PostgreSQL both run. The sqlite and postgres packages open,
// lock and migrate their database and hand this package a DB: a database/sql-shaped handle
// that rebinds the queries' ? placeholders as its dialect needs and begins transactions its
// own way (SQLite's BEGIN IMMEDIATE, a PostgreSQL transaction on the pool).
package sqlstore

import (
	"context"
	"database/sql"

	videoagent "github.com/openvideoagent/videoagent"
)

// Conn runs queries written with ? placeholders, on a database or in a transaction. A Row
// that matched nothing scans to an error wrapping sql.ErrNoRows (pgx's ErrNoRows does).
type Conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) Row
}

// Result is what a statement reports.
type Result interface {
	RowsAffected() (int64, error)
}

// Rows is a query's result set.
type Rows interface {
	Row
	Next() bool
	Err() error
	Close() error
}

// Row is one row of a result.
type Row interface {
	Scan(dest ...any) error
}

// DB is an open database: a Conn that begins transactions.
type DB interface {
	Conn
	Begin(ctx context.Context) (Tx, error)
}

// Tx is an open transaction.
type Tx interface {
	Conn
	Commit() error
	Rollback() error
	// Native returns the driver's own transaction (*sql.Tx, pgx.Tx), which the job queue's
	// River driver takes to insert jobs that commit with the rows they belong to.
	Native() videoagent.Tx
}

// FromSQL returns db as a DB. Its transactions begin as db's driver begins them (the sqlite
// package's connection string makes that BEGIN IMMEDIATE) and are *sql.Tx natively.
func FromSQL(db *sql.DB) DB { return sqlDB{sqlConn{db}, db} }

// sqlQuerier is what *sql.DB and *sql.Tx have in common.
type sqlQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

type sqlConn struct{ q sqlQuerier }

func (c sqlConn) ExecContext(ctx context.Context, query string, args ...any) (Result, error) {
	res, err := c.q.ExecContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func (c sqlConn) QueryContext(ctx context.Context, query string, args ...any) (Rows, error) {
	rows, err := c.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func (c sqlConn) QueryRowContext(ctx context.Context, query string, args ...any) Row {
	return c.q.QueryRowContext(ctx, query, args...)
}

type sqlDB struct {
	sqlConn
	db *sql.DB
}

func (d sqlDB) Begin(ctx context.Context) (Tx, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return sqlTx{sqlConn{tx}, tx}, nil
}

type sqlTx struct {
	sqlConn
	tx *sql.Tx
}

func (t sqlTx) Commit() error         { return t.tx.Commit() }
func (t sqlTx) Rollback() error       { return t.tx.Rollback() }
func (t sqlTx) Native() videoagent.Tx { return t.tx }
