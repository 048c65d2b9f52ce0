package render

import (
	"fmt"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// A tall card beside the presenter in a wide frame is laid out above the burned-in
// captions: no line of its text lies under a caption of two lines (the third of three long
// bullets did, hidden while it was said). Without captions it may take the whole slot.
func TestCardTextClearOfCaptions(t *testing.T) {
	t.Parallel()
	r := New(Options{})
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	v := videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Harbor Bikes", Bullets: []string{
		"We now offer same-day puncture repair for 12 pounds", "A full service costs 55 pounds and includes new brake pads",
		"Students get 10% off with a valid card"}}
	cue := Cue{Lines: []string{"pounds and includes new brake pads, and", "students get 10% off with a valid card."}}
	for _, res := range []string{"720p", "1080p"} {
		for _, l := range []string{videoagent.LayoutPresenterLeft, videoagent.LayoutPresenterRight} {
			W, H, _ := videoagent.FrameSize("16:9", res)
			lay := func(captions bool) *sceneLayout {
				return layoutScene(layoutInput{w: W, h: H, style: DefaultStyle(), fonts: fonts, hasPresenter: true, captions: captions,
					scene: videoagent.Scene{ID: "x", Layout: l, Visual: v}})
			}
			name := fmt.Sprintf("%s %s", res, l)
			sc := lay(true)
			band := sc.captionSprites([]Cue{cue})[0].bounds()
			for _, r := range sc.textRects {
				if r.Overlaps(band) {
					t.Errorf("%s: text at %v lies under the caption at %v", name, r, band)
				}
			}
			if bare := lay(false); textBottom(bare.textRects) <= band.Min.Y {
				t.Errorf("%s: without captions the bullets end at %d, above where the caption would be (%d): the test shows nothing",
					name, textBottom(bare.textRects), band.Min.Y)
			}
		}
	}
}
