package http

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

// maxJSONBody bounds a JSON request body; base64 files make bodies large, so it is generous.
const maxJSONBody = 50 << 20

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// data wraps a success body in the v3 envelope.
func data(v any) map[string]any { return map[string]any{"data": v} }

// listBody is a page of a list in the v3 envelope.
type listBody struct {
	Data      any     `json:"data"`
	HasMore   bool    `json:"has_more"`
	NextToken *string `json:"next_token"`
}

func list(items any, next string) listBody {
	b := listBody{Data: items, HasMore: next != ""}
	if next != "" {
		b.NextToken = &next
	}
	return b
}

// decodeJSON reads a JSON body into v. Unknown fields are ignored; malformed JSON and wrong
// types are invalid_parameter errors naming the field where the decoder can tell.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	body := http.MaxBytesReader(w, r.Body, maxJSONBody)
	raw, err := io.ReadAll(body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return videoagent.Errorf(videoagent.ETOOLARGE, "Request body is larger than %d bytes.", mbe.Limit)
		}
		return videoagent.Errorf(videoagent.EINVALID, "Could not read the request body.")
	}
	if len(strings.TrimSpace(string(raw))) == 0 {
		return videoagent.Errorf(videoagent.EINVALID, "Request body is empty; a JSON object is required.")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return videoagent.JSONError(err, "")
	}
	return nil
}

// pageParams reads `limit` and `token` with an endpoint's default and maximum.
func pageParams(r *http.Request, def, max int) (videoagent.Page, error) {
	p := videoagent.Page{Limit: def, Token: r.URL.Query().Get("token")}
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > max {
			return p, videoagent.Invalid("limit", "limit must be an integer from 1 to %d.", max)
		}
		p.Limit = n
	}
	if len(p.Token) > 512 {
		return p, videoagent.Invalid("token", "token is not a valid page token")
	}
	return p, nil
}
