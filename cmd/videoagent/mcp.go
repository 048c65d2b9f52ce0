package main

import (
	"fmt"
	"net/http"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	vahttp "github.com/openvideoagent/videoagent/internal/http"
	"github.com/openvideoagent/videoagent/internal/mcp"
	"github.com/openvideoagent/videoagent/internal/studio"
)

func init() {
	register("mcp", "Serve the MCP tools (create, chat, get and wait for videos; list presenters, voices, styles) over stdio, calling a server's v3 API.", &mcpCmd{})
}

// mcpCmd serves the MCP tools over stdio, as a client of a running server: an AI assistant
// starts `videoagent mcp` and talks JSON-RPC on its stdin and stdout.
type mcpCmd struct {
	clientFlags
}

func (c *mcpCmd) Run(a *app) error {
	if c.Key == "" {
		return withCode(exitAuth, fmt.Errorf("an API key is required: --key or VIDEOAGENT_API_KEY"))
	}
	return mcp.NewServer(&mcp.API{BaseURL: strings.TrimRight(c.Server, "/"), Key: c.Key}).Run(a.ctx, &sdk.StdioTransport{})
}

// mountUI adds the web studio at / and the MCP server at /mcp to the API server.
func mountUI(api *vahttp.Server) {
	api.Studio = studio.Handler()
	api.MCP = func(h http.Handler) http.Handler {
		return mcp.Handler(&mcp.API{BaseURL: "http://in-process", Client: &http.Client{Transport: mcp.HandlerTransport{Handler: h}}})
	}
}
