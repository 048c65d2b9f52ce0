package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/openvideoagent/videoagent/webhook"
)

// verifyStandard checks a delivery with the reference Standard Webhooks library, as an
// off-the-shelf receiver would.
func verifyStandard(t *testing.T, secret string, d hookDelivery) error {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatalf("the Standard Webhooks library refuses the secret %q: %v", secret, err)
	}
	if d.header.Get("webhook-id") != d.event.EventID {
		t.Errorf("webhook-id %q, event_id %q", d.header.Get("webhook-id"), d.event.EventID)
	}
	return wh.Verify(d.body, d.header)
}

// hookReceiver is a local webhook receiver that fails its first `failures` deliveries.
type hookReceiver struct {
	mu       sync.Mutex
	failures int
	got      []hookDelivery
	srv      *httptest.Server
}

type hookDelivery struct {
	header http.Header
	body   []byte
	status int
	event  webhook.Body
}

func newHookReceiver(t *testing.T, failures int) *hookReceiver {
	h := &hookReceiver{failures: failures}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		defer h.mu.Unlock()
		status := 200
		if h.failures > 0 {
			h.failures--
			status = 500
		}
		d := hookDelivery{header: r.Header.Clone(), body: body, status: status}
		json.Unmarshal(body, &d.event)
		h.got = append(h.got, d)
		w.WriteHeader(status)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// delivered returns the deliveries answered 200, with the given event type.
func (h *hookReceiver) delivered(eventType string) []hookDelivery {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []hookDelivery
	for _, d := range h.got {
		if d.status == 200 && d.event.EventType == eventType {
			out = append(out, d)
		}
	}
	return out
}

func (h *hookReceiver) attempts() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.got)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestWebhookDelivery runs local receivers: success and failure events arrive signed with
// the endpoint's secret; the request's callback_url gets them with its callback_id; a
// receiver that fails twice gets the event on the third attempt; rotate-secret changes the
// key; the events history lists what was sent.
func TestWebhookDelivery(t *testing.T) {
	s := startServer(t, "", "--allow-private-urls", "--webhook-retry-base", "100ms")
	endpoint := newHookReceiver(t, 0)
	flaky := newHookReceiver(t, 2)
	callback := newHookReceiver(t, 0)
	r := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": endpoint.srv.URL + "/hooks"})
	if r.Status != 200 {
		t.Fatalf("register: HTTP %d %s", r.Status, r.Raw)
	}
	epID, secret := r.data()["endpoint_id"].(string), r.data()["secret"].(string)
	r = s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": flaky.srv.URL + "/hooks", "events": []string{"video_agent.success"}})
	flakySecret := r.data()["secret"].(string)

	// Success.
	_, vid := s.createVideo(map[string]any{"prompt": "A 10-second teaser about the night sky.", "callback_url": callback.srv.URL + "/cb", "callback_id": "order-77"})
	if v := s.waitVideo(vid, 5*time.Minute, "completed", "failed"); v["status"] != "completed" {
		t.Fatalf("video %v", v)
	}
	waitUntil(t, "the success event", func() bool { return len(endpoint.delivered("video_agent.success")) == 1 })
	ok := endpoint.delivered("video_agent.success")[0]
	if !webhook.Verify(secret, ok.header.Get("Heygen-Timestamp"), ok.header.Get("Heygen-Signature"), ok.body, time.Minute) {
		t.Error("success event: signature does not verify with the endpoint's secret")
	}
	if err := verifyStandard(t, secret, ok); err != nil {
		t.Errorf("success event: Standard Webhooks verification: %v", err)
	}
	var data map[string]any
	json.Unmarshal(ok.event.EventData, &data)
	if data["video_id"] != vid || data["session_id"] == nil || data["url"] == nil || data["duration"] == nil {
		t.Errorf("success event_data = %s", ok.event.EventData)
	}
	if u, _ := data["url"].(string); u != "" {
		if resp, err := http.Get(u); err != nil || resp.StatusCode != 200 {
			t.Errorf("the event's url does not download: %v", err)
		}
	}
	waitUntil(t, "the callback", func() bool { return len(callback.delivered("video_agent.success")) == 1 })
	var cbData map[string]any
	json.Unmarshal(callback.delivered("video_agent.success")[0].event.EventData, &cbData)
	if cbData["callback_id"] != "order-77" {
		t.Errorf("callback event_data = %v", cbData)
	}
	// The flaky receiver answered 500 twice; the third attempt got through.
	waitUntil(t, "the flaky receiver's third attempt", func() bool { return len(flaky.delivered("video_agent.success")) == 1 })
	if n := flaky.attempts(); n != 3 {
		t.Errorf("flaky receiver saw %d attempts, want 3", n)
	}
	fd := flaky.delivered("video_agent.success")[0]
	if !webhook.Verify(flakySecret, fd.header.Get("Heygen-Timestamp"), fd.header.Get("Heygen-Signature"), fd.body, time.Minute) {
		t.Error("flaky receiver: signature does not verify")
	}

	// Rotate the secret, then a failure event is signed with the new one only.
	r = s.call("POST", "/v3/webhooks/endpoints/"+epID+"/rotate-secret", nil)
	newSecret := r.data()["secret"].(string)
	_, failed := s.createVideo(map[string]any{"prompt": "A video from a missing file.",
		"files": []any{map[string]any{"type": "url", "url": endpoint.srv.URL + "/missing.pdf"}}})
	if v := s.waitVideo(failed, 5*time.Minute, "completed", "failed"); v["status"] != "failed" {
		t.Fatalf("the video with a missing file %v", v["status"])
	}
	waitUntil(t, "the failure event", func() bool { return len(endpoint.delivered("video_agent.fail")) == 1 })
	fail := endpoint.delivered("video_agent.fail")[0]
	ts, sig := fail.header.Get("Heygen-Timestamp"), fail.header.Get("Heygen-Signature")
	if !webhook.Verify(newSecret, ts, sig, fail.body, time.Minute) || webhook.Verify(secret, ts, sig, fail.body, time.Minute) {
		t.Error("after rotate-secret the event is not signed with the new secret alone")
	}
	if verifyStandard(t, newSecret, fail) != nil || verifyStandard(t, secret, fail) == nil {
		t.Error("after rotate-secret the Standard Webhooks signature is not by the new secret alone")
	}
	json.Unmarshal(fail.event.EventData, &data)
	if data["failure_code"] == nil || data["failure_message"] == nil || data["video_id"] != failed {
		t.Errorf("failure event_data = %s", fail.event.EventData)
	}
	if n := len(flaky.delivered("video_agent.fail")); n != 0 {
		t.Errorf("an endpoint subscribed to successes got %d failure events", n)
	}

	// The history lists both events.
	if l := s.call("GET", "/v3/webhooks/events?event_type=video_agent.fail", nil).list(); len(l) != 1 {
		t.Errorf("events history of failures: %d", len(l))
	}
	if l := s.call("GET", "/v3/webhooks/events", nil).list(); len(l) != 2 {
		t.Errorf("events history: %d", len(l))
	}
}

// TestWebhookAddressRules: without --allow-private-urls, receivers on loopback, private or
// link-local addresses are refused at registration.
func TestWebhookAddressRules(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	for _, u := range []string{"http://127.0.0.1:9/x", "http://10.1.2.3/x", "http://169.254.169.254/latest", "http://[::1]/x", "http://localhost:8080/x"} {
		r := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": u})
		if r.Status != 400 || r.errorField("param") != "url" {
			t.Errorf("%s: HTTP %d %s", u, r.Status, r.Raw)
		}
	}
}
