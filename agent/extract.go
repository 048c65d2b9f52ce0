package agent

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// extractor holds a prompt prepared for extraction: URLs and long quotations are replaced
// by placeholder words so that their dots and commas do not split sentences or lists.
type extractor struct {
	orig   string
	plain  string            // prompt with placeholders
	urls   []string          // URLs exactly as written
	quoted []quotation       // long quotations, in order
	holder map[string]string // placeholder -> original text
	durAt  [2]int            // span of the length request in plain, or -1
}

type quotation struct {
	text, holder string
	at           int
}

var (
	reURL   = regexp.MustCompile(`(?i)\b(?:https?://[^\s<>"')\]]+|www\.[^\s<>"')\]]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|io|ai|org|net|co|app|dev|me|tv|de|es|fr|it|nl|uk|eu|us|ca|au|info|biz|shop|store|tech|xyz|gg|ly|so)(?:/[^\s<>"')\]]*)?)`)
	reQuote = regexp.MustCompile(`"([^"\n]{1,400})"|“([^”\n]{1,400})”|„([^“”\n]{1,400})[“”]|«\s?([^»\n]{1,400}?)\s?»|'([^'\n]{3,60})'`)
)

func placeholder(kind string, i int) string {
	return kind + "q" + string(rune('a'+i%26)) + strings.Repeat("z", i/26)
}

func newExtractor(p string) *extractor {
	x := &extractor{orig: p, holder: map[string]string{}, durAt: [2]int{-1, -1}}
	s := reURL.ReplaceAllStringFunc(p, func(u string) string {
		trimmed := strings.TrimRight(u, ".,;:!?")
		h := placeholder("url", len(x.urls))
		x.urls = append(x.urls, trimmed)
		x.holder[h] = trimmed
		return h + u[len(trimmed):]
	})
	s = reQuote.ReplaceAllStringFunc(s, func(m string) string {
		sm := reQuote.FindStringSubmatch(m)
		q := ""
		for _, g := range sm[1:] {
			if g != "" {
				q = g
				break
			}
		}
		q = strings.TrimSpace(q)
		if len(strings.Fields(q)) >= 4 {
			h := placeholder("quote", len(x.quoted))
			x.quoted = append(x.quoted, quotation{text: q, holder: h})
			x.holder[h] = q
			return h
		}
		return q // a short quoted string is a name: keep its words
	})
	x.plain = s
	for i := range x.quoted {
		x.quoted[i].at = strings.Index(s, x.quoted[i].holder)
	}
	return x
}

// restore puts URLs and quotations back into s.
func (x *extractor) restore(s string) string {
	for h, v := range x.holder {
		s = strings.ReplaceAll(s, h, v)
	}
	return s
}

func hasHolder(s string) bool {
	return strings.Contains(s, "urlq") || strings.Contains(s, "quoteq")
}

var reSentence = regexp.MustCompile(`[.!?]+(?:\s+|$)|\n+`)

// sentences splits the prompt into sentences (with placeholders).
func (x *extractor) sentences() []string {
	var out []string
	for _, s := range reSentence.Split(x.plain, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ---- length -------------------------------------------------------------------------

var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
	"forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "half a": 0.5, "half an": 0.5,
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "eine": 1, "einer": 1, "zwei": 2, "drei": 3,
	"une": 1, "deux": 2, "trois": 3,
}

var (
	reDurDigits = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)(?:\s*(?:-|–)\s*|\s*)(seconds?|secs?|minutes?|mins?|segundos?|minutos?|sekunden|sekündige[nrs]?|sek|minuten|minütige[nrs]?|secondes?|secondi|minuti|seconden|s)(?:$|[^\pL])`)
	reDurWords  = regexp.MustCompile(`(?i)\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|half an?|un|una|uno|dos|tres|eine|einer|zwei|drei|une|deux|trois)(?:\s*-\s*|\s+)(seconds?|minutes?|segundos?|minutos?|sekunden|minuten|minütige[nrs]?|secondes?)\b(\s+and\s+a\s+half|\s+y\s+medio|\s+et\s+demie)?`)
	reAndHalf   = regexp.MustCompile(`(?i)\b(one|two|three|1|2|3)\s+and\s+a\s+half\s+minutes?\b`)
	reDurNoun   = regexp.MustCompile(`(?i)^[\s-]*(?:[\pL-]+\s+){0,3}?(?:video|clip|explainer|walkthrough|walk-through|demo|ad|advert|tutorial|promo|reel|short|pitch|intro|teaser|recap|summary|digest|briefing|round-?up|review|tour|guide|lesson|talk|speech|explanation|recap|update|overview|announcement|training|invitation|welcome|message|presentation|commercial|story|piece|spot|film|tiktok|hello|greeting|shout-out|post|vídeo|produktvideo|erklärvideo|vidéo|anuncio|spot)`)
	reDurCtx    = regexp.MustCompile(`(?i)(long|in length|max|maximum|or less|or shorter|under|about|around|roughly|approximately|approx|keep it|length|duration|lasting|runtime|no more than|at most|up to|lang|de duración|durée|dure)`)
)

// duration finds the length the prompt asks for, in seconds, or 0. A length counts when it
// describes the video ("a 30-second ad"), comes with a length word ("about 2 minutes
// long"), or opens the request; "10-minute workouts" later in the prompt does not.
func (x *extractor) duration() int {
	type hit struct {
		sec        float64
		start, end int
	}
	var hits []hit
	for _, m := range reAndHalf.FindAllStringSubmatchIndex(x.plain, -1) {
		n := x.plain[m[2]:m[3]]
		v, ok := numberWords[strings.ToLower(n)]
		if !ok {
			v, _ = strconv.ParseFloat(n, 64)
		}
		hits = append(hits, hit{(v + 0.5) * 60, m[0], m[1]})
	}
	for _, m := range reDurDigits.FindAllStringSubmatchIndex(x.plain, -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(x.plain[m[2]:m[3]], ",", "."), 64)
		if err != nil {
			continue
		}
		unit := strings.ToLower(x.plain[m[4]:m[5]])
		if unit == "s" && (m[5]-m[3] != 1 || strings.HasSuffix(strings.ToLower(strings.TrimSpace(x.plain[:m[2]])), "the")) {
			continue // "90s" only when attached, and never "the 90s"
		}
		if strings.HasPrefix(unit, "m") {
			v *= 60
		}
		hits = append(hits, hit{v, m[0], m[5]})
	}
	for _, m := range reDurWords.FindAllStringSubmatchIndex(x.plain, -1) {
		v := numberWords[strings.ToLower(x.plain[m[2]:m[3]])]
		if strings.HasPrefix(strings.ToLower(x.plain[m[4]:m[5]]), "m") {
			v *= 60
		}
		if m[6] >= 0 {
			v += 30
		}
		hits = append(hits, hit{v, m[0], m[1]})
	}
	if strings.Contains(strings.ToLower(x.plain), "half a minute") {
		i := strings.Index(strings.ToLower(x.plain), "half a minute")
		hits = append(hits, hit{30, i, i + len("half a minute")})
	}
	best := -1
	for i, h := range hits {
		if h.sec < 3 || h.sec > 3600 {
			continue
		}
		after := x.plain[h.end:]
		lo := h.start - 40
		if lo < 0 {
			lo = 0
		}
		ctx := x.plain[lo:h.start] + " " + firstN(after, 30)
		early := len(strings.Fields(x.plain[:h.start])) < 8 ||
			strings.HasSuffix(strings.ToLower(strings.TrimSpace(x.plain[:h.start])), " in")
		if strings.ContainsAny(x.plain[h.start:h.end], "-–") && !reDurNoun.MatchString(after) {
			continue // "10-minute workouts" describes something else
		}
		// "... for developers. 45 seconds." or "Length: 2 minutes": the length stands alone.
		before := x.plain[:h.start]
		if i := strings.LastIndexAny(before, ".!?\n:,;("); i >= 0 {
			before = before[i+1:]
		}
		rest := after
		if i := strings.IndexAny(rest, ".!?\n,;)"); i >= 0 {
			rest = rest[:i]
		}
		alone := len(strings.Fields(before)) <= 2 && len(strings.Fields(rest)) <= 2
		if reDurNoun.MatchString(after) || reDurCtx.MatchString(ctx) || early || alone {
			if best < 0 || h.start < hits[best].start {
				best = i
			}
		}
	}
	if best < 0 {
		return 0
	}
	x.durAt = [2]int{hits[best].start, hits[best].end}
	return int(math.Round(hits[best].sec))
}

func firstN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8Start(s[n]) {
		n++
	}
	return s[:n]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// ---- names --------------------------------------------------------------------------

var notNames = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`tiktok youtube instagram reels reel shorts stories facebook linkedin snapchat twitter
		pinterest vimeo whatsapp i i'm ok cta url faq hr ai ui ux api crm erp b2b b2c saas seo diy
		january february march april may june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday today tomorrow
		create make produce generate build write explain introduce announce invite welcome meet
		show present pitch promote teach tell help let join start please hey hi hello need want
		keep include mention highlight end finish use add focus cover describe walk give ask
		new video our we my your their this that these the a an it its in on for with and
		step steps first next then finally also title subtitle quote stat note tip tips
		friendly professional energetic upbeat calm playful inspiring casual formal
		record film shoot prepare draft produce sales marketing step-by-step quick short brief
		erstelle erstellen crea haz créez crée`) {
		notNames[w] = true
	}
	for w := range languageNames {
		notNames[w] = true
	}
}

func isCapWord(w string) bool {
	rs := []rune(w)
	if len(rs) == 0 {
		return false
	}
	if unicode.IsUpper(rs[0]) {
		return true
	}
	// "iPhone", "eBay", "X200"
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func isInnerCap(w string) bool {
	rs := []rune(w)
	letters, digits := false, false
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			return true
		}
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	return letters && digits && unicode.IsUpper(rs[0])
}

// names finds proper names: runs of capitalised words ("Acme Pay", "TaskFlow"). In German,
// where every noun is capitalised, only mixed-case words count.
func (x *extractor) names(promptLang string) []string {
	var out []string
	seen := map[string]bool{}
	for _, sent := range x.sentences() {
		toks := strings.Fields(sent)
		var run []string
		flush := func() {
			for len(run) > 0 && (notNames[strings.ToLower(run[0])] || isConnector(run[0])) {
				run = run[1:]
			}
			for len(run) > 0 && (notNames[strings.ToLower(run[len(run)-1])] || isConnector(run[len(run)-1])) {
				run = run[:len(run)-1]
			}
			if len(run) > 0 && len(run) <= 5 {
				n := strings.Join(run, " ")
				allShortCaps := len(run) == 1 && len([]rune(n)) <= 4 && strings.ToUpper(n) == n
				if !seen[strings.ToLower(n)] && !allShortCaps && !hasHolder(n) {
					seen[strings.ToLower(n)] = true
					out = append(out, n)
				}
			}
			run = nil
		}
		for i, t := range toks {
			end := strings.ContainsAny(t[len(t)-1:], ",;:)")
			w := strings.Trim(t, `,;:()"'“”„«»!?`)
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			ok := isCapWord(w)
			if promptLang == "de" {
				ok = isInnerCap(w)
			}
			if ok && i == 0 && !isInnerCap(w) {
				lw := strings.ToLower(w)
				if notNames[lw] || isFunctionWord(lw) || instructionWords[lw] {
					ok = false
				}
			}
			if ok {
				run = append(run, w)
			} else if len(run) > 0 && isConnector(w) && i+1 < len(toks) && isCapWord(toks[i+1]) {
				run = append(run, w)
			} else {
				flush()
			}
			if i == 0 && len(run) == 1 && !isInnerCap(w) && (strings.HasSuffix(t, ":") || !isCapWord(nextTok(toks, i)) && strings.Count(x.plain, w) == 1) {
				// A capitalised first word is a name only if a capitalised word follows it
				// or it is capitalised elsewhere too ("Highlights: ...", "Sales video ...").
				run = nil
			}
			if end || w != strings.Trim(t, `,;:()"'“”„«»!?`) {
				flush()
			}
		}
		flush()
	}
	return out
}

func isConnector(w string) bool { return w == "&" || w == "of" || w == "de" || w == "and" }

// ---- subject ------------------------------------------------------------------------

var (
	reCalled = regexp.MustCompile(`(?i)\b(?:called|named|titled|branded as|namens|llamad[oa]|denominad[oa]|appel(?:é|ée)|nomm(?:é|ée)|chiamat[oa])\s+["“„«']?([^,.;:!?"”“«»\n]+)`)
	reHowTo  = regexp.MustCompile(`(?i)\bhow\s+to\s+([^,.;:!?\n]+)`)
	reWh     = regexp.MustCompile(`(?i)\b(how|why|what)\s+([^,.;:!?\n]+)`)
	reTopic  = regexp.MustCompile(`(?i)(?:^|[^\pL])(about|regarding|explaining|explains|explain|introducing|introduce|introduces|showcasing|showcase|showcases|presenting|present|presents|announcing|announce|announces|promoting|promote|promotes|describing|launch of|release of|demo of|tour of|walkthrough of|walk-through of|overview of|introduction to|guide to|on|for|of|to|sobre|acerca de|para|über|zum|zur|für|sur|pour|de la|du)\s+`)
)

var topicRank = map[string]int{"on": 1, "for": 2, "para": 2, "für": 2, "pour": 2, "of": 3, "zum": 3, "zur": 3, "de la": 3, "du": 3, "to": 4}

// boundary words end a noun phrase.
var npBoundary = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`that which who whom whose where when with without to in into for by using
		ending end including featuring highlighting showing covering so because while from at as like
		such via plus on explaining joining starting aimed targeted targeting then but or than if
		within across during before after under over using make keep focus
		is are was were will has have had can could should would now
		que con para por donde cuando incluyendo mostrando destacando terminando sin dirigido
		mit für um zu auf bei wie damit dass im in von zum zur über und
		qui avec pour dans par sur sans dont et`) {
		npBoundary[w] = true
	}
}

var determiners = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the our my your their his her its this these those
		un una unos unas el la los las nuestro nuestra nuestros nuestras mi tu su sus
		ein eine einen einem einer der die das den dem des unser unsere unseren unserem unserer ihr ihre ihren
		le les l' une des notre nos votre vos mon ma mes son sa ses`) {
		determiners[w] = true
	}
}

var andVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`highlight highlights show shows mention end ending include explain keep make use add
		focus cover then finish close ask invite encourage tell showcase walk give describe feature`) {
		andVerbs[w] = true
	}
}

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
				if np, det, isNew := nounPhrase(sents[0][i+1:]); np != "" && hasContentWord(np) && !isPeople(np) {
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

var rePeopleOf = regexp.MustCompile(`(?i)^(?:[\pL'’-]+\s+){0,3}?(?:` + peopleNouns + `)\s+(?:of|at|de|del|bei|von|chez|d')\s*(.+)`)

var reRecapOf = regexp.MustCompile(`(?i)^(?:(?:create|make|write|produce)\s+)?(?:a|an|the|our)?\s*(.{3,40}?)\s+(?:recap|update|round-?up|digest|review|summary|highlights)\b`)

var reAppos = regexp.MustCompile(`(?i)^\s*,\s*((?:our|the|a|an|its|their|your)\s+[^,.;:!?]+)`)

var particles = map[string]bool{"up": true, "in": true, "out": true, "on": true, "off": true, "down": true, "back": true, "through": true}

var auxiliaries = map[string]bool{"is": true, "are": true, "does": true, "do": true, "did": true, "can": true, "was": true, "were": true, "exactly": true, "actually": true, "really": true}

var commonVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`work works matter matters happen happens function functions operate operates grow grows
		form forms help helps fight fights make makes keep keeps turn turns use uses get gets protect protects
		change changes affect affects cause causes create creates produce produces convert converts generate
		generates store stores move moves travel travels spread spreads learn learns think thinks run runs
		power powers is are was were do does can could will would should may might have has had become becomes
		stay stays save saves cost costs compare compares differ differs fit fits connect connects
		train trains teach teaches absorb absorbs reach reaches build builds`) {
		commonVerbs[w] = true
	}
}

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

// ---- audience -----------------------------------------------------------------------

const peopleNouns = `board|board members|team|crew|department|class|employees|staff|hires|starters|developers|devs|engineers|designers|managers|leaders|executives|customers|clients|users|students|pupils|kids|children|parents|teachers|beginners|newcomers|nurses|doctors|patients|teams|members|partners|investors|founders|marketers|salespeople|sales reps|reps|homeowners|buyers|sellers|shoppers|owners|businesses|companies|startups|professionals|freelancers|creators|gamers|travell?ers|families|seniors|retirees|millennials|teens|teenagers|everyone|admins|administrators|operators|drivers|volunteers|donors|subscribers|readers|agents|recruiters|analysts|scientists|researchers|colleagues|coworkers|co-workers|workers|contractors|vendors|suppliers|shareholders|stakeholders|citizens|residents|guests|attendees|fans|athletes|runners|chefs|cooks|landlords|tenants|accountants|lawyers|physicians|caregivers|learners|trainees|interns|apprentices|retailers|dealers|franchisees|people|audiences|empleados|clientes|usuarios|estudiantes|desarrolladores|principiantes|niños|padres|profesores|equipos|socios|inversores|mitarbeiter|mitarbeitende|mitarbeiterinnen|kunden|nutzer|studierende|entwickler|anfänger|kinder|eltern|lehrer|investoren|kollegen|auszubildende|hausbesitzer|eigentümer|führungskräfte|propietarios|propriétaires|employés|salariés|utilisateurs|étudiants|développeurs|débutants|enfants|enseignants|équipes|partenaires|investisseurs|collaborateurs`

var (
	rePeopleEnd = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:` + peopleNouns + `)$`)
	reAudience  = regexp.MustCompile(`(?i)(?:^|[^\pL])(?:for|aimed at|targeted at|targeting|to|para|für|pour|dirigido a|destinado a)\s+((?:[\pL'’-]+\s+){0,4}?(?:` + peopleNouns + `))(?:$|[^\pL])`)
)

func isPeople(np string) bool { return rePeopleEnd.MatchString(strings.TrimSpace(np)) }

var audiencePreps = map[string]bool{"for": true, "to": true, "at": true, "para": true, "für": true, "pour": true, "a": true, "of": true, "about": true, "on": true}

func (x *extractor) audience() string {
	m := reAudience.FindStringSubmatch(x.plain)
	if m == nil {
		return ""
	}
	ws := strings.Fields(m[1])
	for i := len(ws) - 1; i >= 0; i-- {
		if audiencePreps[strings.ToLower(ws[i])] {
			ws = ws[i+1:]
			break
		}
	}
	for len(ws) > 1 && (determiners[strings.ToLower(ws[0])] || strings.EqualFold(ws[0], "all")) {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

// ---- items --------------------------------------------------------------------------

var (
	reBulletLine = regexp.MustCompile(`(?m)^\s*(?:[-*•·–]|\d{1,2}[.)])\s+(.+?)\s*$`)
	reListCue    = regexp.MustCompile(`(?i)(?:^|[^\pL])(features?(?:\s+like|\s+such\s+as)?|including|includes|include|such as|like|highlight(?:ing|s)?|covering|covers|cover|mention(?:ing)?|showcasing|showing|show|with|steps?|tips?|points?|topics?|benefits?|incluyendo|incluye|como|destacando|mit|wie|inklusive|einschließlich|avec|comme|notamment|dont)\s+(.+)`)
	reSequence   = regexp.MustCompile(`(?i)\b(?:first(?:ly)?|then|next|after that|afterwards|finally|lastly)\b,?\s*`)
	reListSplit  = regexp.MustCompile(`\s*[,;]\s*`)
	reLastAnd    = regexp.MustCompile(`(?i)^(.+?)\s+(?:and|&|y|und|et|e|plus)\s+(.+)$`)
	reLeadConj   = regexp.MustCompile(`(?i)^(?:and|or|also|then|finally|lastly|first(?:ly)?|next|plus|y|und|et|e)\s+`)
)

var singleCues = map[string]bool{"highlight": true, "highlighting": true, "highlights": true, "feature": true, "features": true, "showcasing": true, "destacando": true}

// items finds the features, steps or points the prompt lists.
func (x *extractor) items(a *Analysis) []string {
	var out []string
	add := func(parts []string) {
		for _, p := range parts {
			p = cleanItem(p)
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
			if !regexp.MustCompile(`(?i)(call[- ]to[- ]action|cta|tone|quote|title|url|link|website|when|where|date)\s*$`).MatchString(head) {
				if parts := splitList(cutAtMeta(s[i+1:])); len(parts) >= 2 {
					add(parts)
					continue
				}
			}
		}
		if m := reListCue.FindStringSubmatch(s); m != nil {
			parts := splitList(cutAtMeta(m[2]))
			cueWord := strings.ToLower(strings.Fields(m[1])[0])
			if len(parts) >= 2 || (len(parts) == 1 && singleCues[cueWord]) {
				add(parts)
				continue
			}
		}
		if locs := reSequence.FindAllStringIndex(s, -1); len(locs) >= 2 {
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
		if strings.EqualFold(it, a.Subject) || strings.EqualFold(it, a.Audience) || isPeople(it) && len(strings.Fields(it)) <= 2 {
			continue
		}
		keep = append(keep, it)
	}
	return keep
}

func splitList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	parts := reListSplit.Split(s, -1)
	last := parts[len(parts)-1]
	if m := reLastAnd.FindStringSubmatch(last); m != nil && (len(parts) > 1 || len(strings.Fields(m[1])) <= 4) {
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
	p = regexp.MustCompile(`(?i)^(?:how to|how you|that)\s+`).ReplaceAllString(p, "")
	ws := strings.Fields(p)
	if len(ws) > 1 && (strings.EqualFold(ws[0], "a") || strings.EqualFold(ws[0], "an") || strings.EqualFold(ws[0], "the")) {
		ws = ws[1:]
	}
	p = strings.Join(ws, " ")
	if p == "" || hasHolder(p) || isMetaPhrase(p) || !hasContentWord(p) {
		return ""
	}
	if len(ws) > 8 {
		p = limitWords(p, 8)
	}
	return p
}

// ---- numbers, quotes, calls to action -----------------------------------------------

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
			line = regexp.MustCompile(`(?i)^(?:and\s+|also\s+|please\s+)?(?:mention|say|note|highlight|stress|add|include|point out|show)\s+(?:that\s+)?`).ReplaceAllString(line, "")
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

var reQuoteAuthorAfter = regexp.MustCompile(`^\s*(?:[-—–,]\s*|\s+(?:from|by|says|said|—)\s+)([A-Z][\pL.'-]*(?:\s+[A-Z][\pL.'-]*){0,3})`)
var reQuoteAuthorBefore = regexp.MustCompile(`(?:from|by|quoting|quote|says|said)\s+(?:our\s+)?([A-Z][\pL.'-]*(?:\s+[A-Z][\pL.'-]*){0,3})(?:,\s*(?:our\s+)?([\pL ]{2,30}?))?\s*[:,]?\s*$`)

func (x *extractor) quotes() []Quote {
	var out []Quote
	for _, q := range x.quoted {
		qt := Quote{Text: strings.TrimRight(q.text, " ")}
		after := x.plain[q.at+len(q.holder):]
		if m := reQuoteAuthorAfter.FindStringSubmatch(after); m != nil {
			qt.Author = m[1]
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
	reCTAEnd   = regexp.MustCompile(`(?i)\b(?:ending|end|finish|finishing|close|closing|wrap(?:ping)? up)\s+(?:it\s+)?(?:with|by|on)\s+(?:asking\s+(?:viewers|people|them|everyone)\s+to\s+|telling\s+\w+\s+to\s+|an?\s+(?:invitation|prompt|push|nudge|reminder|request)\s+to\s+|a\s+call\s+to\s+)?([^.;!?\n]+)`)
	reCTAAsk   = regexp.MustCompile(`(?i)\b(?:ask|encourage|tell|urge|remind)\s+(?:viewers|people|them|everyone|users|customers|employees|the audience|listeners|prospects|attendees|guests|followers)\s+to\s+([^.;!?\n]+)`)
	reCTAVerb  = regexp.MustCompile(`(?i)(?:^|\s)((?:sign up|register|download|visit|book|buy|order|try|subscribe|rsvp|get started|learn more|shop|apply|contact us|schedule|reserve|install|start (?:your|a) free trial|regístrate|visita|descarga|besuchen sie|besuche|jetzt|inscrivez-vous|visitez|téléchargez)\b[^.;!?\n]*)`)
)

// cta finds the call to action as the prompt put it, in the imperative.
func (x *extractor) cta() string {
	var c string
	for _, re := range []*regexp.Regexp{reCTALabel, reCTAEnd, reCTAAsk} {
		if m := re.FindStringSubmatch(x.plain); m != nil {
			c = m[1]
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
	c = regexp.MustCompile(`(?i)^(?:an?\s+|the\s+)?(?:call[- ]to[- ]action|cta)\s+(?:to\s+)?`).ReplaceAllString(c, "")
	c = regexp.MustCompile(`(?i)^to\s+`).ReplaceAllString(c, "")
	c = regexp.MustCompile(`(?i)\s+(?:in\s+an?\s+\w+\s+tone|and\s+keep\s+it.*)$`).ReplaceAllString(c, "")
	c = strings.TrimRight(c, " ,:")
	if c == "" || !hasContentWord(c) && !hasHolder(c) {
		return ""
	}
	c = regexp.MustCompile(`(?i)\btheir\b`).ReplaceAllString(c, "your")
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

// ---- when and where -----------------------------------------------------------------

const months = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre`
const weekdays = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`

var reWhen = regexp.MustCompile(`(?i)\b(?:(?:this|next|on)\s+)?(?:(?:` + weekdays + `),?\s+)?(?:(?:` + months + `)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?(?:` + months + `)(?:[^\pL]|$)(?:\s*\d{4})?|(?:` + weekdays + `)|tomorrow|tonight)(?:\s+(?:at|from|um|a las|à)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?(?:\s*(?:-|–|to)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|uhr|h)?)?(?:\s+(?-i:[A-Z]{2,4})\b)?)?`)

func (x *extractor) when() string {
	m := reWhen.FindString(x.plain)
	m = strings.TrimSpace(m)
	m = regexp.MustCompile(`(?i)^on\s+`).ReplaceAllString(m, "")
	return m
}

var (
	reWhereAt = regexp.MustCompile(`\b(?:at|in|en|im|à|au)\s+((?:the\s+|la\s+|el\s+|le\s+)?[A-Z][\pL'&-]*(?:\s+(?:[A-Z][\pL'&-]*|of|de|the))*(?:,?\s+in\s+[A-Z][\pL'-]*(?:\s+[A-Z][\pL'-]*)*)?)`)
	reOnline  = regexp.MustCompile(`(?i)\b(online|virtual(?:ly)?|on zoom|via zoom|on teams|livestream(?:ed)?|live stream)\b`)
)

func (x *extractor) where(a *Analysis) string {
	for _, m := range reWhereAt.FindAllStringSubmatch(x.plain, -1) {
		pl := strings.TrimRight(m[1], ".,")
		lw := strings.ToLower(pl)
		fs := strings.Fields(pl)
		first := strings.ToLower(fs[0])
		if determiners[first] && len(fs) > 1 {
			first = strings.ToLower(fs[1])
		}
		if notNames[first] || notNames[lw] || (a.Name != "" && strings.EqualFold(pl, a.Name)) || hasHolder(lw) || reWhen.MatchString(pl) {
			continue
		}
		if _, ok := languageNames[lw]; ok {
			continue
		}
		if a.Kind != KindEvent && a.Kind != KindAnnouncement && a.Kind != KindWelcome {
			return ""
		}
		return pl
	}
	if a.Kind == KindEvent {
		if m := reOnline.FindString(x.plain); m != "" {
			return strings.ToLower(m)
		}
	}
	return ""
}

// placeName reports whether a name appears in the prompt as a place ("at the Grand Hotel",
// "in Berlin") rather than as the subject.
func (x *extractor) placeName(n string) bool {
	re := regexp.MustCompile(`(?i)\b(?:at|in|near|from)\s+(?:the\s+)?` + regexp.QuoteMeta(n))
	return re.MatchString(x.plain)
}

func nextTok(toks []string, i int) string {
	if i+1 < len(toks) {
		return strings.Trim(toks[i+1], `,;:()"'“”„«»!?`)
	}
	return ""
}

// blank replaces a span of the prompt (a length or language request) with spaces, so that
// it is not read as content.
func (x *extractor) blank(sp [2]int) {
	if sp[0] < 0 || sp[1] > len(x.plain) {
		return
	}
	x.plain = x.plain[:sp[0]] + strings.Repeat(" ", sp[1]-sp[0]) + x.plain[sp[1]:]
}
