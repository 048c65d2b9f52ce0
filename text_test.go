package videoagent

import (
	"reflect"
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

// Sentences cuts where a sentence ends, not after an abbreviation, an initial or "e.g.".
func TestSentences(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"One. Two! Three? Four", []string{"One.", "Two!", "Three?", "Four"}},
		{"Visit St. Mary Hospital. Dr. Lee will see you.", []string{"Visit St. Mary Hospital.", "Dr. Lee will see you."}},
		{"J. K. Rowling wrote it. Read it, e.g. Book one.", []string{"J. K. Rowling wrote it.", "Read it, e.g. Book one."}},
		{"It costs $5.99 each. 42% more than in 1999.", []string{"It costs $5.99 each.", "42% more than in 1999."}},
		{`She said "Hi." "Hello," he said.`, []string{`She said "Hi."`, `"Hello," he said.`}},
		{"Wait... what?! no capital after this. Done", []string{"Wait... what?! no capital after this.", "Done"}},
		{"Open at 7 a.m. on weekdays.", []string{"Open at 7 a.m. on weekdays."}},
		{"lakesidedental.example/book is the page.", []string{"lakesidedental.example/book is the page."}},
		{"See fig. 4 below.  Then read on (twice).", []string{"See fig. 4 below.", "Then read on (twice)."}},
	} {
		if got := Sentences(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Sentences(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
