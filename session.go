package videoagent

import (
	"context"
	"encoding/json"
	"time"
)

// Session statuses, as in the v3 reference.
const (
	SessionThinking        = "thinking"
	SessionWaitingForInput = "waiting_for_input"
	SessionReviewing       = "reviewing"
	SessionGenerating      = "generating"
	SessionCompleted       = "completed"
	SessionFailed          = "failed"
)

// Video statuses, as in the v3 reference.
const (
	VideoPending    = "pending"
	VideoProcessing = "processing"
	VideoCompleted  = "completed"
	VideoFailed     = "failed"
)

// Session modes.
const (
	ModeGenerate = "generate"
	ModeChat     = "chat"
	// ModeDirect sessions hold a direct video (POST /v3/videos): a storyboard built from the
	// request, rendered as is. They are internal: the Video Agent endpoints never show them.
	ModeDirect = "direct"
)

// Message roles and types.
const (
	RoleUser  = "user"
	RoleModel = "model"

	MessageText     = "text"
	MessageResource = "resource"
	MessageError    = "error"
)

// Account owns every other resource. Another account's key sees none of them.
type Account struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// Session is a Video Agent session: a brief, its conversation and the videos it produced.
type Session struct {
	ID        string
	AccountID string
	Mode      string
	Status    string
	Progress  int
	Title     string
	VideoID   string // newest video, "" if none yet
	Brief     Brief
	// Storyboard is the current storyboard as JSON, nil before planning.
	Storyboard  json.RawMessage
	CallbackURL string
	CallbackID  string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Message is one turn of a session's conversation.
type Message struct {
	ID          string
	SessionID   string
	Role        string
	Type        string
	Content     string
	ResourceIDs []string
	CreatedAt   time.Time
}

// Resource is something a session produced or received: the storyboard draft, uploaded
// files, the final video.
type Resource struct {
	ID           string
	SessionID    string
	ResourceType string // "draft", "video", "image", ...
	SourceType   string // "generated", "uploaded"
	BlobKey      string // file in the blob store, "" if none
	Metadata     json.RawMessage
	CreatedAt    time.Time
}

// Video is one rendered (or failed, or pending) video.
type Video struct {
	ID             string
	AccountID      string
	SessionID      string // "" for direct videos
	Status         string
	Title          string
	Duration       float64 // seconds, 0 until completed
	VideoKey       string  // blob keys, "" until completed
	ThumbnailKey   string
	SubtitleKey    string
	GIFKey         string // animated preview
	CaptionedKey   string // the rendition with captions burned in
	FailureCode    string
	FailureMessage string
	CreatedAt      time.Time
	CompletedAt    time.Time // zero until completed or failed
}

// Page asks for one page of a list, newest first. Token is the opaque cursor a previous
// page returned; "" starts at the newest.
type Page struct {
	Limit int
	Token string
}

// Store is the durable state of the server. Every method that takes an account ID only
// sees that account's rows: another account's id is ENOTFOUND (or EVIDEONOTFOUND).
type Store interface {
	// Accounts and keys.
	CreateAccount(ctx context.Context, name string) (*Account, error)
	EnsureAccount(ctx context.Context, id, name string) (*Account, error)
	CreateAPIKey(ctx context.Context, accountID, name string) (key string, err error)
	// EnsureAPIKey registers a key chosen by the operator (the bootstrap key).
	EnsureAPIKey(ctx context.Context, accountID, key string) error
	// AccountByAPIKey returns the account a key belongs to, or EUNAUTHORIZED.
	AccountByAPIKey(ctx context.Context, key string) (*Account, error)

	// Sessions. CreateSession stores the session and, when video is not nil, its first
	// video in one transaction, and runs enqueue inside that transaction (so a session is
	// never stored without its job, nor a job without its session).
	CreateSession(ctx context.Context, s *Session, v *Video, enqueue func(tx Tx) error) error
	// Session returns a session of the account (never a direct video's internal session);
	// another account's is ENOTFOUND. An empty accountID is a caller's bug and an internal
	// error: workers, which act for any account, use SessionByID.
	Session(ctx context.Context, accountID, id string) (*Session, error)
	// SessionByID returns any account's session, direct videos' included (for workers).
	SessionByID(ctx context.Context, id string) (*Session, error)
	ListSessions(ctx context.Context, accountID string, p Page) ([]*Session, string, error)
	UpdateSession(ctx context.Context, id string, update SessionUpdate) error
	AddMessage(ctx context.Context, m *Message) error
	// Messages returns a session's messages, newest first, at most limit.
	Messages(ctx context.Context, sessionID string, limit int) ([]*Message, error)
	CreateResource(ctx context.Context, r *Resource) error
	Resource(ctx context.Context, sessionID, id string) (*Resource, error)

	// Videos.
	Video(ctx context.Context, accountID, id string) (*Video, error)
	// VideoByID is for workers: no account filter.
	VideoByID(ctx context.Context, id string) (*Video, error)
	ListVideos(ctx context.Context, accountID string, sessionID string, p Page) ([]*Video, string, error)
	UpdateVideo(ctx context.Context, id string, update VideoUpdate) error
	// FinishVideo records how a video ended in one transaction: the video's update, its
	// session's (when sessionID is not empty) and the session's message (when m is not
	// nil); a session that no longer exists is skipped. A client that sees the video
	// finished then sees its session finished too.
	FinishVideo(ctx context.Context, videoID string, vu VideoUpdate, sessionID string, su SessionUpdate, m *Message) error
	DeleteVideo(ctx context.Context, accountID, id string) (*Video, error)

	AssetStore
	WebhookStore
	IdempotencyStore
	LimitStore
	ChatStore
	BatchStore
	BrandKitStore
	UploadStore
	OwnLookStore
}

// Tx is an open store transaction handed to code that must commit with it, such as the job
// queue's insert. Its concrete type belongs to the store (for sqlite, *sql.Tx).
type Tx any

// SessionUpdate changes the fields that are set.
type SessionUpdate struct {
	Brief      *Brief
	Status     *string
	Progress   *int
	Title      *string
	VideoID    *string
	Storyboard json.RawMessage
}

// VideoUpdate changes the fields that are set.
type VideoUpdate struct {
	Status         *string
	Title          *string
	Duration       *float64
	VideoKey       *string
	ThumbnailKey   *string
	SubtitleKey    *string
	GIFKey         *string
	CaptionedKey   *string
	FailureCode    *string
	FailureMessage *string
	CompletedAt    *time.Time
}

// Ptr returns a pointer to v, for the update structs.
func Ptr[T any](v T) *T { return &v }

// Deref returns what p points to, or T's zero value when p is nil: an optional request
// field's value.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
