package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"

	"github.com/openvideoagent/videoagent"
)

// LLMOptions configure an LLMPlanner (and an LLMClient). One configuration serves every
// OpenAI-compatible server: OpenAI, Ollama, llama.cpp server, vLLM, LM Studio.
type LLMOptions struct {
	// BaseURL is the OpenAI-compatible API base, e.g. "https://api.openai.com/v1",
	// "http://localhost:11434/v1" (Ollama) or "http://localhost:8080/v1" (llama.cpp).
	BaseURL string
	// Model is the model name the server knows, e.g. "gpt-4o-mini" or "llama3.1:8b".
	Model string
	// APIKey is sent as a bearer token; empty sends none (Ollama and llama.cpp need
	// none).
	APIKey string
	// Cast, Styles and Resolution are as in Options.
	Cast       func(ctx context.Context, b videoagent.Brief, lang string) (Casting, error)
	Styles     []Style
	Resolution string
	// Fallback writes the storyboard when the model fails; nil means the built-in
	// planner with the same Cast, Styles and Resolution.
	Fallback videoagent.Planner
	// Timeout bounds one model request; 0 means DefaultLLMTimeout.
	Timeout time.Duration
	// RateLimitWait bounds the total wait for a rate-limiting server (429) before the
	// planner falls back; 0 means DefaultRateLimitWait. RateLimitRetries is how often it
	// asks again after a 429; 0 means DefaultRateLimitRetries.
	RateLimitWait    time.Duration
	RateLimitRetries int
	// HTTPClient is used for requests; nil means the SDK's default client.
	HTTPClient *http.Client
}

// LLMPlanner writes storyboards with a language model behind any OpenAI-compatible chat
// completions endpoint, language model first:
//
//   - It sends the brief as a JSON request (LLMRequest) with the length in words at the
//     voice's measured rate, and the files' text fenced as data (FenceFile); long files
//     are first summarised by the model part by part.
//   - It asks for the storyboard in StoryboardSchema (structured output, with the
//     fallbacks LLMClient describes), checks the answer (Storyboard.Validate, asset
//     ids, links, the length at the voice's rate), and asks once for a repair with what
//     is wrong.
//   - When the model still fails, or cannot be asked (timeout, rate limit, server
//     down), the built-in planner writes the storyboard and a note (see Note) says why
//     in plain words.
//
// Settings never come from the model: language, aspect ratio, style, presenter and
// voice are the brief's and the analysis', whatever the model (or a file) says. Every
// text of a model storyboard records SourceModel provenance.
type LLMPlanner struct {
	opt    LLMOptions
	client *LLMClient
	local  *Planner // for casting and style
}

var _ videoagent.Planner = (*LLMPlanner)(nil)

// NewLLMPlanner returns an LLMPlanner.
func NewLLMPlanner(opt LLMOptions) *LLMPlanner {
	local := NewPlanner(Options{Cast: opt.Cast, Styles: opt.Styles, Resolution: opt.Resolution})
	if opt.Fallback == nil {
		opt.Fallback = local
	}
	return &LLMPlanner{opt: opt, client: NewLLMClient(opt), local: local}
}

// Client is the planner's model client; a chat interpreter may share it (and what it
// learned about the server).
func (p *LLMPlanner) Client() *LLMClient { return p.client }

// Plan implements videoagent.Planner.
func (p *LLMPlanner) Plan(ctx context.Context, b videoagent.Brief) (*videoagent.Storyboard, error) {
	bf, err := p.local.begin(ctx, b, DefaultWordsPerMinute)
	if err != nil {
		return nil, err
	}
	a, cast, wpm := &bf.a, bf.cast, bf.wpm
	req := llmRequest(b, a, wpm, cast.Overhead.Seconds())
	files, err := p.llmFiles(ctx, b, &req)
	if err != nil {
		return nil, err
	}
	check := &llmCheck{
		base:    bf.sb,
		assets:  llmAssets(b),
		sources: linkSources(b),
		target:  float64(a.LengthSec), wpm: wpm, overhead: cast.Overhead.Seconds(), words: req.NarrationWords,
	}

	user, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("llm planner: encode request: %w", err)
	}
	msgs := []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(llmSystemPrompt), openai.UserMessage(string(user))}
	if files != "" {
		msgs = append(msgs, openai.UserMessage(files))
	}
	sb, note, err := p.write(ctx, msgs, check)
	if err != nil {
		return nil, err
	}
	if sb != nil {
		if note != "" {
			Note(ctx, note)
		}
		return sb, nil
	}
	Note(ctx, note)
	return p.opt.Fallback.Plan(asFallback(ctx), b)
}

// write asks for the storyboard and, once, for its repair. It returns the storyboard,
// or nil and a note saying in plain words why the model's could not be used; err only
// when ctx ends.
func (p *LLMPlanner) write(ctx context.Context, msgs []openai.ChatCompletionMessageParamUnion, check *llmCheck) (*videoagent.Storyboard, string, error) {
	const builtin = " The built-in planner wrote this storyboard instead."
	ask := LLMAsk{Messages: msgs, Schema: &StoryboardSchema, Temperature: 0.2}
	ans, err := p.client.Ask(ctx, ask)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		return nil, "The language model could not write the storyboard: " + reason(err) + "." + builtin, nil
	}
	sb, bad := check.storyboard(ans)
	if bad == nil {
		return sb, "", nil
	}
	// One repair: the model sees its answer and what is wrong with it.
	ask.Messages = append(append([]openai.ChatCompletionMessageParamUnion(nil), msgs...),
		openai.AssistantMessage(ans.Content), openai.UserMessage(fmt.Sprintf(llmRepairPrompt, bad.Error())))
	ans, err = p.client.Ask(ctx, ask)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		return nil, "The language model's storyboard could not be used (" + clipReason(bad.Error()) + "), and the repair request failed: " + reason(err) + "." + builtin, nil
	}
	if sb, err = check.storyboard(ans); err != nil {
		return nil, "The language model's storyboard could not be used (" + clipReason(err.Error()) + "), even after one repair attempt." + builtin, nil
	}
	return sb, "The language model's first storyboard was invalid (" + clipReason(bad.Error()) + "); it was repaired on the second try.", nil
}

// reason says in plain words why a model request failed.
func reason(err error) string {
	var le *LLMError
	if errors.As(err, &le) {
		return le.Reason()
	}
	return clipReason(err.Error())
}

// linkSources is the text links in a storyboard may come from: the prompt, the memory
// and the files, normalised as normLink does.
func linkSources(b videoagent.Brief) string {
	var s strings.Builder
	s.WriteString(b.Prompt)
	for _, f := range b.Memory {
		s.WriteString(" " + f.Value)
	}
	for _, m := range b.Materials {
		s.WriteString(" " + m.Text)
	}
	return strings.NewReplacer("https://", "", "http://", "", "www.", "").Replace(strings.ToLower(s.String()))
}
