package agent

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// The closing scene: the call to action, or a restatement that fits the kind of video,
// and the sign-off; and how a sentence already said is restated (gist, firstFact).

// thanked reports whether the user's words already thank the viewers for watching
// ("Thank you for watching our channel."): no sign-off then.
func (s *scripter) thanked() bool {
	sign := strings.ToLower(strings.TrimRight(s.f.frame(fThanks), ".!"))
	return slices.ContainsFunc(s.spoken, func(o string) bool {
		return strings.Contains(o, sign) || strings.Contains(o, "for watching")
	})
}

// closing is the call to action when the prompt gives one (or a link), else a summary
// that fits the kind, and the sign-off; before are the scenes that precede it.
func (s *scripter) closing(before []*scenePlan) []*scenePlan {
	cta := strings.TrimSpace(s.a.CTA)
	if s.ctaLine != "" && (cta == "" || strings.Contains(strings.ToLower(s.x.restore(s.ctaLine)), strings.ToLower(cta))) {
		cta = s.x.restore(s.ctaLine)
	}
	url := ""
	if len(s.a.URLs) > 0 {
		url = s.a.URLs[0]
	}
	if cta != "" || url != "" {
		p := &scenePlan{role: roleCTA, prio: prioMust}
		// Before the ask, the point once more (cut first when time is short).
		if lead := s.firstFact(); lead != "" && !s.verbatim && !longWhole(lead) && !isClauseList(lead) {
			say := s.f.frame(fAgain, "text", s.lowerLead(gist(lead)))
			if s.lead.kind == contentNP && lead == s.sentence(s.lead.text) || strings.Contains(lead, ":") || lead == s.leadSay && (s.lead.kind == contentInvite || s.lead.kind == contentFrom || s.lead.kind == contentThanks) {
				say = gist(lead)
			}
			pc := s.piece(s.finish(say), videoagent.SourcePrompt, prioExtra)
			if s.leadFile != "" {
				pc.src, pc.file, pc.page = videoagent.SourceFile, s.leadFile, 1
			}
			if !sameText(pc.text, s.finish(s.leadSay)) { // not the opening again, word for word
				p.lines = append(p.lines, pc)
			}
		}
		if w := strings.TrimRight(strings.TrimSpace(s.a.When), ". "); w != "" && s.a.Kind == KindEvent && !s.saidIn(w) {
			p.lines = append(p.lines, s.piece(s.finish(s.f.frame(fWhen, "text", strings.TrimRight(w, "."))), videoagent.SourcePrompt, prioExtra))
		}
		text := cta
		if cta != "" {
			say := s.sentence(cta)
			p.lines = append(p.lines, s.piece(say, videoagent.SourcePrompt, prioMust))
		}
		if url != "" && !strings.Contains(strings.ToLower(s.sentence(cta)), strings.ToLower(speakableURL(url))) {
			say := s.f.frame(fLearnMore, "url", speakableURL(url))
			p.lines = append(p.lines, s.piece(s.finish(say), videoagent.SourcePrompt, prioMust))
			if text == "" {
				text = strings.TrimRight(say, ".")
			}
		}
		if !s.verbatim && !s.thanked() {
			p.lines = append(p.lines, s.piece(s.f.frame(fThanks), videoagent.SourceStructure, prioSignoff))
		}
		head := s.f.frame(hNextStep)
		p.visual = videoagent.Visual{Kind: videoagent.VisualCTA, Title: head, Text: strings.TrimRight(s.show(text), "."), URL: url}
		p.shows = append(p.shows, shown{field: "visual.title", text: head, src: videoagent.SourceStructure}, shown2("visual.text", p.visual.Text))
		if url != "" {
			p.shows = append(p.shows, shown2("visual.url", url))
		}
		return []*scenePlan{p}
	}
	// No call to action: restate the lead (a summary for reports and lessons, the news
	// again for ads and invitations), then thank the viewer; a script the user wrote ends
	// as they wrote it.
	if s.verbatim {
		return nil
	}
	lead := ""
	if len(s.spoken) > 0 {
		lead = s.firstFact()
	}
	p := &scenePlan{role: roleSummary, prio: prioExtra}
	// A list said in one long sentence is not said again word for word; nor is a list just
	// said on one card, the last before this one.
	itemsLast := len(before) > 0 && before[len(before)-1].role == roleItems
	recapItems := s.itemsShown && len(s.items) >= 2 && (s.a.Kind == KindTutorial || s.a.Kind == KindTraining || s.a.Kind == KindExplainer) &&
		!longWhole(s.itemsSaid) && (s.itemsSteps || !itemsLast) &&
		// Joined in one sentence, long steps with their own commas and "and"s blur.
		!slices.ContainsFunc(s.items, func(it string) bool { return len(strings.Fields(it)) > 7 || strings.Contains(it, ",") })
	// A list said in one sentence ("sunlight hits the cells, the cells make direct current,
	// and ...") is not restated: its first part alone would undersell it.
	if lead != "" && !recapItems && !longWhole(lead) && !isClauseList(lead) {
		key := fRecap
		switch s.a.Kind {
		case KindSocialAd, KindAnnouncement, KindEvent, KindSales, KindProduct:
			key = fAgain
		}
		say := s.f.frame(key, "text", s.lowerLead(gist(lead)))
		if reThanksStart.MatchString(lead) {
			say = "" // a thank-you is no point to sum up ("To sum up: Thank you to ...")
		}
		if reTimelineStart.MatchString(lead) && s.facts >= 2 || instruction(lead) && s.facts >= 3 {
			say = "" // "To sum up: day one is product training." would undersell the days after
		}
		if strings.Contains(lead, ":") || lead == s.leadSay && (s.lead.kind == contentInvite || s.lead.kind == contentFrom || s.lead.kind == contentThanks) {
			say = gist(lead) // already framed: said again as it was
		}
		if s.wish != "" {
			say, lead = s.wish, s.leadSay // a birthday video ends as it began, not with a summary
		}
		if len(s.spoken) <= 1 && sameText(say, lead) {
			say = "" // the only fact, just said: not again word for word
		}
		if last := len(before) - 1; last > 0 && before[last].role != roleOpen && slices.ContainsFunc(before[last].lines, func(l piece) bool { return sameText(l.text, lead) }) {
			// Just said, on the card before ("We now open at 11am on weekends, and our new
			// flavor is ..." filled a card of bullets): its first part alone again would
			// undersell the rest, and all of it again is what was just said. (A short ad
			// whose one piece of news opened it does say it once more.)
			say = ""
		}
		if s.lead.kind == contentNP && s.lead.text != "" && lead == s.sentence(s.lead.text) {
			say = lead // a name and what it is: said again as a tagline
		}
		if s.leadFile != "" {
			say = s.f.frame(fRecap, "text", s.lowerLead(gist(lead)))
		}
		if say != "" {
			pc := s.piece(s.finish(say), videoagent.SourcePrompt, prioExtra)
			if s.leadFile != "" {
				pc.src, pc.file, pc.page = videoagent.SourceFile, s.leadFile, 1
			}
			p.lines = append(p.lines, pc)
		}
	}
	// Lessons and how-tos recap their steps or points: the user's own items, again.
	if recapItems {
		lower := make([]string, len(s.items))
		for i, it := range s.items {
			lower[i] = s.lowerItem(s.x.restore(it))
		}
		and := andWord[s.lang]
		if and == "" {
			and = "and"
		}
		p.lines = append(p.lines, s.piece(s.finish(s.f.frame(fRecap, "text", joinList(lower, and))), videoagent.SourcePrompt, prioExtra))
	}
	if s.tagline != "" {
		p.lines = append(p.lines, s.piece(s.sentence(s.tagline), videoagent.SourcePrompt, prioFact))
	}
	if !s.thanked() {
		p.lines = append(p.lines, s.piece(s.f.frame(fThanks), videoagent.SourceStructure, prioSignoff))
	}
	title := s.headline
	head := s.f.frame(hSummary)
	if w := s.f.frame(fWelcome); s.a.Kind == KindWelcome && !saysWelcome(s.leadSay, w) {
		p.lines = append([]piece{s.piece(w, videoagent.SourceStructure, prioSignoff)}, p.lines...)
	}
	if s.tagline != "" {
		p.prio = prioFact
		p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: shorten(s.tagline, 60), Subtitle: s.headline}
		p.shows = append(p.shows, shown2("visual.title", p.visual.Title), shown2("visual.subtitle", s.headline))
		if s.headline == "" || sameText(s.headline, s.tagline) {
			p.visual.Subtitle = ""
			p.shows = p.shows[:len(p.shows)-1]
		}
		return []*scenePlan{p}
	}
	if title != "" {
		src, file, page := videoagent.SourcePrompt, "", 0
		if s.leadFile != "" {
			src, file, page = videoagent.SourceFile, s.leadFile, 1
		}
		p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: title, Subtitle: ""}
		p.shows = append(p.shows, shown{field: "visual.title", text: title, src: src, file: file, page: page})
		if lead != "" && utf8.RuneCountInString(lead) <= 110 && !sameText(strings.TrimRight(lead, "."), title) {
			p.visual.Subtitle = strings.TrimRight(lead, ".")
			p.shows = append(p.shows, shown{field: "visual.subtitle", text: p.visual.Subtitle, src: src, file: file, page: page})
		}
	} else {
		p.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: head}
		p.shows = append(p.shows, shown{field: "visual.title", text: head, src: videoagent.SourceStructure})
	}
	return []*scenePlan{p}
}

// gist is what a restatement says of a sentence already said: a long sentence's first
// clause (of at least four words), so that the point comes back without the whole sentence
// word for word; a short sentence whole.
func gist(t string) string {
	t = strings.TrimSpace(t)
	// Instructions are restated whole or not at all: their first two alone would sound
	// like all of them ("To sum up: wear a helmet, use lights at night.").
	if parts := splitList(strings.TrimRight(t, ".")); len(strings.Fields(t)) <= 10 || steps(parts) || len(parts) >= 3 && instruction(parts[0]) && instruction(parts[1]) {
		return t
	}
	for at := 0; ; {
		k := strings.IndexAny(t[at:], ",;—")
		if k < 0 {
			return t
		}
		k += at
		head, tail := strings.TrimSpace(t[:k]), t[k+1:]
		// Not inside a phrase: "in a cool, dry place" lists the place's qualities.
		next, hw := strings.Fields(tail), strings.Fields(head)
		inPhrase := t[k] == ',' && len(hw) >= 2 && determiners[strings.ToLower(hw[len(hw)-2])] &&
			len(next) > 0 && !isFunctionWord(strings.ToLower(next[0]))
		// Nor after a phrase that only sets the scene: "À partir du 1er juillet, la livraison
		// est gratuite ..." says nothing before its comma.
		setting := len(hw) > 0 && frontPreps[strings.ToLower(hw[0])] && !hasFiniteVerb(head)
		if k+1 < len(t) && t[k+1] == ' ' && len(hw) >= 4 && len(next) >= 3 && !inPhrase && !setting {
			return head + "."
		}
		at = k + len(string([]rune(t[k:])[0]))
	}
}

// frontPreps open a phrase set before a sentence's subject: "From July 1, ...".
var frontPreps = wordSet(`from starting beginning after before in on at during until by for since as with without
	à dès depuis après avant pendant en au aux pour avec a desde hasta tras antes durante en con para
	ab von bis nach vor während seit mit für im am`)

// longWhole reports that a restatement of t would be t again, word for word, and long:
// such a sentence is not said twice (the cards are held instead).
func longWhole(t string) bool {
	g := gist(t)
	return len(strings.Fields(g)) >= 10 && sameText(strings.TrimRight(g, "."), strings.TrimRight(strings.TrimSpace(t), "."))
}

// firstFact is the most important fact said, for the closing restatement: the lead when
// it is a statement, else the first content sentence.
func (s *scripter) firstFact() string {
	f := s.fact()
	if strings.HasSuffix(strings.TrimSpace(f), "?") {
		return "" // a question is no point to restate ("To sum up: Do you ship ...?")
	}
	return f
}

// fact is firstFact's candidate, whatever it is.
func (s *scripter) fact() string {
	if s.leadFile != "" && s.doc != nil {
		if best := s.doc.best(); best != "" {
			return best // a file's summary: its most central sentence
		}
	}
	if s.leadClause && s.leadSay != "" && looksStated(s.leadSay, s.lang) {
		return s.leadSay // a statement; a bare phrase ("5 tips for better sleep") is not restated
	}
	if (s.lead.kind == contentInvite || s.lead.kind == contentFrom || s.lead.kind == contentThanks) && s.leadSay != "" {
		return s.leadSay
	}
	if s.lead.kind == contentNP && strings.Contains(s.lead.text, ",") {
		return s.sentence(s.lead.text) // a name and what it is: the tagline
	}
	if len(s.contents) > 0 {
		return s.sentence(s.contents[0])
	}
	if s.lead.text != "" && s.lead.kind == contentNP && !isBareName(s.x.restore(s.lead.text)) {
		return s.sentence(s.lead.text)
	}
	return ""
}

// lowerItem lower-cases an item's first letter for the middle of a sentence, except in
// German, where nouns (and days) keep their capital.
func (s *scripter) lowerItem(t string) string {
	if s.lang == "de" || s.lang == "en" && capitalWords[strings.ToLower(strings.Trim(firstWord(t), ",.;:"))] {
		return t // "December 19 at 7pm": a month keeps its capital in English
	}
	return lowerFirst(t)
}

// capitalWords are the English words written with a capital wherever they stand.
var capitalWords = wordSet(`january february march april may june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday i`)

// saysWelcome reports whether the opening said already welcomed the viewers ("Welcome
// back!"): the closing's "Welcome aboard." would say it again, or contradict it.
func saysWelcome(opening, welcome string) bool {
	ws := strings.Fields(welcome)
	return len(ws) > 0 && strings.Contains(strings.ToLower(opening), strings.ToLower(strings.Trim(ws[0], "¡!.,")))
}

// reThanksStart opens a thank-you.
var reThanksStart = regexp.MustCompile(`(?i)^(?:thank|thanks|many thanks|gracias|muchas gracias|danke|vielen dank|merci)\b`)

// reTimelineStart opens the first of facts in order: "Day one is ...", "First, ...".
var reTimelineStart = regexp.MustCompile(`(?i)^(?:first(?:ly)?|day (?:one|1)|week (?:one|1)|step (?:one|1)|on day (?:one|1)|on the first day|in the first week|primero|am ersten tag|erstens|d'abord|le premier jour)\b`)
