package agent

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"
	"github.com/openvideoagent/videoagent/internal/httpx"
)

// Defaults of the client's waiting.
const (
	// DefaultLLMTimeout bounds one model request.
	DefaultLLMTimeout = 2 * time.Minute
	// DefaultRateLimitWait is the most the client waits in total for a rate-limiting
	// server (429) before it gives up.
	DefaultRateLimitWait = 20 * time.Second
	// DefaultRateLimitRetries is how many times it asks again after a 429.
	DefaultRateLimitRetries = 2
	// serverErrorPause is the pause before the one retry after a 5xx answer.
	serverErrorPause = 500 * time.Millisecond
	// defaultRateLimitPause is the wait after a 429 that does not say how long.
	defaultRateLimitPause = time.Second
)

// LLMClient sends chat-completions requests to one OpenAI-compatible server (OpenAI,
// Ollama, llama.cpp server, vLLM, LM Studio) with the policy the planner and the chat
// interpreter share. The SDK's own retries are off; the client:
//
//   - bounds each request by the timeout (an *LLMError of kind LLMTimeout);
//   - on 429 waits as Retry-After (seconds or an HTTP date) or Retry-After-Ms says, at
//     most RateLimitRetries times and RateLimitWait in total, then gives up
//     (LLMRateLimited) — at once if the server asks for more than that;
//   - retries a 5xx answer once, after a short pause;
//   - asks for structured output with response_format json_schema; when the server
//     rejects that (an error mentioning response_format or json_schema, as llama.cpp and
//     older servers answer), it remembers and uses json_object, and after that no
//     response_format at all; tools, temperature and seed rejected the same way are
//     remembered and left out too.
//
// It is safe for concurrent use.
type LLMClient struct {
	model   string
	base    string
	timeout time.Duration
	maxWait time.Duration
	retries int
	client  openai.Client

	mu      sync.Mutex
	format  llmFormat // the richest response_format the server has not rejected
	noTools bool      // the server rejected tools
	// noTemperature and noSeed: the model rejected these sampling parameters (OpenAI's
	// reasoning models take no temperature).
	noTemperature, noSeed bool
}

// llmFormat is how a request asks for JSON.
type llmFormat int

const (
	formatSchema llmFormat = iota // response_format json_schema
	formatObject                  // response_format json_object
	formatText                    // no response_format; the prompt asks for JSON
)

var formatNames = [...]string{"json_schema", "json_object", "text"}

// NewLLMClient returns a client for opt.BaseURL and opt.Model. OPENAI_* environment
// variables are not used: the key is opt.APIKey alone (empty sends none, as Ollama and
// llama.cpp need).
func NewLLMClient(opt LLMOptions) *LLMClient {
	c := &LLMClient{model: opt.Model, base: opt.BaseURL, timeout: opt.Timeout, maxWait: opt.RateLimitWait, retries: opt.RateLimitRetries}
	if c.timeout <= 0 {
		c.timeout = DefaultLLMTimeout
	}
	if c.maxWait <= 0 {
		c.maxWait = DefaultRateLimitWait
	}
	if c.retries <= 0 {
		c.retries = DefaultRateLimitRetries
	}
	opts := []option.RequestOption{
		option.WithBaseURL(opt.BaseURL),
		option.WithAPIKey(opt.APIKey),
		option.WithAdminAPIKey(""),
		option.WithHeaderDel("OpenAI-Organization"),
		option.WithHeaderDel("OpenAI-Project"),
		option.WithMaxRetries(0),
		option.WithMiddleware(traceMiddleware),
	}
	if opt.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(opt.HTTPClient))
	}
	c.client = openai.NewClient(opts...)
	return c
}

// Timeout is the limit of one request.
func (c *LLMClient) Timeout() time.Duration { return c.timeout }

// LLMSchema is a JSON Schema the answer (or a tool's arguments) must follow.
type LLMSchema struct {
	// Name is the schema's or the function's name: a-z, A-Z, 0-9, _ and -.
	Name        string
	Description string
	// Schema is the JSON Schema, strict-mode compatible (every object lists all its
	// properties as required and sets additionalProperties false).
	Schema map[string]any
}

// LLMAsk is one question to the model.
type LLMAsk struct {
	Messages []openai.ChatCompletionMessageParamUnion
	// Schema, when set, asks for a JSON object in this schema (see LLMClient for how
	// servers without structured outputs are asked).
	Schema *LLMSchema
	// Tool, when set, offers one function the model must call (tool_choice "required").
	// A server without tools is asked again with Tool as the response's Schema, and the
	// answer comes back as Content.
	Tool *LLMSchema
	// Temperature of the sampling; 0 is allowed.
	Temperature float64
}

// LLMAnswer is the model's answer.
type LLMAnswer struct {
	// Content is the message text.
	Content string
	// ToolArguments are the JSON arguments of the model's call of LLMAsk.Tool, if it
	// called it.
	ToolArguments string
	// Truncated is set when the answer was cut off at the token limit.
	Truncated bool
	// Format is how JSON was asked for: "json_schema", "json_object", "text", or
	// "tools".
	Format string
}

// Ask sends the question and returns the answer, retrying as described on LLMClient.
// Errors are *LLMError, or the context's error when ctx ends.
func (c *LLMClient) Ask(ctx context.Context, ask LLMAsk) (LLMAnswer, error) {
	waited, rateRetries, serverRetried := time.Duration(0), 0, false
	for {
		c.mu.Lock()
		format, tools, temp, seed := c.format, ask.Tool != nil && !c.noTools, !c.noTemperature, !c.noSeed
		c.mu.Unlock()
		schema := ask.Schema
		if ask.Tool != nil && !tools {
			schema = ask.Tool
		}
		ans, err := c.once(ctx, ask, request{schema: schema, format: format, tools: tools, temperature: temp, seed: seed})
		if err == nil {
			return ans, nil
		}
		var le *LLMError
		if !errors.As(err, &le) {
			return LLMAnswer{}, err
		}
		switch {
		case tools && c.rejected(le, "tool", "function"):
			c.mu.Lock()
			c.noTools = true
			c.mu.Unlock()
			continue
		case schema != nil && format < formatText && c.rejected(le, "response_format", formatNames[format]):
			c.mu.Lock()
			if c.format <= format {
				c.format = format + 1
			}
			c.mu.Unlock()
			continue
		case temp && c.rejected(le, "temperature"):
			c.mu.Lock()
			c.noTemperature = true
			c.mu.Unlock()
			continue
		case seed && c.rejected(le, "'seed'", "\"seed\"", "seed parameter", "unsupported parameter: seed"):
			c.mu.Lock()
			c.noSeed = true
			c.mu.Unlock()
			continue
		case le.Kind == LLMRateLimited:
			wait := le.Wait
			if wait <= 0 {
				wait = defaultRateLimitPause << rateRetries
			}
			if rateRetries >= c.retries || waited+wait > c.maxWait {
				le.Retries = rateRetries
				return LLMAnswer{}, le
			}
			if err := sleepCtx(ctx, wait); err != nil {
				return LLMAnswer{}, err
			}
			waited += wait
			rateRetries++
			continue
		case le.Kind == LLMHTTPError && le.Status >= 500 && !serverRetried:
			serverRetried = true
			if err := sleepCtx(ctx, serverErrorPause); err != nil {
				return LLMAnswer{}, err
			}
			continue
		}
		return LLMAnswer{}, le
	}
}

// rejected reports whether a failed request's error says the server does not support
// a feature of the request: a 4xx or 5xx (not 429) whose message names one of words.
func (c *LLMClient) rejected(e *LLMError, words ...string) bool {
	if e.Kind != LLMHTTPError || e.Status < 400 || e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden {
		return false
	}
	msg := strings.ToLower(e.Message)
	for _, w := range words {
		if strings.Contains(msg, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// request is how one request asks: the schema of the answer (nil for text), how it
// asks for JSON, whether with the tool, temperature and seed.
type request struct {
	schema                   *LLMSchema
	format                   llmFormat
	tools, temperature, seed bool
}

// once sends one request.
func (c *LLMClient) once(ctx context.Context, ask LLMAsk, rq request) (LLMAnswer, error) {
	p := openai.ChatCompletionNewParams{Model: shared.ChatModel(c.model), Messages: ask.Messages}
	if rq.temperature {
		p.Temperature = openai.Float(ask.Temperature)
	}
	if rq.seed {
		p.Seed = openai.Int(7)
	}
	schema, format := rq.schema, rq.format
	used := "text"
	switch {
	case rq.tools:
		p.Tools = []openai.ChatCompletionToolUnionParam{openai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{
			Name: ask.Tool.Name, Description: openai.String(ask.Tool.Description),
			Parameters: shared.FunctionParameters(ask.Tool.Schema), Strict: openai.Bool(true),
		})}
		p.ToolChoice = openai.ChatCompletionToolChoiceOptionUnionParam{OfAuto: openai.String("required")}
		used = "tools"
	case schema != nil && format == formatSchema:
		p.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{
			JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{
				Name: schema.Name, Description: openai.String(schema.Description), Strict: openai.Bool(true), Schema: schema.Schema,
			}}}
		used = formatNames[format]
	case schema != nil && format == formatObject:
		p.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{OfJSONObject: &shared.ResponseFormatJSONObjectParam{}}
		used = formatNames[format]
	}

	tr := &llmTrace{}
	actx, cancel := context.WithTimeout(context.WithValue(ctx, traceKey{}, tr), c.timeout)
	defer cancel()
	resp, err := c.client.Chat.Completions.New(actx, p)
	if err != nil {
		return LLMAnswer{}, c.classify(ctx, actx, err, tr)
	}
	if len(resp.Choices) == 0 {
		return LLMAnswer{}, &LLMError{Kind: LLMBadResponse, Server: c.base, Message: "no choices"}
	}
	ch := resp.Choices[0]
	if r := strings.TrimSpace(ch.Message.Refusal); r != "" {
		return LLMAnswer{}, &LLMError{Kind: LLMRefused, Server: c.base, Message: clipReason(r)}
	}
	ans := LLMAnswer{Content: ch.Message.Content, Truncated: ch.FinishReason == "length", Format: used}
	if ask.Tool != nil {
		for _, tc := range ch.Message.ToolCalls {
			if tc.Function.Name == ask.Tool.Name {
				ans.ToolArguments = tc.Function.Arguments
				break
			}
		}
	}
	if strings.TrimSpace(ans.Content) == "" && strings.TrimSpace(ans.ToolArguments) == "" {
		return LLMAnswer{}, &LLMError{Kind: LLMEmpty, Server: c.base}
	}
	return ans, nil
}

// classify turns a failed request into an *LLMError (or ctx's error when the caller
// gave up).
func (c *LLMClient) classify(ctx, actx context.Context, err error, tr *llmTrace) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		return &LLMError{Kind: LLMTimeout, Server: c.base, Timeout: c.timeout, Err: err}
	}
	status, msg, header := tr.status, serverMessage(tr.body), tr.header
	var apiErr *openai.Error
	if status == 0 && errors.As(err, &apiErr) {
		status, msg = apiErr.StatusCode, clipReason(apiErr.Message)
		if apiErr.Response != nil {
			header = apiErr.Response.Header
		}
	}
	switch {
	case status == http.StatusTooManyRequests && !strings.Contains(strings.ToLower(msg), "quota"):
		// (A 429 for an exhausted quota does not pass with waiting: it is reported as is.)
		e := &LLMError{Kind: LLMRateLimited, Server: c.base, Status: status, Message: msg, Err: err}
		if header != nil {
			e.Wait, _ = retryAfter(header, time.Now())
		}
		return e
	case status >= 400:
		return &LLMError{Kind: LLMHTTPError, Server: c.base, Status: status, Message: msg, Err: err}
	}
	var ne net.Error
	var oe *net.OpError
	if errors.As(err, &oe) || (errors.As(err, &ne) && !ne.Timeout()) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &LLMError{Kind: LLMUnreachable, Server: c.base, Err: err}
	}
	return &LLMError{Kind: LLMBadResponse, Server: c.base, Message: clipReason(err.Error()), Err: err}
}

// llmTrace is what traceMiddleware saw of the HTTP answer: the SDK turns some error
// bodies (vLLM's, LM Studio's, plain text) into errors without the status.
type llmTrace struct {
	status int
	header http.Header
	body   []byte
}

type traceKey struct{}

func traceMiddleware(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
	resp, err := next(req)
	tr, ok := req.Context().Value(traceKey{}).(*llmTrace)
	if !ok || err != nil || resp == nil {
		return resp, err
	}
	tr.status, tr.header = resp.StatusCode, resp.Header.Clone()
	if resp.StatusCode >= 400 {
		body, rerr := httpx.KeepBody(resp)
		if rerr != nil {
			return nil, rerr
		}
		tr.body = body
	}
	return resp, nil
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
