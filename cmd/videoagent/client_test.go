package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRetryWait(t *testing.T) {
	now := time.Now()
	date := now.Add(3 * time.Second).UTC().Format(http.TimeFormat)
	cases := []struct {
		status     int
		retryAfter string
		attempt    int
		min, max   time.Duration
		retry      bool
	}{
		{429, "2", 0, 2 * time.Second, 2 * time.Second, true},
		{429, date, 0, time.Second, 3 * time.Second, true},
		{429, "", 0, time.Second, time.Second, true},
		{429, "3600", 0, 0, time.Hour, false}, // longer than maxRetryWait: not worth it
		{503, "1", 0, time.Second, time.Second, true},
		{502, "", 2, 4 * time.Second, 4 * time.Second, true},
		{400, "1", 0, 0, 0, false},
		{500, "", 0, 0, 0, false},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.retryAfter != "" {
			h.Set("Retry-After", c.retryAfter)
		}
		d, ok := retryWait(&http.Response{StatusCode: c.status, Header: h}, c.attempt)
		if ok != c.retry || (ok && (d < c.min || d > c.max)) {
			t.Errorf("HTTP %d Retry-After %q: %v %v, want %v in [%v, %v]", c.status, c.retryAfter, d, ok, c.retry, c.min, c.max)
		}
	}
}

func TestProgressPlainLines(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false)
	p.update("thinking", 0)
	p.update("thinking", 0) // unchanged: no new line
	p.update("generating", 50)
	p.update("completed", 100)
	p.done()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "progress stage=generating percent=50 elapsed=") || !strings.HasSuffix(lines[2], "eta=0s") {
		t.Errorf("lines:\n%s", b.String())
	}
}

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true)
	p.update("generating", 50)
	p.done()
	if !strings.Contains(b.String(), "\r") || !strings.Contains(b.String(), "[############------------]  50%") {
		t.Errorf("bar: %q", b.String())
	}
}

func TestJoinNegativeValues(t *testing.T) {
	got := strings.Join(joinNegativeValues([]string{"serve", "--max-active-jobs", "-1", "--workers", "2", "--rate-limit=-3", "--x", "-v"}), " ")
	if want := "serve --max-active-jobs=-1 --workers 2 --rate-limit=-3 --x -v"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
