package http

import (
	"net/http/httptest"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// FuzzCreateRequest decodes and validates arbitrary create bodies the way POST
// /v3/video-agents does: no input may panic, and every rejection is a client error with a
// code a client can act on (never internal_error).
func FuzzCreateRequest(f *testing.F) {
	f.Add(`{"prompt":"A video about tea"}`)
	f.Add(`{"prompt":"x","mode":"chat","orientation":"portrait","duration_sec":30,"files":[{"type":"url","url":"https://example.com/a.pdf"},{"type":"base64","media_type":"image/png","data":"AAAA"}]}`)
	f.Add(`{"prompt":42}`)
	f.Add(`{"prompt":"x","files":[{"type":"asset_id"}],"callback_url":"http://[::1]:80/x"}`)
	f.Add(`{"prompt":"x","duration_sec":1e309}`)
	f.Add(`not json`)
	s := &Server{}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/v3/video-agents", strings.NewReader(body))
		rec := httptest.NewRecorder()
		var cr createSessionRequest
		err := decodeJSON(rec, req, &cr)
		if err == nil {
			_, err = s.validateCreate(&cr)
		}
		if err == nil {
			return
		}
		switch videoagent.ErrorCode(err) {
		case videoagent.EINVALID, videoagent.ETOOLARGE, videoagent.EAVATARNOTFOUND, videoagent.EVOICENOTFOUND:
		default:
			t.Fatalf("body %q: error %v has code %q", body, err, videoagent.ErrorCode(err))
		}
		if videoagent.ErrorMessage(err) == "" {
			t.Fatalf("body %q: error without a message", body)
		}
	})
}
