package videoagent

import (
	"context"
	"encoding/json"
	"time"
)

// Webhook event types we emit.
const (
	EventVideoAgentSuccess  = "video_agent.success"
	EventVideoAgentFail     = "video_agent.fail"
	EventAvatarVideoSuccess = "avatar_video.success"
	EventAvatarVideoFail    = "avatar_video.fail"
)

// WebhookEndpoint is a URL registered to receive events. Events nil means all events.
type WebhookEndpoint struct {
	ID        string
	AccountID string
	URL       string
	Events    []string
	Status    string // "enabled"
	Secret    string // whsec_..., signs deliveries
	CreatedAt time.Time
}

// WebhookEvent is something that happened, kept for the events history and delivered to
// the endpoints that subscribe to its type and to the request's callback_url, if any.
type WebhookEvent struct {
	ID        string
	AccountID string
	Type      string
	EntityID  string // the video or session the event is about
	Data      json.RawMessage
	CreatedAt time.Time
}

// WebhookAttempt records one delivery attempt of an event to one target.
type WebhookAttempt struct {
	EventID    string
	Target     string // endpoint id, or "callback" for a request's callback_url
	URL        string
	Attempt    int
	StatusCode int    // 0 when no response arrived
	Error      string // why the attempt failed, "" on success
	At         time.Time
}

// WebhookStore keeps endpoints, events and delivery attempts. Account-scoped methods treat
// another account's ids as ENOTFOUND.
type WebhookStore interface {
	CreateWebhookEndpoint(ctx context.Context, e *WebhookEndpoint) error
	// WebhookEndpoint returns an endpoint of the account. An empty accountID is an internal
	// error.
	WebhookEndpoint(ctx context.Context, accountID, id string) (*WebhookEndpoint, error)
	// WebhookEndpointByID returns any account's endpoint (for delivery workers).
	WebhookEndpointByID(ctx context.Context, id string) (*WebhookEndpoint, error)
	ListWebhookEndpoints(ctx context.Context, accountID string, p Page) ([]*WebhookEndpoint, string, error)
	// UpdateWebhookEndpoint sets the URL (when not "") and the events (when setEvents).
	UpdateWebhookEndpoint(ctx context.Context, accountID, id, url string, events []string, setEvents bool) (*WebhookEndpoint, error)
	SetWebhookSecret(ctx context.Context, accountID, id, secret string) error
	DeleteWebhookEndpoint(ctx context.Context, accountID, id string) error

	// CreateWebhookEvent stores e and runs enqueue (the deliveries' jobs) in the same
	// transaction, so an event is never stored without its deliveries.
	CreateWebhookEvent(ctx context.Context, e *WebhookEvent, enqueue func(tx Tx) error) error
	WebhookEvent(ctx context.Context, id string) (*WebhookEvent, error)
	ListWebhookEvents(ctx context.Context, accountID, eventType, entityID string, p Page) ([]*WebhookEvent, string, error)
	AddWebhookAttempt(ctx context.Context, a *WebhookAttempt) error
	WebhookAttempts(ctx context.Context, eventID string) ([]*WebhookAttempt, error)
}

// Events emits webhook events: it records the event and schedules its deliveries.
type Events interface {
	Emit(ctx context.Context, accountID string, e *WebhookEvent, callbackURL, callbackID string) error
}
