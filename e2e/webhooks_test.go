package e2e

import (
	"strings"
	"testing"
)

// TestWebhookEndpoints walks the endpoint API: create (secret shown once), list (secret
// hidden), update, rotate-secret, event types, delete, validation and account isolation.
func TestWebhookEndpoints(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	r := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://hooks.example.com/heygen", "events": []string{"video_agent.success", "video_agent.fail"}})
	if r.Status != 200 {
		t.Fatalf("create: HTTP %d %s", r.Status, r.Raw)
	}
	ep := r.data()
	id, _ := ep["endpoint_id"].(string)
	secret, _ := ep["secret"].(string)
	if id == "" || !strings.HasPrefix(secret, "whsec_") || ep["status"] != "enabled" || ep["url"] != "https://hooks.example.com/heygen" {
		t.Fatalf("created endpoint = %s", r.Raw)
	}
	if ev, _ := ep["events"].([]any); len(ev) != 2 {
		t.Fatalf("events = %v", ep["events"])
	}

	r = s.call("GET", "/v3/webhooks/endpoints", nil)
	items := r.list()
	if r.Status != 200 || len(items) != 1 || items[0].(map[string]any)["secret"] != nil {
		t.Fatalf("list: %s (the secret is shown only on create and rotate)", r.Raw)
	}

	r = s.call("PATCH", "/v3/webhooks/endpoints/"+id, map[string]any{"events": nil, "url": "https://hooks.example.com/v2"})
	if r.Status != 200 || r.data()["url"] != "https://hooks.example.com/v2" || r.data()["events"] != nil {
		t.Fatalf("update: HTTP %d %s", r.Status, r.Raw)
	}

	r = s.call("POST", "/v3/webhooks/endpoints/"+id+"/rotate-secret", nil)
	newSecret, _ := r.data()["secret"].(string)
	if r.Status != 200 || !strings.HasPrefix(newSecret, "whsec_") || newSecret == secret || r.data()["endpoint_id"] != id {
		t.Fatalf("rotate: HTTP %d %s", r.Status, r.Raw)
	}

	r = s.call("GET", "/v3/webhooks/event-types", nil)
	types := map[string]bool{}
	for _, it := range r.list() {
		m := it.(map[string]any)
		types[m["event_type"].(string)] = m["description"] != ""
	}
	for _, want := range []string{"video_agent.success", "video_agent.fail", "avatar_video.success", "avatar_video.fail"} {
		if !types[want] {
			t.Errorf("event type %s missing: %s", want, r.Raw)
		}
	}
	if r := s.call("GET", "/v3/webhooks/events?event_type=video_agent.success", nil); r.Status != 200 || len(r.list()) != 0 {
		t.Errorf("events: HTTP %d %s", r.Status, r.Raw)
	}

	for _, c := range []struct {
		body  map[string]any
		param string
	}{
		{map[string]any{}, "url"},
		{map[string]any{"url": "ftp://example.com/x"}, "url"},
		{map[string]any{"url": "https://example.com/x", "events": []string{"video_agent.success", "no.such.event"}}, "events[1]"},
	} {
		r := s.call("POST", "/v3/webhooks/endpoints", c.body)
		if r.Status != 400 || r.errorField("param") != c.param {
			t.Errorf("create %v: HTTP %d %s, want 400 param %s", c.body, r.Status, r.Raw, c.param)
		}
	}
	if r := s.call("GET", "/v3/webhooks/events?event_type=bogus", nil); r.Status != 400 || r.errorField("param") != "event_type" {
		t.Errorf("events filter: HTTP %d %s", r.Status, r.Raw)
	}

	// Another account cannot see, change or delete the endpoint.
	other := newKey(t, s)
	for _, c := range []struct{ method, path string }{
		{"PATCH", "/v3/webhooks/endpoints/" + id},
		{"DELETE", "/v3/webhooks/endpoints/" + id},
		{"POST", "/v3/webhooks/endpoints/" + id + "/rotate-secret"},
	} {
		var body any
		if c.method == "PATCH" {
			body = map[string]any{"url": "https://evil.example.com"}
		}
		if r := s.callKey(other, c.method, c.path, body); r.Status != 404 {
			t.Errorf("other account %s %s: HTTP %d", c.method, c.path, r.Status)
		}
	}
	if r := s.callKey(other, "GET", "/v3/webhooks/endpoints", nil); len(r.list()) != 0 {
		t.Errorf("other account lists %d endpoints", len(r.list()))
	}

	if r := s.call("DELETE", "/v3/webhooks/endpoints/"+id, nil); r.Status != 200 || r.data()["deleted"] != true {
		t.Fatalf("delete: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("DELETE", "/v3/webhooks/endpoints/"+id, nil); r.Status != 404 {
		t.Fatalf("second delete: HTTP %d", r.Status)
	}
}
