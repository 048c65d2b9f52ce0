package render

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
	"go.uber.org/goleak"
)

// A render cancelled part way (MP4 and transparent WebM alike, from an empty cache, so
// that the soundtrack, the GIF preview and every encoder are at work) returns the
// context's error and leaves nothing behind: no goroutine, no ffmpeg, no temporary file
// or folder, and no partial video in its output folder.
func TestCancelledRenderLeavesNothing(t *testing.T) {
	sb, ns := standardStoryboard("720p", 1)
	sb.Scenes = sb.Scenes[:3] // a title, bullets, a picture: 30 s
	webm := &videoagent.Storyboard{Version: 1, Title: "Transparent", Language: "en", AspectRatio: "16:9", Resolution: "720p", FPS: 30,
		AvatarID: sb.AvatarID, Seed: 5, OutputFormat: videoagent.OutputWebM}
	for i := 0; i < 2; i++ {
		webm.Scenes = append(webm.Scenes, videoagent.Scene{ID: "w" + strconv.Itoa(i), Layout: videoagent.LayoutPresenter, Narration: sb.Scenes[i].Narration})
	}
	warm := benchRenderer("") // sprites and fonts made before the goroutine census
	if _, err := warm.silentFrame(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		sb   *videoagent.Storyboard
		at   float64 // the progress at which the render is cancelled
	}{{"mp4 early", sb, 0.05}, {"mp4 late", sb, 0.6}, {"webm", webm, 0.3}} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp) // the render's temporary files, and only them, go here
			defer goleak.VerifyNone(t, goleak.IgnoreCurrent(), goleak.IgnoreTopFunction(media.StarterFunc))
			r := warmedRenderer("", warm)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var once sync.Once
			out := t.TempDir()
			_, err := r.Render(ctx, videoagent.RenderJob{Storyboard: tc.sb, Narrations: ns[:len(tc.sb.Scenes)], OutDir: out,
				Progress: func(f float64) {
					if f >= tc.at {
						once.Do(cancel)
					}
				}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled render: %v, want context.Canceled", err)
			}
			if left := leftFiles(t, tmp); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
			if left := leftFiles(t, out); len(left) > 0 {
				t.Errorf("files left in the output folder: %v", left)
			}
			if kids := childProcesses(); len(kids) > 0 {
				t.Errorf("child processes left running: %v", kids)
			}
		})
	}
}

// leftFiles lists what is in dir.
func leftFiles(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// childProcesses lists this process's running children (ffmpeg), waiting a moment for
// any that are exiting.
func childProcesses() []string {
	var kids []string
	for try := 0; try < 50; try++ {
		out, _ := exec.Command("ps", "-o", "pid=,comm=", "--ppid", strconv.Itoa(os.Getpid())).Output()
		kids = nil
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" && !strings.HasSuffix(l, " ps") {
				kids = append(kids, strings.TrimSpace(l))
			}
		}
		if len(kids) == 0 {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return kids
}
