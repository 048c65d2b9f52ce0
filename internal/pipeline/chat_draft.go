package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// draft plans a storyboard for the brief (at the length it asks for) and puts it up for
// review; note opens the message.
func (c *Conversation) draft(ctx context.Context, se *videoagent.Session, brief videoagent.Brief, note string) error {
	p := c.P
	sb, notes, err := c.plan(ctx, brief)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var f *videoagent.Failure
		if errors.As(err, &f) {
			c.failSession(ctx, se.ID, f.Message)
			return nil
		}
		c.failSession(ctx, se.ID, "Planning the storyboard failed: "+videoagent.ErrorMessage(err))
		return nil
	}
	se.Brief = brief
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
		return err
	}
	return c.saveDraft(ctx, se, sb, joinNotes(note, notes))
}

// joinNotes puts the planner's notes after the reply, one a line.
func joinNotes(reply string, notes []string) string {
	parts := append([]string{reply}, notes...)
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// plan writes a storyboard for the brief with the planner, casts it, and fits it to the
// length the brief asks for (see fitPlan). It returns the notes the planner gave about the
// storyboard (agent.Note), for the message that presents it.
func (c *Conversation) plan(ctx context.Context, brief videoagent.Brief) (*videoagent.Storyboard, []string, error) {
	sb, notes, err := c.planOnce(ctx, brief, brief)
	if err != nil {
		return nil, nil, err
	}
	if brief.DurationSec > 0 {
		return c.fitPlan(ctx, brief, sb, notes)
	}
	return sb, notes, nil
}

// planOnce plans ask and casts the result for brief, collecting the planner's notes.
func (c *Conversation) planOnce(ctx context.Context, ask, brief videoagent.Brief) (*videoagent.Storyboard, []string, error) {
	var notes []string
	pctx := agent.WithNotes(ctx, func(n string) { notes = append(notes, n) })
	sb, err := c.P.Planner.Plan(pctx, ask)
	if err != nil {
		return nil, nil, err
	}
	if err := c.P.cast(sb, brief); err != nil {
		return nil, nil, err
	}
	return sb, notes, nil
}

// replans is how many more times a planner is asked for a script of another length when
// its first one is off the target.
const replans = 2

// fitPlan brings sb, planned for brief, to brief.DurationSec as read by its voice (see
// chat.Estimate): a script too short or too long by more than chat.LengthTolerance is
// planned again with the target scaled by how far off it was (a planner does not know
// every engine's pauses), and what is still too long is cut (chat.FitLength, which leaves
// out and never writes). The brief itself keeps the user's target.
func (c *Conversation) fitPlan(ctx context.Context, brief videoagent.Brief, sb *videoagent.Storyboard, notes []string) (*videoagent.Storyboard, []string, error) {
	target := float64(brief.DurationSec)
	rate := c.rate(sb)
	est := chat.Estimate(sb, rate)
	ask := brief
	for i := 0; i < replans && math.Abs(est-target) > target*chat.LengthTolerance; i++ {
		next := clampSec(float64(ask.DurationSec) * target / est)
		if next == ask.DurationSec {
			break
		}
		ask.DurationSec = next
		again, againNotes, err := c.planOnce(ctx, ask, brief)
		if err != nil {
			return nil, nil, err
		}
		if e := chat.Estimate(again, rate); math.Abs(e-target) < math.Abs(est-target) {
			sb, est, notes = again, e, againNotes
		}
	}
	out, _ := chat.FitLength(sb, target, rate)
	return out, notes, nil
}

// clampSec rounds s to a length a brief may ask for: 5 to 1800 seconds.
func clampSec(s float64) int {
	return int(math.Max(5, math.Min(1800, math.Round(s))))
}

// rate is how the storyboard's voice speaks: its rate from Rates (or the table shipped
// with the program), else the zero Rate (the planner's defaults).
func (c *Conversation) rate(sb *videoagent.Storyboard) agent.Rate {
	v, err := c.P.Voices.Voice(sb.VoiceID)
	if err != nil {
		return agent.Rate{}
	}
	if c.Rates != nil {
		r, _ := c.Rates.Lookup(v)
		return r
	}
	r, _ := agent.ShippedRate(v)
	return r
}

// storeDraft makes sb the session's current storyboard (and a draft resource) without
// changing its status; it returns the resource's id.
func (c *Conversation) storeDraft(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard) (string, error) {
	p := c.P
	if err := sb.Validate(); err != nil {
		return "", videoagent.Failf(videoagent.FailPlanning, err, "The revised storyboard is invalid: %s", videoagent.ErrorMessage(err))
	}
	raw, err := json.Marshal(sb)
	if err != nil {
		return "", err
	}
	res := &videoagent.Resource{SessionID: se.ID, ResourceType: "draft", SourceType: "generated", Metadata: raw}
	if err := p.Store.CreateResource(ctx, res); err != nil {
		return "", err
	}
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Storyboard: raw, Title: &sb.Title}); err != nil {
		return "", err
	}
	se.Storyboard = raw
	return res.ID, nil
}

// saveDraft stores the storyboard as the session's current draft, sets the session to
// reviewing, and posts the draft with a note (what changed) for review.
func (c *Conversation) saveDraft(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, note string) error {
	id, err := c.storeDraft(ctx, se, sb)
	if err != nil {
		return err
	}
	status := videoagent.SessionReviewing
	if err := c.P.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Status: &status, Progress: videoagent.Ptr(progressReviewing)}); err != nil {
		return err
	}
	se.Status = status
	text := c.storyboardLine(sb) + " Tell me what to change, or say \"looks good\" to render it."
	if note != "" {
		text = note + "\n" + text
	}
	c.say(ctx, se.ID, videoagent.MessageResource, text, []string{id})
	return nil
}

// renderDraft starts rendering sb (stored as the new draft first when changed) and then
// says so: reply (what was understood), and for a changed storyboard what it now is.
func (c *Conversation) renderDraft(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, changed bool, reply string) error {
	var ids []string
	if changed {
		id, err := c.storeDraft(ctx, se, sb)
		if err != nil {
			return err
		}
		ids = []string{id}
	}
	if err := c.render(ctx, se, sb); err != nil {
		return err
	}
	typ, text := videoagent.MessageText, reply
	if changed {
		typ = videoagent.MessageResource
		text = joinNotes(reply, []string{c.storyboardLine(sb) + " Rendering it now; I'll tell you when the video is ready."})
	}
	c.say(ctx, se.ID, typ, text, ids)
	return nil
}

// storyboardLine describes a storyboard in a message: title, scenes, estimated length.
func (c *Conversation) storyboardLine(sb *videoagent.Storyboard) string {
	return fmt.Sprintf("Storyboard %q: %s, about %d seconds.", sb.Title, sceneCount(len(sb.Scenes)), int(math.Round(chat.Estimate(sb, c.rate(sb)))))
}

// sceneCount is "1 scene" or "n scenes", for messages.
func sceneCount(n int) string {
	if n == 1 {
		return "1 scene"
	}
	return fmt.Sprintf("%d scenes", n)
}

// render starts a new video of the session from sb.
func (c *Conversation) render(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard) error {
	p := c.P
	v := &videoagent.Video{ID: videoagent.NewID(), AccountID: se.AccountID, SessionID: se.ID, Status: videoagent.VideoPending, Title: sb.Title}
	if err := p.Store.CreateVideo(ctx, v, func(tx videoagent.Tx) error { return c.Renders.EnqueueRender(ctx, tx, v.ID) }); err != nil {
		return err
	}
	status := videoagent.SessionGenerating
	se.Status = status
	return p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Status: &status, Progress: videoagent.Ptr(progressPlanned)})
}
