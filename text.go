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

// SplitAfter cuts text after every rune at which end(rs, i) holds (rs is text's runes, i
// the rune's index) and returns the pieces trimmed, empty ones left out; what follows the
// last such rune is the last piece. Sentence splitters differ in what ends a sentence, not
// in this.
func SplitAfter(text string, end func(rs []rune, i int) bool) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i := range rs {
		if end(rs, i) {
			if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}
