package chat

import "strings"

// reSkipFacts is an answer that declines to give the facts asked for.
var reSkipFacts = rx(`^\s*(?:no|nope|nah|none|skip(?:\s+(?:it|this|that))?|pass|no\s+thanks|not\s+now|leave\s+it(?:\s+out)?|without(?:\s+them)?|just\s+(?:make|write|go|do)\s+it|go\s+(?:ahead|on)|you\s+(?:decide|choose|pick)|make\s+(?:them|it)\s+up|i\s+don't\s+know|don't\s+know|whatever|n/a|sáltalo|omítelo|no\s+sé|überspringen|weiter|weiß\s+nicht|passe|je\s+ne\s+sais\s+pas)\b[\s.!,]*(?:please|thanks|thank\s+you|por\s+favor|bitte|merci)?[\s.!]*$`)

// AnswerFacts reads the answer to a question about missing facts (OptionFacts): the facts
// to add to the brief (see AddFacts), in the user's words, or skip when the user declines
// ("skip", "no", "just make it", "you decide"): then the storyboard is written without
// them.
func AnswerFacts(msg string) (facts string, skip bool) {
	if reSkipFacts.MatchString(msg) {
		return "", true
	}
	return strings.TrimSpace(msg), false
}
