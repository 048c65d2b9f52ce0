package render

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// maxClipBytes bounds a video asset copied for decoding: the largest direct upload
// (videoagent.DefaultMaxUploadBytes).
const maxClipBytes = 2 << 30

// videoClip is a user's video asset copied to a temporary file for ffmpeg.
type videoClip struct {
	path string
	dur  time.Duration
}

// openClip copies a video asset to a temporary file and probes its length.
func (r *Renderer) openClip(ctx context.Context, id string) (*videoClip, error) {
	rc, err := r.opt.Assets.Open(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	f, err := os.CreateTemp("", "render-clip-")
	if err != nil {
		return nil, err
	}
	c := &videoClip{path: f.Name()}
	n, err := io.Copy(f, io.LimitReader(rc, maxClipBytes+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > maxClipBytes {
		err = fmt.Errorf("video asset %s is larger than %d bytes", id, maxClipBytes)
	}
	if err == nil {
		var info *media.ProbeInfo
		if info, err = media.Probe(ctx, c.path); err == nil {
			if v := info.Video(); v == nil {
				err = fmt.Errorf("asset %s has no video stream", id)
			} else if c.dur = info.Duration; v.Duration > 0 {
				c.dur = v.Duration
			}
		}
	}
	if err != nil {
		c.close()
		return nil, fmt.Errorf("video asset %s: %w", id, err)
	}
	return c, nil
}

func (c *videoClip) close() { os.Remove(c.path) }

// videoPanel shows a clip in a panel, covering it without distortion, trimmed to the scene
// or looped when shorter. Frames are decoded by ffmpeg into RGBA on a pipe, in order.
type videoPanel struct {
	clip   *videoClip
	ffmpeg string
	rect   image.Rectangle
	mask   *image.Alpha
	out    *image.RGBA
	fps    int
	start  float64 // seconds into the clip at the scene's first frame

	cmd  *exec.Cmd
	rd   io.ReadCloser
	next int
	eof  bool
}

// frame decodes scene frame i into v.out. Frames asked in order stream from one decoder;
// a jump starts a new one at the right time.
func (v *videoPanel) frame(ctx context.Context, i int) error {
	if v.cmd == nil || i != v.next {
		v.close()
		if err := v.startAt(ctx, i); err != nil {
			return err
		}
	}
	v.next = i + 1
	if v.eof {
		return nil // keep the last frame
	}
	if _, err := io.ReadFull(v.rd, v.out.Pix); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			v.eof = true
			return nil
		}
		return err
	}
	return nil
}

func (v *videoPanel) startAt(ctx context.Context, i int) error {
	at := v.start + float64(i)/float64(v.fps)
	if d := v.clip.dur.Seconds(); d > 0.05 {
		at = math.Mod(at, d)
	}
	w, h := v.rect.Dx(), v.rect.Dy()
	vf := fmt.Sprintf("fps=%d,scale=%d:%d:force_original_aspect_ratio=increase:flags=bicubic,crop=%d:%d,format=rgba", v.fps, w, h, w, h)
	v.cmd = media.Command(ctx, v.ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
		"-stream_loop", "-1", "-ss", strconv.FormatFloat(at, 'f', 3, 64), "-i", v.clip.path,
		"-an", "-sn", "-vf", vf, "-f", "rawvideo", "pipe:1")
	rd, err := v.cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := media.Start(v.cmd); err != nil {
		return err
	}
	v.rd, v.eof = rd, false
	return nil
}

func (v *videoPanel) close() {
	if v.cmd != nil {
		if v.cmd.Process != nil {
			v.cmd.Process.Kill()
		}
		v.cmd.Wait()
		v.cmd, v.rd = nil, nil
	}
}
