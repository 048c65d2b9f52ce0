package videoagent

import (
	"strings"
	"unicode"
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

// Sentences cuts text into sentences, trimmed: after ., ! or ? (and any closing quotes or
// bracket) followed by space and a capital letter, a digit, a quote or a bracket. The
// dot of an abbreviation ("Dr.", "e.g.", "Jan.") or an initial ("J.") ends none.
func Sentences(text string) []string {
	return SplitAfter(text, func(rs []rune, i int) bool {
		if i+1 >= len(rs) || !unicode.IsSpace(rs[i+1]) {
			return false
		}
		e := i // the sentence's punctuation, before closing quotes and brackets
		for e > 0 && strings.ContainsRune("\"'”’)", rs[e]) {
			e--
		}
		if !strings.ContainsRune(".!?", rs[e]) {
			return false
		}
		j := i + 1
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if j == len(rs) || !(unicode.IsUpper(rs[j]) || unicode.IsDigit(rs[j]) || strings.ContainsRune("\"'“‘(", rs[j])) {
			return false
		}
		if rs[e] != '.' {
			return true
		}
		k := e
		for k > 0 && !unicode.IsSpace(rs[k-1]) {
			k--
		}
		return !Abbreviation(string(rs[k : e+1]))
	})
}

// Abbreviation reports whether word, which ends with a dot, is an abbreviation or an
// initial, whose dot ends no sentence: "Dr.", "e.g.", "J.", "(approx.".
func Abbreviation(word string) bool {
	w := strings.ToLower(strings.TrimRight(strings.TrimLeft(word, "\"'“‘("), "."))
	return utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") || abbreviations[w]
}

// abbreviations end with a dot inside a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "prof": true, "sr": true, "jr": true,
	"mt": true, "ft": true, "no": true, "vs": true, "etc": true, "approx": true, "dept": true, "inc": true,
	"ltd": true, "co": true, "corp": true, "fig": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}
