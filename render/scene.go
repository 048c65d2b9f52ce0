package render

import (
	"bufio"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
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

// sceneFrame lays out a scene and renders its frames, calling emit with the compositor
// after each frame is composed. It is shared by encoding and tests.
func (r *Renderer) sceneFrames(ctx context.Context, fj *frameJob, fonts *fontSet, p *scenePlan, emit func(i int, c *compositor) error) (*sceneLayout, error) {
	narr := shiftNarration(p.narr, p.leadIn)
	hasPresenter := fj.presenters != nil && fj.avatar != ""
	in := layoutInput{w: fj.w, h: fj.h, style: fj.style, fonts: fonts, scene: p.scene, title: fj.title, hasPresenter: hasPresenter}
	if narr != nil {
		in.words = narr.Words
		in.speechEnd = narr.Duration()
	}
	v := p.scene.Visual
	if v.Kind == videoagent.VisualImage && v.AssetID != "" && r.opt.Assets != nil {
		img, err := loadImage(ctx, r.opt.Assets, v.AssetID)
		if err != nil {
			return nil, err
		}
		in.image = img
	}
	sc := layoutScene(in)

	var track videoagent.PresenterTrack
	if !sc.presenter.Empty() {
		var err error
		track, err = fj.presenters.Track(ctx, videoagent.PresenterRequest{
			LookID: fj.avatar, Framing: sc.framing, Size: sc.presenter.Size(), FPS: fj.fps, Frames: p.frames,
			Narration: narr, Seed: sceneSeed(fj.seed, p.scene.ID), LookAt: sc.lookAt,
		})
		if err != nil {
			return nil, err
		}
	}
	var cues []Cue
	var capSprites []sprite
	if fj.captions && narr != nil {
		cues = BuildCues(narr.Words)
		capSprites = sc.captionSprites(cues)
	}

	comp := newCompositor(sc.base)
	ops := make([]op, 0, 32)
	for i := 0; i < p.frames; i++ {
		if i%32 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		t := frameTime(i, fj.fps)
		ops = ops[:0]
		if sc.panel != nil {
			sc.panel.render(float64(i) / float64(max(1, p.frames-1)))
			pr := sc.panel.rect
			ops = append(ops, op{key: keyPanel, img: sc.panel.out, off: pr.Min, rect: pr, alpha: 255, mask: sc.panel.mask, moff: pr.Min, ver: i})
		}
		for k, e := range sc.elems {
			if e.front || e.baked || t < e.start {
				continue
			}
			if t >= e.start+entrance {
				blend(sc.base, e.bounds().Intersect(sc.base.Rect), e.img, e.at, 255, nil, image.Point{})
				comp.baseChanged(e.bounds())
				e.baked = true
				continue
			}
			ops = append(ops, e.op(keyElement+k, t, sc.base.Rect))
		}
		if track != nil {
			for j, l := range track.Frame(i) {
				if l.Image == nil {
					continue
				}
				off := sc.presenter.Min.Add(l.At).Sub(l.Image.Rect.Min)
				b := l.Image.Rect.Add(off).Intersect(sc.presenter)
				o := op{key: keyPresenter + j, img: l.Image, off: off, rect: b, alpha: 255}
				if sc.bubble != nil {
					o.mask, o.moff = sc.bubble, sc.presenter.Min
				}
				ops = append(ops, o)
			}
		}
		for k, e := range sc.elems {
			if e.front && t >= e.start {
				ops = append(ops, e.op(keyFront+k, t, sc.base.Rect))
			}
		}
		for j, c := range cues {
			if t >= c.Start && t < c.End+200*time.Millisecond && (j+1 == len(cues) || t < cues[j+1].Start) {
				s := capSprites[j]
				ops = append(ops, op{key: keyCaption, img: s.img, off: s.at, rect: s.bounds().Intersect(sc.base.Rect), alpha: 255})
				break
			}
		}
		comp.compose(ops)
		if err := emit(i, comp); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

// renderScene encodes a scene's segment and its middle frame into the cache.
func (r *Renderer) renderScene(ctx context.Context, fj *frameJob, fonts *fontSet, p *scenePlan) error {
	tmp := p.seg + ".tmp" + randSuffix()
	defer os.Remove(tmp)
	ff, err := r.startFFmpeg(ctx, r.videoArgs(fj.w, fj.h, fj.fps, tmp))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(ff.stdin, 1<<20)
	mid := p.frames / 2
	var thumbErr error
	_, werr := r.sceneFrames(ctx, fj, fonts, p, func(i int, c *compositor) error {
		if i == mid {
			thumbErr = writeJPEG(p.thumb, c.cur)
		}
		_, err := w.Write(c.yuv.buf)
		return err
	})
	if werr == nil {
		werr = w.Flush()
	}
	if err := ff.wait(werr); err != nil {
		return err
	}
	if thumbErr != nil {
		return thumbErr
	}
	return publish(tmp, p.seg)
}

// writeJPEG writes img as a JPEG atomically.
func writeJPEG(path string, img image.Image) error {
	tmp := path + ".tmp" + randSuffix()
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 88}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return publish(tmp, path)
}

// mux joins the segments and the narration into the final MP4.
func (r *Renderer) mux(ctx context.Context, plans []*scenePlan, out string, fps int) error {
	dir, err := os.MkdirTemp(filepath.Dir(out), ".mux-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	list := filepath.Join(dir, "segments.ffconcat")
	segs := make([]string, len(plans))
	for i, p := range plans {
		if segs[i], err = filepath.Abs(p.seg); err != nil {
			return err
		}
	}
	if err := concatList(list, segs); err != nil {
		return err
	}
	tmp := filepath.Join(dir, "video.mp4")
	ff, err := r.startFFmpeg(ctx, r.muxArgs(list, tmp))
	if err != nil {
		return err
	}
	pw := &pcmWriter{w: ff.stdin, buf: make([]byte, 2*8192)}
	var werr error
	for _, p := range plans {
		n := int64(p.frames) * OutputSampleRate / int64(fps)
		lead := int64(p.leadIn) * OutputSampleRate / int64(time.Second)
		if werr = pw.silence(lead); werr != nil {
			break
		}
		var src []int16
		rate := 0
		if p.narr != nil {
			src, rate = p.narr.Samples, p.narr.SampleRate
		}
		if werr = pw.audio(src, rate, n-lead); werr != nil {
			break
		}
	}
	if err := ff.wait(werr); err != nil {
		return err
	}
	return publish(tmp, out)
}

// op is the element at time t: fading in and rising during its entrance, then still.
func (e *element) op(key int, t time.Duration, frame image.Rectangle) op {
	q := easeOut(float64(t-e.start) / float64(entrance))
	at := e.at.Add(image.Pt(0, int(float64(e.rise)*(1-q)+0.5)))
	return op{key: key, img: e.img, off: at, rect: e.img.Bounds().Add(at).Intersect(frame), alpha: uint32(q*255 + 0.5)}
}
