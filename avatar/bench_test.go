package avatar

import (
	"context"
	"image"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
)

func benchNarration(b *testing.B) *videoagent.Narration {
	var phs []ph
	for k := 0; k < 40; k++ {
		phs = append(phs, ph{"h", 60}, ph{"ə", 70}, ph{"l", 60}, ph{"oʊ", 180}, ph{"w", 60}, ph{"ɜː", 150}, ph{"l", 60}, ph{"d", 70}, ph{"_", 250})
	}
	return testNarration(b, phs, []videoagent.WordTiming{{Word: "world.", Start: 500 * time.Millisecond, End: 900 * time.Millisecond}})
}

// BenchmarkFrame1080p is the warm cost of one frame of a 1080p waist-up presenter: picking
// the layers (the sprites are cached).
func BenchmarkFrame1080p(b *testing.B) {
	n := benchNarration(b)
	c := New()
	tr := track(b, c, videoagent.PresenterRequest{Size: image.Pt(1920, 1080), FPS: 30, Frames: 1500, Narration: n, Seed: 1})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		_ = tr.Frame(i % 1500)
	}
}

// BenchmarkCompose1080p adds painting the layers onto a 1080p frame with image/draw, to show
// what a renderer pays per frame for the presenter.
func BenchmarkCompose1080p(b *testing.B) {
	n := benchNarration(b)
	c := New()
	tr := track(b, c, videoagent.PresenterRequest{Size: image.Pt(1920, 1080), FPS: 30, Frames: 1500, Narration: n, Seed: 1})
	dst := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Compose(dst, image.Point{}, tr.Frame(i%1500))
	}
}

// BenchmarkWarmup1080p is the cold cost: drawing every sprite of a look at 1080p and
// planning a 60 s track. It reports the sprite memory of the look.
func BenchmarkWarmup1080p(b *testing.B) {
	n := benchNarration(b)
	var bytes int64
	for b.Loop() {
		c := New()
		if _, err := c.NewTrack(context.Background(), videoagent.PresenterRequest{Size: image.Pt(1920, 1080), FPS: 30, Frames: 1800, Narration: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		bytes = c.CacheBytes()
	}
	b.ReportMetric(float64(bytes)/(1<<20), "MiB/look")
}
