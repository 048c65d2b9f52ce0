package http

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/webhook"
)

// eventTypes are the events this server emits, with what they mean.
var eventTypes = []struct {
	Type        string `json:"event_type"`
	Description string `json:"description"`
}{
	{videoagent.EventVideoAgentSuccess, "A Video Agent session's video completed: session_id, video_id, url, thumbnail_url, duration, callback_id."},
	{videoagent.EventVideoAgentFail, "A Video Agent session's video failed: session_id, video_id, failure_code, failure_message, callback_id."},
	{videoagent.EventAvatarVideoSuccess, "A direct video (POST /v3/videos) completed: video_id, url, callback_id."},
	{videoagent.EventAvatarVideoFail, "A direct video (POST /v3/videos) failed: video_id, msg, callback_id."},
}

// knownEventTypes are the event types an endpoint may subscribe to: HeyGen's list, so that
// clients written for HeyGen are accepted, though this server emits only eventTypes.
var knownEventTypes = wordSet("avatar_video.success", "avatar_video.fail", "avatar_video_gif.success", "avatar_video_gif.fail",
	"video_translate.success", "video_translate.fail", "video_translate.preflight.validation_failed",
	"video_translate.preflight.download_failed", "personalized_video", "instant_avatar.success", "instant_avatar.fail",
	"photo_avatar_generation.success", "photo_avatar_generation.fail", "photo_avatar_train.success", "photo_avatar_train.fail",
	"photo_avatar_add_motion.success", "photo_avatar_add_motion.fail", "proofread_creation.success", "proofread_creation.fail",
	"live_avatar.success", "live_avatar.fail", "avatar_video_caption.success", "avatar_video_caption.fail",
	"video_agent.success", "video_agent.fail", "hyperframes_video.success", "hyperframes_video.fail",
	"ai_clipping.success", "ai_clipping.fail", "batch.finished")

// wordSet is the set of words.
func wordSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// webhookRoutes registers the webhook endpoints.
func (s *Server) webhookRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v3/webhooks/endpoints", s.createWebhookEndpoint)
	mux.HandleFunc("GET /v3/webhooks/endpoints", s.listWebhookEndpoints)
	mux.HandleFunc("PATCH /v3/webhooks/endpoints/{endpoint_id}", s.updateWebhookEndpoint)
	mux.HandleFunc("DELETE /v3/webhooks/endpoints/{endpoint_id}", s.deleteWebhookEndpoint)
	mux.HandleFunc("POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret", s.rotateWebhookSecret)
	mux.HandleFunc("GET /v3/webhooks/event-types", s.listEventTypes)
	mux.HandleFunc("GET /v3/webhooks/events", s.listWebhookEvents)
}

type webhookEndpointRequest struct {
	URL *string `json:"url"`
	// Events is raw so that null ("all events") differs from absent ("unchanged").
	Events   json.RawMessage `json:"events"`
	EntityID *string         `json:"entity_id"` // accepted for compatibility; not used
}

// events decodes the events field: set reports whether it was present; nil means all.
func (r *webhookEndpointRequest) events() (events []string, set bool, err error) {
	if len(r.Events) == 0 {
		return nil, false, nil
	}
	if string(r.Events) == "null" {
		return nil, true, nil
	}
	if err := json.Unmarshal(r.Events, &events); err != nil {
		return nil, false, videoagent.Invalid("events", "events must be an array of event types or null.")
	}
	if events == nil {
		events = []string{}
	}
	return events, true, validateEvents(events)
}

func validateEvents(events []string) error {
	if len(events) > len(knownEventTypes) {
		return videoagent.Invalid("events", "events may list at most %d types.", len(knownEventTypes))
	}
	for i, e := range events {
		if !knownEventTypes[e] {
			return videoagent.Invalid(fmt.Sprintf("events[%d]", i), "Unknown event type %q; see GET /v3/webhooks/event-types.", e)
		}
	}
	return nil
}

// checkWebhookURL validates a receiver URL: absolute http(s), and allowed by the address
// rules (no private addresses unless the operator allows them).
func (s *Server) checkWebhookURL(r *http.Request, raw string) error {
	return s.checkReceiver(r.Context(), "url", raw)
}

func (s *Server) endpointJSON(e *videoagent.WebhookEndpoint, withSecret bool) map[string]any {
	m := map[string]any{
		"endpoint_id": e.ID,
		"url":         e.URL,
		"events":      e.Events,
		"status":      e.Status,
		"created_at":  e.CreatedAt.UTC().Format(time.RFC3339),
		"secret":      nil,
	}
	if withSecret {
		m["secret"] = e.Secret
	}
	return m
}

func (s *Server) createWebhookEndpoint(w http.ResponseWriter, r *http.Request) {
	var req webhookEndpointRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.URL == nil || *req.URL == "" {
		s.writeError(w, r, videoagent.Invalid("url", "url is required."))
		return
	}
	if err := s.checkWebhookURL(r, *req.URL); err != nil {
		s.writeError(w, r, err)
		return
	}
	events, _, err := req.events()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	e := &videoagent.WebhookEndpoint{AccountID: account(r).ID, URL: *req.URL, Events: events, Status: "enabled", Secret: webhook.NewSecret()}
	if err := s.Store.CreateWebhookEndpoint(r.Context(), e); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.endpointJSON(e, true)))
}

func (s *Server) listWebhookEndpoints(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 10, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	eps, next, err := s.Store.ListWebhookEndpoints(r.Context(), account(r).ID, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(eps))
	for _, e := range eps {
		out = append(out, s.endpointJSON(e, false))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (s *Server) updateWebhookEndpoint(w http.ResponseWriter, r *http.Request) {
	var req webhookEndpointRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.URL == nil && len(req.Events) == 0 {
		s.writeError(w, r, videoagent.Invalid("url", "Send url, events or both to change; this body changes nothing."))
		return
	}
	url := ""
	if req.URL != nil {
		if err := s.checkWebhookURL(r, *req.URL); err != nil {
			s.writeError(w, r, err)
			return
		}
		url = *req.URL
	}
	events, setEvents, err := req.events()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	e, err := s.Store.UpdateWebhookEndpoint(r.Context(), account(r).ID, r.PathValue("endpoint_id"), url, events, setEvents)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.endpointJSON(e, false)))
}

func (s *Server) deleteWebhookEndpoint(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("endpoint_id")
	if err := s.Store.DeleteWebhookEndpoint(r.Context(), account(r).ID, id); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"endpoint_id": id, "deleted": true}))
}

func (s *Server) rotateWebhookSecret(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("endpoint_id")
	secret := webhook.NewSecret()
	if err := s.Store.SetWebhookSecret(r.Context(), account(r).ID, id, secret); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"endpoint_id": id, "secret": secret}))
}

func (s *Server) listEventTypes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list(eventTypes, ""))
}

func (s *Server) listWebhookEvents(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 10, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	typ := q.Get("event_type")
	if typ != "" && !knownEventTypes[typ] {
		s.writeError(w, r, videoagent.Invalid("event_type", "Unknown event type %q.", typ))
		return
	}
	entity := q.Get("entity_id")
	if len(entity) > maxIDChars {
		s.writeError(w, r, videoagent.Invalid("entity_id", "entity_id must be at most %d characters.", maxIDChars))
		return
	}
	evs, next, err := s.Store.ListWebhookEvents(r.Context(), account(r).ID, typ, entity, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(evs))
	for _, e := range evs {
		out = append(out, map[string]any{
			"event_id":   e.ID,
			"event_type": e.Type,
			"event_data": e.Data,
			"created_at": e.CreatedAt.UTC().Format(time.RFC3339),
		})
	}
	writeJSON(w, http.StatusOK, list(out, next))
}
