package render

import (
	"fmt"
	"image"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// CardRects returns where the cards of scene i of sb are in its frames, in frame
// coordinates at the storyboard's frame size: the slide beside a presenter
// (presenter_left, presenter_right), the slide of a slide or slide_bubble scene, a
// presenter scene's name tag (lower third). A title scene has none: its text stands on the
// frame's own background. Cards are where the scene's slide content is, so tests can look
// inside them (see rendertest.Measure) in a frame after the scene's entrances, for example
// one of its last (see SceneSpans).
//
// The scene is laid out as a renderer with presenters (Options.Presenters) lays it out:
// presenter layouts hold a presenter when the storyboard names an avatar, and become
// slides when it names none. (*Renderer).CardRects answers for a given renderer.
func CardRects(sb *videoagent.Storyboard, i int) ([]image.Rectangle, error) {
	return New(Options{}).cardRects(sb, i, sb != nil && sb.AvatarID != "")
}

// CardRects is CardRects for the frames this renderer draws: presenter layouts hold a
// presenter when it has Presenters and the storyboard names an avatar.
func (r *Renderer) CardRects(sb *videoagent.Storyboard, i int) ([]image.Rectangle, error) {
	return r.cardRects(sb, i, r.opt.Presenters != nil && sb != nil && sb.AvatarID != "")
}

func (r *Renderer) cardRects(sb *videoagent.Storyboard, i int, hasPresenter bool) ([]image.Rectangle, error) {
	if sb == nil {
		return nil, videoagent.Invalid("storyboard", "storyboard is missing")
	}
	if err := sb.Validate(); err != nil {
		return nil, err
	}
	if i < 0 || i >= len(sb.Scenes) {
		return nil, fmt.Errorf("scene %d of %d", i, len(sb.Scenes))
	}
	if sb.OutputFormat == videoagent.OutputWebM {
		return nil, nil // the presenter alone, on nothing
	}
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	style := StyleByID(sb.StyleID).WithBrand(sb.Brand)
	fonts, err := r.fontSet(style)
	if err != nil {
		return nil, err
	}
	// Pictures, clips and bullet timings change no card's place: the layout without them
	// has the render's cards.
	sc := layoutScene(layoutInput{w: w, h: h, style: style, fonts: fonts, scene: sb.Scenes[i], title: sb.Title,
		hasPresenter: hasPresenter})
	return append([]image.Rectangle(nil), sc.cards...), nil
}

// SceneSpan is where a scene is in a rendered video.
type SceneSpan struct {
	// Start is the scene's first frame's time; End is the end of its last frame.
	Start, End time.Duration
	// Frames are the video's frame numbers of the scene: First <= n < First+Frames.
	First, Frames int
}

// SceneSpans returns where each scene of sb is in the video rendered from it with
// narrations (as in RenderJob.Narrations; nil or short for silent scenes): each scene
// lasts its narration with LeadIn and Tail around it, or its Duration, or SilentScene.
func SceneSpans(sb *videoagent.Storyboard, narrations []*videoagent.Narration) []SceneSpan {
	if sb == nil || sb.FPS <= 0 {
		return nil
	}
	plans, _ := timeline(sb, narrations, sb.FPS)
	out := make([]SceneSpan, len(plans))
	for i, p := range plans {
		out[i] = SceneSpan{Start: frameTime(p.start, sb.FPS), End: frameTime(p.start+p.frames, sb.FPS), First: p.start, Frames: p.frames}
	}
	return out
}
