package agent

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// countWords are the counts a prompt promises in words, by language.
var countWords = map[string]int{
	"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
	"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
	"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
}

// rePromise is a count of things the video is to list: "four steps", "3 tips", "cinco
// consejos", "drei Schritte", "quatre étapes".
var rePromise = regexp.MustCompile(`(?i)\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|seis|siete|ocho|zwei|drei|vier|fünf|sechs|sieben|acht|deux|trois|quatre|cinq|sept|huit)\s+(?:[\pL-]+\s+)?(steps|tips|features|reasons|ways|things|rules|points|mistakes|benefits|pasos|consejos|razones|funciones|reglas|ventajas|schritte|tipps|gründe|funktionen|regeln|vorteile|étapes|conseils|raisons|fonctionnalités|règles|avantages)\b`)

// reNamedFeatures is a prompt that promises "our key features" without naming any.
var reNamedFeatures = regexp.MustCompile(`(?i)\b(?:our|its|the|key|main|best|top|new)\s+(?:key\s+|main\s+|best\s+|top\s+|new\s+)?features\b|\b(?:nuestras|sus)\s+(?:principales\s+)?funciones\b|\b(?:unsere|seine|ihre)\s+(?:wichtigsten\s+)?funktionen\b|\b(?:nos|ses)\s+(?:principales\s+)?fonctionnalités\b`)

// MissingFacts returns one question asking for the facts a prompt promises but does not
// give ("four steps" with no steps listed, "our features" with none named), in the
// prompt's language, or "" when nothing is missing. Chat mode asks it before planning
// instead of filling the gap with generic sentences; the offline planner never invents
// the steps or features itself.
func MissingFacts(b videoagent.Brief) string {
	if strings.TrimSpace(b.Prompt) == "" {
		return ""
	}
	for _, m := range b.Materials {
		if m.Kind == videoagent.MaterialDocument && strings.TrimSpace(m.Text) != "" {
			return "" // the file may hold them
		}
	}
	a := Analyze(b)
	sc := newScripter(&a, DefaultWordsPerMinute(a.Language), DefaultScenePause.Seconds())
	sc.x = newExtractor(strings.TrimSpace(b.Prompt))
	sc.readPrompt()
	given := len(sc.items)
	lang := baseLang(a.PromptLang)
	if m := rePromise.FindStringSubmatch(sc.x.plain); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil {
			n = countWords[strings.ToLower(m[1])]
		}
		if n > 1 && given < n && len(sc.contents) < n {
			what := strings.ToLower(m[0])
			switch lang {
			case "es":
				return "¿Cuáles son los " + what + "? Dímelos y los pondré en el guion, tal como los escribas, o di «omitir» y los dejaré fuera."
			case "de":
				return "Welche " + what + " sind es? Nennen Sie sie mir, dann kommen sie so ins Skript, wie Sie sie schreiben, oder sagen Sie „überspringen“, dann lasse ich sie weg."
			case "fr":
				return "Quelles sont les " + what + " ? Donnez-les-moi et je les mettrai dans le script tels que vous les écrivez, ou dites « passer » et je les laisserai de côté."
			}
			return "What are the " + what + "? Tell me and I'll put them in the script as you write them, or say 'skip' and I'll leave them out."
		}
	}
	if given == 0 && len(sc.contents) == 0 && reNamedFeatures.MatchString(sc.x.plain) {
		switch lang {
		case "es":
			return "¿Qué funciones debe mostrar el vídeo? Nómbralas y las pondré en el guion, o di «omitir»."
		case "de":
			return "Welche Funktionen soll das Video zeigen? Nennen Sie sie, dann kommen sie ins Skript, oder sagen Sie „überspringen“."
		case "fr":
			return "Quelles fonctionnalités la vidéo doit-elle montrer ? Nommez-les et je les mettrai dans le script, ou dites « passer »."
		}
		return "Which features should the video show? Name them and I'll put them in the script, or say 'skip'."
	}
	return ""
}
