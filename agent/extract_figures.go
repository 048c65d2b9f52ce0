package agent

// Numbers worth showing big, quotations, the call to action and offers.

import (
	"regexp"
	"strings"
)

var reStat = regexp.MustCompile(`(?i)(?:[$€£¥]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\+?|\d[\d,.]*\s?(?:%|percent|per cent|prozent|por ciento|pour cent)|\d[\d,.]*\s?(?:x|×)(?:$|[^\pL])|\d[\d,.]*\s(?:times)\b|\d+(?:[.,]\d+)?\s?(?:million|billion|thousand|millones|millionen|millions|mil)\+?|\d{1,3}(?:,\d{3})+\+?|\b\d{2,}\+?\s+(?:users|customers|clients|companies|teams|countries|cities|stores|downloads|members|employees|hours|partners|reviews|people|students|languages|integrations|templates|apps|schools|hospitals|brands|businesses|locations|patients|subscribers|installs))`)

func (x *extractor) stats() []Stat {
	var out []Stat
	text := x.plain
	if x.durAt[0] >= 0 {
		text = text[:x.durAt[0]] + strings.Repeat(" ", x.durAt[1]-x.durAt[0]) + text[x.durAt[1]:]
	}
	for _, s := range reSentence.Split(text, -1) {
		for _, loc := range reStat.FindAllStringIndex(s, -1) {
			raw := strings.TrimSpace(strings.TrimRight(s[loc[0]:loc[1]], " ,.;:"))
			val := raw
			lv := strings.ToLower(val)
			for _, w := range []string{" users", " customers", " clients", " companies", " teams", " countries", " cities", " stores", " downloads", " members", " employees", " hours", " partners", " reviews", " people", " students", " languages", " integrations", " templates", " apps", " schools", " hospitals", " brands", " businesses", " locations", " patients", " subscribers", " installs"} {
				if strings.HasSuffix(lv, w) {
					val = strings.TrimSpace(val[:len(val)-len(w)])
					break
				}
			}
			val = strings.ReplaceAll(strings.ReplaceAll(val, " percent", "%"), " per cent", "%")
			// Clause around the number.
			start := strings.LastIndexAny(s[:loc[0]], ",;") + 1
			end := len(s)
			if i := strings.IndexAny(s[loc[1]:], ",;"); i >= 0 {
				end = loc[1] + i
			}
			line := strings.TrimSpace(s[start:end])
			line = reQuoteLead.ReplaceAllString(line, "")
			line = cutAtMeta(line)
			if hasHolder(line) {
				fs := strings.Fields(line)
				for i := len(fs) - 1; i >= 0; i-- {
					if hasHolder(fs[i]) {
						line = strings.Join(fs[i+1:], " ")
						break
					}
				}
			}
			if line == "" || !strings.Contains(line, strings.Fields(raw)[0]) {
				continue
			}
			label := statLabel(s, loc, raw, val)
			out = append(out, Stat{Value: val, Label: label, Line: limitWords(line, 18)})
			if len(out) == 3 {
				return out
			}
		}
	}
	return out
}

func statLabel(s string, loc []int, raw, val string) string {
	after := strings.Fields(s[loc[1]:])
	var lab []string
	if raw != val {
		lab = append(lab, strings.TrimSpace(raw[len(val):]))
	}
	for _, w := range after {
		lw := strings.ToLower(strings.Trim(w, ",.;:"))
		if npBoundary[lw] && len(lab) > 0 || lw == "" || hasHolder(lw) {
			break
		}
		lab = append(lab, strings.Trim(w, ",.;:"))
		if strings.ContainsAny(w, ",.;:") || len(lab) >= 4 {
			break
		}
	}
	if len(lab) == 0 || !hasContentWord(strings.Join(lab, " ")) {
		before := strings.Fields(s[:loc[0]])
		lab = nil
		for i := len(before) - 1; i >= 0 && len(lab) < 5; i-- {
			w := strings.Trim(before[i], ",.;:")
			if strings.ContainsAny(before[i], ",;:") {
				break
			}
			lab = append([]string{w}, lab...)
		}
		for len(lab) > 0 && (npBoundary[strings.ToLower(lab[len(lab)-1])] || isFunctionWord(strings.ToLower(lab[len(lab)-1]))) {
			lab = lab[:len(lab)-1]
		}
		for len(lab) > 0 && (isFunctionWord(strings.ToLower(lab[0])) || instructionWords[strings.ToLower(lab[0])] || strings.EqualFold(lab[0], "that")) {
			lab = lab[1:]
		}
	}
	return bulletText(strings.Join(lab, " "))
}

var reQuoteAuthorAfter = regexp.MustCompile(`^\s*(?:[-—–,]\s*|\s+(?:from|by|says|said|—)\s+)([A-Z][\pL.'-]*(?:\s+[A-Z][\pL.'-]*){0,3})(?:,\s*((?:the\s+)?(?:[\pL&'-]+\s+){0,5}[\pL&'-]+)\s*[.!]?\s*$)?`)
var reQuoteAuthorBefore = regexp.MustCompile(`(?:from|by|quoting|quote|says|said)\s+(?:our\s+)?([A-Z][\pL.'-]*(?:\s+[A-Z][\pL.'-]*){0,3})(?:,\s*(?:our\s+)?([\pL ]{2,30}?))?\s*[:,]?\s*$`)

func (x *extractor) quotes() []Quote {
	var out []Quote
	for _, q := range x.quoted {
		qt := Quote{Text: strings.TrimRight(q.text, " ")}
		after := x.plain[q.at+len(q.holder):]
		if m := reQuoteAuthorAfter.FindStringSubmatch(after); m != nil {
			qt.Author = m[1]
			if m[2] != "" {
				qt.Author += ", " + strings.TrimSpace(m[2]) // "- Maria Lopez, CFO at Brightline."
			}
		} else {
			lo := q.at - 80
			if lo < 0 {
				lo = 0
			}
			if m := reQuoteAuthorBefore.FindStringSubmatch(x.plain[lo:q.at]); m != nil {
				qt.Author = m[1]
				if m[2] != "" {
					qt.Author += ", " + strings.TrimSpace(m[2])
				}
			}
		}
		out = append(out, qt)
	}
	return out
}

var (
	reCTALabel = regexp.MustCompile(`(?i)(?:call[- ]to[- ]action|cta|llamada a la acción|handlungsaufforderung|appel à l'action)\s*(?::|-|is|to|of|should be|that)?\s*(?:asking\s+(?:viewers|people|them)\s+to\s+|to\s+)?([^.;!?\n]+)`)
	reCTAEnd   = regexp.MustCompile(`(?i)\b(?:ending|end|finish|finishing|close|closing|wrap(?:ping)? up)\s+(?:it\s+)?(?:with|by|on)\s*:?\s+(?:asking\s+(?:viewers|people|them|everyone)\s+to\s+|telling\s+\w+\s+to\s+|an?\s+(?:invitation|prompt|push|nudge|reminder|request)\s+to\s+|a\s+call\s+to\s+)?([^.;!?\n]+)`)
	reCTAAsk   = regexp.MustCompile(`(?i)\b(?:ask|encourage|tell|urge|remind)\s+(?:viewers|people|them|everyone|users|customers|employees|the audience|listeners|prospects|attendees|guests|followers)\s+to\s+([^.;!?\n]+)`)
	// reCTARemind is a reminder to any group of people: "Remind all staff to lock ...".
	reCTARemind = regexp.MustCompile(`(?i)\bremind\s+` + reReminded + `\s+to\s+([^.;!?\n]+)`)
	reCTAVerb   = regexp.MustCompile(`(?i)(?:^|\s)((?:sign up|register|download|visit|book|buy|order|try|subscribe|rsvp|get started|learn more|shop|apply|contact us|contact|talk to|speak to|reach out|call us|email us|ask your manager|schedule|reserve|install|start (?:your|a) free trial|regístrate|visita|descarga|besuchen sie|besuche|jetzt|inscrivez-vous|visitez|téléchargez)\b[^.;!?\n]*)`)
)

// cta finds the call to action as the prompt put it, in the imperative.
func (x *extractor) cta() string {
	var c string
	asked := false // the viewers are asked to do it: "they" and "their" are the viewers
	for _, re := range []*regexp.Regexp{reCTALabel, reCTAEnd, reCTAAsk, reCTARemind} {
		if m := re.FindStringSubmatch(x.plain); m != nil {
			c, asked = m[1], re == reCTAAsk || re == reCTARemind
			break
		}
	}
	if c == "" {
		for _, s := range x.sentences() {
			if m := reCTAVerb.FindStringSubmatch(s); m != nil && (hasHolder(m[1]) || strings.HasPrefix(strings.TrimSpace(s), strings.TrimSpace(m[1]))) {
				c = m[1]
				break
			}
		}
	}
	c = strings.TrimSpace(c)
	c = reCTAWord.ReplaceAllString(c, "")
	c = reLeadTo.ReplaceAllString(c, "")
	c = reCTATone.ReplaceAllString(c, "")
	c = strings.TrimRight(c, " ,:")
	if c == "" || !hasContentWord(c) && !hasHolder(c) {
		return ""
	}
	c = reTheir.ReplaceAllString(c, "your")
	if asked { // "Remind staff to lock the door when they leave": "when you leave"
		c = reThey.ReplaceAllStringFunc(c, func(w string) string { return toYou[strings.ToLower(w)] })
		c = reAndTo.ReplaceAllString(c, "$1 ") // "arrive early and to bring ...": "arrive early and bring ..."
	}
	return capFirst(x.restore(limitWords(c, 14)))
}

var reOffer = regexp.MustCompile(`(?i)(\d+\s?%\s?off(?:\s+(?:all|every|everything|your|the|first|any)?\s*[\pL-]+)?|free (?:trial|shipping|delivery|consultation|demo|month|plan|setup|onboarding)|buy one,? get one(?: free)?|(?:promo|discount|coupon) code\s+\S+|limited[- ]time (?:offer|deal|discount)|\d+\s?% (?:discount|de descuento|rabatt))`)

func (x *extractor) offer() string {
	m := reOffer.FindString(x.plain)
	if m == "" {
		return ""
	}
	m = strings.TrimRight(m, " ,.;:")
	ws := strings.Fields(m)
	for len(ws) > 1 && (isFunctionWord(strings.ToLower(ws[len(ws)-1])) || npBoundary[strings.ToLower(ws[len(ws)-1])]) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// Patterns compiled once, not per prompt.
var (
	reQuoteLead = regexp.MustCompile(`(?i)^(?:and\s+|also\s+|please\s+)?(?:mention|say|note|highlight|stress|add|include|point out|show)\s+(?:that\s+)?`)
	reCTAWord   = regexp.MustCompile(`(?i)^(?:an?\s+|the\s+)?(?:call[- ]to[- ]action|cta)\s+(?:to\s+)?`)
	reLeadTo    = regexp.MustCompile(`(?i)^to\s+`)
	reCTATone   = regexp.MustCompile(`(?i)\s+(?:in\s+an?\s+\w+\s+tone|and\s+keep\s+it.*)$`)
	reTheir     = regexp.MustCompile(`(?i)\btheir\b`)
	reThey      = regexp.MustCompile(`(?i)\b(?:they|them|themselves|theirs|they're|they’re|they've|they’ve|they'll|they’ll)\b`)
)

// reAndTo is a second infinitive's "to", which the imperative drops.
var reAndTo = regexp.MustCompile(`(?i)\b(and|or)\s+to\s+`)

// reReminded is who a reminder is for: a group of people, with up to three words before
// it ("all new staff"), or "them" or "everyone".
var reReminded = `(?:` + audienceNP(3) + `|them|everybody)`

// toYou turns the reminded group's pronouns into the viewers' (see cta).
var toYou = map[string]string{"they": "you", "them": "you", "themselves": "yourselves", "theirs": "yours",
	"they're": "you're", "they’re": "you’re", "they've": "you've", "they’ve": "you’ve", "they'll": "you'll", "they’ll": "you’ll"}

// reRemindWhom finds who a reminder sentence reminds.
var reRemindWhom = regexp.MustCompile(`(?i)^remind\s+(` + reReminded + `)\s+to\s`)

// reminded returns who the sentence reminds ("all staff" of "Remind all staff to ..."), or
// "" when it is no reminder.
func reminded(sent string) string {
	m := reRemindWhom.FindStringSubmatch(strings.TrimSpace(sent))
	if m == nil {
		return ""
	}
	return m[1]
}
