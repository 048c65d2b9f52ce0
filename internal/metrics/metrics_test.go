package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

// TestGaugeReadErrorSparesTheOthers: a gauge whose read fails is left out of the scrape;
// the other metrics are still served.
func TestGaugeReadErrorSparesTheOthers(t *testing.T) {
	m := metrics.New()
	m.Gauge("broken", "Always fails.", nil, func(context.Context) ([]metrics.Sample, error) {
		return nil, errors.New("database is gone")
	})
	m.Gauge("videos", "Videos by status.", []string{"status"}, func(context.Context) ([]metrics.Sample, error) {
		return []metrics.Sample{{Labels: []string{"completed"}, Value: 3}}, nil
	})
	m.ObserveHTTP("GET /v3/videos/{video_id}", "GET", 404, 3*time.Millisecond)
	m.VideoFailed("render_failed")
	out := scrape(t, m)
	for _, want := range []string{
		`videoagent_videos{status="completed"} 3`,
		`videoagent_http_requests_total{code="404",method="GET",route="GET /v3/videos/{video_id}"} 1`,
		`videoagent_video_failures_total{failure_code="render_failed"} 1`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("scrape lacks %s", want)
		}
	}
	if strings.Contains(out, "videoagent_broken") {
		t.Error("the failing gauge has samples")
	}
}

func ExampleMetrics_VideoCompleted() {
	m := metrics.New()
	// A 20 s video whose render took 5 s and whose whole run took 8 s.
	m.VideoCompleted(20, 5*time.Second, 8*time.Second)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "videoagent_render_seconds_per_video_second_sum") || strings.HasPrefix(line, "videoagent_video_seconds") {
			fmt.Println(line)
		}
	}
	// Output:
	// videoagent_render_seconds_per_video_second_sum{stage="render"} 0.25
	// videoagent_render_seconds_per_video_second_sum{stage="total"} 0.4
	// videoagent_video_seconds_rendered_total 20
}
