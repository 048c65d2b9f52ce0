package avatar

import (
	"context"
	"image"

	"github.com/openvideoagent/videoagent"
)

// Group is one presenter of the cast (HeyGen's "avatar group"): a person, whose looks are
// outfits.
type Group struct {
	ID             string
	Name           string // the person's first name, e.g. "Ava"
	Gender         string // "female" | "male"
	DefaultVoiceID string
	LookIDs        []string // in cast order; the first is the group's main look
}

// Groups lists the presenters of the cast, in cast order.
func (c *Cast) Groups() []Group {
	out := make([]Group, 0, len(people))
	for _, pp := range people {
		g := Group{ID: pp.p.id, Name: pp.p.name}
		for _, d := range lookDefs {
			if d.p.id != pp.p.id {
				continue
			}
			if len(g.LookIDs) == 0 {
				g.Gender, g.DefaultVoiceID = d.look.Gender, d.look.DefaultVoiceID
			}
			g.LookIDs = append(g.LookIDs, d.look.ID)
		}
		out = append(out, g)
	}
	return out
}

// GroupName is the display name of a group (the person's name), and whether the group
// exists.
func (c *Cast) GroupName(groupID string) (string, bool) {
	for _, pp := range people {
		if pp.p.id == groupID {
			return pp.p.name, true
		}
	}
	return "", false
}

// Preview draws a look at rest (eyes open, mouth closed) in a framing, filling a box of the
// given size, on a transparent background. It is what preview images are made of. An
// unknown look is an *videoagent.Error with EAVATARNOTFOUND.
func (c *Cast) Preview(ctx context.Context, lookID string, fr videoagent.Framing, size image.Point) (*image.RGBA, error) {
	tr, err := c.NewTrack(ctx, videoagent.PresenterRequest{LookID: lookID, Framing: fr, Size: size, FPS: 30, Frames: 1, Seed: 1})
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	Compose(img, image.Point{}, tr.Frame(0))
	return img, nil
}
