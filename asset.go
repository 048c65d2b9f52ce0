package videoagent

import (
	"context"
	"time"
)

// Asset is a file a user gave us: uploaded with POST /v3/assets, or fetched from a URL or
// decoded from base64 in a request's files. It is usable wherever an AssetInput is.
type Asset struct {
	ID        string
	AccountID string
	Name      string // original file name or URL, for messages
	MimeType  string // sniffed from the bytes, never trusted from the client
	SizeBytes int64
	BlobKey   string
	CreatedAt time.Time
}

// MemoryFact is something the agent learned about an account (a company or product name, a
// preferred presenter, voice, style, tone, language or call-to-action URL) and brings into
// its next sessions.
type MemoryFact struct {
	Key       string
	Value     string
	SessionID string // the session it was learned from
	UpdatedAt time.Time
}

// AssetStore keeps assets and memory facts. Every method is scoped to an account: another
// account's asset is ENOTFOUND.
type AssetStore interface {
	CreateAsset(ctx context.Context, a *Asset) error
	Asset(ctx context.Context, accountID, id string) (*Asset, error)
	ListAssets(ctx context.Context, accountID string, p Page) ([]*Asset, string, error)
	DeleteAsset(ctx context.Context, accountID, id string) (*Asset, error)

	// Memory returns the account's facts, sorted by key.
	Memory(ctx context.Context, accountID string) ([]MemoryFact, error)
	// SetMemory adds or replaces a fact.
	SetMemory(ctx context.Context, accountID string, f MemoryFact) error
	// DeleteMemory removes one fact, or all of them when key is "". It reports how many
	// facts it removed.
	DeleteMemory(ctx context.Context, accountID, key string) (int, error)
}
