package agent

import "strings"

// frameKey names a structural phrase: a frame around the user's own words ("Meet {np}.")
// or a fixed line that states no fact ("Thanks for watching."). Typed, so that a typo is
// a compile error.
type frameKey string

// The structural phrases. A frame's slot, when it has one, is filled only with the
// user's words (or a file's): a frame never adds a claim of its own.
const (
	fMeet      frameKey = "meet"      // {np}: a named thing with what it is: "Meet {np}."
	fLook      frameKey = "look"      // {clause}: a wh-topic: "Let's look at {clause}."
	fTopic     frameKey = "topic"     // {np}: a topic noun phrase, any case: "Today's topic: {np}."
	fTopicAcc  frameKey = "topic.acc" // {np}: a German topic in the accusative, after "über": "Heute geht es um {np}."
	fAudience  frameKey = "audience"  // {np}: who the video is for: "This one is for {np}."
	fItems     frameKey = "items"     // {list}: the items listed: "Here's what we'll cover: {list}."
	fDo        frameKey = "do"        // {list}: instructions listed: "Here's what to do: {list}."
	fSteps     frameKey = "steps"     // {n}: "There are {n} steps."
	fStep      frameKey = "step"      // {n}, {text}: "Step {n}: {text}."
	fFirst     frameKey = "first"     // {text}: "First: {text}."
	fNext      frameKey = "next"      // {text}: "Next: {text}."
	fLast      frameKey = "last"      // {text}: "And finally: {text}."
	fQuote     frameKey = "quote"     // {author}, {quote}: "In the words of {author}: {quote}"
	fQuoteAnon frameKey = "quoteanon" // {quote}: "In their words: {quote}"
	fWhen      frameKey = "when"      // {text}: "When: {text}."
	fWhere     frameKey = "where"     // {text}: "Where: {text}."
	fOffer     frameKey = "offer"     // {text}: "The offer: {text}."
	fLearnMore frameKey = "learnmore" // {url}: "Learn more at {url}."
	fRecap     frameKey = "recap"     // {text}: "To sum up: {text}"
	fAgain     frameKey = "again"     // {text}: "Once more: {text}"
	fThanks    frameKey = "thanks"    // "Thanks for watching."
	fLetsGo    frameKey = "letsgo"    // "Let's take a look."
	fWelcome   frameKey = "welcome"   // "Welcome aboard."
	fHello     frameKey = "hello"     // "Hello!"
	fInvite    frameKey = "invite"    // {np}: "You're invited to {np}."
	fIntro     frameKey = "intro"     // {np}: a thing of the user's: "Introducing {np}."
	fThanksTo  frameKey = "thanksto"  // {np}: who is thanked: "A big thank you to {np}!"
	fCongrats  frameKey = "congrats"  // {np}: who is congratulated, on what: "Congratulations to {np}!"
	fHelloFrom frameKey = "hellofrom" // {np}: "Hello from {np}!"
	fWelcomeTo frameKey = "welcometo" // {np}: an organisation: "Welcome to {np}!"
	// fWelcomeAud greets the audience: "Welcome, {np}!"
	fWelcomeAud frameKey = "welcomeaud"
	// fAudienceFmt says who the video is for, naming it as the user did: "This {format} is for {np}."
	fAudienceFmt frameKey = "audiencefmt"
	fHighlights  frameKey = "highlights" // {list}: "The highlights: {list}."
	fReminder    frameKey = "reminder"   // {np}: who is reminded: "A quick reminder for {np}."
	fSummaryOf   frameKey = "summary.of" // {np}: what a summary sums up: "A quick summary of {np}."
	fCelebrate   frameKey = "celebrate"  // {np}: what is celebrated: "Celebrating {np}!"
	fBirthday    frameKey = "birthday"   // {np}: whose birthday it is: "Happy birthday to {np}!"
	fFAQ         frameKey = "faq"        // {np}: what questions are answered about: "Your questions about {np}, answered."
	fHearFrom    frameKey = "hearfrom"   // {np}: who is quoted next: "Hear it from {np}."
	// fLang is not a phrase: it holds the set's language, for contractions.
	fLang frameKey = "lang"

	// On-screen headings.
	hSteps    frameKey = "h.steps"    // "The steps"
	hStep     frameKey = "h.step"     // {n}: "Step {n}"
	hCover    frameKey = "h.cover"    // "What we'll cover"
	hDetails  frameKey = "h.details"  // "The details"
	hWhen     frameKey = "h.when"     // {text}: "When: {text}"
	hWhere    frameKey = "h.where"    // {text}: "Where: {text}"
	hFigure   frameKey = "h.figure"   // "Key figure"
	hSummary  frameKey = "h.summary"  // "In short"
	hOffer    frameKey = "h.offer"    // "The offer"
	hNextStep frameKey = "h.nextstep" // "Your next step"
	hFor      frameKey = "h.for"      // {np}: "For {np}"
	hReminder frameKey = "h.reminder" // "A quick reminder"
	hThanks   frameKey = "h.thanks"   // "Thanks for watching"
)

// frameSet is one language's structural phrases.
type frameSet map[frameKey]string

// frameSets holds the languages the offline planner frames natively; others use English
// frames around the user's own words (the offline planner does not translate).
var frameSets = map[string]frameSet{
	"en": {
		fLang: "en", fFAQ: "Your questions about {np}, answered.", fHearFrom: "Hear it from {np}.", fThanksTo: "A big thank you to {np}!", fCongrats: "Congratulations to {np}!", fIntro: "Introducing {np}.", fHelloFrom: "Hello from {np}!", fWelcomeTo: "Welcome to {np}!", fWelcomeAud: "Welcome, {np}!", fAudienceFmt: "This {format} is for {np}.", fHighlights: "The highlights: {list}.", fSummaryOf: "A quick summary of {np}.", fCelebrate: "Celebrating {np}!", fTopicAcc: "Today's topic: {np}.", fReminder: "A quick reminder for {np}.", fBirthday: "Happy birthday to {np}!", fInvite: "You're invited to {np}.", fMeet: "Meet {np}.", fLook: "Let's look at {clause}.", fTopic: "Today's topic: {np}.",
		fAudience: "This one is for {np}.", fItems: "Here's what we'll cover: {list}.", fDo: "Here's what to do: {list}.",
		fSteps: "There are {n} steps.", fStep: "Step {n}: {text}.",
		fFirst: "First: {text}.", fNext: "Next: {text}.", fLast: "And finally: {text}.",
		fQuote: "In the words of {author}: {quote}", fQuoteAnon: "In their words: {quote}",
		fWhen: "When: {text}.", fWhere: "Where: {text}.", fOffer: "The offer: {text}.",
		fLearnMore: "Learn more at {url}.", fRecap: "To sum up: {text}", fAgain: "Once more: {text}",
		fThanks: "Thanks for watching.", fLetsGo: "Let's take a look.", fWelcome: "Welcome aboard.", fHello: "Hello!",
		hSteps: "The steps", hStep: "Step {n}", hCover: "What we'll cover", hDetails: "The details",
		hWhen: "When: {text}", hWhere: "Where: {text}", hFigure: "Key figure", hSummary: "In short",
		hOffer: "The offer", hNextStep: "Your next step", hFor: "For {np}", hReminder: "A quick reminder", hThanks: "Thanks for watching",
	},
	"es": {
		fLang: "es", fFAQ: "Respondemos tus preguntas sobre {np}.", fHearFrom: "Escuchemos a {np}.", fThanksTo: "¡Muchas gracias a {np}!", fCongrats: "¡Enhorabuena a {np}!", fIntro: "Te presentamos {np}.", fHelloFrom: "¡Hola desde {np}!", fWelcomeTo: "¡Bienvenidos a {np}!", fWelcomeAud: "¡Bienvenidos, {np}!", fAudienceFmt: "Este vídeo es para {np}.", fHighlights: "Lo más destacado: {list}.", fSummaryOf: "Resumen: {np}.", fCelebrate: "¡Celebramos {np}!", fTopicAcc: "El tema de hoy: {np}.", fReminder: "Un recordatorio para {np}.", fBirthday: "¡Feliz cumpleaños a {np}!", fInvite: "Te invitamos a {np}.", fMeet: "Te presentamos {np}.", fLook: "Veamos {clause}.", fTopic: "El tema de hoy: {np}.",
		fAudience: "Este vídeo es para {np}.", fItems: "Esto es lo que veremos: {list}.", fDo: "Esto es lo que hay que hacer: {list}.",
		fSteps: "Son {n} pasos.", fStep: "Paso {n}: {text}.",
		fFirst: "Primero: {text}.", fNext: "Después: {text}.", fLast: "Y por último: {text}.",
		fQuote: "En palabras de {author}: {quote}", fQuoteAnon: "En sus propias palabras: {quote}",
		fWhen: "Cuándo: {text}.", fWhere: "Dónde: {text}.", fOffer: "La oferta: {text}.",
		fLearnMore: "Más información en {url}.", fRecap: "En resumen: {text}", fAgain: "Una vez más: {text}",
		fThanks: "Gracias por vernos.", fLetsGo: "Vamos a verlo.", fWelcome: "Bienvenido a bordo.", fHello: "¡Hola!",
		hSteps: "Los pasos", hStep: "Paso {n}", hCover: "Lo que veremos", hDetails: "Los detalles",
		hWhen: "Cuándo: {text}", hWhere: "Dónde: {text}", hFigure: "La cifra clave", hSummary: "En resumen",
		hOffer: "La oferta", hNextStep: "Tu siguiente paso", hFor: "Para {np}", hReminder: "Un recordatorio", hThanks: "Gracias por vernos",
	},
	"de": {
		fLang: "de", fFAQ: "Fragen und Antworten rund um {np}.", fHearFrom: "Das sagt {np}.", fThanksTo: "Ein großes Dankeschön an {np}!", fCongrats: "Herzlichen Glückwunsch an {np}!", fIntro: "Wir stellen vor: {np}.", fHelloFrom: "Hallo von {np}!", fWelcomeTo: "Willkommen bei {np}!", fWelcomeAud: "Willkommen, {np}!", fAudienceFmt: "Dieses Video ist für {np}.", fHighlights: "Das Wichtigste: {list}.", fSummaryOf: "Kurz zusammengefasst: {np}.", fCelebrate: "Wir feiern {np}!", fTopicAcc: "Heute geht es um {np}.", fReminder: "Eine kurze Erinnerung für {np}.", fBirthday: "Herzlichen Glückwunsch zum Geburtstag an {np}!", fInvite: "Wir laden Sie ein zu: {np}.", fMeet: "Darf ich vorstellen: {np}.", fLook: "Schauen wir uns an, {clause}.", fTopic: "Unser Thema heute: {np}.",
		fAudience: "Dieses Video ist für {np}.", fItems: "Darum geht es: {list}.", fDo: "Das ist zu tun: {list}.",
		fSteps: "Es sind {n} Schritte.", fStep: "Schritt {n}: {text}.",
		fFirst: "Erstens: {text}.", fNext: "Als Nächstes: {text}.", fLast: "Und zum Schluss: {text}.",
		fQuote: "{author} sagt es so: {quote}", fQuoteAnon: "In eigenen Worten: {quote}",
		fWhen: "Wann: {text}.", fWhere: "Wo: {text}.", fOffer: "Das Angebot: {text}.",
		fLearnMore: "Mehr dazu unter {url}.", fRecap: "Kurz gesagt: {text}", fAgain: "Noch einmal: {text}",
		fThanks: "Danke fürs Zuschauen.", fLetsGo: "Schauen wir es uns an.", fWelcome: "Willkommen an Bord.", fHello: "Hallo!",
		hSteps: "Die Schritte", hStep: "Schritt {n}", hCover: "Darum geht es", hDetails: "Die Details",
		hWhen: "Wann: {text}", hWhere: "Wo: {text}", hFigure: "Die wichtigste Zahl", hSummary: "Kurz gesagt",
		hOffer: "Das Angebot", hNextStep: "Ihr nächster Schritt", hFor: "Für {np}", hReminder: "Eine kurze Erinnerung", hThanks: "Danke fürs Zuschauen",
	},
	"fr": {
		fLang: "fr", fFAQ: "Vos questions sur {np}, nos réponses.", fHearFrom: "La parole à {np}.", fThanksTo: "Un grand merci à {np} !", fCongrats: "Félicitations à {np} !", fIntro: "Découvrez {np}.", fHelloFrom: "Bonjour de la part de {np} !", fWelcomeTo: "Bienvenue chez {np} !", fWelcomeAud: "Bienvenue, {np} !", fAudienceFmt: "Cette vidéo est pour {np}.", fHighlights: "Les points forts : {list}.", fSummaryOf: "En résumé : {np}.", fCelebrate: "Nous célébrons {np} !", fTopicAcc: "Au programme aujourd'hui : {np}.", fReminder: "Un petit rappel pour {np}.", fBirthday: "Joyeux anniversaire à {np} !", fInvite: "Vous êtes invités à {np}.", fMeet: "Voici {np}.", fLook: "Voyons {clause}.", fTopic: "Au programme aujourd'hui : {np}.",
		fAudience: "Cette vidéo est pour {np}.", fItems: "Au programme : {list}.", fDo: "Voici ce qu'il faut faire : {list}.",
		fSteps: "Il y a {n} étapes.", fStep: "Étape {n} : {text}.",
		fFirst: "D'abord : {text}.", fNext: "Ensuite : {text}.", fLast: "Et enfin : {text}.",
		fQuote: "Comme le dit {author} : {quote}", fQuoteAnon: "Dans leurs mots : {quote}",
		fWhen: "Quand : {text}.", fWhere: "Où : {text}.", fOffer: "L'offre : {text}.",
		fLearnMore: "Pour en savoir plus : {url}.", fRecap: "En bref : {text}", fAgain: "Encore une fois : {text}",
		fThanks: "Merci de nous avoir regardés.", fLetsGo: "C'est parti.", fWelcome: "Bienvenue à bord.", fHello: "Bonjour !",
		hSteps: "Les étapes", hStep: "Étape {n}", hCover: "Au programme", hDetails: "Les détails",
		hWhen: "Quand : {text}", hWhere: "Où : {text}", hFigure: "Le chiffre clé", hSummary: "En bref",
		hOffer: "L'offre", hNextStep: "Votre prochaine étape", hFor: "Pour {np}", hReminder: "Un petit rappel", hThanks: "Merci de nous avoir regardés",
	},
}

// framesFor returns the frame set of a language tag and the language it is written in.
func framesFor(tag string) (frameSet, string) {
	if s, ok := frameSets[baseLang(tag)]; ok {
		return s, baseLang(tag)
	}
	return frameSets["en"], "en"
}

// template is frame k's words with its slots, English where the language has none.
func (f frameSet) template(k frameKey) string {
	if t := f[k]; t != "" {
		return t
	}
	return frameSets["en"][k]
}

// says reports whether t is frame k with its slot filled by anything ("Hello from Spoke &
// Chain!" is fHelloFrom). A contraction at the slot (French "de le" to "du") hides it.
func (f frameSet) says(k frameKey, t string) bool {
	tmpl := f.template(k)
	open, close := strings.Index(tmpl, "{"), strings.Index(tmpl, "}")
	if open < 0 || close < open {
		return t == tmpl
	}
	pre, post := tmpl[:open], tmpl[close+1:]
	return len(t) > len(pre)+len(post) && strings.HasPrefix(t, pre) && strings.HasSuffix(t, post)
}

// frame fills a structural phrase. Slot values are the user's words and are inserted as
// they are; the frame supplies only the words around them.
func (f frameSet) frame(k frameKey, slots ...string) string {
	t := f.template(k)
	for i := 0; i+1 < len(slots); i += 2 {
		hole := "{" + slots[i] + "}"
		for {
			at := strings.Index(t, hole)
			if at < 0 {
				break
			}
			before, val := contract(f[fLang], t[:at], slots[i+1])
			t = before + val + t[at+len(hole):]
		}
	}
	return t
}

// contractions are the words contract may write, by language.
var contractions = map[string]string{"es": "al del", "fr": "au aux du des d'", "de": "vom beim zum zur"}

// contract joins a frame's preposition to the user's words as the language writes it:
// Spanish "a" + "el" -> "al", "de" + "el" -> "del"; French "à" + "le" -> "au", "à" + "les"
// -> "aux", "de" + "le" -> "du", "de" + "les" -> "des", "de" before a vowel -> "d'";
// German "von dem" -> "vom", "bei dem" -> "beim", "zu dem" -> "zum", "zu der" -> "zur".
// The user's words are otherwise unchanged.
func contract(lang, before, val string) (string, string) {
	i := strings.LastIndex(strings.TrimRight(before, " "), " ")
	prep := strings.TrimSpace(before[i+1:])
	if !strings.HasSuffix(before, " ") || prep == "" {
		return before, val
	}
	head := before[:len(before)-len(prep)-1]
	first, rest, _ := strings.Cut(val, " ")
	switch lang + " " + prep + " " + first {
	case "es a el":
		return head, "al " + rest
	case "es de el":
		return head, "del " + rest
	case "fr à le":
		return head, "au " + rest
	case "fr à les":
		return head, "aux " + rest
	case "fr de le":
		return head, "du " + rest
	case "fr de les":
		return head, "des " + rest
	case "de von dem":
		return head, "vom " + rest
	case "de bei dem":
		return head, "beim " + rest
	case "de zu dem":
		return head, "zum " + rest
	case "de zu der":
		return head, "zur " + rest
	}
	if lang == "fr" && prep == "de" && val != "" && strings.ContainsRune("aeiouyhàâéèêëîïôûAEIOUYHÀÂÉÈÊËÎÏÔÛ", []rune(val)[0]) {
		return head, "d'" + val
	}
	return before, val
}

// StructureText returns every structural phrase of a language's frame set, joined: the
// only words the offline planner adds to the user's own. Tests use it to check that every
// other word of a script is the user's.
func StructureText(lang string) string {
	f, _ := framesFor(lang)
	var b strings.Builder
	b.WriteString(contractions[baseLang(lang)] + " ")
	for k, t := range f {
		if k != fLang {
			b.WriteString(t + " ")
		}
	}
	return b.String()
}
