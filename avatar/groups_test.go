package avatar

import (
	"context"
	"image"
	"testing"

	"github.com/openvideoagent/videoagent"
)

func TestGroups(t *testing.T) {
	c := New()
	gs := c.Groups()
	n := 0
	for _, g := range gs {
		if name, ok := c.GroupName(g.ID); !ok || name != g.Name || g.Name == "" {
			t.Errorf("GroupName(%s) = %q %v, want %q", g.ID, name, ok, g.Name)
		}
		if len(g.LookIDs) == 0 || g.Gender == "" || g.DefaultVoiceID == "" {
			t.Errorf("incomplete group %+v", g)
		}
		for _, id := range g.LookIDs {
			l, err := c.Look(id)
			if err != nil || l.GroupID != g.ID {
				t.Errorf("group %s look %s: %+v %v", g.ID, id, l, err)
			}
		}
		n += len(g.LookIDs)
	}
	if n != len(c.Looks()) {
		t.Errorf("groups hold %d looks, the cast %d", n, len(c.Looks()))
	}
	if _, ok := c.GroupName("nobody"); ok {
		t.Error("GroupName(nobody) exists")
	}
}

// TestPreviewEveryLook renders the preview image of every look: the presenter fills the
// centre of the box, the background around it is transparent.
func TestPreviewEveryLook(t *testing.T) {
	c := New()
	size := image.Pt(512, 768)
	for _, l := range c.Looks() {
		img, err := c.Preview(context.Background(), l.ID, videoagent.FramingWaistUp, size)
		if err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		if img.Rect.Size() != size {
			t.Errorf("%s: preview is %v, want %v", l.ID, img.Rect.Size(), size)
		}
		for _, p := range []image.Point{{0, 0}, {size.X - 1, 0}, {0, size.Y / 2}, {size.X - 1, size.Y / 2}} {
			if a := img.RGBAAt(p.X, p.Y).A; a != 0 {
				t.Errorf("%s: background at %v has alpha %d", l.ID, p, a)
			}
		}
		opaque := 0
		for y := 0; y < size.Y; y++ {
			if img.RGBAAt(size.X/2, y).A == 255 {
				opaque++
			}
		}
		if opaque < size.Y/2 {
			t.Errorf("%s: %d of %d centre pixels opaque", l.ID, opaque, size.Y)
		}
	}
	if _, err := c.Preview(context.Background(), "nobody", videoagent.FramingWaistUp, size); err == nil || videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Errorf("unknown look: %v", err)
	}
}
