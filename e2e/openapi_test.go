package e2e

import (
	"bytes"
	"encoding/json"
	"image/color"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestOpenAPI fetches GET /openapi.json and calls every operation it lists against the real
// server with real inputs. Each answer must validate against the document's schema for that
// operation and, for HeyGen's own operations, against the reference schema too.
func TestOpenAPI(t *testing.T) {
	s := startServer(t, "")
	resp, err := http.Get(s.base + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	rawDoc, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var doc struct {
		OpenAPI    string                                           `json:"openapi"`
		Paths      map[string]map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rawDoc, &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi.json: %v, version %q", err, doc.OpenAPI)
	}

	// Fixtures: a finished video and its session, an asset, a webhook endpoint, a look, a voice.
	sid, vid := s.createVideo(map[string]any{"prompt": "A short video about the water cycle: evaporation, condensation and rain."})
	if v := s.waitVideo(vid, 5*time.Minute, "completed", "failed"); v["status"] != "completed" {
		t.Fatalf("fixture video %v", v["status"])
	}
	var resourceID string
	for _, m := range s.call("GET", "/v3/video-agents/"+sid, nil).data()["messages"].([]any) {
		if ids, _ := m.(map[string]any)["resource_ids"].([]any); len(ids) > 0 {
			resourceID = ids[0].(string)
		}
	}
	asset := s.upload("pixel.png", bytes.NewReader(pngBytes(t, 8, 8, color.RGBA{0, 0, 255, 255}))).data()["asset_id"].(string)
	endpoint := s.call("POST", "/v3/webhooks/endpoints", map[string]any{"url": "https://hooks.example.com/x"}).data()["endpoint_id"].(string)
	look := s.call("GET", "/v3/avatars/looks?limit=1", nil).list()[0].(map[string]any)
	voice := s.call("GET", "/v3/voices?limit=1", nil).list()[0].(map[string]any)["voice_id"].(string)
	chatSID := s.call("POST", "/v3/video-agents", map[string]any{"mode": "chat", "avatar_id": "ava-business", "prompt": "A chat session for the OpenAPI test."}).data()["session_id"].(string)
	s.waitSession(chatSID, time.Minute, "reviewing")
	batch := s.call("POST", "/v3/videos/batches", map[string]any{"videos": []any{map[string]any{"type": "avatar", "avatar_id": "ava-business", "script": "Hello."}}})
	batchID, _ := batch.data()["batch_id"].(string)
	if batchID == "" {
		t.Fatalf("batch fixture: %s", batch.Raw)
	}
	memKey := "no-such-key"
	if facts := s.call("GET", "/v3/memory", nil).list(); len(facts) > 0 {
		memKey = facts[0].(map[string]any)["key"].(string)
	}
	params := map[string]string{
		"session_id": sid, "video_id": vid, "resource_id": resourceID, "asset_id": asset, "endpoint_id": endpoint,
		"batch_id": batchID, "group_id": look["group_id"].(string), "look_id": look["id"].(string), "voice_id": voice, "key": memKey,
	}
	bodies := map[string]any{
		"POST /v3/video-agents":                                   map[string]any{"prompt": "A second video, about clouds."},
		"POST /v3/voices/speech":                                  map[string]any{"text": "Hello from the OpenAPI test.", "voice_id": voice},
		"POST /v3/webhooks/endpoints":                             map[string]any{"url": "https://hooks.example.com/y", "events": []string{"video_agent.success"}},
		"PATCH /v3/webhooks/endpoints/{endpoint_id}":              map[string]any{"url": "https://hooks.example.com/z"},
		"POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret": nil,
		"POST /v3/video-agents/{session_id}/stop":                 map[string]any{},
		"POST /v3/video-agents/{session_id}":                      map[string]any{"message": "make it shorter"},
		"POST /v3/videos":                                         map[string]any{"type": "avatar", "avatar_id": "ava-business", "script": "A direct video for the OpenAPI test."},
		"POST /v3/videos/batches":                                 map[string]any{"videos": []any{map[string]any{"type": "avatar", "avatar_id": "ava-business", "script": "One."}}},
	}

	type call struct{ method, path string }
	var calls []call
	for path, methods := range doc.Paths {
		for method := range methods {
			calls = append(calls, call{strings.ToUpper(method), path})
		}
	}
	// Deletes last, so every other operation still finds its fixture.
	sort.Slice(calls, func(i, j int) bool {
		di, dj := calls[i].method == "DELETE", calls[j].method == "DELETE"
		if di != dj {
			return dj
		}
		return calls[i].method+calls[i].path < calls[j].method+calls[j].path
	})
	if len(calls) < 30 {
		t.Fatalf("the document lists only %d operations", len(calls))
	}
	for _, c := range calls {
		op := doc.Paths[c.path][strings.ToLower(c.method)]
		key := c.method + " " + c.path
		path := pathParamRE.ReplaceAllStringFunc(c.path, func(m string) string {
			if key == "POST /v3/video-agents/{session_id}" {
				return chatSID // messages go to chat-mode sessions
			}
			v, ok := params[strings.Trim(m, "{}")]
			if !ok || v == "" {
				t.Fatalf("%s: no fixture for %s", key, m)
			}
			return v
		})
		var r *response
		switch {
		case key == "POST /v3/assets":
			r = s.upload("again.png", bytes.NewReader(pngBytes(t, 4, 4, color.White)))
		case op["requestBody"] != nil:
			body, ok := bodies[key]
			if !ok {
				t.Errorf("%s: the test has no request body for it; add one", key)
				continue
			}
			r = s.call(c.method, path, body)
		default:
			if b, ok := bodies[key]; ok {
				r = s.call(c.method, path, b)
			} else {
				r = s.call(c.method, path, nil)
			}
		}
		if r.Raw == nil {
			raw, _ := json.Marshal(r.Body)
			r.Raw = raw
		}
		want := "200"
		if key == "DELETE /v3/memory/{key}" && memKey == "no-such-key" {
			want = "default"
		}
		if (want == "200") != (r.Status == 200) {
			t.Errorf("%s: HTTP %d %s", key, r.Status, r.Raw)
			continue
		}
		var responses map[string]struct {
			Content map[string]struct {
				Schema struct {
					Ref string `json:"$ref"`
				} `json:"schema"`
				EventData struct {
					Ref string `json:"$ref"`
				} `json:"x-event-data"`
			} `json:"content"`
		}
		json.Unmarshal(op["responses"], &responses)
		if stream, ok := responses[want].Content["text/event-stream"]; ok {
			// An event stream (of a finished session: it ends by itself): every event's
			// data validates against the schema the document names.
			name := strings.TrimPrefix(stream.EventData.Ref, "#/components/schemas/")
			var sch schema
			if err := json.Unmarshal(doc.Components.Schemas[name], &sch); err != nil || name == "" {
				t.Errorf("%s: event schema %q: %v", key, stream.EventData.Ref, err)
				continue
			}
			events := 0
			for _, block := range strings.Split(string(r.Raw), "\n\n") {
				for _, line := range strings.Split(block, "\n") {
					if data, ok := strings.CutPrefix(line, "data: "); ok {
						events++
						checkAgainst(t, key+" (event "+name+")", &sch, []byte(data))
					}
				}
			}
			if events < 2 || !strings.Contains(string(r.Raw), "event: done") {
				t.Errorf("%s: %d events, want progress then done: %s", key, events, r.Raw)
			}
			continue
		}
		ref := responses[want].Content["application/json"].Schema.Ref
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		var sch schema
		if err := json.Unmarshal(doc.Components.Schemas[name], &sch); err != nil || name == "" {
			t.Errorf("%s: schema %q: %v", key, ref, err)
			continue
		}
		checkAgainst(t, key+" (openapi "+name+")", &sch, r.Raw)
		var ext bool
		json.Unmarshal(op["x-extension"], &ext)
		if want == "200" && !ext {
			checkSchema(t, name+".json", r.Raw)
		}
	}
}

var pathParamRE = regexp.MustCompile(`\{[a-z_]+\}`)
