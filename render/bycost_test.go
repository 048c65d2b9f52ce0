package render

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/mp4"
)

// byCost splits units into tasks, costliest first (a head's frames counting four times),
// and marks the first solo only when it outweighs all the others together.
func TestByCost(t *testing.T) {
	head := func(scene, frames int) segmentTask {
		return segmentTask{p: &scenePlan{index: scene}, head: true, hi: frames}
	}
	chunk := func(scene, lo, hi int) segmentTask { return segmentTask{p: &scenePlan{index: scene}, lo: lo, hi: hi} }
	type want struct {
		scene int
		head  bool
		solo  bool
	}
	for _, tc := range []struct {
		name  string
		units [][]segmentTask
		want  []want
	}{
		{"a revised scene's body outweighs both heads",
			[][]segmentTask{{head(1, 12), chunk(1, 12, 183)}, {head(2, 12)}},
			[]want{{1, false, true}, {1, true, false}, {2, true, false}}},
		{"two chunks of a scene share the work",
			[][]segmentTask{{head(1, 12), chunk(1, 12, 180)}, {chunk(1, 180, 300)}, {head(2, 12)}},
			[]want{{1, false, false}, {1, false, false}, {1, true, false}, {2, true, false}}},
		{"a crossfade counts four times its frames",
			[][]segmentTask{{chunk(3, 0, 40)}, {head(4, 15)}},
			[]want{{4, true, true}, {3, false, false}}},
		{"one task alone is not solo",
			[][]segmentTask{{chunk(0, 0, 300)}},
			[]want{{0, false, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := byCost(tc.units)
			if len(got) != len(tc.want) {
				t.Fatalf("%d units, want %d", len(got), len(tc.want))
			}
			for i, u := range got {
				if len(u) != 1 {
					t.Fatalf("unit %d has %d tasks, want 1", i, len(u))
				}
				if w := tc.want[i]; u[0].p.index != w.scene || u[0].head != w.head || u[0].solo != w.solo {
					t.Errorf("unit %d: scene %d head %v solo %v, want %+v", i, u[0].p.index, u[0].head, u[0].solo, w)
				}
			}
		})
	}
}

// A revision that re-speaks one scene draws its body as a solo task (x264 with threads of
// its own choice) beside the transitions around it, and its segment still joins the ones
// encoded with one thread each by plain copying (mp4.Join, not ffmpeg's concat): the
// joined video has every frame.
func TestSoloRevisionJoins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := shortStoryboard("16:9", "720p")
	for i := range sb.Scenes {
		sb.Scenes[i].Transition = videoagent.TransitionCrossfade
	}
	ns := narrationsFor(sb)
	cache := t.TempDir()
	r := New(Options{Presenters: &fakePresenters{}, CacheDir: cache, NoGIF: true, Parallel: 2})
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	sb.Scenes[1].Narration = "Flow sends polite reminders, so every invoice gets paid on time."
	ns[1] = synthNarration(sb.Scenes[1].Narration, 9)

	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	fj := &frameJob{w: w, h: h, fps: sb.FPS, style: StyleByID(sb.StyleID), title: sb.Title, captions: sb.Captions,
		avatar: sb.AvatarID, seed: sb.Seed, presenters: r.opt.Presenters}
	plans, total := r.plan(sb, ns, fj, cache)
	var units [][]segmentTask
	for _, p := range plans {
		if p.head != "" {
			if h := (segmentTask{p: p, head: true, hi: p.transFrames, seg: p.head}); !h.cached() {
				units = append(units, []segmentTask{h})
			}
		}
		for _, c := range p.chunks {
			if t := (segmentTask{p: p, lo: c.lo, hi: c.hi, seg: c.seg}); !t.cached() {
				units = append(units, []segmentTask{t})
			}
		}
	}
	if dealt := byCost(units); len(dealt) > 2*r.opt.Parallel || !dealt[0][0].solo {
		t.Fatalf("the revision has %d tasks, the first solo %v: the test no longer revises one solo body", len(dealt), dealt[0][0].solo)
	}

	out, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	audio, err := r.soundtrack(ctx, sb, plans, fj, cache) // the revision's, cached
	if err != nil {
		t.Fatal(err)
	}
	joined := filepath.Join(t.TempDir(), "joined.mp4")
	if err := mp4.Join(joined, segmentPaths(plans), audio); err != nil {
		t.Fatalf("the revision's segments do not join by copying: %v", err)
	}
	if got := videoPackets(t, out.VideoPath); got != total {
		t.Errorf("the revised video has %d frames, want %d", got, total)
	}
	if want := time.Duration(total) * time.Second / time.Duration(sb.FPS); out.Duration != want {
		t.Errorf("the revised video lasts %v, want %v", out.Duration, want)
	}
}

// videoPackets counts the video frames of the MP4 at path, as ffprobe reads them.
func videoPackets(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
		"-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatalf("ffprobe %s: %q", path, out)
	}
	return n
}
