package postgres

import (
	"github.com/jackc/pgx/v5/pgxpool"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlstore"
)

// Store implements videoagent.Store on a DB: the shared SQL store, and what only PostgreSQL
// does (the rate limiter's buckets, shared by every API process).
type Store struct {
	*sqlstore.Store
	pool *pgxpool.Pool
}

var _ videoagent.Store = (*Store)(nil)

// NewStore returns the store over an open database.
func NewStore(d *DB) *Store { return &Store{Store: sqlstore.New(&conn{q: d.pool}), pool: d.pool} }

// NewID returns a random 32-character hex id (videoagent.NewID).
func NewID() string { return videoagent.NewID() }
