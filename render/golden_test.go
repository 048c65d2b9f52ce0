package render

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	xdraw "golang.org/x/image/draw"

	videoagent "github.com/openvideoagent/videoagent"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden frames in testdata/golden")

// goldenStoryboard exercises a title card, bullets beside the presenter with a crossfade,
// a line chart with a wipe, a quote with a slide and a call to action, captions on.
func goldenStoryboard(aspect string) *videoagent.Storyboard {
	sb := demoStoryboard(aspect, "720p")
	sb.Scenes[1].Transition = videoagent.TransitionCrossfade
	sb.Scenes = append(sb.Scenes[:2],
		videoagent.Scene{ID: "chart", Layout: videoagent.LayoutSlide, Transition: videoagent.TransitionWipe,
			Narration: "Adoption grew every quarter.",
			Visual: videoagent.Visual{Kind: videoagent.VisualChart, ChartType: "line", Title: "Weekly active teams",
				Data: []videoagent.DataPoint{{Label: "Q1", Value: 120}, {Label: "Q2", Value: 180}, {Label: "Q3", Value: 260}, {Label: "Q4", Value: 410}}}},
		videoagent.Scene{ID: "quote", Layout: videoagent.LayoutSlide, Transition: videoagent.TransitionSlide,
			Narration: "One customer said it best.",
			Visual:    videoagent.Visual{Kind: videoagent.VisualQuote, Text: "We stopped talking about the plan and started doing it.", Caption: "Dana Kim"}},
		sb.Scenes[2])
	return sb
}

// goldenTimes are the frames checked: mid-title, inside the crossfade, bullets complete,
// inside the wipe, the chart complete, inside the slide, the call to action.
func goldenPoints(plans []*scenePlan) map[string]int {
	return map[string]int{
		"1-title":     plans[0].start + plans[0].frames/2,
		"2-crossfade": plans[1].start + plans[1].transFrames/2,
		"3-bullets":   plans[1].start + plans[1].frames - 5,
		"4-wipe":      plans[2].start + plans[2].transFrames/2,
		"5-chart":     plans[2].start + plans[2].frames - 5,
		"6-slide":     plans[3].start + plans[3].transFrames/2,
		"7-cta":       plans[4].start + plans[4].frames - 5,
	}
}

// composeAt composes video frame n of a render as the encoder receives it.
func composeAt(t *testing.T, r *Renderer, fj *frameJob, fonts *fontSet, plans []*scenePlan, n int) *i420 {
	t.Helper()
	ctx := context.Background()
	for _, p := range plans {
		if n < p.start || n >= p.start+p.frames {
			continue
		}
		i := n - p.start
		var out *i420
		if err := r.sceneFrames(ctx, fj, fonts, p, i, i+1, func(_ int, c *compositor) error {
			out = newI420(fj.w, fj.h)
			copy(out.buf, c.yuv.buf)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if p.head != "" && i < p.transFrames {
			from, err := r.lastFrame(ctx, fj, fonts, p.prev)
			if err != nil {
				t.Fatal(err)
			}
			mixed := newI420(fj.w, fj.h)
			transition(mixed, from, out, p.trans, easeInOut(float64(i+1)/float64(p.transFrames+1)))
			out = mixed
		}
		return out
	}
	t.Fatalf("frame %d is past the end", n)
	return nil
}

// toRGBA converts an I420 frame (BT.709 limited range) back to RGB.
func (f *i420) toRGBA() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, f.w, f.h))
	cw := f.w / 2
	c8 := func(v float64) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(v)))) }
	for y := 0; y < f.h; y++ {
		for x := 0; x < f.w; x++ {
			Y := (float64(f.y[y*f.w+x]) - 16) * 255 / 219
			U := (float64(f.u[(y/2)*cw+x/2]) - 128) * 255 / 224
			V := (float64(f.v[(y/2)*cw+x/2]) - 128) * 255 / 224
			o := img.PixOffset(x, y)
			img.Pix[o] = c8(Y + 1.5748*V)
			img.Pix[o+1] = c8(Y - 0.1873*U - 0.4681*V)
			img.Pix[o+2] = c8(Y + 1.8556*U)
			img.Pix[o+3] = 255
		}
	}
	return img
}

// downscale makes a small copy, 320 pixels wide, for committing.
func downscale(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	w := 320
	h := b.Dy() * w / b.Dx()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(out, out.Rect, img, b, xdraw.Src, nil)
	return out
}

// Frames at chosen times match the committed reference images within a small tolerance,
// in 16:9, 9:16 and 1:1. Regenerate on purpose: scripts/regen-golden.sh.
func TestGoldenFrames(t *testing.T) {
	for _, aspect := range []string{"16:9", "9:16", "1:1"} {
		name := strings.ReplaceAll(aspect, ":", "x")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sb := goldenStoryboard(aspect)
			ns := narrationsFor(sb)
			r := New(Options{Presenters: &fakePresenters{}})
			w, h, _ := videoagent.FrameSize(aspect, "720p")
			style := StyleByID(sb.StyleID)
			fj := &frameJob{w: w, h: h, fps: sb.FPS, style: style, title: sb.Title, captions: true, avatar: sb.AvatarID,
				seed: sb.Seed, presenters: r.opt.Presenters}
			plans, _ := r.plan(sb, ns, fj, t.TempDir())
			fonts, err := r.fontSet(style)
			if err != nil {
				t.Fatal(err)
			}
			points := goldenPoints(plans)
			keys := make([]string, 0, len(points))
			for k := range points {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				got := downscale(composeAt(t, r, fj, fonts, plans, points[k]).toRGBA())
				path := filepath.Join("testdata", "golden", fmt.Sprintf("%s-%s.png", name, k))
				if *updateGolden {
					os.MkdirAll(filepath.Dir(path), 0o755)
					f, err := os.Create(path)
					if err != nil {
						t.Fatal(err)
					}
					png.Encode(f, got)
					f.Close()
					continue
				}
				f, err := os.Open(path)
				if err != nil {
					t.Fatalf("%v (run scripts/regen-golden.sh to create the references)", err)
				}
				want, err := png.Decode(f)
				f.Close()
				if err != nil {
					t.Fatal(err)
				}
				if mean, bad := imageDiff(got, want); mean > 1.5 || bad > 0.01 {
					t.Errorf("%s at frame %d (%v): mean difference %.2f, %.1f%% of pixels off by more than 40",
						k, points[k], frameTime(points[k], 30), mean, 100*bad)
				}
			}
		})
	}
}

// imageDiff returns the mean absolute channel difference and the fraction of pixels with a
// channel off by more than 40.
func imageDiff(a *image.RGBA, b image.Image) (float64, float64) {
	if a.Bounds() != b.Bounds() {
		return 255, 1
	}
	sum, bad, n := 0.0, 0, 0
	bb := b.Bounds()
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		for x := bb.Min.X; x < bb.Max.X; x++ {
			r, g, bl, _ := b.At(x, y).RGBA()
			o := a.PixOffset(x, y)
			d := []int{int(a.Pix[o]) - int(r>>8), int(a.Pix[o+1]) - int(g>>8), int(a.Pix[o+2]) - int(bl>>8)}
			worst := 0
			for _, v := range d {
				if v < 0 {
					v = -v
				}
				sum += float64(v)
				worst = max(worst, v)
			}
			if worst > 40 {
				bad++
			}
			n++
		}
	}
	return sum / float64(3*n), float64(bad) / float64(n)
}

var _ = time.Second
