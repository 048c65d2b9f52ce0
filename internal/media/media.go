// Package media wraps the command-line media tools the server relies on (ffprobe, ffmpeg).
// Reading MP4 boxes directly, where no tool is needed, is package mp4's.
package media

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// Tool names, resolved through PATH. They are variables only so that a deployment with the
// binaries elsewhere can point at them once at start-up.
var (
	FFprobePath = "ffprobe"
	FFmpegPath  = "ffmpeg"
)

// Run executes a tool (ffmpeg, ffprobe, pdftotext...) and returns its standard output; on
// failure the error carries the tail of its standard error, and cancellation returns the
// context's error.
func Run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := Command(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := RunCmd(cmd); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w: %s", name, err, tail(stderr.String(), 600))
	}
	return stdout.Bytes(), nil
}

// tail returns the last n bytes of s, trimmed.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "..." + s[len(s)-n:]
	}
	return s
}
