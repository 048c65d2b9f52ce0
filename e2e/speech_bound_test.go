package e2e

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vmHWM is a process's peak resident memory in MB (VmHWM of /proc/PID/status).
func vmHWM(t *testing.T, pid int) float64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	t.Fatal("no VmHWM")
	return 0
}

// TestSpeechBounded: 5 KB that reads as hours of audio (digits, SSML pauses) is refused in
// the envelope, at once when the estimate says so and at the bound when it did not; speech
// counts against the account's active work; and the server stays under 300 MB throughout.
func TestSpeechBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("synthesizes ten minutes of speech")
	}
	s := startServer(t, "", "--workers", "0", "--max-active-jobs", "1")
	refuse := func(name string, body map[string]any, want string) {
		t.Helper()
		r := s.call("POST", "/v3/voices/speech", body)
		if r.Status != 400 || r.errorField("code") != "invalid_parameter" || r.errorField("param") != "text" ||
			!strings.Contains(fmt.Sprint(r.errorField("message")), want) {
			t.Errorf("%s: %d %s; want 400 text naming %q", name, r.Status, r.Raw, want)
		}
	}
	refuse("5000 digits", map[string]any{"text": strings.Repeat("9", 5000), "voice_id": "flite-slt"}, "10m0s")
	refuse("230 ten-second breaks", map[string]any{"text": strings.Repeat(`a<break time="10s"/>`, 230), "voice_id": "flite-slt", "input_type": "ssml"}, "2m0s")

	// 2400 spoken digits: the estimate (at the fastest plausible rate) is under ten
	// minutes, the real reading is not; synthesis stops at the bound. Meanwhile the
	// account's one slot of active work is taken.
	long := make(chan *response, 1)
	go func() {
		long <- s.postKey("/v3/voices/speech", "", map[string]any{"text": strings.Repeat("9 ", 2400), "voice_id": "flite-slt"}, 5*time.Minute)
	}()
	busy := false
	for i := 0; i < 50 && !busy; i++ {
		time.Sleep(200 * time.Millisecond)
		r := s.call("POST", "/v3/voices/speech", map[string]any{"text": "Hello.", "voice_id": "flite-slt"})
		busy = r.Status == 429 && r.errorField("code") == "rate_limit_exceeded"
		if !busy && r.Status != 200 {
			t.Fatalf("short speech: %d %s", r.Status, r.Raw)
		}
	}
	if !busy {
		t.Error("speech while another synthesizes with --max-active-jobs 1 never got 429")
	}
	r := <-long
	if r == nil {
		t.Fatal("2400 digits: no answer")
	}
	if r.Status != 400 || r.errorField("param") != "text" || !strings.Contains(fmt.Sprint(r.errorField("message")), "more than 10m0s") {
		t.Errorf("2400 digits: %d %s; want 400 at the 10 minute bound", r.Status, r.Raw)
	}
	// The slot is free again, and ordinary speech works.
	ok := s.call("POST", "/v3/voices/speech", map[string]any{"text": "The bound is ten minutes of audio per request.", "voice_id": "flite-slt"})
	if ok.Status != 200 || ok.data()["duration"].(float64) <= 0 {
		t.Fatalf("ordinary speech: %d %s", ok.Status, ok.Raw)
	}
	if mb := vmHWM(t, s.cmd.Process.Pid); mb > 300 {
		t.Errorf("peak RSS %.0f MB, want under 300", mb)
	} else {
		t.Logf("peak RSS %.0f MB", mb)
	}
}
