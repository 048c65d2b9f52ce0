package http

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOperationsMatchRoutes reads the routes the handlers register (every
// HandleFunc("METHOD /v3/...") in this package's source) and checks that the OpenAPI
// operations list is exactly that set, so the document cannot drift from the server.
func TestOperationsMatchRoutes(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`HandleFunc\("([A-Z]+) (/v3/[^"]*)"`)
	routes := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			routes[m[1]+" "+m[2]] = true
		}
	}
	documented := map[string]bool{}
	for _, op := range operations {
		documented[op.Method+" "+op.Path] = true
	}
	for r := range routes {
		if !documented[r] {
			t.Errorf("route %s is served but not in the OpenAPI operations", r)
		}
	}
	for d := range documented {
		if !routes[d] {
			t.Errorf("operation %s is documented but not served", d)
		}
	}
	if len(routes) < 30 {
		t.Fatalf("found only %d routes; is the source scan broken?", len(routes))
	}
}

// TestOpenAPIDocument builds the document and checks its shape: 3.1, every operation with a
// 200 schema that resolves, security schemes, no OpenAPI 3.0 `nullable` left.
func TestOpenAPIDocument(t *testing.T) {
	raw, err := openAPIDocument("http://127.0.0.1:8080")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), `"nullable"`) {
		t.Error("the document still uses OpenAPI 3.0's nullable")
	}
	var doc struct {
		OpenAPI    string                               `json:"openapi"`
		Paths      map[string]map[string]map[string]any `json:"paths"`
		Components struct {
			Schemas         map[string]any `json:"schemas"`
			SecuritySchemes map[string]any `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Components.SecuritySchemes) != 2 {
		t.Fatalf("openapi %q, %d security schemes", doc.OpenAPI, len(doc.Components.SecuritySchemes))
	}
	n := 0
	for path, methods := range doc.Paths {
		for method, op := range methods {
			n++
			resp, _ := op["responses"].(map[string]any)
			ok, _ := resp["200"].(map[string]any)
			refStr := ""
			if ok != nil {
				if stream, _ := ok["content"].(map[string]any)["text/event-stream"].(map[string]any); stream != nil {
					refStr, _ = stream["x-event-data"].(map[string]any)["$ref"].(string)
				} else {
					content := ok["content"].(map[string]any)["application/json"].(map[string]any)
					refStr, _ = content["schema"].(map[string]any)["$ref"].(string)
				}
			}
			name := strings.TrimPrefix(refStr, "#/components/schemas/")
			if doc.Components.Schemas[name] == nil {
				t.Errorf("%s %s: 200 schema %q does not resolve", method, path, refStr)
			}
			if resp["default"] == nil {
				t.Errorf("%s %s: no error response", method, path)
			}
		}
	}
	if n != len(operations) {
		t.Errorf("document has %d operations, table %d", n, len(operations))
	}
}
