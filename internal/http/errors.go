package http

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	videoagent "github.com/openvideoagent/videoagent"
)

// statusOf maps application error codes to HTTP statuses, in one place.
var statusOf = map[string]int{
	videoagent.EINVALID:          http.StatusBadRequest,
	videoagent.EDOWNLOADFAILED:   http.StatusBadRequest,
	videoagent.EUNAUTHORIZED:     http.StatusUnauthorized,
	videoagent.EFORBIDDEN:        http.StatusForbidden,
	videoagent.ENOTFOUND:         http.StatusNotFound,
	videoagent.EVIDEONOTFOUND:    http.StatusNotFound,
	videoagent.EAVATARNOTFOUND:   http.StatusNotFound,
	videoagent.EVOICENOTFOUND:    http.StatusNotFound,
	videoagent.EBRANDKITNOTFOUND: http.StatusNotFound,
	videoagent.EMETHODNOTALLOWED: http.StatusMethodNotAllowed,
	videoagent.ECONFLICT:         http.StatusConflict,
	videoagent.EINPROGRESS:       http.StatusConflict,
	videoagent.ETOOLARGE:         http.StatusRequestEntityTooLarge,
	videoagent.ERATELIMIT:        http.StatusTooManyRequests,
	videoagent.EINTERNAL:         http.StatusInternalServerError,
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Param   *string `json:"param"`
	DocURL  *string `json:"doc_url"`
}

// writeError writes err in the v3 envelope. Internal errors are logged with their details
// and shown to the client only as "Internal error.".
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := videoagent.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var retry *retryAfter
	if errors.As(err, &retry) {
		w.Header().Set("Retry-After", strconv.Itoa(retry.seconds))
	}
	body := errorBody{Error: errorDetail{Code: code, Message: videoagent.ErrorMessage(err)}}
	if p := videoagent.ErrorParam(err); p != "" {
		body.Error.Param = &p
	}
	writeJSON(w, status, body)
}

// retryAfter wraps an error that tells the client when to try again.
type retryAfter struct {
	err     error
	seconds int
}

func (r *retryAfter) Error() string { return r.err.Error() }
func (r *retryAfter) Unwrap() error { return r.err }

// logRequestError is for errors after the response has started.
func logRequestError(log *slog.Logger, r *http.Request, err error) {
	log.Warn("response write failed", "method", r.Method, "path", r.URL.Path, "err", err)
}
