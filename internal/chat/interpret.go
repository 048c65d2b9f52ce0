package chat

import (
	"fmt"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// item is an op with the words the reply uses for it.
type item struct {
	op   Op
	desc string
	// fact marks a line to mention (see parseMention): after a replan it goes into the
	// brief instead of a scene.
	fact bool
}

type interp struct {
	ctx   Context
	state string
	sb    *videoagent.Storyboard
	m     *message
	lang  replyLang // language the message is written in

	items    []item
	replan   Op
	hasPlan  bool
	planDesc []string
	notes    []string
	choice   *Option
	approve  bool
	follow   bool
	thanks   bool
	ack      bool // a plain confirmation ("ok") or praise that is not an approval here
	negative bool // "no", "not yet", "wait"
}

// Interpret reads one user message in a session's context and says what it asks for:
// edit operations, an approval, a choice among offered options, a follow-up video, and
// always a reply to post. It is deterministic and does no I/O. See the package comment for
// how to act on the result.
func Interpret(msg string, ctx Context) Result {
	in := &interp{ctx: ctx, sb: ctx.Storyboard, m: newMessage(msg)}
	in.state = ctx.State
	if in.state == "" {
		in.state = StateReviewing
		if in.sb == nil {
			in.state = StateWaitingForInput
		}
	}
	in.lang = messageLanguage(in.m.orig)
	if strings.TrimSpace(in.m.orig) == "" {
		return in.result()
	}

	in.contentRefs()
	if in.state == StateWaitingForInput {
		in.parseChoice()
	}
	in.parseNewTopic()
	in.parseMention()
	in.parseSceneTitle()
	in.parseMedia()
	in.parseLogoMusic()
	in.parseNarration()
	in.parseReplaceText()
	in.parseAddScene()
	in.parseMentionQuote()
	in.parseRemove()
	in.parseMove()
	in.parseSwap()
	in.parseTitle()
	in.parseCTA()
	in.parseCaptions()
	in.parseOrientation()
	in.parseLanguage()
	in.parseDuration()
	in.parsePresenter()
	in.parseVoice()
	in.parseStyleAndTone()
	in.parseFlags()
	return in.result()
}

func (in *interp) add(op Op, desc string) {
	in.items = append(in.items, item{op: op, desc: desc})
}

func (in *interp) note(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, n := range in.notes {
		if n == s {
			return
		}
	}
	in.notes = append(in.notes, s)
}

func (in *interp) language() string {
	if in.sb != nil && in.sb.Language != "" {
		return in.sb.Language
	}
	if in.ctx.Language != "" {
		return in.ctx.Language
	}
	return "en"
}
