package render

import (
	"context"
	"image"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

// BenchmarkPresenterLayer1080p is what the renderer pays per frame for a warm 1080p
// waist-up presenter: the real cast, real espeak narration, and the renderer's own path
// (presenterOps, then the compositor redrawing only what changed), over about a minute of
// talking. It reports the pixels redrawn per frame and the sprite cache's memory.
func BenchmarkPresenterLayer1080p(b *testing.B) {
	eng, err := espeak.New()
	if err != nil {
		b.Skip("espeak-ng:", err)
	}
	voice, _ := espeak.DefaultVoice("en")
	text := strings.Repeat("Our presenters talk, blink and breathe while you explain your product. Does it look natural? ", 8)
	narr, err := eng.Synthesize(context.Background(), text, voice, videoagent.SpeechOptions{})
	if err != nil {
		b.Fatal(err)
	}
	frames := int(narr.Duration().Seconds() * 30)
	cast := avatar.New()
	box := image.Rect(447, 64, 447+1026, 64+1016) // a full-frame presenter's box at 1080p
	tr, err := cast.Track(context.Background(), videoagent.PresenterRequest{LookID: avatar.DefaultLookID(), Size: box.Size(),
		FPS: 30, Frames: frames, Narration: narr, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	c := newCompositor(image.NewRGBA(image.Rect(0, 0, 1920, 1080)))
	var ops []op
	c.compose(presenterOps(ops, tr.Frame(0), box, nil))
	c.pixels, c.frames = 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ops = presenterOps(ops[:0], tr.Frame(1+i%(frames-1)), box, nil)
		c.compose(ops)
	}
	b.StopTimer()
	if c.frames > 0 {
		b.ReportMetric(float64(c.pixels)/float64(c.frames), "px/frame")
	}
	b.ReportMetric(float64(cast.CacheBytes())/(1<<20), "cacheMiB")
}
