package videoagent

import (
	"strings"
	"testing"
)

func TestShorten(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a longer sentence here", 10, "a longer…"},
		{"Größenwahn und Übermut", 6, "Größe…"},
		{"日本語のテキストです", 4, "日本語…"},
		{"abc", 1, "…"},
		{"abc", 0, ""},
	} {
		if got := Shorten(c.in, c.n); got != c.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestSplitAfter(t *testing.T) {
	atStop := func(rs []rune, i int) bool { return rs[i] == '.' || rs[i] == '。' }
	for _, c := range []struct{ in, want string }{
		{"One. Two.  Three", "One.|Two.|Three"},
		{" . Ünïcode.日本。語", ".|Ünïcode.|日本。|語"},
		{"no stop ", "no stop"},
		{"   ", ""},
	} {
		if got := strings.Join(SplitAfter(c.in, atStop), "|"); got != c.want {
			t.Errorf("SplitAfter(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
