package pipeline

import (
	"context"
	"errors"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// errStopped is the cause of a render cancelled by the user.
var errStopped = errors.New("stopped by the user")

// stopPoll is how often a running render checks whether the user asked to stop.
const stopPoll = 250 * time.Millisecond

// RunStoppable runs a render like Pipeline.Run, but halts it at the next checkpoint when the
// user asks to stop (POST .../stop): the video then fails with failure_code "stopped" and
// the scenes already rendered are kept (the segment cache). A chat session returns to
// review with its storyboard, and says that "go ahead" renders it again (a message it
// accepts). A generate-mode session takes no messages, so it ends (failed, as its video)
// and says to send the request again instead.
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
	se, err := p.Store.SessionByID(bg, v.SessionID)
	if err != nil {
		return err
	}
	msg := "Stopped as you asked. The storyboard is kept, and so is every scene already rendered: finishing later renders only the rest. Say \"go ahead\" to render it again, or tell me what to change."
	status := videoagent.SessionReviewing
	if se.Mode != videoagent.ModeChat {
		msg = "Stopped as you asked; this video will not be finished. To make it, send the request again (POST /v3/video-agents): the scenes already rendered are kept, and a render of the same storyboard reuses them."
		status = videoagent.SessionFailed
	}
	now := time.Now()
	if err := p.Store.UpdateVideo(bg, videoID, videoagent.VideoUpdate{
		Status: videoagent.Ptr(videoagent.VideoFailed), FailureCode: videoagent.Ptr(videoagent.FailStopped),
		FailureMessage: videoagent.Ptr("Stopped at the user's request before the render finished."), CompletedAt: &now,
	}); err != nil {
		return err
	}
	if err := p.Store.UpdateSession(bg, v.SessionID, videoagent.SessionUpdate{Status: &status}); err != nil {
		return err
	}
	if status == videoagent.SessionFailed {
		p.emit(bg, se, videoID, false, nil, &videoagent.Failure{Code: videoagent.FailStopped, Message: "Stopped at the user's request before the render finished."})
	}
	c.say(bg, v.SessionID, videoagent.MessageText, msg, nil)
	return nil
}

// Stop asks the session's running render to halt at its next checkpoint. It reports whether
// a render was running.
func (c *Conversation) Stop(ctx context.Context, sessionID string) (bool, error) {
	se, err := c.P.Store.SessionByID(ctx, sessionID)
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
