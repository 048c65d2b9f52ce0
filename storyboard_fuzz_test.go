package videoagent_test

import (
	"encoding/json"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// FuzzStoryboardValidate feeds arbitrary JSON to the storyboard decoder and validator: no
// input may panic, a rejection is always an invalid_parameter error naming a field, and an
// accepted storyboard has a frame size and survives a JSON round trip.
func FuzzStoryboardValidate(f *testing.F) {
	f.Add([]byte(`{"version":1,"title":"T","language":"en","aspect_ratio":"16:9","resolution":"720p","fps":30,"scenes":[{"id":"s1","layout":"title","narration":"Hi.","visual":{"kind":"title","title":"T"}}]}`))
	f.Add([]byte(`{"title":"T","aspect_ratio":"9:16","resolution":"4k","fps":25,"scenes":[{"id":"a","layout":"presenter_left","visual":{"kind":"bullets","bullets":["x","y"]},"transition":"wipe"},{"id":"a","layout":"slide"}]}`))
	f.Add([]byte(`{"title":"","scenes":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var sb videoagent.Storyboard
		if err := json.Unmarshal(data, &sb); err != nil {
			return
		}
		err := sb.Validate()
		if err != nil {
			if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) == "" {
				t.Fatalf("rejection %v is not an invalid_parameter naming a field", err)
			}
			return
		}
		w, h, err := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
		if err != nil || w <= 0 || h <= 0 || w%2 != 0 || h%2 != 0 {
			t.Fatalf("valid storyboard has frame size %dx%d, %v", w, h, err)
		}
		raw, err := json.Marshal(&sb)
		if err != nil {
			t.Fatal(err)
		}
		var again videoagent.Storyboard
		if err := json.Unmarshal(raw, &again); err != nil {
			t.Fatal(err)
		}
		if err := again.Validate(); err != nil {
			t.Fatalf("round trip made a valid storyboard invalid: %v", err)
		}
	})
}
