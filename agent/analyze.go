package agent

import (
	"regexp"
	"sort"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// Kind is the kind of video a prompt asks for. Each kind has its own narrative arc.
type Kind string

// The kinds of video the planner writes.
const (
	KindProduct      Kind = "product"      // product walkthrough, demo, tour
	KindExplainer    Kind = "explainer"    // what is it, how does it work, why it matters
	KindAnnouncement Kind = "announcement" // launch, release, news from the company
	KindTutorial     Kind = "tutorial"     // how-to, step by step
	KindTraining     Kind = "training"     // course, compliance, policy, safety
	KindSales        Kind = "sales"        // sales pitch to prospects or investors
	KindSocialAd     Kind = "social_ad"    // short ad or promo for social media
	KindRecap        Kind = "recap"        // recap, news round-up, weekly or quarterly update
	KindWelcome      Kind = "welcome"      // welcome and onboarding
	KindEvent        Kind = "event"        // invitation to an event, webinar, party
)

// Kinds lists every kind, in a stable order.
var Kinds = []Kind{KindProduct, KindExplainer, KindAnnouncement, KindTutorial, KindTraining,
	KindSales, KindSocialAd, KindRecap, KindWelcome, KindEvent}

// Tones the analysis reports. A prompt's own tone words map onto these.
const (
	ToneFriendly     = "friendly"
	ToneProfessional = "professional"
	ToneEnergetic    = "energetic"
	ToneCalm         = "calm"
	TonePlayful      = "playful"
	ToneInspiring    = "inspiring"
)

// Stat is a number from the prompt worth showing big: Value is the figure as written
// ("40%", "$2M", "10,000"), Label the few words around it, and Line the clause it came from.
type Stat struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Line  string `json:"line"`
}

// Quote is a quotation from the prompt and who said it, if known.
type Quote struct {
	Text   string `json:"text"`
	Author string `json:"author,omitempty"`
}

// Analysis is what the planner understood of a brief. It is exported so that tests and
// chat revisions can reason about a request without writing a storyboard.
type Analysis struct {
	Kind       Kind   `json:"kind"`
	Language   string `json:"language"`        // BCP-47 tag of the narration
	PromptLang string `json:"prompt_language"` // language the prompt is written in
	// Subject is the thing the video is about, as a bare noun phrase from the prompt
	// ("project management app", "solar panels"); Name is its proper name, if any
	// ("TaskFlow"); Topic is what the video is about as the prompt phrased it
	// ("how solar panels work", "how to set up two-factor authentication").
	Subject  string   `json:"subject"`
	Name     string   `json:"name,omitempty"`
	Names    []string `json:"names,omitempty"`
	Topic    string   `json:"topic"`
	Audience string   `json:"audience,omitempty"` // "new employees", "developers"
	Tone     string   `json:"tone"`               // one of the Tone* constants
	// Orientation is "landscape", "portrait" or "square"; AspectRatio the matching ratio.
	Orientation string `json:"orientation"`
	AspectRatio string `json:"aspect_ratio"`
	Platform    string `json:"platform,omitempty"` // "tiktok", "instagram", "youtube", ...
	// TargetSec is the length asked for (Brief.DurationSec, else the prompt), 0 if none;
	// LengthSec is the length the planner aims at: TargetSec, else a default for the kind.
	TargetSec int      `json:"target_sec,omitempty"`
	LengthSec int      `json:"length_sec"`
	CTA       string   `json:"cta,omitempty"` // the call to action as the prompt put it
	URLs      []string `json:"urls,omitempty"`
	Items     []string `json:"items,omitempty"` // features, steps, points listed in the prompt
	Stats     []Stat   `json:"stats,omitempty"`
	Quotes    []Quote  `json:"quotes,omitempty"`
	Offer     string   `json:"offer,omitempty"` // "20% off", "a free trial"
	When      string   `json:"when,omitempty"`  // a date or time from the prompt
	Where     string   `json:"where,omitempty"` // a place from the prompt
	Keywords  []string `json:"keywords,omitempty"`

	det   string // how the prompt introduced the subject: "the", "our", "your", "" (none)
	isNew bool   // the prompt called the subject new
	task  string // for how-to topics: the task, "set up two-factor authentication in Gmail"
	// memOrg is the remembered company or product name, for "org" when the prompt names none.
	memOrg string
}

// kindCue is a word or phrase that points at a kind; strong cues name the video itself
// ("explainer", "tutorial"), weak ones only hint ("app", "how").
type kindCue struct {
	kind   Kind
	weight int
	re     *regexp.Regexp
}

func cue(k Kind, w int, pattern string) kindCue {
	return kindCue{k, w, regexp.MustCompile(`(?i)(?:^|[^\pL\pN])(?:` + pattern + `)(?:$|[^\pL\pN])`)}
}

var kindCues = []kindCue{
	cue(KindProduct, 4, `product (?:walkthrough|demo|tour|video|overview|showcase)|walk-?through|walk through|demo|demonstration|product tour|feature tour|showcase|produktdemo|produktvideo|rundgang|demostración|recorrido|démo|démonstration|présentation (?:du|de notre) produit`),
	cue(KindProduct, 1, `app|software|tool|platform|product|features?|saas|dashboard|gadget|device`),
	cue(KindExplainer, 4, `explainer|explainer video|erklärvideo|erklärfilm|vídeo explicativo|video explicativo|vidéo explicative`),
	cue(KindExplainer, 2, `explain|explaining|explains|what is|what are|how does|how do|why do|why does|erkläre|erklären|explica|explicar|explique|expliquer|qu'est-ce que|qué es|was ist|wie funktioniert`),
	cue(KindExplainer, 1, `overview of|introduction to|basics of|understand`),
	cue(KindAnnouncement, 4, `announcement|announce|announcing|launch video|product launch|unveil|unveiling|ankündigung|ankündigen|anuncio de lanzamiento|lanzamiento|annonce|annoncer|lancement`),
	cue(KindAnnouncement, 2, `launch|launching|introducing|release|released|now available|coming soon|new version|just shipped|we're excited|neu:|einführung|presentamos|nouveauté`),
	cue(KindTutorial, 4, `tutorial|how-to|how to|step[- ]by[- ]step|anleitung|tutoriel|tutoría|paso a paso|schritt für schritt|étape par étape|guide to|guía`),
	cue(KindTutorial, 1, `guide|steps|instructions|set up|setup|install|configure|cómo|comment|wie man`),
	cue(KindTraining, 4, `training|compliance|e-learning|elearning|course module|lesson|schulung|unterweisung|formación|capacitación|formation|entrenamiento`),
	cue(KindTraining, 2, `course|module|policy|policies|safety|workshop|learning|procedure|certification|kurs|curso|cours`),
	cue(KindSales, 4, `sales pitch|sales video|pitch|elevator pitch|verkaufsvideo|argumentaire|discurso de venta|presentación de ventas|vídeo de ventas`),
	cue(KindSales, 2, `sales|prospects?|convince|persuade|investors?|b2b|close deals|decision makers|roi|verkauf|ventas|vente|clients potentiels`),
	cue(KindSocialAd, 4, `ad|advert|advertisement|commercial|promo|promo video|promotional|social ad|video ad|teaser|werbespot|werbung|werbevideo|anuncio publicitario|publicidad|publicité`),
	cue(KindSocialAd, 2, `promoting|promote|promotion|hook viewers|scroll-stopping|sale|discount|\d+ ?% off`),
	cue(KindSocialAd, 1, `tiktok|reels?|instagram|social media|shorts|facebook|snapchat`),
	cue(KindRecap, 4, `recap|round-?up|roundup|news update|weekly update|monthly update|quarterly update|year in review|digest|highlights video|rückblick|zusammenfassung|resumen|récapitulatif|bilan`),
	cue(KindRecap, 2, `update|news|summary|summari[sz]e|highlights|results|last quarter|all-hands|all hands|town hall|q[1-4] review|neuigkeiten|nachrichten|noticias|actualités`),
	// "Try it this week for $3" is an offer: a week alone hints at a recap, weakly.
	cue(KindRecap, 1, `this week|this month|this quarter`),
	cue(KindWelcome, 4, `welcome|onboarding|onboard|willkommen|bienvenida|bienvenido|bienvenue|einarbeitung|incorporación`),
	cue(KindWelcome, 2, `new hires?|new employees|new team members?|first day|first week|joining the team|new starters?|new members`),
	cue(KindEvent, 4, `invitation|invite|inviting|save the date|rsvp|einladung|einladen|invitación|invitar|invitation|inviter`),
	cue(KindEvent, 2, `event|webinar|conference|summit|meetup|meet-up|party|gala|open house|livestream|hackathon|festival|veranstaltung|evento|événement|join us`),
}

// reWelcomeAdjective finds "welcome" said of someone ("are kids welcome", "you're welcome
// to join").
var reWelcomeAdjective = regexp.MustCompile(`(?i)\b(?:are|is|be|'re|’re)\b[^.?!]{0,40}?\bwelcome\b`)

// detectKind scores the cues of each kind; the highest score wins and ties go to the kind
// whose cue comes first in the prompt.
func detectKind(p string) Kind {
	// "Are kids welcome?", "dogs are welcome": an adjective, not a welcome video.
	p = reWelcomeAdjective.ReplaceAllStringFunc(p, func(m string) string { return m[:len(m)-len("welcome")] + "allowed" })
	score := map[Kind]int{}
	first := map[Kind]int{}
	for _, c := range kindCues {
		locs := c.re.FindAllStringIndex(p, -1)
		if len(locs) == 0 {
			continue
		}
		n := len(locs)
		if n > 2 {
			n = 2
		}
		score[c.kind] += c.weight * n
		if f, ok := first[c.kind]; !ok || locs[0][0] < f {
			first[c.kind] = locs[0][0]
		}
	}
	best := KindExplainer
	bestScore := 0
	for _, k := range Kinds {
		s := score[k]
		if s > bestScore || (s == bestScore && s > 0 && first[k] < first[best]) {
			best, bestScore = k, s
		}
	}
	return best
}

var toneWords = []struct {
	tone string
	re   *regexp.Regexp
}{
	{ToneEnergetic, regexp.MustCompile(`(?i)\b(energetic|upbeat|exciting|excited|hype|punchy|lively|enthusiastic|dynamic|bold|high-energy|fun|energisch|dynamisch|enérgico|enérgica|dinámico|énergique|dynamique)\b`)},
	{TonePlayful, regexp.MustCompile(`(?i)\b(playful|humou?rous|funny|witty|quirky|cheeky|lighthearted|light-hearted|lustig|divertido|humorístico|drôle|ludique)\b`)},
	{ToneCalm, regexp.MustCompile(`(?i)\b(calm|soothing|gentle|reassuring|relaxed|relaxing|soft|ruhig|sanft|tranquilo|calmado|calme|apaisant)\b`)},
	{ToneProfessional, regexp.MustCompile(`(?i)\b(professional|formal|corporate|serious|authoritative|businesslike|executive|professionell|seriös|profesional|formal|professionnel|sérieux)\b`)},
	{ToneInspiring, regexp.MustCompile(`(?i)\b(inspiring|inspirational|motivational|motivating|uplifting|emotional|heartfelt|inspirierend|inspirador|inspirante|inspirant)\b`)},
	{ToneFriendly, regexp.MustCompile(`(?i)\b(friendly|warm|casual|conversational|approachable|welcoming|informal|freundlich|locker|amigable|cercano|amable|amical|chaleureux|décontracté)\b`)},
}

func detectTone(p string, k Kind) string {
	best, at := "", -1
	for _, t := range toneWords {
		if loc := t.re.FindStringIndex(p); loc != nil && (at < 0 || loc[0] < at) {
			best, at = t.tone, loc[0]
		}
	}
	if best != "" {
		return best
	}
	switch k {
	case KindSocialAd, KindEvent:
		return ToneEnergetic
	case KindTraining, KindSales, KindRecap:
		return ToneProfessional
	}
	return ToneFriendly
}

var (
	rePortrait = regexp.MustCompile(`(?i)\b(tik ?tok|reels?|youtube shorts|yt shorts|for shorts|shorts (?:video|format)|(?:instagram|ig|facebook|snapchat|whatsapp) stor(?:y|ies)|snapchat|vertical|portrait (?:mode|format|video|orientation)|in portrait|9:16|hochformat|vertikal|formato vertical|format vertical)\b`)
	reSquare   = regexp.MustCompile(`(?i)\b(square|1:1|instagram(?: feed| post)?|feed post|quadratisch|cuadrado|carré)\b`)
	reFourFive = regexp.MustCompile(`\b4:5\b`)
	reLand     = regexp.MustCompile(`(?i)\b(16:9|landscape|horizontal|widescreen|youtube|querformat)\b`)
	rePlatform = regexp.MustCompile(`(?i)\b(tik ?tok|instagram|youtube|linkedin|facebook|snapchat|twitter|pinterest|vimeo)\b`)
)

// detectOrientation returns the orientation and aspect ratio: Brief.Orientation wins, then
// an explicit ratio or platform in the prompt, else landscape 16:9.
func detectOrientation(b videoagent.Brief, p string) (orientation, ratio string) {
	switch strings.ToLower(strings.TrimSpace(b.Orientation)) {
	case "portrait", "vertical":
		return "portrait", "9:16"
	case "landscape", "horizontal":
		return "landscape", "16:9"
	case "square":
		return "square", "1:1"
	}
	pl := reLand.FindStringIndex(p)
	switch {
	case reFourFive.MatchString(p):
		return "portrait", "4:5"
	case strings.Contains(p, "16:9"):
		return "landscape", "16:9"
	case rePortrait.MatchString(p):
		return "portrait", "9:16"
	case reSquare.MatchString(p) && pl == nil:
		return "square", "1:1"
	}
	return "landscape", "16:9"
}

// defaultLength is the length in seconds a kind gets when no length is asked for.
func defaultLength(k Kind) int {
	switch k {
	case KindSocialAd, KindEvent:
		return 35
	case KindAnnouncement, KindSales, KindRecap, KindWelcome:
		return 45
	case KindProduct:
		return 50
	}
	return 55
}

// Analyze reads a brief: what kind of video, about what, for whom, in which language and
// shape, how long, and which facts (items, numbers, quotes, links) the prompt gives.
// It is deterministic and does no I/O.
func Analyze(b videoagent.Brief) Analysis {
	p := strings.TrimSpace(b.Prompt)
	var a Analysis
	x := newExtractor(p)

	a.URLs = x.urls
	a.PromptLang = detectLanguage(x.plain)
	tag, _ := explicitLanguage(x.plain)
	if tag == "" {
		tag = a.PromptLang
	}
	a.Language = tag
	a.Kind = detectKind(x.plain)
	a.Tone = detectTone(x.plain, a.Kind)
	a.Orientation, a.AspectRatio = detectOrientation(b, x.plain)
	if m := rePlatform.FindString(x.plain); m != "" {
		a.Platform = strings.ReplaceAll(strings.ToLower(m), " ", "")
	}

	a.TargetSec = x.duration()
	x.blank(x.durAt)
	if _, sp := explicitLanguage(x.plain); sp[0] >= 0 {
		x.blank(sp)
	}
	if b.DurationSec > 0 {
		a.TargetSec = b.DurationSec
	}
	a.LengthSec = a.TargetSec
	if a.LengthSec == 0 {
		a.LengthSec = defaultLength(a.Kind)
	}

	a.Names = x.names(a.PromptLang)
	x.subject(&a)
	a.Subject, a.Topic = trimDangling(a.Subject), trimDangling(a.Topic)
	a.Audience = x.audience()
	a.Items = x.items(&a)
	a.Stats = x.stats()
	a.Quotes = x.quotes()
	a.CTA = x.cta()
	a.Offer = x.offer()
	a.When = x.when()
	a.Where = x.where(&a)
	a.Keywords = x.keywords(&a)
	return a
}

// trimDangling drops the little words a cut left at the end of a phrase: "timesheets by
// Friday at" (its time taken for the date) is "timesheets by Friday".
func trimDangling(t string) string {
	ws := strings.Fields(t)
	for len(ws) > 1 && danglingWords[strings.ToLower(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == len(strings.Fields(t)) {
		return t
	}
	return strings.Join(ws, " ")
}

var danglingWords = wordSet(`at by on in for to of the a an and or with from à en de du des la le les et con el los las y am um im zu und mit`)

// keywords are the content words of the prompt, most frequent first.
func (x *extractor) keywords(a *Analysis) []string {
	count := map[string]int{}
	order := map[string]int{}
	for i, w := range words(x.plain) {
		w = strings.Trim(w, "'-’")
		if len([]rune(w)) < 3 || isFunctionWord(w) || instructionWords[w] || strings.HasPrefix(w, "url") {
			continue
		}
		if _, ok := order[w]; !ok {
			order[w] = i
		}
		count[w]++
	}
	out := make([]string, 0, len(count))
	for w := range count {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return order[out[i]] < order[out[j]]
	})
	if len(out) > 12 {
		out = out[:12]
	}
	return out
}

func isFunctionWord(w string) bool {
	for _, set := range stopWordSets {
		if set[w] {
			return true
		}
	}
	return false
}

// instructionWords are words of the request itself, not of its content.
var instructionWords = wordSet(`create make produce generate build write need want please give
		video videos clip short second seconds minute minutes sec secs min mins long length
		walkthrough walk-through demo explainer explain explaining explains announcement announce
		tutorial training pitch recap welcome invitation invite ad promo commercial tone style
		friendly professional energetic upbeat calm playful inspiring casual formal fun
		spanish german french italian portuguese dutch english tiktok youtube instagram reels
		vertical portrait landscape square format highlight highlighting mention mentioning
		include including featuring call action cta end ending finish showing show quick short
		brief narrated narration voice presenter avatar using use keep also them viewers people
		their they then from into over under more most some any all each other very just like
		which will would should could can may might must been being have has had does did done
		erstelle erstellen video vídeo crea haz créer crée créez sekunden segundos secondes minuten minutos`)
