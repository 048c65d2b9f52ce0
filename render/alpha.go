package render

// The transparent path. A storyboard whose OutputFormat is webm renders to a WebM: VP9 with
// an alpha channel (yuva420p) and Opus, in which the presenter talks over a fully
// transparent background, for compositing over anything else (HeyGen's transparent avatar
// videos). Storyboard.Validate allows only full-frame presenter scenes there, and the
// presenter stands where an MP4's full-frame presenter scene puts it, with the same
// animation: the same tracks, seeds and timeline (lead-in, narration, tail), and the same
// soundtrack (narration, music, loudness). A brand logo (a direct video's watermark) is
// drawn in its corner as in an MP4.
//
// What differs from the MP4 path: the frames are cut into one run per parallel worker, each
// encoded whole by its own libvpx, with no segment cache and no transitions (scenes cut); captions are never burned in (the SRT and WebVTT
// files are written as usual); there is no GIF preview and no captioned rendition. The
// thumbnail shows the presenter over the style's background, as in an MP4.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
	"golang.org/x/sync/errgroup"
)

// WebMFile is the video a transparent (webm) render writes into RenderJob.OutDir, instead
// of VideoFile.
const WebMFile = "video.webm"

// The VP9 settings of transparent videos, chosen by measurement on a talking presenter
// (20 s, 720p and 1080p, decoded and compared with the frames sent): libvpx's realtime
// deadline at its fastest speed with row multithreading, at a constant quality (CRF, no
// bitrate target) with variance adaptive quantisation. The alpha plane is coded like a
// second picture and is lossy too: without AQ, flat transparent blocks at the frame's
// top-left corner and at tile edges decode with alpha 1-7 instead of 0; variance AQ codes
// flat blocks finely, and then the background decodes as alpha 0 (but for a few pixels next
// to the presenter, at 1-2/255), with a luma PSNR of about 54 dB on the presenter, at about
// 0.15-0.2 Mbit/s (720p) and 0.25-0.3 Mbit/s (1080p) of video. libvpx codes colour and
// alpha one after the other, so one encoder used about one core whatever its threads; with
// one encoder per core (webmChunks) a 720p render takes about 0.15x the video's length on
// two cores (BenchmarkWebMSpeed), against 0.32x with one. libvpx's "good" deadline is about
// five times slower, and lossless coding twice as slow.
const (
	// WebMCRF is libvpx's constant quality level (0-63, lower is better).
	WebMCRF = 34
	// WebMCPUUsed is libvpx's speed in the realtime deadline (8 is the fastest).
	WebMCPUUsed = 8
	// WebMAQMode is libvpx's adaptive quantisation mode: 1 is variance AQ.
	WebMAQMode = 1
	// WebMAudioBitrate is the Opus bitrate of the stereo soundtrack.
	WebMAudioBitrate = "96k"
)

// renderTransparent renders a webm storyboard: see the comment at the top of this file.
//
// The frames are cut into contiguous runs (webmChunks), one per parallel worker, each
// encoded by its own libvpx into a video-only WebM: libvpx codes colour and alpha one after
// the other, so one encoder leaves a core idle however many threads it has. The soundtrack
// is encoded to Opus beside them, and the pieces are joined without re-encoding (ffmpeg's
// concat demuxer keeps the alpha channel, which Matroska stores beside each frame).
func (r *Renderer) renderTransparent(ctx context.Context, job videoagent.RenderJob) (*videoagent.RenderResult, error) {
	sb := job.Storyboard
	fj, err := r.newFrameJob(ctx, job)
	if err != nil {
		return nil, err
	}
	if r.opt.Presenters == nil {
		return nil, errors.New("a transparent video shows a presenter, and this renderer has no presenters")
	}
	fj.captions = false // never burned in: the SRT and WebVTT files carry them
	w, h, style := fj.w, fj.h, fj.style
	// The timeline, as in an MP4: each scene's narration between a lead-in and a tail.
	plans, total := timeline(sb, job.Narrations, fj.fps)

	// Where the presenter stands: the box of an MP4's full-frame presenter scene. Its
	// background is kept for the thumbnail. The frames' base is transparent, but for the
	// logo.
	lay := r.transparentLayout(w, h, style)
	base := newCanvas(w, h)
	if fj.logo != nil {
		(&sceneLayout{w: w, h: h, style: style, base: base}).drawLogo(fj.logo)
	}

	out, err := newResult(job.OutDir, WebMFile, plans, fj.fps, total)
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp(job.OutDir, ".webm-parts-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	chunks := webmChunks(total, fj.fps, r.opt.Parallel)
	threads := max(1, r.webmThreads()/len(chunks))
	progress := syncProgress(job.Progress, total)
	g, gctx := errgroup.WithContext(ctx)
	// The soundtrack: mixed, measured and encoded to Opus while the frames are drawn.
	audio := filepath.Join(work, "audio.webm")
	g.Go(func() error { return r.encodeOpus(gctx, sb, plans, fj, audio) })
	parts := make([]string, len(chunks))
	for k, c := range chunks {
		parts[k] = filepath.Join(work, fmt.Sprintf("part%d.webm", k))
		g.Go(func() error {
			enc, err := r.startWebM(gctx, w, h, fj.fps, threads, parts[k])
			if err != nil {
				return err
			}
			werr := r.transparentFrames(gctx, fj, plans, c, lay, base, newFrameWriter(enc.video), out.ThumbnailPath, progress)
			enc.video.Close()
			waitErr := enc.wait()
			switch {
			case werr != nil && !errors.Is(werr, syscall.EPIPE):
				return werr
			case waitErr != nil:
				return waitErr
			}
			return werr
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	tmp := filepath.Join(work, "joined.webm")
	if err := r.joinWebM(ctx, parts, audio, tmp); err != nil {
		return nil, err
	}
	if err := publish(tmp, out.VideoPath); err != nil {
		return nil, err
	}
	if job.Progress != nil {
		job.Progress(1)
	}
	return out, nil
}

// frameRange is a run of a video's frames, [from, to).
type frameRange struct{ from, to int }

// webmChunks cuts total frames into at most parallel runs of nearly equal length, each at
// least two seconds long (an encoder's start costs more than a shorter run saves).
func webmChunks(total, fps, parallel int) []frameRange {
	n := max(1, min(parallel, total/(2*fps)))
	chunks := make([]frameRange, n)
	for k := range chunks {
		chunks[k] = frameRange{k * total / n, (k + 1) * total / n}
	}
	return chunks
}

// syncProgress makes progress safe to call from several goroutines, each adding the
// frames it has written; it reports 97% at most (joining the parts is the rest).
func syncProgress(progress func(float64), total int) func(frames int) {
	if progress == nil {
		return nil
	}
	var mu sync.Mutex
	done := 0
	return func(frames int) {
		mu.Lock()
		defer mu.Unlock()
		done += frames
		progress(0.97 * float64(done) / float64(total))
	}
}

// encodeOpus mixes the soundtrack and encodes it to Opus in a WebM at path.
func (r *Renderer) encodeOpus(ctx context.Context, sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, path string) error {
	snd := r.mixSound(ctx, sb, plans, fj, r.opt.CacheDir)
	if snd.err != nil {
		return fmt.Errorf("soundtrack: %w", snd.err)
	}
	cmd := media.Command(ctx, r.opt.FFmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-f", "s16le", "-ar", strconv.Itoa(OutputSampleRate), "-ac", "1", "-i", "pipe:0",
		"-c:a", "libopus", "-b:a", WebMAudioBitrate, "-ar", strconv.Itoa(OutputSampleRate), "-ac", "2", "-f", "webm", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := media.Start(cmd); err != nil {
		return fmt.Errorf("start %s: %w", r.opt.FFmpeg, err)
	}
	bw := bufio.NewWriterSize(in, 1<<16)
	werr := snd.mx.write(bw, snd.gain)
	if werr == nil {
		werr = bw.Flush()
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("soundtrack: %w", ffmpegFailed(err, stderr.String()))
	}
	if werr != nil {
		return fmt.Errorf("soundtrack: %w", werr)
	}
	return nil
}

// joinWebM joins the video parts, in order, with the Opus soundtrack into out, copying
// both (no re-encoding).
func (r *Renderer) joinWebM(ctx context.Context, parts []string, audio, out string) error {
	var list strings.Builder
	for _, p := range parts {
		// Our own temporary names: no quote to escape.
		fmt.Fprintf(&list, "file '%s'\n", p)
	}
	listPath := filepath.Join(filepath.Dir(out), "parts.txt")
	if err := os.WriteFile(listPath, []byte(list.String()), 0o600); err != nil {
		return err
	}
	_, err := media.Run(ctx, r.opt.FFmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-f", "concat", "-safe", "0", "-i", listPath, "-i", audio,
		"-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "-f", "webm", out)
	return err
}

// transparentLayout is the layout of an MP4's full-frame presenter scene: where the
// presenter stands, its framing and gaze, and the background it stands on.
func (r *Renderer) transparentLayout(w, h int, style Style) *sceneLayout {
	return layoutScene(layoutInput{w: w, h: h, style: style, hasPresenter: true, ffmpeg: r.opt.FFmpeg,
		scene: videoagent.Scene{Layout: videoagent.LayoutPresenter, Visual: videoagent.Visual{Kind: videoagent.VisualNone}}})
}

// transparentFrames draws the frames of run c of the video, every scene's presenter over
// the transparent base, and writes them to w as yuva420p. The thumbnail frame of the
// second scene (the first when there is one) becomes the thumbnail, over the layout's
// background, if the run holds it. progress, when not nil, is told of the frames written.
func (r *Renderer) transparentFrames(ctx context.Context, fj *frameJob, plans []*scenePlan, c frameRange, lay *sceneLayout, base *image.RGBA,
	w io.Writer, thumbPath string, progress func(frames int)) error {
	comp := newAlphaCompositor(base)
	thumbIn := thumbScene(len(plans))
	var ops []op
	pending := 0 // frames written but not yet reported
	start := 0   // the scene's first frame in the video
	for _, p := range plans {
		from, to := max(c.from-start, 0), min(c.to-start, p.frames)
		start += p.frames
		if from >= to {
			continue
		}
		track, err := fj.presenters.Track(ctx, videoagent.PresenterRequest{
			LookID: fj.avatar, Framing: lay.framing, Size: lay.presenter.Size(), FPS: fj.fps, Frames: p.frames,
			Narration: shiftNarration(p.narr, p.leadIn), Seed: sceneSeed(fj.seed, p.scene.ID), LookAt: lay.lookAt,
		})
		if err != nil {
			return fmt.Errorf("scene %s: %w", p.scene.ID, err)
		}
		for i := from; i < to; i++ {
			if i%32 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			ops = presenterOps(ops[:0], track.Frame(i), lay.presenter, nil)
			comp.compose(ops)
			if p.index == thumbIn && i == p.thumbFrame() {
				thumb := newCanvas(fj.w, fj.h)
				copy(thumb.Pix, lay.base.Pix)
				blend(thumb, thumb.Rect, comp.cur, image.Point{}, 255, nil, image.Point{})
				if err := writeJPEG(thumbPath, thumb); err != nil {
					return err
				}
			}
			// Straight to the pipe: a frame is larger than any buffer would be.
			if _, err := w.Write(comp.yuva.buf); err != nil {
				return err
			}
			if pending++; progress != nil && pending == fj.fps {
				progress(pending)
				pending = 0
			}
		}
	}
	return nil
}

// webmEncoder is a running ffmpeg encoding yuva420p frames from its stdin into a
// video-only WebM.
type webmEncoder struct {
	cmd    *exec.Cmd
	video  *os.File // frames
	stderr bytes.Buffer
}

// webmArgs are the encoder's arguments: VP9 with alpha (see WebMCRF), BT.709 limited range
// like the MP4s, with threads threads.
func (r *Renderer) webmArgs(w, h, fps, threads int, out string) []string {
	return []string{"-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-f", "rawvideo", "-pix_fmt", "yuva420p", "-s", fmt.Sprintf("%dx%d", w, h), "-framerate", strconv.Itoa(fps), "-i", "pipe:0",
		"-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-deadline", "realtime", "-cpu-used", strconv.Itoa(WebMCPUUsed),
		// Alternate reference frames are off: libvpx cannot code them with an alpha channel.
		"-row-mt", "1", "-crf", strconv.Itoa(WebMCRF), "-b:v", "0", "-aq-mode", strconv.Itoa(WebMAQMode), "-auto-alt-ref", "0",
		"-g", strconv.Itoa(fps * 5),
		"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
		"-threads", strconv.Itoa(threads), "-an", "-f", "webm", out}
}

// webmThreads is libvpx's thread count: EncoderThreads when set, else one per core (at
// most 8), which row multithreading uses (libvpx alone uses one thread).
func (r *Renderer) webmThreads() int {
	if r.opt.EncoderThreads > 0 {
		return r.opt.EncoderThreads
	}
	return min(8, runtime.NumCPU())
}

// startWebM starts an encoder writing out with threads threads.
func (r *Renderer) startWebM(ctx context.Context, w, h, fps, threads int, out string) (*webmEncoder, error) {
	e := &webmEncoder{cmd: media.Command(ctx, r.opt.FFmpeg, r.webmArgs(w, h, fps, threads, out)...)}
	e.cmd.Stderr = &e.stderr
	vr, vw, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	growPipe(vw)
	e.cmd.Stdin = vr
	err = media.Start(e.cmd)
	vr.Close()
	if err != nil {
		vw.Close()
		return nil, fmt.Errorf("start %s: %w", r.opt.FFmpeg, err)
	}
	e.video = vw
	return e, nil
}

// wait waits for the encoder, once its input is closed.
func (e *webmEncoder) wait() error {
	if err := e.cmd.Wait(); err != nil {
		return ffmpegFailed(err, e.stderr.String())
	}
	return nil
}

// newAlphaCompositor is a compositor over a transparent base whose frames are converted
// to yuva420p (compositor.yuva) instead of I420.
func newAlphaCompositor(base *image.RGBA) *compositor {
	c := newCompositor(base)
	pixels.put(c.yuv.buf) // not used; the yuva frame goes to ffmpeg's pipe by reference, so is not pooled
	c.yuv, c.yuva = nil, newYUVA(c.w, c.h)
	return c
}

// yuva is a planar YUV 4:2:0 frame with a full-resolution alpha plane, laid out as
// ffmpeg's yuva420p rawvideo expects: Y, U, V, then A, in one buffer. Colour is BT.709
// limited range like i420's; alpha is full range (0 transparent, 255 opaque).
type yuva struct {
	w, h       int
	buf        []byte
	y, u, v, a []byte
}

// newYUVA returns a fully transparent frame (black, alpha 0).
func newYUVA(w, h int) *yuva {
	ys := w * h
	cs := (w / 2) * (h / 2)
	buf := make([]byte, 2*ys+2*cs)
	f := &yuva{w: w, h: h, buf: buf, y: buf[:ys], u: buf[ys : ys+cs], v: buf[ys+cs : ys+2*cs], a: buf[ys+2*cs:]}
	fillBytes(f.y, 16)
	fillBytes(f.u, 128)
	fillBytes(f.v, 128)
	return f
}

func fillBytes(b []byte, v byte) {
	for i := range b {
		b[i] = v
	}
}

// unpremul[a] is 255/a in 16.16 fixed point: a premultiplied channel c of a pixel of
// alpha a is c*unpremul[a]>>16 straight.
var unpremul = func() (t [256]int32) {
	for a := 1; a < 256; a++ {
		t[a] = int32((255<<16 + a/2) / a)
	}
	return t
}()

// luma is the limited-range Y of a premultiplied pixel: its straight colour's, or black
// where it is fully transparent.
func luma(r, g, b, a int32) uint8 {
	switch a {
	case 0:
		return 16
	case 255:
	default:
		k := unpremul[a]
		r = min(255, (r*k+32768)>>16)
		g = min(255, (g*k+32768)>>16)
		b = min(255, (b*k+32768)>>16)
	}
	return uint8((kyr*r + kyg*g + kyb*b + (16 << 16) + 32768) >> 16)
}

// convert converts region r of a premultiplied RGBA frame (same size) into the planes.
// Colour is un-premultiplied first, so that the alpha plane alone says how much shows; a
// chroma sample is the alpha-weighted mean colour of its 2x2 block (neutral where the
// block is fully transparent), so that edges do not darken. r is widened to even
// coordinates so that chroma samples cover whole blocks.
func (f *yuva) convert(src *image.RGBA, r image.Rectangle) {
	r = evenRect(r).Intersect(image.Rect(0, 0, f.w, f.h))
	if r.Empty() {
		return
	}
	cw := f.w / 2
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		p0 := src.Pix[src.PixOffset(r.Min.X, y):]
		p1 := src.Pix[src.PixOffset(r.Min.X, y+1):]
		y0 := f.y[y*f.w+r.Min.X:]
		y1 := f.y[(y+1)*f.w+r.Min.X:]
		a0 := f.a[y*f.w+r.Min.X:]
		a1 := f.a[(y+1)*f.w+r.Min.X:]
		cu := f.u[(y/2)*cw+r.Min.X/2:]
		cv := f.v[(y/2)*cw+r.Min.X/2:]
		for x, c := 0, 0; x < r.Dx(); x, c = x+2, c+1 {
			i := x * 4
			r00, g00, b00, q00 := int32(p0[i]), int32(p0[i+1]), int32(p0[i+2]), int32(p0[i+3])
			r01, g01, b01, q01 := int32(p0[i+4]), int32(p0[i+5]), int32(p0[i+6]), int32(p0[i+7])
			r10, g10, b10, q10 := int32(p1[i]), int32(p1[i+1]), int32(p1[i+2]), int32(p1[i+3])
			r11, g11, b11, q11 := int32(p1[i+4]), int32(p1[i+5]), int32(p1[i+6]), int32(p1[i+7])
			a0[x], a0[x+1], a1[x], a1[x+1] = uint8(q00), uint8(q01), uint8(q10), uint8(q11)
			qa := q00 + q01 + q10 + q11
			if qa == 0 {
				y0[x], y0[x+1], y1[x], y1[x+1] = 16, 16, 16, 16
				cu[c], cv[c] = 128, 128
				continue
			}
			y0[x] = luma(r00, g00, b00, q00)
			y0[x+1] = luma(r01, g01, b01, q01)
			y1[x] = luma(r10, g10, b10, q10)
			y1[x+1] = luma(r11, g11, b11, q11)
			ra := r00 + r01 + r10 + r11
			ga := g00 + g01 + g10 + g11
			ba := b00 + b01 + b10 + b11
			if qa == 4*255 {
				cu[c] = uint8((kur*ra + kug*ga + kub*ba + (512 << 16) + 131072) >> 18)
				cv[c] = uint8((kvr*ra + kvg*ga + kvb*ba + (512 << 16) + 131072) >> 18)
				continue
			}
			// The block's straight colour, weighted by coverage: sum(premultiplied)/sum(alpha).
			rs, gs, bs := min(255, (ra*255+qa/2)/qa), min(255, (ga*255+qa/2)/qa), min(255, (ba*255+qa/2)/qa)
			cu[c] = uint8((kur*rs + kug*gs + kub*bs + (128 << 16) + 32768) >> 16)
			cv[c] = uint8((kvr*rs + kvg*gs + kvb*bs + (128 << 16) + 32768) >> 16)
		}
	}
}
