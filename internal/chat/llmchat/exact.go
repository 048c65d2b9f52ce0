package llmchat

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent/internal/chat"
)

// Limits of an exact command, in words outside quotations and links.
const (
	maxCommandWords = 8 // a command the rules understood: "use Marcus instead"
	maxChoiceWords  = 6 // an approval or a choice: "looks good, go ahead!", "let's go with Mei, please"
	maxAckWords     = 3 // thanks or a plain "ok"
)

var (
	reQuoted = regexp.MustCompile(`"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|\S+://\S+`)
	// reJoin finds a second request in a message: "use Marcus and make the ending a
	// question" (but not "swap scenes 2 and 3").
	reJoin      = regexp.MustCompile(`(?i)[,;]|\b(and|also|then|plus|but|y|también|luego|und|auch|dann|aber|et|aussi|puis|mais)\b`)
	reNumberAnd = regexp.MustCompile(`(?i)\d+\s*(,|and|y|und|et)\s*\d+`)
)

// exact reports whether the rule-based result answers the message with certainty, so
// that no model call is needed: a short approval, choice or acknowledgement, or a
// single short command whose ops carry no text the rules made up — settings (presenter,
// voice, style, orientation, captions, music, logo, length, language), scene removal,
// moves and media, and texts the user quoted word for word.
func exact(msg string, r chat.Result) bool {
	if !r.Understood {
		return false
	}
	plain := reQuoted.ReplaceAllString(msg, " ")
	words := len(strings.Fields(plain))
	switch {
	case r.Approve || r.Choice != "":
		return words <= maxChoiceWords
	case len(r.Ops) == 0:
		return words <= maxAckWords
	case words > maxCommandWords || reJoin.MatchString(reNumberAnd.ReplaceAllString(plain, " ")):
		return false
	}
	for _, op := range r.Ops {
		if !exactOp(msg, op) {
			return false
		}
	}
	return true
}

// exactOp reports whether an op says only what the message says.
func exactOp(msg string, op chat.Op) bool {
	verbatim := func(s string) bool { return s == "" || strings.Contains(msg, s) }
	switch op.Kind {
	case chat.OpSetAvatar, chat.OpSetVoice, chat.OpSetStyle, chat.OpSetAspect, chat.OpSetCaptions, chat.OpSetMusic,
		chat.OpSetLogo, chat.OpRemoveScene, chat.OpMoveScene, chat.OpSwapScenes, chat.OpSetMedia:
		return true
	case chat.OpReplan:
		// A new tone is a rewrite the model does better, scene by scene.
		return op.Tone == ""
	case chat.OpSetNarration, chat.OpAddLine, chat.OpSetSceneTitle, chat.OpSetTitle, chat.OpSetCTA, chat.OpReplaceText:
		return verbatim(op.Text) && verbatim(op.Old) && verbatim(op.URL)
	case chat.OpAddScene:
		// A scene about a topic gets a drafted line; the model writes a real one.
		return op.Text != "" && verbatim(op.Text)
	}
	return false
}
