package chat

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

var (
	reMale   = rx(`\b(?:male|man|men|guy|gentleman|masculine|him|hombre|masculin[oa]|mann|männlich(?:e[nrs]?)?|homme|masculin)\b|\b(?:deep(?:er)?|low(?:er)?(?:-pitched)?|grave)\s+voice|\bvoice\s+(?:deeper|lower)\b|\bdeeper\b|\bman's\b|\bmale's\b`)
	reFemale = rx(`\b(?:female|woman|women|lady|girl|feminine|her|mujer|femenin[oa]|frau|weiblich(?:e[nrs]?)?|femme|féminin(?:e)?)\b|\b(?:high(?:er)?(?:-pitched)?)\s+voice|\bvoice\s+higher\b|\bwoman's\b`)

	rePresenterNoun = rx(`\b(?:presenter|avatar|host|person|someone|somebody|man|woman|guy|lady|gentleman|girl|spokesperson|presentador|presentadora|moderator|moderatorin|präsentator|präsentatorin|présentateur|présentatrice|hombre|mujer|mann|frau|homme|femme|outfit|clothes|clothing|attire|dressed|wearing|suit|him|her)\b`)
	reVoiceNoun     = rx(`\b(?:voice|voices|voice-?over|narrator|accent|voz|stimme|sprecher|sprecherin|voix)\b`)
	rePresenterAsk  = rx(`\b(?:presenter|avatar|host|someone|somebody|person)\s+(?:with|in|wearing|who|that)\b`)
	rePersonChange  = rx(`\b(?:different|another|other|new|someone\s+else|somebody\s+else|otro|otra|andere[nrs]?|autre)\b`)
	reChangeWord    = rx(`\b(?:different|another|other|new|change|switch|swap|replace|otro|otra|andere[nrs]?|autre)\b`)
	reStyleNoun     = rx(`\b(?:style|theme|design|template|palette|colou?rs?|colou?r\s+scheme|visuals?|look\s+and\s+feel|backgrounds?|estilo|diseño|tema|stil|farben|thème|couleurs)\b|\bmake\s+it\s+look\b|\blook\s+(?:more|less)\b`)
	reToneNoun      = rx(`\b(?:tone|script|wording|narration|voice-?over|copy|delivery|writing|tono|guion|ton|tonfall|skript|texte)\b`)
)

// lookWords maps words users say to look tags.
var lookWords = []struct {
	re   *regexp.Regexp
	tags []string
}{
	{rx(`\bcasual(?:ly)?\b|\brelaxed\b|\bhoodie\b|\binformal\b|\blocker\b|\bdécontracté\b|\binformal\b`), []string{"casual", "relaxed"}},
	{rx(`\bformal(?:ly)?\b|\bsuit\b|\btie\b|\bdressed\s+up\b|\bbusiness\b|\bprofessional(?:ly)?\b|\bsmart\b|\bcorporate\b|\bformell\b|\bformel\b`), []string{"business", "formal", "professional"}},
	{rx(`\bcreative\b|\bartsy\b|\bmodern\b|\bkreativ\b|\bcreativ[oa]\b|\bcréati(?:f|ve)\b`), []string{"creative", "modern"}},
	{rx(`\bold(?:er)?\b|\bsenior\b|\bmature\b|\belderly\b|\bgr[ae]y[- ]haired\b|\bälter(?:e[nrs]?)?\b|\bmayor\b|\bâgé\b`), []string{"senior"}},
	{rx(`\bglasses\b|\bspectacles\b|\bbrille\b|\bgafas\b|\blunettes\b`), []string{"glasses"}},
	{rx(`\bbeard(?:ed)?\b|\bbart\b|\bbarba\b|\bbarbe\b`), []string{"beard"}},
	{rx(`\bfriendly\b|\bwarm\b|\bapproachable\b`), []string{"friendly"}},
	{rx(`\bvibrant\b|\bcolou?rful\b`), []string{"vibrant"}},
}

// accents maps words for accents to voice locales, best first.
var accents = []struct {
	re      *regexp.Regexp
	locales []string
	name    string
}{
	{rx(`\bscottish\b|\bscots\b`), []string{"en-GB-scotland"}, "Scottish"},
	{rx(`\bbritish\b|\buk\s+(?:english|accent|voice)\b|\bengland\b|\benglish\s+accent\b|\bbrit\b|\bbritánico\b|\bbritisch(?:e[nrs]?)?\b|\bbritannique\b`), []string{"en-GB"}, "British"},
	{rx(`\bamerican\b|\bu\.?s\.?\s+(?:english|accent|voice)\b|\busa\b|\bamericano\b|\bamerikanisch(?:e[nrs]?)?\b|\baméricain(?:e)?\b`), []string{"en-US"}, "American"},
	{rx(`\baustralian\b|\baussie\b`), []string{"en-AU"}, "Australian"},
	{rx(`\birish\b`), []string{"en-IE"}, "Irish"},
	{rx(`\bindian\s+(?:english|accent)\b`), []string{"en-IN"}, "Indian"},
	{rx(`\bcaribbean\b|\bjamaican\b`), []string{"en-029"}, "Caribbean"},
	{rx(`\bmexican\b|\blatin(?:o|a)?(?:\s+american)?\b|\bmexicano\b|\blatinoamericano\b`), []string{"es-MX", "es-419"}, "Latin American"},
	{rx(`\bcastilian\b|\bfrom\s+spain\b|\beuropean\s+spanish\b|\bcastellano\b|\bde\s+españa\b`), []string{"es-ES", "es"}, "Castilian"},
	{rx(`\bbrazilian\b|\bbrasileño\b|\bbrasileiro\b`), []string{"pt-BR"}, "Brazilian"},
	{rx(`\bcanadian\s+french\b|\bquebec(?:ois)?\b|\bquébécois\b`), []string{"fr-CA"}, "Canadian French"},
	{rx(`\bswiss\b|\bschweizer\b`), []string{"de-CH", "fr-CH"}, "Swiss"},
	{rx(`\baustrian\b|\bösterreichisch(?:e[nrs]?)?\b`), []string{"de-AT"}, "Austrian"},
}

func voiceLocale(v videoagent.Voice) string {
	if v.Locale != "" {
		return v.Locale
	}
	if t, ok := videoagent.LanguageTag(v.Language); ok {
		return t
	}
	return v.Language
}

func localeMatches(loc, want string) bool {
	loc, want = strings.ToLower(loc), strings.ToLower(want)
	return loc == want || strings.HasPrefix(loc, want+"-")
}
