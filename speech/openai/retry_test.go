package openai_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech/openai"
)

// flakyProxy sits in front of the fake speech server and answers the first len(answers)
// requests itself with the given status and headers (OpenAI's error body), then passes
// requests through. It records when each request arrived.
type flakyProxy struct {
	*httptest.Server
	mu      sync.Mutex
	answers []flakyAnswer
	arrived []time.Time
}

type flakyAnswer struct {
	status int
	header map[string]string
}

func newFlakyProxy(t *testing.T, backend string, answers ...flakyAnswer) *flakyProxy {
	u, _ := url.Parse(backend)
	rp := httputil.NewSingleHostReverseProxy(u)
	p := &flakyProxy{answers: answers}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.arrived = append(p.arrived, time.Now())
		var a *flakyAnswer
		if len(p.answers) > 0 {
			a = &p.answers[0]
			p.answers = p.answers[1:]
		}
		p.mu.Unlock()
		if a == nil {
			rp.ServeHTTP(w, r)
			return
		}
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		w.Write([]byte(`{"error":{"message":"Rate limit reached for tts-1. Please try again later.","type":"requests","code":"rate_limit_exceeded"}}`))
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *flakyProxy) times() []time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]time.Time(nil), p.arrived...)
}

// TestRetryAfter: a 429 with Retry-After-Ms, then one with Retry-After in seconds, are each
// waited out as asked (the gaps between the server's arrivals are at least what it asked
// for) and the third request succeeds with real audio.
func TestRetryAfter(t *testing.T) {
	f := newFake(t)
	p := newFlakyProxy(t, f.URL,
		flakyAnswer{429, map[string]string{"Retry-After-Ms": "300"}},
		flakyAnswer{429, map[string]string{"Retry-After": "1"}},
	)
	e := newEngine(t, p.URL, "wav")
	n, err := e.Synthesize(context.Background(), "Patience pays.", e.Voices()[0], videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n.Duration() < 300*time.Millisecond {
		t.Errorf("narration of %v", n.Duration())
	}
	at := p.times()
	if len(at) != 3 {
		t.Fatalf("%d requests, want 3", len(at))
	}
	if gap := at[1].Sub(at[0]); gap < 300*time.Millisecond {
		t.Errorf("retried %v after Retry-After-Ms: 300", gap)
	}
	if gap := at[2].Sub(at[1]); gap < time.Second {
		t.Errorf("retried %v after Retry-After: 1", gap)
	}
}

// TestRetryServerError: a 503 without Retry-After is retried (with a backoff); after
// MaxRetries failures the error names the status and the server's message.
func TestRetryServerError(t *testing.T) {
	f := newFake(t)
	p := newFlakyProxy(t, f.URL, flakyAnswer{503, nil})
	e := newEngine(t, p.URL, "wav")
	if _, err := e.Synthesize(context.Background(), "Second time lucky.", e.Voices()[0], videoagent.SpeechOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := len(p.times()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}

	vs, _ := openai.ParseVoices("alloy")
	always := newFlakyProxy(t, f.URL, flakyAnswer{500, nil}, flakyAnswer{500, nil}, flakyAnswer{500, nil}, flakyAnswer{500, nil})
	e2, err := openai.New(openai.Config{BaseURL: always.URL, APIKey: testKey, Voices: vs, MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e2.Synthesize(context.Background(), "Never.", vs[0], videoagent.SpeechOptions{})
	if err == nil || !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "Rate limit reached") {
		t.Errorf("err = %v, want HTTP 500 with the server's message", err)
	}
	if n := len(always.times()); n != 2 {
		t.Errorf("MaxRetries 1: %d requests, want 2", n)
	}
}

// TestRetryAfterTooLong: a server that asks for an hour is not waited for.
func TestRetryAfterTooLong(t *testing.T) {
	f := newFake(t)
	p := newFlakyProxy(t, f.URL, flakyAnswer{429, map[string]string{"Retry-After": "3600"}})
	e := newEngine(t, p.URL, "wav")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := e.Synthesize(ctx, "Not today.", e.Voices()[0], videoagent.SpeechOptions{})
	if err == nil || !strings.Contains(err.Error(), "HTTP 429") {
		t.Fatalf("err = %v, want the 429", err)
	}
	if n := len(p.times()); n != 1 {
		t.Errorf("%d requests, want 1 (no retry when the server asks for an hour)", n)
	}
}
