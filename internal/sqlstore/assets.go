package sqlstore

import (
	"context"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// CreateAsset implements videoagent.AssetStore.
func (s *Store) CreateAsset(ctx context.Context, a *videoagent.Asset) error {
	s.newRow(&a.ID, &a.CreatedAt)
	_, err := s.db.ExecContext(ctx, `INSERT INTO assets (id, account_id, name, mime_type, size_bytes, blob_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.AccountID, a.Name, a.MimeType, a.SizeBytes, a.BlobKey, a.CreatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create asset: %w", err)
	}
	return nil
}

const assetCols = `id, account_id, name, mime_type, size_bytes, blob_key, created_at`

func scanAsset(row interface{ Scan(...any) error }) (*videoagent.Asset, error) {
	var a videoagent.Asset
	var created int64
	if err := row.Scan(&a.ID, &a.AccountID, &a.Name, &a.MimeType, &a.SizeBytes, &a.BlobKey, &created); err != nil {
		return nil, err
	}
	a.CreatedAt = time.Unix(0, created)
	return &a, nil
}

// Asset implements videoagent.AssetStore.
func (s *Store) Asset(ctx context.Context, accountID, id string) (*videoagent.Asset, error) {
	return readOne(ctx, s.db, scanAsset, videoagent.Errorf(videoagent.ENOTFOUND, "Asset %s not found.",
		id), "asset", `SELECT `+assetCols+` FROM assets WHERE id = ? AND account_id = ?`, id, accountID)
}

// ListAssets implements videoagent.AssetStore.
func (s *Store) ListAssets(ctx context.Context, accountID string, p videoagent.Page) ([]*videoagent.Asset, string, error) {
	return listPage(ctx, s.db, p, `SELECT `+assetCols+` FROM assets WHERE account_id = ?`, []any{accountID},
		scanAsset, func(a *videoagent.Asset) (time.Time, string) { return a.CreatedAt, a.ID })
}

// DeleteAsset implements videoagent.AssetStore; the caller removes the blob.
func (s *Store) DeleteAsset(ctx context.Context, accountID, id string) (*videoagent.Asset, error) {
	a, err := s.Asset(ctx, accountID, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM assets WHERE id = ? AND account_id = ?`, id, accountID); err != nil {
		return nil, fmt.Errorf("delete asset: %w", err)
	}
	return a, nil
}

// Memory implements videoagent.AssetStore.
func (s *Store) Memory(ctx context.Context, accountID string) ([]videoagent.MemoryFact, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value, session_id, updated_at FROM memory WHERE account_id = ? ORDER BY key`, accountID)
	if err != nil {
		return nil, fmt.Errorf("read memory: %w", err)
	}
	defer rows.Close()
	var out []videoagent.MemoryFact
	for rows.Next() {
		var f videoagent.MemoryFact
		var at int64
		if err := rows.Scan(&f.Key, &f.Value, &f.SessionID, &at); err != nil {
			return nil, err
		}
		f.UpdatedAt = time.Unix(0, at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// SetMemory implements videoagent.AssetStore.
func (s *Store) SetMemory(ctx context.Context, accountID string, f videoagent.MemoryFact) error {
	if f.UpdatedAt.IsZero() {
		f.UpdatedAt = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO memory (account_id, key, value, session_id, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(account_id, key) DO UPDATE SET value = excluded.value, session_id = excluded.session_id, updated_at = excluded.updated_at`,
		accountID, f.Key, f.Value, f.SessionID, f.UpdatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("set memory: %w", err)
	}
	return nil
}

// DeleteMemory implements videoagent.AssetStore.
func (s *Store) DeleteMemory(ctx context.Context, accountID, key string) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM memory WHERE account_id = ? AND (? = '' OR key = ?)`, accountID, key, key)
	if err != nil {
		return 0, fmt.Errorf("delete memory: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
