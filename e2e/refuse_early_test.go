package e2e

import (
	"strings"
	"testing"
)

// TestRefuseEarly: requests that the server used to accept and then fail on (planning,
// delivery) are refused at the request, in the v3 envelope with the param at fault.
func TestRefuseEarly(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	ep := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://hooks.example.com/videos"})
	if ep.Status != 200 {
		t.Fatalf("create endpoint: %d %s", ep.Status, ep.Raw)
	}
	epID, _ := ep.data()["endpoint_id"].(string)
	cases := []struct {
		name, method, path string
		body               any
		param              string
	}{
		{"unbroken prompt for 5 s", "POST", "/v3/video-agents", map[string]any{"prompt": strings.Repeat("9", 10000), "duration_sec": 5}, "prompt"},
		{"emoji prompt", "POST", "/v3/video-agents", map[string]any{"prompt": strings.Repeat("😀", 5000), "duration_sec": 5}, "prompt"},
		{"webhook port 99999", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://hooks.example.com:99999/x"}, "url"},
		{"webhook port 0", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://hooks.example.com:0/x"}, "url"},
		{"webhook decimal host", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "http://2130706433/x"}, "url"},
		{"webhook short host", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "http://127.1/x"}, "url"},
		{"webhook hex host", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "http://0x7f.1/x"}, "url"},
		{"webhook octal host", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "http://0177.0.0.1/x"}, "url"},
		{"patch null", "PATCH", "/v3/webhooks/endpoints/" + epID, []byte("null"), "url"},
		{"patch empty", "PATCH", "/v3/webhooks/endpoints/" + epID, []byte("{}"), "url"},
		{"patch bad port", "PATCH", "/v3/webhooks/endpoints/" + epID, map[string]any{"url": "https://hooks.example.com:70000/"}, "url"},
		{"private callback (agent)", "POST", "/v3/video-agents", map[string]any{"prompt": "A short video about tea.", "callback_url": "http://127.0.0.1:9/cb"}, "callback_url"},
		{"private callback (direct)", "POST", "/v3/videos", map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hello there.", "callback_url": "http://10.0.0.7/cb"}, "callback_url"},
		{"private callback (batch)", "POST", "/v3/videos/batches", map[string]any{"videos": []any{map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hi."}}, "callback_url": "http://192.168.1.1/cb"}, "callback_url"},
		{"callback bad port", "POST", "/v3/video-agents", map[string]any{"prompt": "A short video about tea.", "callback_url": "https://cb.example.com:123456/"}, "callback_url"},
	}
	for _, c := range cases {
		r := s.call(c.method, c.path, c.body)
		if r.Status != 400 || r.errorField("code") != "invalid_parameter" || r.errorField("param") != c.param {
			t.Errorf("%s: %d %s; want 400 invalid_parameter param %s", c.name, r.Status, r.Raw, c.param)
		}
	}
	// What is still fine stays accepted: a long prompt in sentences, a public receiver
	// with an explicit port, a PATCH that changes something.
	ok := []struct {
		name, method, path string
		body               any
	}{
		{"long prompt in sentences", "POST", "/v3/video-agents", map[string]any{"prompt": strings.Repeat("Tea is grown on hills and picked by hand. ", 200), "duration_sec": 5}},
		{"receiver with port", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://hooks.example.com:8443/x"}},
		{"receiver by IP", "POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://93.184.216.34/x"}},
		{"patch events", "PATCH", "/v3/webhooks/endpoints/" + epID, map[string]any{"events": []string{"avatar_video.success"}}},
	}
	for _, c := range ok {
		if r := s.call(c.method, c.path, c.body); r.Status != 200 {
			t.Errorf("%s: %d %s; want 200", c.name, r.Status, r.Raw)
		}
	}
}
