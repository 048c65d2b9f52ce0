package agent

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Reading the prompt: which sentence is the request, which are content, and what lists,
// taglines and calls to action they hold.

var (
	// Sentences about the video rather than its content.
	reMetaSentence = regexp.MustCompile(`(?i)^(?:please\s+)?(?:keep\s+it|use|make\s+(?:it|sure|the)|set|choose|pick|add\s+(?:some\s+)?(?:music|captions|subtitles)|no\s|avoid|don't|do not|target\s+audience|audience|tone|style|length|duration|format|the\s+(?:video|tone|style|narrator|voice|presenter|audience|length|ending)\b|it\s+should|this\s+should|narrate|voice|presenter|aim\s+for|around\s+\d|about\s+\d|should\s+be|in\s+(?:english|spanish|german|french)|portrait|landscape|vertical|horizontal|max(?:imum)?\s|under\s+\d|mantenlo|usa\s|utiliza|tono|halte|verwende|nutze|ton\s|garde|utilise|ton)\b`)
	// "Mention that X", "Say that X", "Highlight X": the content is X.
	reMention     = regexp.MustCompile(`(?i)^(?:please\s+)?(?:be\s+sure\s+to\s+|make\s+sure\s+(?:to|you)\s+)?(?:mention|say|stress|emphasi[sz]e|note|point\s+out|tell\s+(?:them|viewers|people|everyone)|remind\s+(?:them|viewers|people|everyone)|let\s+(?:them|viewers|people|everyone)\s+know|menciona|di|erwähne|sage|mentionne|dis)\s+(?:that\s+|que\s+|dass\s+|qu'\s*)?(.+)$`)
	reCTASentence = regexp.MustCompile(`(?i)(?:call[- ]to[- ]action|\bcta\b|^(?:end|finish|close|wrap up)\b|\b(?:ending|end|finish|finishing|close|closing)\s+(?:it\s+)?(?:with|by|on)\b|^(?:ask|encourage|tell|urge|remind)\s+(?:viewers|people|them|everyone|users|customers|employees|the audience|prospects|attendees|guests|followers)\s+to\b|^remind\s+` + reReminded + `\s+to\b|llamada a la acción|handlungsaufforderung|appel à l'action|termina con|schließe mit|termine par)`)
)

// readPrompt splits the prompt into the request (the lead) and the content sentences.
func (s *scripter) readPrompt() {
	first := true
	plain := s.x.plain
	if loc := reScriptLabel.FindStringIndex(plain); loc != nil {
		s.verbatim, plain = true, plain[loc[1]:]
	}
	// "1. Open Settings. 2. Tap Security. ...": a numbered list written inline is a list.
	if its, span := numberedList(plain); len(its) >= 2 {
		s.numbered = its
		plain = plain[:span[0]] + ". " + plain[span[1]:]
	}
	for _, raw := range splitKeep(plain) {
		sent, stop := strings.TrimSpace(reDashMark.ReplaceAllString(strings.TrimSpace(raw), "")), "" // "- Revenue: $3.1M": said without its dash
		if i := strings.IndexAny(sent[len(sent)-1:], "!?"); i >= 0 {
			stop = sent[len(sent)-1:]
		}
		sent = strings.TrimRight(sent, ".!? ")
		if sent == "" {
			continue
		}
		if reCTASentence.MatchString(sent) {
			if who := reminded(sent); who != "" && s.reminded == "" {
				s.reminded = who
			}
			continue // the call to action is its own scene
		}
		if m := reTagline.FindStringSubmatch(sent); m != nil {
			s.tagline = strings.Trim(strings.TrimSpace(s.x.restore(m[1])), `"“”„«» `)
			continue // said at the end, on the closing card
		}
		if m := reMention.FindStringSubmatch(sent); m != nil {
			s.addContent(m[1])
			continue
		}
		if rp, ok := parseRequest(sent); ok && !s.verbatim {
			if stop == "?" && rp.kind == contentClause && rp.after == "" && rp.text != "" {
				rp.text += "?" // "FAQ video: Do you ship internationally?": still a question
			}
			// What follows a colon is said as written, unless it is a list, shown and said
			// as one; a list of what one thing does ("Brewly grinds the beans, heats ...")
			// is a sentence, said as written beside its bullets.
			if rp.after != "" && (!looksLikeList(rp.after, s.lang) || doesList(rp.after) != nil) && !holdsQuote(rp.after) {
				s.addContent(rp.after) // (a quotation is its own scene, attributed)
			}
			if rePronounTopic.MatchString(rp.text) {
				// "We just launched dark mode! Make a quick video about it for our app
				// users.": "it" is what the other sentences say (whom it is for, the
				// request's audience, stays).
				rp.text, rp.kind = "", contentTopic
			}
			if holdsQuote(rp.text) && rp.kind == contentClause || reQuoteRef.MatchString(rp.text) {
				rp.text = "" // "A testimonial video: \"...\" - Maria Lopez": the quotation is the content
			}
			if first || s.lead.text == "" {
				if rp.text != "" || s.lead.audience == "" {
					aud := s.lead.audience
					s.lead = rp
					if s.lead.audience == "" {
						s.lead.audience = aud
					}
				}
				first = false
				continue
			}
			if rp.text != "" {
				s.addContent(rp.text)
			}
			continue
		}
		if reMetaSentence.MatchString(sent) || reListOnly.MatchString(sent) {
			continue
		}
		if holdsQuote(sent) {
			continue // a quotation is its own scene, attributed
		}
		if cta := strings.TrimSpace(s.a.CTA); cta != "" && strings.Contains(strings.ToLower(s.x.restore(sent)), strings.ToLower(strings.TrimRight(cta, "."))) {
			s.ctaLine = sent // the call to action says it
			continue
		}
		if len(s.x.urls) > 0 && strings.Contains(sent, "urlq") && len(strings.Fields(sent)) <= 14 {
			s.ctaLine = sent // "Order at https://...": the call to action says it
			continue
		}
		if m := rePurposeLead.FindStringSubmatch(sent); m != nil && s.lead.text == "" && stop == "" && instruction(m[2]) {
			// "To reset your password, open Settings, tap Account, ...": a how-to without
			// the request, its purpose first.
			s.lead = requestPart{text: "how to " + m[1], kind: contentWh, after: m[2], audience: s.lead.audience, format: s.lead.format}
			if !looksLikeList(m[2], s.lang) {
				s.addContent(m[2])
			}
			first = false
			continue
		}
		if parts := sequenceClauses(sent); parts != nil {
			// "First, unplug the router, then wait 30 seconds, then ...": each step a
			// sentence of its own, as if written so.
			for _, p := range parts {
				s.addContent(p)
			}
			first = false
			continue
		}
		s.addContent(sent + stop)
		first = false
	}
	s.items = s.a.Items
	if steps := s.sequenceSteps(); len(steps) >= 3 {
		s.items, s.listedSteps = steps, true
	} else if len(s.numbered) >= 2 {
		s.items, s.listedSteps = s.numbered, true
	} else if holdsQuote(s.lead.after) {
		// A quotation and who said it ("\"...\" - Maria Lopez, CFO at Brightline"): no list.
	} else if parts := doesList(s.lead.after); parts != nil {
		s.items = parts // "Brewly grinds the beans, heats ...": "Grinds the beans", "Heats ..." (said by its sentence)
	} else if parts := splitList(s.lead.after); looksLikeList(s.lead.after, s.lang) {
		s.itemsFirst = true
		// The user's list as written: "unplug it for ten seconds, hold the brew button
		// while plugging it back in, ...".
		var its []string
		for _, p := range parts {
			p = strings.TrimSpace(strings.Trim(reLeadConj.ReplaceAllString(strings.TrimSpace(p), ""), ".;:"))
			if p != "" && reSeqStart.ReplaceAllString(p, "") != "" { // not "first" of "first, unplug it, ..."
				its = append(its, p)
			}
		}
		s.items = its
		s.listedSteps = s.lead.kind == contentWh
	}
	// "A briefing on the attached report": the file's own title names the subject.
	if s.doc != nil && reFileRef.MatchString(s.lead.text) {
		for _, p := range s.doc.pages {
			if p.heading != "" {
				s.lead = requestPart{text: p.heading, kind: contentTopic, audience: s.lead.audience, format: s.lead.format}
				s.leadFile = p.file
				break
			}
		}
	}
}

// rePronounTopic is a request's content that only points back: "about it".
var rePronounTopic = regexp.MustCompile(`(?i)^(?:it|this|that|them|these|those)[.!]?$`)

// reQuoteRef is a request's content that only points at the quotation: "with this quote
// from our CEO Dana Park".
var reQuoteRef = regexp.MustCompile(`(?i)^(?:with|using|featuring|around|on)\s+(?:this|the|a|our)\s+(?:quote|quotation|testimonial)\b`)

// rePurposeLead is a sentence that opens with its purpose: "To reset your password, open
// Settings, ...".
var rePurposeLead = regexp.MustCompile(`(?i)^(?:to|para|pour|um)\s+([^,]{3,60}?),\s+(.+)$`)

// sequenceClauses cuts a sentence told in steps ("First, unplug the router, then wait 30
// seconds, then plug it back in") into its steps, each with its sequence word; nil for a
// sentence that is not one.
func sequenceClauses(sent string) []string {
	locs := clauseStarts(sent, reSequence.FindAllStringIndex(sent, -1))
	if len(locs) < 2 || locs[0][0] != 0 || !reSeqFirst.MatchString(sent) {
		return nil
	}
	var out []string
	for i, l := range locs {
		end := len(sent)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		part := strings.TrimSpace(strings.TrimSuffix(strings.TrimRight(sent[l[0]:end], " ,;"), " and"))
		if !instruction(strings.TrimSpace(reSeqStart.ReplaceAllString(part, ""))) {
			return nil // "First, we grew 18%, then we hired ..."
		}
		out = append(out, part)
	}
	return out
}

// reFileRef is a lead that only points at the files.
var reFileRef = regexp.MustCompile(`(?i)^(?:the |this |these |our |my )?(?:attached |enclosed |uploaded |following )?(?:[\pL-]+ )?(?:report|document|pdf|file|files|deck|slides|notes|paper|brochure|whitepaper|presentation|handbook|one-pager|policy)s?\b`)

var reSplitKeep = regexp.MustCompile(`[.!?]+(?:\s+|$)|\n+`)

// splitKeep splits text into sentences, each keeping its final punctuation.
func splitKeep(t string) []string {
	var out []string
	last := 0
	for _, m := range reSplitKeep.FindAllStringIndex(t, -1) {
		if s := strings.TrimSpace(t[last:m[1]]); s != "" {
			out = append(out, s)
		}
		last = m[1]
	}
	if s := strings.TrimSpace(t[last:]); s != "" {
		out = append(out, s)
	}
	return out
}

// reGreetingOnly is a sentence of the prompt that only greets or thanks the agent.
var reGreetingOnly = regexp.MustCompile(`(?i)^(?:hey|hi|hello|hiya|yo|ok|okay|thanks|thank you|thx|please|hola|hallo|salut|bonjour|coucou|gracias|danke|merci)(?:\s+(?:there|team|all|so much|a lot))?[!.?,\s]*$`)

// looksLikeList reports whether text is a list of short items (not statements).
func looksLikeList(t, lang string) bool {
	parts := splitList(t)
	// German steps end in an infinitive that reads like a plural verb ("... öffnen"), so
	// only the parts' length tells a list there.
	// "..., and do not use your phone": the "do" of a prohibition states nothing.
	if len(parts) < 2 || lang != "de" && hasFiniteVerb(reDoNot.ReplaceAllString(t, "")) || !parallel(parts) {
		return false
	}
	for _, p := range parts {
		if len(strings.Fields(p)) > 10 {
			return false
		}
	}
	return true
}

// reFollowUs asks the viewers to find the user on a platform: "Follow us on Instagram".
var reFollowUs = regexp.MustCompile(`(?i)\b(?:follow|find|join|see|watch|subscribe to|like)\s+(?:us|me)\s+on\b`)

// reDashMark is a bullet's mark at the start of a line: "- ", "* ", "• ".
var reDashMark = regexp.MustCompile(`^[-*•·–]\s+`)

// reScriptLabel opens a prompt that is the script itself: "Script: Welcome to ...".
var reScriptLabel = regexp.MustCompile(`(?i)^\s*(?:video\s+)?(?:script|narration|voice-?over|vo|transcript|gui[oó]n|skript|sprechertext|texte)\s*:`)

var reDoNot = regexp.MustCompile(`(?i)\b(?:do not|don't|don’t)\b`)

// reTagline is a prompt's tagline or slogan: "Tagline: \"Clean dishes, happy kitchen.\"".
var reTagline = regexp.MustCompile(`(?i)^(?:tagline|slogan|motto|claim|eslogan|lema|werbespruch|leitspruch|accroche)\s*:\s*(.+)$`)

var reNumberMark = regexp.MustCompile(`(?:^|\s)(\d{1,2})[.)]\s+`)

// numberedList finds a numbered list written inline ("1. Open Settings. 2. Tap Security.")
// and returns its items and the span it takes in t, or nil.
func numberedList(t string) ([]string, [2]int) {
	ms := reNumberMark.FindAllStringSubmatchIndex(t, -1)
	var items []string
	start, end := -1, -1
	want := 1
	for k, m := range ms {
		n, _ := strconv.Atoi(t[m[2]:m[3]])
		if n != want {
			if len(items) >= 2 {
				break
			}
			items, start, want = nil, -1, 1
			if n != 1 {
				continue
			}
		}
		stop := len(t)
		if k+1 < len(ms) {
			stop = ms[k+1][0]
		}
		body := t[m[1]:stop]
		if k+1 == len(ms) || n+1 != atoiOr(t[ms[k+1][2]:ms[k+1][3]]) {
			// The last item ends at its sentence's end.
			if e := reSplitKeep.FindStringIndex(body); e != nil {
				body = body[:e[1]]
			}
		}
		if start < 0 {
			start = m[0]
		}
		end = m[1] + len(body)
		items = append(items, strings.TrimSpace(strings.TrimRight(strings.TrimSpace(body), ".;")))
		want++
	}
	if len(items) < 2 {
		return nil, [2]int{}
	}
	return items, [2]int{start, end}
}

func atoiOr(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// reListOnly is a sentence that only announces a list ("Highlight: a, b and c." or
// "Cover three tips: ..."): its items are spoken on their own.
var reListOnly = regexp.MustCompile(`(?i)^(?:please\s+)?(?:highlight|feature|cover|include|show(?:case)?|list|mention|walk through|go through|destaca|incluye|zeige|présente)\b[^:]*(?::|\s)`)

// sequenceSteps takes out of the content a procedure told sentence by sentence ("First,
// check the delivery note. Then count the boxes. If anything is damaged, take a photo.
// Finally, scan each box."): from the sentence marked first to the one marked last, each
// an instruction, at least three; it returns them without their markers, or nil.
func (s *scripter) sequenceSteps() []string {
	from, to, marked := -1, -1, 0
	for i, c := range s.contents {
		if reSeqStart.MatchString(c) {
			if from < 0 {
				from = i
			}
			to, marked = i, marked+1
		}
	}
	if marked < 2 || from < 0 || to-from+1 < 3 || to-from+1 > 8 || !reSeqFirst.MatchString(s.contents[from]) {
		from, to = s.instructionRun()
		if from < 0 {
			return nil
		}
	} else {
		s.ordered = true
	}
	var out []string
	for _, c := range s.contents[from : to+1] {
		c = strings.TrimSpace(reSeqStart.ReplaceAllString(c, ""))
		if !instruction(c) && !instruction(strings.TrimSpace(reConditionLead.ReplaceAllString(c, ""))) {
			return nil // not a procedure: "First, we grew 18%. Then ..."
		}
		out = append(out, capFirst(strings.TrimRight(c, ".!")))
	}
	s.contents = append(s.contents[:from:from], s.contents[to+1:]...)
	return out
}

// instructionRun finds, in a how-to or a training, three to eight content sentences in a
// row that are each an instruction ("Listen without interrupting. Apologize for the
// trouble. Offer a solution."): a procedure told without markers. It returns their span,
// or -1, -1.
func (s *scripter) instructionRun() (from, to int) {
	// A prompt of instructions alone, with no request, is a procedure too ("Unplug the
	// router. Wait 30 seconds. Plug it back in ...").
	alone := s.lead.text == "" && len(s.contents) >= 3 && len(s.contents) <= 8 &&
		!slices.ContainsFunc(s.contents, func(c string) bool { return !instruction(c) || strings.Contains(c, "?") })
	if s.lead.kind != contentWh && s.a.Kind != KindTutorial && s.a.Kind != KindTraining && !alone {
		return -1, -1
	}
	if alone {
		s.ordered = true
	}
	start := -1
	for i := 0; i <= len(s.contents); i++ {
		if i < len(s.contents) && instruction(s.contents[i]) && !strings.Contains(s.contents[i], "?") {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 3 && i-start <= 8 {
			return start, i - 1
		}
		start = -1
	}
	return -1, -1
}

var (
	reSeqStart = regexp.MustCompile(`(?i)^(?:` + sequenceWords + `|second(?:ly)?|third(?:ly)?)\b,?\s*`)
	reSeqFirst = regexp.MustCompile(`(?i)^first(?:ly)?\b`)
	// reConditionLead is the condition before an instruction: "If anything is damaged, ".
	reConditionLead = regexp.MustCompile(`(?i)^(?:if|when|once|after|before|while)\b[^,]*,\s*`)
)

func (s *scripter) addContent(t string) {
	if !reFollowUs.MatchString(t) { // "Follow us on Instagram" asks the viewers; "... on Instagram" alone is about the video
		t = reMetaTail.ReplaceAllString(t, "")
	}
	t = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), ",;:"))
	if strings.TrimRight(t, "?!") == "" || reGreetingOnly.MatchString(t) {
		return // "Hey!" is said to us, not to the viewers
	}
	if t == "" || !hasContentWord(t) && !hasHolder(t) {
		return
	}
	s.contents = append(s.contents, t)
}
