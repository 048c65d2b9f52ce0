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
	"strings"
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
	// alpha says its pixel format has an alpha channel: it is decoded to RGBA and
	// blended, where an opaque clip is decoded to I420 (see videoPanel).
	alpha bool
	// matrix is the YUV matrix its pixels are in, as the decoder to I420 needs it:
	// "bt709", "bt601" (also when the clip says nothing, as ffmpeg assumes), or "" for
	// another (BT.2020, RGB...), which is decoded to RGBA instead.
	matrix string
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
			} else if c.dur, c.alpha, c.matrix = info.Duration, hasAlpha(v.PixFmt), yuvMatrix(v.ColorSpace); v.Duration > 0 {
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

// hasAlpha reports whether an ffmpeg pixel format (as ffprobe names it) carries alpha: the
// yuva, gbrap, ya and packed RGB formats with an alpha byte, and palettes.
func hasAlpha(pixFmt string) bool {
	for _, p := range []string{"yuva", "gbrap", "ya", "rgba", "bgra", "argb", "abgr", "pal8"} {
		if strings.HasPrefix(pixFmt, p) {
			return true
		}
	}
	return false
}

// yuvMatrix is the matrix a clip's pixels are in, from the colour space ffprobe reports
// (see videoClip.matrix).
func yuvMatrix(space string) string {
	switch space {
	case "bt709":
		return "bt709"
	case "bt470bg", "smpte170m", "", "unknown":
		return "bt601"
	}
	return ""
}

// videoPanel shows a clip in a panel, covering it without distortion, trimmed to the scene
// or looped when shorter. Frames are decoded by ffmpeg on a pipe, in order: an opaque clip
// into I420 in the frame's colours (BT.709, limited range), which the compositor copies
// straight into the frame where the panel shows alone (paintI420) and converts to RGBA
// only where it is blended (the rounded corners, under captions); a clip with alpha into
// RGBA, blended.
type videoPanel struct {
	clip   *videoClip
	ffmpeg string
	rect   image.Rectangle // even coordinates
	mask   *image.Alpha
	// out is the frame in RGBA: the whole of it for a clip with alpha; for an opaque
	// clip, the parts paint converted from yuv.
	out *image.RGBA
	// yuv is an opaque clip's frame, the panel's size; nil for a clip with alpha or in
	// another colour space (see videoClip.matrix).
	yuv *i420
	// solid is the band of whole rows (frame coordinates) an opaque clip covers alone:
	// those the mask covers whole.
	solid image.Rectangle
	fps   int
	start float64 // seconds into the clip at the scene's first frame

	cmd  *exec.Cmd
	rd   io.ReadCloser
	next int
	eof  bool
}

// newVideoPanel shows clip in panel (even coordinates) with rounded corners of radius rad.
func newVideoPanel(clip *videoClip, ffmpeg string, panel image.Rectangle, rad float64) *videoPanel {
	v := &videoPanel{clip: clip, ffmpeg: ffmpeg, rect: panel, mask: roundRectMask(panel.Dx(), panel.Dy(), rad),
		out: image.NewRGBA(image.Rect(0, 0, panel.Dx(), panel.Dy()))}
	if !clip.alpha && clip.matrix != "" {
		v.yuv = newI420(panel.Dx(), panel.Dy())
		v.solid = maskSolidRows(v.mask).Add(panel.Min)
	}
	return v
}

// op is the compositor's op for scene frame i, once frame has decoded it.
func (v *videoPanel) op(key, i int) op {
	if v.yuv == nil {
		return op{key: key, img: v.out, off: v.rect.Min, rect: v.rect, alpha: 255, mask: v.mask, moff: v.rect.Min, ver: i}
	}
	return op{key: key, paint: v, rect: v.rect, solid: v.solid, ver: i}
}

// paint draws the part r (frame coordinates) of an opaque clip's frame into dst: converted
// to RGBA and blended with the mask.
func (v *videoPanel) paint(dst *image.RGBA, r image.Rectangle) {
	r = r.Intersect(v.rect)
	if r.Empty() {
		return
	}
	v.yuv.rgbaInto(v.out, r.Sub(v.rect.Min))
	blend(dst, r, v.out, v.rect.Min, 255, v.mask, v.rect.Min)
}

// paintI420 copies the part r (even frame coordinates, within the solid band) of an opaque
// clip's frame into dst.
func (v *videoPanel) paintI420(dst *i420, r image.Rectangle) {
	r = r.Intersect(innerEven(v.solid))
	if r.Empty() {
		return
	}
	p := r.Sub(v.rect.Min) // even too: the panel's corner is
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(dst.y[y*dst.w+r.Min.X:][:r.Dx()], v.yuv.y[(y-v.rect.Min.Y)*v.yuv.w+p.Min.X:])
	}
	cw, vw := dst.w/2, v.yuv.w/2
	for y := r.Min.Y / 2; y < r.Max.Y/2; y++ {
		py := y - v.rect.Min.Y/2
		copy(dst.u[y*cw+r.Min.X/2:][:r.Dx()/2], v.yuv.u[py*vw+p.Min.X/2:])
		copy(dst.v[y*cw+r.Min.X/2:][:r.Dx()/2], v.yuv.v[py*vw+p.Min.X/2:])
	}
}

// frame decodes scene frame i into v.yuv or v.out. Frames asked in order stream from one
// decoder; a jump starts a new one at the right time.
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
	buf := v.out.Pix
	if v.yuv != nil {
		buf = v.yuv.buf
	}
	if _, err := io.ReadFull(v.rd, buf); err != nil {
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
	vf := fmt.Sprintf("fps=%d,scale=%d:%d:force_original_aspect_ratio=increase:flags=bicubic,crop=%d:%d", v.fps, w, h, w, h)
	switch {
	case v.yuv == nil:
		vf += ",format=rgba"
	case v.clip.matrix == "bt709":
		vf += ",format=yuv420p" // in limited range: the scale converts a full-range clip's
	default:
		// A BT.601 clip converted to the frame's BT.709 matrix by the colorspace filter
		// (primaries and transfer left as they are, as the RGBA decode leaves them): the
		// scale's own conversion between YUV matrices took 3.5 times as long.
		vf += ",format=yuv420p,colorspace=ispace=bt470bg:irange=tv:iprimaries=bt709:itrc=bt709:space=bt709:range=tv:primaries=bt709:trc=bt709:fast=1"
	}
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
