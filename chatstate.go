package videoagent

import "context"

// ChatState is what a chat-mode session remembers between turns: the open question's
// options, and whether the user asked to stop the running render.
type ChatState struct {
	// Options are the choices of an open question (status waiting_for_input), each also a
	// session resource the question's message points at.
	Options       []ChatOption `json:"options,omitempty"`
	StopRequested bool         `json:"stop_requested,omitempty"`
}

// ChatOption is one choice of an open question: a presenter, a voice or a style.
type ChatOption struct {
	ID          string `json:"id"` // the look, voice or style id
	Name        string `json:"name"`
	Kind        string `json:"kind"` // "avatar" | "voice" | "style"
	Description string `json:"description,omitempty"`
	ResourceID  string `json:"resource_id,omitempty"`
}

// ChatStore is what chat mode needs beyond the Store's basics: messages that commit with the
// job that answers them, videos that commit with their render job, and the chat state.
type ChatStore interface {
	// PostMessage stores a user message and runs enqueue (the turn's job) in the same
	// transaction.
	PostMessage(ctx context.Context, m *Message, enqueue func(tx Tx) error) error
	// Message returns one message of a session, or ENOTFOUND.
	Message(ctx context.Context, sessionID, id string) (*Message, error)
	// CreateVideo stores a new video of a session, makes it the session's video, and runs
	// enqueue (its render job) in the same transaction.
	CreateVideo(ctx context.Context, v *Video, enqueue func(tx Tx) error) error
	// ChatState reads and SetChatState replaces a session's chat state.
	ChatState(ctx context.Context, sessionID string) (ChatState, error)
	SetChatState(ctx context.Context, sessionID string, st ChatState) error
}
