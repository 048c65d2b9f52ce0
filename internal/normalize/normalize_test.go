package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeEnglish(t *testing.T) {
	cases := []struct{ in, want string }{
		// Currencies.
		{"$4.5M", "four point five million dollars"},
		{"It raised $4.5M.", "It raised four point five million dollars."},
		{"$5", "five dollars"},
		{"$1", "one dollar"},
		{"$4.99", "four dollars and ninety-nine cents"},
		{"$0.50", "fifty cents"},
		{"$1,200", "one thousand two hundred dollars"},
		{"€20", "twenty euros"},
		{"£3.50", "three pounds and fifty pence"},
		{"5€", "five euros"},
		{"$10k", "ten thousand dollars"},
		{"$2.3bn", "two point three billion dollars"},
		{"$4.5 million", "four point five million dollars"},
		{"-$20", "minus twenty dollars"},
		// Numbers.
		{"1,000,000 users", "one million users"},
		{"42", "forty-two"},
		{"3.14", "three point one four"},
		{"-5", "minus five"},
		{"007", "zero zero seven"},
		{"1234567", "one million two hundred thirty-four thousand five hundred sixty-seven"},
		{"10-20 people", "ten to twenty people"},
		{"#1", "number one"},
		{"No. 5", "number five"},
		{"1/2", "one half"},
		{"3/4", "three quarters"},
		{"2/3", "two thirds"},
		{"24/7", "twenty-four seven"},
		{"3x faster", "three times faster"},
		// Ordinals.
		{"2nd", "second"},
		{"the 21st century", "the twenty-first century"},
		{"3rd", "third"},
		{"11th", "eleventh"},
		{"100th", "one hundredth"},
		{"42nd", "forty-second"},
		// Percentages.
		{"25%", "twenty-five percent"},
		{"3.5%", "three point five percent"},
		{"each 25% faster", "each twenty-five percent faster"},
		// Times.
		{"3:30 pm", "three thirty p m"},
		{"3:30pm", "three thirty p m"},
		{"at 3:30 p.m. Then", "at three thirty p m. Then"},
		{"meet at 5 p.m.", "meet at five p m."},
		{"10:05", "ten oh five"},
		{"15:00", "fifteen hundred"},
		{"9am", "nine a m"},
		{"12:00", "twelve o'clock"},
		{"I am here", "I am here"},
		// Dates and years.
		{"2024-03-15", "March fifteenth, twenty twenty-four"},
		{"03/15/2024", "March fifteenth, twenty twenty-four"},
		{"15/03/2024", "March fifteenth, twenty twenty-four"},
		{"March 15, 2024", "March fifteenth, twenty twenty-four"},
		{"In 2024, we shipped", "In twenty twenty-four, we shipped"},
		{"since 1999", "since nineteen ninety-nine"},
		{"in 2005", "in two thousand five"},
		{"in 1905", "in nineteen oh five"},
		{"2000 users", "two thousand users"},
		{"the 1990s", "the nineteen nineties"},
		{"2020-2024", "twenty twenty to twenty twenty-four"},
		// Units.
		{"5 km", "five kilometers"},
		{"5km", "five kilometers"},
		{"1 km", "one kilometer"},
		{"3.5GB", "three point five gigabytes"},
		{"100 MB", "one hundred megabytes"},
		{"20°C", "twenty degrees Celsius"},
		{"60 fps", "sixty frames per second"},
		{"200 ms", "two hundred milliseconds"},
		// Abbreviations and symbols.
		{"Dr. Smith", "Doctor Smith"},
		{"Mr. Jones and Mrs. Jones", "Mister Jones and Missus Jones"},
		{"apples, pears, etc.", "apples, pears, et cetera."},
		{"e.g. this", "for example this"},
		{"cats vs. dogs", "cats versus dogs"},
		{"Q&A", "Q and A"},
		{"you & me", "you and me"},
		{"Acme Inc. Today", "Acme Incorporated. Today"},
		// URLs and e-mail.
		{"https://example.com/pricing", "example dot com slash pricing"},
		{"Visit https://example.com/pricing.", "Visit example dot com slash pricing."},
		{"www.example.com", "example dot com"},
		{"example.com", "example dot com"},
		{"https://docs.example.io/v2/get-started?x=1", "docs dot example dot i o slash v two slash get dash started"},
		{"jane.doe@example.com", "jane dot doe at example dot com"},
		{"jane_doe+news@example.com", "jane underscore doe plus news at example dot com"},
		{"Write to support@acme.co.uk!", "Write to support at acme dot co dot u k!"},
		// Phone numbers.
		{"555-123-4567", "five five five, one two three, four five six seven"},
		// Left alone.
		{"Hello, world. This is a test.", "Hello, world. This is a test."},
		{"Node.js and COVID-19", "Node.js and COVID-19"},
		{"(really) great...", "(really) great..."},
	}
	for _, c := range cases {
		got := Normalize(c.in, "en-US")
		if got.Text != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got.Text, c.want)
		}
		checkSpans(t, c.in, got)
	}
}

// checkSpans checks that the spans point at their spoken text and that their written
// forms appear in order in the input.
func checkSpans(t *testing.T, in string, r Result) {
	t.Helper()
	runes := []rune(r.Text)
	pos, prevEnd := 0, 0
	for _, s := range r.Spans {
		if s.Start < prevEnd || s.End > len(runes) || string(runes[s.Start:s.End]) != s.Spoken {
			t.Errorf("%q: span %+v does not match the spoken text %q", in, s, r.Text)
		}
		k := strings.Index(in[pos:], s.Written)
		if k < 0 {
			t.Errorf("%q: written %q not found in order", in, s.Written)
			continue
		}
		pos += k + len(s.Written)
		prevEnd = s.End
	}
}

func TestWrittenForms(t *testing.T) {
	r := Normalize("It raised $4.5M at 3:30 pm on the 2nd, see https://example.com/pricing.", "en")
	var ws []string
	for _, s := range r.Spans {
		ws = append(ws, s.Written)
	}
	want := []string{"$4.5M", "3:30", "pm", "2nd", "https://example.com/pricing"}
	if strings.Join(ws, "|") != strings.Join(want, "|") {
		t.Errorf("written = %q, want %q", ws, want)
	}
}

func TestOtherLanguagesUnchanged(t *testing.T) {
	for _, c := range []struct{ text, lang string }{
		{"Cuesta 5 € y son las 3:30.", "es"},
		{"Am 2. Mai 2024 um 15:30 Uhr.", "de-DE"},
		{"价格是5元。", "cmn"},
	} {
		if r := Normalize(c.text, c.lang); r.Text != c.text || len(r.Spans) != 0 {
			t.Errorf("Normalize(%q, %q) = %+v, want unchanged", c.text, c.lang, r)
		}
	}
}

func TestSayAs(t *testing.T) {
	cases := []struct{ text, kind, want string }{
		{"API", "characters", "A P I"},
		{"A1", "spell-out", "A one"},
		{"2024", "digits", "two zero two four"},
		{"2024", "cardinal", "two thousand twenty-four"},
		{"3", "ordinal", "third"},
		{"3rd", "ordinal", "third"},
		{"555-1234", "telephone", "five five five, one two three four"},
		{"2024-03-15", "date", "March fifteenth, twenty twenty-four"},
		{"3:30pm", "time", "three thirty p m"},
		{"hello", "cardinal", "hello"},
	}
	for _, c := range cases {
		r := SayAs(c.text, c.kind, "en")
		if r.Text != c.want {
			t.Errorf("SayAs(%q, %q) = %q, want %q", c.text, c.kind, r.Text, c.want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for n, want := range map[uint64]string{
		0: "zero", 13: "thirteen", 40: "forty", 99: "ninety-nine", 100: "one hundred",
		101: "one hundred one", 1000: "one thousand", 1_000_001: "one million one",
		2_500_000_000: "two billion five hundred million",
	} {
		if got := Cardinal(n); got != want {
			t.Errorf("Cardinal(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[uint64]string{1: "first", 12: "twelfth", 20: "twentieth", 101: "one hundred first", 1000: "one thousandth"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1984: "nineteen eighty-four", 2000: "two thousand", 2010: "twenty ten", 1900: "nineteen hundred", 1066: "ten sixty-six"} {
		if got := Year(n); got != want {
			t.Errorf("Year(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzNormalize checks that any text normalises without panicking and with consistent
// spans.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"$4.5M", "3:30 pm", "https://x.io/a-b", "a@b.c", "1/0", "--5", "$", "%", "99999999999999999999", "Dr."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		r := Normalize(s, "en")
		runes := []rune(r.Text)
		for _, sp := range r.Spans {
			if sp.Start < 0 || sp.End > len(runes) || sp.Start > sp.End || string(runes[sp.Start:sp.End]) != sp.Spoken {
				t.Fatalf("bad span %+v in %q", sp, r.Text)
			}
		}
	})
}
