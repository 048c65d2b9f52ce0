package chat

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A message is read in a working copy in which quotations, URLs and scene references are
// replaced by tokens (⟦q0⟧, ⟦u0⟧, ⟦s0⟧), so that the command patterns stay simple and the
// user's exact words and links can be restored. Parsers consume what they understood by
// blanking it, so that one phrase is read once.

// tokKind says what a token stands for; its letter is the one in the token's text.
type tokKind byte

// Token kinds.
const (
	tokQuote tokKind = 'q' // a quotation
	tokURL   tokKind = 'u' // a URL
	tokScene tokKind = 's' // a scene reference
)

type token struct {
	kind  tokKind
	orig  string // the text as written
	inner string // a quotation without its marks
	scene int    // scene reference: 1-based index, or one of refLast, refPenultimate, refCTA
}

const (
	refLast        = -1
	refPenultimate = -2
	refCTA         = -3
)

type message struct {
	orig string
	w    string
	toks []token
}

// Number words, cardinal and ordinal, in English, Spanish, German and French.
var cardinals = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
	"ocho": 8, "nueve": 9, "diez": 10,
	"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
	"neun": 9, "zehn": 10,
	"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
	"huit": 8, "neuf": 9, "dix": 10,
}

var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
	"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
	"primera": 1, "primer": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercer": 3,
	"tercero": 3, "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5, "sexta": 6, "sexto": 6,
	"séptima": 7, "séptimo": 7, "octava": 8, "octavo": 8, "novena": 9, "noveno": 9, "décima": 10, "décimo": 10,
	"erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6, "siebte": 7,
	"achte": 8, "neunte": 9, "zehnte": 10,
	"premier": 1, "première": 1, "deuxième": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
	"cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
}

var lastWords = map[string]int{
	"last": refLast, "final": refLast, "última": refLast, "último": refLast, "letzte": refLast,
	"dernière": refLast, "dernier": refLast,
	"penultimate": refPenultimate, "second-to-last": refPenultimate, "second to last": refPenultimate,
	"second-last": refPenultimate, "second last": refPenultimate, "next-to-last": refPenultimate,
	"next to last": refPenultimate, "penúltima": refPenultimate, "penúltimo": refPenultimate,
	"vorletzte": refPenultimate, "avant-dernière": refPenultimate, "avant-dernier": refPenultimate,
}

func alternation(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, regexp.QuoteMeta(strings.TrimSpace(k)))
	}
	// Longest first, so that "second to last" wins over "second".
	sortByLenDesc(keys)
	return strings.Join(keys, "|")
}

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || (len(s[j]) == len(s[j-1]) && s[j] < s[j-1])); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// numberValue reads a digit string, cardinal or ordinal word; 0 if none.
func numberValue(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if n, ok := cardinals[s]; ok {
		return n
	}
	if n, ok := ordinals[s]; ok {
		return n
	}
	// German ordinals decline: "zweiten", "dritter".
	for _, suf := range []string{"n", "r", "s", "m"} {
		if n, ok := ordinals[strings.TrimSuffix(s, suf)]; ok && strings.HasSuffix(s, suf) {
			return n
		}
	}
	if n, ok := lastWords[s]; ok {
		return n
	}
	for _, suf := range []string{"n", "r", "s", "m"} {
		if n, ok := lastWords[strings.TrimSuffix(s, suf)]; ok && strings.HasSuffix(s, suf) {
			return n
		}
	}
	return 0
}

var (
	cardAlt = alternation(cardinals)
	ordAlt  = alternation(ordinals) + `|(?:erste|zweite|dritte|vierte|fünfte|sechste|siebte|achte|neunte|zehnte)[nrsm]`
	lastAlt = alternation(lastWords) + `|(?:letzte|vorletzte)[nrsm]`

	sceneNoun  = `(?:scene|slide|escena|diapositiva|szene|folie|scène|diapo)`
	scenesNoun = `(?:scenes|slides|escenas|diapositivas|szenen|folien|scènes|diapos)`
	article    = `(?:(?:the|la|el|die|der|den|le|les|los|las)\s+|l')?`

	reQuote = regexp.MustCompile(`"([^"\n]+)"|“([^”\n]+)”|„([^“”\n]+)[“”]|«\s?([^»\n]+?)\s?»|(?:^|[\s(:])'([^'\n]+?)'(?:$|[\s.,;:!?)])`)
	reURL   = regexp.MustCompile(`(?i)\b(?:https?://[^\s<>"')\]]+|www\.[^\s<>"')\]]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|io|ai|org|net|co|app|dev|me|tv|de|es|fr|it|nl|uk|eu|us|ca|au|info|biz|shop|store|tech|xyz|gg|ly|so)(?:/[^\s<>"')\]]*)?)`)

	// "scenes 2 and 3", "slides 2, 4 and 5", "scenes 2-4".
	reScenesList  = regexp.MustCompile(`(?i)\b` + article + `(?:` + scenesNoun + `|` + sceneNoun + `)\s+((?:\d{1,2}|` + cardAlt + `)(?:\s*(?:,|and|&|y|und|et|-|–|to)\s*(?:\d{1,2}|` + cardAlt + `))+)\b`)
	reSceneNum    = regexp.MustCompile(`(?i)\b` + article + sceneNoun + `\s*(?:#|no\.?\s*|number\s+|nr\.?\s*|n[°º]\s*|número\s+|nummer\s+|numéro\s+)?(\d{1,2}|` + cardAlt + `)\b`)
	reSceneOrd    = regexp.MustCompile(`(?i)\b` + article + `(` + lastAlt + `|` + ordAlt + `)\s+` + sceneNoun + `\b`)
	reSceneLastN  = regexp.MustCompile(`(?i)\b` + article + `(last|first)\s+(two|three|2|3)\s+` + scenesNoun + `\b`)
	reSceneIntro  = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:intro(?:duction)?(?:\s+scene)?|opening(?:\s+scene)?|title\s+(?:card|scene|slide)|opening\s+slide)\b`)
	reSceneOutro  = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:outro|ending|closing\s+(?:scene|slide)|end\s+(?:card|scene|slide))\b`)
	reSceneCTA    = regexp.MustCompile(`(?i)\b(?:the\s+)?(?:call[- ]to[- ]action|cta)\s+(?:scene|slide)\b`)
	reToken       = regexp.MustCompile(`⟦([qus])(\d+)⟧`)
	reSceneTok    = regexp.MustCompile(`⟦s\d+⟧`)
	reListNumbers = regexp.MustCompile(`(?i)\b(?:\d{1,2}|` + cardAlt + `)\b`)
)

// newMessage prepares a message: normalised apostrophes, then quotations, URLs and scene
// references replaced by tokens.
func newMessage(s string) *message {
	s = strings.NewReplacer("’", "'", "‘", "'", "\r\n", "\n").Replace(strings.TrimSpace(s))
	m := &message{orig: s}
	s = reQuote.ReplaceAllStringFunc(s, func(q string) string {
		sm := reQuote.FindStringSubmatchIndex(q)
		for g := 1; g <= 5; g++ {
			if sm[2*g] >= 0 {
				inner := q[sm[2*g]:sm[2*g+1]]
				lead, trail := "", ""
				if g == 5 { // the single-quote pattern keeps its surrounding characters
					start := strings.IndexByte(q, '\'')
					end := strings.LastIndexByte(q, '\'')
					lead, trail = q[:start], q[end+1:]
					q = q[start : end+1]
				}
				return lead + m.add(token{kind: tokQuote, orig: q, inner: strings.TrimSpace(inner)}) + trail
			}
		}
		return q
	})
	s = reURL.ReplaceAllStringFunc(s, func(u string) string {
		t := strings.TrimRight(u, ".,;:!?")
		return m.add(token{kind: tokURL, orig: t}) + u[len(t):]
	})
	s = reScenesList.ReplaceAllStringFunc(s, func(x string) string {
		sm := reScenesList.FindStringSubmatch(x)
		list := sm[1]
		nums := reListNumbers.FindAllString(list, -1)
		var idx []int
		for _, n := range nums {
			idx = append(idx, numberValue(n))
		}
		if len(idx) == 2 && strings.ContainsAny(list, "-–") || strings.Contains(strings.ToLower(list), " to ") {
			if len(idx) == 2 && idx[0] < idx[1] && idx[1]-idx[0] < 20 {
				r := []int{}
				for i := idx[0]; i <= idx[1]; i++ {
					r = append(r, i)
				}
				idx = r
			}
		}
		var parts []string
		for _, i := range idx {
			parts = append(parts, m.add(token{kind: tokScene, orig: x, scene: i}))
		}
		return strings.Join(parts, " and ")
	})
	s = reSceneLastN.ReplaceAllStringFunc(s, func(x string) string {
		sm := reSceneLastN.FindStringSubmatch(x)
		n := numberValue(sm[2])
		var parts []string
		for i := 0; i < n; i++ {
			if strings.EqualFold(sm[1], "last") {
				parts = append(parts, m.add(token{kind: tokScene, orig: x, scene: -(n - i)}))
			} else {
				parts = append(parts, m.add(token{kind: tokScene, orig: x, scene: i + 1}))
			}
		}
		return strings.Join(parts, " and ")
	})
	one := func(re *regexp.Regexp, val func(sm []string) int) {
		s = re.ReplaceAllStringFunc(s, func(x string) string {
			v := val(re.FindStringSubmatch(x))
			if v == 0 {
				return x
			}
			return m.add(token{kind: tokScene, orig: x, scene: v})
		})
	}
	one(reSceneCTA, func([]string) int { return refCTA })
	one(reSceneNum, func(sm []string) int { return numberValue(sm[1]) })
	one(reSceneOrd, func(sm []string) int { return numberValue(sm[1]) })
	one(reSceneIntro, func([]string) int { return 1 })
	one(reSceneOutro, func([]string) int { return refLast })
	m.w = s
	return m
}

func (m *message) add(t token) string {
	m.toks = append(m.toks, t)
	return "⟦" + string(t.kind) + strconv.Itoa(len(m.toks)-1) + "⟧"
}

// tok returns the token a ⟦..⟧ string names.
func (m *message) tok(s string) (token, bool) {
	sm := reToken.FindStringSubmatch(s)
	if sm == nil {
		return token{}, false
	}
	i, _ := strconv.Atoi(sm[2])
	if i >= len(m.toks) {
		return token{}, false
	}
	return m.toks[i], true
}

// restore puts the user's text back in place of the tokens in s. A string that is only
// one quotation gives the quotation without its marks.
func (m *message) restore(s string) string {
	s = strings.TrimSpace(s)
	if t, ok := m.tok(s); ok && t.kind == tokQuote && reToken.FindString(s) == s {
		return t.inner
	}
	return reToken.ReplaceAllStringFunc(s, func(x string) string {
		t, _ := m.tok(x)
		return t.orig
	})
}

// consume blanks w[i:j] so that no other parser reads it.
func (m *message) consume(i, j int) {
	if i < 0 || j > len(m.w) || i >= j {
		return
	}
	m.w = m.w[:i] + strings.Repeat(" ", j-i) + m.w[j:]
}

// urls returns the URLs in s (token form) as written.
func (m *message) urls(s string) []string {
	var out []string
	for _, x := range reToken.FindAllString(s, -1) {
		if t, _ := m.tok(x); t.kind == tokURL {
			out = append(out, t.orig)
		}
	}
	return out
}

// reBoundary ends an unquoted payload ("change scene 2 to say X and make it vertical"):
// a conjunction or sentence end followed by another command.
var reBoundary = regexp.MustCompile(`(?i)(?:[,;]?\s+(?:and|then|also|plus|but|y|und|et)\s+(?:also\s+|then\s+|please\s+|can you\s+|could you\s+)?|[.!?;]\s+(?:and\s+|also\s+|then\s+|please\s+)?|\n\s*)(?:make|use|change|add|remove|drop|delete|move|swap|switch|put|replace|set|turn|translate|render|go ahead|shorten|cut|keep|let's|let|give|show|include|insert|rename|call it|title|now|looks|sounds|it's|its|perfect|great|thanks|thank you|ok|okay|also|then|haz|hazlo|cambia|quita|mach|ändere|entferne|fais|change|supprime)\b|\n`)

// payload reads the text of a command from w[i:]: a quotation right there, else the words
// up to the next command. It returns the restored text and the end of what it read.
func (m *message) payload(i int) (string, int) {
	rest := m.w[i:]
	lead := len(rest) - len(strings.TrimLeft(rest, " \t:"))
	if loc := reToken.FindStringIndex(rest[lead:]); loc != nil && loc[0] == 0 {
		if t, _ := m.tok(rest[lead : lead+loc[1]]); t.kind == tokQuote {
			return t.inner, i + lead + loc[1]
		}
	}
	end := len(rest)
	if loc := reBoundary.FindStringIndex(rest[lead:]); loc != nil {
		end = lead + loc[0]
	}
	text := strings.TrimSpace(rest[:end])
	text = strings.TrimRight(text, ",; ")
	return m.restore(text), i + end
}

// sceneToks returns the scene tokens in s, in order.
func (m *message) sceneToks(s string) []token {
	var out []token
	for _, x := range reSceneTok.FindAllString(s, -1) {
		if t, ok := m.tok(x); ok {
			out = append(out, t)
		}
	}
	return out
}

// words splits s into lower-case words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'')
	})
}

// containsWord reports whether the lower-case word list has w.
func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// findWord finds phrase in s, ignoring case, between word boundaries (letters and digits
// on neither side). It returns the span as a submatch index ({start, end, start, end}),
// or nil.
func findWord(s, phrase string) []int {
	phrase = strings.TrimSpace(phrase)
	n := len(phrase)
	if n == 0 {
		return nil
	}
	for i := 0; i+n <= len(s); i++ {
		if !utf8.RuneStart(s[i]) || !strings.EqualFold(s[i:i+n], phrase) {
			continue
		}
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		if i+n < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[i+n:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
				continue
			}
		}
		return []int{i, i + n, i, i + n}
	}
	return nil
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
