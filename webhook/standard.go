package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// The Standard Webhooks headers (https://www.standardwebhooks.com), sent beside HeyGen's so
// that off-the-shelf verifiers (the standardwebhooks libraries, Svix's) work unchanged:
//
//	webhook-id:        the event id, the same on every retry
//	webhook-timestamp: Unix seconds
//	webhook-signature: "v1," + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))
//
// where key is the secret's decoded bytes: the secret is "whsec_" and the key in standard
// base64.
const (
	HeaderWebhookID        = "Webhook-Id"
	HeaderWebhookTimestamp = "Webhook-Timestamp"
	HeaderWebhookSignature = "Webhook-Signature"
)

// SecretPrefix starts every endpoint secret.
const SecretPrefix = "whsec_"

// ErrBadSecret means a secret is not "whsec_" and base64 key bytes.
var ErrBadSecret = errors.New("webhook secret is not whsec_ and base64 key bytes")

// SecretKey returns the key bytes of a secret. Secrets made before the Standard Webhooks
// form (URL-safe base64 without padding) decode too; rotate-secret gives one in the
// standard form, which every Standard Webhooks library accepts.
func SecretKey(secret string) ([]byte, error) {
	s, ok := strings.CutPrefix(secret, SecretPrefix)
	if !ok || s == "" {
		return nil, ErrBadSecret
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.RawURLEncoding, base64.URLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) > 0 {
			return k, nil
		}
	}
	return nil, ErrBadSecret
}

// SignStandard returns the webhook-signature value of a message: "v1," and the base64
// HMAC-SHA256 of "<msgID>.<ts>.<body>" keyed with the secret's decoded key.
func SignStandard(secret, msgID string, ts int64, body []byte) (string, error) {
	key, err := SecretKey(secret)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msgID))
	m.Write([]byte{'.'})
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)), nil
}

// VerifyStandard reports whether one of the space-separated signatures in sig is that of
// the message, and its timestamp is within tolerance of now.
func VerifyStandard(secret, msgID, ts, sig string, body []byte, tolerance time.Duration) bool {
	t, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || msgID == "" {
		return false
	}
	if d := time.Since(time.Unix(t, 0)); d > tolerance || d < -tolerance {
		return false
	}
	want, err := SignStandard(secret, msgID, t, body)
	if err != nil {
		return false
	}
	for _, s := range strings.Fields(sig) {
		if hmac.Equal([]byte(s), []byte(want)) {
			return true
		}
	}
	return false
}
