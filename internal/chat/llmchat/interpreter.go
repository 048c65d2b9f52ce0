// Package llmchat understands chat messages with a language model: it turns free-form
// requests ("add these facts", "say it warmer", "replace scene 3 with a scene about
// pricing", "make the ending a question") into the same typed edits the rule-based
// chat.Interpret makes (chat.Op values), plus a reply.
//
// Exact commands ("looks good", "2", "use Marcus", "remove scene 2") are answered by
// chat.Interpret without a model call. Everything else goes to the model with the
// session state, the storyboard and the catalogue; the model answers by calling the
// function edit_storyboard (or, on servers without tools, with the same JSON object as
// its message). The edits are checked (known kinds, scene ids that exist, ids from the
// catalogue, a dry run of chat.Apply); when the model fails or its edits do not check,
// the rule-based result is used and its reply says so.
package llmchat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/openai/openai-go/v3"

	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// Interpreter answers chat messages with a language model, falling back to
// chat.Interpret. It satisfies pipeline.Interpreter and is safe for concurrent use.
type Interpreter struct {
	client *agent.LLMClient
}

// New returns an Interpreter that asks the model behind client (share the planner's:
// agent.LLMPlanner.Client).
func New(client *agent.LLMClient) *Interpreter {
	return &Interpreter{client: client}
}

// Interpret reads one message in its session context, as chat.Interpret does (see the
// chat package for how to act on the result). It never fails: without a usable model
// answer it returns the rule-based result, with a sentence saying why.
func (in *Interpreter) Interpret(ctx context.Context, msg string, c chat.Context) chat.Result {
	rules := chat.Interpret(msg, c)
	if in == nil || in.client == nil || exact(msg, rules) {
		return rules
	}
	r, err := in.ask(ctx, msg, c)
	if err == nil {
		return r
	}
	if ctx.Err() != nil {
		return rules
	}
	rules.Reply = strings.TrimSpace(rules.Reply + " " + fallbackSentence(err))
	return rules
}

// ask has the model interpret the message and checks its edits.
func (in *Interpreter) ask(ctx context.Context, msg string, c chat.Context) (chat.Result, error) {
	view, err := json.Marshal(newView(msg, c))
	if err != nil {
		return chat.Result{}, fmt.Errorf("encode the session for the model: %w", err)
	}
	ans, err := in.client.Ask(ctx, agent.LLMAsk{
		Messages:    []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(systemPrompt), openai.UserMessage(string(view))},
		Tool:        &EditTool,
		Temperature: 0.2,
	})
	if err != nil {
		return chat.Result{}, err
	}
	raw := ans.ToolArguments
	if strings.TrimSpace(raw) == "" {
		raw = ans.Content
	}
	e, err := decodeEdit(raw)
	if err != nil {
		return chat.Result{}, err
	}
	return e.result(msg, c)
}

// fallbackSentence says why the model's answer was not used.
func fallbackSentence(err error) string {
	why := err.Error()
	var le *agent.LLMError
	if errors.As(err, &le) {
		why = le.Reason()
	}
	if r := []rune(why); len(r) > 160 {
		why = string(r[:160]) + "…"
	}
	return "(The language model's answer could not be used — " + why + " — so I followed the built-in rules.)"
}
