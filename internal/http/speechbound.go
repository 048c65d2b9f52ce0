package http

import (
	"errors"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech"
)

// The bounds of one POST /v3/voices/speech, besides its 5000 characters of text: a few
// characters can be read as much speech ("9999..." digit by digit, SSML pauses), so the
// audio itself is bounded too. The request is refused at once when its estimate is past
// the bound, and synthesis stops there when the estimate was short (the audio goes to a
// spool file as it is made, never all in memory).
const (
	// MaxSpeechAudio bounds the audio of one request.
	MaxSpeechAudio = 10 * time.Minute
	// MaxSpeechBreaks bounds the sum of an SSML document's pauses.
	MaxSpeechBreaks = 2 * time.Minute
	// speechFastestWPM is faster than any voice reads at speed 1: the estimate
	// words / (speechFastestWPM x speed) is short of the real length, so only requests
	// that are surely too long are refused before synthesis.
	speechFastestWPM = 250
)

// checkSpeechEstimate refuses speech whose shortest plausible reading is past
// MaxSpeechAudio, and SSML whose pauses add up past MaxSpeechBreaks.
func checkSpeechEstimate(words float64, breaks time.Duration, speed float64) error {
	if breaks > MaxSpeechBreaks {
		return videoagent.Invalid("text", "The SSML pauses add up to %s; at most %s of <break> is allowed per request.", breaks.Round(time.Second), MaxSpeechBreaks)
	}
	est := time.Duration(words/(speechFastestWPM*speed)*float64(time.Minute)) + breaks
	if est > MaxSpeechAudio {
		return videoagent.Invalid("text", "The text would be read as about %d words, at least %s of audio; one request makes at most %s. Split it into several requests.",
			int(words), est.Round(time.Second), MaxSpeechAudio)
	}
	return nil
}

// speechTooLong is the error of a synthesis stopped at MaxSpeechAudio.
func speechTooLong(err error) error {
	if errors.Is(err, speech.ErrTooLong) {
		return videoagent.Invalid("text", "The text makes more than %s of audio, the limit of one request. Split it into several requests.", MaxSpeechAudio)
	}
	return err
}
