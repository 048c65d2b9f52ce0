package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"time"
)

// ExtractFrame decodes the video frame shown at time at (seeking accurately) and returns it
// as an RGB image. ffmpeg converts the frame to PNG on a pipe; nothing touches the disk.
func ExtractFrame(ctx context.Context, path string, at time.Duration) (image.Image, error) {
	out, err := Run(ctx, FFmpegPath, "-hide_banner", "-loglevel", "error", "-nostdin",
		"-ss", fmt.Sprintf("%.3f", at.Seconds()), "-i", path,
		"-frames:v", "1", "-an", "-f", "image2pipe", "-c:v", "png", "pipe:1")
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("ffmpeg: no frame at %v in %s", at, path)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("decode frame of %s at %v: %w", path, at, err)
	}
	return img, nil
}
