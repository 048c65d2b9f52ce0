package videoagent

import (
	"context"
	"time"
)

// RenderJob is what the renderer needs: the storyboard, one narration per scene (same order,
// nil for a silent scene), and a folder for its outputs.
type RenderJob struct {
	Storyboard *Storyboard
	Narrations []*Narration
	OutDir     string
	// Progress, when set, is called with the fraction done (0-1) as scenes finish.
	Progress func(done float64)
	// CaptionedRendition asks for a second MP4 with captions burned in
	// (RenderResult.CaptionedVideoPath) when the main video has none. Transparent (webm)
	// storyboards ignore it.
	CaptionedRendition bool
}

// RenderResult names the files a render wrote into RenderJob.OutDir.
type RenderResult struct {
	// VideoPath is the video: an MP4 (H.264 High yuv420p, AAC, +faststart), or for a
	// storyboard whose OutputFormat is webm a WebM (VP9 yuva420p with alpha, Opus).
	VideoPath     string
	ThumbnailPath string // JPEG
	SRTPath       string
	VTTPath       string
	// CaptionedVideoPath is an MP4 with captions burned in (for captioned_video_url), or ""
	// when none was made. It is the main video itself when that already has captions.
	CaptionedVideoPath string
	// GIFPath is a short animated GIF preview of the video, or "" when none was made
	// (transparent webm videos have none).
	GIFPath  string
	Duration time.Duration
}

// Renderer turns a storyboard and its narrations into a finished video.
type Renderer interface {
	Render(ctx context.Context, job RenderJob) (*RenderResult, error)
}
