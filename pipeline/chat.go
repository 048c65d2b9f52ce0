package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/chat"
)

// ErrBusy means the session is rendering a video: the turn must wait until it ends. The
// queue retries the turn a little later, so messages are answered in order.
var ErrBusy = errors.New("the session is rendering; the message waits its turn")

// Conversation runs chat-mode sessions on top of a Pipeline: it answers each user message
// (a turn), asks the questions that are really open, keeps the storyboard under review, and
// starts a render when the user approves or asks for a revision of a finished video.
type Conversation struct {
	P *Pipeline
	// EnqueueRender inserts a render job for a video in the store transaction that creates
	// the video.
	EnqueueRender func(ctx context.Context, tx videoagent.Tx, videoID string) error
	// Styles are the styles a user may name.
	Styles []chat.Style
	// Interpreter understands chat messages; nil means the rule-based chat.Interpret.
	// A language-model interpreter goes here (it falls back to the rules itself).
	Interpreter Interpreter
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

// Turn answers one message. It returns nil when the turn is done (the answer, whatever it
// is, is a message on the session), ErrBusy when the session is rendering, and another error
// when the turn should be tried again.
func (c *Conversation) Turn(ctx context.Context, in TurnInput) error {
	p := c.P
	se, err := p.Store.Session(ctx, "", in.SessionID)
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
	cctx := chat.Context{Storyboard: sb, Looks: p.Presenters.Looks(), Voices: p.Voices.Voices(), Styles: c.Styles}
	var preset []chat.Op
	if in.AvatarID != "" {
		preset = append(preset, chat.Op{Kind: chat.OpSetAvatar, AvatarID: in.AvatarID})
	}
	if in.VoiceID != "" {
		preset = append(preset, chat.Op{Kind: chat.OpSetVoice, VoiceID: in.VoiceID})
	}

	switch {
	case len(st.Options) > 0: // a question is open
		cctx.State = chat.StateWaitingForInput
		for _, o := range st.Options {
			cctx.Options = append(cctx.Options, chat.Option{ID: o.ID, Name: o.Name, Kind: o.Kind, Description: o.Description})
		}
		r := c.interpret(ctx, msg.Content, cctx)
		ops := append(preset, r.Ops...)
		if r.Choice == "" && !hasOp(ops, chat.OpSetAvatar) && !hasOp(ops, chat.OpSetVoice) {
			c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
			return nil
		}
		brief := chat.ReviseBrief(se.Brief, nil, ops)
		for _, o := range st.Options {
			if o.ID == r.Choice {
				switch o.Kind {
				case chat.OptionAvatar:
					brief.AvatarID = o.ID
				case chat.OptionVoice:
					brief.VoiceID = o.ID
				case chat.OptionStyle:
					brief.StyleID = o.ID
				}
			}
		}
		if err := p.Store.SetChatState(ctx, se.ID, videoagent.ChatState{}); err != nil {
			return err
		}
		c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
		return c.draft(ctx, se, brief)

	case sb == nil: // the first turn failed before it planned; plan now
		return c.start(ctx, se)

	case se.Status == videoagent.SessionReviewing:
		cctx.State = chat.StateReviewing
		r := c.interpret(ctx, msg.Content, cctx)
		r.Ops = append(preset, r.Ops...)
		next, changed, err := c.revise(ctx, se, sb, r)
		if err != nil {
			c.say(ctx, se.ID, videoagent.MessageText, "I couldn't make that change: "+videoagent.ErrorMessage(err)+" The storyboard is unchanged.", nil)
			return nil
		}
		if changed {
			if err := c.saveDraft(ctx, se, next, r.Reply); err != nil {
				return err
			}
		} else {
			c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
		}
		if r.Approve {
			return c.render(ctx, se, next)
		}
		return nil

	default: // completed or failed: a revision or follow-up makes a new video
		cctx.State = chat.StateCompleted
		if v, err := p.Store.VideoByID(ctx, se.VideoID); err == nil && v.Duration > 0 {
			cctx.CurrentSec = v.Duration
		}
		r := c.interpret(ctx, msg.Content, cctx)
		r.Ops = append(preset, r.Ops...)
		next, changed, err := c.revise(ctx, se, sb, r)
		if err != nil {
			c.say(ctx, se.ID, videoagent.MessageText, "I couldn't make that change: "+videoagent.ErrorMessage(err), nil)
			return nil
		}
		if !changed && !r.FollowUp && !r.Approve {
			c.say(ctx, se.ID, videoagent.MessageText, r.Reply, nil)
			return nil
		}
		if err := c.saveDraft(ctx, se, next, r.Reply); err != nil {
			return err
		}
		return c.render(ctx, se, next)
	}
}

func hasOp(ops []chat.Op, k chat.OpKind) bool {
	for _, o := range ops {
		if o.Kind == k {
			return true
		}
	}
	return false
}

// start answers the prompt: it asks who should present when nothing in the request says,
// and otherwise writes the storyboard for review.
func (c *Conversation) start(ctx context.Context, se *videoagent.Session) error {
	brief, err := c.P.prepare(ctx, se)
	if err != nil {
		var f *videoagent.Failure
		if errors.As(err, &f) {
			c.failSession(ctx, se.ID, f.Message)
			return nil
		}
		return err
	}
	if brief.AvatarID == "" && brief.VoiceID == "" && !c.namesALook(brief.Prompt) {
		return c.askPresenter(ctx, se, brief)
	}
	return c.draft(ctx, se, brief)
}

// namesALook reports whether the prompt names a presenter of the cast ("with Marcus").
func (c *Conversation) namesALook(prompt string) bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(prompt), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
		words[w] = true
	}
	for _, l := range c.P.Presenters.Looks() {
		name := strings.ToLower(strings.Fields(l.Name + " x")[0])
		if words[name] {
			return true
		}
	}
	return false
}

// askPresenter offers four presenters, one per person, each a resource with a preview
// picture, and waits for the user's choice.
func (c *Conversation) askPresenter(ctx context.Context, se *videoagent.Session, brief videoagent.Brief) error {
	p := c.P
	seen := map[string]bool{}
	var looks []videoagent.Look
	for _, l := range p.Presenters.Looks() {
		if !seen[l.GroupID] && len(looks) < 4 {
			seen[l.GroupID] = true
			looks = append(looks, l)
		}
	}
	var st videoagent.ChatState
	var ids []string
	var lines []string
	for i, l := range looks {
		key, err := c.lookPreview(ctx, l.ID)
		if err != nil {
			p.log().Warn("option preview", "look", l.ID, "err", err)
		}
		desc := l.Gender + " presenter"
		if len(l.Tags) > 0 {
			desc = strings.Join(l.Tags, ", ") + ", " + desc
		}
		md, _ := json.Marshal(map[string]any{"avatar_id": l.ID, "name": l.Name, "gender": l.Gender, "default_voice_id": l.DefaultVoiceID})
		res := &videoagent.Resource{SessionID: se.ID, ResourceType: "avatar", SourceType: "catalog", BlobKey: key, Metadata: md}
		if err := p.Store.CreateResource(ctx, res); err != nil {
			return err
		}
		ids = append(ids, res.ID)
		st.Options = append(st.Options, videoagent.ChatOption{ID: l.ID, Name: l.Name, Kind: chat.OptionAvatar, Description: desc, ResourceID: res.ID})
		lines = append(lines, fmt.Sprintf("%d. %s (%s)", i+1, l.Name, desc))
	}
	if err := p.Store.SetChatState(ctx, se.ID, st); err != nil {
		return err
	}
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
		return err
	}
	c.say(ctx, se.ID, videoagent.MessageText, "Who should present this video?\n"+strings.Join(lines, "\n")+
		"\nReply with a number or a name, or say \"you choose\".", ids)
	st2 := videoagent.SessionWaitingForInput
	return p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Status: &st2, Progress: videoagent.Ptr(5)})
}

var previewMu sync.Mutex

// lookPreview stores (once) a PNG of a look at rest and returns its blob key.
func (c *Conversation) lookPreview(ctx context.Context, lookID string) (string, error) {
	key := "previews/options/" + lookID + ".png"
	previewMu.Lock()
	defer previewMu.Unlock()
	if b, err := c.P.Blobs.Open(ctx, key); err == nil {
		b.Close()
		return key, nil
	}
	size := image.Pt(384, 512)
	tr, err := c.P.Presenters.Track(ctx, videoagent.PresenterRequest{LookID: lookID, Framing: videoagent.FramingWaistUp, Size: size, FPS: 25, Frames: 1})
	if err != nil {
		return "", err
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	for _, l := range tr.Frame(0) {
		draw.Draw(img, l.Image.Bounds().Add(l.At), l.Image, l.Image.Bounds().Min, draw.Over)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return key, c.P.Blobs.Put(ctx, key, &buf)
}

// draft plans a storyboard for the brief and puts it up for review.
func (c *Conversation) draft(ctx context.Context, se *videoagent.Session, brief videoagent.Brief) error {
	p := c.P
	sb, err := p.Planner.Plan(ctx, brief)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.failSession(ctx, se.ID, "Planning the storyboard failed: "+videoagent.ErrorMessage(err))
		return nil
	}
	if err := p.cast(sb, brief); err != nil {
		var f *videoagent.Failure
		if errors.As(err, &f) {
			c.failSession(ctx, se.ID, f.Message)
			return nil
		}
		return err
	}
	se.Brief = brief
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
		return err
	}
	return c.saveDraft(ctx, se, sb, "")
}

// saveDraft stores the storyboard as the session's current draft, posts it for review with
// a note (what changed), and sets the session to reviewing unless it is about to render.
func (c *Conversation) saveDraft(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, note string) error {
	p := c.P
	if err := sb.Validate(); err != nil {
		return videoagent.Failf(videoagent.FailPlanning, err, "The revised storyboard is invalid: %s", videoagent.ErrorMessage(err))
	}
	raw, err := json.Marshal(sb)
	if err != nil {
		return err
	}
	res := &videoagent.Resource{SessionID: se.ID, ResourceType: "draft", SourceType: "generated", Metadata: raw}
	if err := p.Store.CreateResource(ctx, res); err != nil {
		return err
	}
	status := videoagent.SessionReviewing
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Storyboard: raw, Title: &sb.Title, Status: &status, Progress: videoagent.Ptr(progressReviewing)}); err != nil {
		return err
	}
	se.Storyboard, se.Status = raw, status
	text := fmt.Sprintf("Storyboard %q: %d scenes. Tell me what to change, or say \"looks good\" to render it.", sb.Title, len(sb.Scenes))
	if note != "" {
		text = note + "\n" + text
	}
	c.say(ctx, se.ID, videoagent.MessageResource, text, []string{res.ID})
	return nil
}

// revise applies what the user asked for to the storyboard: a re-plan when the script must
// be rewritten (length, tone, language, a new topic), then the direct edits.
func (c *Conversation) revise(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, r chat.Result) (*videoagent.Storyboard, bool, error) {
	p := c.P
	base, replanned := sb, false
	if _, ok := r.Replan(); ok {
		brief := chat.ReviseBrief(se.Brief, sb, r.Ops)
		planned, err := p.Planner.Plan(ctx, brief)
		if err != nil {
			return nil, false, err
		}
		if err := p.cast(planned, brief); err != nil {
			return nil, false, err
		}
		base, replanned = chat.CarryOver(sb, planned), true
		se.Brief = brief
		if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief}); err != nil {
			return nil, false, err
		}
	}
	next, ch, err := chat.Apply(base, r.Ops)
	if err != nil {
		return nil, false, err
	}
	changed := replanned || len(ch.Changed)+len(ch.Added)+len(ch.Removed)+len(ch.Global) > 0 || ch.Reordered
	return next, changed, nil
}

// render starts a new video of the session from sb.
func (c *Conversation) render(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard) error {
	p := c.P
	v := &videoagent.Video{ID: videoagent.NewID(), AccountID: se.AccountID, SessionID: se.ID, Status: videoagent.VideoPending, Title: sb.Title}
	if err := p.Store.CreateVideo(ctx, v, func(tx videoagent.Tx) error { return c.EnqueueRender(ctx, tx, v.ID) }); err != nil {
		return err
	}
	status := videoagent.SessionGenerating
	return p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Status: &status, Progress: videoagent.Ptr(progressPlanned)})
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

// errStopped is the cause of a render cancelled by the user.
var errStopped = errors.New("stopped by the user")

// stopPoll is how often a running render checks whether the user asked to stop.
const stopPoll = 250 * time.Millisecond

// RunStoppable runs a render like Pipeline.Run, but halts it at the next checkpoint when the
// user asks to stop (POST .../stop): the video then fails with failure_code "stopped", the
// storyboard and the scenes already rendered are kept (the segment cache), and the session
// returns to review with a message that says so.
func (c *Conversation) RunStoppable(ctx context.Context, videoID string) error {
	p := c.P
	v, err := p.Store.VideoByID(ctx, videoID)
	if err != nil || v.SessionID == "" {
		return p.Run(ctx, videoID)
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(stopPoll)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if st, err := p.Store.ChatState(ctx, v.SessionID); err == nil && st.StopRequested {
					cancel(errStopped)
					return
				}
			}
		}
	}()
	err = p.Run(runCtx, videoID)
	close(done)
	if !errors.Is(context.Cause(runCtx), errStopped) || ctx.Err() != nil {
		return err
	}
	bg := context.WithoutCancel(ctx)
	if err := p.Store.SetChatState(bg, v.SessionID, videoagent.ChatState{}); err != nil {
		return err
	}
	msg := "Stopped as you asked. The storyboard is kept, and so is every scene already rendered: finishing later renders only the rest. Say \"go ahead\" to render it again, or tell me what to change."
	now := time.Now()
	if err := p.Store.UpdateVideo(bg, videoID, videoagent.VideoUpdate{
		Status: videoagent.Ptr(videoagent.VideoFailed), FailureCode: videoagent.Ptr(videoagent.FailStopped),
		FailureMessage: videoagent.Ptr("Stopped at the user's request before the render finished."), CompletedAt: &now,
	}); err != nil {
		return err
	}
	status := videoagent.SessionReviewing
	if err := p.Store.UpdateSession(bg, v.SessionID, videoagent.SessionUpdate{Status: &status}); err != nil {
		return err
	}
	c.say(bg, v.SessionID, videoagent.MessageText, msg, nil)
	return nil
}

// Stop asks the session's running render to halt at its next checkpoint. It reports whether
// a render was running.
func (c *Conversation) Stop(ctx context.Context, sessionID string) (bool, error) {
	se, err := c.P.Store.Session(ctx, "", sessionID)
	if err != nil {
		return false, err
	}
	if se.Status != videoagent.SessionGenerating {
		return false, nil
	}
	st, err := c.P.Store.ChatState(ctx, sessionID)
	if err != nil {
		return false, err
	}
	st.StopRequested = true
	return true, c.P.Store.SetChatState(ctx, sessionID, st)
}
