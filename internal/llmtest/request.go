package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Request is one chat-completions request as the server received it.
type Request struct {
	// N is the request's 1-based number on its server.
	N      int
	Header http.Header
	// Raw is the body as sent; Body is it decoded.
	Raw  []byte
	Body map[string]any

	Model    string
	Messages []Message
	Stream   bool
	// ResponseFormat is response_format.type ("json_schema", "json_object", "text"), ""
	// when absent; SchemaName, Strict and Schema are its json_schema part.
	ResponseFormat string
	SchemaName     string
	Strict         bool
	Schema         map[string]any
	// Tools are the names of the function tools offered; ToolChoice is tool_choice as
	// sent (a string or an object), nil when absent.
	Tools      []string
	ToolChoice any
}

// Message is one message of a request. Content is the text (text parts joined when the
// client sent an array of parts).
type Message struct {
	Role       string
	Content    string
	ToolCalls  []ToolCall
	ToolCallID string
}

// ToolCall is a function call, in a reply or in an assistant message of a request.
// Arguments is the JSON text of the arguments.
type ToolCall struct {
	ID        string
	Name      string
	Arguments string
}

type wireRequest struct {
	Model    string `json:"model"`
	Stream   bool   `json:"stream"`
	Messages []struct {
		Role       string          `json:"role"`
		Content    json.RawMessage `json:"content"`
		ToolCallID string          `json:"tool_call_id"`
		ToolCalls  []struct {
			ID       string `json:"id"`
			Function struct {
				Name      string `json:"name"`
				Arguments string `json:"arguments"`
			} `json:"function"`
		} `json:"tool_calls"`
	} `json:"messages"`
	ResponseFormat *struct {
		Type       string `json:"type"`
		JSONSchema *struct {
			Name   string         `json:"name"`
			Strict bool           `json:"strict"`
			Schema map[string]any `json:"schema"`
		} `json:"json_schema"`
	} `json:"response_format"`
	Tools []struct {
		Type     string `json:"type"`
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	} `json:"tools"`
	ToolChoice any `json:"tool_choice"`
}

// parseRequest decodes a chat-completions body; it fails where OpenAI answers 400.
func parseRequest(h http.Header, raw []byte) (*Request, error) {
	var w wireRequest
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, err
	}
	if w.Model == "" {
		return nil, fmt.Errorf("you must provide a model parameter")
	}
	if len(w.Messages) == 0 {
		return nil, fmt.Errorf("'messages' must contain at least one message")
	}
	r := &Request{Header: h.Clone(), Raw: raw, Model: w.Model, Stream: w.Stream, ToolChoice: w.ToolChoice}
	_ = json.Unmarshal(raw, &r.Body)
	for i, m := range w.Messages {
		text, err := contentText(m.Content)
		if err != nil {
			return nil, fmt.Errorf("messages[%d].content: %v", i, err)
		}
		msg := Message{Role: m.Role, Content: text, ToolCallID: m.ToolCallID}
		for _, tc := range m.ToolCalls {
			msg.ToolCalls = append(msg.ToolCalls, ToolCall{ID: tc.ID, Name: tc.Function.Name, Arguments: tc.Function.Arguments})
		}
		r.Messages = append(r.Messages, msg)
	}
	if f := w.ResponseFormat; f != nil {
		r.ResponseFormat = f.Type
		if f.Type == "json_schema" {
			if f.JSONSchema == nil || f.JSONSchema.Name == "" {
				return nil, fmt.Errorf("response_format.json_schema.name is required")
			}
			r.SchemaName, r.Strict, r.Schema = f.JSONSchema.Name, f.JSONSchema.Strict, f.JSONSchema.Schema
		}
	}
	for _, t := range w.Tools {
		r.Tools = append(r.Tools, t.Function.Name)
	}
	return r, nil
}

// contentText flattens a message content: a string, null, or an array of parts.
func contentText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", fmt.Errorf("content must be a string or an array of parts")
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String(), nil
}

// System returns the first system (or developer) message's text.
func (r *Request) System() string {
	for _, m := range r.Messages {
		if m.Role == "system" || m.Role == "developer" {
			return m.Content
		}
	}
	return ""
}

// User returns the texts of the user messages, in order.
func (r *Request) User() []string {
	var out []string
	for _, m := range r.Messages {
		if m.Role == "user" {
			out = append(out, m.Content)
		}
	}
	return out
}

// LastUser returns the text of the last user message.
func (r *Request) LastUser() string {
	u := r.User()
	if len(u) == 0 {
		return ""
	}
	return u[len(u)-1]
}

// DecodeUser decodes the first user message that holds a JSON object into v.
func (r *Request) DecodeUser(v any) error {
	for _, u := range r.User() {
		if s := strings.TrimSpace(u); strings.HasPrefix(s, "{") {
			return json.Unmarshal([]byte(s), v)
		}
	}
	return fmt.Errorf("llmtest: request %d has no JSON user message", r.N)
}

// Text joins every message's text, for assertions about what the model was shown.
func (r *Request) Text() string {
	var b strings.Builder
	for _, m := range r.Messages {
		b.WriteString(m.Content)
		b.WriteByte('\n')
	}
	return b.String()
}
