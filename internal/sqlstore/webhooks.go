package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// CreateWebhookEndpoint implements videoagent.WebhookStore.
func (s *Store) CreateWebhookEndpoint(ctx context.Context, e *videoagent.WebhookEndpoint) error {
	s.newRow(&e.ID, &e.CreatedAt)
	_, err := s.db.ExecContext(ctx, `INSERT INTO webhook_endpoints (id, account_id, url, events, status, secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.AccountID, e.URL, eventsJSON(e.Events), e.Status, e.Secret, e.CreatedAt.UnixNano())
	if err != nil {
		return fmt.Errorf("create webhook endpoint: %w", err)
	}
	return nil
}

func eventsJSON(events []string) any {
	if events == nil {
		return nil
	}
	b, _ := json.Marshal(events)
	return string(b)
}

const endpointCols = `id, account_id, url, events, status, secret, created_at`

func scanEndpoint(row interface{ Scan(...any) error }) (*videoagent.WebhookEndpoint, error) {
	var e videoagent.WebhookEndpoint
	var events sql.NullString
	var created int64
	if err := row.Scan(&e.ID, &e.AccountID, &e.URL, &events, &e.Status, &e.Secret, &created); err != nil {
		return nil, err
	}
	if events.Valid {
		if err := json.Unmarshal([]byte(events.String), &e.Events); err != nil {
			return nil, fmt.Errorf("endpoint %s events: %w", e.ID, err)
		}
		if e.Events == nil {
			e.Events = []string{}
		}
	}
	e.CreatedAt = time.Unix(0, created)
	return &e, nil
}

func endpointNotFound(id string) error {
	return videoagent.Errorf(videoagent.ENOTFOUND, "Webhook endpoint %s not found.", id)
}

// WebhookEndpoint implements videoagent.WebhookStore.
func (s *Store) WebhookEndpoint(ctx context.Context, accountID, id string) (*videoagent.WebhookEndpoint, error) {
	if err := needAccount(accountID, "webhook endpoint", id); err != nil {
		return nil, err
	}
	return readOne(ctx, s.db, scanEndpoint, endpointNotFound(id), "webhook endpoint",
		`SELECT `+endpointCols+` FROM webhook_endpoints WHERE id = ? AND account_id = ?`, id, accountID)
}

// WebhookEndpointByID implements videoagent.WebhookStore.
func (s *Store) WebhookEndpointByID(ctx context.Context, id string) (*videoagent.WebhookEndpoint, error) {
	return readOne(ctx, s.db, scanEndpoint, endpointNotFound(id), "webhook endpoint",
		`SELECT `+endpointCols+` FROM webhook_endpoints WHERE id = ?`, id)
}

// ListWebhookEndpoints implements videoagent.WebhookStore. A zero Limit lists them all
// (for fan-out).
func (s *Store) ListWebhookEndpoints(ctx context.Context, accountID string, p videoagent.Page) ([]*videoagent.WebhookEndpoint, string, error) {
	return listPage(ctx, s.db, p, `SELECT `+endpointCols+` FROM webhook_endpoints WHERE account_id = ?`, []any{accountID},
		scanEndpoint, func(e *videoagent.WebhookEndpoint) (time.Time, string) { return e.CreatedAt, e.ID })
}

// UpdateWebhookEndpoint implements videoagent.WebhookStore.
func (s *Store) UpdateWebhookEndpoint(ctx context.Context, accountID, id, url string, events []string, setEvents bool) (*videoagent.WebhookEndpoint, error) {
	if _, err := s.WebhookEndpoint(ctx, accountID, id); err != nil {
		return nil, err
	}
	if url != "" {
		if _, err := s.db.ExecContext(ctx, `UPDATE webhook_endpoints SET url = ? WHERE id = ? AND account_id = ?`, url, id, accountID); err != nil {
			return nil, fmt.Errorf("update webhook endpoint: %w", err)
		}
	}
	if setEvents {
		if _, err := s.db.ExecContext(ctx, `UPDATE webhook_endpoints SET events = ? WHERE id = ? AND account_id = ?`, eventsJSON(events), id, accountID); err != nil {
			return nil, fmt.Errorf("update webhook endpoint: %w", err)
		}
	}
	return s.WebhookEndpoint(ctx, accountID, id)
}

// SetWebhookSecret implements videoagent.WebhookStore.
func (s *Store) SetWebhookSecret(ctx context.Context, accountID, id, secret string) error {
	return changeOne(ctx, s.db, endpointNotFound(id), "rotate webhook secret",
		`UPDATE webhook_endpoints SET secret = ? WHERE id = ? AND account_id = ?`, secret, id, accountID)
}

// DeleteWebhookEndpoint implements videoagent.WebhookStore.
func (s *Store) DeleteWebhookEndpoint(ctx context.Context, accountID, id string) error {
	return changeOne(ctx, s.db, endpointNotFound(id), "delete webhook endpoint",
		`DELETE FROM webhook_endpoints WHERE id = ? AND account_id = ?`, id, accountID)
}

// CreateWebhookEvent implements videoagent.WebhookStore.
func (s *Store) CreateWebhookEvent(ctx context.Context, e *videoagent.WebhookEvent, enqueue func(tx videoagent.Tx) error) error {
	s.newRow(&e.ID, &e.CreatedAt)
	return s.inTx(ctx, enqueue, func(tx Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO webhook_events (id, account_id, type, entity_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			e.ID, e.AccountID, e.Type, e.EntityID, string(e.Data), e.CreatedAt.UnixNano())
		if err != nil {
			return fmt.Errorf("create webhook event: %w", err)
		}
		return nil
	})
}

const eventCols = `id, account_id, type, entity_id, data, created_at`

func scanEvent(row interface{ Scan(...any) error }) (*videoagent.WebhookEvent, error) {
	var e videoagent.WebhookEvent
	var data string
	var created int64
	if err := row.Scan(&e.ID, &e.AccountID, &e.Type, &e.EntityID, &data, &created); err != nil {
		return nil, err
	}
	e.Data = json.RawMessage(data)
	e.CreatedAt = time.Unix(0, created)
	return &e, nil
}

// WebhookEvent implements videoagent.WebhookStore.
func (s *Store) WebhookEvent(ctx context.Context, id string) (*videoagent.WebhookEvent, error) {
	return readOne(ctx, s.db, scanEvent, videoagent.Errorf(videoagent.ENOTFOUND, "Webhook event %s not found.",
		id), "webhook event", `SELECT `+eventCols+` FROM webhook_events WHERE id = ?`, id)
}

// ListWebhookEvents implements videoagent.WebhookStore; empty filters match everything.
func (s *Store) ListWebhookEvents(ctx context.Context, accountID, eventType, entityID string, p videoagent.Page) ([]*videoagent.WebhookEvent, string, error) {
	return listPage(ctx, s.db, p, `SELECT `+eventCols+` FROM webhook_events WHERE account_id = ? AND (? = '' OR type = ?) AND (? = '' OR entity_id = ?)`,
		[]any{accountID, eventType, eventType, entityID, entityID},
		scanEvent, func(e *videoagent.WebhookEvent) (time.Time, string) { return e.CreatedAt, e.ID })
}

// AddWebhookAttempt implements videoagent.WebhookStore.
func (s *Store) AddWebhookAttempt(ctx context.Context, a *videoagent.WebhookAttempt) error {
	if a.At.IsZero() {
		a.At = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO webhook_attempts (event_id, target, url, attempt, status_code, error, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.EventID, a.Target, a.URL, a.Attempt, a.StatusCode, a.Error, a.At.UnixNano())
	if err != nil {
		return fmt.Errorf("record webhook attempt: %w", err)
	}
	return nil
}

// WebhookAttempts implements videoagent.WebhookStore, oldest first.
func (s *Store) WebhookAttempts(ctx context.Context, eventID string) ([]*videoagent.WebhookAttempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT event_id, target, url, attempt, status_code, error, at FROM webhook_attempts WHERE event_id = ? ORDER BY seq`, eventID)
	if err != nil {
		return nil, fmt.Errorf("list webhook attempts: %w", err)
	}
	defer rows.Close()
	var out []*videoagent.WebhookAttempt
	for rows.Next() {
		var a videoagent.WebhookAttempt
		var at int64
		if err := rows.Scan(&a.EventID, &a.Target, &a.URL, &a.Attempt, &a.StatusCode, &a.Error, &at); err != nil {
			return nil, err
		}
		a.At = time.Unix(0, at)
		out = append(out, &a)
	}
	return out, rows.Err()
}
