package agent

// The features, steps or points a prompt lists.

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

var (
	reBulletLine = regexp.MustCompile(`(?m)^\s*(?:[-*•·–]|\d{1,2}[.)])\s+(.+?)\s*$`)
	reListCue    = regexp.MustCompile(`(?i)(?:^|[^\pL])(features?(?:\s+like|\s+such\s+as)?|including|includes|include|such as|like|highlight(?:ing|s)?|covering|covers|cover|mention(?:ing)?|showcasing|showing|show|with|steps?|tips?|points?|topics?|benefits?|incluyendo|incluye|como|destacando|mit|wie|inklusive|einschließlich|avec|comme|notamment|dont)\s+(.+)`)
	reSequence   = regexp.MustCompile(`(?i)\b(?:` + sequenceWords + `)\b,?\s*`)
	reListSplit  = regexp.MustCompile(`\s*[,;]\s*`)
	reLastAnd    = regexp.MustCompile(`(?i)^(.+?)\s+(?:and|&|y|und|et|e|plus)\s+(.+)$`)
	reLeadAnd    = regexp.MustCompile(`(?i)^(?:and|or|&|y|o|und|oder|et|ou|e|plus)\s`)
	reLeadConj   = regexp.MustCompile(`(?i)^(?:and|or|also|then|finally|lastly|first(?:ly)?|next|plus|y|und|et|e)\s+`)
)

var singleCues = map[string]bool{"highlight": true, "highlighting": true, "highlights": true, "feature": true, "features": true, "showcasing": true, "destacando": true}

// items finds the features, steps or points the prompt lists.
func (x *extractor) items(a *Analysis) []string {
	var out []string
	add := func(parts []string) {
		// "where to find the supply room, how to badge in, who to call ...": questions
		// listed, each kept whole ("how to" alone is dropped from a list of steps).
		bare := func(p string) string {
			return strings.ToLower(strings.TrimSpace(reLeadConj.ReplaceAllString(strings.TrimSpace(p), "")))
		}
		whList := slices.ContainsFunc(parts, func(p string) bool {
			return reWhTo.MatchString(bare(p)) && !strings.HasPrefix(bare(p), "how ")
		})
		for _, p := range parts {
			how := whList && strings.HasPrefix(bare(p), "how to ")
			p = cleanItem(p)
			if how && p != "" {
				p = "how to " + p
			}
			if p == "" {
				continue
			}
			dup := false
			for _, o := range out {
				if strings.EqualFold(o, p) {
					dup = true
				}
			}
			if !dup && len(out) < 8 {
				out = append(out, p)
			}
		}
	}
	if ms := reBulletLine.FindAllStringSubmatch(x.plain, -1); len(ms) >= 2 {
		for _, m := range ms {
			add([]string{m[1]})
		}
		return out
	}
	for _, s := range x.sentences() {
		// A list after a colon: "three tips: a, b and c".
		if i := strings.Index(s, ":"); i >= 0 && i+1 < len(s) && !unicode.IsDigit(rune(s[i+1])) {
			head := strings.ToLower(s[:i])
			if !reNotListHead.MatchString(head) {
				if parts := doesList(cutAtMeta(s[i+1:])); parts != nil {
					add(parts) // "Brewly: Brewly grinds the beans, heats the water, and ..."
					continue
				}
				if parts := splitList(cutAtMeta(s[i+1:])); len(parts) >= 2 {
					if objs := objectList(parts); objs != nil {
						add(objs) // "this month we added dark mode, faster search, and ...": what was added
						continue
					}
					if parallel(parts) {
						add(parts)
						continue
					}
					if reListCue.FindStringIndex(s[i+1:]) == nil {
						continue // one statement, not a list
					}
					// a statement, then a list of its own: "..., with two 3D printers, ..."
				}
			}
		}
		// A sentence of three or more instructions is a procedure: "Purge the steam wand,
		// submerge the tip, tilt the pitcher, and stop at 65 degrees."
		if parts := splitList(cutAtMeta(s)); steps(parts) && parallel(parts) {
			add(parts)
			continue
		}
		// "It scans receipts, tracks mileage, and exports to QuickBooks.": what one thing
		// does, three or more times; each is a feature.
		if parts := doesList(cutAtMeta(s)); parts != nil {
			add(parts)
			continue
		}
		if m := reListCue.FindStringSubmatch(s); m != nil {
			parts := splitList(cutAtMeta(m[2]))
			cueWord := strings.ToLower(strings.Fields(m[1])[0])
			if (len(parts) >= 2 || len(parts) == 1 && singleCues[cueWord]) && parallel(parts) {
				add(parts)
				continue
			}
		}
		if locs := clauseStarts(s, reSequence.FindAllStringIndex(s, -1)); len(locs) >= 2 {
			var parts []string
			for i, l := range locs {
				end := len(s)
				if i+1 < len(locs) {
					end = locs[i+1][0]
				}
				parts = append(parts, strings.Trim(s[l[1]:end], " ,;"))
			}
			add(parts)
		}
	}
	// Drop anything that is really the subject, the CTA or a name of the audience.
	var keep []string
	for _, it := range out {
		// (A subject named only in the list is one of its items: "our three products:
		// Docs, Tasks, and Calendar".)
		subject := strings.EqualFold(it, a.Subject) && strings.Count(strings.ToLower(x.plain), strings.ToLower(it)) > 1
		if subject || strings.EqualFold(it, a.Audience) || isPeople(it) && len(strings.Fields(it)) <= 2 {
			continue
		}
		keep = append(keep, it)
	}
	return keep
}

// objectList reads parts that list the objects of one verb: "this month we added dark
// mode", "faster search", "a new iPad app" are "dark mode", "faster search", "a new iPad
// app". The first part has a subject and a verb in the past or present ("we added", "it
// offers"); the others are short and have none. It returns nil otherwise.
func objectList(parts []string) []string {
	if len(parts) < 3 {
		return nil
	}
	for _, p := range parts[1:] {
		if hasFiniteVerb(p) || len(strings.Fields(p)) > 6 || instruction(p) {
			return nil
		}
	}
	ws := strings.Fields(parts[0])
	for i := len(ws) - 2; i >= 1; i-- {
		w, subj := strings.ToLower(ws[i]), strings.ToLower(ws[i-1])
		if subjectPronouns[subj] && (strings.HasSuffix(w, "ed") || finiteVerbs[w] || thirdPerson(w)) {
			return append([]string{strings.Join(ws[i+1:], " ")}, parts[1:]...)
		}
	}
	return nil
}

var subjectPronouns = wordSet(`we i you they it he she`)

// sequenceWords mark the steps of a procedure: "first", "then", "finally".
const sequenceWords = `first(?:ly)?|then|next|after that|afterwards|finally|lastly`

// clauseStarts keeps the sequence words that open a clause (at the start, or after a
// comma, a semicolon or "and"): not the "first" of "the first aid kit" or the "next" of
// "next to the entrance".
func clauseStarts(s string, locs [][]int) [][]int {
	var out [][]int
	for _, l := range locs {
		before := strings.TrimSpace(s[:l[0]])
		if before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ";") || strings.HasSuffix(strings.ToLower(before), " and") {
			out = append(out, l)
		}
	}
	return out
}

// reSubordinate starts a clause that hangs on the one before it, which a list's items never
// do: "check your tyres every week, because soft tyres wear out fast and ..." lists nothing.
var reSubordinate = regexp.MustCompile(`(?i)^(?:because|since|so that|so|although|though|while|whereas|unless|if|when|which|who|porque|ya que|aunque|weil|obwohl|wenn|parce que|car|bien que|quand)\s`)

// parallel reports whether parts read as a list's items: none after the first is a
// subordinate clause, and when the first is an instruction, so is each of the others
// ("keep your medicines in a cool, dry place, away from sunlight" is one instruction);
// none is the predicate of the parts before it ("Our new teacher, Priya, leads the
// Thursday flow" is one sentence).
func parallel(parts []string) bool {
	for i, p := range parts {
		if i > 0 && (reSubordinate.MatchString(strings.TrimSpace(p)) && !reWhTo.MatchString(strings.TrimSpace(p)) || instruction(parts[0]) && !instruction(p) ||
			reWithPart.MatchString(strings.TrimSpace(p)) && !reWithPart.MatchString(strings.TrimSpace(parts[0])) ||
			predicate(p) && !looksStated(parts[0], "en")) {
			return false
		}
	}
	return true
}

// predicate reports whether p opens with a verb of the third person and its object:
// "leads the Thursday evening flow".
func predicate(p string) bool {
	f := strings.Fields(strings.TrimSpace(p))
	return len(f) > 1 && thirdPerson(f[0]) && objectLeads[strings.ToLower(f[1])]
}

// reWithPart opens a phrase that adds to the part before it ("we open a children's corner,
// with readings every Wednesday", "16 weeks fully paid, starting January 1"): no item of a
// list.
var reWithPart = regexp.MustCompile(`(?i)^(?:with|avec|con|mit|starting|beginning|effective|until|as of|ab|desde|hasta|à partir)\s`)

// instruction reports whether p is an English instruction: "unplug it", "then wait ten
// seconds", "never leave the till open", "do not use your phone", "never reuse passwords".
func instruction(p string) bool {
	ws := strings.Fields(reLeadConj.ReplaceAllString(strings.TrimSpace(p), ""))
	negated := false // after "do not", "don't" or "never" comes a verb, whichever it is
	for len(ws) > 1 {
		w := strings.ToLower(strings.ReplaceAll(ws[0], "’", "'"))
		switch {
		case stepAdverbs[w] || w == "don't":
			negated = negated || w == "never" || w == "don't"
			ws = ws[1:]
		case w == "do" && strings.EqualFold(ws[1], "not") && len(ws) > 2:
			negated = true
			ws = ws[2:]
		default:
			verbLike := (w == ws[0] || ws[0] == capFirst(w)) && !isFunctionWord(w) && !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed")
			return imperatives[w] || len(w) > 4 && strings.HasPrefix(w, "re") && imperatives[w[2:]] || // reuse, reopen
				negated && verbLike ||
				verbLike && objectLeads[strings.ToLower(ws[1])] && !thirdPerson(w) // "label everything you store", "feed the cat"; not "grinds the beans"
		}
	}
	return len(ws) > 0 && imperatives[strings.ToLower(ws[0])]
}

// reStepTime is how long a step lasts.
var reStepTime = regexp.MustCompile(`(?i)\b(?:seconds?|minutes?)\b`)

// objectLeads open the object of a verb: "label everything", "feed the cat", "back up your files".
var objectLeads = wordSet(`the your my our their his her its it them everything anything all every each this these those a an`)

var stepAdverbs = wordSet(`always never also just please then now gently carefully slowly quickly`)

// steps reports whether parts are three or more instructions: a procedure, which is said
// whole or not at all (a recap of its first steps would sound like all of it).
func steps(parts []string) bool {
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if !instruction(p) {
			return false
		}
	}
	return true
}

// pairedWord reports whether "a and b" pairs two words of one kind inside an item rather
// than ending a list: "December 24 and 31", "every Tuesday and Thursday", "Smith and Jones".
func pairedWord(a, b string) bool {
	aw, bw := strings.Fields(a), strings.Fields(b)
	// "your profit by client and by month": the same preposition again.
	if len(aw) > 0 && len(bw) > 1 && pairPreps[strings.ToLower(bw[0])] && slices.ContainsFunc(aw, func(w string) bool { return strings.EqualFold(w, bw[0]) }) {
		return true
	}
	if len(aw) == 0 || len(bw) != 1 {
		return false
	}
	last, next := aw[len(aw)-1], strings.Trim(bw[0], ".,;:!?")
	number := func(w string) bool { return w != "" && strings.Trim(w, "0123456789") == "" }
	return number(last) && number(next) || startsUpper(last) && startsUpper(next)
}

var pairPreps = wordSet(`by in on at for with from to per`)

func splitList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	parts := reListSplit.Split(s, -1)
	// "..., und sperre deinen Bildschirm, wenn du gehst": a clause that hangs on the part
	// before it goes with it, when the list has other items.
	if len(parts) >= 3 {
		for i := len(parts) - 1; i > 0; i-- {
			if reSubordinate.MatchString(strings.TrimSpace(parts[i])) && !reSubordinate.MatchString(strings.TrimSpace(parts[i-1])) &&
				!reWhTo.MatchString(strings.TrimSpace(parts[i])) { // "who to call for IT problems" is an item
				parts[i-1] += ", " + strings.TrimSpace(parts[i])
				parts = append(parts[:i], parts[i+1:]...)
			}
		}
	}
	last := parts[len(parts)-1]
	// ", and metamorphic rock forms under heat and pressure": the list's "and" is already
	// said; another one inside the last item is the item's own.
	closed := len(parts) > 1 && reLeadAnd.MatchString(last)
	if m := reLastAnd.FindStringSubmatch(last); m != nil && !closed && (len(parts) > 1 || len(strings.Fields(m[1])) <= 4) && !pairedWord(m[1], m[2]) {
		parts = append(parts[:len(parts)-1], m[1], m[2])
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cleanItem(p string) string {
	p = strings.TrimSpace(strings.Trim(strings.TrimSpace(p), `.,;:!?"'“”()`))
	for {
		q := reLeadConj.ReplaceAllString(p, "")
		if q == p {
			break
		}
		p = q
	}
	p = reExistential.ReplaceAllString(reItemLead.ReplaceAllString(p, ""), "") // "there will be food trucks"
	ws := strings.Fields(p)
	if len(ws) > 1 && (strings.EqualFold(ws[0], "a") || strings.EqualFold(ws[0], "an") || strings.EqualFold(ws[0], "the")) {
		ws = ws[1:]
	}
	p = strings.Join(ws, " ")
	// "Wait ten seconds" is a step, though "seconds" is a word about the video elsewhere.
	step := instruction(p)
	meta := isMetaPhrase(p) && !(step && !isMetaPhrase(reStepTime.ReplaceAllString(p, "")))
	if p == "" || hasHolder(p) || meta || !hasContentWord(p) && !step {
		return ""
	}
	return p // whole: a bullet is shortened where it is shown (bulletOfItem), never a fact
}

// reWhTo opens a question word with an infinitive, an item of its own: "who to call",
// "where to park", "how to badge in".
var reWhTo = regexp.MustCompile(`(?i)^(?:who|whom|what|where|when|which|how)\s+to\s`)

// Patterns compiled once, not per prompt.
var (
	reNotListHead = regexp.MustCompile(`(?i)(call[- ]to[- ]action|cta|tone|quote|title|url|link|website|when|where|date)\s*$`)
	reItemLead    = regexp.MustCompile(`(?i)^(?:how to|how you|that|with|including|featuring|plus|con|mit|avec|incluyendo|you(?:'ll| will)? get|expect)\s+`)
)

// doesList reads a sentence that lists what one thing does ("It scans receipts, tracks
// mileage, and exports to QuickBooks", "Ledgerly scans ..."): a subject (it, he, she or a
// name), then three or more parts, each opening with a verb of the third person. It
// returns the parts with their verbs, capitalised ("Scans receipts"), or nil.
func doesList(s string) []string {
	parts := splitList(strings.TrimRight(strings.TrimSpace(s), "."))
	if len(parts) < 3 {
		return nil
	}
	ws := strings.Fields(parts[0])
	subj := 0
	switch {
	case len(ws) > 1 && (strings.EqualFold(ws[0], "it") || strings.EqualFold(ws[0], "he") || strings.EqualFold(ws[0], "she")):
		subj = 1
	default:
		for subj < len(ws)-1 && subj < 3 && startsUpper(ws[subj]) {
			subj++
		}
	}
	if subj == 0 {
		return nil
	}
	parts[0] = strings.Join(ws[subj:], " ")
	out := make([]string, len(parts))
	for i, p := range parts {
		f := strings.Fields(reLeadConj.ReplaceAllString(strings.TrimSpace(p), ""))
		if len(f) < 2 || !thirdPerson(f[0]) {
			return nil
		}
		out[i] = capFirst(strings.Join(f, " "))
	}
	return out
}

// thirdPerson reports whether w reads as a verb of the third person singular: a lower-case
// word ending in s that is no function word ("scans", "tracks", "exports", "syncs").
func thirdPerson(w string) bool {
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.ToLower(w) != w {
		return false
	}
	return !isFunctionWord(w) && !strings.HasSuffix(w, "ous") && !strings.HasSuffix(w, "ics")
}
