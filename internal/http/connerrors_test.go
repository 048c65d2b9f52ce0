package http

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// TestEnvelopeGoError: net/http's own plain-text answers become the envelope; a handler's
// response, even with the same status line, passes through unchanged.
func TestEnvelopeGoError(t *testing.T) {
	const h = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
	for _, c := range []struct {
		in   string
		code int
		err  string
	}{
		{"HTTP/1.1 431 Request Header Fields Too Large" + h + "431 Request Header Fields Too Large", 431, "payload_too_large"},
		{"HTTP/1.1 400 Bad Request" + h + "400 Bad Request", 400, "invalid_parameter"},
		{"HTTP/1.1 400 Bad Request: missing required Host header" + h + "400 Bad Request: missing required Host header", 400, "invalid_parameter"},
	} {
		out, ok := envelopeGoError([]byte(c.in))
		if !ok {
			t.Fatalf("%q not rewritten", c.in)
		}
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(out)), nil)
		if err != nil {
			t.Fatal(err)
		}
		var body errorBody
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != c.code || body.Error.Code != c.err || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%q -> %d %+v %v", c.in, resp.StatusCode, body, err)
		}
	}
	handler := "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nDate: x\r\n\r\n{}"
	if _, ok := envelopeGoError([]byte(handler)); ok {
		t.Error("a handler's own 431 was rewritten")
	}
}
