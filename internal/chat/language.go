package chat

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// LanguageName returns the English name of a BCP-47 language tag ("de" -> "German"), or
// the tag itself when it is not known.
func LanguageName(tag string) string {
	if n := videoagent.LanguageEnglishName(tag); n != "" {
		return n
	}
	return tag
}

func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return strings.ToLower(tag[:i])
	}
	return strings.ToLower(tag)
}

var (
	langAlt = func() string {
		var ks []string
		for _, k := range videoagent.LanguageNames() {
			ks = append(ks, regexp.QuoteMeta(k))
		}
		sortByLenDesc(ks)
		return strings.Join(ks, "|")
	}()
	reLangIn = rxs(
		`\btranslate(?:\s+(?:it|this|the\s+video|everything|the\s+script|the\s+whole\s+thing))?\s+(?:in)?to\s+(`+langAlt+`)`,
		`\b(?:traduce|traducir|tradúcelo|traducelo)\s+(?:al|a|en)\s+(`+langAlt+`)`,
		`(?:^|\s)übersetze?(?:\s+(?:es|das\s+video))?\s+(?:ins|auf|in)\s+(`+langAlt+`)`,
		`\btradui[st]?(?:\s+(?:le|la\s+vidéo))?\s+en\s+(`+langAlt+`)`,
		`\b(?:in|into|to|auf|ins|en|al|in\s+the|narrated\s+in|voiced\s+in|spoken\s+in)\s+(?:the\s+)?(`+langAlt+`)(?:$|[^\pL])`,
		`\b(`+langAlt+`)[- ](?:version|voice-?over|narration|language|translation|script|audio|dub|dubbing|voice|speaker|narrator)\b`,
	)
)

func (in *interp) parseLanguage() {
	for _, re := range reLangIn {
		loc := re.FindStringSubmatchIndex(in.m.w)
		if loc == nil {
			continue
		}
		name := strings.ToLower(in.m.w[loc[2]:loc[3]])
		tag, _ := videoagent.LanguageTag(name)
		in.m.consume(loc[0], loc[1])
		cur := in.language()
		if baseLang(tag) == baseLang(cur) {
			if strings.Contains(tag, "-") && !strings.EqualFold(tag, cur) {
				// "British English" for an English script is an accent: a voice.
				in.voiceFor(voiceWant{locale: tag}, "")
				return
			}
			in.note("It's already in %s.", LanguageName(cur))
			return
		}
		in.planOp(Op{Language: tag}, "translate it into "+LanguageName(tag))
		return
	}
}

// isLanguageName reports whether w names a language.
func isLanguageName(w string) bool {
	_, ok := videoagent.LanguageTag(w)
	return ok
}
