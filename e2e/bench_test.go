package e2e

import (
	"os"
	"strings"
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
		v := s.pollVideo(vid, 10*time.Minute, 60*time.Millisecond) // under the per-account rate
		if v["status"] != "completed" {
			b.Fatalf("video %v: %v", v["status"], v["failure_message"])
		}
		total += time.Since(start)
		video += time.Duration(v["duration"].(float64) * float64(time.Second))
	}
	b.ReportMetric(total.Seconds()/video.Seconds(), "x_realtime")
	b.ReportMetric(video.Seconds()/float64(b.N), "video_s")
}

// BenchmarkChatRevision measures chat mode's revision speed: a six-scene video is rendered
// after approval, then one scene's words are edited; the revision's time from message to
// completed video is reported as a fraction of the first render's (revision_ratio; the goal
// is at most 0.3). Only the edited scene (and the transition into the next) renders again.
func BenchmarkChatRevision(b *testing.B) {
	s := startServer(b, "")
	var first, revision time.Duration
	for i := 0; i < b.N; i++ {
		sid := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "ava-business",
			// The planner says only what a prompt gives: this one gives six scenes' worth. The
			// run stamp in the link keeps the narration cache from answering.
			"prompt": strings.Replace(benchChatPrompt, "ledgerly.example", "ledgerly.example/r"+time.Now().Format("150405000"), 1)}).data()["session_id"].(string)
		s.waitSession(sid, time.Minute, "reviewing")
		scenes := len(s.draft(sid, s.session(sid))["scenes"].([]any))
		if scenes != 6 {
			b.Fatalf("the planner made %d scenes; the benchmark edits one scene of six", scenes)
		}
		start := time.Now()
		s.send(sid, "looks good")
		v1 := s.nextVideo(sid, "")
		first += time.Since(start)
		start = time.Now()
		s.send(sid, `change scene 2 to say "Ledgerly sends polite reminders, so every invoice gets paid on time."`)
		s.nextVideo(sid, v1["id"].(string))
		revision += time.Since(start)
		b.ReportMetric(float64(scenes), "scenes")
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "first_s")
	b.ReportMetric(revision.Seconds()/float64(b.N), "revision_s")
	b.ReportMetric(revision.Seconds()/first.Seconds(), "revision_ratio")
	if os.Getenv("OVA_BENCH_LOGS") != "" { // the server's own timings of each stage
		b.Log(s.logs.String())
	}
}
