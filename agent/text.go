package agent

import (
	"hash/fnv"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hash64 is a stable FNV-1a hash of its parts, used for the storyboard seed and for every
// seeded choice of phrasing.
func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// capFirst upper-cases the first letter of s, unless its first word is a mixed-case name
// such as "iPhone" or "eBay".
func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	first := s
	if i := strings.IndexAny(s, " ,.:;!?"); i > 0 {
		first = s[:i]
	}
	for _, c := range first[n:] {
		if unicode.IsUpper(c) {
			return s
		}
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of s when the first word is an ordinary word
// (not an acronym or a name with more capitals).
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	first := s
	if i := strings.IndexAny(s, " ,.:;!?"); i > 0 {
		first = s[:i]
	}
	for _, c := range first[n:] {
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// shorten cuts s at a word boundary so that it has at most max runes.
func shorten(s string, max int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	out := ""
	for _, w := range strings.Fields(s) {
		next := w
		if out != "" {
			next = out + " " + w
		}
		if utf8.RuneCountInString(next) > max {
			break
		}
		out = next
	}
	if out == "" {
		out = string([]rune(s)[:max])
	}
	// A cut title does not end on a preposition or an article ("... Mitarbeiter zum").
	for {
		i := strings.LastIndex(out, " ")
		if i <= 0 || !isFunctionWord(strings.ToLower(out[i+1:])) {
			break
		}
		out = out[:i]
	}
	return strings.TrimRight(out, " ,;:-–—")
}

// limitWords keeps the first n words of s.
func limitWords(s string, n int) string {
	ws := strings.Fields(s)
	if len(ws) > n {
		ws = ws[:n]
	}
	return strings.TrimRight(strings.Join(ws, " "), " ,;:-–—")
}

// bulletText turns a phrase into on-screen bullet text: at most 6 words, a capital first
// letter, no final punctuation.
func bulletText(s string) string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".!?;:,"))
	return capFirst(limitWords(s, 6))
}

// joinList joins items as "a, b and c" with the language's conjunction.
func joinList(items []string, and string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + and + " " + items[len(items)-1]
}

// normalizeSpace collapses runs of white space and removes space before "." and ",".
// (Space before ":", ";", "!" and "?" is left alone: French typography wants it.)
func normalizeSpace(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = reSpaceBeforeStop.ReplaceAllString(s, "$1$2") // not in "a .edu email"
	s = strings.ReplaceAll(s, "..", ".")
	return s
}

var reSpaceBeforeStop = regexp.MustCompile(` ([.,])([^\pL\pN]|$)`)

// SpokenWords estimates how many words a speech engine says for text: ordinary words count
// one; numbers count two ("forty percent", "ten thousand"), with the letters after them
// ("7pm": "seven p m"); a URL or e-mail address counts its parts and separators ("acme dot
// com slash pay").
func SpokenWords(text string) int {
	n := 0
	for _, f := range strings.Fields(text) {
		f = strings.Trim(f, ".,;:!?\"'()«»“”„¿¡")
		if f == "" {
			continue
		}
		hasDigit := strings.IndexFunc(f, unicode.IsDigit) >= 0
		switch {
		case strings.ContainsAny(f, "/@") || (strings.Count(f, ".") > 0 && !hasDigit):
			runs := 0
			in := false
			for _, r := range f {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					if !in {
						runs++
					}
					in = true
				} else {
					in = false
					runs++ // "dot", "slash"
				}
			}
			n += runs
		case hasDigit:
			digits := 0
			for _, r := range f {
				if unicode.IsDigit(r) {
					digits++
				}
			}
			w := 1
			if digits > 2 {
				w = 2
			}
			if digits > 6 {
				w = 3
			}
			if strings.ContainsAny(f, "%$€£") {
				w++
			}
			if strings.Contains(f, ":") {
				w = 2 // "8:15": "eight fifteen"
			}
			// Letters after the number are said too: "7pm" is "seven p m", "3M" "three m".
			lower := strings.ToLower(strings.TrimLeftFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }))
			switch {
			case strings.HasSuffix(lower, "am") || strings.HasSuffix(lower, "pm"):
				w += 2
			case lower != "" && unicode.IsDigit([]rune(f)[0]):
				w++
			}
			n += w
		default:
			n++
		}
	}
	return n
}

// words splits s into lower-case word tokens (letters, digits, apostrophes and hyphens).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' || r == '’')
	})
}

// baseLang returns the primary subtag of a BCP-47 tag: "es-MX" -> "es".
func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		return strings.ToLower(tag[:i])
	}
	return strings.ToLower(tag)
}

// speakableURL is a URL as a narrator says it: no scheme, no trailing slash.
func speakableURL(u string) string {
	s := reScheme.ReplaceAllString(u, "")
	return strings.TrimRight(s, "/")
}

var reScheme = regexp.MustCompile(`(?i)^https?://`)

// andWord is the list conjunction of the languages the planner frames natively.
var andWord = map[string]string{"en": "and", "es": "y", "de": "und", "fr": "et"}

// imperatives are verbs that start an English step ("plug in the router").
var imperatives = wordSet(`open order set create add choose click go sign log download install turn save enter
	select connect invite make check read review complete meet visit follow use update write send call pick find
	start join book try get take learn explore watch ask report wear keep lift heat rinse pour serve press tap
	type copy paste upload share fill mix bake stir cut wash dry plug switch enable disable configure verify confirm
	hold wait run unplug remove place tighten loosen put pull push fold insert attach replace
	boil simmer cook steep brew soak rest chill freeze knead microwave stretch breathe walk jog let leave
	count lock scan greet
	purge submerge tilt stop wipe scrub measure weigh grate strain sprinkle squeeze restart reboot fasten buckle
	adjust align avoid rotate discard unlock unpack sanitize sanitise disinfect submit attend arrive bring evacuate
	grind swap raise carry stay apply register remember contact protect listen speak drink eat sit stand drive
	prepare return recycle notify apologize apologise smile`)

// sameText reports whether two on-screen texts say the same thing (case, punctuation and
// a leading article aside).
func sameText(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.Trim(s, " .!?:…"))
		for _, art := range []string{"the ", "a ", "an ", "your ", "our "} {
			s = strings.TrimPrefix(s, art)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	na, nb := norm(a), norm(b)
	return na != "" && na == nb
}
