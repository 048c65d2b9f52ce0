package videoagent

import "strings"

// The one table of language names the agent and the chat understand, in English and in
// a few languages themselves ("German", "Deutsch", "alemán", "Brazilian Portuguese").

// languageTags maps a lower-case language name to its BCP-47 tag.
var languageTags = map[string]string{
	"aleman": "de", "alemán": "de", "allemand": "de", "american english": "en-US", "anglais": "en",
	"arabic": "ar", "brazilian portuguese": "pt-BR", "british english": "en-GB", "canadian french": "fr-CA", "cantonese": "yue",
	"castellano": "es", "castilian": "es", "catalan": "ca", "chinese": "zh", "czech": "cs",
	"danish": "da", "deutsch": "de", "deutsche": "de", "duits": "de", "dutch": "nl",
	"engels": "en", "englisch": "en", "englische": "en", "english": "en", "espagnol": "es",
	"espanol": "es", "español": "es", "european portuguese": "pt-PT", "european spanish": "es-ES", "filipino": "fil",
	"finnish": "fi", "francais": "fr", "frances": "fr", "francese": "fr", "francés": "fr",
	"frans": "fr", "französisch": "fr", "französische": "fr", "français": "fr", "french": "fr",
	"german": "de", "greek": "el", "hebrew": "he", "hindi": "hi", "hungarian": "hu",
	"indonesian": "id", "ingles": "en", "inglese": "en", "inglés": "en", "italian": "it",
	"italiano": "it", "italien": "it", "italienisch": "it", "italienische": "it", "japanese": "ja",
	"korean": "ko", "latin american spanish": "es-419", "malay": "ms", "mandarin": "zh", "mexican spanish": "es-MX",
	"nederlands": "nl", "niederländisch": "nl", "norwegian": "nb", "néerlandais": "nl", "polish": "pl",
	"portugais": "pt", "portugiesisch": "pt", "portugues": "pt", "portuguese": "pt", "portugués": "pt",
	"português": "pt", "romanian": "ro", "russian": "ru", "spaans": "es", "spagnolo": "es",
	"spanisch": "es", "spanische": "es", "spanish": "es", "swedish": "sv", "swiss german": "de-CH",
	"tagalog": "tl", "tedesco": "de", "thai": "th", "turkish": "tr", "ukrainian": "uk",
	"vietnamese": "vi",
}

// languageEnglish is the English name of a tag.
var languageEnglish = map[string]string{
	"ms": "Malay", "yue": "Cantonese", "th": "Thai", "ca": "Catalan", "fil": "Filipino", "tl": "Tagalog",
	"en": "English", "es": "Spanish", "de": "German", "fr": "French", "it": "Italian",
	"pt": "Portuguese", "nl": "Dutch", "ja": "Japanese", "zh": "Chinese", "ko": "Korean",
	"ru": "Russian", "pl": "Polish", "tr": "Turkish", "ar": "Arabic", "hi": "Hindi",
	"sv": "Swedish", "nb": "Norwegian", "da": "Danish", "fi": "Finnish", "el": "Greek",
	"cs": "Czech", "uk": "Ukrainian", "id": "Indonesian", "vi": "Vietnamese", "he": "Hebrew",
	"ro": "Romanian", "hu": "Hungarian", "en-GB": "British English", "en-US": "American English", "es-MX": "Mexican Spanish",
	"es-419": "Latin American Spanish", "es-ES": "European Spanish", "pt-BR": "Brazilian Portuguese", "pt-PT": "European Portuguese", "fr-CA": "Canadian French",
	"de-CH": "Swiss German",
}

// LanguageTag returns the BCP-47 tag of a language name in any case ("german", "Deutsch",
// "Brazilian Portuguese"), and whether the name is known.
func LanguageTag(name string) (string, bool) {
	t, ok := languageTags[strings.ToLower(strings.TrimSpace(name))]
	return t, ok
}

// LanguageNames returns every language name LanguageTag knows, lower-case.
func LanguageNames() []string {
	out := make([]string, 0, len(languageTags))
	for n := range languageTags {
		out = append(out, n)
	}
	return out
}

// LanguageEnglishName returns the English name of a BCP-47 tag ("de" -> "German",
// "pt-BR" -> "Brazilian Portuguese"; a region it does not know falls back to the
// language's name), or "" when it knows none.
func LanguageEnglishName(tag string) string {
	if n, ok := languageEnglish[tag]; ok {
		return n
	}
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		return languageEnglish[strings.ToLower(tag[:i])]
	}
	return ""
}
