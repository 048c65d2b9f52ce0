// Command videoagent is Open Video Agent's single binary: the API server with its render
// workers, key management, offline rendering, and a client of the v3 API in the manner of
// HeyGen's CLI.
//
//	videoagent serve   --addr 127.0.0.1:8080 --data ./data
//	videoagent keys create --data ./data [--name NAME]
//	videoagent create  --prompt "..." --wait [--json]
//	videoagent render  storyboard.json -o out.mp4
//
// Commands are parsed by kong. Each command is a struct in its own file that registers
// itself in an init function (see register); "videoagent COMMAND --help" lists its flags,
// each with the VIDEOAGENT_* variable it can also be read from.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/alecthomas/kong"
	"golang.org/x/sys/unix"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/render"
)

// Exit codes, those of HeyGen's CLI.
const (
	exitOK      = 0
	exitError   = 1 // the command failed (a failed video, a server error, ...)
	exitUsage   = 2 // bad flags or arguments
	exitAuth    = 3 // no API key, or the server refused it
	exitTimeout = 4 // --wait gave up before the video finished
)

// exitErr is an error with the exit code of the process.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string { return e.err.Error() }
func (e *exitErr) Unwrap() error { return e.err }

// withCode gives err an exit code.
func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitErr{code: code, err: err}
}

// exitCode is the exit code for err: its own, or exitError.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var e *exitErr
	if errors.As(err, &e) {
		return e.code
	}
	return exitError
}

// app is what every command's Run method gets: the process's context and streams.
type app struct {
	ctx            context.Context
	stdout, stderr io.Writer
	// stderrTTY says stderr is a terminal: progress is drawn as a bar, not logged as lines.
	stderrTTY bool
}

// command is a registered command.
type command struct {
	name, help string
	cmd        any
	aliases    []string
}

// commands are the registered commands, in registration order (file name order).
var commands []command

// register adds a command: a struct whose fields are kong flags, arguments and
// subcommands, with a Run(*app) error method (or subcommands that have one). A command
// file calls it from init:
//
//	func init() { register("worker", "run render workers only", &workerCmd{}) }
func register(name, help string, cmd any, aliases ...string) {
	commands = append(commands, command{name: name, help: help, cmd: cmd, aliases: aliases})
}

// vars are the values help texts and defaults may name as ${name}.
func vars() kong.Vars {
	return kong.Vars{
		"cpus":           strconv.Itoa(runtime.NumCPU()),
		"memory_mb":      strconv.Itoa(render.SoftMemoryLimit >> 20),
		"max_upload_mb":  strconv.FormatInt(videoagent.DefaultMaxUploadBytes>>20, 10),
		"default_server": "http://127.0.0.1:8080",
	}
}

// errExit carries a code out of kong's Exit hook (help, version) to run.
type errExit int

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses args, runs the command and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	a := &app{ctx: ctx, stdout: stdout, stderr: stderr, stderrTTY: isTerminal(stderr)}
	var root struct{}
	opts := []kong.Option{
		kong.Name("videoagent"),
		kong.Description("Open Video Agent: describe a video, get a finished MP4. A server wire-compatible with HeyGen's v3 Video Agent API, and a client for it.\n\nExit codes: 0 success, 1 error, 2 bad usage, 3 no or refused API key, 4 timed out waiting."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(c int) { panic(errExit(c)) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true, Summary: true}),
		kong.Bind(a),
		vars(),
	}
	for _, c := range commands {
		opts = append(opts, kong.DynamicCommand(c.name, c.help, "", c.cmd, aliasTags(c.aliases)...))
	}
	defer func() {
		if v := recover(); v != nil {
			e, ok := v.(errExit)
			if !ok {
				panic(v)
			}
			code = int(e)
		}
	}()
	parser, err := kong.New(&root, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "videoagent:", err)
		return exitError
	}
	if len(args) == 0 {
		kctx, _ := kong.Trace(parser, nil)
		kctx.PrintUsage(false)
		return exitUsage
	}
	kctx, err := parser.Parse(joinNegativeValues(args))
	if err != nil {
		fmt.Fprintf(stderr, "videoagent: %v\n", err)
		if pe, ok := err.(*kong.ParseError); ok && pe.Context != nil {
			fmt.Fprintf(stderr, "Run \"videoagent %s --help\" for usage.\n", commandPath(pe.Context))
		}
		return exitUsage
	}
	err = kctx.Run(a)
	if err != nil {
		reportError(a, kctx, err)
	}
	return exitCode(err)
}

// negativeNumber is a value such as -1 or -0.5.
var negativeNumber = regexp.MustCompile(`^-[0-9]+(\.[0-9]+)?$`)

// joinNegativeValues writes "--flag -1" as "--flag=-1": kong would read -1 as a short flag,
// and the flag package, which the command line used before, took it as the value.
func joinNegativeValues(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "--") && !strings.Contains(a, "=") && i+1 < len(args) && negativeNumber.MatchString(args[i+1]) {
			out = append(out, a+"="+args[i+1])
			i++
			continue
		}
		out = append(out, a)
	}
	return out
}

func aliasTags(aliases []string) []string {
	var tags []string
	for _, al := range aliases {
		tags = append(tags, `aliases:"`+al+`"`)
	}
	return tags
}

// commandPath is the command words of a parse, for messages ("video get").
func commandPath(k *kong.Context) string {
	if k == nil {
		return ""
	}
	s := k.Command()
	out := []rune{}
	for _, r := range s {
		if r == '<' {
			break
		}
		out = append(out, r)
	}
	return string(trimSpace(out))
}

func trimSpace(r []rune) []rune {
	for len(r) > 0 && r[len(r)-1] == ' ' {
		r = r[:len(r)-1]
	}
	return r
}

// reportError writes a failed command's error on stderr: a JSON envelope
// {"error": {"code", "message", "hint"}} when the command was asked for --json, a line
// otherwise.
func reportError(a *app, k *kong.Context, err error) {
	if jsonAsked(k) {
		body := map[string]any{"code": errorCodeName(exitCode(err)), "message": err.Error()}
		var ae *apiError
		if errors.As(err, &ae) && ae.Code != "" {
			body["code"] = ae.Code
		}
		if h := hint(err); h != "" {
			body["hint"] = h
		}
		enc := json.NewEncoder(a.stderr)
		enc.Encode(map[string]any{"error": body})
		return
	}
	fmt.Fprintln(a.stderr, "videoagent:", err)
	if h := hint(err); h != "" {
		fmt.Fprintln(a.stderr, "hint:", h)
	}
}

// jsonAsked reports whether the parsed command line has --json set.
func jsonAsked(k *kong.Context) bool {
	for _, f := range k.Flags() {
		if f.Name == "json" {
			if v, ok := k.FlagValue(f).(bool); ok && v {
				return true
			}
		}
	}
	return false
}

func errorCodeName(code int) string {
	switch code {
	case exitAuth:
		return "unauthorized"
	case exitTimeout:
		return "timeout"
	case exitUsage:
		return "bad_usage"
	}
	return "error"
}

// hint suggests what to do after an error, by its exit code.
func hint(err error) string {
	switch exitCode(err) {
	case exitAuth:
		return "set VIDEOAGENT_API_KEY (or --key) to a key the server knows: videoagent keys create"
	case exitTimeout:
		return "the video is still being made: check it with videoagent video get VIDEO_ID"
	}
	return ""
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// envOr returns the environment variable name, or def when it is unset.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
