package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

const uploadCols = `id, account_id, name, declared_type, declared_size, declared_sha256, status, blob_key, size_bytes, sha256, error, created_at, expires_at`

// CreateUpload implements videoagent.UploadStore.
func (s *Store) CreateUpload(ctx context.Context, u *videoagent.Upload) error {
	if u.ID == "" {
		u.ID = videoagent.NewID()
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO uploads (`+uploadCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.AccountID, u.Name, u.DeclaredType, u.DeclaredSize, u.DeclaredSHA256, u.Status, u.BlobKey, u.SizeBytes, u.SHA256, u.Error,
		u.CreatedAt.UnixNano(), u.ExpiresAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create upload: %w", err)
	}
	return nil
}

// Upload implements videoagent.UploadStore.
func (s *Store) Upload(ctx context.Context, accountID, id string) (*videoagent.Upload, error) {
	var u videoagent.Upload
	var created, expires int64
	err := s.db.QueryRowContext(ctx, `SELECT `+uploadCols+` FROM uploads WHERE id = ? AND (? = '' OR account_id = ?)`, id, accountID, accountID).
		Scan(&u.ID, &u.AccountID, &u.Name, &u.DeclaredType, &u.DeclaredSize, &u.DeclaredSHA256, &u.Status, &u.BlobKey, &u.SizeBytes, &u.SHA256, &u.Error, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "Upload %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	u.CreatedAt, u.ExpiresAt = time.Unix(0, created), time.Unix(0, expires)
	return &u, nil
}

// UpdateUpload implements videoagent.UploadStore.
func (s *Store) UpdateUpload(ctx context.Context, u *videoagent.Upload) error {
	res, err := s.db.ExecContext(ctx, `UPDATE uploads SET status = ?, blob_key = ?, size_bytes = ?, sha256 = ?, error = ? WHERE id = ? AND account_id = ?`,
		u.Status, u.BlobKey, u.SizeBytes, u.SHA256, u.Error, u.ID, u.AccountID)
	if err != nil {
		return fmt.Errorf("update upload: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return videoagent.Errorf(videoagent.ENOTFOUND, "Upload %s not found.", u.ID)
	}
	return nil
}
