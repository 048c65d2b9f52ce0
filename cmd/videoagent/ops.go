package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
	vahttp "github.com/openvideoagent/videoagent/internal/http"
	"github.com/openvideoagent/videoagent/internal/jobs"
	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/internal/metrics"
)

// newLogger returns the server's logger: format "json" (one object a line, for log
// shippers) or "text" (key=value), at level debug, info, warn or error.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want json or text", format)
}

// dbHealth is what operations read from the database, SQLite's or PostgreSQL's.
type dbHealth interface {
	Check(ctx context.Context) error
	VideoCounts(ctx context.Context) (map[string]int, error)
}

// opsMetrics registers the gauges read from the database at each scrape: videos by status,
// jobs by queue and state, and the queue depth (jobs waiting for a worker).
func opsMetrics(m *metrics.Metrics, db dbHealth, queue *jobs.Queue) {
	m.Gauge("videos", "Videos by status (pending, processing, completed, failed), across accounts.", []string{"status"},
		func(ctx context.Context) ([]metrics.Sample, error) {
			counts, err := db.VideoCounts(ctx)
			if err != nil {
				return nil, err
			}
			var out []metrics.Sample
			for _, st := range []string{videoagent.VideoPending, videoagent.VideoProcessing, videoagent.VideoCompleted, videoagent.VideoFailed} {
				out = append(out, metrics.Sample{Labels: []string{st}, Value: float64(counts[st])})
			}
			return out, nil
		})
	m.Gauge("queue_jobs", "Jobs in the durable queue by queue (render, chat, webhooks) and River state.", []string{"queue", "state"},
		func(ctx context.Context) ([]metrics.Sample, error) {
			counts, err := queue.Counts(ctx)
			if err != nil {
				return nil, err
			}
			var out []metrics.Sample
			for _, c := range counts {
				out = append(out, metrics.Sample{Labels: []string{c.Queue, c.State}, Value: float64(c.Count)})
			}
			return out, nil
		})
	m.Gauge("queue_depth", "Jobs waiting for a worker (available, scheduled, retryable or pending), by queue.", []string{"queue"},
		func(ctx context.Context) ([]metrics.Sample, error) {
			counts, err := queue.Counts(ctx)
			if err != nil {
				return nil, err
			}
			depth := map[string]int{jobs.QueueRender: 0, jobs.QueueChat: 0, jobs.QueueWebhooks: 0}
			for _, c := range counts {
				if jobs.Waiting(c.State) {
					depth[c.Queue] += c.Count
				}
			}
			var out []metrics.Sample
			for q, n := range depth {
				out = append(out, metrics.Sample{Labels: []string{q}, Value: float64(n)})
			}
			return out, nil
		})
}

// readyChecks are what /readyz checks: the database, the job queue, and ffmpeg.
func readyChecks(db dbHealth, queue *jobs.Queue) []vahttp.ReadyCheck {
	return []vahttp.ReadyCheck{
		{Name: "database", Check: db.Check},
		{Name: "queue", Check: queue.Check},
		{Name: "ffmpeg", Check: checkFFmpeg},
	}
}

// checkFFmpeg finds ffmpeg on the PATH and runs it.
func checkFFmpeg(ctx context.Context) error {
	path, err := exec.LookPath(media.FFmpegPath)
	if err != nil {
		return fmt.Errorf("ffmpeg not found: %w", err)
	}
	if out, err := exec.CommandContext(ctx, path, "-hide_banner", "-version").CombinedOutput(); err != nil {
		return fmt.Errorf("ffmpeg -version: %v: %.200s", err, out)
	}
	return nil
}
