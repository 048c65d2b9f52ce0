package render_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
	"github.com/openvideoagent/videoagent/render"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

// Render a two-scene storyboard (a title card held for two seconds, then the default
// presenter speaking beside bullets) with espeak narration into an MP4 with its
// thumbnail, captions and GIF preview.
func ExampleRenderer_Render() {
	sb := &videoagent.Storyboard{Version: 1, Title: "Ship faster with Flow", Language: "en", AspectRatio: "16:9",
		Resolution: "720p", FPS: 30, AvatarID: avatar.DefaultLookID(), Captions: true,
		Scenes: []videoagent.Scene{
			{ID: "title", Layout: videoagent.LayoutTitle, Duration: 2,
				Visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: "Ship faster with Flow"}},
			{ID: "why", Layout: videoagent.LayoutPresenterLeft, Narration: "Flow plans your week around your meetings.",
				Visual: videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why teams switch", Bullets: []string{"One inbox", "Plans itself"}}},
		}}
	eng, err := espeak.New()
	if err != nil {
		log.Fatal(err)
	}
	voice, _ := espeak.DefaultVoice("en")
	narrations := make([]*videoagent.Narration, len(sb.Scenes))
	for i, sc := range sb.Scenes {
		if sc.Narration != "" {
			if narrations[i], err = eng.Synthesize(context.Background(), sc.Narration, voice, videoagent.SpeechOptions{}); err != nil {
				log.Fatal(err)
			}
		}
	}

	out, _ := os.MkdirTemp("", "render-example-")
	defer os.RemoveAll(out)
	r := render.New(render.Options{Presenters: avatar.New()})
	res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: narrations, OutDir: out})
	if err != nil {
		log.Fatal(err)
	}
	var files []string
	for _, p := range []string{res.VideoPath, res.ThumbnailPath, res.SRTPath, res.GIFPath} {
		files = append(files, filepath.Base(p))
	}
	fmt.Println(strings.Join(files, " "))
	probe, _ := exec.Command("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", res.VideoPath).Output()
	fmt.Println(strings.Join(strings.Fields(string(probe)), " "))
	fmt.Println("longer than the title and the speech:", res.Duration > 2*time.Second+narrations[1].Duration())
	// Output:
	// video.mp4 thumbnail.jpg captions.srt preview.gif
	// h264,1280,720 aac
	// longer than the title and the speech: true
}
