package llmtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/openvideoagent/videoagent/internal/llmtest"
)

func client(s *llmtest.Server, key string) openai.Client {
	return openai.NewClient(option.WithBaseURL(s.BaseURL()), option.WithAPIKey(key), option.WithMaxRetries(0))
}

func ask(t *testing.T, c openai.Client, p openai.ChatCompletionNewParams) (*openai.ChatCompletion, error) {
	t.Helper()
	if p.Model == "" {
		p.Model = "m"
	}
	if p.Messages == nil {
		p.Messages = []openai.ChatCompletionMessageParamUnion{openai.SystemMessage("be brief"), openai.UserMessage(`{"n": 1}`)}
	}
	return c.Chat.Completions.New(context.Background(), p)
}

// TestScriptedReplies: queued replies first, in order, then the handler; the official
// SDK reads content, tool calls, finish reasons and usage.
func TestScriptedReplies(t *testing.T) {
	s := llmtest.New(t)
	s.Enqueue(llmtest.Text("first"), llmtest.Call("edit", map[string]any{"x": 1}))
	s.Handle(func(r *llmtest.Request) llmtest.Reply { return llmtest.Text("handled " + r.LastUser()) })
	c := client(s, "")
	var got []string
	for i := 0; i < 3; i++ {
		resp, err := ask(t, c, openai.ChatCompletionNewParams{})
		if err != nil {
			t.Fatal(err)
		}
		ch := resp.Choices[0]
		if len(ch.Message.ToolCalls) > 0 {
			tc := ch.Message.ToolCalls[0]
			if tc.Function.Name != "edit" || tc.Function.Arguments != `{"x":1}` || ch.FinishReason != "tool_calls" || tc.ID == "" {
				t.Errorf("tool call = %+v, finish %q", tc, ch.FinishReason)
			}
			got = append(got, "call")
			continue
		}
		if ch.FinishReason != "stop" || resp.Usage.TotalTokens == 0 || resp.Object != "chat.completion" {
			t.Errorf("response = %+v", resp)
		}
		got = append(got, ch.Message.Content)
	}
	if strings.Join(got, "|") != `first|call|handled {"n": 1}` {
		t.Errorf("replies = %q", got)
	}
	if s.Count() != 3 || s.Last().N != 3 || s.Last().System() != "be brief" {
		t.Errorf("recorded %d requests, last %+v", s.Count(), s.Last())
	}
}

// TestRecordsRequests: the request's response format, schema, tools and messages are
// recorded as sent.
func TestRecordsRequests(t *testing.T) {
	s := llmtest.New(t)
	s.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.Text("{}") })
	_, err := ask(t, client(s, "k"), openai.ChatCompletionNewParams{
		ResponseFormat: openai.ChatCompletionNewParamsResponseFormatUnion{OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{
			JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{Name: "answer", Strict: openai.Bool(true), Schema: map[string]any{"type": "object"}}}},
		Tools: []openai.ChatCompletionToolUnionParam{openai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{Name: "edit"})},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Last()
	if r.ResponseFormat != "json_schema" || r.SchemaName != "answer" || !r.Strict || r.Schema["type"] != "object" ||
		len(r.Tools) != 1 || r.Tools[0] != "edit" || r.Header.Get("Authorization") != "Bearer k" || len(r.Messages) != 2 {
		t.Errorf("recorded %+v", r)
	}
	var v struct{ N int }
	if err := r.DecodeUser(&v); err != nil || v.N != 1 {
		t.Errorf("DecodeUser: %v %v", v, err)
	}
}

// TestErrors: error replies use OpenAI's envelope, with headers; configured rejections
// answer as llama.cpp and LM Studio do; a missing key is 401.
func TestErrors(t *testing.T) {
	s := llmtest.New(t)
	s.Enqueue(llmtest.RateLimited("7"))
	_, err := ask(t, client(s, ""), openai.ChatCompletionNewParams{})
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests || apiErr.Code != "rate_limit_exceeded" ||
		apiErr.Response.Header.Get("Retry-After") != "7" || !strings.Contains(apiErr.Message, "Rate limit") {
		t.Fatalf("429: %v", err)
	}

	s.RejectJSONSchema()
	_, err = ask(t, client(s, ""), openai.ChatCompletionNewParams{ResponseFormat: openai.ChatCompletionNewParamsResponseFormatUnion{
		OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{Name: "x"}}}})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !strings.Contains(string(apiErr.DumpResponse(true)), "Unsupported response_format type: json_schema") {
		t.Errorf("json_schema rejection: %v", err)
	}
	s.RejectTools()
	_, err = ask(t, client(s, ""), openai.ChatCompletionNewParams{Tools: []openai.ChatCompletionToolUnionParam{openai.ChatCompletionFunctionTool(shared.FunctionDefinitionParam{Name: "edit"})}})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 {
		t.Errorf("tools rejection: %v", err)
	}

	s.RequireKey("sk-right")
	_, err = ask(t, client(s, "sk-wrong"), openai.ChatCompletionNewParams{})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Code != "invalid_api_key" {
		t.Errorf("wrong key: %v", err)
	}
	if s.Count() != 4 {
		t.Errorf("%d requests recorded, want the 4 rejected ones too", s.Count())
	}
}

// TestDelay: a slow reply holds the answer back until the client gives up, and the
// server stops waiting then.
func TestDelay(t *testing.T) {
	s := llmtest.New(t)
	s.Enqueue(llmtest.Slow(time.Hour, llmtest.Text("late")), llmtest.Text("on time"))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	c := client(s, "")
	_, err := c.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "m", Messages: []openai.ChatCompletionMessageParamUnion{openai.UserMessage("hi")}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow reply: %v", err)
	}
	resp, err := ask(t, c, openai.ChatCompletionNewParams{})
	if err != nil || resp.Choices[0].Message.Content != "on time" {
		t.Errorf("next reply: %v %v", resp, err)
	}
}

// TestBrokenBody: a raw body is sent as is; the SDK cannot read it.
func TestBrokenBody(t *testing.T) {
	s := llmtest.New(t)
	s.Enqueue(llmtest.Reply{Body: `{"choices": [`})
	if _, err := ask(t, client(s, ""), openai.ChatCompletionNewParams{}); err == nil {
		t.Error("a broken body was read")
	}
	resp, err := http.Post(s.BaseURL()+"/chat/completions", "application/json", strings.NewReader(`{"model": "m", "messages": []}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct {
		Error struct{ Message, Type string }
	}
	if json.NewDecoder(resp.Body).Decode(&e); resp.StatusCode != 400 || e.Error.Type != "invalid_request_error" {
		t.Errorf("empty messages: HTTP %d %+v", resp.StatusCode, e)
	}
}

// TestStoryboard: the written storyboard has the words and scenes asked for.
func TestStoryboard(t *testing.T) {
	raw := llmtest.Storyboard(llmtest.StoryboardSpec{Title: "T", Sentences: []string{"One two three four five.", "Six seven eight."}, Words: 40, Scenes: 4, URL: "https://x.example", Extra: map[string]any{"voice_id": "v"}})
	var sb struct {
		Title   string
		VoiceID string `json:"voice_id"`
		Scenes  []struct {
			Layout, Narration string
			Visual            map[string]any
		}
	}
	if err := json.Unmarshal([]byte(raw), &sb); err != nil {
		t.Fatal(err)
	}
	words := 0
	for _, sc := range sb.Scenes {
		words += len(strings.Fields(sc.Narration))
	}
	if words != 40 || len(sb.Scenes) != 4 || sb.Scenes[0].Layout != "title" || sb.Scenes[3].Visual["kind"] != "cta" || sb.Scenes[3].Visual["url"] != "https://x.example" || sb.VoiceID != "v" {
		t.Errorf("%d words: %s", words, raw)
	}
}
