package agent

import "context"

type notesKey struct{}

// WithNotes returns a context through which planners report what the user should know
// about how their storyboard was made (for example that the language model's output was
// unusable and the built-in planner wrote the script). The pipeline posts each note as a
// model message on the session.
func WithNotes(ctx context.Context, f func(note string)) context.Context {
	return context.WithValue(ctx, notesKey{}, f)
}

// Note reports a note through ctx, if it carries a receiver.
func Note(ctx context.Context, note string) {
	if f, ok := ctx.Value(notesKey{}).(func(string)); ok && f != nil {
		f(note)
	}
}
