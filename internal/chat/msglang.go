package chat

import (
	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// replyLang is a language replies can be written in.
type replyLang string

// Reply languages: approval and help replies follow the message's language.
const (
	langEN replyLang = "en"
	langES replyLang = "es"
	langDE replyLang = "de"
	langFR replyLang = "fr"
)

// messageLanguage guesses whether a message is Spanish, German or French (else English),
// for the replies that follow the user's language.
func messageLanguage(s string) replyLang {
	a := agent.Analyze(videoagent.Brief{Prompt: s})
	switch a.PromptLang {
	case string(langES), string(langDE), string(langFR):
		return replyLang(a.PromptLang)
	}
	ws := words(s)
	score := map[replyLang]int{}
	for _, w := range ws {
		for lang, set := range replyCue {
			if set[w] {
				score[lang]++
			}
		}
	}
	best, n := langEN, 0
	for _, l := range []replyLang{langES, langDE, langFR} {
		if score[l] > n {
			best, n = l, score[l]
		}
	}
	return best
}

// replyCue are words that mark a short message as Spanish, German or French.
var replyCue = map[replyLang]map[string]bool{
	langES: set("sí", "adelante", "perfecto", "gracias", "hazlo", "vale", "dale", "genial", "más", "corto", "largo", "escena", "vertical", "bien", "gusta", "qué", "puedes", "ayuda"),
	langDE: set("ja", "danke", "perfekt", "passt", "super", "los", "kürzer", "länger", "szene", "hochformat", "gut", "sieht", "aus", "bitte", "mach", "weiter", "hilfe", "kannst"),
	langFR: set("oui", "merci", "parfait", "vas-y", "allez-y", "génial", "court", "long", "scène", "plus", "bon", "c'est", "ça", "aide", "peux"),
}
