package agent

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

var (
	// "in Spanish", "auf Deutsch", "en français", "narrated in German", "into French".
	reLangIn = regexp.MustCompile(`(?i)\b(?:in|into|auf|en|em|in het|narrated in|voiced in|spoken in|translated into)\s+((?:brazilian|mexican|european|latin american|british|american|canadian|swiss)\s+)?([a-zà-ÿ]+)`)
	// "Spanish-language", "a German version", "French voiceover".
	reLangAdj = regexp.MustCompile(`(?i)\b((?:brazilian|mexican|european|latin american|british|american|canadian|swiss)\s+)?([a-zà-ÿ]+)[- ](?:language|version|voice-?over|narration|narrated|voice|speaking)\b`)
)

// explicitLanguage finds a requested language in the prompt and returns its tag and the
// span of the request, or "" when the prompt names none.
func explicitLanguage(p string) (tag string, span [2]int) {
	for _, re := range []*regexp.Regexp{reLangIn, reLangAdj} {
		for _, m := range re.FindAllStringSubmatchIndex(p, -1) {
			name := strings.ToLower(p[m[4]:m[5]])
			if m[2] >= 0 {
				if t, ok := videoagent.LanguageTag(strings.ToLower(strings.TrimSpace(p[m[2]:m[3]])) + " " + name); ok {
					return t, [2]int{m[0], m[1]}
				}
			}
			if t, ok := videoagent.LanguageTag(name); ok {
				return t, [2]int{m[0], m[1]}
			}
		}
	}
	return "", [2]int{-1, -1}
}

// stopWords are frequent function words by language, used to recognise the language a
// prompt is written in.
var stopWords = map[string][]string{
	"en": {"the", "a", "an", "and", "of", "to", "is", "for", "with", "that", "this", "our", "about", "how", "on", "it", "you", "your", "make", "create", "video", "what", "new", "who", "be", "are", "show"},
	"es": {"el", "la", "los", "las", "del", "que", "y", "un", "una", "para", "con", "por", "sobre", "cómo", "como", "nuestro", "nuestra", "nuestros", "es", "al", "se", "crea", "haz", "vídeo", "nuevo", "nueva", "explica", "muestra", "sus", "su", "más"},
	"de": {"der", "die", "das", "und", "ist", "ein", "eine", "einen", "einem", "für", "mit", "über", "zu", "den", "dem", "des", "nicht", "von", "auf", "wie", "unser", "unsere", "unseren", "erstelle", "erstellen", "sie", "wir", "ihr", "neue", "neuen", "zeige", "erkläre", "im", "auch", "sekunden"},
	"fr": {"le", "la", "les", "des", "du", "et", "est", "un", "une", "pour", "avec", "sur", "que", "qui", "dans", "nos", "notre", "vous", "crée", "créez", "créer", "faire", "comment", "nouvelle", "nouveau", "au", "aux", "une", "explique", "montre", "vidéo", "secondes"},
	"it": {"il", "lo", "gli", "della", "di", "che", "e", "è", "un", "una", "per", "con", "sul", "come", "nostro", "nostra", "crea", "sono", "nuova", "nuovo", "spiega", "secondi"},
	"pt": {"o", "os", "as", "da", "do", "dos", "das", "que", "e", "é", "um", "uma", "para", "com", "sobre", "como", "nosso", "nossa", "crie", "não", "nova", "novo", "explica", "segundos", "vídeo"},
	"nl": {"de", "het", "een", "en", "van", "voor", "met", "over", "is", "dat", "die", "hoe", "onze", "maak", "niet", "zijn", "nieuwe", "uitleg", "seconden"},
}

var stopWordSets = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for lang, ws := range stopWords {
		out[lang] = map[string]bool{}
		for _, w := range ws {
			out[lang][w] = true
		}
	}
	return out
}()

// detectLanguage guesses the language a prompt is written in by counting stop words. It
// returns "en" unless another language clearly wins.
func detectLanguage(p string) string {
	counts := map[string]int{}
	for _, w := range words(p) {
		for lang, set := range stopWordSets {
			if set[w] {
				counts[lang]++
			}
		}
	}
	best, bestN := "en", counts["en"]
	for _, lang := range []string{"es", "de", "fr", "it", "pt", "nl"} {
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	if best != "en" && bestN < 2 {
		return "en"
	}
	return best
}
