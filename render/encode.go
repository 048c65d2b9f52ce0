package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent/internal/media"
)

// segmentArgs encode the frames of several segments, one after the other, into files named
// by pattern (a printf pattern numbering them from 0): starts are the first frame of each
// segment after the first. Each segment starts with an IDR frame and its timestamps start
// at zero, and every segment shares the encoding (x264Args), so that segments join without
// re-encoding. threads is x264's thread count (0: x264 chooses); it does not change the
// stream.
func (r *Renderer) segmentArgs(w, h, fps, threads int, starts []int, pattern string) []string {
	keys := make([]string, 0, len(starts)+1)
	cuts := make([]string, 0, len(starts))
	keys = append(keys, "eq(n,0)")
	for _, s := range starts {
		keys = append(keys, "eq(n,"+strconv.Itoa(s)+")")
		cuts = append(cuts, strconv.Itoa(s))
	}
	// -map: ffmpeg picks streams for a segment muxer by the file names, which end in .tmp.
	args := append(r.x264Args(w, h, fps, threads), "-map", "0:v:0", "-forced-idr", "1", "-force_key_frames", "expr:"+strings.Join(keys, "+"),
		"-f", "segment", "-reset_timestamps", "1", "-segment_format", "mp4", "-segment_format_options", "video_track_timescale=90000")
	if len(cuts) > 0 {
		args = append(args, "-segment_frames", strings.Join(cuts, ","))
	} else {
		args = append(args, "-segment_time", "1000000") // one segment: never cut
	}
	return append(args, pattern)
}

// x264Args are the input and encoder options every segment shares.
func (r *Renderer) x264Args(w, h, fps, threads int) []string {
	level := "4.1"
	if w*h > 1920*1088 {
		level = "5.1"
	}
	return []string{"-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", fmt.Sprintf("%dx%d", w, h), "-framerate", strconv.Itoa(fps), "-i", "pipe:0",
		"-an", "-c:v", "libx264", "-preset", r.opt.Preset, "-crf", strconv.Itoa(r.opt.CRF), "-x264-params", r.x264Params(),
		"-profile:v", "high", "-level:v", level, "-pix_fmt", "yuv420p", "-g", strconv.Itoa(fps * 5),
		"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
		"-threads", strconv.Itoa(threads)}
}

// x264Params are the extra x264 options, never empty (ffmpeg rejects an empty list).
func (r *Renderer) x264Params() string {
	if r.opt.X264Params == "-" || r.opt.X264Params == "" {
		return "aud=0"
	}
	return r.opt.X264Params
}

// ffmpegPipe is a running ffmpeg reading its first input from a pipe.
type ffmpegPipe struct {
	cmd    *exec.Cmd
	stdin  *os.File
	frames io.Writer // writes frames to stdin, spliced where the system can
	stderr bytes.Buffer
}

func (r *Renderer) startFFmpeg(ctx context.Context, args []string) (*ffmpegPipe, error) {
	p := &ffmpegPipe{cmd: media.Command(ctx, r.opt.FFmpeg, args...)}
	p.cmd.Stderr = &p.stderr
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	// A 1 MiB pipe instead of 64 KiB: a frame crosses in a few large writes, with far
	// fewer wake-ups of the writer and of ffmpeg.
	growPipe(pw)
	p.cmd.Stdin = pr
	// The frames come from compositors and transition heads, which alternate between two
	// buffers each: they can be spliced whole.
	p.stdin, p.frames = pw, newFrameWriter(pw, true)
	err = p.cmd.Start()
	pr.Close()
	if err != nil {
		pw.Close()
		return nil, fmt.Errorf("start %s: %w", r.opt.FFmpeg, err)
	}
	return p, nil
}

// wait closes the pipe and waits for ffmpeg; writeErr is the error that ended writing,
// if any (a broken pipe is reported as ffmpeg's own error).
func (p *ffmpegPipe) wait(writeErr error) error {
	p.stdin.Close()
	err := p.cmd.Wait()
	runtime.KeepAlive(p.frames) // the last frame's pages were in the pipe until now
	if err != nil {
		return ffmpegFailed(err, p.stderr.String())
	}
	return writeErr
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
