package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/render"
)

// renderStoryboard renders a storyboard file offline, without a server:
//
//	videoagent render storyboard.json -o out.mp4
//
// Narration is synthesized with the real speech engines; asset IDs in the storyboard
// (images, video clips, music, logos) are file paths, relative to the storyboard's folder.
// Next to out.mp4 it writes out.jpg, out.gif, out.srt and out.vtt.
func init() {
	register("render", "Render a storyboard file offline, without a server (docs/storyboard.md).", &renderCmd{})
}

type renderCmd struct {
	Storyboard string `arg:"" name:"storyboard" type:"existingfile" help:"The storyboard JSON file."`
	Out        string `short:"o" name:"out" default:"out.mp4" help:"The MP4 to write."`
	Data       string `env:"VIDEOAGENT_DATA" default:"./data" help:"Data folder (the segment cache lives in DATA/cache/segments)."`
	Captioned  bool   `help:"Also write OUT-captioned.mp4 with captions burned in."`
}

func (c *renderCmd) Run(a *app) error { return renderStoryboard(a.ctx, c, a.stdout, a.stderr) }

func renderStoryboard(ctx context.Context, c *renderCmd, stdout, stderr io.Writer) error {
	file, out, data, captioned := c.Storyboard, &c.Out, &c.Data, &c.Captioned
	sb, err := readStoryboard(file)
	if err != nil {
		return err
	}
	e, err := newEngines(*data)
	if err != nil {
		return err
	}
	if sb.AvatarID == "" {
		sb.AvatarID = e.defaultLook
	}
	if err := sb.Validate(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	voice, err := pickVoice(e, sb)
	if err != nil {
		return err
	}
	start := time.Now()
	narrs := make([]*videoagent.Narration, len(sb.Scenes))
	for i, s := range sb.Scenes {
		if strings.TrimSpace(s.Narration) == "" {
			continue
		}
		if narrs[i], err = e.synth.Synthesize(ctx, s.Narration, voice, videoagent.SpeechOptions{}); err != nil {
			return fmt.Errorf("scene %s: speech: %w", s.ID, err)
		}
	}
	speech := time.Since(start)
	r := render.New(render.Options{
		Presenters: e.presenters,
		Assets:     render.DirAssets(filepath.Dir(file)),
		CacheDir:   filepath.Join(*data, "cache", "segments"),
	})
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(*out), ".render-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrs, OutDir: tmp, CaptionedRendition: *captioned,
		Progress: func(f float64) { fmt.Fprintf(stderr, "\rrendering %3.0f%%", 100*f) }})
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(*out, filepath.Ext(*out))
	video := *out
	if ext := filepath.Ext(res.VideoPath); ext != filepath.Ext(*out) {
		video = base + ext // a transparent storyboard renders a WebM, whatever -o says
	}
	moves := [][2]string{{res.VideoPath, video}, {res.ThumbnailPath, base + ".jpg"}, {res.SRTPath, base + ".srt"}, {res.VTTPath, base + ".vtt"}}
	if res.GIFPath != "" {
		moves = append(moves, [2]string{res.GIFPath, base + ".gif"})
	}
	if res.CaptionedVideoPath != "" && res.CaptionedVideoPath != res.VideoPath {
		moves = append(moves, [2]string{res.CaptionedVideoPath, base + "-captioned.mp4"})
	}
	for _, m := range moves {
		if err := os.Rename(m[0], m[1]); err != nil {
			return err
		}
		fmt.Fprintln(stdout, m[1])
	}
	fmt.Fprintf(stderr, "%.1f s of video: speech %.1f s, render %.1f s\n", res.Duration.Seconds(), speech.Seconds(), time.Since(start).Seconds()-speech.Seconds())
	return nil
}

// readStoryboard reads a storyboard file, filling what designers may leave out: version 1,
// 16:9, 1080p, 30 fps, English, scene IDs.
func readStoryboard(path string) (*videoagent.Storyboard, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sb videoagent.Storyboard
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sb); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if sb.Version == 0 {
		sb.Version = 1
	}
	if sb.AspectRatio == "" {
		sb.AspectRatio = "16:9"
	}
	if sb.Resolution == "" {
		sb.Resolution = "1080p"
	}
	if sb.FPS == 0 {
		sb.FPS = 30
	}
	if sb.Language == "" {
		sb.Language = "en"
	}
	for i := range sb.Scenes {
		if sb.Scenes[i].ID == "" {
			sb.Scenes[i].ID = fmt.Sprintf("scene-%d", i+1)
		}
	}
	return &sb, nil
}

// pickVoice is the storyboard's voice, or the best voice for its language.
func pickVoice(e *engines, sb *videoagent.Storyboard) (videoagent.Voice, error) {
	if sb.VoiceID != "" {
		return e.voices.Voice(sb.VoiceID)
	}
	if v, ok := e.voices.DefaultVoice(sb.Language, ""); ok {
		return v, nil
	}
	if v, ok := e.voices.DefaultVoice("en", ""); ok {
		return v, nil
	}
	return videoagent.Voice{}, fmt.Errorf("no voice for language %q", sb.Language)
}
