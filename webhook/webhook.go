// Package webhook delivers events to registered endpoints and per-request callback URLs:
// the body, the signature scheme, and one delivery attempt. Retries are the job queue's.
//
// Every delivery to a registered endpoint carries Heygen-Event-Id, Heygen-Timestamp (Unix
// seconds) and Heygen-Signature: the hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with
// the endpoint's secret. Verify checks one. The same delivery carries the Standard Webhooks
// headers too (see standard.go), so off-the-shelf verifiers work.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Header names of a delivery.
const (
	HeaderEventID   = "Heygen-Event-Id"
	HeaderTimestamp = "Heygen-Timestamp"
	HeaderSignature = "Heygen-Signature"
)

// NewSecret returns a new endpoint secret in the Standard Webhooks form: "whsec_" and 32
// random key bytes in standard base64.
func NewSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b)
}

// Sign returns the signature of a body sent at Unix time ts.
func Sign(secret string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is the signature of body at timestamp ts (as sent in the
// headers) and the timestamp is within tolerance of now, which defeats replays.
func Verify(secret, ts, sig string, body []byte, tolerance time.Duration) bool {
	t, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if d := time.Since(time.Unix(t, 0)); d > tolerance || d < -tolerance {
		return false
	}
	return hmac.Equal([]byte(Sign(secret, t, body)), []byte(sig))
}

// Body is what a delivery POSTs.
type Body struct {
	EventType string          `json:"event_type"`
	EventID   string          `json:"event_id"`
	CreatedAt string          `json:"created_at"` // ISO-8601
	EventData json.RawMessage `json:"event_data"`
}

// Encode returns the body of an event; a callback's callback_id is added to event_data.
func Encode(e *videoagent.WebhookEvent, callbackID string) ([]byte, error) {
	data := e.Data
	if callbackID != "" {
		var m map[string]any
		if err := json.Unmarshal(e.Data, &m); err != nil {
			return nil, fmt.Errorf("event %s data: %w", e.ID, err)
		}
		m["callback_id"] = callbackID
		b, err := json.Marshal(m)
		if err != nil {
			return nil, err
		}
		data = b
	}
	return json.Marshal(Body{EventType: e.Type, EventID: e.ID, CreatedAt: e.CreatedAt.UTC().Format(time.RFC3339), EventData: data})
}

// Subscribed reports whether an endpoint wants events of a type (nil Events: all).
func Subscribed(ep *videoagent.WebhookEndpoint, eventType string) bool {
	if ep.Events == nil {
		return true
	}
	for _, t := range ep.Events {
		if t == eventType {
			return true
		}
	}
	return false
}

// Target is where one delivery goes: a registered endpoint, or a request's callback URL.
type Target struct {
	EndpointID  string
	CallbackURL string
	CallbackID  string
}

// Sender makes delivery attempts and records each one.
type Sender struct {
	Store videoagent.WebhookStore
	// Client sends the requests; it should refuse private addresses unless the operator
	// allows them. Nil means a client with a 10 s timeout.
	Client *http.Client
}

// ErrGone means the target no longer exists (its endpoint was deleted): stop retrying.
var ErrGone = fmt.Errorf("webhook target no longer exists")

// Deliver makes attempt number attempt of event eventID to target. It returns nil on a 2xx
// answer, ErrGone when the endpoint was deleted, and an error otherwise.
func (s *Sender) Deliver(ctx context.Context, eventID string, to Target, attempt int) error {
	ev, err := s.Store.WebhookEvent(ctx, eventID)
	if err != nil {
		if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
			return ErrGone
		}
		return err
	}
	url, secret, target := to.CallbackURL, "", "callback"
	if to.EndpointID != "" {
		ep, err := s.Store.WebhookEndpointByID(ctx, to.EndpointID)
		if err != nil {
			if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
				return ErrGone
			}
			return err
		}
		url, secret, target = ep.URL, ep.Secret, ep.ID
	}
	body, err := Encode(ev, to.CallbackID)
	if err != nil {
		return err
	}
	status, sendErr := s.send(ctx, url, secret, ev.ID, body)
	rec := &videoagent.WebhookAttempt{EventID: ev.ID, Target: target, URL: url, Attempt: attempt, StatusCode: status}
	switch {
	case sendErr != nil:
		rec.Error = sendErr.Error()
	case status < 200 || status > 299:
		rec.Error = fmt.Sprintf("receiver answered HTTP %d", status)
	}
	if err := s.Store.AddWebhookAttempt(context.WithoutCancel(ctx), rec); err != nil {
		return err
	}
	if rec.Error != "" {
		return fmt.Errorf("deliver %s to %s: %s", ev.ID, url, rec.Error)
	}
	return nil
}

func (s *Sender) send(ctx context.Context, url, secret, eventID string, body []byte) (int, error) {
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	ts := time.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "OpenVideoAgent-Webhooks/1")
	req.Header.Set(HeaderEventID, eventID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderWebhookID, eventID)
	req.Header.Set(HeaderWebhookTimestamp, strconv.FormatInt(ts, 10))
	if secret != "" {
		req.Header.Set(HeaderSignature, Sign(secret, ts, body))
		if sig, err := SignStandard(secret, eventID, ts, body); err == nil {
			req.Header.Set(HeaderWebhookSignature, sig)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, nil
}
