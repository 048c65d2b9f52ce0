package e2e

import (
	"encoding/json"
	"image/color"
	"testing"
	"time"
)

// TestBatchFinishedEvents runs a batch of five videos against real loopback receivers: the
// batch's callback_url is called exactly once, when the whole batch is finished, with a
// batch.finished event; an endpoint subscribed to batch.finished gets that one event; the
// items do not call the batch's callback_url themselves.
func TestBatchFinishedEvents(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", "--allow-private-urls", "--webhook-retry-base", "100ms")
	callback := newHookReceiver(t, 0)
	endpoint := newHookReceiver(t, 0)
	if r := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": endpoint.srv.URL + "/hooks", "events": []string{"batch.finished"}}); r.Status != 200 {
		t.Fatalf("register: HTTP %d %s", r.Status, r.Raw)
	}
	var videos []any
	for i := 0; i < 5; i++ {
		c := color.RGBA{uint8(40 * i), 120, 200, 255}
		videos = append(videos, map[string]any{"type": "studio", "resolution": "720p", "aspect_ratio": "16:9",
			"scenes": []any{map[string]any{"type": "image", "source": b64(pngBytes(t, 320, 180, c)), "duration": 1}}})
	}
	r := s.call("POST", "/v3/videos/batches", map[string]any{"title": "Five", "callback_url": callback.srv.URL + "/cb", "videos": videos})
	if r.Status != 200 {
		t.Fatalf("create batch: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "video-batches-get.response.json", r.Raw)
	bid := r.data()["batch_id"].(string)
	waitUntil(t, "the batch to finish", func() bool {
		return s.call("GET", "/v3/videos/batches/"+bid, nil).data()["status"] != "processing"
	})
	waitUntil(t, "the batch callback", func() bool { return len(callback.delivered("batch.finished")) == 1 })
	waitUntil(t, "the batch.finished event", func() bool { return len(endpoint.delivered("batch.finished")) == 1 })
	// Late or duplicate deliveries would arrive within the retry base; give them time.
	time.Sleep(2 * time.Second)
	if n := callback.attempts(); n != 1 {
		t.Errorf("the batch's callback_url was called %d times, want exactly once", n)
	}
	if n := endpoint.attempts(); n != 1 {
		t.Errorf("the endpoint got %d deliveries, want the one batch.finished", n)
	}
	d := callback.delivered("batch.finished")[0]
	var data map[string]any
	json.Unmarshal(d.event.EventData, &data)
	counts, _ := data["counts_by_status"].(map[string]any)
	if data["batch_id"] != bid || data["status"] != "completed" || data["total_items"] != float64(5) || counts["completed"] != float64(5) {
		t.Errorf("batch.finished event_data = %s", d.event.EventData)
	}
	ev := s.call("GET", "/v3/webhooks/events?event_type=batch.finished", nil)
	checkSchema(t, "webhook-events-list.response.json", ev.Raw)
	if l := ev.list(); len(l) != 1 {
		t.Errorf("events history lists %d batch.finished events: %s", len(l), ev.Raw)
	}
}
