package webhook_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"

	"github.com/openvideoagent/videoagent/webhook"
)

// A receiver checks each delivery's signature with the secret it got when it registered
// (POST /v3/webhooks/endpoints) before trusting the body.
func ExampleVerify() {
	secret := "whsec_example"
	receiver := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !webhook.Verify(secret, r.Header.Get("Heygen-Timestamp"), r.Header.Get("Heygen-Signature"), body, 5*time.Minute) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		fmt.Println("verified:", string(body))
	})

	// What the server sends: the body, signed over "<timestamp>.<body>".
	body := `{"event_type":"video_agent.success","event_id":"e1","created_at":"2026-11-28T12:00:00Z","event_data":{"video_id":"v1"}}`
	ts := time.Now().Unix()
	req := httptest.NewRequest("POST", "/hooks", strings.NewReader(body))
	req.Header.Set("Heygen-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("Heygen-Signature", webhook.Sign(secret, ts, []byte(body)))
	receiver.ServeHTTP(httptest.NewRecorder(), req)
	// Output: verified: {"event_type":"video_agent.success","event_id":"e1","created_at":"2026-11-28T12:00:00Z","event_data":{"video_id":"v1"}}
}
