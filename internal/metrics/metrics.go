// Package metrics exports the server's figures to Prometheus: HTTP requests by route and
// status, videos by status, queue depth, render time per video second, failures by
// failure_code, and the latency of speech synthesis and language model requests.
//
// Counters and histograms are updated as things happen; the state gauges (videos by status,
// jobs by queue and state) are read from the database at each scrape, so that they are right
// across restarts and across processes sharing one database.
package metrics

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	videoagent "github.com/openvideoagent/videoagent"
)

// Namespace prefixes every metric name.
const Namespace = "videoagent"

// Metrics holds the server's collectors in a registry of its own. The zero value is not
// usable; use New.
type Metrics struct {
	reg *prometheus.Registry

	httpRequests    *prometheus.CounterVec
	httpDuration    *prometheus.HistogramVec
	videosCompleted prometheus.Counter
	videoSeconds    prometheus.Counter
	videoFailures   *prometheus.CounterVec
	renderRatio     *prometheus.HistogramVec
	ttsLatency      *prometheus.HistogramVec
	llmLatency      *prometheus.HistogramVec
}

// New returns metrics registered in a new registry, with the Go runtime's and the
// process's own collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "http_requests_total",
			Help: "HTTP requests answered, by route pattern (\"unmatched\" when no route), method and status code.",
		}, []string{"route", "method", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		videosCompleted: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Name: "videos_completed_total",
			Help: "Videos rendered and published by this process.",
		}),
		videoSeconds: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: Namespace, Name: "video_seconds_rendered_total",
			Help: "Seconds of finished video produced by this process.",
		}),
		videoFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "video_failures_total",
			Help: "Videos that failed in this process, by failure_code.",
		}, []string{"failure_code"}),
		renderRatio: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "render_seconds_per_video_second",
			Help:    "Wall-clock seconds spent per second of finished video: stage=\"render\" is the renderer alone, stage=\"total\" the whole pipeline run (planning, speech, render, publish).",
			Buckets: []float64{0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10},
		}, []string{"stage"}),
		ttsLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "tts_duration_seconds",
			Help:    "Time to synthesize one narration, by speech engine and outcome (ok or error).",
			Buckets: []float64{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		}, []string{"engine", "outcome"}),
		llmLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "llm_request_duration_seconds",
			Help:    "Time of one HTTP request to the language model server, by status code (\"error\" when no response came).",
			Buckets: []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120},
		}, []string{"code"}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpRequests, m.httpDuration, m.videosCompleted, m.videoSeconds, m.videoFailures,
		m.renderRatio, m.ttsLatency, m.llmLatency,
	)
	return m
}

// Handler serves the metrics in the Prometheus text (or OpenMetrics) format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Registry is where the metrics are registered, for collectors added by the caller.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// ObserveHTTP records one answered request.
func (m *Metrics) ObserveHTTP(route, method string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	m.httpRequests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.httpDuration.WithLabelValues(route).Observe(d.Seconds())
}

// VideoCompleted records a finished video of videoSeconds, whose render took render and
// whose whole pipeline run took total.
func (m *Metrics) VideoCompleted(videoSeconds float64, render, total time.Duration) {
	m.videosCompleted.Inc()
	if videoSeconds <= 0 {
		return
	}
	m.videoSeconds.Add(videoSeconds)
	m.renderRatio.WithLabelValues("render").Observe(render.Seconds() / videoSeconds)
	m.renderRatio.WithLabelValues("total").Observe(total.Seconds() / videoSeconds)
}

// VideoFailed records a failed video by its failure code.
func (m *Metrics) VideoFailed(code string) {
	if code == "" {
		code = "unknown"
	}
	m.videoFailures.WithLabelValues(code).Inc()
}

// Synthesizer returns s timed: each call is recorded by the voice's engine.
func (m *Metrics) Synthesizer(s videoagent.Synthesizer) videoagent.Synthesizer {
	return &timedSynth{next: s, h: m.ttsLatency}
}

type timedSynth struct {
	next videoagent.Synthesizer
	h    *prometheus.HistogramVec
}

func (t *timedSynth) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	start := time.Now()
	n, err := t.next.Synthesize(ctx, text, voice, opt)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	engine := voice.Engine
	if engine == "" {
		engine = "unknown"
	}
	t.h.WithLabelValues(engine, outcome).Observe(time.Since(start).Seconds())
	return n, err
}

// LLMClient returns an HTTP client for the language model whose requests are timed.
func (m *Metrics) LLMClient() *http.Client {
	return &http.Client{Transport: m.LLMTransport(http.DefaultTransport)}
}

// LLMTransport returns rt with each request's time recorded as a language model request.
func (m *Metrics) LLMTransport(rt http.RoundTripper) http.RoundTripper {
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		start := time.Now()
		resp, err := rt.RoundTrip(r)
		code := "error"
		if err == nil {
			code = strconv.Itoa(resp.StatusCode)
		}
		m.llmLatency.WithLabelValues(code).Observe(time.Since(start).Seconds())
		return resp, err
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
