package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

func init() {
	register("create", "Create a video from a prompt (same as video-agent create).", &createCmd{})
	register("video-agent", "Video agent sessions: create a video from a prompt, chat about it.", &videoAgentCmd{})
}

// videoAgentCmd groups the session commands, as HeyGen's CLI does.
type videoAgentCmd struct {
	Create createCmd     `cmd:"" help:"Create a video from a prompt."`
	Chat   chatCmd       `cmd:"" help:"Send a chat message to a session (a revision, a question)."`
	Get    sessionGetCmd `cmd:"" help:"Show a session: status, progress, messages."`
	Styles stylesGroup   `cmd:"" help:"Visual styles (video-agent styles list = styles)."`
}

// waitFlags are the flags of commands that can wait for a video.
type waitFlags struct {
	Wait    bool          `help:"Wait until the video is finished, showing progress on stderr."`
	Timeout time.Duration `default:"20m" help:"How long --wait waits (exit code 4 when it runs out)."`
	Output  string        `name:"output-path" short:"o" aliases:"out" help:"With --wait, download the finished MP4 there."`
}

type createCmd struct {
	clientFlags
	waitFlags
	Prompt      string `required:"" help:"What the video is about."`
	Orientation string `enum:",landscape,portrait" default:"" help:"landscape or portrait (default: the agent decides)."`
	Avatar      string `help:"Avatar look id (see: videoagent avatars)."`
	Voice       string `help:"Voice id (see: videoagent voices)."`
	Style       string `help:"Style id (see: videoagent styles)."`
	Mode        string `enum:",generate,chat" default:"" help:"generate (default) or chat."`
	Duration    int    `name:"duration" help:"Length in seconds the video should have."`
}

func (c *createCmd) Run(a *app) error {
	cl, err := c.client(a)
	if err != nil {
		return err
	}
	body := map[string]any{"prompt": c.Prompt}
	for k, v := range map[string]string{"orientation": c.Orientation, "avatar_id": c.Avatar, "voice_id": c.Voice, "style_id": c.Style, "mode": c.Mode} {
		if v != "" {
			body[k] = v
		}
	}
	if c.Duration > 0 {
		body["duration_sec"] = c.Duration
	}
	var created map[string]any
	if err := cl.do(a.ctx, http.MethodPost, "/v3/video-agents", body, &created); err != nil {
		return err
	}
	sid, _ := created["session_id"].(string)
	vid, _ := created["video_id"].(string)
	if !c.Wait && c.Output == "" {
		if c.JSON {
			return printJSON(a.stdout, created)
		}
		fmt.Fprintf(a.stdout, "session %s\nvideo %s\n", sid, vid)
		return nil
	}
	if vid == "" {
		// A chat session waits for the user before it renders.
		se, err := waitSession(a, cl, sid, c.Timeout, nil, "")
		if err != nil {
			return err
		}
		vid, _ = se["video_id"].(string)
		if vid == "" {
			return c.finishSession(a, se)
		}
	}
	return finishVideo(a, cl, &c.clientFlags, &c.waitFlags, sid, vid)
}

func (c *createCmd) finishSession(a *app, se map[string]any) error {
	if c.JSON {
		return printJSON(a.stdout, se)
	}
	fmt.Fprintf(a.stdout, "session %s: %v\n", se["session_id"], se["status"])
	if m := newestModelMessage(se); m != nil {
		fmt.Fprintf(a.stdout, "%v\n", m["content"])
	}
	return nil
}

// finishVideo waits for video vid of session sid (sid may be ""), prints it, and downloads
// it when asked.
func finishVideo(a *app, cl *client, cf *clientFlags, wf *waitFlags, sid, vid string) error {
	v, err := waitVideo(a, cl, sid, vid, wf.Timeout)
	if err != nil {
		if exitCode(err) == exitTimeout && cf.JSON && v != nil {
			printJSON(a.stdout, v) // the partial resource, as HeyGen's CLI gives
		}
		return err
	}
	if v["status"] == "failed" {
		if cf.JSON {
			printJSON(a.stdout, v)
		}
		return fmt.Errorf("video %s failed: %v: %v", vid, v["failure_code"], v["failure_message"])
	}
	if wf.Output != "" {
		url, _ := v["video_url"].(string)
		if url == "" {
			return fmt.Errorf("video %s has no video_url", vid)
		}
		if _, err := download(a.ctx, url, wf.Output); err != nil {
			return err
		}
		v["output_path"] = wf.Output
	}
	if cf.JSON {
		return printJSON(a.stdout, v)
	}
	printVideo(a, v)
	return nil
}

func printVideo(a *app, v map[string]any) {
	fmt.Fprintf(a.stdout, "video %v: %v", v["id"], v["status"])
	if t, _ := v["title"].(string); t != "" {
		fmt.Fprintf(a.stdout, ", %q", t)
	}
	if d, ok := v["duration"].(float64); ok && d > 0 {
		fmt.Fprintf(a.stdout, ", %.1f s", d)
	}
	fmt.Fprintln(a.stdout)
	for _, k := range []string{"video_url", "output_path", "failure_code", "failure_message"} {
		if s, _ := v[k].(string); s != "" {
			fmt.Fprintf(a.stdout, "%s: %s\n", k, s)
		}
	}
}

// pollEvery is how often a wait asks the server.
const pollEvery = time.Second

// waitVideo polls video vid (and its session's progress) until it completes or fails,
// reporting progress on stderr. When timeout passes it returns the last state it saw and
// an error with exitTimeout.
func waitVideo(a *app, cl *client, sid, vid string, timeout time.Duration) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(a.ctx, timeout)
	defer cancel()
	p := newProgress(a.stderr, a.stderrTTY)
	defer p.done()
	var v map[string]any
	for {
		err := cl.do(ctx, http.MethodGet, "/v3/videos/"+vid, nil, &v)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) && a.ctx.Err() == nil {
				return v, withCode(exitTimeout, fmt.Errorf("video %s not finished after %s", vid, timeout))
			}
			return v, err
		}
		stage, _ := v["status"].(string)
		pc := 0
		switch stage {
		case "completed":
			pc = 100
		case "failed":
			return v, nil
		}
		if sid != "" && stage != "completed" {
			var se map[string]any
			if err := cl.do(ctx, http.MethodGet, "/v3/video-agents/"+sid, nil, &se); err == nil {
				if s, _ := se["status"].(string); s != "" && s != "completed" {
					stage = s
				}
				if f, ok := se["progress"].(float64); ok {
					pc = int(f)
				}
			}
		}
		p.update(stage, pc)
		if v["status"] == "completed" {
			return v, nil
		}
		select {
		case <-ctx.Done():
			if a.ctx.Err() != nil {
				return v, a.ctx.Err()
			}
			return v, withCode(exitTimeout, fmt.Errorf("video %s not finished after %s", vid, timeout))
		case <-time.After(pollEvery):
		}
	}
}

// waitSession polls session sid until it has answered: its status is settled (not
// thinking or generating) and its newest model message or its video differ from before
// (prevMsg, prevVideo).
func waitSession(a *app, cl *client, sid string, timeout time.Duration, prevMsg map[string]any, prevVideo string) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(a.ctx, timeout)
	defer cancel()
	p := newProgress(a.stderr, a.stderrTTY)
	defer p.done()
	for {
		var se map[string]any
		if err := cl.do(ctx, http.MethodGet, "/v3/video-agents/"+sid, nil, &se); err != nil {
			if errors.Is(err, context.DeadlineExceeded) && a.ctx.Err() == nil {
				return nil, withCode(exitTimeout, fmt.Errorf("session %s did not answer within %s", sid, timeout))
			}
			return nil, err
		}
		st, _ := se["status"].(string)
		pc, _ := se["progress"].(float64)
		p.update(st, int(pc))
		vid, _ := se["video_id"].(string)
		m := newestModelMessage(se)
		changed := (vid != "" && vid != prevVideo) || (m != nil && (prevMsg == nil || m["content"] != prevMsg["content"] || m["created_at"] != prevMsg["created_at"]))
		if changed && st != "thinking" {
			return se, nil
		}
		select {
		case <-ctx.Done():
			if a.ctx.Err() != nil {
				return nil, a.ctx.Err()
			}
			return nil, withCode(exitTimeout, fmt.Errorf("session %s did not answer within %s", sid, timeout))
		case <-time.After(pollEvery):
		}
	}
}

// newestModelMessage is the newest message of the model in a session view.
func newestModelMessage(se map[string]any) map[string]any {
	msgs, _ := se["messages"].([]any)
	for _, m := range msgs {
		if mm, ok := m.(map[string]any); ok && mm["role"] == "model" {
			return mm
		}
	}
	return nil
}

type chatCmd struct {
	clientFlags
	waitFlags
	SessionID string `arg:"" name:"session-id" help:"The session to write to."`
	Message   string `required:"" short:"m" help:"The message, e.g. \"make the second scene shorter\"."`
	Avatar    string `help:"Avatar look id for the revision."`
	Voice     string `help:"Voice id for the revision."`
}

func (c *chatCmd) Run(a *app) error {
	cl, err := c.client(a)
	if err != nil {
		return err
	}
	var before map[string]any
	if err := cl.do(a.ctx, http.MethodGet, "/v3/video-agents/"+c.SessionID, nil, &before); err != nil {
		return err
	}
	prevVideo, _ := before["video_id"].(string)
	prevMsg := newestModelMessage(before)
	body := map[string]any{"message": c.Message}
	if c.Avatar != "" {
		body["avatar_id"] = c.Avatar
	}
	if c.Voice != "" {
		body["voice_id"] = c.Voice
	}
	var sent map[string]any
	if err := cl.do(a.ctx, http.MethodPost, "/v3/video-agents/"+c.SessionID, body, &sent); err != nil {
		return err
	}
	if !c.Wait && c.Output == "" {
		if c.JSON {
			return printJSON(a.stdout, sent)
		}
		fmt.Fprintf(a.stdout, "session %v: message sent (run %v)\n", sent["session_id"], sent["run_id"])
		return nil
	}
	se, err := waitSession(a, cl, c.SessionID, c.Timeout, prevMsg, prevVideo)
	if err != nil {
		return err
	}
	if vid, _ := se["video_id"].(string); vid != "" && vid != prevVideo {
		return finishVideo(a, cl, &c.clientFlags, &c.waitFlags, c.SessionID, vid)
	}
	if c.JSON {
		return printJSON(a.stdout, se)
	}
	if m := newestModelMessage(se); m != nil {
		fmt.Fprintf(a.stdout, "%v\n", m["content"])
	}
	return nil
}

type sessionGetCmd struct {
	clientFlags
	SessionID string `arg:"" name:"session-id" help:"The session."`
}

func (c *sessionGetCmd) Run(a *app) error {
	cl, err := c.client(a)
	if err != nil {
		return err
	}
	var se map[string]any
	if err := cl.do(a.ctx, http.MethodGet, "/v3/video-agents/"+c.SessionID, nil, &se); err != nil {
		return err
	}
	if c.JSON {
		return printJSON(a.stdout, se)
	}
	fmt.Fprintf(a.stdout, "session %v: %v, %v%%", se["session_id"], se["status"], se["progress"])
	if v, _ := se["video_id"].(string); v != "" {
		fmt.Fprintf(a.stdout, ", video %s", v)
	}
	fmt.Fprintln(a.stdout)
	if m := newestModelMessage(se); m != nil {
		fmt.Fprintf(a.stdout, "%v\n", m["content"])
	}
	return nil
}
