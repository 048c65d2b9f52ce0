package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cliRun is one run of the videoagent binary as a client.
type cliRun struct {
	code           int
	stdout, stderr string
}

// cli runs the binary with args against server s (VIDEOAGENT_SERVER and
// VIDEOAGENT_API_KEY set to its base and key; extra env later wins).
func cli(t *testing.T, s *server, env []string, args ...string) cliRun {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "VIDEOAGENT_SERVER="+s.base, "VIDEOAGENT_API_KEY="+s.key)
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := cliRun{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("videoagent %v: %v", args, err)
	}
	return r
}

// jsonOut parses a run's stdout as a JSON object.
func (r cliRun) jsonOut(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
	}
	return v
}

func (r cliRun) want(t *testing.T, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, r.code, code, r.stdout, r.stderr)
	}
}

var progressLine = regexp.MustCompile(`(?m)^progress stage=(\S+) percent=(\d+) elapsed=(\S+) eta=(\S+)$`)

// TestCLIHelp: -h and --help work on every command with exit 0, serve's help names a
// VIDEOAGENT_* variable for every flag, version and render are listed, and a bad flag is
// exit 2.
func TestCLIHelp(t *testing.T) {
	s := &server{base: "http://127.0.0.1:1", key: "unused"}
	root := cli(t, s, nil, "--help")
	root.want(t, 0, "--help")
	for _, c := range []string{"serve", "keys create", "create", "render", "version", "video-agent create", "video-agent chat", "video get", "video download", "avatars", "voices", "styles",
		"avatar looks list", "voice list", "video-agent styles list"} {
		if !strings.Contains(root.stdout, "  "+c) {
			t.Errorf("--help does not list %q:\n%s", c, root.stdout)
		}
		for _, h := range []string{"-h", "--help"} {
			r := cli(t, s, nil, append(strings.Fields(c), h)...)
			r.want(t, 0, c+" "+h)
			if !strings.Contains(r.stdout, "Usage: videoagent "+c) {
				t.Errorf("%s %s printed no usage:\n%s", c, h, r.stdout)
			}
		}
	}
	serve := cli(t, s, nil, "serve", "--help").stdout
	flags := regexp.MustCompile(`(?m)^\s+(--[a-z-]+)`).FindAllStringSubmatch(serve, -1)
	if len(flags) < 15 {
		t.Fatalf("serve --help lists %d flags:\n%s", len(flags), serve)
	}
	// Each flag's entry runs to the next flag; it must name its variable.
	entries := regexp.MustCompile(`(?m)^\s+--`).Split(serve, -1)[1:]
	for _, e := range entries {
		name := strings.Fields(e)[0]
		if strings.HasPrefix(name, "help") {
			continue
		}
		if !regexp.MustCompile(`\(\$VIDEOAGENT_[A-Z_]+\)`).MatchString(e) {
			t.Errorf("serve --%s names no VIDEOAGENT_* variable: %s", name, strings.Join(strings.Fields(e), " "))
		}
	}
	v := cli(t, s, nil, "version", "--json")
	v.want(t, 0, "version")
	if v.jsonOut(t)["version"] == "" {
		t.Errorf("version --json: %s", v.stdout)
	}
	cli(t, s, nil, "voices", "--no-such-flag").want(t, 2, "an unknown flag")
	cli(t, s, nil, "no-such-command").want(t, 2, "an unknown command")
	cli(t, s, nil, "create").want(t, 2, "create without --prompt")
}

// TestCLIAgainstServer runs each client command against a real server: create --wait with
// progress lines, video get and download, a chat session created and answered with chat
// --wait, the catalogue commands, and the exit codes of a bad key (3) and of a wait that
// runs out (4).
func TestCLIAgainstServer(t *testing.T) {
	s := startServer(t, "")
	dir := t.TempDir()

	// create --wait: JSON of the finished video on stdout, progress lines on stderr.
	r := cli(t, s, nil, "create", "--prompt", "A ten second video about why the sky is blue.", "--duration", "10", "--wait", "--json")
	r.want(t, 0, "create --wait")
	v := r.jsonOut(t)
	if v["status"] != "completed" || v["video_url"] == nil {
		t.Fatalf("create --wait printed %v", v)
	}
	vid := v["id"].(string)
	lines := progressLine.FindAllStringSubmatch(r.stderr, -1)
	if len(lines) < 2 {
		t.Fatalf("create --wait printed %d progress lines:\n%s", len(lines), r.stderr)
	}
	if last := lines[len(lines)-1]; last[1] != "completed" || last[2] != "100" {
		t.Errorf("last progress line %q", last[0])
	}
	if strings.Contains(r.stderr, "\r") {
		t.Error("progress drew a bar on stderr that is not a terminal")
	}

	// video get / download.
	g := cli(t, s, nil, "video", "get", vid, "--json")
	g.want(t, 0, "video get")
	if g.jsonOut(t)["id"] != vid {
		t.Errorf("video get: %s", g.stdout)
	}
	out := filepath.Join(dir, "got.mp4")
	d := cli(t, s, nil, "video", "download", vid, "--output-path", out, "--json")
	d.want(t, 0, "video download")
	if dj := d.jsonOut(t); dj["output_path"] != out || dj["bytes"].(float64) < 10000 {
		t.Errorf("video download: %s", d.stdout)
	}
	if b, err := os.ReadFile(out); err != nil || len(b) < 12 || string(b[4:8]) != "ftyp" {
		t.Fatalf("downloaded file is not an MP4: %v", err)
	}
	d = cli(t, s, nil, "video", "download", vid, "--asset", "captions", "--output-path", filepath.Join(dir, "c.srt"))
	d.want(t, 0, "video download --asset captions")
	if b, _ := os.ReadFile(filepath.Join(dir, "c.srt")); !bytes.Contains(b, []byte("-->")) {
		t.Errorf("captions download is not SRT: %.100s", b)
	}

	// Catalogues.
	for _, c := range []struct {
		cmd []string
		key string
	}{{[]string{"avatars"}, "id"}, {[]string{"looks"}, "id"}, {[]string{"voices", "--language", "en"}, "voice_id"}, {[]string{"styles"}, "style_id"},
		// HeyGen's CLI's names for the same listings.
		{[]string{"avatar", "looks", "list"}, "id"}, {[]string{"voice", "list"}, "voice_id"}, {[]string{"video-agent", "styles", "list"}, "style_id"}} {
		r := cli(t, s, nil, append(c.cmd, "--json", "--limit", "5")...)
		r.want(t, 0, c.cmd[0])
		items, _ := r.jsonOut(t)["data"].([]any)
		if len(items) == 0 {
			t.Errorf("%s --json listed nothing: %s", c.cmd[0], r.stdout)
			continue
		}
		if id, _ := items[0].(map[string]any)[c.key].(string); id == "" {
			t.Errorf("%s: first item has no %s: %v", c.cmd[0], c.key, items[0])
		}
		plain := cli(t, s, nil, c.cmd...)
		plain.want(t, 0, c.cmd[0]+" (table)")
		if !strings.Contains(plain.stdout, strings.ToUpper(c.key)) {
			t.Errorf("%s table has no %s column:\n%s", c.cmd[0], strings.ToUpper(c.key), plain.stdout)
		}
	}

	// A chat session: the agent shows a draft, "go ahead" renders it.
	r = cli(t, s, nil, "create", "--mode", "chat", "--avatar", "ava-business", "--prompt", "a 10-second hello from a bakery", "--wait", "--json")
	r.want(t, 0, "create --mode chat --wait")
	se := r.jsonOut(t)
	sid, _ := se["session_id"].(string)
	if se["status"] != "reviewing" || sid == "" {
		t.Fatalf("chat session after create --wait: %v", se)
	}
	r = cli(t, s, nil, "video-agent", "chat", sid, "--message", "go ahead", "--wait", "--json")
	r.want(t, 0, "video-agent chat --wait")
	cv := r.jsonOut(t)
	if cv["status"] != "completed" || cv["id"] == vid || cv["duration"].(float64) < 5 {
		t.Fatalf("video-agent chat --wait printed %v", cv)
	}
	if len(progressLine.FindAllString(r.stderr, -1)) == 0 {
		t.Errorf("video-agent chat --wait printed no progress:\n%s", r.stderr)
	}

	// Exit codes.
	bad := cli(t, s, []string{"VIDEOAGENT_API_KEY=wrong-key"}, "video", "get", vid, "--json")
	bad.want(t, 3, "a wrong key")
	var envelope struct {
		Error struct{ Code, Message, Hint string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(bad.stderr), &envelope); err != nil || envelope.Error.Message == "" || envelope.Error.Hint == "" {
		t.Errorf("--json error on stderr: %v %s", err, bad.stderr)
	}
	cli(t, s, []string{"VIDEOAGENT_API_KEY="}, "voices").want(t, 3, "no key")
	cli(t, s, nil, "video", "get", "0123456789abcdef0123456789abcdef").want(t, 1, "a video that does not exist")
	slow := cli(t, s, nil, "create", "--prompt", "A sixty second video about the history of bridges.", "--wait", "--timeout", "1s", "--json")
	slow.want(t, 4, "a wait that runs out")
	if p := slow.jsonOut(t); p["id"] == nil {
		t.Errorf("a timed-out wait printed no partial video: %s", slow.stdout)
	}
}

// TestCLIRetryAfter: against a server that allows one request a second, the CLI waits out
// each 429 as Retry-After says and succeeds.
func TestCLIRetryAfter(t *testing.T) {
	s := startServer(t, "", "--rate-limit", "0.5", "--rate-burst", "1")
	var retried bool
	for i := 0; i < 3; i++ {
		r := cli(t, s, nil, "video", "list", "--json")
		r.want(t, 0, "video list under a rate limit")
		if strings.Contains(r.stderr, "rate limited; retrying in") {
			retried = true
		}
	}
	if !retried {
		t.Error("three requests at once under a 0.5/s limit never saw a 429")
	}
}

// TestCLIProgressBarOnTerminal runs create --wait under a pseudo-terminal (script(1)): the
// progress is a bar redrawn in place, with percent, elapsed and ETA.
func TestCLIProgressBarOnTerminal(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Fatal("script(1) (bsdutils) is required")
	}
	s := startServer(t, "")
	cmd := exec.Command(scriptBin, "-qefc", binary+` create --prompt "A ten second video about snow." --duration 10 --wait`, "/dev/null")
	cmd.Env = append(os.Environ(), "VIDEOAGENT_SERVER="+s.base, "VIDEOAGENT_API_KEY="+s.key, "TERM=xterm")
	done := make(chan struct{})
	var out []byte
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("create --wait under script(1) did not finish")
	}
	if err != nil {
		t.Fatalf("create --wait on a terminal: %v\n%s", err, out)
	}
	text := string(out)
	if !strings.Contains(text, "\r") || !regexp.MustCompile(`\[#*-*\]\s+\d+%\s+\d+:\d\d elapsed\s+ETA`).MatchString(text) {
		t.Errorf("no progress bar on a terminal:\n%q", text)
	}
	if !regexp.MustCompile(`\[#{24}\] 100%`).MatchString(text) {
		t.Errorf("the bar never reached 100%%:\n%q", text)
	}
	if strings.Contains(text, "progress stage=") {
		t.Error("plain progress lines on a terminal")
	}
}
