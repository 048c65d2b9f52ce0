package mp4_test

import (
	"errors"
	"log"

	"github.com/openvideoagent/videoagent/mp4"
)

// Join the segments of a render, in play order, with its soundtrack; fall back to another
// joiner for segments it does not copy.
func ExampleJoin() {
	segments := []string{"seg-intro-0-150.mp4", "head-why.mp4", "seg-why-12-300.mp4"}
	err := mp4.Join("video.mp4", segments, "soundtrack.aac")
	if errors.Is(err, mp4.ErrUnsupported) {
		log.Printf("joining with ffmpeg instead: %v", err)
	} else if err != nil {
		log.Fatal(err)
	}
}
