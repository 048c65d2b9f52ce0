package videoagent

import (
	"context"
	"time"
)

// MaxBatchVideos is how many create bodies one batch (POST /v3/videos/batches) may hold.
const MaxBatchVideos = 100

// Batch is a group of direct videos created by one request. Its status and counts are
// derived from its items' videos when it is read.
type Batch struct {
	ID          string
	AccountID   string
	Title       string
	CallbackURL string
	CreatedAt   time.Time
	Items       []BatchItem // in item_index order
}

// BatchItem is one create body of a batch: the video it started, or why it was refused.
type BatchItem struct {
	Index   int
	VideoID string // "" when the item was refused
	// ErrorCode, ErrorMessage and ErrorParam say why an item was refused (validation).
	ErrorCode    string
	ErrorMessage string
	ErrorParam   string
}

// BatchStore keeps batches. Another account's batch is ENOTFOUND.
type BatchStore interface {
	// CreateBatch stores a batch with its items.
	CreateBatch(ctx context.Context, b *Batch) error
	// Batch returns a batch with all its items.
	Batch(ctx context.Context, accountID, id string) (*Batch, error)
	// BatchOfVideo returns the batch id and item index of a video, or "" when the video is
	// not in a batch.
	BatchOfVideo(ctx context.Context, accountID, videoID string) (batchID string, index int, err error)
	// ClaimBatchFinished marks the batch finished and reports true to the first caller
	// only; every later call (and a call for another account's batch) reports false. It
	// makes the batch's finished event fire exactly once however many workers see it.
	ClaimBatchFinished(ctx context.Context, accountID, id string) (bool, error)
}
