package jobs_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/jobs"
	"github.com/openvideoagent/videoagent/internal/pipeline"
	"github.com/openvideoagent/videoagent/internal/sqlite"
	"github.com/openvideoagent/videoagent/webhook"
)

// receiver is a local webhook endpoint that fails its first failures requests.
type receiver struct {
	mu       sync.Mutex
	failures int
	got      []delivery
	srv      *httptest.Server
}

type delivery struct {
	header http.Header
	body   []byte
	status int
}

func newReceiver(t *testing.T, failures int) *receiver {
	r := &receiver{failures: failures}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		status := 200
		if r.failures > 0 {
			r.failures--
			status = 503
		}
		r.got = append(r.got, delivery{header: req.Header.Clone(), body: body, status: status})
		w.WriteHeader(status)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// queueBackends are the databases a queue runs on: the tests that take one run on each.
var queueBackends = []struct {
	name string
	new  func(t *testing.T) (*jobs.Queue, videoagent.Store)
}{{"sqlite", newQueue}, {"postgres", newPostgresQueue}}

func newQueue(t *testing.T) (*jobs.Queue, videoagent.Store) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewStore(db)
	q, err := jobs.New(ctx, db.SQL(), &pipeline.Pipeline{Store: store}, webhookQueueConfig(store))
	if err != nil {
		t.Fatal(err)
	}
	startQueue(t, q)
	return q, store
}

func startQueue(t *testing.T, q *jobs.Queue) {
	ctx := context.Background()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(sctx)
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWebhookRetriesUntilDelivered: a receiver that fails twice gets the event on the third
// attempt, signed with the endpoint's secret; every attempt is recorded; the request's
// callback URL gets the event too, with its callback_id.
func TestWebhookRetriesUntilDelivered(t *testing.T) {
	for _, b := range queueBackends {
		t.Run(b.name, func(t *testing.T) { testWebhookRetries(t, b.new) })
	}
}

func testWebhookRetries(t *testing.T, newQueue func(t *testing.T) (*jobs.Queue, videoagent.Store)) {
	ctx := context.Background()
	q, store := newQueue(t)
	acct, _ := store.CreateAccount(ctx, "a")
	flaky := newReceiver(t, 2)
	callback := newReceiver(t, 0)
	unsubscribed := newReceiver(t, 0)
	ep := &videoagent.WebhookEndpoint{AccountID: acct.ID, URL: flaky.srv.URL, Status: "enabled", Secret: webhook.NewSecret()}
	other := &videoagent.WebhookEndpoint{AccountID: acct.ID, URL: unsubscribed.srv.URL, Events: []string{videoagent.EventVideoAgentFail}, Status: "enabled", Secret: webhook.NewSecret()}
	for _, e := range []*videoagent.WebhookEndpoint{ep, other} {
		if err := store.CreateWebhookEndpoint(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	ev := &videoagent.WebhookEvent{Type: videoagent.EventVideoAgentSuccess, EntityID: "v1", Data: json.RawMessage(`{"video_id":"v1","session_id":"s1"}`)}
	if err := q.Emit(ctx, acct.ID, ev, callback.srv.URL, "my-callback"); err != nil {
		t.Fatal(err)
	}

	waitFor(t, "three attempts at the flaky endpoint", func() bool { return len(flaky.deliveries()) >= 3 })
	waitFor(t, "the callback", func() bool { return len(callback.deliveries()) >= 1 })
	time.Sleep(200 * time.Millisecond) // any extra (wrong) deliveries would arrive by now
	got := flaky.deliveries()
	if len(got) != 3 || got[0].status != 503 || got[1].status != 503 || got[2].status != 200 {
		t.Fatalf("deliveries to the flaky endpoint: %d, want 503, 503, 200", len(got))
	}
	for i, d := range got {
		if !webhook.Verify(ep.Secret, d.header.Get(webhook.HeaderTimestamp), d.header.Get(webhook.HeaderSignature), d.body, time.Minute) {
			t.Errorf("delivery %d: signature does not verify", i+1)
		}
		if d.header.Get(webhook.HeaderEventID) != ev.ID {
			t.Errorf("delivery %d: event id header %q", i+1, d.header.Get(webhook.HeaderEventID))
		}
		if webhook.Verify("whsec_wrong", d.header.Get(webhook.HeaderTimestamp), d.header.Get(webhook.HeaderSignature), d.body, time.Minute) {
			t.Errorf("delivery %d verifies with a wrong secret", i+1)
		}
	}
	var body webhook.Body
	if err := json.Unmarshal(got[2].body, &body); err != nil || body.EventType != "video_agent.success" || body.EventID != ev.ID {
		t.Fatalf("body = %s, %v", got[2].body, err)
	}
	if _, err := time.Parse(time.RFC3339, body.CreatedAt); err != nil {
		t.Errorf("created_at %q is not ISO-8601", body.CreatedAt)
	}
	var cb webhook.Body
	json.Unmarshal(callback.deliveries()[0].body, &cb)
	var data map[string]any
	json.Unmarshal(cb.EventData, &data)
	if data["callback_id"] != "my-callback" || data["video_id"] != "v1" {
		t.Errorf("callback event_data = %s", cb.EventData)
	}
	if n := len(unsubscribed.deliveries()); n != 0 {
		t.Errorf("an endpoint subscribed only to failures got %d deliveries of a success", n)
	}
	attempts, err := store.WebhookAttempts(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	var toEndpoint []*videoagent.WebhookAttempt
	for _, a := range attempts {
		if a.Target == ep.ID {
			toEndpoint = append(toEndpoint, a)
		}
	}
	if len(toEndpoint) != 3 || toEndpoint[0].StatusCode != 503 || toEndpoint[0].Error == "" || toEndpoint[2].StatusCode != 200 || toEndpoint[2].Error != "" || toEndpoint[2].Attempt != 3 {
		t.Errorf("recorded attempts: %+v", toEndpoint)
	}
}

func TestBackoff(t *testing.T) {
	// Exported for the test through the package's behaviour: the window of 60 attempts at the
	// default base covers the 24 h retry window.
	total := time.Duration(0)
	for a := 1; a < 60; a++ {
		total += jobs.Backoff(5*time.Second, a)
	}
	if total < 24*time.Hour {
		t.Fatalf("60 attempts span only %s, want at least 24h", total)
	}
	if jobs.Backoff(5*time.Second, 1) != 5*time.Second || jobs.Backoff(5*time.Second, 3) != 20*time.Second || jobs.Backoff(5*time.Second, 30) != time.Hour {
		t.Fatal("backoff is not 5s, doubling, capped at 1h")
	}
}

// webhookQueueConfig is the queue the webhook tests run: one worker polling often, quick
// retries.
func webhookQueueConfig(store videoagent.Store) jobs.Config {
	return jobs.Config{
		Workers: 1, PollInterval: 20 * time.Millisecond,
		Webhooks: &webhook.Sender{Store: store}, WebhookRetryBase: 50 * time.Millisecond,
	}
}
