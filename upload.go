package videoagent

import (
	"context"
	"time"
)

// Statuses of a direct upload (POST /v3/assets/direct-uploads), as GET /v3/assets/statuses
// shows them.
const (
	UploadPending  = "pending_upload" // waiting for the file at its upload URL
	UploadUploaded = "uploaded"       // the file arrived; waiting for complete
	UploadReady    = "ready"          // completed: the asset is usable
	UploadFailed   = "failed"         // refused at complete (Error says why)
)

// DefaultMaxUploadBytes bounds a direct upload unless the server is configured otherwise.
const DefaultMaxUploadBytes int64 = 2 << 30

// Upload is a direct upload: an asset whose file is sent to a signed URL of the server
// rather than in the request. Its ID becomes the asset's ID when it completes.
type Upload struct {
	ID        string
	AccountID string
	Name      string // the client's file name
	// DeclaredType, DeclaredSize and DeclaredSHA256 are what the client announced; the
	// file's type is sniffed from its bytes at complete, never taken from DeclaredType.
	DeclaredType   string
	DeclaredSize   int64 // 0: not announced
	DeclaredSHA256 string
	Status         string
	BlobKey        string
	SizeBytes      int64  // bytes received
	SHA256         string // hex SHA-256 of the bytes received
	Error          string // why a failed upload was refused
	CreatedAt      time.Time
	ExpiresAt      time.Time // the upload URL's end
}

// UploadStore keeps direct uploads. Another account's upload is ENOTFOUND.
type UploadStore interface {
	CreateUpload(ctx context.Context, u *Upload) error
	// Upload returns an upload of the account. An empty accountID is an internal error.
	Upload(ctx context.Context, accountID, id string) (*Upload, error)
	// UploadByID returns any account's upload (for the signed upload URL, which carries no
	// API key).
	UploadByID(ctx context.Context, id string) (*Upload, error)
	// UpdateUpload stores u's Status, BlobKey, SizeBytes, SHA256 and Error.
	UpdateUpload(ctx context.Context, u *Upload) error
}
