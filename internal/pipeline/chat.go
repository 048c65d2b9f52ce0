package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// ErrBusy means the session is rendering a video: the turn must wait until it ends. The
// queue retries the turn a little later, so messages are answered in order.
var ErrBusy = errors.New("the session is rendering; the message waits its turn")

// Conversation runs chat-mode sessions on top of a Pipeline: it answers each user message
// (a turn), asks the questions that are really open, keeps the storyboard under review, and
// starts a render when the user approves or asks for a revision of a finished video.
type Conversation struct {
	P *Pipeline
	// Renders inserts the render job of a video the user approved, in the store
	// transaction that creates the video.
	Renders videoagent.RenderEnqueuer
	// Styles are the styles a user may name.
	Styles []chat.Style
	// Interpreter understands chat messages; nil means the rule-based chat.Interpret.
	// A language-model interpreter goes here (it falls back to the rules itself).
	Interpreter Interpreter
	// Rates knows the voices' speaking rates, for fitting a storyboard to the length the
	// user asked for; nil uses the rates shipped with the program (agent.ShippedRate).
	// Give it the planner's meter so that voices measured at run time count too.
	Rates *agent.RateMeter
	// MissingFacts returns the question to ask before planning when a prompt promises
	// facts it does not give, or ""; nil means agent.MissingFacts.
	MissingFacts func(b videoagent.Brief) string
}

// Interpreter turns one chat message into storyboard edits and a reply (see chat.Interpret
// for the contract). It always returns a Result with a Reply, never an error: an
// interpreter that fails falls back to chat.Interpret and says so in the reply.
type Interpreter interface {
	Interpret(ctx context.Context, msg string, c chat.Context) chat.Result
}

// interpret answers msg with the configured Interpreter, else the rule-based one.
func (c *Conversation) interpret(ctx context.Context, msg string, cctx chat.Context) chat.Result {
	if c.Interpreter != nil {
		return c.Interpreter.Interpret(ctx, msg, cctx)
	}
	return chat.Interpret(msg, cctx)
}

// TurnInput is one user message to answer. An empty MessageID is the session's first turn,
// which answers the prompt itself. AvatarID and VoiceID are choices sent with the message.
type TurnInput struct {
	SessionID, MessageID string
	AvatarID, VoiceID    string
}

// Progress of a chat session while it waits for the user: planned, nothing rendered.
const progressReviewing = 10

// Progress of a chat session that asks a question before planning.
const progressAsking = 5

// factsOptionID is the id of the one option of an open question about missing facts.
const factsOptionID = "facts"

// Turn answers one message. It returns nil when the turn is done (the answer, whatever it
// is, is a message on the session), ErrBusy when the session is rendering, and another error
// when the turn should be tried again.
//
// Every turn posts its answer as its last message, after the session has its new status
// (waiting_for_input, reviewing, generating, ...): until then the newest message is the
// user's, and the session reads as thinking (see http's session view).
func (c *Conversation) Turn(ctx context.Context, in TurnInput) error {
	p := c.P
	se, err := p.Store.SessionByID(ctx, in.SessionID)
	if err != nil {
		if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
			return nil
		}
		return err
	}
	if se.Mode != videoagent.ModeChat {
		return nil
	}
	if se.Status == videoagent.SessionGenerating {
		return ErrBusy
	}
	st, err := p.Store.ChatState(ctx, se.ID)
	if err != nil {
		return err
	}
	var sb *videoagent.Storyboard
	if len(se.Storyboard) > 0 {
		sb = &videoagent.Storyboard{}
		if err := json.Unmarshal(se.Storyboard, sb); err != nil {
			return fmt.Errorf("session %s storyboard: %w", se.ID, err)
		}
	}
	if in.MessageID == "" {
		if sb != nil || len(st.Options) > 0 {
			return nil // the first turn already ran (a retry after a crash)
		}
		return c.start(ctx, se)
	}
	msg, err := p.Store.Message(ctx, se.ID, in.MessageID)
	if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
		return nil // the session was deleted with its messages
	}
	if err != nil {
		return err
	}
	var preset []chat.Op
	if in.AvatarID != "" {
		preset = append(preset, chat.Op{Kind: chat.OpSetAvatar, AvatarID: in.AvatarID})
	}
	if in.VoiceID != "" {
		preset = append(preset, chat.Op{Kind: chat.OpSetVoice, VoiceID: in.VoiceID})
	}
	switch {
	case factsQuestion(st):
		return c.answerFacts(ctx, se, msg.Content, preset)
	case len(st.Options) > 0:
		return c.answerChoice(ctx, se, st, msg.Content, preset)
	case sb == nil: // the first turn failed before it planned; plan now
		return c.start(ctx, se)
	case se.Status == videoagent.SessionReviewing:
		return c.review(ctx, se, sb, msg.Content, preset)
	default:
		return c.reviseFinished(ctx, se, sb, msg.Content, preset)
	}
}

// context is what the interpreter needs to read a message in state.
func (c *Conversation) context(state string, sb *videoagent.Storyboard) chat.Context {
	p := c.P
	return chat.Context{State: state, Storyboard: sb, Looks: p.Presenters.Looks(), Voices: p.Voices.Voices(), Styles: c.Styles}
}

func hasOp(ops []chat.Op, k chat.OpKind) bool {
	for _, o := range ops {
		if o.Kind == k {
			return true
		}
	}
	return false
}

func (c *Conversation) say(ctx context.Context, sessionID, typ, content string, ids []string) {
	c.P.message(ctx, sessionID, typ, content, ids)
}

// failSession ends a session that cannot go on, with a message that says why.
func (c *Conversation) failSession(ctx context.Context, sessionID, why string) {
	st := videoagent.SessionFailed
	if err := c.P.Store.UpdateSession(ctx, sessionID, videoagent.SessionUpdate{Status: &st}); err != nil {
		c.P.log().Error("fail session", "session_id", sessionID, "err", err)
	}
	c.say(ctx, sessionID, videoagent.MessageError, why, nil)
}
