package avatar

import (
	"bytes"
	"context"
	"errors"
	"image"
	"math"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
)

func track(t testing.TB, c *Cast, req videoagent.PresenterRequest) *Track {
	t.Helper()
	if req.FPS == 0 {
		req.FPS = 30
	}
	tr, err := c.NewTrack(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// compose paints frame i of tr on a transparent canvas the size of the box.
func compose(tr *Track, size image.Point, i int) *image.RGBA {
	img := image.NewRGBA(image.Rectangle{Max: size})
	Compose(img, image.Point{}, tr.Frame(i))
	return img
}

func TestLooks(t *testing.T) {
	c := New()
	looks := c.Looks()
	if len(looks) < 12 {
		t.Fatalf("%d looks, want >= 12", len(looks))
	}
	groups := map[string]bool{}
	ids := map[string]bool{}
	for _, l := range looks {
		if ids[l.ID] {
			t.Errorf("duplicate id %s", l.ID)
		}
		ids[l.ID] = true
		groups[l.GroupID] = true
		if l.Name == "" || l.GroupID == "" || len(l.Tags) == 0 {
			t.Errorf("incomplete look %+v", l)
		}
		switch {
		case l.Gender == "female" && l.DefaultVoiceID == "festival-slt-hts":
		case l.Gender == "male" && l.DefaultVoiceID == "flite-rms":
		default:
			t.Errorf("%s: gender %q voice %q", l.ID, l.Gender, l.DefaultVoiceID)
		}
	}
	if len(groups) < 6 {
		t.Errorf("%d groups, want >= 6", len(groups))
	}
	if !ids[DefaultLookID()] || !ids["ava-business"] || !ids["ava-casual"] {
		t.Errorf("missing default or ava looks")
	}
	_, err := c.Track(context.Background(), videoagent.PresenterRequest{LookID: "nobody", Size: image.Pt(100, 100), FPS: 30})
	var e *videoagent.Error
	if !errors.As(err, &e) || e.Code != videoagent.EAVATARNOTFOUND {
		t.Fatalf("unknown look: %v", err)
	}
	if _, err := c.Look("nobody"); videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Fatalf("Look(nobody): %v", err)
	}
	_, err = c.Track(context.Background(), videoagent.PresenterRequest{Framing: "sideways", Size: image.Pt(100, 100), FPS: 30})
	if videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Fatalf("bad framing: %v", err)
	}
	_, err = c.Track(context.Background(), videoagent.PresenterRequest{Size: image.Pt(0, 100), FPS: 30})
	if videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Fatalf("bad size: %v", err)
	}
}

// alphaStats returns how many pixels are painted and their bounding box.
func alphaStats(img *image.RGBA) (n int, bb image.Rectangle) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.Pix[img.PixOffset(x, y)+3] > 0 {
				n++
				bb = bb.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return n, bb
}

func TestEveryLookRenders(t *testing.T) {
	c := New()
	sizes := []image.Point{{1280, 720}, {1920, 1080}}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, l := range c.Looks() {
		for _, size := range sizes {
			for _, fr := range []videoagent.Framing{videoagent.FramingWaistUp, videoagent.FramingCloseUp, videoagent.FramingBubble} {
				if fr != videoagent.FramingWaistUp && size.X != 1280 {
					continue
				}
				tr := track(t, c, videoagent.PresenterRequest{LookID: l.ID, Framing: fr, Size: size, Frames: 3})
				for _, ly := range tr.Frame(0) {
					if ly.Image.Bounds().Min != (image.Point{}) {
						t.Fatalf("%s: layer image not at origin", l.ID)
					}
				}
				img := compose(tr, size, 0)
				n, bb := alphaStats(img)
				area := size.X * size.Y
				if n < area/20 {
					t.Errorf("%s %v %s: only %d painted pixels", l.ID, size, fr, n)
				}
				// transparent background: the corners stay empty
				for _, p := range []image.Point{{0, 0}, {size.X - 1, 0}, {0, size.Y / 2}, {size.X - 1, size.Y / 2}} {
					if a := img.RGBAAt(p.X, p.Y).A; a != 0 {
						t.Errorf("%s %v %s: corner %v alpha %d", l.ID, size, fr, p, a)
					}
				}
				// centred horizontally, inside the box, bottom-aligned when cut at the waist
				cx := float64(bb.Min.X+bb.Max.X) / 2
				if math.Abs(cx-float64(size.X)/2) > 0.03*float64(size.X) {
					t.Errorf("%s %v %s: centre %.0f, box %d", l.ID, size, fr, cx, size.X)
				}
				if fr != videoagent.FramingBubble && bb.Max.Y != size.Y {
					t.Errorf("%s %v %s: body ends at %d, box %d", l.ID, size, fr, bb.Max.Y, size.Y)
				}
				if fr != videoagent.FramingBubble && bb.Min.Y < 1 {
					t.Errorf("%s %v %s: head touches the top (%v)", l.ID, size, fr, bb)
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	n := testNarration(t, []ph{{"_", 300}, {"h", 80}, {"ə", 60}, {"l", 70}, {"oʊ", 200}, {"_", 200}, {"m", 90}, {"aɪ", 220}, {"_", 400}},
		[]videoagent.WordTiming{{Word: "Hello,", End: 710 * time.Millisecond}, {Word: "my?", Start: 910 * time.Millisecond, End: 1220 * time.Millisecond}})
	req := videoagent.PresenterRequest{LookID: "diego-casual", Size: image.Pt(640, 360), FPS: 30, Frames: 300, Narration: n, Seed: 42, LookAt: 0.4}
	a := track(t, New(), req)
	b := track(t, New(), req)
	for i := 0; i < req.Frames; i++ {
		la, lb := a.Frame(i), b.Frame(i)
		if len(la) != len(lb) {
			t.Fatalf("frame %d: %d vs %d layers", i, len(la), len(lb))
		}
		for k := range la {
			if la[k].At != lb[k].At || !bytes.Equal(la[k].Image.Pix, lb[k].Image.Pix) {
				t.Fatalf("frame %d layer %d differs", i, k)
			}
		}
	}
	// the same cast shares sprites between tracks
	c := New()
	x, y := track(t, c, req), track(t, c, req)
	if x.Frame(5)[0].Image != y.Frame(5)[0].Image {
		t.Errorf("sprites not shared")
	}
	// another seed moves the blinks
	req.Seed = 7
	d := track(t, New(), req)
	same := true
	for i := 0; i < req.Frames; i++ {
		if a.Blink(i) != d.Blink(i) {
			same = false
		}
	}
	if same {
		t.Errorf("seed does not change blinks")
	}
}

func TestBlinks(t *testing.T) {
	for _, fps := range []int{24, 30, 60} {
		tr := track(t, New(), videoagent.PresenterRequest{Size: image.Pt(480, 270), FPS: fps, Frames: 120 * fps, Seed: int64(fps)})
		var starts []int
		for i := 0; i < tr.Frames(); i++ {
			if tr.Blink(i) != 0 && (i == 0 || tr.Blink(i-1) == 0) {
				starts = append(starts, i)
				// ~120 ms long, with a closed frame
				k, closed := i, false
				for ; k < tr.Frames() && tr.Blink(k) != 0; k++ {
					closed = closed || tr.Blink(k) == 2
				}
				dur := float64(k-i) / float64(fps)
				if dur < 0.09 || dur > 0.17 || !closed {
					t.Errorf("%d fps: blink at %d lasts %.3fs closed=%v", fps, i, dur, closed)
				}
			}
		}
		if len(starts) < 120/6 {
			t.Errorf("%d fps: %d blinks in 120 s", fps, len(starts))
		}
		for k := 1; k < len(starts); k++ {
			gap := float64(starts[k]-starts[k-1]) / float64(fps)
			if gap < 2-1.0/float64(fps) || gap > 6+1.0/float64(fps) {
				t.Errorf("%d fps: blink gap %.2fs", fps, gap)
			}
		}
	}
	// and the pixels agree: closed eyes show no eye white
	tr := track(t, New(), videoagent.PresenterRequest{Size: image.Pt(640, 360), FPS: 30, Frames: 400, Seed: 3})
	for i := 0; i < tr.Frames(); i++ {
		if tr.Blink(i) == 0 && (i%10 != 0) {
			continue
		}
		w := countColor(compose(tr, image.Pt(640, 360), i), image.Rect(0, 0, 640, 360), colEyeWhite)
		switch tr.Blink(i) {
		case 0:
			if w < 30 {
				t.Errorf("frame %d: open eyes but %d white pixels", i, w)
			}
		case 2:
			if w != 0 {
				t.Errorf("frame %d: closed eyes but %d white pixels", i, w)
			}
		}
	}
}

func TestMotion(t *testing.T) {
	n := testNarration(t, []ph{{"_", 200}, {"w", 100}, {"aɪ", 250}, {"_", 1500}, {"n", 80}, {"oʊ", 250}, {"_", 2000}},
		[]videoagent.WordTiming{
			{Word: "why?", Start: 200 * time.Millisecond, End: 550 * time.Millisecond},
			{Word: "No.", Start: 2050 * time.Millisecond, End: 2380 * time.Millisecond},
		})
	tr := track(t, New(), videoagent.PresenterRequest{Size: image.Pt(1920, 1080), FPS: 30, Frames: 600, Narration: n, Seed: 9})
	st := tr.states
	// breathing: 1-2% of the torso, ~4 s period, moving at most a pixel a frame
	lo, hi := st[0].breath, st[0].breath
	for i := 1; i < len(st); i++ {
		lo, hi = min(lo, st[i].breath), max(hi, st[i].breath)
		if d := st[i].breath - st[i-1].breath; d > 1 || d < -1 {
			t.Fatalf("breath jumps %d px at frame %d", d, i)
		}
		if d := st[i].hx - st[i-1].hx; d > 1 || d < -1 {
			t.Fatalf("sway jumps %d px at frame %d", d, i)
		}
	}
	torso := (420 - 110) * tr.Scale()
	if amp := float64(hi-lo) / torso; amp < 0.008 || amp > 0.02 {
		t.Errorf("breathing amplitude %.3f of the torso", amp)
	}
	// brows up on the question, at rest elsewhere
	if st[12].brow != numBrow-1 { // 0.4 s, inside "why?"
		t.Errorf("brows at 0.4 s: %d", st[12].brow)
	}
	if st[45].brow != 0 { // 1.5 s
		t.Errorf("brows at 1.5 s: %d", st[45].brow)
	}
	// a nod after "No.": the head dips more than breathing/sway alone
	nod := func(i int) int16 { return st[i].hy + st[i].breath }
	peak := int16(0)
	for i := 70; i < 90; i++ { // 2.3-3.0 s
		peak = max(peak, nod(i))
	}
	base := int16(0)
	for i := 100; i < 140; i++ {
		base = max(base, nod(i))
	}
	if peak < base+4 {
		t.Errorf("no nod: peak %d vs %d", peak, base)
	}
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Track(ctx, videoagent.PresenterRequest{Size: image.Pt(300, 300), FPS: 30, Frames: 10})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

func TestCacheBounded(t *testing.T) {
	c := NewWithCache(8 << 20)
	for i, l := range c.Looks() {
		track(t, c, videoagent.PresenterRequest{LookID: l.ID, Size: image.Pt(640+i, 360), FPS: 30, Frames: 1})
	}
	if b := c.CacheBytes(); b > 8<<20 {
		t.Errorf("cache holds %d bytes", b)
	}
}
