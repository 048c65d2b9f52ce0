package http

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
)

// docsTemplate renders the OpenAPI document as a page for people: one self-contained HTML
// file, no scripts, no fonts or styles from elsewhere.
//
//go:embed docs.html
var docsTemplate string

var docsTmpl = template.Must(template.New("docs").Parse(docsTemplate))

// docOp is one operation as the page shows it.
type docOp struct {
	Method, Path, Summary, ID string
	Extension                 bool
	Params                    []docParam
	BodyType                  string
	Body                      []docField
	Response                  []docField
}

type docParam struct {
	Name, In, Type, Default string
	Required                bool
}

// docField is one property of a schema, flattened with its depth for indentation.
type docField struct {
	Name, Type, Description string
	Required                bool
	Depth                   int
}

type docGroup struct {
	Name string
	Ops  []docOp
}

// serveDocs renders /openapi.json for people.
func (s *Server) serveDocs(w http.ResponseWriter, r *http.Request) {
	page, err := renderDocs(s.openapi)
	if err != nil {
		s.writeError(w, r, fmt.Errorf("render the API docs: %w", err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	w.Write(page)
}

// renderDocs turns an OpenAPI 3.1 document into the docs page.
func renderDocs(raw []byte) ([]byte, error) {
	if raw == nil {
		return nil, fmt.Errorf("no OpenAPI document")
	}
	var doc struct {
		Info struct {
			Title, Version, Description string
		}
		Servers []struct{ URL string }
		Paths   map[string]map[string]map[string]any
		Comps   struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	d := &docRenderer{schemas: doc.Comps.Schemas}
	groups := map[string][]docOp{}
	for path, methods := range doc.Paths {
		for method, o := range methods {
			op := docOp{Method: strings.ToUpper(method), Path: path}
			op.Summary, _ = o["summary"].(string)
			op.ID, _ = o["operationId"].(string)
			op.Extension, _ = o["x-extension"].(bool)
			ps, _ := o["parameters"].([]any)
			for _, p := range ps {
				pm, _ := p.(map[string]any)
				dp := docParam{}
				dp.Name, _ = pm["name"].(string)
				dp.In, _ = pm["in"].(string)
				dp.Required, _ = pm["required"].(bool)
				sch, _ := pm["schema"].(map[string]any)
				dp.Type = d.typeOf(sch)
				if def, ok := sch["default"]; ok {
					b, _ := json.Marshal(def)
					dp.Default = string(b)
				}
				op.Params = append(op.Params, dp)
			}
			if rb, ok := o["requestBody"].(map[string]any); ok {
				content, _ := rb["content"].(map[string]any)
				for ct, c := range content {
					op.BodyType = ct
					cm, _ := c.(map[string]any)
					op.Body = d.fields(cm["schema"], 0)
				}
			}
			if rs, ok := o["responses"].(map[string]any); ok {
				if ok200, ok := rs["200"].(map[string]any); ok {
					content, _ := ok200["content"].(map[string]any)
					if c, ok := content["application/json"].(map[string]any); ok {
						op.Response = d.fields(c["schema"], 0)
					}
				}
			}
			groups[docGroupOf(path)] = append(groups[docGroupOf(path)], op)
		}
	}
	var gs []docGroup
	for name, ops := range groups {
		sort.Slice(ops, func(i, j int) bool {
			if ops[i].Path != ops[j].Path {
				return ops[i].Path < ops[j].Path
			}
			return methodRank(ops[i].Method) < methodRank(ops[j].Method)
		})
		gs = append(gs, docGroup{Name: name, Ops: ops})
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].Name < gs[j].Name })
	server := ""
	if len(doc.Servers) > 0 {
		server = doc.Servers[0].URL
	}
	var buf bytes.Buffer
	err := docsTmpl.Execute(&buf, map[string]any{
		"Title": doc.Info.Title, "Version": doc.Info.Version, "Description": doc.Info.Description,
		"Server": server, "Groups": gs,
	})
	return buf.Bytes(), err
}

// docGroupOf groups operations by the first path segment after /v3.
func docGroupOf(path string) string {
	parts := strings.Split(strings.TrimPrefix(path, "/v3/"), "/")
	return parts[0]
}

func methodRank(m string) int {
	return strings.Index("GET POST PATCH PUT DELETE", m)
}

// docRenderer resolves and flattens schemas.
type docRenderer struct {
	schemas map[string]any
}

// maxDocDepth bounds nesting (and breaks reference cycles).
const maxDocDepth = 6

func (d *docRenderer) resolve(v any) map[string]any {
	m, _ := v.(map[string]any)
	for i := 0; i < 8 && m != nil; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			break
		}
		m, _ = d.schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
	}
	return m
}

// typeOf names a schema's type for people: "string", "integer | null", "array of object",
// "one of: ...", with an enum's values.
func (d *docRenderer) typeOf(v any) string {
	m := d.resolve(v)
	if m == nil {
		return "any"
	}
	var t string
	switch x := m["type"].(type) {
	case string:
		t = x
	case []any:
		var ts []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				ts = append(ts, s)
			}
		}
		t = strings.Join(ts, " | ")
	}
	if t == "" {
		for _, k := range []string{"oneOf", "anyOf", "allOf"} {
			if alts, ok := m[k].([]any); ok {
				var ts []string
				for _, a := range alts {
					ts = append(ts, d.typeOf(a))
				}
				t = strings.ReplaceAll(k, "Of", " of") + ": " + strings.Join(ts, ", ")
			}
		}
	}
	if strings.HasPrefix(t, "array") {
		t += " of " + d.typeOf(m["items"])
	}
	if enum, ok := m["enum"].([]any); ok && len(enum) > 0 && len(enum) <= 40 {
		var es []string
		for _, e := range enum {
			b, _ := json.Marshal(e)
			es = append(es, string(b))
		}
		t += " (" + strings.Join(es, ", ") + ")"
	}
	if t == "" {
		t = "any"
	}
	return t
}

// fields flattens an object schema's properties (and those of its objects, arrays of
// objects and allOf parts) into rows.
func (d *docRenderer) fields(v any, depth int) []docField {
	m := d.resolve(v)
	if m == nil || depth > maxDocDepth {
		return nil
	}
	if items, ok := m["items"]; ok {
		return d.fields(items, depth)
	}
	var out []docField
	if all, ok := m["allOf"].([]any); ok {
		for _, a := range all {
			out = append(out, d.fields(a, depth)...)
		}
	}
	props, _ := m["properties"].(map[string]any)
	required := map[string]bool{}
	if rs, ok := m["required"].([]any); ok {
		for _, r := range rs {
			if s, ok := r.(string); ok {
				required[s] = true
			}
		}
	}
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if required[names[i]] != required[names[j]] {
			return required[names[i]]
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		p := d.resolve(props[n])
		f := docField{Name: n, Type: d.typeOf(props[n]), Required: required[n], Depth: depth}
		f.Description, _ = p["description"].(string)
		out = append(out, f)
		out = append(out, d.fields(p, depth+1)...)
	}
	return out
}
