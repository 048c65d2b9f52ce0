package chat

import (
	"regexp"
	"strings"
)

// reTopicBefore marks words before a length that make it the length of something else:
// "an explainer about 10-minute workouts".
var reTopicBefore = regexp.MustCompile(`(?i)\b(?:about|on|of|for|with|from|regarding|sobre|über|für|sur|pour)\b`)

// promptLengthWords is how many words may come before the length in a prompt's opening
// ("Please make me a short 10-second ...").
const promptLengthWords = 6

// PromptLength returns the length in seconds a prompt asks for in its opening words ("a
// 10-second hello from a bakery", "30 seconds on our pricing", "Make a 2 minute
// explainer"), or 0 when its opening states none. "Under a minute" is 54 and "at least 30
// seconds" 33, as in a chat message. A length after the topic ("a video about 10-minute
// workouts") is the topic's, not the video's.
func PromptLength(prompt string) int {
	m := newMessage(prompt)
	loc := reDurAbs.FindStringSubmatchIndex(m.w)
	if loc == nil {
		return 0
	}
	before := m.w[:loc[0]]
	if q := strings.ToLower(strings.TrimSpace(group(m.w, loc, 1))); q == "about" && strings.TrimSpace(before) != "" {
		before += " about" // "an explainer about 10-minute workouts"
	}
	if strings.ContainsAny(before, ".!?\n") || len(strings.Fields(before)) > promptLengthWords || reTopicBefore.MatchString(before) {
		return 0
	}
	if strings.TrimSpace(group(m.w, loc, 6)) != "" { // "10 seconds shorter" is no length
		return 0
	}
	v := durationAt(m.w, loc)
	if v <= 0 {
		return 0
	}
	switch q := strings.ToLower(strings.TrimSpace(group(m.w, loc, 1))); {
	case q == "":
	case reAtLeast.MatchString(q):
		v *= 1.1
	case reAbout.MatchString(q):
	default:
		v *= 0.9
	}
	return clampSec(v)
}
