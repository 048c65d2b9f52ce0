// Package llmtest is a fake OpenAI chat-completions server for tests. It listens on
// loopback (httptest), speaks the real wire protocol (JSON bodies as OpenAI sends them:
// choices[].message.content, tool_calls, finish_reason, usage, and error envelopes
// {"error":{"message","type","code"}}), records every request, and answers as scripted:
// content, tool calls, status codes with headers (429 with Retry-After), delays, broken
// JSON, or servers that reject response_format json_schema or tools the way llama.cpp
// and older servers do.
//
// Replies come from a queue (Enqueue), then from a Handler (Handle) that sees the
// request. Because it is a real TCP server, another process (the videoagent binary
// started by an end-to-end test with VIDEOAGENT_LLM_BASE_URL=BaseURL()) can use it too.
package llmtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Handler answers a request that no queued reply answers.
type Handler func(r *Request) Reply

// Server is a fake OpenAI-compatible chat-completions endpoint. It is safe for
// concurrent use.
type Server struct {
	// URL is the server's root, e.g. "http://127.0.0.1:41234"; see BaseURL.
	URL string
	srv *httptest.Server

	mu               sync.Mutex
	apiKey           string
	queue            []Reply
	handler          Handler
	reqs             []*Request
	rejectSchema     bool
	rejectJSONObject bool
	rejectTools      bool
}

// New starts a Server and closes it when the test ends.
func New(t testing.TB) *Server {
	s := &Server{}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// BaseURL is the API base a client is configured with: URL + "/v1".
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Close stops the server; requests in flight are cut off. Later requests fail to
// connect, as with a model server that went away.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// RequireKey makes requests without "Authorization: Bearer key" fail with 401, as
// OpenAI does.
func (s *Server) RequireKey(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiKey = key
}

// RejectJSONSchema makes the server answer requests with response_format json_schema
// with 400 and llama.cpp's message, as servers without structured outputs do.
func (s *Server) RejectJSONSchema() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectSchema = true
}

// RejectJSONObject makes the server answer requests with response_format json_object
// with 400, as LM Studio does ("must be 'json_schema' or 'text'").
func (s *Server) RejectJSONObject() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectJSONObject = true
}

// RejectTools makes the server answer requests with tools with 500 and llama.cpp's
// message when it runs without tool-call templates ("tools param requires --jinja flag").
func (s *Server) RejectTools() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejectTools = true
}

// Enqueue adds replies that answer the next requests, one each, in order, before the
// Handler.
func (s *Server) Enqueue(r ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, r...)
}

// Handle sets the handler for requests the queue does not answer. Without one such
// requests get a 500 error saying no reply was scripted.
func (s *Server) Handle(h Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handler = h
}

// Requests returns the chat-completions requests received so far, in order (rejected
// ones included).
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Request(nil), s.reqs...)
}

// Count is the number of chat-completions requests received so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

// Last returns the newest request, or nil.
func (s *Server) Last() *Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reqs) == 0 {
		return nil
	}
	return s.reqs[len(s.reqs)-1]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/models"):
		writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": []any{
			map[string]any{"id": "llmtest", "object": "model", "created": 1764350000, "owned_by": "llmtest"}}})
		return
	case r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/chat/completions"):
		writeError(w, http.StatusNotFound, Error{Message: "Unknown request URL: " + r.Method + " " + r.URL.Path, Type: "invalid_request_error", Code: "unknown_url"})
		return
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, Error{Message: "could not read the body: " + err.Error(), Type: "invalid_request_error"})
		return
	}
	req, err := parseRequest(r.Header, raw)
	if err != nil {
		writeError(w, http.StatusBadRequest, Error{Message: "We could not parse the JSON body of your request: " + err.Error(), Type: "invalid_request_error"})
		return
	}

	s.mu.Lock()
	req.N = len(s.reqs) + 1
	s.reqs = append(s.reqs, req)
	key, rejectSchema, rejectObject, rejectTools := s.apiKey, s.rejectSchema, s.rejectJSONObject, s.rejectTools
	var reply Reply
	var scripted bool
	rejected := s.rejection(req, key, rejectSchema, rejectObject, rejectTools)
	if rejected == nil {
		if len(s.queue) > 0 {
			reply, s.queue, scripted = s.queue[0], s.queue[1:], true
		} else if s.handler != nil {
			h := s.handler
			s.mu.Unlock()
			reply, scripted = h(req), true
			s.mu.Lock()
		}
	}
	s.mu.Unlock()

	switch {
	case rejected != nil:
		reply = *rejected
	case !scripted:
		reply = Fail(http.StatusInternalServerError, "llmtest: no reply is scripted for this request")
	}
	if reply.Delay > 0 {
		t := time.NewTimer(reply.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done(): // the client gave up
			return
		}
	}
	reply.write(w, req)
}

// rejection is the answer to a request the server refuses by configuration, or nil.
// s.mu is held.
func (s *Server) rejection(req *Request, key string, schema, object, tools bool) *Reply {
	var r Reply
	switch {
	case key != "" && req.Header.Get("Authorization") != "Bearer "+key:
		r = Reply{Status: http.StatusUnauthorized, Error: &Error{Message: "Incorrect API key provided.", Type: "invalid_request_error", Code: "invalid_api_key"}}
	case req.Stream:
		r = Reply{Status: http.StatusBadRequest, Error: &Error{Message: "llmtest does not stream", Type: "invalid_request_error", Param: "stream"}}
	case schema && req.ResponseFormat == "json_schema":
		// llama.cpp's answer, with its numeric code.
		r = Reply{Status: http.StatusBadRequest, Body: `{"error":{"code":400,"message":"Unsupported response_format type: json_schema","type":"invalid_request_error"}}`}
	case object && req.ResponseFormat == "json_object":
		r = Reply{Status: http.StatusBadRequest, Body: `{"error":"'response_format.type' must be 'json_schema' or 'text'"}`}
	case tools && len(req.Tools) > 0:
		r = Reply{Status: http.StatusInternalServerError, Body: `{"error":{"code":500,"message":"tools param requires --jinja flag","type":"server_error"}}`}
	default:
		return nil
	}
	return &r
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, e Error) {
	writeJSON(w, status, map[string]any{"error": e.envelope()})
}
