package videoagent

import (
	"strings"
	"unicode/utf8"
)

// Shorten returns s, or, when it has more than n characters (runes, so that a character is
// never cut in two), its first n-1 characters and "…": for a title, a message or an error
// that quotes what a user sent.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	switch {
	case n <= 0:
		return ""
	case n == 1:
		return "…"
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
