package sqlstore

import (
	"context"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

const uploadCols = `id, account_id, name, declared_type, declared_size, declared_sha256, status, blob_key, size_bytes, sha256, error, created_at, expires_at`

// CreateUpload implements videoagent.UploadStore.
func (s *Store) CreateUpload(ctx context.Context, u *videoagent.Upload) error {
	s.newRow(&u.ID, &u.CreatedAt)
	_, err := s.db.ExecContext(ctx, `INSERT INTO uploads (`+uploadCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.AccountID, u.Name, u.DeclaredType, u.DeclaredSize, u.DeclaredSHA256, u.Status, u.BlobKey, u.SizeBytes, u.SHA256, u.Error,
		u.CreatedAt.UnixNano(), u.ExpiresAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create upload: %w", err)
	}
	return nil
}

func uploadNotFound(id string) error {
	return videoagent.Errorf(videoagent.ENOTFOUND, "Upload %s not found.", id)
}

func scanUpload(row interface{ Scan(...any) error }) (*videoagent.Upload, error) {
	var u videoagent.Upload
	var created, expires int64
	if err := row.Scan(&u.ID, &u.AccountID, &u.Name, &u.DeclaredType, &u.DeclaredSize, &u.DeclaredSHA256, &u.Status, &u.BlobKey,
		&u.SizeBytes, &u.SHA256, &u.Error, &created, &expires); err != nil {
		return nil, err
	}
	u.CreatedAt, u.ExpiresAt = time.Unix(0, created), time.Unix(0, expires)
	return &u, nil
}

// Upload implements videoagent.UploadStore.
func (s *Store) Upload(ctx context.Context, accountID, id string) (*videoagent.Upload, error) {
	if err := needAccount(accountID, "upload", id); err != nil {
		return nil, err
	}
	return readOne(ctx, s.db, scanUpload, uploadNotFound(id), "upload",
		`SELECT `+uploadCols+` FROM uploads WHERE id = ? AND account_id = ?`, id, accountID)
}

// UploadByID implements videoagent.UploadStore.
func (s *Store) UploadByID(ctx context.Context, id string) (*videoagent.Upload, error) {
	return readOne(ctx, s.db, scanUpload, uploadNotFound(id), "upload", `SELECT `+uploadCols+` FROM uploads WHERE id = ?`, id)
}

// UpdateUpload implements videoagent.UploadStore.
func (s *Store) UpdateUpload(ctx context.Context, u *videoagent.Upload) error {
	return changeOne(ctx, s.db, uploadNotFound(u.ID), "update upload",
		`UPDATE uploads SET status = ?, blob_key = ?, size_bytes = ?, sha256 = ?, error = ? WHERE id = ? AND account_id = ?`,
		u.Status, u.BlobKey, u.SizeBytes, u.SHA256, u.Error, u.ID, u.AccountID)
}
