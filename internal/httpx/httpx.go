// Package httpx holds small helpers for HTTP clients that both the language-model client
// (agent) and the OpenAI-compatible speech engine use.
package httpx

import (
	"bytes"
	"io"
	"net/http"
)

// MaxErrorBody bounds what KeepBody reads of an error response.
const MaxErrorBody = 64 << 10

// KeepBody reads up to MaxErrorBody bytes of resp's body and puts them back, so that the
// caller may keep the body (an error's explanation) and the SDK still decodes it.
func KeepBody(resp *http.Response) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxErrorBody))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}
