package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// clientFlags are the flags of every command that talks to a server.
type clientFlags struct {
	Server string `env:"VIDEOAGENT_SERVER" default:"${default_server}" help:"Base URL of the server."`
	Key    string `env:"VIDEOAGENT_API_KEY" help:"API key (sent as X-Api-Key)."`
	JSON   bool   `name:"json" help:"Print the result as JSON on stdout (errors as JSON on stderr)."`
}

// client returns the API client the flags describe, or an exitAuth error without a key.
func (f *clientFlags) client(a *app) (*client, error) {
	if f.Key == "" {
		return nil, withCode(exitAuth, errors.New("an API key is required: --key or VIDEOAGENT_API_KEY"))
	}
	return &client{base: strings.TrimRight(f.Server, "/"), key: f.Key, log: a.stderr}, nil
}

// client is a small v3 client. It waits out 429 answers as their Retry-After says and
// retries 502, 503 and 504 with a backoff, a few times.
type client struct {
	base, key string
	log       io.Writer // where it says that it waits
	http      *http.Client
}

// Retry policy.
const (
	maxRetries   = 5
	maxRetryWait = 60 * time.Second
)

// apiError is an error answer of the API.
type apiError struct {
	Method, Path string
	Status       int
	Code         string
	Message      string
	Param        string
}

func (e *apiError) Error() string {
	msg := fmt.Sprintf("%s %s: HTTP %d", e.Method, e.Path, e.Status)
	if e.Code != "" {
		msg += " " + e.Code
	}
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// do sends a v3 request and decodes the `data` of the response into out (if not nil); an
// error answer becomes an *apiError, with exit code exitAuth for 401 and 403.
func (c *client) do(ctx context.Context, method, path string, in, out any) error {
	raw, err := c.doRaw(ctx, method, path, in)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("%s %s: unreadable answer: %w", method, path, err)
	}
	return json.Unmarshal(env.Data, out)
}

// doRaw sends a request and returns the body of a 2xx answer.
func (c *client) doRaw(ctx context.Context, method, path string, in any) ([]byte, error) {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = b
	}
	hc := c.http
	if hc == nil {
		hc = http.DefaultClient
	}
	for attempt := 0; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("X-Api-Key", c.key)
		req.Header.Set("Accept", "application/json")
		if in != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hc.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("%s %s: %w", method, path, err)
		}
		raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", method, path, err)
		}
		if resp.StatusCode/100 == 2 {
			return raw, nil
		}
		if wait, ok := retryWait(resp, attempt); ok && attempt < maxRetries {
			what := "rate limited"
			if resp.StatusCode != http.StatusTooManyRequests {
				what = "HTTP " + strconv.Itoa(resp.StatusCode)
			}
			fmt.Fprintf(c.log, "%s %s: %s; retrying in %s\n", method, path, what, wait.Round(time.Millisecond))
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(wait):
			}
			continue
		}
		ae := &apiError{Method: method, Path: path, Status: resp.StatusCode}
		var env struct {
			Error *struct {
				Code    string  `json:"code"`
				Message string  `json:"message"`
				Param   *string `json:"param"`
			} `json:"error"`
		}
		if json.Unmarshal(raw, &env) == nil && env.Error != nil {
			ae.Code, ae.Message = env.Error.Code, env.Error.Message
			if env.Error.Param != nil {
				ae.Param = *env.Error.Param
			}
		} else {
			ae.Message = strings.TrimSpace(string(raw[:min(len(raw), 200)]))
		}
		if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
			return nil, withCode(exitAuth, ae)
		}
		return nil, ae
	}
}

// retryWait says whether an answer is worth trying again, and after how long: a 429 as
// its Retry-After says (seconds or an HTTP date; 1 s when it does not say), a 502, 503 or
// 504 after a backoff of 1, 2, 4 ... seconds. A wait longer than maxRetryWait is not worth
// it.
func retryWait(resp *http.Response, attempt int) (time.Duration, bool) {
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d, d <= maxRetryWait
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			return time.Second, true
		}
	case http.StatusBadGateway, http.StatusGatewayTimeout:
	default:
		return 0, false
	}
	return time.Duration(1<<min(attempt, 5)) * time.Second, true
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// download fetches url into path.
func download(ctx context.Context, url, path string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("download %s: HTTP %d", url, resp.StatusCode)
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, resp.Body)
	if err != nil {
		f.Close()
		return n, err
	}
	return n, f.Close()
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
