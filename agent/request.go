package agent

import (
	"cmp"
	"regexp"
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// A prompt mixes the request ("Make a 30-second reel for Instagram") with what the video
// should say ("our gym, Ironside, now opens at 5am on weekdays"). This file separates the
// two, sentence by sentence: the wrapper of a request is dropped, its content kept in the
// user's own words.

// contentKind says what the content of a request sentence is, which decides the frame it
// is spoken in.
type contentKind int

const (
	contentClause contentKind = iota // a full statement: spoken as it is
	contentNP                        // a thing, with what it is: "Ledgerly, an app that ..."
	contentWh                        // a wh-topic: "how to close the register"
	contentTopic                     // a topic noun phrase after a preposition: "the benefits of ..."
	contentInvite                    // what people are invited to: "a free webinar on ..."
	contentFrom                      // who the video is from: "a hello from Crumb & Co"
	contentThanks                    // who is thanked, and for what: "our volunteers for the cleanup"
)

// requestPart is the content of one request sentence.
type requestPart struct {
	text     string      // the content, in the user's words (placeholders restored later)
	kind     contentKind // how to frame it
	prep     string      // the user's preposition before a topic, kept for grammar
	audience string      // who the video is for, when the wrapper said so
	format   string      // the user's name for the video, e.g. "safety training"
	org      string      // the organisation the audience belongs to: "new hires at Harbor Dental"
	after    string      // what followed a colon after a topic: details or a list
	intro    bool        // the user asked to introduce it: "Introduce Maya Chen, ..."
	sums     bool        // the user asked to sum it up: "Summarize our Q4 town hall: ..."
	explains bool        // the user asked to explain or describe it: no product to introduce
	fetes    bool        // the video celebrates it: "a video celebrating our 10th anniversary"
	congrats bool        // a thank-you that congratulates: "Congratulate the sales team on ..."
}

// parseRequest reads one sentence of a prompt (with placeholders). ok is false when the
// sentence is not a request for a video (then it is content as it stands).
func parseRequest(s string) (requestPart, bool) {
	toks := tokens(s)
	if len(toks) == 0 {
		return requestPart{}, false
	}
	// "hey can you make me a quick video for my yoga studio?": the greeting asks nothing.
	if len(toks) > 2 && interjections[strings.ToLower(toks[0].w)] {
		if rp, ok := parseRequest(strings.TrimLeft(s[toks[1].at:], ", ")); ok {
			return rp, true
		}
	}
	// "How to make cold brew.": a heading that names what the video shows.
	// "How to change a tire: loosen the nuts, ...": the heading, then what it says.
	if head, after, _ := strings.Cut(s, ": "); reHowToHeading.MatchString(s) && len(tokens(head)) <= 10 && !strings.Contains(head, "?") {
		return requestPart{text: strings.TrimRight(strings.TrimSpace(head), ".!"), kind: contentWh, after: strings.TrimSpace(after)}, true
	}
	// The wrapper: wrapper words up to a format noun, within the first dozen tokens.
	fi := -1
	for i, t := range toks {
		if i > 12 {
			break
		}
		w := strings.ToLower(t.w)
		if formatNouns[w] || lengthCompound(w) {
			fi = i
			// Absorb a following format noun ("product demo video").
			continue
		}
		if fi >= 0 {
			break
		}
		// "Share a customer story: ...": "share" asks for the video only before one.
		if i == 0 && w == "share" && len(toks) > 2 && determiners[strings.ToLower(toks[1].w)] {
			continue
		}
		// "8 video lessons": a number right before the noun counts it; it is no length.
		if isCount(w) && i+1 < len(toks) && formatNouns[strings.ToLower(toks[i+1].w)] {
			break
		}
		if !wrapperWords[w] && !isLengthToken(w) {
			// "A menu video for ...", "a safety video about ...": one word that says what
			// kind of video, before the format noun.
			if i+1 < len(toks) && i <= 3 && !toks[i].punct && (formatNouns[strings.ToLower(toks[i+1].w)] || lengthCompound(strings.ToLower(toks[i+1].w))) {
				continue
			}
			break
		}
	}
	// "Real estate listing video: ...": the video named by what it shows, then a colon.
	if fi < 0 && !requestVerbs[strings.ToLower(toks[0].w)] { // not "Promote our Lisbon food tour: ..."
		for k := 1; k < len(toks) && k <= 6; k++ {
			if toks[k].punct {
				if strings.Contains(toks[k].w, ":") && formatNouns[strings.ToLower(toks[k-1].w)] {
					fi = k - 1
				}
				break
			}
		}
	}
	// A format noun that opens the sentence names the video only when what follows says
	// so ("Tutorial: ...", "Explainer about ..."); "Update to version 5.2" is content.
	if fi == 0 && len(toks) > 1 {
		nw := strings.ToLower(toks[1].w)
		if !(toks[1].punct && strings.ContainsAny(nw, ":—–-") || aboutVerbs[nw] || topicPreps[nw] && !(nw == "de" && (len(toks) < 3 || !isLengthToken(toks[2].w))) || forPreps[nw] || isLengthToken(nw) || formatNouns[nw]) {
			fi = -1
		}
	}
	// "Promote our food tour: ...", "Explain how ...": a leading verb of asking is the
	// whole wrapper.
	if w := strings.ToLower(toks[0].w); w == "welcome" && len(toks) > 1 && welcomeGreetings[strings.ToLower(strings.Trim(toks[1].w, ",.:;!"))] {
		return requestPart{}, false // "Welcome aboard: ...", "Welcome back!": said to the viewers
	}
	// "Thank you ..." is said to the viewers, not asked of the agent.
	if w := strings.ToLower(toks[0].w); requestVerbs[w] && len(toks) > 1 && fi < 0 && !(w == "thank" && strings.EqualFold(toks[1].w, "you")) {
		// "Explain in 45 seconds how ...": the length is not what the video says.
		rp := requestPart{text: strings.TrimSpace(reLeadLength.ReplaceAllString(s[toks[1].at:], ""))}
		// "... a traditional IRA in 45 seconds": nor at its end, or before a colon ("Explain
		// our refund policy in 30 seconds: ...").
		rp.text = strings.TrimSpace(reTrailLength.ReplaceAllString(rp.text, ""))
		if head, tail, ok := strings.Cut(rp.text, ":"); ok {
			rp.text = strings.TrimSpace(reTrailLength.ReplaceAllString(head, "")) + ":" + tail
		}
		rp.intro = w == "introduce" || w == "present"
		rp.sums, rp.explains = sumVerbs[w], explainVerbs[w]
		rp.fetes = celebrateVerbs[w]
		if w == "welcome" && len(toks) > 2 && strings.EqualFold(toks[1].w, "to") {
			if wp, ok := welcomeTo(rp, strings.TrimSpace(s[toks[2].at:])); ok {
				return wp, true // "Welcome to Northwind, the logistics team that ..."
			}
			if len(toks) <= 5 {
				return requestPart{}, false // "Welcome to the team!": said to the viewers
			}
		}
		// "Welcome new members to the Pine Hill running club": who, then where.
		for j := 2; w == "welcome" && j+1 < len(toks) && j <= 5; j++ {
			if strings.EqualFold(toks[j].w, "to") {
				if wp, ok := welcomeTo(rp, strings.TrimSpace(s[toks[j+1].at:])); ok {
					if wp.audience == "" {
						wp.audience = trimDeterminer(strings.TrimSpace(s[toks[1].at:toks[j].at]))
					}
					return wp, true
				}
				break
			}
		}
		// "Tell customers our store hours change ...": who is told, then what.
		if tellVerbs[w] {
			ws := strings.Fields(rp.text)
			for n := 1; n <= 3 && n < len(ws); n++ {
				whom, what := strings.Join(ws[:n], " "), ws[n:]
				if len(what) > 1 && strings.EqualFold(what[0], "that") {
					what = what[1:]
				}
				if said := strings.Join(what, " "); isPeople(trimDeterminer(whom)) && looksStated(said, "en") {
					rp := requestPart{text: said, kind: contentClause, audience: trimDeterminer(whom)}
					if k := strings.Index(said, ": "); k > 0 { // "... change for the holidays: closed ..." (not "at 8:15")
						rp.text, rp.after = strings.TrimSpace(said[:k]), strings.TrimSpace(said[k+1:])
					}
					return rp, true
				}
			}
			return requestPart{}, false // "Tell me a story ...": not a message to pass on
		}
		// "Announce that our clinic moves ...": the statement itself, said as written.
		if m := reThatClause.FindStringSubmatch(rp.text); m != nil && hasFiniteVerb(m[1]) || m != nil && looksStated(m[1], "en") {
			rp.text, rp.kind = m[1], contentClause
			return rp, true
		}
		if m := reInviteTo.FindStringSubmatch(s); m != nil && (w == "invite" || w == "invita" || w == "invitez" || w == "lade") {
			rp.text = m[1]
			rp.kind = contentInvite
			return rp.cut(), true
		}
		if w == "thank" || w == "congratulate" { // "Thank our volunteers for ...": who is thanked, and for what
			rp.kind, rp.congrats = contentThanks, w == "congratulate" // "Thank our volunteers for the river clean-up: ..."
			return rp.cut(), true
		}
		// "Show customers how to update ...": whom it shows, then the how.
		if m := reWhIn.FindStringIndex(rp.text); m != nil && m[0] > 0 && (w == "show" || w == "teach" || w == "explain" || w == "tell") {
			aud := strings.TrimSpace(rp.text[:m[0]])
			if a, ok := strings.CutPrefix(aud, "to "); ok {
				aud = a // "Explain to parents why ..."
			}
			if isPeople(aud) && len(strings.Fields(aud)) <= 4 {
				// Said to them: "how to update your billing details".
				rp.audience, rp.text = trimDeterminer(aud), reTheir.ReplaceAllString(strings.TrimSpace(rp.text[m[0]:]), "your")
			}
		}
		rp.kind = classify(rp.text)
		if rp.kind == contentClause {
			rp.kind = contentTopic
		}
		if i := strings.Index(rp.text, ":"); i > 0 && rp.kind != contentWh && !rp.sums && !rp.explains {
			rp.kind = contentNP // "our Lisbon food tour: three hours, ..."
		}
		return rp.cut(), true
	}
	if fi < 0 {
		return requestPart{}, false
	}
	i := fi + 1
	var rp requestPart
	rp.format = formatPhrase(toks[:fi+1])
	// Adjectives, lengths and platforms after the format noun: "vídeo explicativo de 40
	// segundos", "a reel for Instagram".
	for i < len(toks) {
		w := strings.ToLower(toks[i].w)
		if (wrapperWords[w] || isLengthToken(w)) && !topicPreps[w] && !forPreps[w] && !linkWords[w] || (w == "de" || w == "of" || w == "von") && i+1 < len(toks) && isLengthToken(strings.ToLower(toks[i+1].w)) {
			i++
			continue
		}
		if (w == "de" || w == "of" || w == "von") && i+1 < len(toks) && kindWordsAfter[strings.ToLower(toks[i+1].w)] {
			i += 2 // "vidéo de bienvenue", "vídeo de formación"
			continue
		}
		if (forPreps[w] || w == "on") && i+1 < len(toks) && isPlatformWord(strings.ToLower(toks[i+1].w)) {
			i += 2
			continue
		}
		if (w == "in" || w == "en" || w == "auf" || w == "into") && i+1 < len(toks) && isLanguage(toks[i+1].w) {
			i += 2 // "in Spanish"
			continue
		}
		break
	}
	if i >= len(toks) {
		return rp, true // only a wrapper: "Make a short video."
	}
	rest := func(j int) string {
		if j >= len(toks) {
			return ""
		}
		return strings.TrimSpace(s[toks[j].at:])
	}
	// A colon or dash: what follows is the content, verbatim.
	if t := toks[i]; t.punct {
		if strings.ContainsAny(t.w, ":—–-") {
			// What follows a colon is the user's message: said as written.
			rp.text = rest(i + 1)
			switch {
			case reWhStart.MatchString(rp.text):
				rp.kind = contentWh
			case isBareName(rp.text):
				rp.kind = contentNP
			default:
				rp.kind = contentClause
			}
			return rp.cut(), true
		}
		if t.w == "," {
			i++
		}
	}
	if i >= len(toks) {
		return rp, true
	}
	w := strings.ToLower(toks[i].w)
	fmtNoun := strings.ToLower(toks[fi].w)
	if (fmtNoun == "invitation" || fmtNoun == "invite" || fmtNoun == "invitación" || fmtNoun == "einladung") && (w == "to" || w == "a" || w == "zu" || w == "zur" || w == "zum" || w == "à") {
		rp.text, rp.kind = rest(i+1), contentInvite
		return rp.cut(), true
	}
	if fmtNoun == "welcome" && w == "to" {
		if wp, ok := welcomeTo(rp, rest(i+1)); ok {
			return wp, true // "a short welcome to Crumb & Co, the bakery on Elm Street ..."
		}
	}
	// "a video to announce our new café": the verb asks for what the video does.
	if (w == "to" || w == "para" || w == "pour" || w == "um") && i+1 < len(toks) && requestVerbs[strings.ToLower(toks[i+1].w)] {
		if sub, ok := parseRequest(rest(i + 1)); ok && sub.text != "" {
			sub.format, sub.audience = rp.format, cmp.Or(sub.audience, rp.audience)
			return sub, true
		}
	}
	if w == "from" || w == "desde" || (w == "de" && fmtNoun == "hola") {
		rp.text, rp.kind = rest(i+1), contentFrom
		return rp.cut(), true
	}
	// "for new cashiers on ...": an audience, then the rest.
	if forPreps[w] {
		np := rest(i + 1)
		// "A thank you video for our donors": whom the video thanks.
		if strings.Contains(strings.ToLower(s[:toks[i].at]), "thank") && np != "" {
			return requestPart{text: strings.TrimRight(np, "."), kind: contentThanks, format: rp.format}.cut(), true
		}
		if i+1 < len(toks) && aboutVerbs[strings.ToLower(toks[i+1].w)] {
			// "pour annoncer que ...", "to announce ...": the verb links the content.
			if sub, ok := parseRequest("a video " + np); ok {
				return sub, true
			}
		}
		if aud, tail, ok := splitAudience(np); ok {
			rp.audience = aud
			if org, ok := orgOf(tail); ok {
				rp.org = org
				// "at Acme Corp covering our core values: ...": the rest is the content.
				if more := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tail[strings.Index(tail, org)+len(org):]), ",")); more != "" {
					if strings.HasPrefix(more, ":") {
						more = "about " + org + more // "at St. Mary Hospital: badge pickup is ..., ...": the place, then what is said of it
					}
					if sub, ok := parseRequest("a video " + more); ok && sub.text != "" {
						sub.audience, sub.org = aud, org
						return sub, true
					}
				}
				return rp, true
			}
			if tail == "" {
				return rp, true
			}
			if after, ok := strings.CutPrefix(tail, ":"); ok && strings.TrimSpace(after) != "" {
				// "Safety briefing for warehouse visitors: wear the vest, ...": the video is
				// named (format) and for whom; what follows is its content.
				rp.after = strings.TrimSpace(reMetaTailList.ReplaceAllString(after, ""))
				return rp, true
			}
			sub, ok := parseRequest("a video " + tail)
			if ok {
				sub.audience = aud
				return sub, true
			}
			rp.text, rp.kind = tail, classify(tail)
			return rp.cut(), true
		}
		rp.text, rp.kind, rp.prep = np, contentTopic, toks[i].w
		if startsWithName(np) {
			rp.kind = contentNP
		}
		return rp.cut(), true
	}
	if w == "based" && i+1 < len(toks) && strings.EqualFold(toks[i+1].w, "on") {
		// "based on the attached notes about ...": the files lead, or the topic after them.
		tail := rest(i + 2)
		if m := reAboutTail.FindStringSubmatch(tail); m != nil && reFileRef.MatchString(tail) {
			tail = m[1]
		}
		rp.text, rp.kind = tail, contentTopic
		return rp.cut(), true
	}
	if relatives[w] && i+1 < len(toks) && aboutVerbs[strings.ToLower(toks[i+1].w)] {
		i++
		w = strings.ToLower(toks[i].w)
	}
	if tellingVerbs[w] {
		// "telling people (that) we now offer ...": whom, then what they are told.
		j, aud := i+1, ""
		for k := min(len(toks), i+4); k > i+1; k-- {
			if a := strings.TrimSpace(s[toks[i+1].at : toks[k-1].at+len(toks[k-1].w)]); isPeople(a) {
				j, aud = k, a
				break
			}
		}
		that := false
		for j < len(toks) && (strings.EqualFold(toks[j].w, "know") || strings.EqualFold(toks[j].w, "that") || strings.EqualFold(toks[j].w, "about")) {
			that = that || strings.EqualFold(toks[j].w, "that")
			j++
		}
		if tail := rest(j); tail != "" {
			if aud != "" && !generalPublic[strings.ToLower(aud)] {
				rp.audience = trimDeterminer(aud)
			}
			rp.text, rp.kind = tail, classify(tail)
			if that {
				rp.kind = contentClause // "that our prices go up on March 1": a statement
			}
			return rp.cut(), true
		}
	}
	if aboutVerbs[w] {
		j := i + 1
		if j < len(toks) && (strings.EqualFold(toks[j].w, "vor") || strings.EqualFold(toks[j].w, "that") || strings.EqualFold(toks[j].w, "que")) {
			j++
		}
		tail := rest(j)
		// "teaching new cashiers how to ...": the audience comes before the topic.
		if m := reWhIn.FindStringIndex(tail); m != nil && m[0] > 0 {
			if aud := strings.TrimSpace(tail[:m[0]]); isPeople(aud) || len(strings.Fields(aud)) <= 3 {
				rp.audience = trimDeterminer(aud)
				tail = tail[m[0]:]
			}
		}
		rp.text = tail
		rp.kind = classify(tail)
		rp.fetes = celebrateVerbs[w]
		rp.explains = explainVerbs[w]
		if thankVerbs[w] {
			// "agradecer a nuestros voluntarios": the frame has its own "a".
			for _, p := range []string{"a ", "à ", "an "} {
				if strings.HasPrefix(strings.ToLower(rp.text), p) {
					rp.text = rp.text[len(p):]
				}
			}
			rp.kind = contentThanks
			return rp.cut(), true
		}
		switch w {
		case "introducing", "introduces", "introduce", "presenting", "presents", "present", "presentando", "présentant", "présente",
			"presentar", "présenter", "vorstellen", "presenta", "promoting", "promote", "promotes", "promocionar", "promouvoir", "bewerben":
			if rp.kind != contentClause {
				rp.kind = contentNP
			}
		}
		return rp.cut(), true
	}
	if topicPreps[w] {
		j := i + 1
		prep := toks[i].w
		if j < len(toks) && (w == "à" || w == "acerca") {
			prep += " " + toks[j].w // "à propos de", "acerca de"
			j++
			if j < len(toks) && strings.EqualFold(toks[j].w, "de") {
				prep += " " + toks[j].w
				j++
			}
		}
		tail := rest(j)
		rp.text, rp.prep = tail, prep
		switch {
		case reWhStart.MatchString(tail):
			rp.kind = contentWh
		case startsWithName(tail):
			rp.kind = contentNP // "a walkthrough of Ledgerly, an app that ..."
		default:
			rp.kind = contentTopic // "about our gym opening early": a topic, however it reads
		}
		return rp.cut(), true
	}
	if relatives[w] {
		rp.text = rest(i + 1)
		rp.kind = contentClause
		return rp.cut(), true
	}
	// Anything else after the wrapper ("a reel Ironside now opens at 5am") is content.
	rp.text = rest(i)
	rp.kind = classify(rp.text)
	return rp.cut(), true
}

// welcomeTo reads what follows "welcome to": the organisation (a name of at most five
// words, up to a comma, a colon or "for"), then what is said of it: an apposition ("Crumb
// & Co, the bakery on Elm Street that ...") is the content as the user wrote it; an
// audience or a message ("for new patients: parking is free ...") is read as a request's.
func welcomeTo(rp requestPart, tail string) (requestPart, bool) {
	tail = strings.TrimSpace(tail)
	if !startsWithName(tail) && !(startsWithDeterminer(tail) && startsWithName(trimDeterminer(tail))) {
		return rp, false // "Northwind", "the Pine Hill running club"
	}
	end := len(tail)
	for _, sep := range []string{",", ":", " for ", " para ", " für ", " pour "} {
		if k := strings.Index(tail, sep); k > 0 && k < end {
			end = k
		}
	}
	org := strings.TrimRight(strings.TrimSpace(tail[:end]), ".!")
	if org == "" || len(strings.Fields(org)) > 5 {
		return rp, false
	}
	rp.org = org
	more := strings.TrimSpace(tail[end:])
	switch {
	case more == "" || more == "." || more == "!":
		rp.text = ""
		return rp, true
	case strings.HasPrefix(more, ","):
		rp.text, rp.kind = tail, contentNP
		return rp.cut(), true
	}
	if sub, ok := parseRequest("a video " + more); ok && (sub.text != "" || sub.audience != "") {
		sub.org, sub.format = org, rp.format
		return sub, true
	}
	return rp, false
}

// linkWords link a format noun to what follows; they are never part of the wrapper after it.
var linkWords = wordSet(`to a à zu zum zur from the de`)

// kindWordsAfter name a video's kind after its format noun: "vidéo de bienvenue".
var kindWordsAfter = wordSet(`bienvenue bienvenida formation formación présentation presentación lancement lanzamiento
	promotion promoción démonstration demostración onboarding welcome training presentación`)

// kindWords may name a video's kind before its format noun: "safety training".
var kindWords = wordSet(`product sales training onboarding marketing launch welcome recap event company team
	customer safety compliance quarterly weekly monthly holiday explainer promo demo birthday`)

// formatPhrase is the user's name for the video: the kind words before the format noun
// and the noun itself ("safety training", "welcome video"), or "" for a bare "video".
func formatPhrase(toks []token) string {
	var ws []string
	for i := len(toks) - 1; i >= 0; i-- {
		w := strings.ToLower(toks[i].w)
		if i == len(toks)-1 || kindWords[w] || formatNouns[w] {
			ws = append([]string{toks[i].w}, ws...)
			continue
		}
		break
	}
	if len(ws) == 1 && (strings.EqualFold(ws[0], "video") || strings.EqualFold(ws[0], "clip") || strings.EqualFold(ws[0], "vídeo") || strings.EqualFold(ws[0], "vidéo")) {
		return ""
	}
	return strings.Join(ws, " ")
}

// reHowToHeading opens a sentence that is only a how-to's subject.
var reHowToHeading = regexp.MustCompile(`(?i)^\s*how\s+to\s+\pL`)

var reWhIn = regexp.MustCompile(`(?i)\b(?:how|why|what|when|where|cómo|por qué|qué|wie|warum|was|comment|pourquoi)\b`)

// cut drops a list and meta instructions off the content.
func (rp requestPart) cut() requestPart {
	t := rp.text
	// "our return policy: customers have 30 days ...", "how to set up Wi-Fi: plug in the
	// router, ...": a topic, then what is said about it (or its list), said on its own.
	// "how Tidy works: parents add chores, kids ...": a question, then its list.
	if k := strings.Index(t, ":"); k > 0 && (!hasFiniteVerb(t[:k]) || rp.kind == contentWh && len(splitList(t[k+1:])) >= 2) {
		if rp.kind == contentClause {
			rp.kind = contentTopic
			if startsWithName(t[:k]) {
				rp.kind = contentNP
			}
		}
		if rp.kind == contentNP || rp.kind == contentTopic || rp.kind == contentWh || rp.kind == contentThanks || len(splitList(t[k+1:])) >= 2 {
			t, rp.after = t[:k], strings.TrimSpace(reMetaTailList.ReplaceAllString(t[k+1:], ""))
		}
	}
	t = reMetaTail.ReplaceAllString(t, "")
	t = reLengthTail.ReplaceAllString(t, "")
	if c := reListTail.ReplaceAllString(t, ""); len(strings.Fields(c)) >= 1 {
		t = c
	}
	rp.text = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), ",;:—–-"))
	if rp.text == "" {
		return rp
	}
	// "how vaccines work, for kids aged 8 to 10": the topic, then (after a comma) whom
	// it is for, however described.
	if m := reCommaAudience.FindStringSubmatchIndex(rp.text); m != nil && rp.audience == "" && m[0] > 0 {
		rp.audience = trimDeterminer(rp.text[m[2]:m[3]])
		rp.text = strings.TrimSpace(rp.text[:m[0]])
	}
	// "what an API is to non-technical people": the topic, then who it is for.
	if m := reAudienceTail.FindStringSubmatchIndex(rp.text); m != nil && rp.audience == "" && (rp.kind == contentWh || rp.kind == contentTopic) && m[0] > 0 {
		rp.audience = trimDeterminer(rp.text[m[2]:m[3]])
		rp.text = strings.TrimSpace(rp.text[:m[0]])
	}
	// "photosynthesis for 5th graders": a topic without a verb, then whom it is for ("why
	// backups matter for small businesses" is about them, and kept whole).
	if m := reForAudienceTail.FindStringSubmatchIndex(rp.text); m != nil && rp.audience == "" && rp.kind == contentTopic && m[0] > 0 &&
		!hasFiniteVerb(rp.text[:m[0]]) && !startsWithName(rp.text) {
		rp.audience = trimDeterminer(rp.text[m[2]:m[3]])
		rp.text = strings.TrimSpace(rp.text[:m[0]])
	}
	if rp.kind == contentTopic && rp.after != "" && startsWithName(rp.text) {
		rp.kind = contentNP // "for Pasta Nonna: ..."
	}
	if rp.kind == contentTopic && reWhStart.MatchString(rp.text) {
		rp.kind = contentWh
	}
	return rp
}

// reCommaAudience is whom a topic is for, after a comma: ", for kids aged 8 to 10".
var reCommaAudience = regexp.MustCompile(`(?i),\s*(?:for|para|für|pour)\s+(` + audienceNP(3) + `(?:\s+[^,;:]{0,30})?)$`)

// reAudienceTail is whom a topic is explained to, at its end: "... to non-technical
// people" ("why backups matter for small businesses" is about them, and kept whole).
var reAudienceTail = regexp.MustCompile(`(?i)\s+to\s+(` + audienceNP(3) + `)$`)

// reForAudienceTail is whom a topic is for, at its end: "... for 5th graders".
var reForAudienceTail = regexp.MustCompile(`(?i)\s+(?:for|para|für|pour)\s+(` + audienceNP(3) + `)$`)

// reLengthTail is a request's length at the end of its content: "... in under a minute".
var reLengthTail = regexp.MustCompile(`(?i),?\s*\bin\s+(?:under|less\s+than|about|around)\s+(?:a|one|two|\d+)\s+(?:minutes?|seconds?)\s*$`)

// reMetaTailList cuts instructions about the video off a list: endings, calls to action,
// tone; not "keep it simple", which may be an item.
var reMetaTailList = regexp.MustCompile(`(?i)(?:,?\s*(?:and\s+)?(?:then\s+)?(?:ending|end|finish|finishing|close|closing|wrap(?:ping)? up)\s+(?:it\s+)?(?:with|by|on)\b|,?\s*\bwith\s+an?\s+(?:call[- ]to[- ]action|cta)\b|\bcall[- ]to[- ]action\b|,?\s*\bin\s+an?\s+[\pL-]+(?:\s+and\s+[\pL-]+)?\s+(?:tone|style|voice|way)\b|,?\s*(?:and\s+)?\b(?:use|using|with)\s+an?\s+[\pL-]+(?:\s+and\s+[\pL-]+)?\s+(?:tone|voice)\b).*$`)

// classify tells a statement from a noun phrase or a wh-topic.
func classify(s string) contentKind {
	s = strings.TrimSpace(s)
	if reWhStart.MatchString(s) {
		return contentWh
	}
	if hasFiniteVerb(s) {
		return contentClause
	}
	if startsWithName(s) {
		return contentNP
	}
	return contentTopic
}

// startsWithName reports whether a phrase (from inside a sentence) starts with a proper
// name: a capitalised word that is not a determiner.
func startsWithName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return false
	}
	w := strings.Trim(ws[0], `"'“”„«»,`)
	return isCapWord(w) && !determiners[strings.ToLower(w)] && !wrapperWords[strings.ToLower(w)]
}

// finiteVerbs are verb forms that make a statement of a phrase, in en, es, de, fr. A
// verb inside a relative clause ("an app that reads ...") does not count.
var finiteVerbs = wordSet(`is are was were will can could should would has have had does do did opens opened
	closes closed launches launched starts started begins began runs moves moved gets got offers offered helps
	makes made brings brought lets comes came goes went turns turned grows grew rose fell hit reached won takes
	took needs wants works worked ships shipped arrives arrived returns returned becomes became keeps kept
	includes included costs saves saved joins joined hosts hosted changes changed reopens reopened expands
	expanded adds added now just
	es son está están era fue será serán abre abrimos abren cierra tiene tienen ha han hemos llega llegan
	empieza empiezan ofrece ofrecemos cuesta vuelve lanzamos lanza
	ist sind war waren wird werden hat haben öffnet öffnen schließt startet beginnt bietet bieten kostet kommt
	gibt haben
	ahora ya hace hacen hay vende venden trae entrega entregan abrimos llega llegan
	désormais maintenant fait font offre livre vend propose
	macht bietet liefert verkauft gibt repariert
	est sont était sera seront ouvre ouvrent ferme ont arrive commence propose proposons coûte revient lance`)

// hasFiniteVerb reports whether a phrase makes a statement: a finite verb outside a
// relative clause.
func hasFiniteVerb(s string) bool {
	toks := tokens(s)
	for i, t := range toks {
		w := strings.ToLower(t.w)
		english := w == "that" || w == "which" || w == "who"
		afterComma := i > 0 && toks[i-1].punct && toks[i-1].w == ","
		if english && i > 0 || (relatives[w] || w == "quien" || w == "dont") && afterComma {
			return false // what follows describes the noun before it
		}
		if finiteVerbs[w] {
			return true
		}
	}
	return false
}

var deFunctionWords = wordSet(`der die das den dem des ein eine einen einem einer und oder mit von zu zum zur bei für auf in im an am aus nach über unter vor jetzt auch nicht sehr noch schon nur ab bis um es sie er wir ihr`)

// looksStated reports whether a phrase reads as a statement, more loosely than
// hasFiniteVerb: also "Parcelpal plans ..." (a name, then a verb in -s) and, in German,
// a lowercase word ending like a verb ("Der Fahrradladen repariert ..."), since German
// nouns are capitalised.
func looksStated(s, lang string) bool {
	if hasFiniteVerb(s) {
		return true
	}
	toks := tokens(s)
	if len(toks) >= 3 && lang == "en" {
		first, second := toks[0].w, toks[1].w
		if (isCapWord(first) || pronounLeads[strings.ToLower(first)]) && !toks[1].punct && strings.ToLower(second) == second &&
			strings.HasSuffix(second, "s") && !strings.HasSuffix(second, "ss") && !isFunctionWord(second) {
			return true
		}
	}
	if lang == "de" {
		for _, t := range toks[1:] {
			w := t.w
			if !t.punct && strings.ToLower(w) == w && !deFunctionWords[w] && (strings.HasSuffix(w, "t") || strings.HasSuffix(w, "en")) {
				return true
			}
		}
	}
	return false
}

// splitAudience splits "new cashiers on how to ..." into the audience and the rest.
func splitAudience(s string) (aud, rest string, ok bool) {
	if ws := strings.Fields(s); len(ws) > 1 && startsWithName(s) && startsUpper(ws[len(ws)-1]) {
		return "", "", false // "Python for Beginners": a title, not an audience
	}
	if t := strings.TrimSpace(s); isPeople(t) && !strings.Contains(t, ",") && len(strings.Fields(t)) <= 6 {
		return t, "", true // "Q3 new hires"
	}
	if startsWithName(s) {
		return "", "", false // "Fleetwise, route-planning software for ...": the subject
	}
	toks := tokens(s)
	for i := range toks {
		if i > 6 {
			break
		}
		w := strings.ToLower(toks[i].w)
		head := strings.TrimSpace(s[:toks[i].at])
		if toks[i].punct || topicPreps[w] || aboutVerbs[w] || orgPreps[w] || reWhStart.MatchString(s[toks[i].at:]) {
			if isPeople(head) && !strings.Contains(head, ",") {
				r := strings.TrimSpace(s[toks[i].at:])
				colon := strings.HasPrefix(r, ":")
				r = strings.TrimLeft(r, ",;: ")
				if colon {
					return head, ": " + r, true // what follows a colon is the message
				}
				if f := strings.Fields(r); len(f) > 0 && topicPreps[strings.ToLower(f[0])] && !orgPreps[strings.ToLower(f[0])] {
					r = "about " + strings.Join(f[1:], " ")
				}
				return head, r, true
			}
		}
	}
	if t := strings.TrimSpace(s); isPeople(t) && !strings.Contains(t, ",") && len(strings.Fields(t)) <= 6 {
		return t, "", true
	}
	return "", "", false
}

// orgPreps link an audience to its organisation: "new hires at Harbor Dental".
var orgPreps = wordSet(`at joining of bei von en chez de`)

// orgOf reads "at Harbor Dental" as the organisation "Harbor Dental".
func orgOf(rest string) (string, bool) {
	f := strings.Fields(rest)
	if len(f) < 2 || !orgPreps[strings.ToLower(f[0])] {
		return "", false
	}
	// The organisation is returned as rest writes it (callers find it in rest), from its
	// first word to its last.
	from, to, at := -1, -1, 0
	for i, w := range f {
		k := strings.Index(rest[at:], w) + at
		at = k + len(w)
		if i == 0 {
			continue
		}
		lw := strings.ToLower(strings.Trim(w, ",:;"))
		if aboutVerbs[lw] || topicPreps[lw] && lw != "de" || forPreps[lw] {
			break
		}
		if from < 0 {
			from = k
		}
		to = at
		if strings.ContainsAny(w, ",:;") {
			break
		}
	}
	org := ""
	if from >= 0 {
		org = strings.TrimRight(rest[from:to], ".,;: ")
	}
	if org == "" || !startsWithName(org) && !determiners[strings.ToLower(f[1])] {
		return "", false
	}
	return org, true
}

func trimDeterminer(s string) string {
	ws := strings.Fields(s)
	for len(ws) > 1 && (determiners[strings.ToLower(ws[0])] || strings.EqualFold(ws[0], "all")) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// token is a word or a punctuation mark of a sentence, with its byte offset.
type token struct {
	w     string
	at    int
	punct bool
}

// tokens splits s into words (letters, digits, apostrophes, hyphens, placeholders) and
// the punctuation marks , : ; — – and a free-standing "-".
func tokens(s string) []token {
	var out []token
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' && start >= 0 || r == '%' || r == '$' || r == '€' || r == '£' || r == '.' && start >= 0 && i+1 < len(s) && s[i+1] != ' '
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, token{w: s[start:i], at: start})
			start = -1
		}
		switch r {
		case ',', ':', ';', '—', '–', '-':
			out = append(out, token{w: string(r), at: i, punct: true})
		}
	}
	if start >= 0 {
		out = append(out, token{w: s[start:], at: start})
	}
	return out
}

var reLengthToken = regexp.MustCompile(`(?i)^(?:\d+(?:[.,]\d+)?(?:-?(?:s|sec|secs|second|seconds|min|mins|minute|minutes|segundos?|minutos?|sekunden|sekündige[nrs]?|minütige[nrs]?|secondes?))?|\d+-\d+|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety|[\pL]+-(?:second|minute)|[\pL]*(?:sekündige|minütige)[nrs]?)$`)

// isCount reports whether w is a bare number ("8", "three"), with no unit of time.
func isCount(w string) bool {
	n, word := numberWords[strings.ToLower(w)]
	return w != "" && strings.Trim(w, "0123456789") == "" || word && n >= 2 // not "a promo"
}

func isLengthToken(w string) bool { return reLengthToken.MatchString(w) }

// generalPublic are the people a video is told to when it names no audience.
var generalPublic = wordSet(`people everyone everybody viewers folks`)

// lengthCompound reports whether w is a length and a format noun written as one word
// (German's "20-Sekunden-Video", "30-second-video"), or another compound that names the
// video.
func lengthCompound(w string) bool {
	k := strings.LastIndex(w, "-")
	if k > 0 && formatNouns[w[k+1:]] && isLengthToken(w[:k]) {
		return true
	}
	// German compounds name the video by their last part: "Schulungsvideo", "Imagefilm",
	// "FAQ-Video".
	for _, end := range []string{"video", "videos", "film", "clip"} {
		if len(w) > len(end)+3 && strings.HasSuffix(w, end) && !strings.Contains(w, "-") || k > 1 && w[k+1:] == end {
			return true
		}
	}
	return false
}

func isPlatformWord(w string) bool {
	switch w {
	case "instagram", "tiktok", "youtube", "linkedin", "facebook", "snapchat", "twitter", "social", "reels", "shorts":
		return true
	}
	return false
}

// wordSet makes a set of the white-space separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isLanguage reports whether w names a language ("Spanish", "Deutsch").
func isLanguage(w string) bool {
	_, ok := videoagent.LanguageTag(w)
	return ok
}

// Patterns compiled once, not per prompt.
var (
	reAboutTail = regexp.MustCompile(`(?i)\b(?:about|on|regarding)\s+(.+)$`)
)
