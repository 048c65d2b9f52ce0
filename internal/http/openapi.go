package http

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// The schemas of the OpenAPI document: HeyGen's v3 request and response schemas for the
// endpoints we serve (copied from the reference, structure only), and ours for the
// extension endpoints and the error envelope.
//
//go:embed openapi/*.json
var schemaFS embed.FS

// param is a query parameter of an operation.
type param struct {
	Name     string
	Type     string // "int" | "string"
	Default  string // JSON, "" for none
	Min, Max int
	Enum     []string
	Required bool
}

// operation is one endpoint of the API, as the OpenAPI document describes it.
type operation struct {
	Method, Path, Summary string
	Body                  string // "json" | "multipart" | ""
	Request, Response     string // schema file names in openapi/
	Params                []param
	Extension             bool // ours, not HeyGen's
	// Stream marks a server-sent event stream: Response is the schema of each event's data.
	Stream bool
}

// operations lists every endpoint the server serves under /v3. A test checks it against the
// routes the handlers register, so it cannot drift. The rows for HeyGen's endpoints were
// derived from the reference's endpoints.json.
var operations = []operation{
	{Method: "POST", Path: "/v3/video-agents", Summary: "video-agent create", Body: "json", Request: "video-agent-create.request.json", Response: "video-agent-create.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/video-agents", Summary: "video-agent list", Body: "", Request: "", Response: "video-agent-list.response.json", Params: []param{{Name: "limit", Type: "int", Default: "20", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/video-agents/{session_id}", Summary: "video-agent get", Body: "", Request: "", Response: "video-agent-get.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/video-agents/{session_id}", Summary: "video-agent send", Body: "json", Request: "video-agent-send.request.json", Response: "video-agent-send.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/video-agents/{session_id}/stop", Summary: "video-agent stop", Body: "json", Request: "video-agent-stop.request.json", Response: "video-agent-stop.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/video-agents/{session_id}/videos", Summary: "video-agent videos list", Body: "", Request: "", Response: "video-agent-videos-list.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/video-agents/{session_id}/resources/{resource_id}", Summary: "video-agent resources get", Body: "", Request: "", Response: "video-agent-resources-get.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/video-agents/styles", Summary: "video-agent styles list", Body: "", Request: "", Response: "video-agent-styles-list.response.json", Params: []param{{Name: "tag", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "limit", Type: "int", Default: "20", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/videos", Summary: "video list", Body: "", Request: "", Response: "video-list.response.json", Params: []param{{Name: "limit", Type: "int", Default: "10", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "folder_id", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "title", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/videos/{video_id}", Summary: "video get", Body: "", Request: "", Response: "video-get.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/videos", Summary: "video create", Body: "json", Request: "video-create.request.json", Response: "video-create.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/videos/batches", Summary: "video batches create", Body: "json", Request: "video-batches-create.request.json", Response: "video-batches-get.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/videos/batches/{batch_id}", Summary: "video batches get", Body: "", Request: "", Response: "video-batches-get.response.json", Params: []param{{Name: "limit", Type: "int", Default: "100", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/videos/statuses", Summary: "video statuses list", Body: "", Request: "", Response: "video-statuses-list.response.json", Params: []param{{Name: "video_ids", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "batch_ids", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "DELETE", Path: "/v3/videos/{video_id}", Summary: "video delete", Body: "", Request: "", Response: "video-delete.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/assets", Summary: "asset create", Body: "multipart", Request: "asset-create.request.json", Response: "asset-create.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/assets", Summary: "asset list", Body: "", Request: "", Response: "asset-list.response.json", Params: []param{{Name: "username", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: true}, {Name: "limit", Type: "int", Default: "20", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "folder_id", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/assets/{asset_id}", Summary: "asset get", Body: "", Request: "", Response: "asset-get.response.json", Params: []param{}},
	{Method: "DELETE", Path: "/v3/assets/{asset_id}", Summary: "asset delete", Body: "", Request: "", Response: "asset-delete.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/avatars", Summary: "avatar list", Body: "", Request: "", Response: "avatar-list.response.json", Params: []param{{Name: "ownership", Type: "string", Default: "", Min: 0, Max: 0, Enum: []string{"public", "private"}, Required: false}, {Name: "limit", Type: "int", Default: "20", Min: 1, Max: 50, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/avatars/{group_id}", Summary: "avatar get", Body: "", Request: "", Response: "avatar-get.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/avatars/looks", Summary: "avatar looks list", Body: "", Request: "", Response: "avatar-looks-list.response.json", Params: []param{{Name: "group_id", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "avatar_type", Type: "string", Default: "", Min: 0, Max: 0, Enum: []string{"studio_avatar", "digital_twin", "photo_avatar"}, Required: false}, {Name: "ownership", Type: "string", Default: "", Min: 0, Max: 0, Enum: []string{"public", "private"}, Required: false}, {Name: "limit", Type: "int", Default: "20", Min: 1, Max: 50, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/avatars/looks/{look_id}", Summary: "avatar looks get", Body: "", Request: "", Response: "avatar-looks-get.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/voices", Summary: "voice list", Body: "", Request: "", Response: "voice-list.response.json", Params: []param{{Name: "type", Type: "string", Default: "\"public\"", Min: 0, Max: 0, Enum: []string{"public", "private"}, Required: false}, {Name: "engine", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "language", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "gender", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "limit", Type: "int", Default: "20", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/voices/{voice_id}", Summary: "voice get", Body: "", Request: "", Response: "voice-get.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/voices/speech", Summary: "voice speech create", Body: "json", Request: "voice-speech-create.request.json", Response: "voice-speech-create.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/webhooks/endpoints", Summary: "webhook endpoints create", Body: "json", Request: "webhook-endpoints-create.request.json", Response: "webhook-endpoints-create.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/webhooks/endpoints", Summary: "webhook endpoints list", Body: "", Request: "", Response: "webhook-endpoints-list.response.json", Params: []param{{Name: "limit", Type: "int", Default: "10", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "PATCH", Path: "/v3/webhooks/endpoints/{endpoint_id}", Summary: "webhook endpoints update", Body: "json", Request: "webhook-endpoints-update.request.json", Response: "webhook-endpoints-update.response.json", Params: []param{}},
	{Method: "DELETE", Path: "/v3/webhooks/endpoints/{endpoint_id}", Summary: "webhook endpoints delete", Body: "", Request: "", Response: "webhook-endpoints-delete.response.json", Params: []param{}},
	{Method: "POST", Path: "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret", Summary: "webhook endpoints rotate-secret", Body: "", Request: "", Response: "webhook-endpoints-rotate-secret.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/webhooks/event-types", Summary: "webhook event-types list", Body: "", Request: "", Response: "webhook-event-types-list.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/webhooks/events", Summary: "webhook events list", Body: "", Request: "", Response: "webhook-events-list.response.json", Params: []param{{Name: "event_type", Type: "string", Default: "", Min: 0, Max: 0, Enum: []string{"avatar_video.success", "avatar_video.fail", "avatar_video_gif.success", "avatar_video_gif.fail", "video_translate.success", "video_translate.fail", "video_translate.preflight.validation_failed", "video_translate.preflight.download_failed", "personalized_video", "instant_avatar.success", "instant_avatar.fail", "photo_avatar_generation.success", "photo_avatar_generation.fail", "photo_avatar_train.success", "photo_avatar_train.fail", "photo_avatar_add_motion.success", "photo_avatar_add_motion.fail", "proofread_creation.success", "proofread_creation.fail", "live_avatar.success", "live_avatar.fail", "avatar_video_caption.success", "avatar_video_caption.fail", "video_agent.success", "video_agent.fail", "hyperframes_video.success", "hyperframes_video.fail", "ai_clipping.success", "ai_clipping.fail", "batch.finished"}, Required: false}, {Name: "entity_id", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}, {Name: "limit", Type: "int", Default: "10", Min: 1, Max: 100, Enum: nil, Required: false}, {Name: "token", Type: "string", Default: "", Min: 0, Max: 0, Enum: nil, Required: false}}},
	{Method: "GET", Path: "/v3/users/me", Summary: "user me get", Body: "", Request: "", Response: "user-me-get.response.json", Params: []param{}},
	{Method: "GET", Path: "/v3/memory", Summary: "memory list (extension)", Response: "memory-list.response.json", Extension: true},
	{Method: "DELETE", Path: "/v3/memory", Summary: "memory clear (extension)", Response: "memory-delete.response.json", Extension: true},
	{Method: "DELETE", Path: "/v3/memory/{key}", Summary: "memory delete one fact (extension)", Response: "memory-delete.response.json", Extension: true},
	{Method: "GET", Path: "/v3/video-agents/{session_id}/events", Summary: "video-agent events stream (extension)", Response: "video-agent-events.event.json", Extension: true, Stream: true},
	{Method: "GET", Path: "/v3/brand-kits", Summary: "brand kits list", Response: "brand-kits-list.response.json", Params: []param{{Name: "limit", Type: "int", Default: "20", Min: 1, Max: 100}, {Name: "token", Type: "string"}}},
	{Method: "POST", Path: "/v3/brand-kits", Summary: "brand kit create (extension)", Body: "json", Request: "brand-kit.request.json", Response: "brand-kit.response.json", Extension: true},
	{Method: "GET", Path: "/v3/brand-kits/{brand_kit_id}", Summary: "brand kit get (extension)", Response: "brand-kit.response.json", Extension: true},
	{Method: "PATCH", Path: "/v3/brand-kits/{brand_kit_id}", Summary: "brand kit update (extension)", Body: "json", Request: "brand-kit.request.json", Response: "brand-kit.response.json", Extension: true},
	{Method: "DELETE", Path: "/v3/brand-kits/{brand_kit_id}", Summary: "brand kit delete (extension)", Response: "brand-kit-delete.response.json", Extension: true},
	{Method: "POST", Path: "/v3/assets/direct-uploads", Summary: "asset direct-uploads create", Body: "json", Request: "asset-direct-upload.request.json", Response: "asset-direct-upload.response.json"},
	{Method: "POST", Path: "/v3/assets/{asset_id}/complete", Summary: "asset complete create", Body: "json", Request: "asset-complete.request.json", Response: "asset-get.response.json"},
	{Method: "POST", Path: "/v3/avatars", Summary: "avatar create (type prompt: a look drawn from a description)", Body: "json", Request: "avatar-create.request.json", Response: "avatar-looks-get.response.json"},
	{Method: "PATCH", Path: "/v3/avatars/looks/{look_id}", Summary: "avatar looks update (own looks only)", Body: "json", Request: "avatar-look-update.request.json", Response: "avatar-looks-get.response.json"},
	{Method: "DELETE", Path: "/v3/avatars/looks/{look_id}", Summary: "avatar looks delete (own looks only)", Response: "avatar-delete.response.json"},
	{Method: "DELETE", Path: "/v3/avatars/{group_id}", Summary: "avatar delete (own avatars only)", Response: "avatar-delete.response.json"},
	{Method: "GET", Path: "/v3/assets/statuses", Summary: "asset statuses list", Response: "asset-statuses.response.json", Params: []param{{Name: "asset_ids", Type: "string"}, {Name: "batch_ids", Type: "string"}}},
}

var pathParamRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// openAPIDocument builds the OpenAPI 3.1 document for a server at baseURL.
func openAPIDocument(baseURL string) ([]byte, error) {
	schemas := map[string]any{}
	load := func(file string) (string, error) {
		name := strings.TrimSuffix(file, ".json")
		if _, ok := schemas[name]; ok {
			return name, nil
		}
		raw, err := schemaFS.ReadFile("openapi/" + file)
		if err != nil {
			return "", fmt.Errorf("openapi schema %s: %w", file, err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return "", fmt.Errorf("openapi schema %s: %w", file, err)
		}
		schemas[name] = nullableTo31(v)
		return name, nil
	}
	errName, err := load("error.json")
	if err != nil {
		return nil, err
	}
	paths := map[string]map[string]any{}
	for _, op := range operations {
		o := map[string]any{
			"operationId": strings.ReplaceAll(op.Summary, " ", "_"),
			"summary":     op.Summary,
			"security":    []any{map[string]any{"ApiKey": []any{}}, map[string]any{"Bearer": []any{}}},
		}
		if op.Extension {
			o["x-extension"] = true
		}
		var params []any
		for _, m := range pathParamRE.FindAllStringSubmatch(op.Path, -1) {
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
		for _, p := range op.Params {
			sch := map[string]any{"type": "string"}
			if p.Type == "int" {
				sch = map[string]any{"type": "integer"}
				if p.Min != 0 || p.Max != 0 {
					sch["minimum"], sch["maximum"] = p.Min, p.Max
				}
			}
			if p.Enum != nil {
				sch["enum"] = p.Enum
			}
			if p.Default != "" {
				var d any
				json.Unmarshal([]byte(p.Default), &d)
				sch["default"] = d
			}
			params = append(params, map[string]any{"name": p.Name, "in": "query", "required": p.Required, "schema": sch})
		}
		if params != nil {
			o["parameters"] = params
		}
		if op.Request != "" {
			name, err := load(op.Request)
			if err != nil {
				return nil, err
			}
			ct := "application/json"
			if op.Body == "multipart" {
				ct = "multipart/form-data"
			}
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{ct: map[string]any{"schema": ref(name)}}}
		}
		resp := map[string]any{}
		if op.Response != "" {
			name, err := load(op.Response)
			if err != nil {
				return nil, err
			}
			if op.Stream {
				resp["200"] = map[string]any{"description": "A text/event-stream of session events; each event's data is JSON of this schema.",
					"content": map[string]any{"text/event-stream": map[string]any{"schema": map[string]any{"type": "string"}, "x-event-data": ref(name)}}}
			} else {
				resp["200"] = map[string]any{"description": "OK", "content": map[string]any{"application/json": map[string]any{"schema": ref(name)}}}
			}
		}
		resp["default"] = map[string]any{"description": "Error", "content": map[string]any{"application/json": map[string]any{"schema": ref(errName)}}}
		o["responses"] = resp
		if paths[op.Path] == nil {
			paths[op.Path] = map[string]any{}
		}
		paths[op.Path][strings.ToLower(op.Method)] = o
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Open Video Agent",
			"version":     "1",
			"description": "A self-hosted server wire-compatible with HeyGen's v3 Video Agent API. Operations marked x-extension are ours.",
		},
		"servers": []any{map[string]any{"url": strings.TrimRight(baseURL, "/")}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"ApiKey": map[string]any{"type": "apiKey", "in": "header", "name": "X-Api-Key"},
				"Bearer": map[string]any{"type": "http", "scheme": "bearer"},
			},
		},
	}
	return json.MarshalIndent(doc, "", " ")
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

// nullableTo31 rewrites OpenAPI 3.0's `nullable: true` into 3.1's type arrays.
func nullableTo31(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "nullable" {
				continue
			}
			out[k] = nullableTo31(x[k])
		}
		if n, _ := x["nullable"].(bool); n {
			if t, ok := x["type"].(string); ok {
				out["type"] = []any{t, "null"}
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = nullableTo31(x[i])
		}
		return out
	}
	return v
}

// serveOpenAPI serves the document; it needs no key.
func (s *Server) serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	if s.openapi == nil {
		s.writeError(w, r, fmt.Errorf("the OpenAPI document could not be built"))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(s.openapi)
}
