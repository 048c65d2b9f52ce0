package e2e

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkScaleOut is issue 17's measurement: the same work on one worker process and on
// two, each pinned to a core of its own (taskset), on PostgreSQL + S3 with an API process
// that renders nothing: one 3-minute direct avatar video (on two workers its segments are
// fanned out, --fanout-shards 2), then 12 short videos submitted at once. It reports each
// time and the speed-up of two workers over one. Run it with `make bench-scale`
// (OVA_BENCH_SCALE=1; several minutes). Wall-clock times are reported, never asserted.
func BenchmarkScaleOut(b *testing.B) {
	if os.Getenv("OVA_BENCH_SCALE") == "" {
		b.Skip("set OVA_BENCH_SCALE=1 (make bench-scale) to run the scale-out benchmark")
	}
	if runtime.NumCPU() < 2 {
		b.Skip("needs two cores")
	}
	var long, short [3]time.Duration
	for i := 0; i < b.N; i++ {
		for _, n := range []int{1, 2} {
			l, s := scaleRound(b, n)
			long[n], short[n] = l, s
			b.Logf("%d worker(s): 3-minute video %.1f s, 12 short videos %.1f s", n, l.Seconds(), s.Seconds())
		}
	}
	b.ReportMetric(long[1].Seconds(), "long_1w_s")
	b.ReportMetric(long[2].Seconds(), "long_2w_s")
	b.ReportMetric(long[1].Seconds()/long[2].Seconds(), "long_speedup")
	b.ReportMetric(short[1].Seconds(), "short12_1w_s")
	b.ReportMetric(short[2].Seconds(), "short12_2w_s")
	b.ReportMetric(short[1].Seconds()/short[2].Seconds(), "short12_speedup")
}

// scaleRound runs the benchmark's work on n pinned workers and returns the time of the long
// video and of the 12 short ones, each from submission to the last completion.
func scaleRound(b *testing.B, n int) (long, short time.Duration) {
	e := newScaleEnv(b)
	if n > 1 {
		e.env = append(e.env, fmt.Sprintf("VIDEOAGENT_FANOUT_SHARDS=%d", n))
	}
	api := startServerEnv(b, "", e.env, "--workers", "0", "--max-active-jobs", "-1", "--rate-limit", "1000")
	var workers []*workerProc
	for k := 0; k < n; k++ {
		e.cpu = fmt.Sprint(k)
		workers = append(workers, e.startWorker(b, fmt.Sprintf("worker-%d", k+1), "--workers", "1"))
	}
	// Warm-up: each worker's first video pays for starting its engines.
	var warm []string
	for k := 0; k < n; k++ {
		warm = append(warm, api.createDirect(map[string]any{"type": "avatar", "avatar_id": directLook, "resolution": "720p", "script": "Warming up."}))
	}
	waitAll(b, api, warm)

	start := time.Now()
	longID := api.createDirect(map[string]any{"type": "avatar", "avatar_id": directLook, "resolution": "720p", "script": threeMinuteScript()})
	waitAll(b, api, []string{longID})
	long = time.Since(start)
	b.Logf("%d worker(s): the long video lasts %v s", n, api.call("GET", "/v3/videos/"+longID, nil).data()["duration"])
	// Its stages, as the workers logged them.
	for _, w := range workers {
		for _, line := range strings.Split(w.logs.String(), "\n") {
			if strings.Contains(line, longID) || strings.Contains(line, "shares rendered") {
				b.Logf("  %s: %s", w.name, line)
			}
		}
	}

	start = time.Now()
	var ids []string
	for k := 0; k < 12; k++ {
		ids = append(ids, api.createDirect(map[string]any{"type": "avatar", "avatar_id": directLook, "resolution": "720p",
			"script": fmt.Sprintf("Short video number %d. It says one thing, then it ends.", k+1)}))
	}
	waitAll(b, api, ids)
	return long, time.Since(start)
}

func waitAll(b *testing.B, api *server, ids []string) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := api.waitVideo(id, 30*time.Minute, "completed", "failed")
			if v["status"] != "completed" {
				b.Errorf("video %s: %v: %v", id, v["failure_code"], v["failure_message"])
			}
		}()
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
}

// threeMinuteScript is about three minutes of narration: twelve paragraphs, one scene each.
func threeMinuteScript() string {
	topics := []string{"where everything lives", "the tools we use every day", "how we plan a week", "how we review our work",
		"how we talk to customers", "how releases go out", "what to do when something breaks", "how we write things down",
		"how we hire", "how we learn from mistakes", "how we celebrate", "where to go next"}
	var b strings.Builder
	for i, t := range topics {
		fmt.Fprintf(&b, "Part %d is about %s. We keep it simple and we write it down, so that anyone on the team can find it, "+
			"change it when it no longer fits, and explain it to the next person who joins us.\n\n", i+1, t)
	}
	return b.String()
}
