package agent

// What a prompt is about: its subject, name and topic.

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	reCalled = regexp.MustCompile(`(?i)\b(?:called|named|titled|branded as|namens|llamad[oa]|denominad[oa]|appel(?:é|ée)|nomm(?:é|ée)|chiamat[oa])\s+["“„«']?([^,.;:!?"”“«»\n]+)`)
	reHowTo  = regexp.MustCompile(`(?i)\bhow\s+to\s+([^,.;:!?\n]+)`)
	reWh     = regexp.MustCompile(`(?i)\b(how|why|what)\s+([^,.;:!?\n]+)`)
	reTopic  = regexp.MustCompile(`(?i)(?:^|[^\pL])(about|regarding|explaining|explains|explain|introducing|introduce|introduces|showcasing|showcase|showcases|presenting|present|presents|announcing|announce|announces|promoting|promote|promotes|describing|launch of|release of|demo of|tour of|walkthrough of|walk-through of|overview of|introduction to|guide to|on|for|of|to|sobre|acerca de|para|über|zum|zur|für|sur|pour|de la|du)\s+`)
)

var topicRank = map[string]int{"on": 1, "for": 2, "para": 2, "für": 2, "pour": 2, "of": 3, "zum": 3, "zur": 3, "de la": 3, "du": 3, "to": 4}

// boundary words end a noun phrase.
var npBoundary = wordSet(`that which who whom whose where when with without to in into for by using
		ending end including featuring highlighting showing covering so because while from at as like
		such via plus on explaining joining starting aimed targeted targeting then but or than if
		within across during before after under over using make keep focus
		is are was were will has have had can could should would now
		que con para por donde cuando incluyendo mostrando destacando terminando sin dirigido
		mit für um zu auf bei wie damit dass im in von zum zur über und
		qui avec pour dans par sur sans dont et`)

var determiners = wordSet(`a an the our my your their his her its this these those
		un una unos unas el la los las nuestro nuestra nuestros nuestras mi tu su sus
		ein eine einen einem einer der die das den dem des unser unsere unseren unserem unserer ihr ihre ihren
		le les l' une des notre nos votre vos mon ma mes son sa ses`)

var andVerbs = wordSet(`highlight highlights show shows mention end ending include explain keep make use add
		focus cover then finish close ask invite encourage tell showcase walk give describe feature`)

// nounPhrase reads a noun phrase at the start of s: up to the first boundary word or
// punctuation, at most 7 words. It returns the phrase without its determiner, the
// determiner, and whether the prompt called it new.
func nounPhrase(s string) (np, det string, isNew bool) {
	toks := strings.Fields(s)
	var out []string
	for i, t := range toks {
		w := strings.Trim(t, `"'“”„«»()`)
		lw := strings.ToLower(w)
		stop := strings.ContainsAny(t, ",;:.!?()")
		clean := strings.TrimRight(w, ",;:.!?")
		lc := strings.ToLower(clean)
		if i == 0 && determiners[lc] || len(out) == 0 && det == "" && determiners[lc] {
			det = lc
			if stop {
				break
			}
			continue
		}
		if strings.HasSuffix(lc, "'s") && len(out) == 0 && det == "" {
			// "Acme's new app": the possessive stands in for a determiner.
			det = clean
			continue
		}
		if len(out) == 0 && (lc == "new" || lc == "all-new" || lc == "brand-new" || lc == "latest") {
			isNew = true
			continue
		}
		if len(out) > 0 && npBoundary[lc] && !(lc == "and" && i+1 < len(toks) && !andVerbs[strings.ToLower(strings.Trim(toks[i+1], ",."))]) {
			break
		}
		if len(out) == 0 && npBoundary[lc] {
			break
		}
		if lw == "" || hasHolder(lc) {
			break
		}
		out = append(out, clean)
		if stop || len(out) >= 7 {
			break
		}
	}
	// Drop trailing words that only describe the video.
	for len(out) > 0 {
		l := strings.ToLower(out[len(out)-1])
		if l == "video" || l == "clip" || l == "vídeo" || l == "vidéo" || l == "and" || l == "y" || l == "und" || l == "et" {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	np = strings.Join(out, " ")
	if m := reEventOf.FindStringSubmatch(np); m != nil && m[1] != "" {
		// "the launch of Acme Pay" is about Acme Pay.
		return nounPhrase(m[1])
	}
	return np, det, isNew
}

var reEventOf = regexp.MustCompile(`(?i)^(?:launch|release|debut|introduction|arrival|rollout|unveiling|opening|premiere|lancement|sortie|ouverture|lanzamiento|apertura|estreno|einführung|markteinführung|eröffnung|start)\s+(?:of|de la|de l'|du|des|de|del|von|der|des)\s+(.+)$`)

// subject finds what the video is about and fills a.Subject, a.Name, a.Topic.
func (x *extractor) subject(a *Analysis) {
	plain := x.plain
	if x.durAt[0] >= 0 {
		plain = plain[:x.durAt[0]] + strings.Repeat(" ", x.durAt[1]-x.durAt[0]) + plain[x.durAt[1]:]
	}
	if _, sp := explicitLanguage(plain); sp[0] >= 0 {
		plain = plain[:sp[0]] + strings.Repeat(" ", sp[1]-sp[0]) + plain[sp[1]:]
	}
	if m := reCalled.FindStringSubmatch(plain); m != nil {
		a.Name = nameAt(m[1])
	}

	// A how-to: the task is the topic; its object is the subject.
	if m := reHowTo.FindStringSubmatch(plain); m != nil && (a.Kind == KindTutorial || a.Kind == KindTraining || a.Kind == KindExplainer) {
		task := cutAtMeta(strings.TrimSpace(m[1]))
		task = limitWords(task, 10)
		a.task = task
		a.Topic = "how to " + task
		ws := strings.Fields(task)
		if len(ws) > 1 {
			rest := ws[1:]
			if len(rest) > 1 && particles[strings.ToLower(rest[0])] {
				rest = rest[1:]
			}
			np, det, isNew := nounPhrase(strings.Join(rest, " "))
			if np != "" {
				a.Subject, a.det, a.isNew = np, det, isNew
			}
		}
		if a.Subject == "" {
			a.Subject = task
		}
		x.pickName(a)
		return
	}

	// An explainer phrased as a question: "how solar panels work", "why sleep matters".
	if a.Kind == KindExplainer {
		if m := reWh.FindStringSubmatchIndex(plain); m != nil {
			clause := cutAtMeta(strings.TrimSpace(plain[m[4]:m[5]]))
			if loc := reAudience.FindStringIndex(clause); loc != nil && loc[0] > 0 {
				clause = strings.TrimSpace(clause[:loc[0]])
			}
			cw := strings.Fields(clause)
			// Drop a leading auxiliary: "what is a CDN".
			for len(cw) > 0 && auxiliaries[strings.ToLower(cw[0])] {
				cw = cw[1:]
			}
			var np []string
			for _, w := range cw {
				lw := strings.ToLower(strings.Trim(w, ",."))
				if len(np) > 0 && (commonVerbs[lw] || npBoundary[lw]) {
					break
				}
				np = append(np, w)
			}
			if len(np) > 0 {
				sub, det, isNew := nounPhrase(strings.Join(np, " "))
				if sub != "" && !isPeople(sub) {
					a.Subject, a.det, a.isNew = sub, det, isNew
					a.Topic = strings.ToLower(plain[m[2]:m[3]]) + " " + limitWords(clause, 9)
					x.pickName(a)
					return
				}
			}
		}
	}

	type cand struct {
		np, det string
		isNew   bool
		rank    int
		at      int
		end     int
	}
	var best *cand
	for _, m := range reTopic.FindAllStringSubmatchIndex(plain, -1) {
		prep := strings.ToLower(plain[m[2]:m[3]])
		rank, ok := topicRank[prep]
		if !ok {
			rank = 0
		}
		if prep == "to" && a.Kind != KindWelcome && a.Kind != KindEvent {
			continue
		}
		rest := plain[m[1]:]
		np, det, isNew := nounPhrase(rest)
		if np == "" || hasHolder(np) || !hasContentWord(np) || isPlatform(np) || isPeople(np) || isMetaPhrase(np) {
			continue
		}
		if prep == "on" && reWhen.MatchString(np) {
			continue
		}
		if m := rePeopleOf.FindStringSubmatch(rest); m != nil {
			// "for new customers of Brightbank": the audience of a subject.
			if sub, d, nw := nounPhrase(m[1]); sub != "" {
				np, det, isNew = sub, d, nw
			}
		}
		end := strings.Index(rest, np)
		if end < 0 {
			end = strings.Index(rest, strings.Fields(np)[0])
		}
		c := cand{np: np, det: det, isNew: isNew, rank: rank, at: m[0], end: m[1] + end + len(np)}
		if best == nil || c.rank < best.rank {
			cc := c
			best = &cc
		}
	}
	if best != nil {
		a.Subject, a.det, a.isNew = best.np, best.det, best.isNew
		// "the launch of Acme Pay, our new mobile wallet": a name with an apposition.
		if allCaps(best.np) && best.end <= len(plain) {
			if m := reAppos.FindStringSubmatch(plain[best.end:]); m != nil {
				np, det, isNew := nounPhrase(m[1])
				if np != "" && !allCaps(np) {
					a.Name = best.np
					a.Subject, a.det, a.isNew = np, det, isNew
				}
			}
		}
	}
	if a.Subject == "" && a.Kind == KindRecap {
		if m := reRecapOf.FindStringSubmatch(plain); m != nil {
			if np, det, isNew := nounPhrase(m[1]); np != "" && hasContentWord(np) {
				a.Subject, a.det, a.isNew = np, det, isNew
			}
		}
	}
	if a.Subject == "" {
		// "Record a quick announcement: our new dashboard is live" - the news is after the colon.
		if sents := x.sentences(); len(sents) > 0 {
			if i := strings.Index(sents[0], ":"); i >= 0 {
				// Not an instruction: "Kitchen rules for new cooks: always wash your hands, ...".
				if np, det, isNew := nounPhrase(sents[0][i+1:]); np != "" && hasContentWord(np) && !isPeople(np) && !instruction(sents[0][i+1:]) {
					a.Subject, a.det, a.isNew = np, det, isNew
				}
			}
		}
	}
	if a.Subject == "" {
		x.pickName(a)
		if a.Name != "" {
			a.Subject = a.Name
		} else {
			a.Subject = fallbackSubject(x.sentences())
		}
	}
	x.pickName(a)
	if a.Topic == "" {
		a.Topic = a.Subject
	}
}

var rePeopleOf = regexp.MustCompile(`(?i)^` + audienceNP(3) + `\s+(?:of|at|de|del|bei|von|chez|d')\s*(.+)`)

var reRecapOf = regexp.MustCompile(`(?i)^(?:(?:create|make|write|produce)\s+)?(?:a|an|the|our)?\s*(.{3,40}?)\s+(?:recap|update|round-?up|digest|review|summary|highlights)\b`)

var reAppos = regexp.MustCompile(`(?i)^\s*,\s*((?:our|the|a|an|its|their|your)\s+[^,.;:!?]+)`)

var particles = map[string]bool{"up": true, "in": true, "out": true, "on": true, "off": true, "down": true, "back": true, "through": true}

var auxiliaries = map[string]bool{"is": true, "are": true, "does": true, "do": true, "did": true, "can": true, "was": true, "were": true, "exactly": true, "actually": true, "really": true}

var commonVerbs = wordSet(`work works matter matters happen happens function functions operate operates grow grows
		form forms help helps fight fights make makes keep keeps turn turns use uses get gets protect protects
		change changes affect affects cause causes create creates produce produces convert converts generate
		generates store stores move moves travel travels spread spreads learn learns think thinks run runs
		power powers is are was were do does can could will would should may might have has had become becomes
		stay stays save saves cost costs compare compares differ differs fit fits connect connects
		train trains teach teaches absorb absorbs reach reaches build builds`)

// pickName chooses the primary name if none is set: a name inside the subject, else (for
// kinds about a product, brand or organisation) the first name in the prompt.
func (x *extractor) pickName(a *Analysis) {
	if a.Name != "" {
		return
	}
	for _, n := range a.Names {
		if a.Subject != "" && strings.Contains(strings.ToLower(a.Subject), strings.ToLower(n)) {
			if strings.EqualFold(n, a.Subject) {
				a.Name = n
			}
			return
		}
	}
	switch a.Kind {
	case KindWelcome, KindEvent:
		if a.Subject != "" {
			return
		}
		fallthrough
	case KindProduct, KindAnnouncement, KindSales, KindSocialAd:
		for _, n := range a.Names {
			if x.placeName(n) {
				continue
			}
			if !strings.EqualFold(n, a.Where) {
				a.Name = n
				return
			}
		}
	}
}

func nameAt(s string) string {
	var out []string
	for i, w := range strings.Fields(s) {
		w = strings.Trim(w, `"'“”„«»`)
		if i > 0 && !isCapWord(w) {
			break
		}
		out = append(out, w)
		if len(out) == 4 {
			break
		}
	}
	return strings.Join(out, " ")
}

func allCaps(np string) bool {
	ws := strings.Fields(np)
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !isCapWord(w) && !isConnector(w) {
			return false
		}
	}
	return true
}

func hasContentWord(np string) bool {
	for _, w := range words(np) {
		if !isFunctionWord(w) && !instructionWords[w] && len([]rune(w)) > 1 {
			return true
		}
	}
	return false
}

func isPlatform(np string) bool {
	for _, w := range words(np) {
		switch w {
		case "tiktok", "youtube", "instagram", "reels", "shorts", "linkedin", "facebook", "stories", "social", "snapchat", "twitter", "media":
		default:
			return false
		}
	}
	return true
}

var reMeta = regexp.MustCompile(`(?i)\b(call[- ]to[- ]action|cta|tone|voice|presenter|avatar|seconds?|minutes?|length|narrat\w*|style|format)\b`)

func isMetaPhrase(np string) bool { return reMeta.MatchString(np) }

var reCutMeta = regexp.MustCompile(`(?i)(?:,?\s*(?:and\s+)?(?:then\s+)?(?:ending|end|finish|finishing|close|closing|wrap(?:ping)? up)\s+(?:it\s+)?(?:with|by|on)\b|\bcall[- ]to[- ]action\b|\bcta\b|,?\s*\bin\s+an?\s+[\pL-]+(?:\s+and\s+[\pL-]+)?\s+(?:tone|style|voice)\b|\bkeep\s+it\b|\bmake\s+it\b)`)

// cutAtMeta cuts text where instructions about the video itself begin.
func cutAtMeta(s string) string {
	if loc := reCutMeta.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ",;:-"))
}

func fallbackSubject(sents []string) string {
	for _, s := range sents {
		var run, best []string
		for _, t := range strings.Fields(s) {
			w := strings.ToLower(strings.Trim(t, `,;:()"'“”„«»`))
			if w == "" || isFunctionWord(w) || instructionWords[w] || hasHolder(w) || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
				if len(run) > len(best) {
					best = run
				}
				run = nil
				continue
			}
			run = append(run, strings.Trim(t, `,;:()"'“”„«»`))
		}
		if len(run) > len(best) {
			best = run
		}
		if len(best) > 0 {
			if len(best) > 4 {
				best = best[:4]
			}
			return strings.Join(best, " ")
		}
	}
	return "this topic"
}
