package render

import (
	"fmt"
	"os"
	"strings"
)

// x264Params are the extra x264 options, never empty (ffmpeg rejects an empty list).
func (r *Renderer) x264Params() string {
	if r.opt.X264Params == "-" || r.opt.X264Params == "" {
		return "aud=0"
	}
	return r.opt.X264Params
}

// ffmpegFailed is the error of an ffmpeg that exited with err, with the end of what it
// wrote to its standard error.
func ffmpegFailed(err error, stderr string) error {
	msg := strings.TrimSpace(stderr)
	if len(msg) > 800 {
		msg = msg[len(msg)-800:]
	}
	return fmt.Errorf("ffmpeg: %w: %s", err, msg)
}

// concatList writes an ffconcat file naming the segments in order.
func concatList(path string, segs []string) error {
	var b strings.Builder
	b.WriteString("ffconcat version 1.0\n")
	for _, s := range segs {
		b.WriteString("file '" + strings.ReplaceAll(s, "'", `'\''`) + "'\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// muxArgs join video segments and the soundtrack without re-encoding either.
func (r *Renderer) muxArgs(list, audio, out string) []string {
	return []string{"-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-f", "concat", "-safe", "0", "-i", list, "-i", audio,
		"-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
		"-video_track_timescale", "90000", "-movflags", "+faststart", "-f", "mp4", out}
}
