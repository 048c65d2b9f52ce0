package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// create is a small v3 client: POST /v3/video-agents, poll the video, download it.
func create(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	server := fs.String("server", envOr("VIDEOAGENT_SERVER", "http://127.0.0.1:8080"), "server base URL")
	key := fs.String("key", os.Getenv("VIDEOAGENT_API_KEY"), "API key (default $VIDEOAGENT_API_KEY)")
	prompt := fs.String("prompt", "", "what the video is about (required)")
	orientation := fs.String("orientation", "", "landscape or portrait (default: the agent decides)")
	avatar := fs.String("avatar", "", "avatar look id")
	voice := fs.String("voice", "", "voice id")
	out := fs.String("out", "", "where to save the MP4 (default: only print its URL)")
	timeout := fs.Duration("timeout", 15*time.Minute, "how long to wait for the video")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *prompt == "" {
		return fmt.Errorf("--prompt is required")
	}
	if *key == "" {
		return fmt.Errorf("an API key is required: --key or VIDEOAGENT_API_KEY")
	}
	c := &client{base: strings.TrimRight(*server, "/"), key: *key}
	body := map[string]any{"prompt": *prompt}
	for k, v := range map[string]string{"orientation": *orientation, "avatar_id": *avatar, "voice_id": *voice} {
		if v != "" {
			body[k] = v
		}
	}
	var created struct {
		SessionID string `json:"session_id"`
		VideoID   string `json:"video_id"`
	}
	if err := c.do(ctx, http.MethodPost, "/v3/video-agents", body, &created); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "session %s, video %s: rendering", created.SessionID, created.VideoID)
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	var video struct {
		Status         string  `json:"status"`
		Title          string  `json:"title"`
		Duration       float64 `json:"duration"`
		VideoURL       string  `json:"video_url"`
		FailureCode    string  `json:"failure_code"`
		FailureMessage string  `json:"failure_message"`
	}
	for {
		if err := c.do(ctx, http.MethodGet, "/v3/videos/"+created.VideoID, nil, &video); err != nil {
			return err
		}
		if video.Status == "completed" || video.Status == "failed" {
			break
		}
		fmt.Fprint(stderr, ".")
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up waiting for video %s: %w", created.VideoID, ctx.Err())
		case <-time.After(time.Second):
		}
	}
	fmt.Fprintln(stderr)
	if video.Status == "failed" {
		return fmt.Errorf("video %s failed: %s: %s", created.VideoID, video.FailureCode, video.FailureMessage)
	}
	fmt.Fprintf(stderr, "%q: %.1f s\n", video.Title, video.Duration)
	if *out == "" {
		fmt.Fprintln(stdout, video.VideoURL)
		return nil
	}
	if err := download(ctx, video.VideoURL, *out); err != nil {
		return err
	}
	fmt.Fprintln(stdout, *out)
	return nil
}

type client struct {
	base, key string
}

// do sends a v3 request and decodes the `data` of the response into out; an error response
// becomes an error that carries its code and message.
func (c *client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("X-Api-Key", c.key)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct {
		Data  json.RawMessage `json:"data"`
		Error *struct {
			Code    string  `json:"code"`
			Message string  `json:"message"`
			Param   *string `json:"param"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s %s: HTTP %d with an unreadable body: %w", method, path, resp.StatusCode, err)
	}
	if env.Error != nil {
		return fmt.Errorf("%s %s: HTTP %d %s: %s", method, path, resp.StatusCode, env.Error.Code, env.Error.Message)
	}
	return json.Unmarshal(env.Data, out)
}

func download(ctx context.Context, url, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("download %s: HTTP %d", url, resp.StatusCode)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
