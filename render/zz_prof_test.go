package render

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
)

func TestZZSceneCost(t *testing.T) {
	res := os.Getenv("RES")
	if res == "" {
		t.Skip()
	}
	sb, ns := standardStoryboard(res, 1)
	r := benchRenderer("")
	ctx := context.Background()
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	style := StyleByID(sb.StyleID)
	for round := 0; round < 3; round++ {
		fj := &frameJob{w: w, h: h, fps: sb.FPS, style: style, title: sb.Title, captions: sb.Captions, avatar: sb.AvatarID,
			seed: sb.Seed, presenters: r.opt.Presenters}
		plans, _ := r.plan(sb, ns, fj, t.TempDir())
		fonts, _ := r.fontSet(style)
		var tot time.Duration
		for i, p := range plans {
			c0 := selfCPU()
			var px int64
			if err := r.sceneFrames(ctx, fj, fonts, p, 0, p.frames, func(i int, c *compositor) error { px = c.pixels; return nil }); err != nil {
				t.Fatal(err)
			}
			d := selfCPU() - c0
			tot += d
			fmt.Printf("round %d scene %d %s frames %d: %v (%.2f ms/frame) pixels/frame %.0f%%\n", round, i, sb.Scenes[i].Visual.Kind, p.frames, d, float64(d.Microseconds())/1000/float64(p.frames), 100*float64(px)/float64(p.frames)/float64(w*h))
		}
		fmt.Printf("round %d total %v\n", round, tot)
	}
}

func TestZZPerf(t *testing.T) {
	mode := os.Getenv("MODE")
	if mode == "" {
		t.Skip()
	}
	sb, ns := standardStoryboard(os.Getenv("RES"), 1)
	ctx := context.Background()
	warm := benchRenderer("")
	wsb := *sb
	wsb.Scenes = sb.Scenes[1:2]
	if _, err := warm.Render(ctx, videoagent.RenderJob{Storyboard: &wsb, Narrations: ns[1:2], OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	var floor *floorFrames
	if mode == "floor" {
		floor = writeFloorFrames(t, warm, sb, ns)
	}
	os.WriteFile("/tmp/zz_ready", nil, 0o644)
	time.Sleep(time.Second)
	for i := 0; i < 3; i++ {
		r := warmedRenderer(t.TempDir(), warm)
		c0, s0 := childCPU(), selfCPU()
		st := time.Now()
		if mode == "floor" {
			floor.time(t, r, true)
		} else {
			if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Printf("%s %v cpu child %v self %v\n", mode, time.Since(st), childCPU()-c0, selfCPU()-s0)
	}
}
