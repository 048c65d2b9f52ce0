package videoagent

import (
	"context"
	"image"
	"strings"
)

// Framing is how a presenter sits in its box.
type Framing string

// Framings the renderer can ask for.
const (
	FramingWaistUp Framing = "waist_up" // centred, head to waist
	FramingCloseUp Framing = "close_up" // head and shoulders, larger
	FramingBubble  Framing = "bubble"   // head and shoulders inside a circle, for picture-in-picture
)

// Look is one presenter look (HeyGen's "avatar look"; its ID is the `avatar_id`). A group is
// one person; each look of the group is an outfit or framing.
type Look struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	GroupID        string   `json:"group_id"`
	Gender         string   `json:"gender"`
	DefaultVoiceID string   `json:"default_voice_id"`
	Tags           []string `json:"tags"`
}

// PresenterRequest asks for the presenter's animation over one narrated scene.
type PresenterRequest struct {
	LookID    string
	Framing   Framing
	Size      image.Point // the box the presenter is drawn into, in pixels
	FPS       int
	Frames    int        // number of video frames in the scene
	Narration *Narration // timings drive the mouth, brows and nods; nil means silent
	Seed      int64      // blinks and idle motion are random but seeded: same seed, same frames
	LookAt    float64    // gaze: -1 toward the left of the frame, 0 at the camera, 1 toward the right
}

// Layer is one image to draw over the scene, at At relative to the presenter box's origin.
// Images are premultiplied RGBA with a transparent background.
type Layer struct {
	Image *image.RGBA
	At    image.Point
	// Solid is a rectangle of Image (in its coordinates) whose pixels are all opaque, or
	// empty: a renderer need not draw what lies under it.
	Solid image.Rectangle
}

// PresenterTrack is a presenter animated over one scene.
type PresenterTrack interface {
	// Frame returns the layers of frame i (0 <= i < Frames), drawn in order. The images are
	// shared sprites: callers must not modify them, and the same pointer at the same
	// position means the same pixels, so a renderer may reuse what it composed last time.
	Frame(i int) []Layer
}

// Presenters animates presenter looks. Implementations cache sprites per look and size, so
// that a frame costs a few blits.
type Presenters interface {
	// Looks lists the cast.
	Looks() []Look
	// Track animates a look over a scene. An unknown look is an *Error with EAVATARNOTFOUND.
	Track(ctx context.Context, req PresenterRequest) (PresenterTrack, error)
}

// GroupNamer is implemented by presenter casts that know their groups' names
// (avatar.Cast).
type GroupNamer interface {
	GroupName(groupID string) (string, bool)
}

// LookGroupName is the name of the person a look of cast p presents: the cast's name for
// the look's group, else the look's name up to " (".
func LookGroupName(p Presenters, l Look) string {
	if gn, ok := p.(GroupNamer); ok {
		if n, ok := gn.GroupName(l.GroupID); ok {
			return n
		}
	}
	if i := strings.Index(l.Name, " ("); i > 0 {
		return l.Name[:i]
	}
	return l.Name
}
