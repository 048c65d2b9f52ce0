package e2e

import (
	"fmt"
	"image/color"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestChaos SIGKILLs the server at random points of a mixed workload (renders, chat turns,
// webhook deliveries that need a retry, uploads), OVA_CHAOS_KILLS times (default 3; make
// chaos runs 20), restarting it on the same data directory each time. After each kill no
// tool the server started is still running; after each restart the scratch files of the
// killed process are gone; at the end every accepted video completed exactly once (no
// video was rendered twice to completion), every accepted upload and chat message is
// there, and every completed video's webhook was delivered. OVA_CHAOS_SEED repeats a run.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("renders videos across kills")
	}
	kills := envInt("OVA_CHAOS_KILLS", 3)
	seed := time.Now().UnixNano()
	if v, err := strconv.ParseInt(os.Getenv("OVA_CHAOS_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("chaos: %d kills, OVA_CHAOS_SEED=%d", kills, seed)
	rng := rand.New(rand.NewSource(seed))
	data := t.TempDir()
	rc := newReceiver(t)
	// Text logs: completions are counted from them below.
	flags := []string{"--log-format", "text", "--workers", "2", "--allow-private-urls", "--webhook-retry-base", "1s",
		"--rate-limit", "1000", "--rate-burst", "1000", "--max-active-jobs", "-1"}
	var (
		mu       sync.Mutex
		servers  []*server
		vids     []string
		assets   []string
		messages = map[string][]string{} // chat session -> messages accepted
	)
	png := pngBytes(t, 320, 180, color.RGBA{90, 30, 160, 255})
	for round := 0; round <= kills; round++ {
		s := startServer(t, data, flags...)
		servers = append(servers, s)
		if round == 0 {
			if r := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": rc.URL + "/hook"}); r.Status != 200 {
				t.Fatalf("webhook endpoint: %d %s", r.Status, r.Raw)
			}
		}
		if round == kills {
			break // the last start only finishes the work
		}
		// The mix runs until the kill; what got a 200 before it was accepted.
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			chatSID := "" // a chat session per round: a session view shows its newest messages only
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				switch i % 3 {
				case 0:
					r := s.postKey("/v3/video-agents", "", map[string]any{"prompt": fmt.Sprintf("Chaos round %d: why bread rises, in two points.", round), "duration_sec": 8}, 20*time.Second)
					if r != nil && r.Status == 200 {
						mu.Lock()
						vids = append(vids, r.data()["video_id"].(string))
						mu.Unlock()
					} else if r != nil && r.Status >= 500 {
						t.Errorf("create: %d %s", r.Status, r.Raw)
					}
				case 1:
					if chatSID == "" {
						r := s.postKey("/v3/video-agents", "", map[string]any{"prompt": fmt.Sprintf("Round %d: a short video about green tea, to talk over.", round), "mode": "chat"}, 20*time.Second)
						if r != nil && r.Status == 200 {
							chatSID = r.data()["session_id"].(string)
							mu.Lock()
							messages[chatSID] = nil
							mu.Unlock()
						}
						continue
					}
					msg := fmt.Sprintf("Round %d, message %d: make it a little warmer.", round, i)
					r := s.postKey("/v3/video-agents/"+chatSID, "", map[string]any{"message": msg}, 20*time.Second)
					if r != nil && r.Status == 200 {
						mu.Lock()
						messages[chatSID] = append(messages[chatSID], msg)
						mu.Unlock()
					}
				case 2:
					if r := s.uploadPNG(png); r != nil && r.Status == 200 {
						mu.Lock()
						assets = append(assets, r.data()["asset_id"].(string))
						mu.Unlock()
					}
				}
				time.Sleep(time.Duration(rng.Intn(400)) * time.Millisecond)
			}
		}()
		time.Sleep(time.Duration(300+rng.Intn(5000)) * time.Millisecond)
		pid := s.cmd.Process.Pid
		s.kill()
		close(stop)
		wg.Wait()
		if left := toolsOf(data, 3*time.Second); len(left) > 0 {
			t.Errorf("round %d: tools still running after the kill of %d: %v", round, pid, left)
		}
		// Scratch of the killed process: gone once the next one has started.
		scratch := scratchFiles(data)
		defer func(round int, scratch []string) {
			for _, f := range scratch {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("round %d: scratch file %s of a killed process is still there", round, f)
				}
			}
		}(round, scratch)
	}
	s := servers[len(servers)-1]
	t.Logf("chaos: accepted %d videos, %d chat sessions, %d uploads", len(vids), len(messages), len(assets))
	for _, v := range vids {
		if d := s.waitVideo(v, 15*time.Minute, "completed", "failed"); d["status"] != "completed" {
			t.Errorf("video %s: %v %v %v", v, d["status"], d["failure_code"], d["failure_message"])
		}
	}
	for _, a := range assets {
		if r := s.call("GET", "/v3/assets/"+a, nil); r.Status != 200 {
			t.Errorf("upload %s lost: %d %s", a, r.Status, r.Raw)
		}
	}
	nmsg := 0
	for sid, msgs := range messages {
		se := s.session(sid)
		said := map[string]bool{}
		for _, m := range se["messages"].([]any) {
			if mm := m.(map[string]any); mm["role"] == "user" {
				said[fmt.Sprint(mm["content"])] = true
			}
		}
		for _, m := range msgs {
			nmsg++
			if !said[m] {
				t.Errorf("chat message %q lost", m)
			}
		}
	}
	// No video completed twice across all the processes' logs. (Once or not at all: a
	// kill between the status update and the log line loses the line, not the video.)
	logged := 0
	for _, v := range vids {
		n := 0
		for _, sv := range servers {
			n += strings.Count(sv.logs.String(), `msg="video completed" video_id=`+v)
		}
		if n > 1 {
			t.Errorf("video %s completed %d times in the logs, want once", v, n)
		}
		logged += n
	}
	if len(vids) > 0 && logged == 0 {
		t.Errorf("no video's completion is in the logs: the pattern no longer matches them")
	}
	t.Logf("chaos: %d kills; %d videos, %d chat messages, %d uploads accepted; checked", kills, len(vids), nmsg, len(assets))
	deadline := time.Now().Add(3 * time.Minute)
	for _, v := range vids {
		for !rc.delivered(v) && time.Now().Before(deadline) {
			time.Sleep(200 * time.Millisecond)
		}
		if !rc.delivered(v) {
			t.Errorf("no webhook delivered for video %s", v)
		}
	}
	s.stop()
}

// toolsOf lists the processes (other than this test) whose command line mentions dir,
// waiting up to wait for them to be gone.
func toolsOf(dir string, wait time.Duration) []string {
	deadline := time.Now().Add(wait)
	for {
		var found []string
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || pid == os.Getpid() {
				continue
			}
			b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			if err != nil || !strings.Contains(string(b), dir) {
				continue
			}
			if st, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat")); strings.Contains(string(st), ") Z ") {
				continue // a zombie is no longer running
			}
			found = append(found, fmt.Sprintf("%d %s", pid, strings.ReplaceAll(string(b), "\x00", " ")))
		}
		if len(found) == 0 || time.Now().After(deadline) {
			return found
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// scratchFiles lists the entries of DATA/work and DATA/work/tmp.
func scratchFiles(data string) []string {
	var out []string
	for _, d := range []string{filepath.Join(data, "work"), filepath.Join(data, "work", "tmp")} {
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			if e.Name() != "tmp" {
				out = append(out, filepath.Join(d, e.Name()))
			}
		}
	}
	return out
}
