package agent

import (
	"testing"

	"github.com/openvideoagent/videoagent"
)

// TestFillSlide: the slide seen in a real video, titled "Shared boards" with the single
// bullet "Shared boards", gets the scene's other points instead.
func TestFillSlide(t *testing.T) {
	v := fillSlide(videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Shared boards", Bullets: []string{"Shared boards"}},
		[]line{{text: "The first highlight is shared boards.", bullet: "Shared boards"}},
		[]line{{text: "It saves time every day.", bullet: "Saves time every day"}, {text: "It stays out of your way.", bullet: "Out of your way"}}, "Boardly")
	if v.Kind != videoagent.VisualBullets || len(v.Bullets) != 2 || v.Bullets[0] != "Saves time every day" {
		t.Fatalf("slide = %+v", v)
	}
	v = fillSlide(videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Shared boards", Bullets: []string{"shared boards."}}, nil, nil, "Boardly")
	if v.Kind != videoagent.VisualTitle || v.Subtitle != "Boardly" || len(v.Bullets) != 0 {
		t.Fatalf("slide = %+v", v)
	}
}
