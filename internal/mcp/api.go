// Package mcp is Open Video Agent's Model Context Protocol server: tools an AI assistant
// calls to make and revise videos. The tools are a client of the v3 API (over a network
// for `videoagent mcp`, in-process for /mcp), so every rule of the API (keys, accounts,
// validation, limits) applies to them unchanged.
package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// API reaches the v3 API.
type API struct {
	// BaseURL is the server, e.g. "http://127.0.0.1:8080" (no trailing slash needed).
	BaseURL string
	// Key is the API key used when a tool call carries none of its own (stdio).
	Key string
	// Client sends the requests; nil is http.DefaultClient.
	Client *http.Client
}

// apiError is an error answer of the v3 API, in its envelope.
type apiError struct {
	Status  int
	Code    string `json:"code"`
	Message string `json:"message"`
	Param   string `json:"param"`
}

func (e *apiError) Error() string {
	msg := fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Code, e.Message)
	if e.Param != "" {
		msg += " (param " + e.Param + ")"
	}
	return msg
}

// do sends a request with key and decodes the data of the answer into out.
func (a *API) do(ctx context.Context, key, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(a.BaseURL, "/")+path, rd)
	if err != nil {
		return err
	}
	if key == "" {
		key = a.Key
	}
	req.Header.Set("X-Api-Key", key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	c := a.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var env struct {
			Error *apiError `json:"error"`
		}
		if json.Unmarshal(raw, &env) == nil && env.Error != nil {
			env.Error.Status = resp.StatusCode
			return env.Error
		}
		return &apiError{Status: resp.StatusCode, Code: "http_error", Message: strings.TrimSpace(string(raw))}
	}
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("decode %s %s: %w", method, path, err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Data, out)
}

// HandlerTransport is an http.RoundTripper that serves requests with a handler in the
// same process: /mcp reaches the API this way, with no socket and the same routes.
type HandlerTransport struct{ Handler http.Handler }

// RoundTrip serves req with the handler and returns what it wrote.
func (t HandlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	t.Handler.ServeHTTP(rec, req)
	return &http.Response{
		Status: http.StatusText(rec.status), StatusCode: rec.status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: rec.header, Body: io.NopCloser(&rec.body), ContentLength: int64(rec.body.Len()), Request: req,
	}, nil
}

type recorder struct {
	header http.Header
	body   bytes.Buffer
	status int
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
