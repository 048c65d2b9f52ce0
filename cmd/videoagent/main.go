// Command videoagent is Open Video Agent's single binary: the API server with its render
// workers, key management, and client commands.
//
//	videoagent serve   --addr 127.0.0.1:8080 --data ./data
//	videoagent keys create --data ./data [--name NAME]
//	videoagent create  --prompt "..." [--server URL] [--out video.mp4]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `videoagent: describe a video, get a finished MP4.

Usage:
  videoagent serve [flags]         run the API server and render workers
  videoagent worker [flags]        run render workers only, on a shared PostgreSQL queue
  videoagent migrate [flags]       run the database migrations (the app's and River's)
  videoagent keys create [flags]   create an API key and print it
  videoagent create [flags]        ask a server for a video, wait, and download it

Run "videoagent COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "videoagent:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return flag.ErrHelp
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stderr)
	case "worker":
		return worker(ctx, args[1:], stderr)
	case "migrate":
		return migrate(ctx, args[1:], stdout, stderr)
	case "keys":
		if len(args) < 2 || args[1] != "create" {
			return fmt.Errorf("usage: videoagent keys create [--data DIR] [--name NAME]")
		}
		return keysCreate(ctx, args[2:], stdout)
	case "create":
		return create(ctx, args[1:], stdout, stderr)
	case "render":
		return renderCmd(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// envOr returns the environment variable name, or def when it is unset.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
