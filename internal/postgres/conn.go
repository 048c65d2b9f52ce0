package postgres

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlstore"
)

// querier is what a pool, one of its connections and a transaction have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Begin(ctx context.Context) (pgx.Tx, error)
}

// conn is the shared store's sqlstore.DB over pgx: it numbers the queries' ? placeholders
// and runs them on a pool, a connection or a transaction.
type conn struct{ q querier }

var _ sqlstore.DB = (*conn)(nil)

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

// rows gives pgx's result set database/sql's Close, which reports an error.
type rows struct{ pgx.Rows }

func (r rows) Close() error { r.Rows.Close(); return nil }

func (c *conn) ExecContext(ctx context.Context, query string, args ...any) (sqlstore.Result, error) {
	tag, err := c.q.Exec(ctx, rebind(query), args...)
	return result{tag}, err
}

func (c *conn) QueryContext(ctx context.Context, query string, args ...any) (sqlstore.Rows, error) {
	r, err := c.q.Query(ctx, rebind(query), args...)
	if err != nil {
		return nil, err
	}
	return rows{r}, nil
}

func (c *conn) QueryRowContext(ctx context.Context, query string, args ...any) sqlstore.Row {
	return c.q.QueryRow(ctx, rebind(query), args...)
}

func (c *conn) Begin(ctx context.Context) (sqlstore.Tx, error) {
	tx, err := c.q.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &txConn{conn: conn{q: tx}, tx: tx}, nil
}

// txConn is an open transaction; its Native is the pgx.Tx that River's riverpgxv5 driver
// takes.
type txConn struct {
	conn
	tx pgx.Tx
}

func (t *txConn) Commit() error         { return t.tx.Commit(context.Background()) }
func (t *txConn) Rollback() error       { return t.tx.Rollback(context.Background()) }
func (t *txConn) Native() videoagent.Tx { return t.tx }
