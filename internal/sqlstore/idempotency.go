package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// BeginIdempotent implements videoagent.IdempotencyStore. The claim is one transaction: read
// the row, then insert or take it over, so two concurrent requests cannot both hold a key.
func (s *Store) BeginIdempotent(ctx context.Context, accountID, scope, key, requestHash string, staleAfter, expireAfter time.Duration) (*videoagent.IdempotentResponse, bool, error) {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	var r videoagent.IdempotentResponse
	var done int
	var created int64
	err = tx.QueryRowContext(ctx, `SELECT request_hash, done, status, content_type, body, created_at FROM idempotency_keys WHERE account_id = ? AND scope = ? AND key = ?`,
		accountID, scope, key).Scan(&r.RequestHash, &done, &r.Status, &r.ContentType, &r.Body, &created)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, false, fmt.Errorf("read idempotency key: %w", err)
	default:
		r.CreatedAt = time.Unix(0, created)
		age := now.Sub(r.CreatedAt)
		switch {
		case age > expireAfter:
			// Forgotten: fall through and claim it anew.
		case r.RequestHash != requestHash:
			return nil, false, videoagent.Invalid("Idempotency-Key", "This Idempotency-Key was used with a different request; use a new key for a new request.")
		case done == 1:
			return &r, false, nil
		case age < staleAfter:
			return nil, true, nil
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO idempotency_keys (account_id, scope, key, request_hash, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(account_id, scope, key) DO UPDATE SET request_hash = excluded.request_hash, done = 0, status = 0, content_type = '', body = NULL, created_at = excluded.created_at`,
		accountID, scope, key, requestHash, now.UnixNano())
	if err != nil {
		return nil, false, fmt.Errorf("claim idempotency key: %w", err)
	}
	// Old keys are forgotten as new ones are claimed; the table stays small.
	if _, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, now.Add(-expireAfter).UnixNano()); err != nil {
		return nil, false, fmt.Errorf("expire idempotency keys: %w", err)
	}
	return nil, false, tx.Commit()
}

// FinishIdempotent implements videoagent.IdempotencyStore.
func (s *Store) FinishIdempotent(ctx context.Context, accountID, scope, key string, resp videoagent.IdempotentResponse) error {
	_, err := s.db.ExecContext(ctx, `UPDATE idempotency_keys SET done = 1, status = ?, content_type = ?, body = ? WHERE account_id = ? AND scope = ? AND key = ?`,
		resp.Status, resp.ContentType, resp.Body, accountID, scope, key)
	if err != nil {
		return fmt.Errorf("store idempotent response: %w", err)
	}
	return nil
}

// AbortIdempotent implements videoagent.IdempotencyStore.
func (s *Store) AbortIdempotent(ctx context.Context, accountID, scope, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE account_id = ? AND scope = ? AND key = ? AND done = 0`, accountID, scope, key)
	if err != nil {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}

// ActiveJobs implements videoagent.LimitStore.
func (s *Store) ActiveJobs(ctx context.Context, accountID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM videos WHERE account_id = ? AND status IN (?, ?)`,
		accountID, videoagent.VideoPending, videoagent.VideoProcessing).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count active jobs: %w", err)
	}
	return n, nil
}

// RenderedSeconds implements videoagent.LimitStore.
func (s *Store) RenderedSeconds(ctx context.Context, accountID string) (float64, error) {
	var sec float64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(duration), 0) FROM videos WHERE account_id = ? AND status = ?`,
		accountID, videoagent.VideoCompleted).Scan(&sec)
	if err != nil {
		return 0, fmt.Errorf("sum rendered seconds: %w", err)
	}
	return sec, nil
}
