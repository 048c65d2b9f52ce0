package render

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
)

// BenchmarkWebMSpeed renders a 30 s transparent presenter video (VP9 with alpha and Opus,
// three scenes) at 720p30 and 1080p30 and prints render time / video duration with the
// CPU split between ffmpeg and the renderer: `make bench-render` runs it. OVA_BENCH_ROUNDS
// rounds, the best reported.
func BenchmarkWebMSpeed(b *testing.B) {
	for _, res := range []string{"720p", "1080p"} {
		b.Run(res, func(b *testing.B) {
			sb := &videoagent.Storyboard{Version: 1, Title: "Transparent", Language: "en", AspectRatio: "16:9", Resolution: res, FPS: 30,
				AvatarID: avatar.DefaultLookID(), Seed: 5, OutputFormat: videoagent.OutputWebM}
			sentence := "Every team needs a plan that adapts when the week changes, and Flow keeps that plan current. "
			var ns []*videoagent.Narration
			for i := 0; i < 3; i++ {
				n := trimNarration(synthNarration(strings.Repeat(sentence, 3), i), 9200*time.Millisecond)
				words := make([]string, len(n.Words))
				for j, w := range n.Words {
					words[j] = w.Word
				}
				sb.Scenes = append(sb.Scenes, videoagent.Scene{ID: fmt.Sprintf("s%d", i), Layout: videoagent.LayoutPresenter, Narration: strings.Join(words, " ")})
				ns = append(ns, n)
			}
			ctx := context.Background()
			warm := benchRenderer("")
			for i := 0; i < b.N; i++ {
				var best, bestCPU time.Duration
				var video float64
				for round := 1; round <= benchRounds(); round++ {
					r := warmedRenderer(b.TempDir(), warm)
					c0, s0 := childCPU(), selfCPU()
					start := time.Now()
					out, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: b.TempDir()})
					if err != nil {
						b.Fatal(err)
					}
					wall := time.Since(start)
					ff, gocpu := childCPU()-c0, selfCPU()-s0
					video = out.Duration.Seconds()
					st, _ := os.Stat(out.VideoPath)
					fmt.Printf("webm %s round %d: video %.1f s, render %.2f s (%.3fx real time, %.1fx faster than real time; CPU: ffmpeg %.1f s, Go %.1f s), %.2f Mbit/s\n",
						res, round, video, wall.Seconds(), wall.Seconds()/video, video/wall.Seconds(), ff.Seconds(), gocpu.Seconds(), float64(st.Size())*8/video/1e6)
					if round == 1 || wall < best {
						best = wall
					}
					if round == 1 || ff+gocpu < bestCPU {
						bestCPU = ff + gocpu
					}
				}
				fmt.Printf("webm %s best of %d: render %.3fx real time (%.1fx faster than real time); by CPU on an idle machine %.3fx\n",
					res, benchRounds(), best.Seconds()/video, video/best.Seconds(), bestCPU.Seconds()/2/video)
				b.ReportMetric(best.Seconds()/video, "x_realtime")
			}
		})
	}
}
