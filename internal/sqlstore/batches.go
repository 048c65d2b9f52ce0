package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// CreateBatch implements videoagent.BatchStore.
func (s *Store) CreateBatch(ctx context.Context, b *videoagent.Batch) error {
	if b.CreatedAt.IsZero() {
		b.CreatedAt = s.now()
	}
	return s.inTx(ctx, nil, func(tx Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO batches (id, account_id, title, callback_url, created_at) VALUES (?, ?, ?, ?, ?)`,
			b.ID, b.AccountID, b.Title, b.CallbackURL, b.CreatedAt.UnixNano()); err != nil {
			return fmt.Errorf("insert batch: %w", err)
		}
		for _, it := range b.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO batch_items (batch_id, item_index, video_id, error_code, error_message, error_param) VALUES (?, ?, ?, ?, ?, ?)`,
				b.ID, it.Index, it.VideoID, it.ErrorCode, it.ErrorMessage, it.ErrorParam); err != nil {
				return fmt.Errorf("insert batch item: %w", err)
			}
		}
		return nil
	})
}

// Batch implements videoagent.BatchStore.
func (s *Store) Batch(ctx context.Context, accountID, id string) (*videoagent.Batch, error) {
	b := &videoagent.Batch{}
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT id, account_id, title, callback_url, created_at FROM batches WHERE id = ? AND account_id = ?`, id, accountID).
		Scan(&b.ID, &b.AccountID, &b.Title, &b.CallbackURL, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "Batch %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read batch: %w", err)
	}
	b.CreatedAt = time.Unix(0, created)
	rows, err := s.db.QueryContext(ctx, `SELECT item_index, video_id, error_code, error_message, error_param FROM batch_items WHERE batch_id = ? ORDER BY item_index`, b.ID)
	if err != nil {
		return nil, fmt.Errorf("read batch items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it videoagent.BatchItem
		if err := rows.Scan(&it.Index, &it.VideoID, &it.ErrorCode, &it.ErrorMessage, &it.ErrorParam); err != nil {
			return nil, err
		}
		b.Items = append(b.Items, it)
	}
	return b, rows.Err()
}

// BatchOfVideo implements videoagent.BatchStore.
func (s *Store) BatchOfVideo(ctx context.Context, accountID, videoID string) (string, int, error) {
	var id string
	var idx int
	err := s.db.QueryRowContext(ctx, `SELECT i.batch_id, i.item_index FROM batch_items i JOIN batches b ON b.id = i.batch_id
		WHERE i.video_id = ? AND b.account_id = ? LIMIT 1`, videoID, accountID).Scan(&id, &idx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("read batch of video: %w", err)
	}
	return id, idx, nil
}

// ClaimBatchFinished implements videoagent.BatchStore.
func (s *Store) ClaimBatchFinished(ctx context.Context, accountID, id string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE batches SET finished_at = ? WHERE id = ? AND account_id = ? AND finished_at IS NULL`, s.now().UnixNano(), id, accountID)
	if err != nil {
		return false, fmt.Errorf("claim batch finished: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
