package pipeline

import "time"

// Observer learns how each video ended, for metrics. Its methods must be quick and safe to
// call from several render workers at once.
type Observer interface {
	// VideoCompleted is told the finished video's length in seconds, the renderer's time
	// and the whole run's time (planning, speech, render, publish).
	VideoCompleted(videoSeconds float64, render, total time.Duration)
	// VideoFailed is told the failure_code of a failed video.
	VideoFailed(code string)
}
