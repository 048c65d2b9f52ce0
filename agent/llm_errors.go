package agent

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openvideoagent/videoagent"
)

// LLMErrorKind says why a request to the language model failed.
type LLMErrorKind string

// Why a model request failed.
const (
	// LLMTimeout: the model did not answer within LLMOptions.Timeout.
	LLMTimeout LLMErrorKind = "timeout"
	// LLMRateLimited: the server answered 429 and asked to wait longer than the client
	// waits, or still after its retries.
	LLMRateLimited LLMErrorKind = "rate_limited"
	// LLMUnreachable: the server could not be reached (refused, reset, no such host).
	LLMUnreachable LLMErrorKind = "unreachable"
	// LLMHTTPError: the server answered with another error status.
	LLMHTTPError LLMErrorKind = "http_error"
	// LLMBadResponse: the server's answer is not a chat completion.
	LLMBadResponse LLMErrorKind = "bad_response"
	// LLMRefused: the model refused to answer.
	LLMRefused LLMErrorKind = "refused"
	// LLMEmpty: the model answered with nothing.
	LLMEmpty LLMErrorKind = "empty"
)

// LLMError is a failed model request, with what is needed to tell the user why in plain
// words (Reason).
type LLMError struct {
	Kind LLMErrorKind
	// Status is the HTTP status, when the server answered.
	Status int
	// Message is the server's error message or the model's refusal, clipped.
	Message string
	// Server is the API base URL the request went to.
	Server string
	// Timeout is the per-request limit (LLMTimeout).
	Timeout time.Duration
	// Wait is how long a rate-limiting server last asked to wait; Retries how many
	// times the client waited and asked again (LLMRateLimited).
	Wait    time.Duration
	Retries int
	// Err is the underlying error, if any.
	Err error
}

// Error implements error.
func (e *LLMError) Error() string {
	s := "language model request: " + e.Reason()
	if e.Err != nil && e.Kind != LLMTimeout {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *LLMError) Unwrap() error { return e.Err }

// Reason says what went wrong in plain words, for a note to the user: "the model did
// not answer within 60 s".
func (e *LLMError) Reason() string {
	switch e.Kind {
	case LLMTimeout:
		return "the model did not answer within " + seconds(e.Timeout)
	case LLMRateLimited:
		s := "the model server is rate limiting requests (HTTP 429)"
		switch {
		case e.Retries == 0 && e.Wait > 0:
			s += " and asked to wait " + seconds(e.Wait) + ", longer than we wait"
		case e.Retries == 1:
			s += ", still after 1 retry"
		case e.Retries > 1:
			s += fmt.Sprintf(", still after %d retries", e.Retries)
		}
		return s
	case LLMUnreachable:
		return "the model server at " + e.Server + " could not be reached"
	case LLMHTTPError:
		s := fmt.Sprintf("the model server answered with an error (HTTP %d", e.Status)
		if e.Message != "" {
			s += ": " + e.Message
		}
		return s + ")"
	case LLMRefused:
		return "the model refused to answer (" + e.Message + ")"
	case LLMEmpty:
		return "the model's answer was empty"
	}
	s := "the model server's answer could not be read"
	if e.Message != "" {
		s += " (" + e.Message + ")"
	}
	return s
}

// seconds formats a duration for people: "20 s", "0.5 s".
func seconds(d time.Duration) string {
	s := d.Seconds()
	if s == math.Trunc(s) {
		return strconv.Itoa(int(s)) + " s"
	}
	return strconv.FormatFloat(s, 'f', 1, 64) + " s"
}

// serverMessage finds the error message in an error response body, in the shapes
// OpenAI-compatible servers use: {"error":{"message"}} (OpenAI, llama.cpp, Ollama),
// {"error":"..."} (LM Studio), {"message"} (vLLM), {"detail"} (FastAPI), or plain text.
func serverMessage(body []byte) string {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Detail  any             `json:"detail"`
	}
	msg := ""
	if err := json.Unmarshal(body, &v); err == nil {
		var inner struct {
			Message string `json:"message"`
		}
		var s string
		switch {
		case json.Unmarshal(v.Error, &inner) == nil && inner.Message != "":
			msg = inner.Message
		case json.Unmarshal(v.Error, &s) == nil && s != "":
			msg = s
		case v.Message != "":
			msg = v.Message
		case v.Detail != nil:
			b, _ := json.Marshal(v.Detail)
			msg = string(b)
		}
	} else {
		msg = string(body)
	}
	return clipReason(strings.Join(strings.Fields(msg), " "))
}

// retryAfter reads how long a 429 answer asks to wait: Retry-After-Ms (OpenAI), else
// Retry-After in seconds or as an HTTP date. ok is false when neither says.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 && !math.IsInf(ms, 0) {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 && !math.IsInf(s, 0) {
		if s > 1e6 {
			s = 1e6
		}
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// clipReason shortens a message to 200 characters.
func clipReason(s string) string { return videoagent.Shorten(s, 201) }
