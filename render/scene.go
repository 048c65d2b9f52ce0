package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	xdraw "golang.org/x/image/draw"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/mp4"
)

// shiftNarration returns n as heard in its scene: lead silence prepended and every timing
// moved by it, so that presenter frame i lines up with the audio at i/fps.
func shiftNarration(n *videoagent.Narration, lead time.Duration) *videoagent.Narration {
	if n == nil {
		return nil
	}
	pad := int(int64(lead) * int64(n.SampleRate) / int64(time.Second))
	s := &videoagent.Narration{SampleRate: n.SampleRate, Samples: make([]int16, pad+len(n.Samples))}
	copy(s.Samples[pad:], n.Samples)
	for _, w := range n.Words {
		s.Words = append(s.Words, videoagent.WordTiming{Word: w.Word, Start: w.Start + lead, End: w.End + lead})
	}
	for _, p := range n.Phonemes {
		s.Phonemes = append(s.Phonemes, videoagent.PhonemeTiming{Phoneme: p.Phoneme, Start: p.Start + lead, End: p.End + lead})
	}
	return s
}

// op keys: lower keys draw first.
const (
	keyPanel     = 1
	keyElement   = 100
	keyPresenter = 10000
	keyFront     = 15000
	keyCaption   = 20000
)

// sceneFrames lays out a scene and renders its frames, calling emit with the compositor
// after each frame is composed. Only frames lo <= i < hi are composed and emitted (the
// others are skipped cheaply): transitions use it for the previous scene's last frame, and
// a scene's transition head and body are encoded separately. It is shared by encoding and
// tests.
func (r *Renderer) sceneFrames(ctx context.Context, fj *frameJob, fonts *fontSet, p *scenePlan, lo, hi int, emit func(i int, c *compositor) error) error {
	return r.drawScene(ctx, fj, fonts, p, lo, hi, nil, emit)
}

// drawScene is sceneFrames that, when reuse is not nil, first calls it with the frames'
// state key (see stateKey): when it returns true, the frames are not drawn.
func (r *Renderer) drawScene(ctx context.Context, fj *frameJob, fonts *fontSet, p *scenePlan, lo, hi int, reuse func(state string) bool, emit func(i int, c *compositor) error) error {
	narr := shiftNarration(p.narr, p.leadIn)
	hasPresenter := fj.presenters != nil && fj.avatar != ""
	in := layoutInput{w: fj.w, h: fj.h, style: fj.style, fonts: fonts, scene: p.scene, title: fj.title, hasPresenter: hasPresenter,
		logo: fj.logo, ffmpeg: r.opt.FFmpeg}
	if narr != nil {
		in.words = narr.Words
		in.speechEnd = narr.Duration()
		in.captions = fj.captions
	}
	v := p.scene.Visual
	sc, laid := r.layouts.claim(ctx, p.key)
	defer laid()
	if sc != nil {
		sc.fonts = fonts // typefaces are per worker
	} else {
		if v.Kind == videoagent.VisualImage && v.AssetID != "" && r.opt.Assets != nil {
			img, err := loadImage(ctx, r.opt.Assets, v.AssetID)
			if err != nil {
				return err
			}
			in.image = img
		}
		if v.Kind == videoagent.VisualVideo && v.AssetID != "" && r.opt.Assets != nil {
			clip, err := r.openClip(ctx, v.AssetID)
			if err != nil {
				return err
			}
			defer clip.close()
			in.clip = clip
		}
		sc = layoutScene(in)
		r.laidOut.Add(1)
		if fj.captions && narr != nil {
			sc.captions = sc.captionSprites(p.cues(narr.Words))
		}
		r.layouts.put(p.key, sc)
		laid()
	}
	if sc.video != nil {
		sc.video.fps = fj.fps
		sc.video.start = v.ClipStart
		defer sc.video.close()
	}

	var track videoagent.PresenterTrack
	if !sc.presenter.Empty() {
		var err error
		track, err = fj.presenters.Track(ctx, videoagent.PresenterRequest{
			LookID: fj.avatar, Framing: sc.framing, Size: sc.presenter.Size(), FPS: fj.fps, Frames: p.frames,
			Narration: narr, Seed: sceneSeed(fj.seed, p.scene.ID), LookAt: sc.lookAt,
		})
		if err != nil {
			return err
		}
	}
	var cues []Cue
	if fj.captions && narr != nil {
		cues = p.cues(narr.Words) // sc.captions has a sprite for each
	}
	ent := sc.entrance()

	comp := newCompositor(sc.base)
	defer func() {
		// The task's frame and its copy of the base go back to the pixel pool; the cache
		// keeps a copy of its own.
		comp.release()
		pixels.put(sc.base.Pix)
		sc.base = nil
	}()
	if reuse != nil {
		var words []videoagent.WordTiming
		if narr != nil {
			words = narr.Words
		}
		if reuse(r.stateKey(p, fj, sc, track, cues, words, lo, hi)) {
			return nil
		}
	}
	ops := make([]op, 0, 32)
	for i := 0; i < min(hi, p.frames); i++ {
		// Every frame: an encoder in this process (unlike an ffmpeg, killed with the
		// context) stops only when its frames stop.
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t := frameTime(i, fj.fps)
		skip := i < lo
		ops = ops[:0]
		if sc.panel != nil && !skip {
			sc.panel.at(float64(i) / float64(max(1, p.frames-1)))
			ops = append(ops, op{key: keyPanel, paint: sc.panel, rect: sc.panel.rect, solid: sc.panel.solid, alpha: 255, ver: i})
		}
		if sc.video != nil && !skip {
			if err := sc.video.frame(ctx, i); err != nil {
				return err
			}
			ops = append(ops, sc.video.op(keyPanel, i))
		}
		for k, e := range sc.elems {
			if e.front || e.baked || t < e.start {
				continue
			}
			if t >= e.start+ent {
				blend(sc.base, e.bounds().Intersect(sc.base.Rect), e.img, e.at, 255, nil, image.Point{})
				comp.baseChanged(e.bounds())
				e.baked = true
				continue
			}
			if !skip {
				ops = append(ops, e.op(keyElement+k, t, sc.base.Rect, sc.style.Motion.Entrance, ent, i))
			}
		}
		if skip {
			continue
		}
		if track != nil {
			ops = presenterOps(ops, track.Frame(i), sc.presenter, sc.bubble)
		}
		for k, e := range sc.elems {
			if e.front && t >= e.start {
				ops = append(ops, e.op(keyFront+k, t, sc.base.Rect, sc.style.Motion.Entrance, ent, i))
			}
		}
		if j := cueAt(cues, t); j >= 0 {
			s := sc.captions[j]
			ops = append(ops, op{key: keyCaption, img: s.img, off: s.at, rect: s.bounds().Intersect(sc.base.Rect), alpha: 255})
			if w := currentWord(narr.Words, cues[j], t); w >= 0 && w < len(s.words) {
				ws := s.words[w]
				ops = append(ops, op{key: keyCaption + 1, img: ws.img, off: ws.at, rect: ws.bounds().Intersect(sc.base.Rect), alpha: 255})
			}
		}
		comp.compose(ops)
		if err := emit(i, comp); err != nil {
			return err
		}
	}
	return nil
}

// cueAt is the index of the caption shown at t, or -1: a cue stays 0.2 s after its last
// word, unless the next one starts.
func cueAt(cues []Cue, t time.Duration) int {
	for j, c := range cues {
		if t >= c.Start && t < c.End+200*time.Millisecond && (j+1 == len(cues) || t < cues[j+1].Start) {
			return j
		}
	}
	return -1
}

// currentWord is the index within cue c of the word being spoken at t, or -1.
func currentWord(words []videoagent.WordTiming, c Cue, t time.Duration) int {
	k := -1
	for _, w := range words {
		if strings.TrimSpace(w.Word) == "" || w.Start < c.Start || w.End > c.End {
			continue
		}
		k++
		if t >= w.Start && t < w.End {
			return k
		}
	}
	return -1
}

// segmentTask is one segment of a scene to encode: its transition head or a chunk of its
// body. A scene that enters with a transition has a short head holding the transition,
// drawn from the previous scene's last frame (so that segments still join without
// re-encoding); the body depends on this scene alone, so a revision of the scene before
// re-renders only the head. In the thumbnail's scene (see thumbScene), the body chunk
// holding the thumbnail's frame (see thumbFrame) also writes the thumbnail.
type segmentTask struct {
	p      *scenePlan
	head   bool
	lo, hi int // the scene's frames lo <= i < hi
	seg    string
	// solo marks a task that ends last however the others are dealt (see byCost): its
	// x264 takes threads of its own choice rather than one.
	solo bool
}

// thumbFrame is the frame of the scene that becomes the video's thumbnail: four fifths in,
// when bullets, charts and numbers have entered (the middle frame often showed one bullet
// of three).
func (p *scenePlan) thumbFrame() int { return p.frames * 4 / 5 }

// holdsThumb reports whether the task writes the scene's thumbnail.
func (t segmentTask) holdsThumb() bool {
	f := t.p.thumbFrame()
	return t.p.thumb != "" && !t.head && t.lo <= f && f < t.hi
}

// thumbPath is the thumbnail the task writes, or "".
func (t segmentTask) thumbPath() string {
	if t.holdsThumb() {
		return t.p.thumb
	}
	return ""
}

// cached reports whether the task's outputs are already in the cache.
func (t segmentTask) cached() bool {
	return exists(t.seg) && (!t.holdsThumb() || exists(t.p.thumb))
}

// writeSegment writes the frames of one segment to w, the scene's thumbnail when the
// segment holds it, and the GIF preview's frames it holds to frames. A chunk of the
// scene's held end is first looked for under its state key (see stateKey): when found,
// it is linked to the task's segment (and thumbnail) and nothing is written (reused
// true). state is the key, to keep the chunk under once encoded ("" for none).
func (r *Renderer) writeSegment(ctx context.Context, fj *frameJob, fonts *fontSet, t segmentTask, w io.Writer, frames *gifFrames) (state string, reused bool, err error) {
	p := t.p
	if t.head {
		from, err := r.lastFrame(ctx, fj, fonts, p.prev)
		if err != nil {
			return "", false, err
		}
		m := pooledI420(fj.w, fj.h) // the encoder has copied a frame when Write returns
		defer pixels.put(m.buf)
		defer pixels.put(from.buf)
		err = r.sceneFrames(ctx, fj, fonts, p, t.lo, t.hi, func(i int, c *compositor) error {
			k := easeInOut(float64(i+1) / float64(p.transFrames+1))
			transition(m, from, c.yuv, p.trans, k)
			frames.put(p.start+i, m)
			_, err := w.Write(m.buf)
			return err
		})
		return "", false, err
	}
	thumb := -1
	if t.holdsThumb() {
		thumb = p.thumbFrame()
	}
	var reuse func(string) bool
	if t.lo >= p.held {
		reuse = func(key string) bool {
			state = key
			reused = key != "" && reuseState(t.seg, t.thumbPath(), key)
			return reused
		}
	}
	var thumbErr error
	err = r.drawScene(ctx, fj, fonts, p, t.lo, t.hi, reuse, func(i int, c *compositor) error {
		if i == thumb {
			thumbErr = writeJPEG(p.thumb, c.rgba())
		}
		frames.put(p.start+i, c.yuv)
		_, err := w.Write(c.yuv.buf)
		return err
	})
	if err != nil {
		return "", false, err
	}
	if reused {
		r.reusedChunks.Add(1)
	}
	return state, reused, thumbErr
}

// bodyStart is the first frame of the scene's body segment.
func (p *scenePlan) bodyStart() int {
	if p.head != "" {
		return p.transFrames
	}
	return 0
}

// encodeSegments encodes the segments of the units it takes from queue, until it is
// closed and empty, one after the other into the cache with an x264 in this process (see package
// x264), each segment starting with an IDR frame: one x264 for all of them when it can go
// on from one segment to the next (segmentEncoder.restart), else one each. written is
// called after each task's segment is in the cache. The calling goroutine must end when
// it returns: its thread runs at a lower priority (yieldThread).
func (r *Renderer) encodeSegments(ctx context.Context, fj *frameJob, fonts *fontSet, queue <-chan []segmentTask, threads int, frames *gifFrames, written func(segmentTask)) error {
	yieldThread()
	var enc *segmentEncoder
	defer func() {
		if enc != nil {
			enc.close()
		}
	}()
	encThreads := threads
	for u := range queue {
		for _, t := range u {
			ut := threads
			if t.solo && r.opt.EncoderThreads == 0 {
				ut = 0
			}
			if enc != nil && (ut != encThreads || enc.restart() != nil) {
				enc.close()
				enc = nil
			}
			if enc == nil {
				var err error
				if enc, err = r.newSegmentEncoder(fj.w, fj.h, fj.fps, ut); err != nil {
					return err
				}
				encThreads = ut
			}
			state, reused, err := r.writeSegment(ctx, fj, fonts, t, enc, frames)
			if err == nil && !reused {
				err = enc.finish(t.seg, t.hi-t.lo)
			}
			if err != nil {
				return fmt.Errorf("scene %s: %w", t.p.scene.ID, err)
			}
			if state != "" && !reused {
				keepState(t.seg, t.thumbPath(), state)
			}
			written(t)
		}
	}
	return nil
}

// lastFrame composes the last frame of a scene alone (from its layout, which the scene's
// own segments have usually left in the layout cache), into a frame from the pixel pool.
func (r *Renderer) lastFrame(ctx context.Context, fj *frameJob, fonts *fontSet, p *scenePlan) (*i420, error) {
	var out *i420
	err := r.sceneFrames(ctx, fj, fonts, p, p.frames-1, p.frames, func(i int, c *compositor) error {
		out = pooledI420(fj.w, fj.h)
		copy(out.buf, c.yuv.buf)
		return nil
	})
	if err == nil && out == nil {
		err = fmt.Errorf("scene %s has no frames", p.scene.ID)
	}
	return out, err
}

// writeJPEG writes img as a JPEG atomically.
func writeJPEG(path string, img image.Image) error {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 88}); err != nil {
		return err
	}
	return writeCached(path, b.Bytes())
}

// mux joins the segments and the encoded soundtrack into the final MP4, copying both:
// with mp4.Join, or with ffmpeg's concat for segments it does not copy (see
// mp4.ErrUnsupported).
func (r *Renderer) mux(ctx context.Context, plans []*scenePlan, out, audio string) error {
	tmp := out + ".tmp" + randSuffix()
	defer os.Remove(tmp)
	err := mp4.Join(tmp, segmentPaths(plans), audio)
	if errors.Is(err, mp4.ErrUnsupported) {
		list, dir, lerr := segmentList(filepath.Dir(out), plans)
		if lerr != nil {
			return lerr
		}
		defer os.RemoveAll(dir)
		_, err = media.Run(ctx, r.opt.FFmpeg, r.muxArgs(list, audio, tmp)...)
	}
	if err != nil {
		return err
	}
	return publish(tmp, out)
}

// op is the element at time t during its entrance (of length dur, eased out): fading in
// while rising, sliding in from the left, or growing, as the style's motion says.
func (e *element) op(key int, t time.Duration, frame image.Rectangle, kind string, dur time.Duration, frameIndex int) op {
	q := easeOut(float64(t-e.start) / float64(dur))
	at := e.at
	img := e.img
	ver := 0
	switch kind {
	case "fade":
	case "slide":
		at = at.Add(image.Pt(-int(float64(e.rise)*1.6*(1-q)+0.5), 0))
	case "scale":
		if q < 1 {
			img, at = e.scaled(0.9 + 0.1*q)
			ver = frameIndex
		}
	default: // rise
		at = at.Add(image.Pt(0, int(float64(e.rise)*(1-q)+0.5)))
	}
	return op{key: key, img: img, off: at, rect: img.Bounds().Add(at).Intersect(frame), alpha: uint32(q*255 + 0.5), ver: ver}
}

// scaled returns the element's sprite scaled by f about its centre, in a buffer reused
// between frames, and where to draw it.
func (e *element) scaled(f float64) (*image.RGBA, image.Point) {
	b := e.img.Bounds()
	if e.scratch == nil {
		e.scratch = image.NewRGBA(b)
	}
	clear(e.scratch.Pix)
	w, h := int(float64(b.Dx())*f+0.5), int(float64(b.Dy())*f+0.5)
	x0, y0 := (b.Dx()-w)/2, (b.Dy()-h)/2
	xdraw.ApproxBiLinear.Scale(e.scratch, image.Rect(x0, y0, x0+w, y0+h), e.img, b, xdraw.Src, nil)
	return e.scratch, e.at
}
