package studio

import (
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestHandler serves the page and every file it references, with their types and the
// security policy, and no directory listings.
func TestHandler(t *testing.T) {
	h := Handler()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}
	page := get("/")
	if page.Code != 200 || !strings.HasPrefix(page.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("/: HTTP %d %s", page.Code, page.Header().Get("Content-Type"))
	}
	if csp := page.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	if strings.Contains(page.Body.String(), "<script>") || strings.Contains(page.Body.String(), " style=") {
		t.Error("the page has inline script or style, which its CSP blocks")
	}
	types := map[string]string{".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
	refs := regexp.MustCompile(`(?:src|href)="(/studio/[^"]+)"`).FindAllStringSubmatch(page.Body.String(), -1)
	if len(refs) < 3 {
		t.Fatalf("the page references %d files", len(refs))
	}
	for _, m := range refs {
		rec := get(m[1])
		ext := m[1][strings.LastIndex(m[1], "."):]
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), types[ext]) || rec.Body.Len() == 0 {
			t.Errorf("%s: HTTP %d %q, %d bytes", m[1], rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
		}
	}
	for _, path := range []string{"/studio/assets/", "/studio/nope.js", "/studio/../studio.go"} {
		if rec := get(path); rec.Code == 200 {
			t.Errorf("%s: HTTP 200, want an error", path)
		}
	}
}
