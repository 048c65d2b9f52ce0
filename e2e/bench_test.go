package e2e

import (
	"testing"
	"time"
)

// BenchmarkVideo30s measures what a client sees: from POST /v3/video-agents to the video's
// completed status, for a ~30 s video, divided by the video's duration (x_realtime; lower is
// faster). It includes planning, speech, rendering, publishing and the queue's pickup.
func BenchmarkVideo30s(b *testing.B) {
	s := startServer(b, "")
	var total, video time.Duration
	for i := 0; i < b.N; i++ {
		// A different prompt each time, so no cached segment is reused.
		start := time.Now()
		_, vid := s.createVideo(map[string]any{
			"prompt":       "Create a 30-second explainer about composting at home, version " + time.Now().Format("150405.000000"),
			"duration_sec": 30,
		})
		v := s.pollVideo(vid, 10*time.Minute, 20*time.Millisecond)
		if v["status"] != "completed" {
			b.Fatalf("video %v: %v", v["status"], v["failure_message"])
		}
		total += time.Since(start)
		video += time.Duration(v["duration"].(float64) * float64(time.Second))
	}
	b.ReportMetric(total.Seconds()/video.Seconds(), "x_realtime")
	b.ReportMetric(video.Seconds()/float64(b.N), "video_s")
}
