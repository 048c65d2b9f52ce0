package render

import (
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

func TestPlanFrames(t *testing.T) {
	narr := &videoagent.Narration{SampleRate: 1000, Samples: make([]int16, 2000)} // 2 s
	cases := []struct {
		scene  videoagent.Scene
		narr   *videoagent.Narration
		frames int
	}{
		{videoagent.Scene{}, nil, 90},              // silent: SilentScene, 3 s
		{videoagent.Scene{Duration: 1.5}, nil, 45}, // silent with a duration
		{videoagent.Scene{Duration: 0.01}, nil, 1}, // never zero frames
		{videoagent.Scene{Duration: 10}, narr, int((LeadIn+2*time.Second+Tail).Seconds()*30 + 0.999)}, // narration wins
	}
	for _, c := range cases {
		if got, _ := planFrames(c.scene, c.narr, 30); got != c.frames {
			t.Errorf("planFrames(%+v) = %d, want %d", c.scene, got, c.frames)
		}
	}
}
