package videoagent

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// OwnLookPrefix starts the id of every look an account designed (POST /v3/avatars), so
// that an id tells at once whether the catalogue or the account's looks hold it.
const OwnLookPrefix = "own-"

// IsOwnLookID reports whether id names a look designed by an account.
func IsOwnLookID(id string) bool { return strings.HasPrefix(id, OwnLookPrefix) }

// Kinds of own looks.
const (
	OwnLookPrompt = "prompt" // drawn from a description
	OwnLookPhoto  = "photo"  // an uploaded photo, framed with pan and zoom (no lip sync)
)

// OwnLook is a presenter look an account designed: from a description (drawn like the
// catalogue's looks, with Params) or from a photo (PhotoAssetID).
type OwnLook struct {
	ID        string // OwnLookPrefix + hex
	AccountID string
	Name      string
	Kind      string // OwnLookPrompt | OwnLookPhoto
	Gender    string
	// Description is the text the look was drawn from; Params the look's parameters
	// (avatar.LookParams as JSON); Unplaced the words of Description that set nothing.
	Description    string
	Params         json.RawMessage
	Unplaced       []string
	Tags           []string
	PhotoAssetID   string
	DefaultVoiceID string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OwnLookStore keeps the looks accounts designed. Another account's look is
// EAVATARNOTFOUND.
type OwnLookStore interface {
	CreateOwnLook(ctx context.Context, l *OwnLook) error
	// OwnLook returns a look of the account. An empty accountID is an internal error.
	OwnLook(ctx context.Context, accountID, id string) (*OwnLook, error)
	// OwnLookByID returns any account's look (for the renderer, which draws a look it was
	// given by a validated request).
	OwnLookByID(ctx context.Context, id string) (*OwnLook, error)
	// ListOwnLooks returns the account's looks, newest first.
	ListOwnLooks(ctx context.Context, accountID string) ([]*OwnLook, error)
	// UpdateOwnLook stores every field of l but CreatedAt, and sets UpdatedAt.
	UpdateOwnLook(ctx context.Context, l *OwnLook) error
	DeleteOwnLook(ctx context.Context, accountID, id string) error
}
