package videoagent

import "context"

// RenderEnqueuer inserts render jobs. The job commits with the store transaction that
// creates its video, so that a video is never stored without the job that renders it.
type RenderEnqueuer interface {
	// EnqueueRender inserts the job that renders videoID in the store transaction tx.
	EnqueueRender(ctx context.Context, tx Tx, videoID string) error
}

// Enqueuer inserts the jobs the API starts: renders, and the turns that answer chat
// messages. The job queue implements it; the API and the chat conversation are given it.
type Enqueuer interface {
	RenderEnqueuer
	// EnqueueChatTurn inserts the job that answers a chat message (messageID "" answers
	// the session's prompt), with the avatar and voice sent along, if any.
	EnqueueChatTurn(ctx context.Context, tx Tx, sessionID, messageID, avatarID, voiceID string) error
}
