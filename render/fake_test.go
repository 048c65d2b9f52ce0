package render

import (
	"context"
	"image"
	"image/color"
	"math"
	"strings"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// fakePresenters draws a flat figure whose mouth opens while a word is spoken: enough to
// exercise the renderer's presenter path until the avatar package lands.
type fakePresenters struct {
	mu      sync.Mutex
	sprites map[image.Point]*fakeSprites
	tracks  int
}

type fakeSprites struct {
	body   *image.RGBA
	mouths [4]*image.RGBA
	mouthP image.Point
}

func (f *fakePresenters) Looks() []videoagent.Look {
	return []videoagent.Look{{ID: "fake", Name: "Fake", GroupID: "fake"}}
}

func (f *fakePresenters) Track(ctx context.Context, req videoagent.PresenterRequest) (videoagent.PresenterTrack, error) {
	if req.LookID != "fake" {
		return nil, videoagent.Errorf(videoagent.EAVATARNOTFOUND, "no look %q", req.LookID)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tracks++
	if f.sprites == nil {
		f.sprites = map[image.Point]*fakeSprites{}
	}
	s, ok := f.sprites[req.Size]
	if !ok {
		s = drawFake(req.Size)
		f.sprites[req.Size] = s
	}
	return &fakeTrack{s: s, req: req}, nil
}

func drawFake(size image.Point) *fakeSprites {
	w, h := size.X, size.Y
	body := image.NewRGBA(image.Rect(0, 0, w, h))
	skin := color.RGBA{0xC6, 0x8C, 0x6A, 0xff}
	shirt := color.RGBA{0x43, 0x38, 0xCA, 0xff}
	hair := color.RGBA{0x2B, 0x1D, 0x17, 0xff}
	head := int(float64(min(w, h)) * 0.32)
	cx := w / 2
	hy := int(float64(h) * 0.18)
	tw := int(float64(head) * 2.2)
	fillMask(body, roundRectMask(tw, h-hy-head+head/4, float64(head)*0.45), image.Pt(cx-tw/2, hy+head-head/8), shirt)
	fillMask(body, roundRectMask(head/3, head/3, 4), image.Pt(cx-head/6, hy+head-head/6), skin)
	fillMask(body, circleMask(head+head/10), image.Pt(cx-head/2-head/20, hy-head/14), hair)
	fillMask(body, circleMask(head), image.Pt(cx-head/2, hy), skin)
	eye := max(4, head/9)
	fillMask(body, circleMask(eye), image.Pt(cx-head/5-eye/2, hy+head*2/5), color.RGBA{0x22, 0x22, 0x33, 0xff})
	fillMask(body, circleMask(eye), image.Pt(cx+head/5-eye/2, hy+head*2/5), color.RGBA{0x22, 0x22, 0x33, 0xff})
	s := &fakeSprites{body: body}
	mw := head / 3
	for i := range s.mouths {
		mh := max(3, mw/6+i*mw/5)
		m := image.NewRGBA(image.Rect(0, 0, mw, mw))
		fillMask(m, roundRectMask(mw, mh, float64(mh)/2), image.Pt(0, 0), color.RGBA{0x7A, 0x1F, 0x2B, 0xff})
		s.mouths[i] = m
	}
	s.mouthP = image.Pt(cx-mw/2, hy+head*2/3)
	return s
}

type fakeTrack struct {
	s   *fakeSprites
	req videoagent.PresenterRequest
}

func (t *fakeTrack) Frame(i int) []videoagent.Layer {
	at := time.Duration(int64(i) * int64(time.Second) / int64(t.req.FPS))
	state := 0
	if n := t.req.Narration; n != nil {
		for _, w := range n.Words {
			if at >= w.Start && at < w.End {
				state = 1 + int((at-w.Start)/(90*time.Millisecond))%3
				break
			}
		}
	}
	return []videoagent.Layer{{Image: t.s.body}, {Image: t.s.mouths[state], At: t.s.mouthP}}
}

// synthNarration makes a narration of text: each word a short tone burst at 22.05 kHz,
// with word timings to match.
func synthNarration(text string, seed int) *videoagent.Narration {
	const rate = 22050
	n := &videoagent.Narration{SampleRate: rate}
	t := 0
	for i, w := range strings.Fields(text) {
		dur := rate * (180 + 25*len(w)) / 1000
		gap := rate * 90 / 1000
		if strings.HasSuffix(w, ".") {
			gap = rate * 350 / 1000
		}
		f := 180.0 + float64((i*37+seed*11)%120)
		for k := 0; k < dur; k++ {
			env := math.Sin(math.Pi * float64(k) / float64(dur))
			n.Samples = append(n.Samples, int16(9000*env*math.Sin(2*math.Pi*f*float64(k)/rate)))
		}
		n.Words = append(n.Words, videoagent.WordTiming{Word: w,
			Start: time.Duration(t) * time.Second / rate, End: time.Duration(t+dur) * time.Second / rate})
		t += dur
		n.Samples = append(n.Samples, make([]int16, gap)...)
		t += gap
	}
	return n
}
