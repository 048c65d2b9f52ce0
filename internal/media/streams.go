package media

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// StreamEnd is where a stream's last packet ends (its presentation time plus duration).
// stream is an ffprobe stream specifier, e.g. "v:0" or "a:0".
func StreamEnd(ctx context.Context, path, stream string) (time.Duration, error) {
	out, err := Run(ctx, FFprobePath, "-v", "error", "-select_streams", stream,
		"-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", path)
	if err != nil {
		return 0, err
	}
	end := 0.0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pts, dur, _ := strings.Cut(strings.TrimSpace(line), ",")
		p, err1 := strconv.ParseFloat(pts, 64)
		d, err2 := strconv.ParseFloat(strings.TrimSuffix(dur, ","), 64)
		if err1 == nil && err2 == nil {
			end = math.Max(end, p+d)
		}
	}
	return time.Duration(end * float64(time.Second)), nil
}

// StreamTag is a tag of a stream (case-insensitive name), "" when absent.
func StreamTag(ctx context.Context, path, stream, tag string) (string, error) {
	out, err := Run(ctx, FFprobePath, "-v", "error", "-select_streams", stream, "-show_entries", "stream_tags", "-of", "json", path)
	if err != nil {
		return "", err
	}
	var v struct {
		Streams []struct {
			Tags map[string]string `json:"tags"`
		} `json:"streams"`
	}
	if err := json.Unmarshal(out, &v); err != nil || len(v.Streams) == 0 {
		return "", fmt.Errorf("ffprobe tags of %s: %v: %s", stream, err, out)
	}
	for k, val := range v.Streams[0].Tags {
		if strings.EqualFold(k, tag) {
			return val, nil
		}
	}
	return "", nil
}

// DecodeAlphaFrames decodes every frame of a w x h VP9 WebM with libvpx (ffmpeg's own VP9
// decoder drops the alpha channel) to straight RGBA, BT.709 limited range, calling f with
// each in turn; frames are streamed, not held, and img is reused.
func DecodeAlphaFrames(ctx context.Context, path string, w, h int, f func(i int, img *image.NRGBA)) error {
	cmd := Command(ctx, FFmpegPath, "-hide_banner", "-loglevel", "error", "-nostdin", "-c:v", "libvpx-vp9", "-i", path,
		"-vf", "scale=in_color_matrix=bt709:in_range=tv:flags=bilinear,format=rgba", "-f", "rawvideo", "pipe:1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := Start(cmd); err != nil {
		return err
	}
	br := bufio.NewReaderSize(pipe, 1<<20)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	var readErr error
	for i := 0; ; i++ {
		if _, err := io.ReadFull(br, img.Pix); err != nil {
			if err != io.EOF {
				readErr = fmt.Errorf("frame %d: %w", i, err)
			}
			break
		}
		f(i, img)
	}
	io.Copy(io.Discard, br)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("ffmpeg decode: %w: %s", err, tail(stderr.String(), 600))
	}
	return readErr
}
