package http

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

// EnvelopeListener wraps the API's listener so that the answers net/http writes on its own,
// before any handler runs (431 for a request line or headers over http.Server's
// MaxHeaderBytes, 400 for a request it cannot parse), reach clients in the v3 error
// envelope like every other refusal, instead of as plain text.
func EnvelopeListener(ln net.Listener) net.Listener { return envelopeListener{ln} }

type envelopeListener struct{ net.Listener }

func (l envelopeListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &envelopeConn{Conn: c}, nil
}

type envelopeConn struct{ net.Conn }

// goErrorHeaders are the headers net/http writes with its own plain-text error answers.
const goErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// Write passes everything through except net/http's own error answer, which it writes in
// one call straight to the connection: "HTTP/1.1 <code> <text>" + goErrorHeaders + text.
// Handler responses never match: they carry other headers (a JSON type, a length, a date).
func (c *envelopeConn) Write(b []byte) (int, error) {
	if out, ok := envelopeGoError(b); ok {
		if _, err := c.Conn.Write(out); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return c.Conn.Write(b)
}

func envelopeGoError(b []byte) ([]byte, bool) {
	const prefix = "HTTP/1.1 4"
	if !bytes.HasPrefix(b, []byte(prefix)) {
		return nil, false
	}
	i := bytes.Index(b, []byte(goErrorHeaders))
	if i < 0 || bytes.Contains(b[:i], []byte("\r\n")) || len(b) < 12 {
		return nil, false
	}
	code, err := strconv.Atoi(string(b[9:12]))
	if err != nil {
		return nil, false
	}
	detail := strings.TrimPrefix(string(b[i+len(goErrorHeaders):]), strconv.Itoa(code)+" ")
	var e *videoagent.Error
	switch code {
	case http.StatusRequestHeaderFieldsTooLarge:
		e = &videoagent.Error{Code: videoagent.ETOOLARGE, Message: fmt.Sprintf("The request line or headers are larger than %d bytes.", http.DefaultMaxHeaderBytes)}
	default:
		e = &videoagent.Error{Code: videoagent.EINVALID, Message: "The HTTP request is malformed: " + detail + "."}
	}
	body, _ := json.Marshal(errorBody{Error: errorDetail{Code: e.Code, Message: e.Message}})
	body = append(body, '\n')
	var out bytes.Buffer
	fmt.Fprintf(&out, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", code, http.StatusText(code), len(body))
	out.Write(body)
	return out.Bytes(), true
}
