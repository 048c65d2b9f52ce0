package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlstore"
)

// Store implements videoagent.Store on a DB: the shared SQL store, and what only a store
// that one process owns can do.
type Store struct {
	*sqlstore.Store
	db *sql.DB
}

var _ videoagent.Store = (*Store)(nil)

// NewStore returns the store over an open database.
func NewStore(d *DB) *Store { return &Store{Store: sqlstore.New(sqlstore.FromSQL(d.db)), db: d.db} }

// NewID returns a random 32-character hex id (videoagent.NewID).
func NewID() string { return videoagent.NewID() }

// ReleaseIdempotentClaims forgets every claim that never finished. Call it only when no
// other process can hold a claim (the server's data-directory lock), at start: the claims
// left unfinished belong to a process that is gone, and their keys are free at once.
func (s *Store) ReleaseIdempotentClaims(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE done = 0`)
	if err != nil {
		return 0, fmt.Errorf("release idempotency claims: %w", err)
	}
	return res.RowsAffected()
}
