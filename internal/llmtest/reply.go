package llmtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// BrokenJSON is an answer a model gives when it chats instead of answering in JSON, cut
// off in the middle.
const BrokenJSON = "Sure! Here is your storyboard: {\"title\": \"oops\", \"scenes\": ["

// Reply is one scripted answer. The zero value is an empty 200 answer.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Header are extra response headers, e.g. Retry-After.
	Header map[string]string
	// Delay holds the answer back (the server stops waiting when the client gives up).
	Delay time.Duration
	// Content is the assistant message's text; ToolCalls are its function calls.
	Content   string
	ToolCalls []ToolCall
	// Refusal is the assistant's refusal text, as OpenAI sends for refused requests.
	Refusal string
	// FinishReason is "stop" by default, "tool_calls" when there are tool calls; set
	// "length" for an answer cut off at max_tokens.
	FinishReason string
	// Error is sent as the error envelope {"error": {...}}; Status defaults to 400.
	Error *Error
	// Body, when set, is sent as the response body as is (broken JSON, or another
	// server's error format), with Status.
	Body string
}

// Error is the error object of OpenAI's error envelope.
type Error struct {
	Message string
	Type    string
	Code    string
	Param   string
}

func (e Error) envelope() map[string]any {
	m := map[string]any{"message": e.Message, "type": e.Type, "param": nil, "code": nil}
	if e.Param != "" {
		m["param"] = e.Param
	}
	if e.Code != "" {
		m["code"] = e.Code
	}
	return m
}

// Text is a reply whose message content is s.
func Text(s string) Reply { return Reply{Content: s} }

// JSON is a reply whose message content is v as JSON.
func JSON(v any) Reply {
	b, err := json.Marshal(v)
	if err != nil {
		panic("llmtest.JSON: " + err.Error())
	}
	return Reply{Content: string(b)}
}

// Call is a reply in which the model calls the function name with args (marshalled as
// JSON unless it is a string already).
func Call(name string, args any) Reply {
	s, ok := args.(string)
	if !ok {
		b, err := json.Marshal(args)
		if err != nil {
			panic("llmtest.Call: " + err.Error())
		}
		s = string(b)
	}
	return Reply{ToolCalls: []ToolCall{{Name: name, Arguments: s}}}
}

// Fail is an error reply with OpenAI's envelope and the type and code OpenAI uses for
// the status.
func Fail(status int, message string) Reply {
	e := Error{Message: message, Type: "invalid_request_error"}
	switch {
	case status == http.StatusUnauthorized:
		e.Code = "invalid_api_key"
	case status == http.StatusTooManyRequests:
		e.Type, e.Code = "requests", "rate_limit_exceeded"
	case status >= 500:
		e.Type = "server_error"
	}
	return Reply{Status: status, Error: &e}
}

// RateLimited is a 429 reply with a Retry-After header (seconds or an HTTP date; ""
// sends none).
func RateLimited(retryAfter string) Reply {
	r := Fail(http.StatusTooManyRequests, "Rate limit reached for requests. Please try again later.")
	if retryAfter != "" {
		r.Header = map[string]string{"Retry-After": retryAfter}
	}
	return r
}

// Slow is r held back by d.
func Slow(d time.Duration, r Reply) Reply {
	r.Delay = d
	return r
}

// write sends the reply as the answer to req.
func (r Reply) write(w http.ResponseWriter, req *Request) {
	for k, v := range r.Header {
		w.Header().Set(k, v)
	}
	status := r.Status
	switch {
	case r.Body != "":
		if status == 0 {
			status = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(r.Body))
		return
	case r.Error != nil || status >= 400:
		if status == 0 {
			status = http.StatusBadRequest
		}
		e := Error{Message: http.StatusText(status), Type: "invalid_request_error"}
		if r.Error != nil {
			e = *r.Error
		}
		writeError(w, status, e)
		return
	}
	if status == 0 {
		status = http.StatusOK
	}
	msg := map[string]any{"role": "assistant", "content": r.Content, "refusal": nil}
	if r.Refusal != "" {
		msg["refusal"], msg["content"] = r.Refusal, nil
	}
	finish := r.FinishReason
	if len(r.ToolCalls) > 0 {
		var calls []any
		for i, c := range r.ToolCalls {
			id := c.ID
			if id == "" {
				id = "call_" + strconv.Itoa(req.N) + "_" + strconv.Itoa(i+1)
			}
			calls = append(calls, map[string]any{"id": id, "type": "function",
				"function": map[string]any{"name": c.Name, "arguments": c.Arguments}})
		}
		msg["tool_calls"] = calls
		if r.Content == "" {
			msg["content"] = nil
		}
		if finish == "" {
			finish = "tool_calls"
		}
	}
	if finish == "" {
		finish = "stop"
	}
	prompt := len(req.Raw) / 4
	completion := (len(r.Content) + len(r.Refusal)) / 4
	for _, c := range r.ToolCalls {
		completion += len(c.Arguments) / 4
	}
	writeJSON(w, status, map[string]any{
		"id": "chatcmpl-llmtest" + strconv.Itoa(req.N), "object": "chat.completion", "created": 1764350000,
		"model": req.Model, "system_fingerprint": "fp_llmtest", "service_tier": "default",
		"choices": []any{map[string]any{"index": 0, "message": msg, "logprobs": nil, "finish_reason": finish}},
		"usage":   map[string]any{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
	})
}
