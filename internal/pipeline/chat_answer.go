package pipeline

import (
	"context"
	"fmt"
	"math"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// answerChoice answers a message while a question with options (a presenter) is open:
// a choice writes the storyboard, anything else asks again.
func (c *Conversation) answerChoice(ctx context.Context, se *videoagent.Session, st videoagent.ChatState, text string, preset []chat.Op) error {
	cctx := c.context(chat.StateWaitingForInput, nil)
	for _, o := range st.Options {
		cctx.Options = append(cctx.Options, chat.Option{ID: o.ID, Name: o.Name, Kind: chat.OptionKind(o.Kind), Description: o.Description})
	}
	r := c.interpret(ctx, text, cctx)
	ops := append(preset, r.Ops...)
	if r.Choice == "" && !hasOp(ops, chat.OpSetAvatar) && !hasOp(ops, chat.OpSetVoice) {
		// No choice yet; what else was said ("and make it 30 seconds", "mention that
		// ...") is kept for the plan, as the reply promises.
		if len(ops) > 0 {
			brief := chat.ReviseBrief(se.Brief, nil, ops)
			if err := c.P.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
				return err
			}
		}
		c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
		return nil
	}
	brief := chat.ReviseBrief(se.Brief, nil, ops)
	for _, o := range st.Options {
		if o.ID == r.Choice {
			switch chat.OptionKind(o.Kind) {
			case chat.OptionAvatar:
				brief.AvatarID = o.ID
			case chat.OptionVoice:
				brief.VoiceID = o.ID
			case chat.OptionStyle:
				brief.StyleID = o.ID
			}
		}
	}
	if err := c.closeQuestion(ctx, se, brief); err != nil {
		return err
	}
	brief, err := c.withMaterials(ctx, se, brief)
	if err != nil {
		return c.failed(ctx, se, err)
	}
	return c.draft(ctx, se, brief, r.Reply)
}

// answerFacts answers the question about missing facts: the answer goes into the brief's
// prompt as facts (or, "skip", the script is written without them), then the session goes
// on as it would have without the question.
func (c *Conversation) answerFacts(ctx context.Context, se *videoagent.Session, text string, preset []chat.Op) error {
	brief := chat.ReviseBrief(se.Brief, nil, preset)
	note := "Thanks — I'll use that."
	if facts, skip := chat.AnswerFacts(text); skip {
		note = "OK — I'll write it without them."
	} else {
		brief = chat.AddFacts(brief, facts)
	}
	if err := c.closeQuestion(ctx, se, brief); err != nil {
		return err
	}
	brief, err := c.withMaterials(ctx, se, brief)
	if err != nil {
		return c.failed(ctx, se, err)
	}
	return c.proceed(ctx, se, brief, note)
}

// closeQuestion keeps the brief the answer made and closes the question, so that a turn
// tried again after a fault plans from the answer instead of asking again.
func (c *Conversation) closeQuestion(ctx context.Context, se *videoagent.Session, brief videoagent.Brief) error {
	se.Brief = brief
	if err := c.P.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
		return err
	}
	return c.P.Store.SetChatState(ctx, se.ID, videoagent.ChatState{})
}

// review answers a message about the storyboard under review: edits make a new draft,
// an approval renders it.
func (c *Conversation) review(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, text string, preset []chat.Op) error {
	cctx := c.context(chat.StateReviewing, sb)
	cctx.CurrentSec = chat.Estimate(sb, c.rate(sb))
	r := c.interpret(ctx, text, cctx)
	r.Ops = append(preset, r.Ops...)
	next, changed, notes, err := c.revise(ctx, se, sb, r)
	if err != nil {
		c.say(ctx, se.ID, videoagent.MessageText, "I couldn't make that change: "+videoagent.ErrorMessage(err)+" The storyboard is unchanged.", nil)
		return nil
	}
	switch {
	case r.Approve:
		return c.renderDraft(ctx, se, next, changed, joinNotes(r.Reply, notes))
	case changed:
		return c.saveDraft(ctx, se, next, joinNotes(r.Reply, notes))
	}
	c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
	return nil
}

// reviseFinished answers a message after a video completed or failed: a revision or a
// follow-up makes a new video.
func (c *Conversation) reviseFinished(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, text string, preset []chat.Op) error {
	cctx := c.context(chat.StateCompleted, sb)
	if v, err := c.P.Store.VideoByID(ctx, se.VideoID); err == nil && v.Duration > 0 {
		cctx.CurrentSec = v.Duration
	} else {
		cctx.CurrentSec = chat.Estimate(sb, c.rate(sb))
	}
	r := c.interpret(ctx, text, cctx)
	r.Ops = append(preset, r.Ops...)
	next, changed, notes, err := c.revise(ctx, se, sb, r)
	if err != nil {
		c.say(ctx, se.ID, videoagent.MessageText, "I couldn't make that change: "+videoagent.ErrorMessage(err), nil)
		return nil
	}
	if !changed && !r.FollowUp && !r.Approve {
		c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
		return nil
	}
	return c.renderDraft(ctx, se, next, changed, joinNotes(r.Reply, notes))
}

// revise applies what the user asked for to the storyboard: a re-plan when the script must
// be rewritten (length, tone, language, a new topic), fitted to the length asked for, then
// the direct edits. Lines to mention also go into the session's brief, so that a later
// re-plan keeps them.
func (c *Conversation) revise(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, r chat.Result) (*videoagent.Storyboard, bool, []string, error) {
	p := c.P
	base, replanned := sb, false
	var notes []string
	_, replan := r.Replan()
	if replan || hasOp(r.Ops, chat.OpAddLine) {
		brief := chat.ReviseBrief(se.Brief, sb, r.Ops)
		if replan {
			full, err := c.withMaterials(ctx, se, brief)
			if err != nil {
				return nil, false, nil, err
			}
			planned, pnotes, err := c.plan(ctx, full)
			if err != nil {
				return nil, false, nil, err
			}
			notes = append(pnotes, c.lengthNote(planned, brief)...)
			base, replanned = chat.CarryOver(sb, planned), true
		}
		se.Brief = brief
		if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
			return nil, false, nil, err
		}
	}
	next, ch, err := chat.Apply(base, r.Ops)
	if err != nil {
		return nil, false, nil, err
	}
	changed := replanned || len(ch.Changed)+len(ch.Added)+len(ch.Removed)+len(ch.Global) > 0 || ch.Reordered
	return next, changed, notes, nil
}

// lengthNote says, when a re-plan asked for a length, that the new storyboard runs
// another length than promised (a planner that does not invent facts may have too little
// to say), so that the reply and the storyboard agree.
func (c *Conversation) lengthNote(sb *videoagent.Storyboard, brief videoagent.Brief) []string {
	target := float64(brief.DurationSec)
	if target <= 0 {
		return nil
	}
	est := chat.Estimate(sb, c.rate(sb))
	if math.Abs(est-target) <= target*chat.LengthTolerance {
		return nil
	}
	why := "there is no more to say without inventing facts; tell me more (\"mention that ...\") and I'll add it"
	if est > target {
		why = "it can't be cut further without losing what it must say"
	}
	return []string{fmt.Sprintf("Note: it runs about %d seconds, not %d: %s.", int(math.Round(est)), brief.DurationSec, why)}
}
