package agent

import (
	"regexp"
	"strings"
)

// extractor holds a prompt prepared for extraction: URLs and long quotations are replaced
// by placeholder words so that their dots and commas do not split sentences or lists.
type extractor struct {
	orig   string
	plain  string            // prompt with placeholders
	urls   []string          // URLs exactly as written
	quoted []quotation       // long quotations, in order
	holder map[string]string // placeholder -> original text
	durAt  [2]int            // span of the length request in plain, or -1
}

type quotation struct {
	text, holder string
	at           int
}

var (
	reURL   = regexp.MustCompile(`(?i)\b(?:https?://[^\s<>"')\]]+|www\.[^\s<>"')\]]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|io|ai|org|net|co|app|dev|me|tv|de|es|fr|it|nl|uk|eu|us|ca|au|info|biz|shop|store|tech|xyz|gg|ly|so|example|studio|online|site|club|cafe|gym|fit|health|school|academy|events|travel|coffee|pizza|menu|page|link)(?:/[^\s<>"')\]]*)?)`)
	reQuote = regexp.MustCompile(`"([^"\n]{1,400})"|“([^”\n]{1,400})”|„([^“”\n]{1,400})[“”]|«\s?([^»\n]{1,400}?)\s?»|'([^'\n]{3,60})'`)
)

var reEmail = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)

func placeholder(kind string, i int) string {
	return kind + "q" + string(rune('a'+i%26)) + strings.Repeat("z", i/26)
}

func newExtractor(p string) *extractor {
	x := &extractor{orig: p, holder: map[string]string{}, durAt: [2]int{-1, -1}}
	// E-mail addresses first: their domain is no link to visit.
	emails := 0
	s := reEmail.ReplaceAllStringFunc(p, func(e string) string {
		h := placeholder("mail", emails)
		emails++
		x.holder[h] = e
		return h
	})
	s = reURL.ReplaceAllStringFunc(s, func(u string) string {
		trimmed := strings.TrimRight(u, ".,;:!?")
		h := placeholder("url", len(x.urls))
		x.urls = append(x.urls, trimmed)
		x.holder[h] = trimmed
		return h + u[len(trimmed):]
	})
	s = reQuote.ReplaceAllStringFunc(s, func(m string) string {
		sm := reQuote.FindStringSubmatch(m)
		q := ""
		for _, g := range sm[1:] {
			if g != "" {
				q = g
				break
			}
		}
		q = strings.TrimSpace(q)
		if len(strings.Fields(q)) >= 4 {
			h := placeholder("quote", len(x.quoted))
			x.quoted = append(x.quoted, quotation{text: q, holder: h})
			x.holder[h] = q
			return h
		}
		return q // a short quoted string is a name: keep its words
	})
	// "Ab 1. März", "am 3. Mai": a German ordinal date's dot ends no sentence.
	s = reOrdinalDate.ReplaceAllString(s, "$1.\u00a0$2")
	// Nor does the dot of a title or a "for example" ("St. Mary Hospital", "Dr. Lee", "e.g.
	// a kettle"): the space after it becomes a no-break space.
	s = reAbbrevDot.ReplaceAllString(s, "$1.\u00a0")
	x.plain = s
	for i := range x.quoted {
		x.quoted[i].at = strings.Index(s, x.quoted[i].holder)
	}
	return x
}

var reAbbrevDot = regexp.MustCompile(`\b(St|Dr|Mr|Mrs|Ms|Mt|Ft|Prof|Rev|Sgt|Capt|Gen|Hon|Jr|Sr|Nr|Sta|Sto|Sra|Mme|Mlle|e\.g|i\.e|vs|z\.B|d\.h|p\.ex)\. `)

var reOrdinalDate = regexp.MustCompile(`(?i)\b(\d{1,2})\. (` + months + `)\b`)

// restore puts URLs and quotations back into s.
func (x *extractor) restore(s string) string {
	for h, v := range x.holder {
		s = strings.ReplaceAll(s, h, v)
	}
	return s
}

func hasHolder(s string) bool {
	return strings.Contains(s, "urlq") || holdsQuote(s) || strings.Contains(s, "mailq")
}

// holdsQuote reports whether s holds a quotation's placeholder: the quotation is a scene of
// its own, attributed.
func holdsQuote(s string) bool { return strings.Contains(s, "quoteq") }

var reSentence = regexp.MustCompile(`[.!?]+(?:\s+|$)|\n+`)

// sentences splits the prompt into sentences (with placeholders).
func (x *extractor) sentences() []string {
	var out []string
	for _, s := range reSentence.Split(x.plain, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
