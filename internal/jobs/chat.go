package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/pipeline"
)

// QueueChat is the queue chat turns run on. One worker answers turns in the order they
// were posted, so a session's messages are never answered out of order; a turn is fast
// (understanding and planning), renders run on their own queue.
const QueueChat = "chat"

// TurnArgs is the job that answers one chat message (see pipeline.TurnInput).
type TurnArgs struct {
	SessionID string `json:"session_id"`
	MessageID string `json:"message_id,omitempty"`
	AvatarID  string `json:"avatar_id,omitempty"`
	VoiceID   string `json:"voice_id,omitempty"`
}

// Kind implements river.JobArgs.
func (TurnArgs) Kind() string { return "chat_turn" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (TurnArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueChat, MaxAttempts: 5}
}

type turnWorker struct {
	river.WorkerDefaults[TurnArgs]
	conv *pipeline.Conversation
}

func (w *turnWorker) Timeout(*river.Job[TurnArgs]) time.Duration { return 5 * time.Minute }

func (w *turnWorker) NextRetry(job *river.Job[TurnArgs]) time.Time {
	return time.Now().Add(time.Duration(job.Attempt) * time.Second)
}

func (w *turnWorker) Work(ctx context.Context, job *river.Job[TurnArgs]) error {
	a := job.Args
	err := w.conv.Turn(ctx, pipeline.TurnInput{SessionID: a.SessionID, MessageID: a.MessageID, AvatarID: a.AvatarID, VoiceID: a.VoiceID})
	if errors.Is(err, pipeline.ErrBusy) {
		return river.JobSnooze(time.Second)
	}
	if err != nil && job.Attempt >= job.MaxAttempts && ctx.Err() == nil {
		// Never a silent failure: the session says why this message got no answer.
		w.conv.P.Store.AddMessage(context.WithoutCancel(ctx), &videoagent.Message{
			SessionID: a.SessionID, Role: videoagent.RoleModel, Type: videoagent.MessageError,
			Content: "I could not process your last message because of an internal error; please send it again.",
		})
		return nil
	}
	return err
}

// EnqueueTurn inserts a chat turn in the store's transaction tx.
func (q *Queue) EnqueueTurn(ctx context.Context, tx videoagent.Tx, a TurnArgs) error {
	return q.insertTx(ctx, tx, a)
}

// EnqueueChatTurn is EnqueueTurn with plain arguments (videoagent.Enqueuer).
func (q *Queue) EnqueueChatTurn(ctx context.Context, tx videoagent.Tx, sessionID, messageID, avatarID, voiceID string) error {
	return q.EnqueueTurn(ctx, tx, TurnArgs{SessionID: sessionID, MessageID: messageID, AvatarID: avatarID, VoiceID: voiceID})
}
