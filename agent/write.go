package agent

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// composer writes the scenes of one storyboard: it turns the analysis into variables for
// the phrase set, picks the beats of the kind's arc, realises each as a scene with a pool
// of sentences, and fits the pool to the target length.
type composer struct {
	a       *Analysis
	seed    uint64
	wpm     float64
	pause   time.Duration
	set     phraseSet
	lang    string // phrase language
	native  bool   // the prompt is written in the narration's language
	vars    map[string]string
	items   []string  // items to talk about: the prompt's first, then fallbacks
	nItems  int       // how many of items came from the prompt
	hasPain bool      // the domain lexicon knows this subject's pain point
	prevKey string    // the beat realised just before (while realising)
	doc     *document // the brief's documents, nil if none
}

func newComposer(a *Analysis, seed uint64, wpm float64, pause time.Duration) *composer {
	set, lang := phrasesFor(a.Language)
	c := &composer{a: a, seed: seed, wpm: wpm, pause: pause, set: set, lang: lang}
	c.native = baseLang(a.PromptLang) == lang
	c.items = append([]string(nil), a.Items...)
	c.nItems = len(c.items)
	c.vars = c.baseVars()
	return c
}

func (c *composer) newWriter(shortest bool) *writer {
	return &writer{set: c.set, lang: c.lang, seed: c.seed, register: register(c.a.Tone),
		vars: c.vars, used: map[string]bool{}, uses: map[string]int{}, shortest: shortest}
}

var andWord = map[string]string{"en": "and", "es": "y", "de": "und", "fr": "et"}

var numberWord = map[string][]string{
	"en": {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight"},
	"es": {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho"},
	"de": {"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht"},
	"fr": {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit"},
}

var reWhClause = regexp.MustCompile(`(?i)^(how|why|what|when|where|who|cómo|por qué|qué|wie|warum|was|comment|pourquoi|qu'est-ce)\b`)

// baseVars computes the variables every phrasing may use.
func (c *composer) baseVars() map[string]string {
	a := c.a
	v := map[string]string{}
	ref, short := c.refs()
	v["ref"], v["short"] = ref, short
	v["subject"] = c.subjectPhrase()
	if !c.native && a.Name == "" {
		v["subject"] = ref
	}
	v["name"] = a.Name
	topic := strings.TrimSpace(a.Topic)
	if c.native && reWhClause.MatchString(topic) {
		v["question"] = lowerFirst(topic)
		v["about"] = lowerFirst(topic)
	} else {
		v["about"] = ref
	}
	switch {
	case a.Name != "":
		v["org"] = a.Name
	case a.memOrg != "":
		v["org"] = a.memOrg
	case a.Kind == KindWelcome && a.Subject != "" && !isPeople(a.Subject) && a.Subject != "this topic":
		v["org"] = ref
	default:
		v["org"] = c.firstPhrase("org.default")
	}
	if c.native || baseLang(a.Language) == "en" {
		v["audience"] = a.Audience
	}
	if len(a.URLs) > 0 {
		v["url"] = speakableURL(a.URLs[0])
	}
	if a.CTA != "" && c.native {
		cta := a.CTA
		for _, u := range a.URLs {
			cta = strings.ReplaceAll(cta, u, speakableURL(u))
		}
		v["cta"] = lowerFirst(strings.TrimRight(cta, ".!"))
	}
	v["when"] = a.When
	v["where"] = a.Where
	if a.Offer != "" && c.native {
		off := a.Offer
		if c.lang == "en" && regexp.MustCompile(`(?i)^free (trial|demo|consultation|month)`).MatchString(off) {
			off = "a " + off
		}
		v["offer"] = off
	}
	v["pain"] = c.pain()
	v["x"] = c.titleSubject()
	if topic != "" && c.native {
		v["topic"] = titleCase(topic, c.lang)
	}
	return v
}

// refs returns how narration refers to the subject: first mention and back-reference.
func (c *composer) refs() (ref, short string) {
	a := c.a
	if a.Name != "" {
		return a.Name, a.Name
	}
	s := a.Subject
	if !c.native {
		t := titleCase(s, "en")
		return t, t
	}
	det := a.det
	switch c.lang {
	case "en":
		switch det {
		case "a", "an", "the", "this", "that", "these", "those", "their", "its", "his", "her":
			det = "the"
		case "my", "our":
			det = "our"
		case "your":
		case "":
		default: // a possessive such as "Acme's"
		}
		ref = join(det, ifStr(a.isNew, "new"), s)
		short = ref
		if det != "" {
			ws := strings.Fields(s)
			if len(ws) > 1 {
				short = det + " " + ws[len(ws)-1]
			} else {
				short = det + " " + s
			}
		}
		return ref, short
	case "es":
		if d, ok := map[string]string{"un": "el", "una": "la", "unos": "los", "unas": "las"}[det]; ok {
			det = d
		}
	case "fr":
		switch det {
		case "un":
			det = "le"
		case "une":
			det = "la"
		case "des":
			det = "les"
		}
		if (det == "le" || det == "la") && startsWithVowel(s) {
			return "l'" + s, "l'" + s
		}
	}
	ref = join(det, s)
	return ref, ref
}

func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.ToLower(s))
	return strings.ContainsRune("aeiouéèêàâîïôûh", r)
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

func ifStr(b bool, s string) string {
	if b {
		return s
	}
	return ""
}

// titleSubject is the subject as it appears in titles.
func (c *composer) titleSubject() string {
	if c.a.Name != "" {
		return c.a.Name
	}
	if !c.native {
		return titleCase(c.a.Subject, "en")
	}
	return titleCase(c.a.Subject, c.lang)
}

// subjectPhrase is the subject with the determiner it needs in running text: "the sky",
// "our data privacy policy", "a CDN" (explainers speak of the kind), "solar panels".
func (c *composer) subjectPhrase() string {
	a := c.a
	if a.Name != "" && strings.EqualFold(a.Subject, a.Name) || c.lang != "en" {
		return a.Subject
	}
	switch a.det {
	case "":
		return a.Subject
	case "a", "an":
		if a.Kind == KindExplainer {
			return a.det + " " + a.Subject
		}
		return "the " + a.Subject
	case "the", "this", "that", "these", "those", "their", "its", "his", "her":
		return "the " + a.Subject
	case "my", "our":
		return "our " + a.Subject
	}
	return a.det + " " + a.Subject
}

func (c *composer) firstPhrase(key string) string {
	vs := c.set[key]
	if len(vs) == 0 {
		vs = phrasesEN[key]
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[hash64(key, strconv.FormatUint(c.seed, 10))%uint64(len(vs))]
}

func (c *composer) pain() string {
	if c.lang == "en" && c.native {
		if d := domainFor(c.a.Subject, c.a.Topic+" "+strings.Join(c.a.Keywords, " ")); d != nil {
			c.hasPain = true
			return d.pain
		}
	}
	return c.firstPhrase("pain")
}

// speakableURL is a URL as a narrator says it: no scheme, no trailing slash.
func speakableURL(u string) string {
	s := regexp.MustCompile(`(?i)^https?://`).ReplaceAllString(u, "")
	return strings.TrimRight(s, "/")
}

// title returns the storyboard title: at most 40 characters.
func (c *composer) title() string {
	w := c.newWriter(false)
	key := "title." + string(c.a.Kind)
	var fits []string
	for _, p := range w.phrases(key) {
		_, body := splitTag(p)
		t, ok := fill(body, c.vars)
		if ok && utf8.RuneCountInString(t) <= 40 {
			fits = append(fits, t)
		}
	}
	if len(fits) > 0 {
		if c.vars["question"] != "" && c.vars["topic"] != "" && fits[0] == c.vars["topic"] {
			return fits[0] // "How Solar Panels Work" beats "Solar Panels, Explained"
		}
		return fits[hash64(key, strconv.FormatUint(c.seed, 10))%uint64(len(fits))]
	}
	return shorten(c.vars["x"], 40)
}

// fallbackItems returns items for the arc when the prompt lists too few.
func (c *composer) fallbackItems(w *writer) []string {
	var out []string
	switch c.a.Kind {
	case KindProduct, KindSocialAd, KindTraining, KindSales:
		if c.lang == "en" && c.native {
			if d := domainFor(c.a.Subject, c.a.Topic+" "+strings.Join(c.a.Keywords, " ")); d != nil {
				out = append(out, d.items...)
			}
		}
	}
	switch c.a.Kind {
	case KindSales, KindAnnouncement, KindRecap, KindSocialAd, KindExplainer, KindEvent:
		// Benefits, news, results, points and highlights cannot be made up: only the
		// prompt's own (and, for sales and ads, the domain's).
	default:
		out = append(out, w.list("items."+string(c.a.Kind))...)
	}
	return out
}

// ---- beats and scenes ---------------------------------------------------------------

// beat is one step of a kind's narrative arc. Lower pri is more essential.
type beat struct {
	key   string
	pri   int
	items []int // indices into composer.items, for item and step beats
}

// draft is a realised beat: a pool of sentences (the first core ones are always said) and
// what to show.
type draft struct {
	beat    beat
	lines   []line
	core    int
	take    int
	prefer  string // "title", "presenter", "bubble", "side", "cta"
	visual  videoagent.Visual
	bullets bool // append the bullets of the sentences said
}

func (d *draft) words() int {
	n := 0
	for _, l := range d.lines[:d.take] {
		n += l.words
	}
	return n
}

func (d *draft) narration() string {
	var parts []string
	for _, l := range d.lines[:d.take] {
		parts = append(parts, l.text)
	}
	return strings.Join(parts, " ")
}

// realize writes the sentences of one beat. pos and count give an item beat's place among
// the item beats chosen (for "first", "next", "finally").
func (c *composer) realize(w *writer, b beat, pos, count int, title string) *draft {
	d := &draft{beat: b, prefer: "side", bullets: true}
	slot := b.key + strconv.Itoa(pos)
	add := func(key string, extra map[string]string) bool {
		l, ok := w.say(key, slot, extra)
		if ok {
			d.lines = append(d.lines, l)
		}
		return ok
	}
	more := func(key string, n int, extra map[string]string) {
		for i := 0; i < n; i++ {
			l, ok := w.say(key, slot+"m"+strconv.Itoa(i), extra)
			if !ok {
				return
			}
			d.lines = append(d.lines, l)
		}
	}
	label := func(key string) string { return w.label(key, c.vars) }
	itemList := c.itemList(4)
	listVars := map[string]string{"items": joinList(itemList, andWord[c.lang]), "n": c.numberWord(len(itemList))}
	if b.key == "solution" && len(itemList) > 3 {
		listVars["items"] = joinList(itemList[:3], andWord[c.lang])
	}
	if len(itemList) < 2 {
		listVars = nil
	}
	bulletsOf := func(items []string) []string {
		var out []string
		for _, it := range items {
			out = append(out, bulletText(it))
		}
		return out
	}
	set := func(kind, title string) {
		d.visual = videoagent.Visual{Kind: kind, Title: shorten(title, 40)}
	}

	switch b.key {
	case "open":
		add("open."+string(c.a.Kind), nil)
		d.core = len(d.lines)
		more("open.more", 1, nil)
		d.prefer, d.bullets = "title", false
		sub, _ := w.say("sub."+string(c.a.Kind), "sub", nil)
		d.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: title, Subtitle: shorten(strings.TrimRight(sub.text, "."), 60)}
	case "cta":
		if c.vars["cta"] != "" {
			add("cta", nil)
		} else {
			add("cta."+string(c.a.Kind), nil)
		}
		if c.vars["url"] != "" && len(d.lines) > 0 && !strings.Contains(d.lines[0].text, c.vars["url"]) {
			add("cta.url", nil)
		}
		d.core = len(d.lines)
		if c.vars["cta"] != "" || (c.a.Kind != KindRecap && c.a.Kind != KindTraining && c.a.Kind != KindWelcome) {
			more("close", 1, nil)
		}
		d.prefer, d.bullets = "cta", false
		text := c.a.CTA
		if text == "" || !c.native {
			text = strings.TrimRight(d.lines[0].text, ".!")
		}
		d.visual = videoagent.Visual{Kind: videoagent.VisualCTA, Title: shorten(label("t.cta"), 40), Text: shorten(text, 80)}
		if len(c.a.URLs) > 0 {
			d.visual.URL = c.a.URLs[0]
		}
	case "item", "step":
		key := "item"
		moreKey := "point.more"
		switch c.a.Kind {
		case KindProduct, KindSales, KindSocialAd, KindAnnouncement:
			moreKey = "item.more"
		case KindEvent:
			moreKey = "event.more"
		case KindWelcome:
			moreKey = "welcome.more"
		}
		if b.key == "step" {
			key, moreKey = "step", "step.more"
		}
		style := c.itemStyle(c.items[b.items[0]])
		if b.key == "item" && style == "story" {
			key, moreKey = "story", "story.more"
		}
		for j, idx := range b.items {
			p := pos + j
			which := ".next"
			switch {
			case p == 0:
				which = ".first"
			case p == count-1 && count > 1:
				which = ".last"
			}
			iv := c.itemVars(c.items[idx])
			iv["num"] = strconv.Itoa(idx + 1)
			k := key
			if b.key == "item" && style == "action" {
				k = "step" // "Next, order a card." reads better than "Now let's look at order a card."
			}
			if style == "story" {
				iv["item"] = c.storyClause(c.items[idx])
			}
			add(k+which, iv)
		}
		d.core = len(d.lines)
		more(moreKey, 3, c.itemVars(c.items[b.items[0]]))
		it := capFirst(c.items[b.items[0]])
		if b.key == "step" {
			stepLabel := w.label("t.step", map[string]string{"num": strconv.Itoa(b.items[0] + 1)})
			if len(b.items) == 1 {
				d.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: shorten(stepLabel, 40), Subtitle: shorten(it, 60)}
			} else {
				var its []string
				for _, idx := range b.items {
					its = append(its, c.items[idx])
				}
				d.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: shorten(stepLabel+"–"+strconv.Itoa(b.items[len(b.items)-1]+1), 40), Bullets: bulletsOf(its)}
				d.bullets = false
			}
		} else {
			set(videoagent.VisualBullets, it)
			if len(b.items) > 1 {
				var its []string
				for _, idx := range b.items {
					its = append(its, c.items[idx])
				}
				// A scene about several items is titled for all of them, not the first:
				// by name when they fit, else "Highlights".
				d.visual.Title = shorten(label("t.highlights"), 40)
				if t := capFirst(strings.Join(its[:len(its)-1], ", ") + " & " + its[len(its)-1]); len([]rune(t)) <= 40 {
					d.visual.Title = t
				}
				d.visual.Bullets = bulletsOf(its)
				d.bullets = false
			}
		}
	case "problem":
		if c.a.Kind == KindSales {
			add("pitch.problem", nil)
		} else {
			add("problem", nil)
		}
		d.core = len(d.lines)
		more("problem.more", 2, nil)
		d.prefer = "presenter"
		set(videoagent.VisualBullets, label("t.problem"))
	case "solution":
		switch {
		case c.a.Kind == KindSocialAd:
			add("pitch.social", nil)
		case c.prevKey != "problem" && c.prevKey != "cost":
			add("solution.alone", nil)
		default:
			add("solution", nil)
		}
		d.core = len(d.lines)
		if c.a.Kind == KindSocialAd {
			more("solution.social", 2, nil)
		} else if c.a.Kind == KindSales {
			more("pitch.more", 3, listVars)
		} else {
			more("solution.more", 3, listVars)
		}
		set(videoagent.VisualBullets, c.vars["x"])
		d.visual.Bullets = bulletsOf(itemList[:min(3, len(itemList))])
		d.bullets = len(d.visual.Bullets) == 0
	case "how":
		add("how", nil)
		d.core = len(d.lines)
		more("how.more", 2, nil)
		set(videoagent.VisualBullets, label("t.how"))
	case "example":
		if c.a.Kind == KindProduct || c.a.Kind == KindSales || c.a.Kind == KindSocialAd {
			add("example.product", nil)
		} else {
			add("example.general", nil)
		}
		d.core = len(d.lines)
		more("example.more", 1, nil)
		set(videoagent.VisualBullets, label("t.example"))
	case "stat":
		st := c.a.Stats[b.items[0]]
		add("stat", map[string]string{"statline": lowerFirst(st.Line), "value": st.Value})
		d.core = len(d.lines)
		more("stat.more", 1, nil)
		d.visual = videoagent.Visual{Kind: videoagent.VisualStat, Title: label("t.stat"), Text: st.Value, Caption: st.Label}
		d.bullets = false
	case "quote":
		q := c.a.Quotes[b.items[0]]
		text := strings.TrimSpace(q.Text)
		if !strings.ContainsAny(text[len(text)-1:], ".!?") {
			text += "."
		}
		add("quote", map[string]string{"quote": text, "author": q.Author})
		d.core = len(d.lines)
		d.prefer, d.bullets = "bubble", false
		d.visual = videoagent.Visual{Kind: videoagent.VisualQuote, Text: q.Text, Caption: q.Author}
	case "overview", "recap", "objectives", "news":
		key := b.key
		if key == "overview" && len(itemList) > 0 && c.itemStyle(itemList[0]) == "story" {
			key = "overview.story"
			var cl []string
			for _, it := range itemList {
				cl = append(cl, c.storyClause(it))
			}
			listVars = map[string]string{"items": joinList(cl, andWord[c.lang]), "n": c.numberWord(len(cl))}
		}
		add(key, listVars)
		d.core = len(d.lines)
		if b.key != "overview" && b.key != "objectives" {
			more(b.key+".more", 2, nil)
		}
		set(videoagent.VisualBullets, label("t."+b.key))
		d.visual.Bullets = bulletsOf(itemList)
		d.bullets = false
		if b.key != "news" {
			d.prefer = "bubble"
		}
	case "availability":
		if l, ok := w.sayWith("availability", slot, nil, c.a.When); ok {
			d.lines = append(d.lines, l)
		}
		d.core = len(d.lines)
		more("availability.more", 1, nil)
		set(videoagent.VisualBullets, label("t.availability"))
		if c.a.When != "" {
			d.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: label("t.availability"), Subtitle: capFirst(c.a.When)}
			d.bullets = false
		}
	case "details":
		if reOnline.MatchString(c.a.Where) && c.a.When == "" {
			add("details.online", nil)
		} else {
			if l, ok := w.sayWith("details", slot, map[string]string{"where": ifStr(!reOnline.MatchString(c.a.Where), c.a.Where)}, c.a.When); ok {
				d.lines = append(d.lines, l)
			}
			if reOnline.MatchString(c.a.Where) {
				add("details.online", nil)
			}
		}
		d.core = len(d.lines)
		more("details.more", 1, nil)
		set(videoagent.VisualBullets, label("t.details"))
		for _, k := range []string{"t.when", "t.where"} {
			if t := w.label(k, c.vars); t != "" {
				d.visual.Bullets = append(d.visual.Bullets, shorten(t, 40))
			}
		}
		d.bullets = false
	case "offer":
		add("offer", nil)
		d.core = len(d.lines)
		d.visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: label("t.offer"), Subtitle: capFirst(c.vars["offer"])}
		d.bullets = false
	case "question", "scenario", "cost", "people", "tip", "invite.what", "invite.why", "audience", "why", "basics", "about", "ahead", "check", "mistake", "myth", "summary", "urgency":
		if b.key == "why" && (c.a.Kind == KindAnnouncement || c.a.Kind == KindProduct || c.a.Kind == KindSales) {
			add("why.news", nil)
		} else {
			add(b.key, nil)
		}
		d.core = len(d.lines)
		if b.key == "invite.what" {
			more("event.more", 2, nil)
		} else {
			more(b.key+".more", 2, nil)
		}
		titles := map[string]string{"question": "t.basics", "scenario": "t.scenario", "cost": "t.cost", "people": "t.people",
			"tip": "t.tip", "invite.what": "t.invite", "invite.why": "t.invite", "audience": "t.audience", "why": "t.why",
			"basics": "t.basics", "about": "t.about", "ahead": "t.ahead", "check": "t.check", "mistake": "t.mistake", "myth": "t.myth", "summary": "t.summary", "urgency": "t.urgency"}
		set(videoagent.VisualBullets, label(titles[b.key]))
		switch b.key {
		case "question", "scenario", "cost":
			d.prefer = "presenter"
		case "about", "invite.what":
			d.visual.Title = shorten(c.vars["x"], 40)
		case "audience":
			if c.vars["audience"] != "" {
				d.visual.Bullets = []string{bulletText(c.vars["audience"])}
			}
		}
	}
	if len(d.lines) == 0 || d.core == 0 {
		return nil
	}
	d.take = d.core
	return d
}

// itemList returns up to n items for list sentences: the prompt's own when it has at
// least two, else the fallbacks.
func (c *composer) itemList(n int) []string {
	src := c.items
	switch {
	case c.nItems >= 2:
		src = c.items[:c.nItems]
	case c.a.Kind == KindExplainer || c.a.Kind == KindEvent:
		src = c.items[:c.nItems] // generic points make a poor summary
	}
	if len(src) > n {
		src = src[:n]
	}
	return src
}

func (c *composer) numberWord(n int) string {
	if ws, ok := numberWord[c.lang]; ok && n < len(ws) {
		return ws[n]
	}
	return strconv.Itoa(n)
}

// scene turns the fitted drafts into storyboard scenes with layouts and transitions.
func (c *composer) scenes(ds []*draft) []videoagent.Scene {
	out := make([]videoagent.Scene, 0, len(ds))
	left := true
	lastPresenter, lastBubble := -10, -10
	for i, d := range ds {
		if d.beat.key == "doc" {
			// Said best-first by fit, read in the document's order.
			sort.SliceStable(d.lines[:d.take], func(a, b int) bool { return d.lines[a].pos < d.lines[b].pos })
		}
		v := d.visual
		if d.bullets {
			for _, l := range d.lines[:d.take] {
				if l.bullet != "" && len(v.Bullets) < 4 {
					v.Bullets = append(v.Bullets, l.bullet)
				}
			}
		}
		if len(v.Bullets) > 4 {
			v.Bullets = v.Bullets[:4]
		}
		v = fillSlide(v, d.lines[:d.take], d.lines[d.take:], c.titleSubject())
		layout := ""
		switch {
		case d.prefer == "title" || i == 0:
			layout = videoagent.LayoutTitle
		case d.prefer == "page":
			layout = videoagent.LayoutSlideBubble
		case d.prefer == "presenter" && i-lastPresenter >= 4:
			layout = videoagent.LayoutPresenter
			v = videoagent.Visual{Kind: videoagent.VisualNone}
			lastPresenter = i
		case d.prefer == "bubble" && i-lastBubble >= 3 && i != len(ds)-1:
			layout = videoagent.LayoutSlideBubble
			lastBubble = i
		default:
			if left {
				layout = videoagent.LayoutPresenterLeft
			} else {
				layout = videoagent.LayoutPresenterRight
			}
			left = !left
		}
		if v.Kind == videoagent.VisualBullets && len(v.Bullets) == 0 {
			v.Kind = videoagent.VisualTitle
		}
		if v.Kind == videoagent.VisualBullets && len(v.Bullets) == 1 && v.Subtitle == "" {
			v.Kind, v.Subtitle, v.Bullets = videoagent.VisualTitle, v.Bullets[0], nil
		}
		tr := videoagent.TransitionCut
		if i == 1 || (i == len(ds)-1 && i > 1) || v.Kind == videoagent.VisualQuote {
			tr = videoagent.TransitionCrossfade
		}
		out = append(out, videoagent.Scene{
			ID:         "s" + strconv.Itoa(i+1),
			Layout:     layout,
			Narration:  d.narration(),
			Visual:     v,
			Transition: tr,
		})
	}
	return out
}

// itemVars are the variables of a sentence about one item. In English, {be}, {it} and
// {obj}, {sound} and {theres} agree with the item: "task boards are ... they sound", "team chat is ... it sounds".
func (c *composer) itemVars(item string) map[string]string {
	v := map[string]string{"item": item, "be": "is", "it": "it", "obj": "it", "sound": "sounds", "theres": "there's"}
	if c.lang == "en" && pluralEN(item) {
		v["be"], v["it"], v["obj"], v["sound"], v["theres"] = "are", "they", "them", "sound", "there are"
	}
	return v
}

// pluralEN guesses whether an English noun phrase is plural from its last word.
func pluralEN(np string) bool {
	ws := words(np)
	if len(ws) == 0 {
		return false
	}
	w := ws[len(ws)-1]
	if strings.HasSuffix(ws[0], "ing") && len(ws) > 1 {
		return false // "getting to know our tools" is one activity
	}
	if len(w) < 3 || !strings.HasSuffix(w, "s") {
		return false
	}
	for _, suf := range []string{"ss", "us", "is", "ics", "news", "series"} {
		if strings.HasSuffix(w, suf) {
			return false
		}
	}
	return true
}

var pastIrregular = map[string]bool{"grew": true, "won": true, "hit": true, "made": true, "built": true, "sold": true,
	"began": true, "took": true, "brought": true, "got": true, "saw": true, "met": true, "became": true, "went": true,
	"ran": true, "wrote": true, "shipped": true, "rose": true, "fell": true, "beat": true, "broke": true, "led": true}

var imperatives = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`open order set create add choose click go sign log download install turn save enter
		select connect invite make check read review complete meet visit follow use update write send call pick find
		start join book try get take learn explore watch ask report wear keep lift heat rinse pour serve press tap
		type copy paste upload share fill mix bake stir cut wash dry plug switch enable disable configure verify confirm`) {
		imperatives[w] = true
	}
}

// itemStyle tells how an item reads: "action" ("order a card"), "story" ("shipped the new
// search", "revenue grew 25%") or "thing" ("task boards"). English only; other languages
// read every item as a thing.
func (c *composer) itemStyle(item string) string {
	ws := words(item)
	if c.lang != "en" || len(ws) == 0 {
		return "thing"
	}
	past := func(w string) bool { return pastIrregular[w] || len(w) > 4 && strings.HasSuffix(w, "ed") }
	if c.a.Kind == KindRecap || c.a.Kind == KindAnnouncement {
		if ws[0] == "we" || past(ws[0]) {
			return "story"
		}
		for _, w := range ws[1:min(3, len(ws))] {
			if past(w) {
				return "story"
			}
		}
	}
	if imperatives[ws[0]] && len(ws) > 1 {
		return "action"
	}
	return "thing"
}

// storyClause makes a news item a clause: "shipped the new search" -> "we shipped the new search".
func (c *composer) storyClause(item string) string {
	ws := words(item)
	if len(ws) > 0 && ws[0] != "we" && (pastIrregular[ws[0]] || len(ws[0]) > 4 && strings.HasSuffix(ws[0], "ed")) {
		return "we " + lowerFirst(item)
	}
	return item
}

// sameText reports whether two on-screen texts say the same thing (case, punctuation and
// a leading article aside).
func sameText(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.Trim(s, " .!?:…"))
		for _, art := range []string{"the ", "a ", "an ", "your ", "our "} {
			s = strings.TrimPrefix(s, art)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	na, nb := norm(a), norm(b)
	return na != "" && na == nb
}

// fillSlide keeps slides from repeating themselves or looking empty: bullets that repeat
// the title go; a bullet slide left with fewer than two bullets takes the on-screen
// phrases of the scene's other sentences (said first, then the scene's unsaid ones, which
// are about the same point); a title slide whose subtitle repeated the title gets one of
// those phrases, or the subject's name.
func fillSlide(v videoagent.Visual, said, unsaid []line, subject string) videoagent.Visual {
	if v.Kind != videoagent.VisualBullets && v.Kind != videoagent.VisualTitle {
		return v
	}
	var bs []string
	removed := false
	for _, b := range v.Bullets {
		dup := sameText(b, v.Title)
		for _, o := range bs {
			dup = dup || sameText(o, b)
		}
		if dup {
			removed = true
		} else {
			bs = append(bs, b)
		}
	}
	v.Bullets = bs
	if sameText(v.Subtitle, v.Title) {
		v.Subtitle = ""
		removed = true
	}
	if !removed {
		return v
	}
	var pool []string
	for _, l := range append(append([]line(nil), said...), unsaid...) {
		if l.bullet == "" || sameText(l.bullet, v.Title) {
			continue
		}
		dup := false
		for _, o := range append(append([]string(nil), v.Bullets...), pool...) {
			dup = dup || sameText(o, l.bullet)
		}
		if !dup {
			pool = append(pool, l.bullet)
		}
	}
	if v.Kind == videoagent.VisualBullets {
		for len(v.Bullets) < 2 && len(pool) > 0 {
			v.Bullets, pool = append(v.Bullets, pool[0]), pool[1:]
		}
		if len(v.Bullets) >= 2 {
			return v
		}
		if len(v.Bullets) == 1 {
			v.Kind, v.Subtitle, v.Bullets = videoagent.VisualTitle, v.Bullets[0], nil
			return v
		}
		v.Kind, v.Bullets = videoagent.VisualTitle, nil
	}
	if v.Subtitle == "" {
		switch {
		case len(pool) > 0:
			v.Subtitle = pool[0]
		case !sameText(subject, v.Title):
			v.Subtitle = subject
		}
	}
	return v
}
