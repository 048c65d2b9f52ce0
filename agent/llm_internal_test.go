package agent

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 11, 28, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{map[string]string{"Retry-After": "3"}, 3 * time.Second, true},
		{map[string]string{"Retry-After": "0.5"}, 500 * time.Millisecond, true},
		{map[string]string{"Retry-After": "Fri, 28 Nov 2025 12:00:07 GMT"}, 7 * time.Second, true},
		{map[string]string{"Retry-After": "Fri, 28 Nov 2025 11:59:00 GMT"}, 0, true}, // in the past
		{map[string]string{"Retry-After-Ms": "250", "Retry-After": "9"}, 250 * time.Millisecond, true},
		{map[string]string{"Retry-After": "soon"}, 0, false},
		{nil, 0, false},
	} {
		h := http.Header{}
		for k, v := range c.header {
			h.Set(k, v)
		}
		if got, ok := retryAfter(h, now); got != c.want || ok != c.ok {
			t.Errorf("%v: %v %v, want %v %v", c.header, got, ok, c.want, c.ok)
		}
	}
}

func TestServerMessage(t *testing.T) {
	for body, want := range map[string]string{
		`{"error":{"message":"Unsupported response_format type: json_schema","type":"invalid_request_error","code":400}}`: "Unsupported response_format type: json_schema",
		`{"error":"'response_format.type' must be 'json_schema' or 'text'"}`:                                              "'response_format.type' must be 'json_schema' or 'text'",
		`{"object":"error","message":"guided decoding failed","type":"BadRequestError","code":400}`:                       "guided decoding failed",
		`{"detail":"Not Found"}`:  `"Not Found"`,
		"upstream\nconnect error": "upstream connect error",
	} {
		if got := serverMessage([]byte(body)); got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}

func TestLLMSentences(t *testing.T) {
	for text, want := range map[string][]string{
		"Hello there. Visit example.com/start today! Is it 3.5 times faster? Yes.": {"Hello there.", "Visit example.com/start today!", "Is it 3.5 times faster?", "Yes."},
		"Dr. Smith met J. Doe, e.g. at noon. Then they left":                       {"Dr. Smith met J. Doe, e.g. at noon.", "Then they left"},
		"He said “Go now.” And they went… Later, more.":                            {"He said “Go now.”", "And they went…", "Later, more."},
		"Wait... what? no way.": {"Wait... what? no way."},
		"第一句。第二句！":              {"第一句。", "第二句！"},
		"":                      nil,
	} {
		if got := llmSentences(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

func TestChunkText(t *testing.T) {
	para := strings.Repeat("word ", 198) + "end.\n\n" // 996 characters: 8 fit in a part
	text := strings.Repeat(para, 30)
	chunks := chunkText(text, 8000, 8)
	if len(chunks) != 4 {
		t.Fatalf("%d chunks", len(chunks))
	}
	for i, c := range chunks {
		if len(c) > 8000 || !strings.HasSuffix(c, "end.") {
			t.Errorf("chunk %d: %d chars, ends %q", i, len(c), c[len(c)-10:])
		}
	}
	if got := strings.Join(chunks, "\n\n"); got != strings.TrimSpace(text) {
		t.Error("chunks lose text")
	}
	// Never more than max parts: longer parts instead.
	if n := len(chunkText(strings.Repeat(para, 100), 8000, 8)); n > 8 {
		t.Errorf("%d chunks, want at most 8", n)
	}
	// No break in sight: cut at the size.
	if c := chunkText(strings.Repeat("x", 20000), 8000, 8); len(c) != 3 || len(c[0]) != 8000 {
		t.Errorf("unbroken text: %d chunks", len(c))
	}
}
