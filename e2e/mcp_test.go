package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// keyTransport adds an API key to every request, as an MCP client configured with a
// header does.
type keyTransport struct{ key string }

func (k keyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+k.key)
	return http.DefaultTransport.RoundTrip(r)
}

// callTool calls a tool and decodes its structured result.
func callTool(t *testing.T, ctx context.Context, cs *sdk.ClientSession, name string, args map[string]any) (map[string]any, string) {
	t.Helper()
	res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var text strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			text.WriteString(tc.Text)
		}
	}
	if res.IsError {
		t.Fatalf("%s: tool error: %s", name, text.String())
	}
	raw, _ := json.Marshal(res.StructuredContent)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s: structured content %s: %v", name, raw, err)
	}
	return out, text.String()
}

// checkMP4 downloads a URL and checks it is an MP4.
func checkMP4(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	head := make([]byte, 12)
	io.ReadFull(resp.Body, head)
	if resp.StatusCode != 200 || !bytes.Equal(head[4:8], []byte("ftyp")) {
		t.Errorf("GET %s: HTTP %d, starts %q", url, resp.StatusCode, head)
	}
}

var mcpTools = []string{"create_video", "create_video_agent", "get_session", "get_video", "list_presenters", "list_styles", "list_voices", "send_message", "wait_for_video"}

func listTools(t *testing.T, ctx context.Context, cs *sdk.ClientSession) {
	t.Helper()
	res, err := cs.ListTools(ctx, &sdk.ListToolsParams{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
		if tool.Description == "" || tool.InputSchema == nil {
			t.Errorf("tool %s has no description or input schema", tool.Name)
		}
	}
	sort.Strings(names)
	if strings.Join(names, ",") != strings.Join(mcpTools, ",") {
		t.Errorf("tools = %v, want %v", names, mcpTools)
	}
}

// TestMCPHTTP talks to /mcp over streamable HTTP with the go-sdk's client: the key is
// required, the tools are listed, presenters, voices and styles come with previews, an
// agent video is made and waited for, and a chat session is approved by message.
func TestMCPHTTP(t *testing.T) {
	s := startServer(t, "")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	// Without a key: 401 in the v3 envelope, like every API route.
	resp, err := http.Post(s.base+"/mcp", "application/json", strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("/mcp without a key: HTTP %d, want 401", resp.StatusCode)
	}
	// Behind a reverse proxy on the same machine (a loopback connection with the public
	// Host): served, not refused as DNS rebinding (the key is the credential).
	req, _ := http.NewRequest("POST", s.base+"/mcp", strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}`))
	req.Host = "videos.example.com"
	req.Header.Set("Authorization", "Bearer "+s.key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	req.Header.Set("Mcp-Protocol-Version", "2025-06-18")
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), "create_video_agent") {
			t.Errorf("tools/list through a proxy Host: HTTP %d %s", resp.StatusCode, body)
		}
	}
	bad := sdk.NewClient(&sdk.Implementation{Name: "e2e", Version: "1"}, nil)
	if _, err := bad.Connect(ctx, &sdk.StreamableClientTransport{Endpoint: s.base + "/mcp", HTTPClient: &http.Client{Transport: keyTransport{"wrong-key"}}}, nil); err == nil {
		t.Error("connecting with a wrong key succeeded")
	}

	client := sdk.NewClient(&sdk.Implementation{Name: "e2e", Version: "1"}, nil)
	cs, err := client.Connect(ctx, &sdk.StreamableClientTransport{Endpoint: s.base + "/mcp", HTTPClient: &http.Client{Transport: keyTransport{s.key}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	listTools(t, ctx, cs)

	for _, c := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"list_presenters", map[string]any{}, "ava-business"},
		{"list_voices", map[string]any{"language": "en"}, "espeak-en-us-f"},
		{"list_styles", map[string]any{}, "default"},
	} {
		out, text := callTool(t, ctx, cs, c.tool, c.args)
		items, _ := out["items"].([]any)
		if len(items) < 2 || !strings.Contains(text, c.want) {
			t.Errorf("%s: %d items, text %q", c.tool, len(items), text)
		}
	}

	// An agent video, waited for: the result carries the URL of a real MP4.
	out, text := callTool(t, ctx, cs, "create_video_agent", map[string]any{
		"prompt": "A ten-second tip: water your houseplants in the morning.", "duration_sec": 10, "voice_id": "espeak-en-us-f", "wait": true,
	})
	url, _ := out["video_url"].(string)
	if out["status"] != "completed" || url == "" || !strings.Contains(text, url) || !strings.Contains(text, "ready") {
		t.Fatalf("create_video_agent: %v\n%s", out, text)
	}
	checkMP4(t, url)
	vid := out["video_id"].(string)
	if got, _ := callTool(t, ctx, cs, "get_video", map[string]any{"video_id": vid}); got["video_url"] == nil {
		t.Errorf("get_video: %v", got)
	}

	// Chat: a storyboard for review, then approved by message; the answer waits for
	// the render and carries its URL.
	out, text = callTool(t, ctx, cs, "create_video_agent", map[string]any{
		"prompt": "A ten-second reminder to back up your laptop every Friday.", "mode": "chat", "avatar_id": "ava-business",
		"voice_id": "espeak-en-us-f", "duration_sec": 10, "wait": true,
	})
	sid, _ := out["session_id"].(string)
	if out["status"] != "reviewing" || sid == "" {
		t.Fatalf("chat create: %v\n%s", out, text)
	}
	out, text = callTool(t, ctx, cs, "send_message", map[string]any{"session_id": sid, "message": "Looks good, render it.", "wait": true})
	if url, _ := out["video_url"].(string); out["status"] != "completed" || url == "" {
		t.Fatalf("send_message: %v\n%s", out, text)
	} else {
		checkMP4(t, url)
	}
}

// TestMCPStdio runs `videoagent mcp` as an assistant would (a child process speaking
// JSON-RPC on stdio) against a running server, and makes a direct video through it.
func TestMCPStdio(t *testing.T) {
	s := startServer(t, "")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.Command(binary, "mcp", "--server", s.base)
	cmd.Env = append(cmd.Environ(), "VIDEOAGENT_API_KEY="+s.key)
	var mu sync.Mutex
	var notes []string
	client := sdk.NewClient(&sdk.Implementation{Name: "e2e", Version: "1"}, &sdk.ClientOptions{
		ProgressNotificationHandler: func(_ context.Context, req *sdk.ProgressNotificationClientRequest) {
			mu.Lock()
			defer mu.Unlock()
			notes = append(notes, fmt.Sprintf("%v %.2f %s", req.Params.ProgressToken, req.Params.Progress, req.Params.Message))
		},
	})
	cs, err := client.Connect(ctx, &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	listTools(t, ctx, cs)
	out, text := callTool(t, ctx, cs, "create_video", map[string]any{
		"avatar_id": "ava-business", "voice_id": "espeak-en-us-f", "script": "Hello from the command line. This video was made through MCP.", "wait": true,
	})
	url, _ := out["video_url"].(string)
	if out["status"] != "completed" || url == "" || !strings.Contains(text, url) {
		t.Fatalf("create_video: %v\n%s", out, text)
	}
	checkMP4(t, url)

	// With a progress token, a wait reports the session's stage and percent as it goes.
	params := &sdk.CallToolParams{Name: "create_video_agent", Arguments: map[string]any{
		"prompt": "A ten-second note: stretch for two minutes every hour at your desk.", "duration_sec": 10, "voice_id": "espeak-en-us-f", "wait": true,
	}}
	params.SetProgressToken("tok-1")
	res, err := cs.CallTool(ctx, params)
	if err != nil || res.IsError {
		t.Fatalf("create_video_agent with progress: %v %v", err, res)
	}
	mu.Lock()
	got := append([]string(nil), notes...)
	mu.Unlock()
	if len(got) < 2 || !strings.HasPrefix(got[0], "tok-1 ") || !strings.Contains(strings.Join(got, "|"), "%") {
		t.Errorf("progress notifications: %q", got)
	}
	t.Logf("progress notifications: %q", got)

	// A bad argument is a tool error naming the field, not a crash.
	res, err = cs.CallTool(ctx, &sdk.CallToolParams{Name: "create_video", Arguments: map[string]any{"avatar_id": "nobody", "script": "Hi."}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.IsError {
		t.Errorf("create_video with an unknown avatar: not an error: %v", res.Content)
	} else if tc, ok := res.Content[0].(*sdk.TextContent); !ok || !strings.Contains(tc.Text, "avatar") {
		t.Errorf("error text = %v", res.Content)
	}
}
