package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release, set at build time with -ldflags "-X main.version=v1.2.3"; "dev"
// otherwise (the VCS revision, when the build recorded one, is printed next to it).
var version = "dev"

func init() {
	register("version", "Print the version.", &versionCmd{})
}

type versionCmd struct {
	JSON bool `name:"json" help:"Print it as JSON."`
}

func (c *versionCmd) Run(a *app) error {
	rev, modified := "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if c.JSON {
		return printJSON(a.stdout, map[string]any{"version": version, "revision": rev, "modified": modified, "go": runtime.Version()})
	}
	fmt.Fprintf(a.stdout, "videoagent %s", version)
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(a.stdout, " (%s", rev)
		if modified {
			fmt.Fprint(a.stdout, ", modified")
		}
		fmt.Fprint(a.stdout, ")")
	}
	fmt.Fprintf(a.stdout, " %s\n", runtime.Version())
	return nil
}
