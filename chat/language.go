package chat

import (
	"regexp"
	"strings"
)

var languageTags = map[string]string{
	"english": "en", "spanish": "es", "german": "de", "french": "fr", "italian": "it",
	"portuguese": "pt", "dutch": "nl", "japanese": "ja", "chinese": "zh", "mandarin": "zh",
	"korean": "ko", "russian": "ru", "polish": "pl", "turkish": "tr", "arabic": "ar",
	"hindi": "hi", "swedish": "sv", "norwegian": "nb", "danish": "da", "finnish": "fi",
	"greek": "el", "czech": "cs", "ukrainian": "uk", "indonesian": "id", "vietnamese": "vi",
	"hebrew": "he", "romanian": "ro", "hungarian": "hu",
	"british english": "en-GB", "american english": "en-US", "mexican spanish": "es-MX",
	"latin american spanish": "es-419", "european spanish": "es-ES", "brazilian portuguese": "pt-BR",
	"european portuguese": "pt-PT", "canadian french": "fr-CA", "swiss german": "de-CH",
	"español": "es", "espanol": "es", "castellano": "es", "inglés": "en", "ingles": "en",
	"alemán": "de", "aleman": "de", "francés": "fr", "frances": "fr", "italiano": "it",
	"portugués": "pt", "portugues": "pt",
	"deutsch": "de", "deutsche": "de", "englisch": "en", "englische": "en", "spanisch": "es",
	"spanische": "es", "französisch": "fr", "französische": "fr", "italienisch": "it",
	"italienische": "it",
	"français":     "fr", "francais": "fr", "anglais": "en", "allemand": "de", "espagnol": "es",
	"italien": "it", "portugais": "pt",
}

var languageEnglish = map[string]string{
	"en": "English", "es": "Spanish", "de": "German", "fr": "French", "it": "Italian",
	"pt": "Portuguese", "nl": "Dutch", "ja": "Japanese", "zh": "Chinese", "ko": "Korean",
	"ru": "Russian", "pl": "Polish", "tr": "Turkish", "ar": "Arabic", "hi": "Hindi",
	"sv": "Swedish", "nb": "Norwegian", "da": "Danish", "fi": "Finnish", "el": "Greek",
	"cs": "Czech", "uk": "Ukrainian", "id": "Indonesian", "vi": "Vietnamese", "he": "Hebrew",
	"ro": "Romanian", "hu": "Hungarian",
	"en-GB": "British English", "en-US": "American English", "es-MX": "Mexican Spanish",
	"es-419": "Latin American Spanish", "es-ES": "European Spanish", "pt-BR": "Brazilian Portuguese",
	"pt-PT": "European Portuguese", "fr-CA": "Canadian French", "de-CH": "Swiss German",
}

// LanguageName returns the English name of a BCP-47 language tag ("de" -> "German"), or
// the tag itself when it is not known.
func LanguageName(tag string) string {
	if n, ok := languageEnglish[tag]; ok {
		return n
	}
	if n, ok := languageEnglish[baseLang(tag)]; ok {
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
		ks := make([]string, 0, len(languageTags))
		for k := range languageTags {
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
		tag := languageTags[name]
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
