package render

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// longStoryboard is about a minute of video: a title card and four presenter-beside-
// bullets scenes with about 14 s of narration each, captions on.
func longStoryboard(res string) (*videoagent.Storyboard, []*videoagent.Narration) {
	sb := demoStoryboard("16:9", res)
	sb.Captions = true
	sb.Scenes = sb.Scenes[:1]
	sentence := "Every team needs a plan that adapts when the week changes, and Flow keeps that plan current without meetings."
	for i := 0; len(sb.Scenes) < 5; i++ {
		layout := videoagent.LayoutPresenterLeft
		if i%2 == 1 {
			layout = videoagent.LayoutPresenterRight
		}
		sb.Scenes = append(sb.Scenes, videoagent.Scene{ID: fmt.Sprintf("s%d", i), Layout: layout,
			Narration: strings.Repeat(sentence+" ", 2),
			Visual: videoagent.Visual{Kind: videoagent.VisualBullets, Title: fmt.Sprintf("Point %d", i+1),
				Bullets: []string{"Plans adapt to the week", "Nobody updates the plan by hand", "Meetings get shorter"}}})
	}
	ns := narrationsFor(sb)
	return sb, ns
}

func benchRender(b *testing.B, res string) {
	sb, ns := longStoryboard(res)
	var total time.Duration
	var videoLen time.Duration
	for i := 0; i < b.N; i++ {
		r := New(Options{Presenters: &fakePresenters{}}) // no cache: every scene is rendered
		start := time.Now()
		out, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		videoLen = out.Duration
	}
	b.ReportMetric(total.Seconds()/float64(b.N)/videoLen.Seconds(), "x_realtime")
	b.ReportMetric(videoLen.Seconds(), "video_s")
}

// BenchmarkRender60s720p reports render time divided by video length for ~60 s of 720p.
func BenchmarkRender60s720p(b *testing.B) { benchRender(b, "720p") }

// BenchmarkRender60s1080p reports render time divided by video length for ~60 s of 1080p.
func BenchmarkRender60s1080p(b *testing.B) { benchRender(b, "1080p") }
