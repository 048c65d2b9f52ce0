package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	vahttp "github.com/openvideoagent/videoagent/http"
	"github.com/openvideoagent/videoagent/mcp"
	"github.com/openvideoagent/videoagent/studio"
)

// mcpCmd serves the MCP tools over stdio, as a client of a running server: an AI assistant
// starts `videoagent mcp` and talks JSON-RPC on its stdin and stdout.
func mcpCmd(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("mcp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: videoagent mcp [flags]\n\nServe the MCP tools (create, chat, get and wait for videos; list presenters, voices, styles) over stdio, calling the server's v3 API.")
		fs.PrintDefaults()
	}
	server := fs.String("server", envOr("VIDEOAGENT_SERVER", "http://127.0.0.1:8080"), "server base URL (env VIDEOAGENT_SERVER)")
	key := fs.String("key", os.Getenv("VIDEOAGENT_API_KEY"), "API key (env VIDEOAGENT_API_KEY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *key == "" {
		return fmt.Errorf("an API key is required: --key or VIDEOAGENT_API_KEY")
	}
	return mcp.NewServer(&mcp.API{BaseURL: *server, Key: *key}).Run(ctx, &sdk.StdioTransport{})
}

// mountUI adds the web studio at / and the MCP server at /mcp to the API server.
func mountUI(api *vahttp.Server) {
	api.Studio = studio.Handler()
	api.MCP = func(h http.Handler) http.Handler {
		return mcp.Handler(&mcp.API{BaseURL: "http://in-process", Client: &http.Client{Transport: mcp.HandlerTransport{Handler: h}}})
	}
}
