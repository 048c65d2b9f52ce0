package agent

import (
	"math"
	"time"

	"github.com/openvideoagent/videoagent"
)

// Scene lengths the planner aims for: about 10 seconds a scene, never more than 18.
const (
	secondsPerScene    = 10.0
	maxSecondsPerScene = 18.0
	lengthTolerance    = 0.05 // the planner aims within 5%; tests accept 10%
)

// EstimateDuration estimates how long a storyboard will run when read at wpm(language)
// words a minute (nil means DefaultWordsPerMinute), with DefaultScenePause per scene.
// Words are counted as a speech engine says them (see SpokenWords).
func EstimateDuration(sb *videoagent.Storyboard, wpm func(lang string) float64) time.Duration {
	if sb == nil {
		return 0
	}
	rate := wpmFunc(wpm)(sb.Language)
	secs := 0.0
	for _, sc := range sb.Scenes {
		// A scene lasts its speech and pause, or its Duration when that is longer (a card
		// held on screen).
		secs += math.Max(float64(SpokenWords(sc.Narration))/rate*60+DefaultScenePause.Seconds(), sc.Duration)
	}
	return time.Duration(secs * float64(time.Second))
}
