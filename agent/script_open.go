package agent

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// The opening scene: the lead fact in its frame, and the headline on the title card.

// opening is the title scene: the lead fact in its frame, the headline on screen.
func (s *scripter) opening() *scenePlan {
	p := &scenePlan{role: roleOpen, layout: videoagent.LayoutTitle}
	l := s.lead
	text := s.x.restore(l.text)
	if n := strings.TrimSpace(s.a.Name); n != "" && genericSubjects[strings.ToLower(trimDeterminer(text))] {
		text = n // "our app" is the product the account told us about
		l.kind = contentNP
	}
	faq := s.answersQuestions() // of the prompt's sentences, before the opening takes any
	if faq {
		// "preguntas frecuentes para nuestra tienda", "FAQ pour notre librairie": the
		// questions are the format; what they are about is the rest.
		if t := reFAQHead.ReplaceAllString(text, ""); t != text && hasContentWord(t) {
			text = t
			if l.kind == contentTopic || l.kind == contentClause {
				l.kind = contentNP
			}
		}
	}
	if l.kind == contentClause && len(s.contents) > 0 && isClauseList(text) && !s.verbatim {
		// "We are a dog grooming salon in Leeds. Make a video telling people we now offer
		// ..., open late ..., and that ...": the user's own first sentence opens; the news,
		// a list, is a card of bullets after it.
		s.contents = append(s.contents[:1], append([]string{reAndThat.ReplaceAllString(text, "$1 ")}, s.contents[1:]...)...)
		text = ""
	}
	var say, title, sub string
	var pre []piece // lines said before the lead (an audience greeting)
	audSaid := false
	switch {
	case s.a.Kind == KindWelcome && l.org != "" && text != "" && (isBareName(text) || titleCased(text)) && possessives[strings.ToLower(firstWord(l.org))]:
		// "new members of our coworking space, The Hive": the place's name, with it.
		say = s.f.frame(fWelcomeTo, "np", l.org+", "+text)
		title = cardTitle(say)
	case s.a.Kind == KindWelcome && l.org != "":
		say = s.f.frame(fWelcomeTo, "np", l.org)
		title = cardTitle(say)
		if text != "" && !sameText(normalizeSpace(text), normalizeSpace(l.org)) {
			// "... covering our core values": what the welcome is about, next.
			topic := s.f.frame(fTopic, "np", text)
			if l.kind == contentClause || strings.HasPrefix(strings.ToLower(text), strings.ToLower(l.org)+",") {
				topic = s.sentence(text) // a statement, or "Crumb & Co, the bakery on Elm Street that ...": said as written
			}
			if l.kind == contentWh {
				topic = s.f.frame(fLook, "clause", lowerFirst(text))
			}
			pre = append(pre, s.piece(s.finish(say), videoagent.SourcePrompt, prioMust))
			say = topic
		}
	case text == "" && s.a.Kind == KindWelcome && l.audience != "":
		say = s.f.frame(fWelcomeAud, "np", l.audience)
		title, audSaid = cardTitle(say), true
	case text == "" && len(s.contents) > 0 && l.audience != "" && len(s.itemsIn(s.show(s.contents[0]))) >= 3:
		// "Video for our newsletter subscribers: this month we added dark mode, faster
		// search, and a new iPad app": whom it is for; the news, with its list, is a card
		// of its own with bullets.
		who := l.audience
		if l.org != "" && s.lang == "en" {
			who += " at " + l.org // "new lifeguards at Bayside Pool": where they work is said too
		}
		say, title, audSaid = s.f.frame(fAudience, "np", who), capFirst(s.f.frame(hFor, "np", who)), true
		if l.format != "" && namesTopic(l.format) {
			say, title = s.f.frame(fAudienceFmt, "format", lowerFirst(l.format), "np", who), capFirst(l.format)
		}
	case text == "" && len(s.contents) > 0:
		// No request content: the first content sentence leads, said as written.
		first := s.contents[0]
		s.contents = s.contents[1:]
		// "A quick tip from Pedal Works, the bike repair shop: check your tyres ...": the
		// heading leads; what it introduces is said on a card of its own.
		heading := false
		if k := strings.Index(first, ":"); k > 0 && isLeadHeading(first[:k]) && (isStatement(first[k+1:]) || looksLikeList(first[k+1:], s.lang)) {
			s.contents = append([]string{strings.TrimSpace(first[k+1:])}, s.contents...)
			first, heading = strings.TrimSpace(first[:k]), true
		}
		text, l.kind = s.x.restore(first), contentClause
		say = s.sentence(first)
		s.leadClause = !heading // a heading is not the fact the closing restates
		if l.audience != "" {
			line := s.f.frame(fAudience, "np", l.audience)
			if l.format != "" {
				line = s.f.frame(fAudienceFmt, "format", lowerFirst(l.format), "np", l.audience)
			}
			pre = append(pre, s.piece(s.finish(line), videoagent.SourcePrompt, prioExtra))
			audSaid = true
		}
		if l.format != "" && namesTopic(l.format) {
			title = capFirst(l.format)
			if l.audience != "" {
				sub = s.f.frame(hFor, "np", l.audience)
			}
		}
	case text == "" && l.audience != "" && namesTopic(l.format):
		// "Safety briefing for warehouse visitors: <its list>": what the video is, and for
		// whom; the list follows on its own card.
		say = s.f.frame(fAudienceFmt, "format", lowerFirst(l.format), "np", l.audience)
		title, sub = capFirst(l.format), capFirst(s.f.frame(hFor, "np", l.audience))
		audSaid = true
	case text == "" && s.reminded != "":
		// "Remind all staff to lock the back door ...": the reminder itself is the call to
		// action's scene; the opening says who it is for.
		who := s.reminded
		if strings.EqualFold(who, "them") {
			who = "everyone"
		}
		say = s.f.frame(fReminder, "np", who)
		title, sub = s.f.frame(hReminder), capFirst(s.f.frame(hFor, "np", who))
		audSaid = true
	case text == "" && s.ordered && len(s.contents) == 0 && len(s.items) >= 2:
		// Steps and nothing else ("First, unplug the router, then ..."): how many.
		say, title = s.f.frame(fSteps, "n", strconv.Itoa(len(s.items))), s.f.frame(hSteps)
	case text == "" && len(s.contents) == 0 && len(s.a.Quotes) > 0 && s.a.Quotes[0].Author != "":
		// "A testimonial video: \"...\" - Maria Lopez, CFO at Brightline": who speaks; the
		// quotation follows on its card.
		say, title = s.f.frame(fHearFrom, "np", s.a.Quotes[0].Author), s.a.Quotes[0].Author
		if k := strings.Index(title, ", "); k > 0 {
			title, sub = title[:k], title[k+2:]
		}
	case text == "":
		// Nothing but a wrapper: the subject, if the analysis found one.
		if n := strings.TrimSpace(s.a.Name); n != "" {
			say, text = s.f.frame(fMeet, "np", n), n
		} else if t := strings.TrimSpace(s.a.Topic); t != "" && hasContentWord(t) {
			say, text = s.f.frame(fTopic, "np", t), t
		} else {
			say = s.f.frame(fHello)
		}
	case l.kind == contentNP && isBareName(text) && len(s.contents) > 0 && (l.prep == "" || forPreps[strings.ToLower(l.prep)]) && !faq:
		// "A reel for Pasta Nonna: our ravioli is half price": the name, then the news.
		first := s.x.restore(s.contents[0])
		if isClauseList(first) || figureList(s.show(first)) != nil {
			// "... for Lakeside Dental: we now open at 7am, offer ..., and accept ...": a
			// list of news (or of figures) is shown as one, on the next card; the opening
			// greets.
			say, title = s.f.frame(fHelloFrom, "np", text), text
			break
		}
		s.contents = s.contents[1:]
		if strings.Contains(strings.ToLower(first), strings.ToLower(text)) {
			say = s.sentence(first)
		} else {
			say = s.finish(text + ": " + s.lowerLead(strings.TrimRight(first, ".")))
		}
		title = text
		if sh := s.show(first); utf8.RuneCountInString(sh) <= 110 && !strings.EqualFold(sh, text) {
			sub = sh
		}
		s.leadClause = true
	case l.kind == contentInvite:
		say = s.f.frame(fInvite, "np", text)
	case l.kind == contentThanks:
		say = s.f.frame(fThanksTo, "np", text)
		if l.congrats {
			say = s.f.frame(fCongrats, "np", text)
		}
		title = cardTitle(say)
		s.leadClause = false
	case isBirthday(l.format) && (l.kind == contentNP || l.kind == contentTopic):
		// "A birthday video for my mum Linda, who turns 60 on Saturday": the wish, to her.
		say = s.f.frame(fBirthday, "np", text)
		// Who, without what the user said of them ("my mum Linda", not ", who turns 60 on
		// Saturday"): the title, and the wish again at the end.
		who, _, _ := strings.Cut(text, ", ")
		s.wish = s.f.frame(fBirthday, "np", who)
		title = cardTitle(s.wish)
		s.leadClause = false
	case l.kind == contentFrom:
		say = s.f.frame(fHelloFrom, "np", text)
		title = cardTitle(say)
	case l.kind == contentWh:
		say = s.f.frame(fLook, "clause", lowerFirst(text))
	case (l.kind == contentNP || l.kind == contentTopic) && reInvitationOf.MatchString(text):
		// "our Christmas party invitation": the invitation, to the party.
		np := reInvitationOf.ReplaceAllString(text, "")
		say, title = s.f.frame(fInvite, "np", np), capFirst(np)
	case faq && (l.kind == contentNP || l.kind == contentTopic) && !l.sums:
		// "FAQ video for our gym. Do you offer day passes? Yes, for $15. ...": questions
		// answered, not a product introduced.
		say = s.f.frame(fFAQ, "np", text)
	case l.fetes && (l.kind == contentNP || l.kind == contentTopic):
		say = s.f.frame(fCelebrate, "np", text) // "Celebrating our 10th anniversary!", not "Introducing ..."
		title = cardTitle(say)
	case (l.sums || s.a.Kind == KindRecap && possessives[strings.ToLower(firstWord(text))]) && (l.kind == contentNP || l.kind == contentTopic):
		say = s.f.frame(fSummaryOf, "np", text) // "Summarize our Q4 town hall: ...": not introduced
	case l.kind == contentNP && !l.explains && (s.introduces() || l.intro || isNamedWithApposition(text)):
		say = s.f.frame(fMeet, "np", text)
		if unmeetable(text) {
			say = s.f.frame(fIntro, "np", text) // "Introducing our summer sale.", not "Meet ..."
		}
	case s.lang == "de" && (strings.EqualFold(l.prep, "über") || strings.EqualFold(l.prep, "um") || strings.EqualFold(l.prep, "about")) && (l.kind == contentTopic || l.kind == contentNP) && startsWithDeterminer(text):
		// "über unseren neuen Lieferservice" is in the accusative, which "Wir stellen vor:"
		// and "Unser Thema heute:" would need in the nominative.
		say = s.f.frame(fTopicAcc, "np", text)
		title = capFirst(deNominative(s.show(text)))
	case l.kind == contentTopic && !l.explains && s.introduces() && startsWithDeterminer(text):
		say = s.f.frame(fIntro, "np", text) // "Introducing our Lisbon food tour."
		switch {
		case isPerson(text) || namedThing(text):
			say = s.f.frame(fMeet, "np", text) // "Meet our new head chef, Marco Rossi.", "Meet our app Sprout, ..."
		case forPreps[strings.ToLower(l.prep)] && possessives[strings.ToLower(firstWord(text))] && len(s.contents) > 0 && ourNews(s.contents[0]):
			// "A video for our ice cream shop: we now open at 11am ...": news from the
			// user's own place, which it does not need introducing.
			say, title = s.f.frame(fHelloFrom, "np", text), capFirst(text)
		}
	case l.kind == contentNP, l.kind == contentTopic:
		np := text
		if f := strings.Fields(np); s.lang == "de" && l.prep != "" && len(f) > 0 && determiners[strings.ToLower(f[0])] &&
			!strings.EqualFold(l.prep, "über") && !strings.EqualFold(l.prep, "um") && !strings.EqualFold(l.prep, "für") {
			np = l.prep + " " + np // keep the case the user's preposition gave it
		}
		say = s.f.frame(fTopic, "np", np)
	default:
		say = s.sentence(text)
		s.leadClause = true
	}
	src := videoagent.SourcePrompt
	if text == "" && l.org == "" && l.audience == "" {
		src = videoagent.SourceStructure
	}
	lp := s.piece(s.finish(say), src, prioMust)
	if s.leadFile != "" {
		lp.src, lp.file, lp.page = videoagent.SourceFile, s.leadFile, 1
	}
	p.lines = append(pre, lp)
	s.said(say)
	s.leadSay = say

	// The headline: the name, else the lead itself, short enough for a title card.
	if title == "" {
		title, sub = s.headlines(l, text)
	} else if utf8.RuneCountInString(title) > 60 {
		title = cutTitle(title)
	}
	s.headline = title
	p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: title, Subtitle: sub}
	titleSrc := srcOf(title, videoagent.SourcePrompt)
	if text == "" && l.org == "" && l.audience == "" && l.format == "" {
		titleSrc = videoagent.SourceStructure
	}
	if s.leadFile != "" {
		p.shows = append(p.shows, shown{field: "visual.title", text: title, src: videoagent.SourceFile, file: s.leadFile, page: 1})
	} else {
		p.shows = append(p.shows, shown{field: "visual.title", text: title, src: titleSrc})
	}
	if sub != "" {
		p.shows = append(p.shows, shown{field: "visual.subtitle", text: sub, src: videoagent.SourcePrompt})
	}
	if aud := l.audience; aud != "" && !audSaid && !strings.Contains(strings.ToLower(say), strings.ToLower(aud)) {
		line := s.f.frame(fAudience, "np", aud)
		p.lines = append(p.lines, s.piece(s.finish(line), videoagent.SourcePrompt, prioExtra))
		if p.visual.Subtitle == "" {
			p.visual.Subtitle = capFirst(s.f.frame(hFor, "np", aud))
			p.shows = append(p.shows, shown{field: "visual.subtitle", text: p.visual.Subtitle, src: videoagent.SourcePrompt})
		}
	}
	// Only a greeting ("Hello from Spoke & Chain!"): little to read on its card.
	p.greets = len(p.lines) == 1 && (s.f.says(fHelloFrom, say) || s.f.says(fWelcomeTo, say) || s.f.says(fWelcomeAud, say) || s.f.says(fHello, say))
	return p
}

// namesTopic reports whether the user's name for the video says what it is about
// ("safety briefing", "onboarding video"), not only that it is a video ("short clip"):
// besides its format nouns, it holds a kind of video or a word that asks for none.
func namesTopic(format string) bool {
	for _, w := range strings.Fields(strings.ToLower(format)) {
		if !formatNouns[w] && (kindWords[w] || !wrapperWords[w] && !isLengthToken(w) && !isPlatformWord(w) && !determiners[w]) {
			return true
		}
	}
	return false
}

// reBirthday finds a birthday in the user's name for the video: "a birthday video".
var reBirthday = regexp.MustCompile(`(?i)birthday|cumpleaños|geburtstag|anniversaire`)

// isBirthday reports whether the video is a birthday wish.
func isBirthday(format string) bool { return reBirthday.MatchString(format) }

// unmeetableNouns name things one does not "meet": offers, events, plans, rules.
var unmeetableNouns = wordSet(`sale sales offer offers deal deals discount discounts promotion program programme
	programs plan plans policy policies update updates schedule hours menu event events webinar workshop
	conference festival launch season campaign challenge contest giveaway initiative course class classes
	rebate pricing price prices rules guidelines benefits day weekend week month friday monday tuesday
	wednesday thursday saturday sunday christmas easter halloween thanksgiving`)

// unmeetable reports whether a noun phrase's head (its last word before a comma, a colon
// or a preposition) is such a thing.
func unmeetable(np string) bool {
	head := np
	if k := strings.IndexAny(head, ",:("); k > 0 {
		head = head[:k]
	}
	ws := strings.Fields(head)
	for i, w := range ws {
		if i > 0 && topicPreps[strings.ToLower(w)] {
			ws = ws[:i]
			break
		}
	}
	return len(ws) > 0 && unmeetableNouns[strings.ToLower(strings.Trim(ws[len(ws)-1], ".!?"))]
}

// isPerson reports whether a phrase names a person by role: "our new head chef, Marco
// Rossi", "our CEO".
func isPerson(np string) bool {
	head := np
	if k := strings.IndexAny(head, ",:("); k > 0 {
		head = head[:k]
	}
	ws := strings.Fields(head)
	return len(ws) > 0 && personNouns[strings.ToLower(strings.Trim(ws[len(ws)-1], ".!?"))]
}

var personNouns = wordSet(`chef ceo cto cfo coo founder co-founder cofounder director manager lead teacher coach nurse
	doctor colleague hire intern designer engineer developer editor host president principal captain trainer
	instructor pastor mayor author artist baker barista owner mentor volunteer ambassador hero
	teammate member partner recruit apprentice graduate`)

// isNamedWithApposition reports whether a phrase is a name and what it is ("Harbor Bikes,
// the repair shop on Pier Road"): whoever the video is for, it is met, not a topic.
func isNamedWithApposition(t string) bool {
	name, what, ok := strings.Cut(t, ", ")
	return ok && isBareName(name) && startsWithDeterminer(what)
}

// possessives open a phrase about the user's own thing.
var possessives = wordSet(`our my nuestro nuestra nuestros nuestras mi unser unsere unseren unserem mein meine notre nos mon ma mes`)

// reInvitationOf is the word that makes a subject an invitation to it: "our Christmas
// party invitation".
var reInvitationOf = regexp.MustCompile(`(?i)\s+(?:invitation|invite)$`)

// reAndThat is the "that" repeated before a list's last clause: "..., and that new
// customers get 20% off".
var reAndThat = regexp.MustCompile(`(?i)(,?\s+and)\s+that\s+`)

// reFAQHead is a name for questions answered at the start of a subject, with the
// preposition that ties it to what they are about.
var reFAQHead = regexp.MustCompile(`(?i)^(?:faqs?|q ?& ?a|frequently asked questions|preguntas frecuentes|foire aux questions|questions fréquentes|häufige fragen)(?:\s+(?:for|about|on|at|para|sobre|de|del|de la|pour|sur|du|des|für|zu|zum|zur|über))?\s+`)

// answersQuestions reports whether the prompt's content is questions with their answers
// (an FAQ): at least two questions, each followed by a sentence that is not one.
func (s *scripter) answersQuestions() bool {
	n := 0
	for i := 0; i+1 < len(s.contents); i++ {
		if strings.HasSuffix(s.contents[i], "?") && !strings.HasSuffix(s.contents[i+1], "?") {
			n++
			i++
		}
	}
	return n >= 2
}

// questionAnswer splits "Do you offer day passes? Yes, for $15." into its question and its
// answer; ok is false for anything else.
func questionAnswer(t string) (q, a string, ok bool) {
	i := strings.Index(t, "? ")
	if i < 0 {
		return "", "", false
	}
	q, a = t[:i+1], strings.TrimSpace(t[i+2:])
	if a == "" || strings.Contains(a, "?") {
		return "", "", false
	}
	return q, a, true
}

// ourNews reports whether a sentence is news told by the user's side: "we now open at
// 11am", "our new flavor is ...".
func ourNews(t string) bool {
	return weWords[strings.ToLower(strings.Trim(firstWord(t), ",.:;!"))]
}

// weWords open news told in the first person plural.
var weWords = wordSet(`we we're we've we'll our nosotros nuestro nuestra nuestros nuestras ahora wir unser unsere jetzt ab nous notre nos désormais`)

// startsWithDeterminer reports whether a phrase opens with an article or a possessive.
func startsWithDeterminer(t string) bool {
	f := strings.Fields(t)
	return len(f) > 0 && determiners[strings.ToLower(f[0])]
}

// isBareName reports whether a lead is only a name ("Pasta Nonna", "Glow Bakery"), with
// nothing said about it.
func isBareName(t string) bool {
	ws := strings.Fields(t)
	return len(ws) > 0 && len(ws) <= 4 && !strings.ContainsAny(t, ",:;") && startsWithName(t)
}

// titleCased reports whether a short phrase has a capital on every word: a name such as
// "The Hive".
func titleCased(t string) bool {
	ws := strings.Fields(t)
	if len(ws) == 0 || len(ws) > 4 || strings.ContainsAny(t, ",:;") {
		return false
	}
	for _, w := range ws {
		if !startsUpper(w) {
			return false
		}
	}
	return true
}

// introduces reports whether the video presents a thing of the user's (a product, a
// launch, an offer), which the opening then introduces by name.
func (s *scripter) introduces() bool {
	if s.lead.explains || s.lead.sums {
		return false // "Explain our refund policy": a topic, not a product
	}
	if f := strings.Fields(s.lead.text); len(f) > 0 && possessives[strings.ToLower(f[0])] {
		return true // "our new vegan burger": the user's own thing
	}
	switch s.a.Kind {
	case KindProduct, KindAnnouncement, KindSales, KindSocialAd, KindWelcome, KindEvent:
		return true
	}
	return false
}

// lowerLead lower-cases the first letter of the user's text after a colon frame when its
// first word is a determiner or pronoun ("Our gym ..." -> "our gym ..."), never a name.
func (s *scripter) lowerLead(t string) string {
	ws := strings.Fields(t)
	if len(ws) == 0 {
		return t
	}
	w := strings.ToLower(strings.Trim(ws[0], ",.;:"))
	if s.lang == "de" {
		return t // a German sentence after a colon keeps its capital
	}
	// "Abrimos el sábado": a verb opening a Spanish or French sentence is no name.
	if w != "i" && (determiners[w] || pronounLeads[w] || isPeople(w) || imperatives[w] || s.lang != "en" && finiteVerbs[w] ||
		s.lang == "en" && commonLeads[w] || s.x != nil && writtenLower(s.x.plain, w)) {
		return lowerFirst(t)
	}
	return t // a name, or a sentence that may keep its capital after the colon
}

// commonLeads are English words that often open a fact and are never names: "Once more:
// offer ends Friday", "To sum up: day one is ...".
var commonLeads = wordSet(`offer offers asking full available free open opens closed new now only starting ends
	price prices sale doors tickets registration classes class orientation parking lunch breakfast dinner delivery
	shipping returns refunds day days week weeks month months year years today tomorrow tonight next last first
	second third entry admission membership plans access support service hours revenue sales profit profits
	costs churn growth traffic signups orders bookings margin margins customers users downloads episode
	episodes meals`)

var pronounLeads = wordSet(`we it they you she he there this these those here nosotros wir es sie ihr nous il elle ils on
	every each all any some most many both no todos todas cada chaque tous toutes`)

// srcOf is src for a non-empty text; a structural text when it names nothing of the user's.
func srcOf(t, src string) string {
	if strings.TrimSpace(t) == "" {
		return videoagent.SourceStructure
	}
	return src
}

// finish makes a framed sentence tidy: single spaces, a final stop, French spacing kept.
func (s *scripter) finish(t string) string {
	for i, u := range s.x.urls {
		t = strings.ReplaceAll(t, placeholder("url", i), speakableURL(u))
	}
	t = normalizeSpace(s.x.restore(t))
	t = strings.ReplaceAll(t, "..", ".")
	if t != "" && !strings.ContainsAny(t[len(t)-1:], ".!?…\"”") {
		t += "."
	}
	return capFirst(t)
}

// headlines chooses the title card's title and subtitle from the lead.
func (s *scripter) headlines(l requestPart, text string) (title, sub string) {
	name := strings.TrimSpace(s.a.Name)
	shown := s.show(text)
	if t := capFirst(reSeqStart.ReplaceAllString(shown, "")); t != "" && l.kind == contentClause {
		shown = t // "First, we grew revenue by 18%, then ...": not titled "First"
	}
	head, tail := shown, ""
	if k := strings.Index(shown, ", "); k > 0 {
		head, tail = shown[:k], strings.TrimSpace(shown[k+2:])
	}
	switch {
	case l.kind == contentNP && tail != "" && utf8.RuneCountInString(head) <= 40:
		// "The Arlo lamp, a desk lamp with ...": the thing, then what it is.
		title = head
		if what := whatItIs(shown, head); what != "" {
			sub = shorten(what, 80)
		}
	case l.kind == contentNP && tail == "" && utf8.RuneCountInString(shown) <= 40:
		title = shown // "Orbit CRM"
	case name != "" && l.kind == contentNP:
		title = name
		if what := whatItIs(shown, name); what != "" {
			sub = shorten(what, 80)
		}
	case l.kind == contentWh || l.kind == contentTopic || l.kind == contentInvite:
		title = shown
		if utf8.RuneCountInString(shown) > 60 && tail != "" && utf8.RuneCountInString(head) <= 50 && reRelativeLead.MatchString(tail) {
			title, sub = head, shown // "Our app Sprout, which helps parents ...": the thing on top
		}
	case utf8.RuneCountInString(shown) > 60 && utf8.RuneCountInString(head) <= 60 && tail != "":
		title, sub = head, shown // a long statement: its first clause on top, all of it below
		if hw := strings.Fields(head); frontPreps[strings.ToLower(hw[0])] && !hasFiniteVerb(head) && utf8.RuneCountInString(tail) <= 60 {
			title = capFirst(tail) // "À partir du 1er juillet, la livraison est gratuite ...": what happens, on top
		}
	case name != "" && utf8.RuneCountInString(shown) > 60:
		title, sub = name, shown
	default:
		title = shown
	}
	if m := reLabel.FindStringSubmatch(title); m != nil {
		title = capFirst(m[1]) // "Note: the car park is closed on Sunday": the note is the title
	}
	if title == "" {
		title = capFirst(firstNonEmptyStr(name, s.a.Topic, s.a.Subject))
	}
	if utf8.RuneCountInString(title) > 60 {
		if sub == "" && utf8.RuneCountInString(title) <= 110 {
			sub = title
		}
		title = cutTitle(title)
	}
	if utf8.RuneCountInString(sub) > 110 {
		sub = shorten(sub, 110)
	}
	if sub == title {
		sub = ""
	}
	return title, sub
}

// reLabel is a one- or two-word label before a colon, which a title card does not show.
var reLabel = regexp.MustCompile(`(?i)^(?:note|reminder|update|heads up|important|please note|psa|fyi|news|attention|nota|aviso|recordatorio|hinweis|erinnerung|rappel)\s*:\s*(\S.*)$`)

var reTitleCut = regexp.MustCompile(`\s(?:on|at|in|for|with|after|from|until|en|el|los|las|con|para|am|um|im|mit|für|ab|le|à|au|avec|pour|dès)\s`)

// cutTitle shortens a long headline at the last phrase boundary that leaves at most 60
// characters ("The Greenfield Hackathon on October 18"), else at a word.
func cutTitle(t string) string {
	best := -1
	for _, m := range reTitleCut.FindAllStringIndex(t, -1) {
		if m[0] <= 60 && m[0] >= 15 {
			best = m[0]
		}
	}
	short := shorten(t, 60)
	if best > 0 {
		short = strings.TrimRight(t[:best], " ,;:")
	}
	if short == t {
		return t
	}
	// "Why our school is switching to a four-day week starting": not ended by a word that
	// waits for what was cut ("starting in September").
	ws := strings.Fields(short)
	for len(ws) > 3 {
		w := strings.ToLower(strings.Trim(ws[len(ws)-1], ",;:"))
		if !isFunctionWord(w) && !strings.HasSuffix(w, "ing") {
			break
		}
		ws = ws[:len(ws)-1]
	}
	return strings.TrimRight(strings.Join(ws, " "), " ,;:")
}

// reWhat finds what a named thing is: "Ledgerly, an app that reads ..." -> "an app that
// reads ..." and the relative clause -> "reads ...".
var reWhat = regexp.MustCompile(`(?i)^[^,]*,\s*(.+?)\s*,?$`)

// whatItIs returns the appositive after a name, with its relative clause as the short
// form when it has one: "reads your receipts and files your expenses automatically".
func whatItIs(np, name string) string {
	m := reWhat.FindStringSubmatch(np)
	if m == nil {
		rest := strings.TrimSpace(strings.TrimPrefix(np, name))
		if rest == np || rest == "" {
			return ""
		}
		return capFirst(strings.TrimLeft(rest, ", "))
	}
	what := m[1]
	for _, rel := range []string{" that ", " which ", " who ", " que ", " qui ", " das ", " die ", " der "} {
		if i := strings.Index(what, rel); i >= 0 && i < 40 {
			return capFirst(strings.TrimSpace(what[i+len(rel):]))
		}
	}
	return capFirst(what)
}

// isClauseList reports that t lists three or more short parts ("we now open at 7am on
// weekdays, offer free whitening with every cleaning, and accept all major insurance").
func isClauseList(t string) bool {
	parts := splitList(strings.TrimRight(strings.TrimSpace(t), "."))
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if n := len(strings.Fields(p)); n == 0 || n > 10 {
			return false
		}
	}
	return true
}

// isLeadHeading reports whether h reads as a heading: 3 to 12 words (or a welcome) and no
// verb, names aside ("Big news from Crumb & Co", "Summer sale at Moss & Fern").
func isLeadHeading(h string) bool {
	ws := strings.Fields(h)
	if len(ws) < 3 && !(len(ws) == 2 && strings.EqualFold(ws[0], "welcome")) || len(ws) > 12 {
		return false // "Note:", "Our mission:": said with what follows; "Welcome aboard:" alone
	}
	var lower []string
	for i, w := range ws {
		if i > 0 && startsUpper(w) {
			continue // part of a name: "Works" in "Pedal Works"
		}
		lower = append(lower, w)
	}
	return !hasFiniteVerb(strings.Join(lower, " "))
}

// isStatement reports whether t, what follows a heading's colon, says something of its
// own: at least four words, with a verb ("we now bake ...") or as an instruction ("check
// your tyre pressure every week ...").
func isStatement(t string) bool {
	ws := strings.Fields(t)
	return len(ws) >= 4 && (hasFiniteVerb(t) || imperatives[strings.ToLower(ws[0])])
}

func startsUpper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// writtenLower reports whether the prompt writes w (lower case) in lower case somewhere:
// then it is no name ("flu shots are available ..." restated as "Once more: flu shots ...").
func writtenLower(prompt, w string) bool {
	for i := 0; ; {
		k := strings.Index(prompt[i:], w)
		if k < 0 || w == "" {
			return false
		}
		at, end := i+k, i+k+len(w)
		before, _ := utf8.DecodeLastRuneInString(prompt[:at])
		after, _ := utf8.DecodeRuneInString(prompt[end:])
		if (at == 0 || !unicode.IsLetter(before)) && (end == len(prompt) || !unicode.IsLetter(after)) {
			return true
		}
		i = end
	}
}

// cardTitle is a spoken greeting as a title card: without its final stop, and in Spanish
// without the opening mark whose closing one went ("¡Celebramos ...!" -> "Celebramos ...").
func cardTitle(say string) string {
	t := strings.TrimRight(say, "!. ")
	if rest, ok := strings.CutPrefix(t, "¡"); ok && !strings.Contains(rest, "!") {
		t = rest
	}
	return t
}

// namedThing reports whether a phrase ends its head with a name ("our app Sprout, which
// ..."): a product or a person, met rather than introduced like an offer.
func namedThing(np string) bool {
	head, _, _ := strings.Cut(np, ",")
	ws := strings.Fields(head)
	if len(ws) < 2 {
		return false
	}
	prev := strings.ToLower(ws[len(ws)-2])
	// Not a place after a preposition: "notre service de livraison à vélo à Paris".
	return startsUpper(ws[len(ws)-1]) && !unmeetable(head) && !startsUpper(ws[len(ws)-2]) &&
		!frontPreps[prev] && !topicPreps[prev] && !isFunctionWord(prev)
}

// reRelativeLead opens a relative clause or an apposition after a comma.
var reRelativeLead = regexp.MustCompile(`(?i)^(?:which|who|that|where|a|an|the|our|your)\s`)

// firstWord is the first word of t, or "".
func firstWord(t string) string {
	if f := strings.Fields(t); len(f) > 0 {
		return f[0]
	}
	return ""
}

// deNominative turns a German masculine noun phrase in the accusative into the nominative
// for a title card: "unseren neuen Lieferservice" -> "unser neuer Lieferservice", "den
// neuen Shop" -> "der neue Shop". Other phrases are the same in both cases, or left.
func deNominative(np string) string {
	ws := strings.Fields(np)
	if len(ws) == 0 {
		return np
	}
	nom, ok := deAccusative[strings.ToLower(ws[0])]
	if !ok {
		return np
	}
	if startsUpper(ws[0]) {
		nom = capFirst(nom)
	}
	ws[0] = nom
	strong := nom != "der" && nom != "Der" // "ein", "unser": the adjective shows the case
	for i := 1; i < len(ws) && !startsUpper(ws[i]) && strings.HasSuffix(ws[i], "en"); i++ {
		if strong {
			ws[i] = strings.TrimSuffix(ws[i], "en") + "er"
		} else {
			ws[i] = strings.TrimSuffix(ws[i], "n")
		}
	}
	return strings.Join(ws, " ")
}

var deAccusative = map[string]string{"unseren": "unser", "einen": "ein", "den": "der", "meinen": "mein",
	"deinen": "dein", "ihren": "ihr", "euren": "euer", "seinen": "sein", "keinen": "kein"}
