// Package normalize rewrites text the way a presenter would read it before it goes to a
// speech engine ("$4.5M" -> "four point five million dollars", "3:30 pm" -> "three thirty
// p m", "https://example.com/pricing" -> "example dot com slash pricing"), and records
// which spoken words stand for which written token, so that captions keep the written form.
//
// English is normalised fully: numbers, ordinals, currencies, percentages, dates, years,
// times, units, fractions, ranges, phone numbers, common abbreviations, URLs and e-mail
// addresses. Other languages are left to the speech engine's own rules (espeak-ng reads
// numbers, dates and symbols in each of its languages), so Normalize returns their text
// unchanged.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span records one written token that was rewritten: the spoken words in runes
// [Start, End) of Result.Text stand for Written.
type Span struct {
	Written string // the token as written, e.g. "$4.5M" (what captions show)
	Spoken  string // what is said, e.g. "four point five million dollars"
	Start   int    // rune offset of Spoken in Result.Text
	End     int    // rune offset just past Spoken in Result.Text
}

// Result is normalised text: Text is what the engine speaks, Spans the written tokens that
// were rewritten, in order. Text outside the spans is the original text.
type Result struct {
	Text  string
	Spans []Span
}

// Identity returns a Result that speaks text as written.
func Identity(text string) Result { return Result{Text: text} }

// English reports whether a BCP-47 tag or an English language name is English.
func English(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "en" || l == "english" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// Normalize rewrites text for speech in a language (a BCP-47 tag such as "en-US", or ""
// for English). Non-English text is returned unchanged.
func Normalize(text, lang string) Result {
	if lang != "" && !English(lang) {
		return Identity(text)
	}
	toks := tokenize(text)
	var b builder
	last := 0 // byte offset in text up to which output was written
	for i := range toks {
		t := &toks[i]
		b.plain(text[last:t.coreStart])
		spoken, written, period := rewrite(toks, i)
		if spoken == "" || spoken == t.core {
			b.plain(t.core)
		} else {
			b.span(written, spoken)
			if period {
				b.plain(".")
			}
		}
		last = t.coreEnd
	}
	b.plain(text[last:])
	return b.result()
}

// SayAs rewrites text for an SSML <say-as interpret-as="..."> element: "characters" or
// "spell-out" (letters and digits one by one), "digits", "cardinal" or "number",
// "ordinal", "telephone", "date", "time", "currency", "unit", "verbatim". Unknown kinds, and
// "cardinal" etc. on text that is not a number, fall back to Normalize. The whole text is
// one written token.
func SayAs(text, interpretAs, lang string) Result {
	core := strings.TrimSpace(text)
	if core == "" {
		return Identity(text)
	}
	var spoken string
	switch strings.ToLower(interpretAs) {
	case "characters", "spell-out", "verbatim", "letters":
		var parts []string
		for _, r := range core {
			switch {
			case r >= '0' && r <= '9' && English(lang):
				parts = append(parts, ones[r-'0'])
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				parts = append(parts, string(r))
			}
		}
		spoken = strings.Join(parts, " ")
	case "digits", "telephone":
		if !English(lang) {
			break
		}
		spoken = phone(core)
		if spoken == "" {
			spoken = Digits(core)
		}
	case "cardinal", "number":
		if English(lang) {
			spoken, _ = Number(core)
		}
	case "ordinal":
		if n, ok := integer(strings.TrimRight(core, "stndrhSTNDRH.")); ok && English(lang) {
			spoken = Ordinal(n)
		}
	}
	if spoken == "" {
		return Normalize(text, lang)
	}
	var b builder
	b.span(core, spoken)
	return b.result()
}

// builder assembles a Result.
type builder struct {
	sb    strings.Builder
	runes int
	spans []Span
}

func (b *builder) plain(s string) {
	b.sb.WriteString(s)
	b.runes += utf8.RuneCountInString(s)
}

func (b *builder) span(written, spoken string) {
	start := b.runes
	b.plain(spoken)
	b.spans = append(b.spans, Span{Written: written, Spoken: spoken, Start: start, End: b.runes})
}

func (b *builder) result() Result { return Result{Text: b.sb.String(), Spans: b.spans} }

// token is a whitespace-separated token of the text: its core (without the punctuation
// around it) is at bytes [coreStart, coreEnd).
type token struct {
	raw                string
	start, end         int // bytes of raw in the text
	core               string
	coreStart, coreEnd int
	trail              string // punctuation after the core
}

// leading and trailing punctuation that is not part of a token's core.
const (
	leadPunct  = "\"'“”‘’«»([{¿¡*_"
	trailPunct = "\"'“”‘’«»)]}.,;:!?…*_"
)

func tokenize(text string) []token {
	var toks []token
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		raw := text[i:j]
		core := strings.TrimLeft(raw, leadPunct)
		cs := i + len(raw) - len(core)
		core2 := strings.TrimRight(core, trailPunct)
		// An abbreviation keeps its final period ("e.g.", "Dr.", "p.m.").
		if len(core2) < len(core) && core[len(core2)] == '.' {
			if withDot := core2 + "."; isAbbrev(withDot) {
				core2 = withDot
			}
		}
		toks = append(toks, token{raw: raw, start: i, end: j, core: core2, coreStart: cs, coreEnd: cs + len(core2), trail: core[len(core2):]})
		i = j
	}
	return toks
}

// isAbbrev reports whether s (ending in ".") is a known abbreviation or an initialism such
// as "e.g." or "p.m." (single letters each followed by a period).
func isAbbrev(s string) bool {
	if _, ok := abbreviations[strings.ToLower(s)]; ok {
		return true
	}
	if _, ok := titles[strings.ToLower(s)]; ok {
		return true
	}
	parts := strings.Split(strings.TrimSuffix(s, "."), ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 || !unicode.IsLetter([]rune(p)[0]) {
			return false
		}
	}
	return true
}

// sentenceFollows reports whether the token after i starts a new sentence (or there is
// none), so that an abbreviation's period at the end of token i also ends the sentence.
func sentenceFollows(toks []token, i int) bool {
	if i+1 >= len(toks) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(toks[i+1].raw, leadPunct))
	return unicode.IsUpper(r)
}

// rewrite returns what token i says, the written form the spoken words stand for, and
// whether a sentence-ending period must follow (an abbreviation's period that also ended
// the sentence). An empty spoken means "as written".
func rewrite(toks []token, i int) (spoken, written string, period bool) {
	t := toks[i]
	core := t.core
	if core == "" {
		return "", "", false
	}
	lower := strings.ToLower(core)
	prev, next := "", ""
	if i > 0 {
		prev = strings.ToLower(toks[i-1].core)
	}
	if i+1 < len(toks) {
		next = strings.ToLower(toks[i+1].core)
	}
	prevNumber := i > 0 && startsNumeric(toks[i-1].core) && toks[i-1].trail == ""

	// Abbreviations and symbols.
	if s, ok := titles[lower]; ok {
		return s, core, false
	}
	if s, ok := abbreviations[lower]; ok {
		if lower == "no." && !startsNumeric(next) {
			return "", "", false
		}
		return s, core, strings.HasSuffix(core, ".") && sentenceFollows(toks, i)
	}
	if s, ok := symbols[core]; ok {
		return s, core, false
	}
	// "am"/"pm" after a time or a number.
	if s, ok := meridiem[lower]; ok && (prevNumber || isTime(prev)) {
		return s, core, strings.HasSuffix(core, ".") && sentenceFollows(toks, i)
	}
	// A unit after a number: "5 km".
	if prevNumber {
		if u, ok := unitFor(core); ok {
			return u.say(toks[i-1].core), core, false
		}
	}
	// A scale word after a currency amount takes the currency: "$4.5 million".
	if i > 0 && toks[i-1].trail == "" {
		if _, ok := scaleWords[lower]; ok {
			if _, cur, ok := splitCurrency(toks[i-1].core); ok {
				return lower + " " + cur.plural, core, false
			}
		}
	}
	if !hasDigit(core) && !strings.ContainsAny(core, "@/:.") {
		return "", "", false
	}
	if s := url(core); s != "" {
		return s, core, false
	}
	if s := email(core); s != "" {
		return s, core, false
	}
	if !hasDigit(core) {
		return "", "", false
	}
	if s := numeric(core, prev, next, toks, i); s != "" {
		return s, core, false
	}
	return "", "", false
}

func startsNumeric(s string) bool {
	s = strings.TrimLeft(s, "$€£¥₹+-−#~")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}

// titles precede a name and never end a sentence.
var titles = map[string]string{
	"dr.": "Doctor", "mr.": "Mister", "mrs.": "Missus", "ms.": "Miz", "prof.": "Professor",
	"gen.": "General", "gov.": "Governor", "sen.": "Senator", "rep.": "Representative",
	"sgt.": "Sergeant", "capt.": "Captain", "lt.": "Lieutenant", "rev.": "Reverend",
	"st.": "Saint", "mt.": "Mount", "ft.": "Fort",
}

// abbreviations are read in full.
var abbreviations = map[string]string{
	"e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "vs": "versus",
	"approx.": "approximately", "inc.": "Incorporated", "ltd.": "Limited", "co.": "Company",
	"corp.": "Corporation", "dept.": "Department", "est.": "established", "no.": "number",
	"jr.": "Junior", "sr.": "Senior", "ave.": "Avenue", "blvd.": "Boulevard", "rd.": "Road",
	"min.": "minimum", "max.": "maximum", "avg.": "average", "misc.": "miscellaneous",
	"jan.": "January", "feb.": "February", "mar.": "March", "apr.": "April", "aug.": "August",
	"sept.": "September", "sep.": "September", "oct.": "October", "nov.": "November", "dec.": "December",
	"w/": "with", "w/o": "without", "a.k.a.": "also known as", "aka": "also known as",
	"fyi": "for your information", "asap": "as soon as possible", "q&a": "Q and A",
	"p.s.": "P S", "u.s.": "U S", "u.k.": "U K", "e.u.": "E U",
}

// symbols standing alone.
var symbols = map[string]string{
	"&": "and", "+": "plus", "=": "equals", "@": "at", "%": "percent", "#": "number",
	"×": "times", "÷": "divided by", "±": "plus or minus", "≈": "about", "→": "to", "~": "about",
}

var meridiem = map[string]string{
	"am": "a m", "a.m.": "a m", "pm": "p m", "p.m.": "p m",
}

var scaleWords = map[string]bool{"thousand": true, "million": true, "billion": true, "trillion": true}

// months by lower-case name or abbreviation.
var months = map[string]string{
	"january": "January", "february": "February", "march": "March", "april": "April", "may": "May",
	"june": "June", "july": "July", "august": "August", "september": "September",
	"october": "October", "november": "November", "december": "December",
	"jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June",
	"jul": "July", "aug": "August", "sep": "September", "sept": "September", "oct": "October",
	"nov": "November", "dec": "December",
}

var monthNames = []string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// yearContext are words after which a four-digit number is a year.
var yearContext = map[string]bool{
	"in": true, "since": true, "by": true, "from": true, "until": true, "till": true, "of": true,
	"year": true, "before": true, "after": true, "during": true, "circa": true, "early": true,
	"late": true, "mid": true, "spring": true, "summer": true, "autumn": true, "fall": true,
	"winter": true, "through": true, "to": true, "and": true, "between": true, "fiscal": true, "fy": true,
}
