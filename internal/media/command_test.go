package media

import (
	"context"
	"strings"
	"testing"
)

// TestCommandSetsFrameMalloc runs a real shell through Command: it sees the malloc
// tunables, with tunables of its own environment kept after them so that they win.
func TestCommandSetsFrameMalloc(t *testing.T) {
	for _, tc := range []struct{ env, want string }{
		{"", frameMalloc},
		{"glibc.malloc.arena_max=2", frameMalloc + ":glibc.malloc.arena_max=2"},
	} {
		t.Setenv("GLIBC_TUNABLES", tc.env)
		toolEnv = onceToolEnv() // the environment changed
		out, err := Command(context.Background(), "sh", "-c", `printf %s "$GLIBC_TUNABLES"`).Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); got != tc.want {
			t.Errorf("with GLIBC_TUNABLES=%q the tool saw %q, want %q", tc.env, got, tc.want)
		}
	}
}
