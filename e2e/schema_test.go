package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// schemaDir holds HeyGen's v3 response schemas; CI checks the repository out with ../shared
// beside it.
const schemaDir = "../../shared/reference/heygen-v3-schemas"

// schema is the subset of JSON Schema the reference files use: type, nullable, enum,
// properties, required, items.
type schema struct {
	Type       string             `json:"type"`
	Nullable   bool               `json:"nullable"`
	Enum       []any              `json:"enum"`
	Properties map[string]*schema `json:"properties"`
	Required   []string           `json:"required"`
	Items      *schema            `json:"items"`
}

// UnmarshalJSON reads a schema in OpenAPI 3.0 form (type + nullable) or 3.1 form (a type
// array with "null"), so the same checker serves the reference files and our OpenAPI
// document.
func (s *schema) UnmarshalJSON(b []byte) error {
	type plain schema
	var aux struct {
		plain
		Type json.RawMessage `json:"type"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*s = schema(aux.plain)
	if len(aux.Type) == 0 {
		return nil
	}
	if aux.Type[0] == '"' {
		return json.Unmarshal(aux.Type, &s.Type)
	}
	var types []string
	if err := json.Unmarshal(aux.Type, &types); err != nil {
		return err
	}
	for _, t := range types {
		if t == "null" {
			s.Nullable = true
		} else {
			s.Type = t
		}
	}
	return nil
}

// loadSchema reads a reference schema by file name, skipping the test if the reference
// files are not beside the repository.
func loadSchema(t testing.TB, name string) *schema {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(schemaDir, name))
	if os.IsNotExist(err) {
		t.Skipf("reference schemas not found at %s", schemaDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var s schema
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &s
}

// checkSchema validates a decoded JSON response body against a reference schema file and
// reports every violation. Lists must carry has_more and next_token, as all our lists do.
func checkSchema(t testing.TB, name string, body []byte) {
	t.Helper()
	s := loadSchema(t, name)
	checkAgainst(t, name, s, body)
}

// checkAgainst validates a response body against a parsed schema; name labels the errors.
func checkAgainst(t testing.TB, name string, s *schema, body []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s: response is not JSON: %v", name, err)
	}
	var errs []string
	validate(s, v, "$", &errs)
	if d, ok := s.Properties["data"]; ok {
		m, _ := v.(map[string]any)
		if _, ok := m["data"]; !ok {
			errs = append(errs, "$: missing data")
		}
		if d.Type == "array" {
			for _, k := range []string{"has_more", "next_token"} {
				if _, ok := m[k]; !ok {
					errs = append(errs, "$: list without "+k)
				}
			}
		}
	}
	for _, e := range errs {
		t.Errorf("%s: %s", name, e)
	}
}

func validate(s *schema, v any, at string, errs *[]string) {
	if v == nil {
		if !s.Nullable && s.Type != "" {
			*errs = append(*errs, fmt.Sprintf("%s: null, want %s", at, s.Type))
		}
		return
	}
	ok := true
	switch s.Type {
	case "object":
		_, ok = v.(map[string]any)
	case "array":
		_, ok = v.([]any)
	case "string":
		_, ok = v.(string)
	case "boolean":
		_, ok = v.(bool)
	case "number":
		_, ok = v.(float64)
	case "integer":
		f, isNum := v.(float64)
		ok = isNum && f == math.Trunc(f)
	}
	if !ok {
		*errs = append(*errs, fmt.Sprintf("%s: %s, want %s", at, jsonKind(v), s.Type))
		return
	}
	if len(s.Enum) > 0 {
		found := false
		for _, e := range s.Enum {
			if e == v {
				found = true
			}
		}
		if !found {
			*errs = append(*errs, fmt.Sprintf("%s: %v is not one of %v", at, v, s.Enum))
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for _, k := range s.Required {
			if _, ok := x[k]; !ok {
				*errs = append(*errs, fmt.Sprintf("%s: missing required %q", at, k))
			}
		}
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if fv, ok := x[k]; ok {
				validate(s.Properties[k], fv, at+"."+k, errs)
			}
		}
	case []any:
		if s.Items != nil {
			for i, it := range x {
				validate(s.Items, it, fmt.Sprintf("%s[%d]", at, i), errs)
			}
		}
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", v), "*")
}

// TestSchemaChecker checks the checker itself on a few bodies against a reference schema.
func TestSchemaChecker(t *testing.T) {
	s := loadSchema(t, "avatar-looks-get.response.json")
	cases := []struct {
		body string
		bad  int
	}{
		{`{"data":{"id":"a","name":"A","avatar_type":"studio_avatar","tags":["x"],"image_width":512,"group_id":null}}`, 0},
		{`{"data":{"id":"a","name":"A"}}`, 1},                                                 // avatar_type missing
		{`{"data":{"id":"a","name":"A","avatar_type":"robot"}}`, 1},                           // not in the enum
		{`{"data":{"id":1,"name":"A","avatar_type":"studio_avatar"}}`, 1},                     // wrong type
		{`{"data":{"id":"a","name":null,"avatar_type":"studio_avatar"}}`, 1},                  // not nullable
		{`{"data":{"id":"a","name":"A","avatar_type":"studio_avatar","image_width":1.5}}`, 1}, // not an integer
		{`{"data":{"id":"a","name":"A","avatar_type":"studio_avatar","tags":[1]}}`, 1},        // item type
	}
	for _, c := range cases {
		var v any
		if err := json.Unmarshal([]byte(c.body), &v); err != nil {
			t.Fatal(err)
		}
		var errs []string
		validate(s, v, "$", &errs)
		if len(errs) != c.bad {
			t.Errorf("%s: %d violations %v, want %d", c.body, len(errs), errs, c.bad)
		}
	}
}
