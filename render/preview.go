package render

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// The animated GIF preview: 3 s from just after the second scene starts, at 10 fps and
// 480 pixels on the long side, encoded in the process (see writeGIF). It depends only on the scenes it shows, so a revision of
// another scene takes it from the segment cache.

// gifWindow is the part of the video the preview shows.
func gifWindow(plans []*scenePlan, fps int, total time.Duration) (at, dur time.Duration) {
	if len(plans) > 1 {
		at = frameTime(plans[1].start, fps) + 300*time.Millisecond
	}
	dur = min(3*time.Second, total-at)
	if dur <= 0 {
		at, dur = 0, min(time.Second, total)
	}
	return at, dur
}

// gifPath is where the preview of [at, at+dur) is cached.
func gifPath(cacheDir string, plans []*scenePlan, fj *frameJob, at, dur time.Duration) string {
	return filepath.Join(cacheDir, "gif-"+gifKey(plans, fj, at, dur)+".gif")
}

// gifKey names the GIF preview of [at, at+dur): the segments it is cut from (which cover
// the frames' pixels) and where in them it starts.
func gifKey(plans []*scenePlan, fj *frameJob, at, dur time.Duration) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%d|%d|%d|%d", Version, fj.w, fj.h, fj.fps, at, dur)
	for _, p := range plans {
		s, e := frameTime(p.start, fj.fps), frameTime(p.start+p.frames, fj.fps)
		if e > at && s < at+dur {
			fmt.Fprintf(h, "|%d|%s|%v", p.start, p.key, p.segments())
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// gifFrames keeps the preview's frames as the scenes render them, shrunk to the preview's
// size, in a temporary file of I420 frames, so that the GIF is made from 30 small frames
// read back rather than by decoding segments after the render (which the end of every
// render waited for). When some of them were not rendered (their segments came from the
// cache), the preview is cut from the segments.
type gifFrames struct {
	want   map[int]int // the video's frame index -> the preview's frame index
	file   *os.File
	w, h   int // the video's frame size
	gw, gh int // the preview's
	shrink frameShrink
	mu     sync.Mutex
	got    map[int]bool
	err    error
	ready  chan struct{} // closed when every frame is kept (none failed)
}

// gifSize is the preview's size for a w x h video: 480 pixels on the long side, the
// other even, as ffmpeg's scale=480:-2 makes it.
func gifSize(w, h int) (int, int) {
	if h > w {
		gh, gw := gifSize(h, w)
		return gw, gh
	}
	if w <= gifLong {
		return w &^ 1, h &^ 1
	}
	return gifLong, max(2, 2*int(math.Round(float64(h)*gifLong/float64(w)/2)))
}

// gifLong is the length of the preview's long side.
const gifLong = 480

// newGIFFrames prepares to keep the frames of [at, at+dur) at 10 fps.
func newGIFFrames(dir string, fj *frameJob, at, dur time.Duration, total int) (*gifFrames, error) {
	f, err := os.CreateTemp(dir, ".preview-*.yuv")
	if err != nil {
		return nil, err
	}
	gw, gh := gifSize(fj.w, fj.h)
	g := &gifFrames{want: map[int]int{}, file: f, w: fj.w, h: fj.h, gw: gw, gh: gh, got: map[int]bool{},
		shrink: newFrameShrink(fj.w, fj.h, gw, gh),
		ready:  make(chan struct{})}
	for k := 0; k < max(1, int(dur/(100*time.Millisecond))); k++ {
		t := at + time.Duration(k)*100*time.Millisecond
		if i := int(math.Round(t.Seconds() * float64(fj.fps))); i < total {
			g.want[i] = k
		}
	}
	return g, nil
}

// put keeps frame i of the video if the preview shows it. g may be nil.
func (g *gifFrames) put(i int, frame *i420) {
	if g == nil {
		return
	}
	k, ok := g.want[i]
	if !ok || frame.w != g.w || frame.h != g.h {
		return
	}
	small := newI420(g.gw, g.gh)
	g.shrink.shrink(small, frame)
	_, err := g.file.WriteAt(small.buf, int64(k)*int64(len(small.buf)))
	g.mu.Lock()
	defer g.mu.Unlock()
	if err != nil {
		g.err = err
		return
	}
	if !g.got[k] {
		g.got[k] = true
		if len(g.got) == len(g.want) {
			close(g.ready)
		}
	}
}

// complete reports whether every frame of the preview was kept.
func (g *gifFrames) complete() bool {
	if g == nil {
		return false
	}
	select {
	case <-g.ready:
		return true
	default:
		return false
	}
}

// close removes the frames' file. g may be nil.
func (g *gifFrames) close() {
	if g != nil {
		g.file.Close()
		os.Remove(g.file.Name())
	}
}

// preview writes the video's animated GIF preview to path, from the cache, from the frames
// kept while rendering, or cut from the segments.
func (r *Renderer) preview(ctx context.Context, plans []*scenePlan, fj *frameJob, cacheDir, path string, total time.Duration, frames *gifFrames) error {
	at, dur := gifWindow(plans, fj.fps, total)
	cached := gifPath(cacheDir, plans, fj, at, dur)
	if !exists(cached) {
		var small []*i420
		var err error
		if frames.complete() {
			small, err = frames.read()
			r.keptGIFs.Add(1)
		} else {
			small, err = r.cutGIFFrames(ctx, plans, fj, cacheDir, at, dur)
		}
		if err != nil {
			return err
		}
		if err := writeGIFFile(cached, small); err != nil {
			return err
		}
	}
	return copyFile(cached, path)
}

// read returns the kept frames, in order.
func (g *gifFrames) read() ([]*i420, error) {
	out := make([]*i420, len(g.want))
	for k := range out {
		out[k] = newI420(g.gw, g.gh)
		if _, err := g.file.ReadAt(out[k].buf, int64(k)*int64(len(out[k].buf))); err != nil {
			return nil, fmt.Errorf("preview frames: %w", err)
		}
	}
	return out, nil
}

// cutGIFFrames decodes the preview's frames, [at, at+dur) at 10 fps and the preview's
// size, from the segments: for a render whose segments all came from the cache.
func (r *Renderer) cutGIFFrames(ctx context.Context, plans []*scenePlan, fj *frameJob, cacheDir string, at, dur time.Duration) ([]*i420, error) {
	list, dir, err := segmentList(cacheDir, plans)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	gw, gh := gifSize(fj.w, fj.h)
	// Half a frame early: -ss keeps the first frame at or after it, and at, given in
	// milliseconds, may fall just after the frame meant.
	from := at - frameTime(1, fj.fps)/2
	raw, err := media.Run(ctx, r.opt.FFmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
		"-skip_loop_filter", "all", "-ss", strconv.FormatFloat(from.Seconds(), 'f', 3, 64), "-t", strconv.FormatFloat(dur.Seconds(), 'f', 3, 64),
		"-f", "concat", "-safe", "0", "-i", list,
		"-vf", fmt.Sprintf("fps=10,scale=%d:%d:flags=area", gw, gh), "-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1")
	if err != nil {
		return nil, err
	}
	n := i420Size(gw, gh)
	var out []*i420
	for len(raw) >= n {
		f := newI420(gw, gh)
		copy(f.buf, raw[:n])
		out, raw = append(out, f), raw[n:]
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("preview: no frames decoded from the segments")
	}
	return out, nil
}

// writeGIFFile writes the animated GIF of frames (10 fps) to path, through a temporary
// file beside it.
func writeGIFFile(path string, frames []*i420) error {
	tmp := path + ".tmp" + randSuffix()
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = writeGIF(bw, frames, frames[0].w, frames[0].h, 100*time.Millisecond)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("preview: %w", err)
	}
	return publish(tmp, path)
}
