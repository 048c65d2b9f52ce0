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
		{videoagent.Scene{Duration: 2.5}, narr, int((LeadIn+2*time.Second+Tail).Seconds()*30 + 0.999)}, // narration wins
		{videoagent.Scene{Duration: 10}, narr, 300},                                                    // the scene holds to its duration
		{videoagent.Scene{Duration: 8.3}, nil, 249},                                                    // 8.3*30 is 249.00000000000003 in floating point
	}
	for _, c := range cases {
		if got, _ := planFrames(c.scene, c.narr, 30); got != c.frames {
			t.Errorf("planFrames(%+v) = %d, want %d", c.scene, got, c.frames)
		}
	}
	if got, _ := planFrames(videoagent.Scene{Duration: 4.4}, narr, 25); got != 110 { // 4.4*25 is 110.00000000000001
		t.Errorf("4.4 s with a shorter narration at 25 fps: %d frames, want 110", got)
	}
	if got, _ := planFrames(videoagent.Scene{Duration: 2.2}, nil, 25); got != 55 {
		t.Errorf("2.2 s at 25 fps: %d frames, want 55", got)
	}
}
