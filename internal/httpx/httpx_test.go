package httpx

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestKeepBody(t *testing.T) {
	long := strings.Repeat("x", MaxErrorBody+10)
	for _, in := range []string{`{"error":{"message":"rate limited"}}`, "", long} {
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(in))}
		kept, err := KeepBody(resp)
		if err != nil {
			t.Fatal(err)
		}
		want := in
		if len(want) > MaxErrorBody {
			want = want[:MaxErrorBody]
		}
		again, _ := io.ReadAll(resp.Body)
		if string(kept) != want || string(again) != want {
			t.Errorf("kept %d bytes, read again %d, want %d", len(kept), len(again), len(want))
		}
	}
}
