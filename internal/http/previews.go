package http

import (
	"context"

	videoagent "github.com/openvideoagent/videoagent"
)

// Previews makes the previews the catalogues show (preview.Previews does): style
// thumbnails and clips, look pictures and clips, voice samples. Each method returns blob
// keys, served by signed URL; "" is a preview not made (yet), shown as a null URL.
type Previews interface {
	// StylePreviews returns each style's thumbnail and clip, waiting a bounded time for
	// the missing ones.
	StylePreviews(ctx context.Context, styles []videoagent.Style) (thumbs, clips []string)
	// LookImages returns each look's preview picture, drawing the missing ones.
	LookImages(ctx context.Context, looks []videoagent.Look) []string
	// LookImageSize is the size of a look's preview picture, in pixels.
	LookImageSize() (width, height int)
	// LookClip returns a look's preview clip, waiting a bounded time for it.
	LookClip(ctx context.Context, l videoagent.Look) string
	// LookClipIfReady returns a look's preview clip if it is made, else queues it and
	// returns "".
	LookClipIfReady(l videoagent.Look) string
	// ForgetLook drops a changed or deleted look's previews.
	ForgetLook(ctx context.Context, lookID string)
	// VoiceSamples returns each voice's spoken sample, synthesizing the missing ones.
	VoiceSamples(ctx context.Context, voices []videoagent.Voice) []string
}

// noPreviews is the Previews of a server given none: every preview is missing.
type noPreviews struct{}

func (noPreviews) StylePreviews(_ context.Context, styles []videoagent.Style) (thumbs, clips []string) {
	return make([]string, len(styles)), make([]string, len(styles))
}
func (noPreviews) LookImages(_ context.Context, looks []videoagent.Look) []string {
	return make([]string, len(looks))
}
func (noPreviews) LookImageSize() (width, height int)               { return 0, 0 }
func (noPreviews) LookClip(context.Context, videoagent.Look) string { return "" }
func (noPreviews) LookClipIfReady(videoagent.Look) string           { return "" }
func (noPreviews) ForgetLook(context.Context, string)               {}
func (noPreviews) VoiceSamples(_ context.Context, voices []videoagent.Voice) []string {
	return make([]string, len(voices))
}
