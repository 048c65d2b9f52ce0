package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"math/rand"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Load, soak: figures, not pass/fail checks of speed. Both are off unless their variable
// is set (make bench-load, make soak).

// latencies keeps request durations.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) { l.mu.Lock(); l.d = append(l.d, d); l.mu.Unlock() }

func (l *latencies) pct(p float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), l.d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// readLoad sends n GET requests from c clients over paths (round robin) and returns their
// latencies and the count of answers that were not 200.
func readLoad(s *server, paths []string, n, c int) (*latencies, int64, time.Duration) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}, Timeout: time.Minute}
	var next, bad atomic.Int64
	lat := &latencies{}
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				req, _ := http.NewRequest("GET", s.base+paths[i%int64(len(paths))], nil)
				req.Header.Set("X-Api-Key", s.key)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					bad.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat.add(time.Since(t0))
				if resp.StatusCode != 200 {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return lat, bad.Load(), time.Since(start)
}

// TestBenchLoad measures API read latency (p50/p99) idle, then while both render workers
// are busy. OVA_BENCH_LOAD=1 runs it; OVA_BENCH_REQUESTS (default 3000) requests per phase
// from OVA_BENCH_CLIENTS (default 8) clients.
func TestBenchLoad(t *testing.T) {
	if os.Getenv("OVA_BENCH_LOAD") == "" {
		t.Skip("set OVA_BENCH_LOAD=1 (make bench-load)")
	}
	n, c := envInt("OVA_BENCH_REQUESTS", 3000), envInt("OVA_BENCH_CLIENTS", 8)
	s := startServer(t, "", "--workers", "2", "--rate-limit", "1000000", "--rate-burst", "1000000", "--max-active-jobs", "-1")
	var vids, sids []string
	for i := range 6 {
		sid, vid := s.createVideo(map[string]any{"prompt": fmt.Sprintf("Explain topic %d: how a bicycle gear system works, chainrings, cassette, derailleur and shifting.", i), "duration_sec": 40})
		vids, sids = append(vids, vid), append(sids, sid)
	}
	paths := func() []string {
		var p []string
		for i := range vids {
			p = append(p, "/v3/videos/"+vids[i], "/v3/video-agents/"+sids[i])
		}
		return append(p, "/v3/videos", "/v3/video-agents", "/v3/users/me")
	}()
	// Idle figures would need a server without renders; the same reads on a second,
	// idle server give them.
	idle := startServer(t, "", "--workers", "0", "--rate-limit", "1000000", "--rate-burst", "1000000", "--max-active-jobs", "-1")
	for i := range 6 {
		sid, vid := idle.createVideo(map[string]any{"prompt": fmt.Sprintf("Topic %d.", i)})
		_, _ = sid, vid
	}
	ilat, ibad, idur := readLoad(idle, []string{"/v3/videos", "/v3/video-agents", "/v3/users/me"}, n, c)
	idle.kill()

	s.waitVideo(vids[0], 2*time.Minute, "processing")
	s.waitVideo(vids[1], 2*time.Minute, "processing", "completed")
	busy := func() int {
		k := 0
		for _, v := range vids {
			if s.call("GET", "/v3/videos/"+v, nil).data()["status"] == "processing" {
				k++
			}
		}
		return k
	}
	before := busy()
	lat, bad, dur := readLoad(s, paths, n, c)
	after := busy()
	t.Logf("bench-load idle: %d reads, %d clients: p50 %v p99 %v max %v, %.0f req/s, %d not 200",
		n, c, ilat.pct(0.5).Round(10*time.Microsecond), ilat.pct(0.99).Round(10*time.Microsecond), ilat.pct(1).Round(time.Millisecond), float64(n)/idur.Seconds(), ibad)
	t.Logf("bench-load rendering (%d then %d videos processing on 2 workers): %d reads, %d clients: p50 %v p99 %v max %v, %.0f req/s, %d not 200",
		before, after, n, c, lat.pct(0.5).Round(10*time.Microsecond), lat.pct(0.99).Round(10*time.Microsecond), lat.pct(1).Round(time.Millisecond), float64(n)/dur.Seconds(), bad)
	if bad > 0 {
		t.Errorf("%d reads were not 200", bad)
	}
	if after == 0 {
		t.Log("note: the renders finished during the reads; raise OVA_BENCH_REQUESTS for a longer overlap")
	}
}

// procStats reads a process's resident memory (MB), open files and OS threads.
func procStats(pid int) (rssMB float64, fds, threads int) {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			kb, _ := strconv.ParseFloat(f[1], 64)
			rssMB = kb / 1024
		case "Threads:":
			threads, _ = strconv.Atoi(f[1])
		}
	}
	ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	return rssMB, len(ents), threads
}

// goroutines reads the goroutine count from the server's debug listener.
func goroutines(debugAddr string) int {
	resp, err := http.Get("http://" + debugAddr + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	b := make([]byte, 256)
	k, _ := io.ReadFull(resp.Body, b)
	var n int
	fmt.Sscanf(string(b[:k]), "goroutine profile: total %d", &n)
	return n
}

// uploadPNG posts a PNG to /v3/assets and returns the answer.
func (s *server) uploadPNG(png []byte) *response {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "pic.png")
	fw.Write(png)
	mw.Close()
	req, _ := http.NewRequest("POST", s.base+"/v3/assets", &body)
	req.Header.Set("X-Api-Key", s.key)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := &response{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	json.Unmarshal(raw, &out.Body)
	return out
}

// receiver is a webhook receiver that refuses every first delivery of an event (so that
// each is retried) and records the events it accepted.
type receiver struct {
	*httptest.Server
	mu   sync.Mutex
	seen map[string]int // webhook-id or body hash -> deliveries
	ok   map[string]bool
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{seen: map[string]int{}, ok: map[string]bool{}}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		id := r.Header.Get("Webhook-Id")
		if id == "" {
			id = string(b)
		}
		rc.mu.Lock()
		rc.seen[id]++
		first := rc.seen[id] == 1
		if !first {
			rc.ok[string(b)] = true
		}
		rc.mu.Unlock()
		if first {
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(200)
	}))
	t.Cleanup(rc.Close)
	return rc
}

// delivered reports whether an accepted delivery mentions s.
func (rc *receiver) delivered(s string) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for b := range rc.ok {
		if strings.Contains(b, s) {
			return true
		}
	}
	return false
}

// TestSoak runs a steady mix (a video every 30 s, a chat turn every minute, downloads of
// finished videos, webhook deliveries with a retry each, an upload every 20 s) for
// OVA_SOAK (e.g. 1h; make soak), sampling the server's memory, open files, threads and
// goroutines every OVA_SOAK_SAMPLE (default 1m), and fails if any video fails or any
// request gets a 5xx.
func TestSoak(t *testing.T) {
	total, err := time.ParseDuration(os.Getenv("OVA_SOAK"))
	if err != nil || total <= 0 {
		t.Skip("set OVA_SOAK to a duration, e.g. OVA_SOAK=1h (make soak)")
	}
	every := time.Minute
	if d, err := time.ParseDuration(os.Getenv("OVA_SOAK_SAMPLE")); err == nil && d > 0 {
		every = d
	}
	debug := freeAddr(t)
	rc := newReceiver(t)
	s := startServerEnv(t, "", []string{"VIDEOAGENT_DEBUG_ADDR=" + debug}, "--workers", "2", "--allow-private-urls",
		"--webhook-retry-base", "1s", "--rate-limit", "1000", "--rate-burst", "1000", "--max-active-jobs", "-1")
	if r := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": rc.URL + "/hook"}); r.Status != 200 {
		t.Fatalf("webhook endpoint: %d %s", r.Status, r.Raw)
	}
	type sample struct {
		at                  time.Duration
		rss                 float64
		fds, threads, gorts int
		done, failed        int
	}
	var samples []sample
	var mu sync.Mutex
	var vids []string
	var fiveXX atomic.Int64
	start := time.Now()
	deadline := start.Add(total)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	loop := func(period time.Duration, f func(i int)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tk := time.NewTicker(period)
			defer tk.Stop()
			for i := 0; ; i++ {
				f(i)
				select {
				case <-stop:
					return
				case <-tk.C:
				}
			}
		}()
	}
	check := func(r *response) {
		if r != nil && r.Status >= 500 {
			fiveXX.Add(1)
			t.Errorf("5xx: %d %s", r.Status, r.Raw)
		}
	}
	loop(30*time.Second, func(i int) {
		r := s.postKey("/v3/video-agents", "", map[string]any{"prompt": fmt.Sprintf("Soak video %d: why the sky is blue, in three short points.", i), "duration_sec": 15}, time.Minute)
		check(r)
		if r != nil && r.Status == 200 {
			mu.Lock()
			vids = append(vids, r.data()["video_id"].(string))
			mu.Unlock()
		}
	})
	var chatSID string
	loop(time.Minute, func(i int) {
		if chatSID == "" {
			r := s.postKey("/v3/video-agents", "", map[string]any{"prompt": "A short video about tea, for a chat.", "mode": "chat"}, time.Minute)
			check(r)
			if r != nil && r.Status == 200 {
				chatSID = r.data()["session_id"].(string)
			}
			return
		}
		check(s.postKey("/v3/video-agents/"+chatSID, "", map[string]any{"message": fmt.Sprintf("Make it friendlier, take %d.", i)}, time.Minute))
	})
	png := pngBytes(t, 320, 180, color.RGBA{30, 90, 160, 255})
	loop(20*time.Second, func(i int) { check(s.uploadPNG(png)) })
	loop(15*time.Second, func(i int) {
		mu.Lock()
		vs := append([]string(nil), vids...)
		mu.Unlock()
		if len(vs) == 0 {
			return
		}
		v := s.call("GET", "/v3/videos/"+vs[rand.Intn(len(vs))], nil).data()
		if u, _ := v["video_url"].(string); u != "" {
			if resp, err := http.Get(u); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	})
	counts := func() (done, failed int) {
		mu.Lock()
		vs := append([]string(nil), vids...)
		mu.Unlock()
		for _, v := range vs {
			switch s.call("GET", "/v3/videos/"+v, nil).data()["status"] {
			case "completed":
				done++
			case "failed":
				failed++
			}
		}
		return
	}
	for time.Now().Before(deadline) {
		time.Sleep(min(every, time.Until(deadline)))
		rss, fds, th := procStats(s.cmd.Process.Pid)
		d, f := counts()
		samples = append(samples, sample{time.Since(start).Round(time.Second), rss, fds, th, goroutines(debug), d, f})
		x := samples[len(samples)-1]
		t.Logf("soak %8v: rss %6.1f MB, fds %3d, threads %3d, goroutines %4d, videos %d completed %d failed", x.at, x.rss, x.fds, x.threads, x.gorts, x.done, x.failed)
	}
	close(stop)
	wg.Wait()
	// Let the last videos finish, then the last samples.
	mu.Lock()
	vs := append([]string(nil), vids...)
	mu.Unlock()
	failed := 0
	for _, v := range vs {
		if d := s.waitVideo(v, 10*time.Minute, "completed", "failed"); d["status"] != "completed" {
			failed++
			t.Errorf("video %s failed: %v %v", v, d["failure_code"], d["failure_message"])
		}
	}
	rss, fds, th := procStats(s.cmd.Process.Pid)
	if len(samples) > 0 {
		first := samples[0]
		t.Logf("soak summary over %v: %d videos (%d failed), %d 5xx; rss %.1f -> %.1f MB (drift %+.1f), fds %d -> %d, threads %d -> %d, goroutines %d -> %d",
			total, len(vs), failed, fiveXX.Load(), first.rss, rss, rss-first.rss, first.fds, fds, first.threads, th, first.gorts, goroutines(debug))
	}
}
