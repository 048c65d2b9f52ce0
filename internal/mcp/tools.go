package mcp

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// Version is the server version reported to MCP clients.
var Version = "dev"

// Waits of the wait tools: how often they poll and for how long at most.
var (
	pollEvery   = time.Second
	defaultWait = 10 * time.Minute
	maxWait     = 30 * time.Minute
)

// NewServer returns the MCP server with every tool, calling api.
func NewServer(api *API) *sdk.Server {
	s := sdk.NewServer(&sdk.Implementation{Name: "openvideoagent", Title: "Open Video Agent", Version: Version},
		&sdk.ServerOptions{Instructions: "Make explainer videos with a presenter from a prompt. create_video_agent plans and renders a video (wait=true returns when it is done); in chat mode send_message revises it. Every result carries the video URL once the video is ready."})
	t := &tools{api: api}
	sdk.AddTool(s, &sdk.Tool{Name: "create_video_agent", Title: "Create a video from a prompt",
		Description: "Ask the video agent for a video: it writes the script, plans the scenes, picks a presenter and voice unless given, and renders an MP4. mode \"generate\" (default) renders at once; \"chat\" proposes a storyboard first, to revise with send_message. With wait=true the call returns when the video is ready."}, t.createAgent)
	sdk.AddTool(s, &sdk.Tool{Name: "create_video", Title: "Create a video from a script",
		Description: "Render a presenter speaking a script word for word (a direct video, POST /v3/videos with type avatar). With wait=true the call returns when the video is ready."}, t.createDirect)
	sdk.AddTool(s, &sdk.Tool{Name: "send_message", Title: "Send a chat message",
		Description: "Send a message to a chat-mode session: answer its question, ask for changes (\"make scene 2 shorter\"), or approve the storyboard (\"looks good, render it\"). With wait=true the call returns after the agent answers, and after the video it starts is ready."}, t.sendMessage)
	sdk.AddTool(s, &sdk.Tool{Name: "get_session", Title: "Get a session",
		Description: "Read a video agent session: status, progress, newest messages and its newest video."}, t.getSession)
	sdk.AddTool(s, &sdk.Tool{Name: "get_video", Title: "Get a video",
		Description: "Read a video: status, duration and its download URLs (MP4, captions, GIF, thumbnail) once completed."}, t.getVideo)
	sdk.AddTool(s, &sdk.Tool{Name: "wait_for_video", Title: "Wait for a video",
		Description: "Wait until a video is completed or failed (at most timeout_sec, default 600) and return it."}, t.waitVideo)
	sdk.AddTool(s, &sdk.Tool{Name: "list_presenters", Title: "List presenters",
		Description: "List the presenter looks (avatar_id for the create tools) with their preview pictures."}, t.listPresenters)
	sdk.AddTool(s, &sdk.Tool{Name: "list_voices", Title: "List voices",
		Description: "List voices (voice_id for the create tools), optionally of one language (e.g. \"en\" or \"es\")."}, t.listVoices)
	sdk.AddTool(s, &sdk.Tool{Name: "list_styles", Title: "List styles",
		Description: "List visual styles (style_id for create_video_agent) with preview pictures."}, t.listStyles)
	return s
}

// Handler serves the tools over streamable HTTP at /mcp, statelessly: each request's own
// API key (X-Api-Key or Authorization: Bearer) is the key of its tool calls.
//
// The SDK's DNS-rebinding guard (403 for a loopback connection with another Host) is off:
// it would refuse every request a reverse proxy on the same machine forwards, and it is
// not needed here, because /mcp takes no ambient credential (no cookie): a page that
// rebinds a name to this server cannot send the API key it does not know.
func Handler(api *API) http.Handler {
	s := NewServer(api)
	return sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return s },
		&sdk.StreamableHTTPOptions{Stateless: true, JSONResponse: true, DisableLocalhostProtection: true})
}

type tools struct{ api *API }

// key is the API key of a tool call: the HTTP request's, or "" (the API's default).
func key(req *sdk.CallToolRequest) string {
	if req == nil || req.Extra == nil || req.Extra.Header == nil {
		return ""
	}
	h := req.Extra.Header
	if k := h.Get("X-Api-Key"); k != "" {
		return k
	}
	if a := h.Get("Authorization"); len(a) > 7 && strings.EqualFold(a[:7], "Bearer ") {
		return strings.TrimSpace(a[7:])
	}
	return ""
}

// Video is a video as the tools return it.
type Video struct {
	ID             string   `json:"id"`
	Status         string   `json:"status"`
	Title          *string  `json:"title"`
	Duration       *float64 `json:"duration"`
	VideoURL       *string  `json:"video_url"`
	ThumbnailURL   *string  `json:"thumbnail_url"`
	SubtitleURL    *string  `json:"subtitle_url"`
	GIFURL         *string  `json:"gif_url"`
	FailureCode    *string  `json:"failure_code"`
	FailureMessage *string  `json:"failure_message"`
}

// Result is what every video tool returns: the session and video it concerns, and a
// one-paragraph summary (also the text content of the result).
type Result struct {
	SessionID string  `json:"session_id,omitempty"`
	Status    string  `json:"status"`
	VideoID   string  `json:"video_id,omitempty"`
	VideoURL  *string `json:"video_url"`
	Video     *Video  `json:"video,omitempty"`
	// Reply is the agent's newest message in a chat session.
	Reply   string `json:"reply,omitempty"`
	Summary string `json:"summary"`
}

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// summarize fills r.Summary and r.VideoURL from what r holds.
func (r *Result) summarize(lead string) {
	var b strings.Builder
	b.WriteString(lead)
	if v := r.Video; v != nil {
		r.VideoURL = v.VideoURL
		switch v.Status {
		case "completed":
			fmt.Fprintf(&b, " Video %s is ready", v.ID)
			if v.Title != nil {
				fmt.Fprintf(&b, " (%q", *v.Title)
				if v.Duration != nil {
					fmt.Fprintf(&b, ", %.1f s", *v.Duration)
				}
				b.WriteString(")")
			}
			fmt.Fprintf(&b, ": %s", s(v.VideoURL))
			if v.SubtitleURL != nil {
				fmt.Fprintf(&b, " Captions: %s", *v.SubtitleURL)
			}
		case "failed":
			fmt.Fprintf(&b, " Video %s failed (%s): %s", v.ID, s(v.FailureCode), s(v.FailureMessage))
		default:
			fmt.Fprintf(&b, " Video %s is %s; call wait_for_video with video_id %q to get its URL.", v.ID, v.Status, v.ID)
		}
	}
	if r.Reply != "" {
		fmt.Fprintf(&b, " Agent: %s", r.Reply)
	}
	r.Summary = strings.TrimSpace(b.String())
}

func done(r *Result) (*sdk.CallToolResult, Result, error) {
	text := r.Summary
	if r.VideoURL != nil {
		if !strings.Contains(text, *r.VideoURL) {
			text += "\n" + *r.VideoURL
		}
	}
	res := &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: text}}}
	if r.Video != nil && r.Video.Status == "failed" {
		res.IsError = true
	}
	return res, *r, nil
}

// CreateAgentInput is the input of create_video_agent.
type CreateAgentInput struct {
	Prompt      string  `json:"prompt" jsonschema:"what the video is about, its audience and tone"`
	Mode        string  `json:"mode,omitempty" jsonschema:"generate (default) renders at once; chat proposes a storyboard to revise first"`
	Orientation string  `json:"orientation,omitempty" jsonschema:"landscape (16:9, default) or portrait (9:16)"`
	DurationSec float64 `json:"duration_sec,omitempty" jsonschema:"target length in seconds, 5 to 1800"`
	AvatarID    string  `json:"avatar_id,omitempty" jsonschema:"a presenter look id from list_presenters"`
	VoiceID     string  `json:"voice_id,omitempty" jsonschema:"a voice id from list_voices"`
	StyleID     string  `json:"style_id,omitempty" jsonschema:"a style id from list_styles"`
	Wait        bool    `json:"wait,omitempty" jsonschema:"return only when the video is ready (generate mode) or the agent has answered (chat mode)"`
	TimeoutSec  int     `json:"timeout_sec,omitempty" jsonschema:"how long wait may take, default 600"`
}

func (t *tools) createAgent(ctx context.Context, req *sdk.CallToolRequest, in CreateAgentInput) (*sdk.CallToolResult, Result, error) {
	body := map[string]any{"prompt": in.Prompt}
	for k, v := range map[string]string{"mode": in.Mode, "orientation": in.Orientation, "avatar_id": in.AvatarID, "voice_id": in.VoiceID, "style_id": in.StyleID} {
		if v != "" {
			body[k] = v
		}
	}
	if in.DurationSec != 0 {
		body["duration_sec"] = in.DurationSec
	}
	var out struct {
		SessionID string  `json:"session_id"`
		Status    string  `json:"status"`
		VideoID   *string `json:"video_id"`
	}
	k := key(req)
	if err := t.api.do(ctx, k, "POST", "/v3/video-agents", body, &out); err != nil {
		return nil, Result{}, err
	}
	r := &Result{SessionID: out.SessionID, Status: out.Status, VideoID: s(out.VideoID)}
	if r.VideoID == "" {
		// Chat mode: no video until a storyboard is approved.
		if in.Wait {
			if err := t.waitTurn(ctx, k, r, in.TimeoutSec, newProgress(req)); err != nil {
				return nil, Result{}, err
			}
		}
		r.summarize(fmt.Sprintf("Chat session %s is %s; revise or approve with send_message.", r.SessionID, r.Status))
		return done(r)
	}
	v, err := t.video(ctx, k, r.VideoID, in.Wait, in.TimeoutSec, newProgress(req), r.SessionID)
	if err != nil {
		return nil, Result{}, err
	}
	r.Video, r.Status = v, v.Status
	r.summarize(fmt.Sprintf("Session %s.", r.SessionID))
	return done(r)
}

// CreateDirectInput is the input of create_video.
type CreateDirectInput struct {
	Script      string `json:"script" jsonschema:"the words the presenter says"`
	AvatarID    string `json:"avatar_id" jsonschema:"a presenter look id from list_presenters"`
	VoiceID     string `json:"voice_id,omitempty" jsonschema:"a voice id from list_voices; default: the presenter's voice"`
	Title       string `json:"title,omitempty"`
	AspectRatio string `json:"aspect_ratio,omitempty" jsonschema:"16:9 (default), 9:16, 1:1, 4:5 or 5:4"`
	Wait        bool   `json:"wait,omitempty" jsonschema:"return only when the video is ready"`
	TimeoutSec  int    `json:"timeout_sec,omitempty" jsonschema:"how long wait may take, default 600"`
}

func (t *tools) createDirect(ctx context.Context, req *sdk.CallToolRequest, in CreateDirectInput) (*sdk.CallToolResult, Result, error) {
	body := map[string]any{"type": "avatar", "avatar_id": in.AvatarID, "script": in.Script}
	for k, v := range map[string]string{"voice_id": in.VoiceID, "title": in.Title, "aspect_ratio": in.AspectRatio} {
		if v != "" {
			body[k] = v
		}
	}
	var out struct {
		VideoID string `json:"video_id"`
	}
	k := key(req)
	if err := t.api.do(ctx, k, "POST", "/v3/videos", body, &out); err != nil {
		return nil, Result{}, err
	}
	v, err := t.video(ctx, k, out.VideoID, in.Wait, in.TimeoutSec, newProgress(req), "")
	if err != nil {
		return nil, Result{}, err
	}
	r := &Result{VideoID: v.ID, Status: v.Status, Video: v}
	r.summarize("")
	return done(r)
}

// SendMessageInput is the input of send_message.
type SendMessageInput struct {
	SessionID  string `json:"session_id" jsonschema:"a chat-mode session from create_video_agent"`
	Message    string `json:"message" jsonschema:"the answer, change request or approval"`
	Wait       bool   `json:"wait,omitempty" jsonschema:"return after the agent answers and any video it starts is ready"`
	TimeoutSec int    `json:"timeout_sec,omitempty" jsonschema:"how long wait may take, default 600"`
}

func (t *tools) sendMessage(ctx context.Context, req *sdk.CallToolRequest, in SendMessageInput) (*sdk.CallToolResult, Result, error) {
	k := key(req)
	if err := t.api.do(ctx, k, "POST", "/v3/video-agents/"+url.PathEscape(in.SessionID), map[string]any{"message": in.Message}, nil); err != nil {
		return nil, Result{}, err
	}
	r := &Result{SessionID: in.SessionID, Status: "thinking"}
	if in.Wait {
		if err := t.waitTurn(ctx, k, r, in.TimeoutSec, newProgress(req)); err != nil {
			return nil, Result{}, err
		}
	}
	r.summarize(fmt.Sprintf("Session %s is %s.", r.SessionID, r.Status))
	return done(r)
}

// SessionInput names a session.
type SessionInput struct {
	SessionID string `json:"session_id"`
}

func (t *tools) getSession(ctx context.Context, req *sdk.CallToolRequest, in SessionInput) (*sdk.CallToolResult, Result, error) {
	r := &Result{SessionID: in.SessionID}
	se, err := t.session(ctx, key(req), in.SessionID)
	if err != nil {
		return nil, Result{}, err
	}
	t.fill(ctx, key(req), r, se)
	r.summarize(fmt.Sprintf("Session %s is %s (%d%%).", r.SessionID, r.Status, se.Progress))
	return done(r)
}

// VideoInput names a video.
type VideoInput struct {
	VideoID string `json:"video_id"`
}

func (t *tools) getVideo(ctx context.Context, req *sdk.CallToolRequest, in VideoInput) (*sdk.CallToolResult, Result, error) {
	v, err := t.video(ctx, key(req), in.VideoID, false, 0, nil, "")
	if err != nil {
		return nil, Result{}, err
	}
	r := &Result{VideoID: v.ID, Status: v.Status, Video: v}
	r.summarize("")
	return done(r)
}

// WaitInput names a video and how long to wait for it.
type WaitInput struct {
	VideoID    string `json:"video_id"`
	TimeoutSec int    `json:"timeout_sec,omitempty" jsonschema:"how long to wait at most, default 600"`
}

func (t *tools) waitVideo(ctx context.Context, req *sdk.CallToolRequest, in WaitInput) (*sdk.CallToolResult, Result, error) {
	v, err := t.video(ctx, key(req), in.VideoID, true, in.TimeoutSec, newProgress(req), "")
	if err != nil {
		return nil, Result{}, err
	}
	r := &Result{VideoID: v.ID, Status: v.Status, Video: v}
	r.summarize("")
	return done(r)
}

func waitFor(sec int) time.Duration {
	d := time.Duration(sec) * time.Second
	if d <= 0 {
		return defaultWait
	}
	return min(d, maxWait)
}

// progress sends MCP progress notifications for a tool call whose client asked for them
// (a progress token): the percent of the session when there is one, else the status.
type progress struct {
	req  *sdk.CallToolRequest
	last string
	n    float64
}

func newProgress(req *sdk.CallToolRequest) *progress {
	if req == nil || req.Session == nil || req.Params == nil || req.Params.GetProgressToken() == nil {
		return nil
	}
	return &progress{req: req}
}

// report sends pc (0-100, or -1 when unknown) and msg when they changed.
func (p *progress) report(ctx context.Context, pc int, msg string) {
	if p == nil {
		return
	}
	if k := fmt.Sprint(pc, msg); k != p.last {
		p.last = k
		// Progress must increase with every notification, even when the percent does not.
		p.n = max(p.n+0.01, float64(pc))
		params := &sdk.ProgressNotificationParams{ProgressToken: p.req.Params.GetProgressToken(), Progress: p.n, Message: msg}
		if pc >= 0 {
			params.Total = 100
		}
		p.req.Session.NotifyProgress(ctx, params) // best effort: a client that left is no error here
	}
}

// stage names a session's stage for people, from its status and percent.
func stage(status string, pc int) string {
	switch {
	case status != "generating" && status != "thinking":
		return status
	case pc < 15:
		return "planning"
	case pc < 35:
		return "writing the narration"
	case pc < 95:
		return "rendering"
	}
	return "publishing"
}

// video reads a video, waiting until it is completed or failed when wait is set; while it
// waits it reports progress (the session's, when sessionID is known).
func (t *tools) video(ctx context.Context, key, id string, wait bool, timeoutSec int, p *progress, sessionID string) (*Video, error) {
	deadline := time.Now().Add(waitFor(timeoutSec))
	for {
		var v Video
		if err := t.api.do(ctx, key, "GET", "/v3/videos/"+url.PathEscape(id), nil, &v); err != nil {
			return nil, err
		}
		if !wait || v.Status == "completed" || v.Status == "failed" {
			if wait && v.Status == "completed" {
				p.report(ctx, 100, "completed, 100%") // the end, however fast it came
			} else if wait {
				p.report(ctx, -1, "video "+v.Status)
			}
			return &v, nil
		}
		if p != nil {
			var se *sessionView
			if sessionID != "" {
				se, _ = t.session(ctx, key, sessionID)
			}
			if se != nil && se.SessionID != "" {
				p.report(ctx, se.Progress, fmt.Sprintf("%s, %d%%", stage(se.Status, se.Progress), se.Progress))
			} else {
				p.report(ctx, -1, "video "+v.Status)
			}
		}
		if time.Now().After(deadline) {
			return &v, nil // the summary says it is still going and how to wait again
		}
		if err := sleep(ctx, pollEvery); err != nil {
			return nil, err
		}
	}
}

type sessionView struct {
	SessionID string  `json:"session_id"`
	Status    string  `json:"status"`
	Progress  int     `json:"progress"`
	VideoID   *string `json:"video_id"`
	Messages  []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

func (t *tools) session(ctx context.Context, key, id string) (*sessionView, error) {
	var se sessionView
	err := t.api.do(ctx, key, "GET", "/v3/video-agents/"+url.PathEscape(id), nil, &se)
	return &se, err
}

// fill copies a session view into r: status, newest reply and newest video.
func (t *tools) fill(ctx context.Context, key string, r *Result, se *sessionView) {
	r.Status = se.Status
	for _, m := range se.Messages {
		if m.Role == "model" {
			r.Reply = m.Content
			break
		}
	}
	if id := s(se.VideoID); id != "" {
		r.VideoID = id
		if v, err := t.video(ctx, key, id, false, 0, nil, ""); err == nil {
			r.Video = v
		}
	}
}

// waitTurn waits until a chat session has answered (it is no longer thinking) and, when
// that answer started a render, until the render is over; then fills r.
func (t *tools) waitTurn(ctx context.Context, key string, r *Result, timeoutSec int, p *progress) error {
	deadline := time.Now().Add(waitFor(timeoutSec))
	for {
		se, err := t.session(ctx, key, r.SessionID)
		if err != nil {
			return err
		}
		p.report(ctx, se.Progress, fmt.Sprintf("%s, %d%%", stage(se.Status, se.Progress), se.Progress))
		if se.Status != "thinking" && se.Status != "generating" || time.Now().After(deadline) {
			t.fill(ctx, key, r, se)
			return nil
		}
		if err := sleep(ctx, pollEvery); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// ListInput filters a list.
type ListInput struct {
	Language string `json:"language,omitempty" jsonschema:"voices only: a language code such as en or es"`
	Limit    int    `json:"limit,omitempty" jsonschema:"how many to return, default 20, at most 100"`
}

// Item is one presenter, voice or style.
type Item struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Language   string  `json:"language,omitempty"`
	Gender     string  `json:"gender,omitempty"`
	PreviewURL *string `json:"preview_url"`
}

// List is the result of a list tool.
type List struct {
	Items   []Item `json:"items"`
	Summary string `json:"summary"`
}

func limit(n, max int) int {
	if n <= 0 {
		return 20
	}
	return min(n, max)
}

func listDone(what string, items []Item) (*sdk.CallToolResult, List, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s:", len(items), what)
	for _, it := range items {
		fmt.Fprintf(&b, "\n- %s: %s", it.ID, it.Name)
		if it.Language != "" {
			fmt.Fprintf(&b, " (%s)", it.Language)
		}
	}
	l := List{Items: items, Summary: b.String()}
	if l.Items == nil {
		l.Items = []Item{}
	}
	return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: l.Summary}}}, l, nil
}

func (t *tools) listPresenters(ctx context.Context, req *sdk.CallToolRequest, in ListInput) (*sdk.CallToolResult, List, error) {
	var looks []struct {
		ID           string  `json:"id"`
		Name         string  `json:"name"`
		Gender       *string `json:"gender"`
		PreviewImage *string `json:"preview_image_url"`
	}
	if err := t.api.do(ctx, key(req), "GET", fmt.Sprintf("/v3/avatars/looks?limit=%d", limit(in.Limit, 50)), nil, &looks); err != nil {
		return nil, List{}, err
	}
	items := make([]Item, 0, len(looks))
	for _, l := range looks {
		items = append(items, Item{ID: l.ID, Name: l.Name, Gender: s(l.Gender), PreviewURL: l.PreviewImage})
	}
	return listDone("presenters", items)
}

func (t *tools) listVoices(ctx context.Context, req *sdk.CallToolRequest, in ListInput) (*sdk.CallToolResult, List, error) {
	q := url.Values{"limit": {fmt.Sprint(limit(in.Limit, 100))}}
	if in.Language != "" {
		q.Set("language", in.Language)
	}
	var voices []struct {
		ID       string  `json:"voice_id"`
		Name     string  `json:"name"`
		Language string  `json:"language"`
		Gender   string  `json:"gender"`
		Preview  *string `json:"preview_audio_url"`
	}
	if err := t.api.do(ctx, key(req), "GET", "/v3/voices?"+q.Encode(), nil, &voices); err != nil {
		return nil, List{}, err
	}
	items := make([]Item, 0, len(voices))
	for _, v := range voices {
		items = append(items, Item{ID: v.ID, Name: v.Name, Language: v.Language, Gender: v.Gender, PreviewURL: v.Preview})
	}
	return listDone("voices", items)
}

func (t *tools) listStyles(ctx context.Context, req *sdk.CallToolRequest, in ListInput) (*sdk.CallToolResult, List, error) {
	var styles []struct {
		ID    string  `json:"style_id"`
		Name  string  `json:"name"`
		Thumb *string `json:"thumbnail_url"`
	}
	if err := t.api.do(ctx, key(req), "GET", fmt.Sprintf("/v3/video-agents/styles?limit=%d", limit(in.Limit, 100)), nil, &styles); err != nil {
		return nil, List{}, err
	}
	items := make([]Item, 0, len(styles))
	for _, st := range styles {
		items = append(items, Item{ID: st.ID, Name: st.Name, PreviewURL: st.Thumb})
	}
	return listDone("styles", items)
}
