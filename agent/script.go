package agent

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// The offline planner writes from the user's facts and nothing else. Every sentence is
// either the user's own words (a sentence of the prompt, a clause of it in a fixed frame,
// a sentence of a file) or a fixed structural phrase that states no fact (a greeting, a
// heading, "Thanks for watching."). Facts come first; structural phrases and restatements
// only fill time after them, and when there is not enough to say the video is shorter and
// the session says why, rather than padded with claims.

// sceneRole is what a planned scene does in the script.
type sceneRole int

const (
	roleOpen sceneRole = iota
	roleFact
	roleItems
	roleStep
	roleStat
	roleQuote
	roleDetails
	roleOffer
	roleDoc
	roleSummary
	roleCTA
)

// Priorities of pieces and scenes: fitting drops the highest numbers first.
const (
	prioMust    = 0 // the lead, the call to action
	prioFact    = 1 // a fact of the prompt
	prioDoc     = 2 // a sentence of a file (ranked further by its score)
	prioExtra   = 3 // a restatement or an audience line
	prioSignoff = 4 // "Thanks for watching."
)

// piece is one sentence of narration and where it came from.
type piece struct {
	text  string
	src   string // videoagent.Source*
	file  string
	page  int
	prio  int
	score float64 // for file sentences: their rank in the file
	words int
}

// shown is one on-screen text and where it came from.
type shown struct {
	field, text, src, file string
	page                   int
}

// scenePlan is one scene before fitting and layout.
type scenePlan struct {
	role   sceneRole
	lines  []piece
	visual videoagent.Visual
	shows  []shown
	// layout is the preferred layout: "" puts the presenter beside the card.
	layout string
	prio   int     // the scene goes when its lines all went, or when it is dropped whole
	hold   float64 // seconds the scene holds beyond its speech (set by fitting)
	// greets: an opening that only greets ("Hello from Spoke & Chain!"), with nothing on
	// its card to read for long.
	greets bool
}

// scripter writes a storyboard's scenes from an analysed brief.
type scripter struct {
	a     *Analysis
	x     *extractor
	f     frameSet
	lang  string
	wpm   float64
	pause float64 // seconds per scene besides speech
	doc   *document
	files []videoagent.Material

	asked    bool // the brief asked for a length (set by fit)
	lead     requestPart
	contents []string // content sentences of the prompt, in order (placeholders restored)
	spoken   []string // every fact sentence said, lower-cased, to avoid saying one twice
	leadSay  string   // the opening's spoken lead
	// leadClause: the lead is a statement of the user's, fit to restate at the end.
	leadClause bool
	reminded   string   // who the prompt reminds: "all staff" of "Remind all staff to lock ..."
	wish       string   // a birthday wish, said again at the end: "Happy birthday to my mum Linda!"
	items      []string // the listed items: the prompt's list after a colon, else the analysis's
	// listedSteps: the items followed a how-to ("how to reset it: unplug it, ..."): steps.
	listedSteps bool
	// ordered: the steps were told in order ("First, ... Then ..."), or are all the prompt
	// says: a procedure, shown step by step whatever the video's kind.
	ordered bool
	// itemsFirst: the list came with the request ("... the Nimbus 2 headphones: 40 hours
	// of battery, ..."), before the other sentences, and is shown before them.
	itemsFirst bool
	leadFile   string // the file whose title became the lead, if any
	itemsShown bool   // the list had its own cards (steps or bullets)
	itemsSteps bool   // the list was shown step by step, a card each
	facts      int    // the fact scenes written from the prompt's sentences
	// verbatim: the prompt is a script ("Script: Welcome to ..."), said as written with
	// nothing added at its end.
	verbatim  bool
	itemsSaid string   // the list as said in one sentence on its bullets card, if it was
	tagline   string   // the prompt's tagline or slogan, said last
	numbered  []string // a numbered list written inline
	ctaLine   string   // a sentence of the prompt with its link, said by the call to action
	headline  string   // the storyboard title
}

func newScripter(a *Analysis, wpm, pause float64) *scripter {
	f, lang := framesFor(a.Language)
	return &scripter{a: a, f: f, lang: lang, wpm: wpm, pause: pause}
}

// sentence finishes a piece of the user's text as a spoken sentence: placeholders
// restored (URLs speakable), a capital first letter, a final stop.
func (s *scripter) sentence(t string) string {
	t = strings.TrimSpace(t)
	for i, u := range s.x.urls {
		t = strings.ReplaceAll(t, placeholder("url", i), speakableURL(u))
	}
	t = s.x.restore(t)
	for _, u := range s.x.urls {
		t = strings.ReplaceAll(t, u, speakableURL(u))
	}
	t = s.dayNames(normalizeSpace(t))
	if t == "" {
		return ""
	}
	t = capFirst(t)
	if !strings.ContainsAny(t[len(t)-1:], ".!?…") && !strings.HasSuffix(t, `"`) && !strings.HasSuffix(t, "”") {
		t += "."
	}
	return t
}

// show is the user's text as it appears on screen: placeholders restored, no final stop.
func (s *scripter) show(t string) string {
	t = s.x.restore(strings.TrimSpace(t))
	t = s.dayNames(normalizeSpace(strings.TrimRight(t, ".;:, ")))
	return capFirst(t)
}

// dayNames capitalises English names of days and months written in lower case ("every
// friday at 6pm"), except "may" and "march", which are also verbs.
func (s *scripter) dayNames(t string) string {
	if s.lang != "en" {
		return t
	}
	return reDayName.ReplaceAllStringFunc(t, capFirst)
}

var reDayName = regexp.MustCompile(`\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|april|june|july|august|september|october|november|december)s?\b`)

func (s *scripter) piece(text, src string, prio int) piece {
	return piece{text: text, src: src, prio: prio, words: SpokenWords(text)}
}

// said reports whether a fact's text is already spoken, and records it when not.
func (s *scripter) said(t string) bool {
	n := strings.ToLower(normalizeSpace(strings.Trim(t, " .!?")))
	if n == "" {
		return true
	}
	for _, o := range s.spoken {
		if strings.Contains(o, n) {
			return true
		}
	}
	s.spoken = append(s.spoken, n)
	return false
}

// saidIn reports whether t (a value, an item) occurs in anything spoken so far.
func (s *scripter) saidIn(t string) bool {
	n := strings.ToLower(strings.Trim(strings.TrimSpace(s.x.restore(t)), " .!?"))
	if n == "" {
		return true
	}
	for _, o := range s.spoken {
		if strings.Contains(o, n) {
			return true
		}
	}
	return false
}

// plans writes every scene the facts allow, with priorities for fitting.
func (s *scripter) plans() []*scenePlan {
	s.readPrompt()
	var out []*scenePlan
	out = append(out, s.opening())
	if s.itemsFirst {
		out = append(out, s.itemScenes()...)
	}
	for i := 0; i < len(s.contents); i++ {
		c := s.contents[i]
		// A short sentence ("Missed a pickup?") goes with the next one, unless that is a
		// question of its own (an answer does not go with the next question); a question
		// goes with its short answer.
		next := ""
		if i+1 < len(s.contents) {
			next = s.contents[i+1]
		}
		cq, nq := strings.HasSuffix(c, "?"), strings.HasSuffix(next, "?")
		if next != "" && (len(strings.Fields(c)) < 5 && (cq || !nq) || cq && !nq && len(strings.Fields(next)) <= 12) {
			if !strings.ContainsAny(c[len(c)-1:], ".!?") {
				c += "."
			}
			if p := s.factScene(c+" "+next, i); p != nil {
				out = append(out, p)
			}
			i++
			continue
		}
		if p := s.factScene(c, i); p != nil {
			out = append(out, p)
		}
	}
	if !s.itemsFirst {
		out = append(out, s.itemScenes()...)
	}
	out = append(out, s.statScenes()...)
	out = append(out, s.quoteScenes()...)
	if p := s.detailsScene(); p != nil {
		out = append(out, p)
	}
	if p := s.offerScene(); p != nil {
		out = append(out, p)
	}
	out = append(out, s.docScenes()...)
	for _, p := range s.closing(out) {
		if allPrio(p, prioSignoff) && p.role != roleCTA && len(out) >= 1 {
			// Only a sign-off: it ends the last scene rather than repeating its card.
			last := out[len(out)-1]
			last.lines = append(last.lines, p.lines...)
			continue
		}
		out = append(out, p)
	}
	return out
}

// factScene is one content sentence of the prompt, with the card that suits it.
func (s *scripter) factScene(c string, i int) *scenePlan {
	say := s.sentence(c)
	if say == "" || s.said(say) {
		return nil
	}
	p := &scenePlan{role: roleFact, prio: prioFact}
	s.facts++
	p.lines = append(p.lines, s.piece(say, videoagent.SourcePrompt, prioFact))
	shown := s.show(c)
	if q, a, ok := questionAnswer(shown); ok && utf8.RuneCountInString(q) <= 64 && utf8.RuneCountInString(a) <= 110 {
		// A question with its answer: the question heads the card, the answer under it
		// (the answer's figure alone on a stat card did not say what it answered).
		p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: q, Subtitle: strings.TrimRight(a, ".")}
		p.shows = append(p.shows, shown2("visual.title", q), shown2("visual.subtitle", p.visual.Subtitle))
		return p
	}
	// "Revenue grew 12%, we opened 3 new stores, and satisfaction rose to 82%": three
	// results, shown as a list rather than the first figure alone.
	if isClauseList(shown) {
		if parts := clauses(shown); len(parts) >= 3 && len(parts) <= 5 {
			p.role = roleItems
			return s.clauseBullets(p, parts)
		}
	}
	if parts := figureList(shown); parts != nil {
		p.role = roleItems
		return s.clauseBullets(p, parts)
	}
	for _, st := range s.a.Stats {
		if (strings.Contains(say, st.Value) || strings.Contains(shown, st.Value)) && bigFigure(st.Value) {
			p.role = roleStat
			caption := statLabelOf(shown, st.Value)
			if utf8.RuneCountInString(shown) <= 64 {
				caption = shown // the whole sentence says what the figure is
			}
			p.visual = videoagent.Visual{Kind: videoagent.VisualStat, Text: st.Value, Caption: caption}
			p.shows = append(p.shows, shown2("visual.text", st.Value), shown2("visual.caption", caption))
			return p
		}
	}
	if items := s.itemsIn(shown); len(items) >= 2 {
		p.role = roleItems
		head, src := s.shortName(), videoagent.SourcePrompt
		if head == "" {
			head, src = s.f.frame(hCover), videoagent.SourceStructure
		}
		p.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: head, Bullets: items}
		p.shows = append(p.shows, shownAs("visual.title", head, src))
		for _, b := range items {
			p.shows = append(p.shows, shown2("visual.bullets", b))
		}
		return p
	}
	if utf8.RuneCountInString(shown) <= 64 {
		// The fact itself is the card, big: not the video's title again over it.
		p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: shown}
		p.shows = append(p.shows, shown2("visual.title", shown))
		return p
	}
	if utf8.RuneCountInString(shown) <= 90 {
		if title := s.shortName(); title != "" && !strings.Contains(strings.ToLower(shown), strings.ToLower(title)) {
			p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: title, Subtitle: shown}
			p.shows = append(p.shows, shown2("visual.title", title), shown2("visual.subtitle", shown))
			return p
		}
	}
	if parts := clauses(shown); len(parts) >= 2 && len(parts) <= 4 {
		return s.clauseBullets(p, parts)
	}
	// A long sentence with no parts to show: the presenter says it, full frame.
	p.layout = videoagent.LayoutPresenter
	p.visual = videoagent.Visual{Kind: videoagent.VisualNone}
	return p
}

// clauseBullets shows the parts of the scene's sentence as its bullets, under the
// subject's short name.
func (s *scripter) clauseBullets(p *scenePlan, parts []string) *scenePlan {
	p.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: s.shortName(), Bullets: parts}
	if p.visual.Title != "" {
		p.shows = append(p.shows, shown2("visual.title", p.visual.Title))
	}
	for _, b := range parts {
		p.shows = append(p.shows, shown2("visual.bullets", b))
	}
	return p
}

var reBigFigure = regexp.MustCompile(`(?i)[%$€£¥]|percent|prozent|por ciento|pour cent|million|billion|milliard|millones|\d{3,}|\d[.,]\d`)

// bigFigure reports whether a number is worth a stat card: a share, an amount, a large or
// precise number; "24 hours" or "four" are said, not shown big.
func bigFigure(v string) bool { return reBigFigure.MatchString(v) }

// shownAs is a text on screen from src.
func shownAs(field, text, src string) shown { return shown{field: field, text: text, src: src} }

// shown2 is a prompt text on screen.
func shown2(field, text string) shown {
	return shown{field: field, text: text, src: videoagent.SourcePrompt}
}

// shortName is the name or the headline, for card titles.
func (s *scripter) shortName() string {
	if h := s.headline; h != "" && utf8.RuneCountInString(h) <= 40 {
		return h
	}
	if n := strings.TrimSpace(s.a.Name); n != "" {
		return n
	}
	return ""
}

// itemsIn returns the prompt's listed items that a text contains (two or more), as bullets.
func (s *scripter) itemsIn(t string) []string {
	low := strings.ToLower(t)
	var out []string
	for _, it := range s.items {
		if strings.Contains(low, strings.ToLower(s.x.restore(it))) {
			out = append(out, bulletOfItem(s.x.restore(it)))
		}
	}
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// bulletOfItem is an item as a bullet: capitalised, no final stop, at most bulletWords
// words (the renderer wraps a bullet on up to three lines).
func bulletOfItem(it string) string {
	it = strings.TrimSpace(strings.TrimRight(it, ".;:, "))
	if len(strings.Fields(it)) > bulletWords {
		it = limitWords(it, bulletWords) + "…"
	}
	return capFirst(it)
}

// bulletWords is the most words a bullet shows: "Offer free whitening with every cleaning
// this month" whole, not cut before its last word.
const bulletWords = 12

// clauseChars is the longest clause shown as a bullet: "Mats and towels are included with
// every class" (45) on two lines of a card beside the presenter.
const clauseChars = 48

var reClauseSplit = regexp.MustCompile(`\s*(?:[;,]\s+(?:and\s+|y\s+|und\s+|et\s+)?|\s+(?:and|y|und|et)\s+)`)

// figureClauseChars is the longest clause shown as a bullet when its sentence holds
// several figures (see figureList): "We now offer evening appointments until 8pm on
// Tuesdays and Thursdays" (70) is one fact of three, and a card of the three says more
// than one figure or the subject's name does (three lines of a card beside the presenter).
const figureClauseChars = 72

// reFigure is a figure in a sentence: "12", "55.50", "10%", "1,200".
var reFigure = regexp.MustCompile(`\d+(?:[.,]\d+)*%?`)

// figures counts the different figures t holds.
func figures(t string) int {
	seen := map[string]bool{}
	for _, f := range reFigure.FindAllString(t, -1) {
		seen[f] = true
	}
	return len(seen)
}

// figureList returns the parts of a sentence of several figures too long for a card
// whole ("puncture repair for 12 pounds, a full service for 55, and 10% off for
// students"), for bullets, or nil: one of its figures alone on a stat card, or its
// subject alone on a title card, would show one fact while the presenter says three.
func figureList(t string) []string {
	if figures(t) < 2 || utf8.RuneCountInString(t) <= 64 {
		return nil
	}
	if parts := clausesUpTo(t, figureClauseChars); len(parts) >= 2 && len(parts) <= 5 {
		return parts
	}
	return nil
}

// clauses splits a long sentence into its short clauses for bullets (each at most
// clauseChars characters), or returns nil.
func clauses(t string) []string { return clausesUpTo(t, clauseChars) }

// clausesUpTo is clauses with clauses of at most limit characters.
func clausesUpTo(t string, limit int) []string {
	if parts := doesList(t); parts != nil {
		return parts // "Brewly grinds the beans, heats ...": "Grinds the beans", "Heats ..."
	}
	t = strings.TrimRight(t, ".")
	var parts []string
	from := 0
	seps := reClauseSplit.FindAllStringIndex(t, -1)
	for k, m := range seps {
		if !strings.ContainsAny(t[m[0]:m[1]], ",;") && startsUpper(t[m[1]:]) {
			continue // "every Tuesday and Thursday", "Smith and Jones": one part
		}
		if !strings.ContainsAny(t[m[0]:m[1]], ",;") {
			// "mats and towels are included": two subjects of one verb, one part.
			next := len(t)
			if k+1 < len(seps) {
				next = seps[k+1][0]
			}
			if !hasFiniteVerb(t[from:m[0]]) && hasFiniteVerb(t[m[1]:next]) {
				continue
			}
			// "a full service costs 55 pounds and includes new brake pads": two verbs of
			// one subject, one part.
			if f := strings.Fields(t[m[1]:next]); len(f) > 1 && hasFiniteVerb(t[from:m[0]]) && thirdPerson(f[0]) &&
				!hasFiniteVerb(strings.Join(f[1:], " ")) {
				continue
			}
		}
		parts = append(parts, t[from:m[0]])
		from = m[1]
	}
	parts = append(parts, t[from:])
	if objs := objectList(parts); objs != nil {
		parts = objs // "this month we added dark mode, faster search, ...": what was added
		parts[len(parts)-1] = reLeadConj.ReplaceAllString(strings.TrimSpace(parts[len(parts)-1]), "")
	}
	if !parallel(parts) {
		return nil // one statement with its reason or its details, not a list
	}
	// "There will be food trucks, games for kids, and live music": the first bullet is
	// "Food trucks", as the others are.
	if len(parts) > 1 {
		if m := reExistential.FindStringIndex(strings.TrimSpace(parts[0])); m != nil && !reExistential.MatchString(strings.TrimSpace(parts[1])) {
			parts[0] = strings.TrimSpace(parts[0])[m[1]:]
		}
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if utf8.RuneCountInString(p) > limit || len(strings.Fields(p)) < 2 && !(len(parts) >= 3 && p != "") {
			return nil
		}
		out = append(out, capFirst(p))
	}
	return out
}

// itemScenes speaks the prompt's list: steps one by one when they are actions of a
// tutorial or training, otherwise the whole list on one card.
func (s *scripter) itemScenes() []*scenePlan {
	var items []string
	for _, it := range s.items {
		if !s.saidIn(it) {
			items = append(items, s.x.restore(it))
		}
	}
	if len(items) == 0 {
		return nil
	}
	s.itemsShown = true
	if s.stepsGiven(items) {
		s.itemsSteps = true
		var out []*scenePlan
		for i, it := range items {
			n := strconv.Itoa(i + 1)
			say := s.f.frame(fStep, "n", n, "text", s.lowerItem(it))
			s.said(say)
			head := s.f.frame(hStep, "n", n)
			p := &scenePlan{role: roleStep, prio: prioFact,
				visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: head, Subtitle: bulletOfItem(it)}}
			p.lines = append(p.lines, s.piece(s.finish(say), videoagent.SourcePrompt, prioFact))
			p.shows = append(p.shows, shown{field: "visual.title", text: head, src: videoagent.SourceStructure}, shown2("visual.subtitle", p.visual.Subtitle))
			out = append(out, p)
		}
		return out
	}
	and := andWord[s.lang]
	if and == "" {
		and = "and"
	}
	lower := make([]string, len(items))
	for i, it := range items {
		lower[i] = s.lowerItem(it)
	}
	key := fItems
	if s.introduces() && s.a.Kind != KindWelcome {
		key = fHighlights
	}
	if key == fItems && (!slices.ContainsFunc(items, func(it string) bool { return !instruction(it) }) || slices.ContainsFunc(items, isRule)) {
		key = fDo // "use at least 12 characters, never reuse passwords, ...": what to do
	}
	say := s.f.frame(key, "list", joinList(lower, and))
	s.said(say)
	s.itemsSaid = joinList(lower, and)
	p := &scenePlan{role: roleItems, prio: prioFact}
	p.lines = append(p.lines, s.piece(s.finish(say), videoagent.SourcePrompt, prioFact))
	head := s.shortName()
	src := videoagent.SourcePrompt
	if head == "" {
		head, src = s.f.frame(hCover), videoagent.SourceStructure
	}
	var bullets []string
	for _, it := range items {
		bullets = append(bullets, bulletOfItem(it))
	}
	if len(bullets) > 5 {
		bullets = bullets[:5]
	}
	p.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: head, Bullets: bullets}
	p.shows = append(p.shows, shown{field: "visual.title", text: head, src: src})
	for _, b := range bullets {
		p.shows = append(p.shows, shown2("visual.bullets", b))
	}
	return []*scenePlan{p}
}

// stepsGiven reports whether the items are steps to follow: a how-to or training whose
// items start with a verb ("plug in the router").
func (s *scripter) stepsGiven(items []string) bool {
	// "never reuse passwords", "do not use your phone", "always wear gloves": rules to keep,
	// in no order, shown together (unless the prompt numbers them or calls them steps).
	if len(s.numbered) < 2 && !callsSteps(s.x.plain) && slices.ContainsFunc(items, isRule) {
		return false
	}
	if s.listedSteps && (s.a.Kind == KindTutorial || s.a.Kind == KindTraining || s.ordered || reHowToLead.MatchString(s.lead.text)) {
		return true
	}
	if s.a.Kind != KindTutorial && s.a.Kind != KindTraining && !callsSteps(s.x.plain) {
		return false
	}
	verbs := 0
	for _, it := range items {
		ws := words(it)
		if len(ws) > 0 && (imperatives[ws[0]] || s.lang != "en") {
			verbs++
		}
	}
	return verbs*2 >= len(items)
}

// reHowToLead is a lead that asks how to do something: its list is steps.
var reHowToLead = regexp.MustCompile(`(?i)^(?:how to|cómo|comment|wie man)\s`)

// isRule reports whether an item is a rule rather than a step: an instruction never to
// do something, or to do it always.
func isRule(it string) bool {
	it = strings.TrimSpace(it)
	return reRule.MatchString(it) && instruction(it) || reRuleIntl.MatchString(it)
}

var reRule = regexp.MustCompile(`(?i)^(?:never|always|do not|don't|don’t)\s`)

// reRuleIntl is a rule in Spanish ("nunca reutilices ...", "no compartas ..."), French
// ("ne réutilise jamais ...", "n'ouvre pas ...") or German ("teile niemals ..."), where
// no list of imperatives tells an instruction.
var reRuleIntl = regexp.MustCompile(`(?i)^(?:(?:nunca|jamás|siempre|no|ne|jamais|toujours|niemals|nie|immer)\s+|n['’])\pL|^\pL+\s+(?:niemals|nie|immer|nicht|keine?n?)\s`)

// reExistential opens a sentence that lists what there is: "There will be ...".
var reExistential = regexp.MustCompile(`(?i)^(?:there(?: will be| is| are|'s|’s)|we(?:'ll| will)? have|habrá|hay|es gibt|il y aura|il y a)\s+`)

var reStepsWord = regexp.MustCompile(`(?i)\b(steps?|pasos?|schritte?n?|étapes?)\b`)

// reCountedSteps is "steps" counted as a feature's name, which calls no list steps:
// "two-step verification", "la verificación en dos pasos".
var reCountedSteps = regexp.MustCompile(`(?i)\b(?:\d+|one|two|three|dos|tres|deux|trois|zwei|drei)[- ](?:steps?|pasos|étapes|schritten)\b`)

// callsSteps reports whether the prompt calls its list steps.
func callsSteps(plain string) bool {
	return reStepsWord.MatchString(reCountedSteps.ReplaceAllString(plain, ""))
}

// statScenes shows the prompt's numbers that no sentence has said yet.
func (s *scripter) statScenes() []*scenePlan {
	var out []*scenePlan
	for _, st := range s.a.Stats {
		if s.saidIn(st.Value) {
			continue
		}
		line := s.sentence(st.Line)
		if line == "" || s.said(line) {
			continue
		}
		p := &scenePlan{role: roleStat, prio: prioFact,
			visual: videoagent.Visual{Kind: videoagent.VisualStat, Text: st.Value, Caption: capFirst(st.Label)}}
		p.lines = append(p.lines, s.piece(line, videoagent.SourcePrompt, prioFact))
		p.shows = append(p.shows, shown2("visual.text", st.Value), shown2("visual.caption", p.visual.Caption))
		out = append(out, p)
	}
	return out
}

// quoteScenes gives each quotation its card, attributed.
func (s *scripter) quoteScenes() []*scenePlan {
	var out []*scenePlan
	for _, q := range s.a.Quotes {
		text := strings.TrimSpace(q.Text)
		if text == "" || s.saidIn(text) || strings.Contains(strings.ToLower(s.tagline), strings.ToLower(strings.Trim(text, ".!?"))) {
			continue
		}
		if hasHolder(text) || s.isCTA(text) {
			// `End with "Book your first class free at calmflow.example"`: the words to end
			// on, which the call to action says, not somebody's quotation.
			continue
		}
		quoted := text
		if !strings.ContainsAny(quoted[len(quoted)-1:], ".!?") {
			quoted += "."
		}
		var say string
		if q.Author != "" {
			say = s.f.frame(fQuote, "author", q.Author, "quote", quoted)
		} else {
			say = s.f.frame(fQuoteAnon, "quote", quoted)
		}
		s.said(say)
		p := &scenePlan{role: roleQuote, prio: prioFact, layout: videoagent.LayoutSlideBubble,
			visual: videoagent.Visual{Kind: videoagent.VisualQuote, Text: text, Caption: q.Author}}
		p.lines = append(p.lines, s.piece(say, videoagent.SourcePrompt, prioFact))
		p.shows = append(p.shows, shown2("visual.text", text))
		if q.Author != "" {
			p.shows = append(p.shows, shown2("visual.caption", q.Author))
		}
		out = append(out, p)
	}
	return out
}

// isCTA reports whether quoted text is the call to action's: its first words open it.
func (s *scripter) isCTA(text string) bool {
	ws := strings.Fields(strings.ToLower(text))
	if len(ws) > 4 {
		ws = ws[:4]
	}
	cta := strings.ToLower(strings.TrimSpace(s.a.CTA))
	return cta != "" && len(ws) > 0 && strings.HasPrefix(cta, strings.Join(ws, " "))
}

// detailsScene says when and where, if no sentence has.
func (s *scripter) detailsScene() *scenePlan {
	when, where := strings.TrimRight(strings.TrimSpace(s.a.When), ". "), strings.TrimRight(strings.TrimSpace(s.a.Where), ". ")
	if strings.EqualFold(where, s.lead.org) {
		where = "" // the organisation the audience belongs to, not a venue
	}
	// What the call to action will say ("Apply ... before June 1") needs no card of its own.
	ctaText := strings.ToLower(s.a.CTA + " " + s.x.restore(s.ctaLine))
	if when != "" && strings.Contains(ctaText, strings.ToLower(when)) {
		when = ""
	}
	if where != "" && strings.Contains(ctaText, strings.ToLower(where)) {
		where = ""
	}
	if s.saidIn(when) {
		when = ""
	}
	if s.saidIn(where) {
		where = ""
	}
	if when == "" && where == "" {
		return nil
	}
	p := &scenePlan{role: roleDetails, prio: prioFact}
	var bullets []string
	if when != "" {
		say := s.f.frame(fWhen, "text", when)
		s.said(say)
		p.lines = append(p.lines, s.piece(s.finish(say), videoagent.SourcePrompt, prioFact))
		bullets = append(bullets, s.f.frame(hWhen, "text", when))
	}
	if where != "" {
		say := s.f.frame(fWhere, "text", where)
		s.said(say)
		p.lines = append(p.lines, s.piece(s.finish(say), videoagent.SourcePrompt, prioFact))
		bullets = append(bullets, s.f.frame(hWhere, "text", where))
	}
	head := s.f.frame(hDetails)
	p.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: head, Bullets: bullets}
	p.shows = append(p.shows, shown{field: "visual.title", text: head, src: videoagent.SourceStructure})
	for _, b := range bullets {
		p.shows = append(p.shows, shown2("visual.bullets", b))
	}
	return p
}

// offerScene names the offer, if no sentence has.
func (s *scripter) offerScene() *scenePlan {
	o := strings.TrimSpace(s.a.Offer)
	if o == "" || s.saidIn(o) || strings.Contains(strings.ToLower(s.a.CTA), strings.ToLower(o)) {
		return nil
	}
	say := s.f.frame(fOffer, "text", o)
	s.said(say)
	head := s.f.frame(hOffer)
	p := &scenePlan{role: roleOffer, prio: prioFact,
		visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: head, Subtitle: capFirst(o)}}
	p.lines = append(p.lines, s.piece(s.finish(say), videoagent.SourcePrompt, prioFact))
	p.shows = append(p.shows, shown{field: "visual.title", text: head, src: videoagent.SourceStructure}, shown2("visual.subtitle", capFirst(o)))
	return p
}
