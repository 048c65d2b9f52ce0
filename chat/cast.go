package chat

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// ---- vocabulary ----------------------------------------------------------------------

var (
	reMale   = rx(`\b(?:male|man|men|guy|gentleman|masculine|him|hombre|masculin[oa]|mann|männlich(?:e[nrs]?)?|homme|masculin)\b|\b(?:deep(?:er)?|low(?:er)?(?:-pitched)?|grave)\s+voice|\bvoice\s+(?:deeper|lower)\b|\bdeeper\b|\bman's\b|\bmale's\b`)
	reFemale = rx(`\b(?:female|woman|women|lady|girl|feminine|her|mujer|femenin[oa]|frau|weiblich(?:e[nrs]?)?|femme|féminin(?:e)?)\b|\b(?:high(?:er)?(?:-pitched)?)\s+voice|\bvoice\s+higher\b|\bwoman's\b`)

	rePresenterNoun = rx(`\b(?:presenter|avatar|host|person|someone|somebody|man|woman|guy|lady|gentleman|girl|spokesperson|presentador|presentadora|moderator|moderatorin|präsentator|präsentatorin|présentateur|présentatrice|hombre|mujer|mann|frau|homme|femme|outfit|clothes|clothing|attire|dressed|wearing|suit|him|her)\b`)
	reVoiceNoun     = rx(`\b(?:voice|voices|voice-?over|narrator|accent|voz|stimme|sprecher|sprecherin|voix)\b`)
	rePresenterAsk  = rx(`\b(?:presenter|avatar|host|someone|somebody|person)\s+(?:with|in|wearing|who|that)\b`)
	rePersonChange  = rx(`\b(?:different|another|other|new|someone\s+else|somebody\s+else|otro|otra|andere[nrs]?|autre)\b`)
	reChangeWord    = rx(`\b(?:different|another|other|new|change|switch|swap|replace|otro|otra|andere[nrs]?|autre)\b`)
	reStyleNoun     = rx(`\b(?:style|theme|design|template|palette|colou?rs?|colou?r\s+scheme|visuals?|look\s+and\s+feel|backgrounds?|estilo|diseño|tema|stil|farben|thème|couleurs)\b|\bmake\s+it\s+look\b|\blook\s+(?:more|less)\b`)
	reToneNoun      = rx(`\b(?:tone|script|wording|narration|voice-?over|copy|delivery|writing|tono|guion|ton|tonfall|skript|texte)\b`)
)

// lookWords maps words users say to look tags.
var lookWords = []struct {
	re   *regexp.Regexp
	tags []string
}{
	{rx(`\bcasual(?:ly)?\b|\brelaxed\b|\bhoodie\b|\binformal\b|\blocker\b|\bdécontracté\b|\binformal\b`), []string{"casual", "relaxed"}},
	{rx(`\bformal(?:ly)?\b|\bsuit\b|\btie\b|\bdressed\s+up\b|\bbusiness\b|\bprofessional(?:ly)?\b|\bsmart\b|\bcorporate\b|\bformell\b|\bformel\b`), []string{"business", "formal", "professional"}},
	{rx(`\bcreative\b|\bartsy\b|\bmodern\b|\bkreativ\b|\bcreativ[oa]\b|\bcréati(?:f|ve)\b`), []string{"creative", "modern"}},
	{rx(`\bold(?:er)?\b|\bsenior\b|\bmature\b|\belderly\b|\bgr[ae]y[- ]haired\b|\bälter(?:e[nrs]?)?\b|\bmayor\b|\bâgé\b`), []string{"senior"}},
	{rx(`\bglasses\b|\bspectacles\b|\bbrille\b|\bgafas\b|\blunettes\b`), []string{"glasses"}},
	{rx(`\bbeard(?:ed)?\b|\bbart\b|\bbarba\b|\bbarbe\b`), []string{"beard"}},
	{rx(`\bfriendly\b|\bwarm\b|\bapproachable\b`), []string{"friendly"}},
	{rx(`\bvibrant\b|\bcolou?rful\b`), []string{"vibrant"}},
}

// accents maps words for accents to voice locales, best first.
var accents = []struct {
	re      *regexp.Regexp
	locales []string
	name    string
}{
	{rx(`\bscottish\b|\bscots\b`), []string{"en-GB-scotland"}, "Scottish"},
	{rx(`\bbritish\b|\buk\s+(?:english|accent|voice)\b|\bengland\b|\benglish\s+accent\b|\bbrit\b|\bbritánico\b|\bbritisch(?:e[nrs]?)?\b|\bbritannique\b`), []string{"en-GB"}, "British"},
	{rx(`\bamerican\b|\bu\.?s\.?\s+(?:english|accent|voice)\b|\busa\b|\bamericano\b|\bamerikanisch(?:e[nrs]?)?\b|\baméricain(?:e)?\b`), []string{"en-US"}, "American"},
	{rx(`\baustralian\b|\baussie\b`), []string{"en-AU"}, "Australian"},
	{rx(`\birish\b`), []string{"en-IE"}, "Irish"},
	{rx(`\bindian\s+(?:english|accent)\b`), []string{"en-IN"}, "Indian"},
	{rx(`\bcaribbean\b|\bjamaican\b`), []string{"en-029"}, "Caribbean"},
	{rx(`\bmexican\b|\blatin(?:o|a)?(?:\s+american)?\b|\bmexicano\b|\blatinoamericano\b`), []string{"es-MX", "es-419"}, "Latin American"},
	{rx(`\bcastilian\b|\bfrom\s+spain\b|\beuropean\s+spanish\b|\bcastellano\b|\bde\s+españa\b`), []string{"es-ES", "es"}, "Castilian"},
	{rx(`\bbrazilian\b|\bbrasileño\b|\bbrasileiro\b`), []string{"pt-BR"}, "Brazilian"},
	{rx(`\bcanadian\s+french\b|\bquebec(?:ois)?\b|\bquébécois\b`), []string{"fr-CA"}, "Canadian French"},
	{rx(`\bswiss\b|\bschweizer\b`), []string{"de-CH", "fr-CH"}, "Swiss"},
	{rx(`\baustrian\b|\bösterreichisch(?:e[nrs]?)?\b`), []string{"de-AT"}, "Austrian"},
}

func voiceLocale(v videoagent.Voice) string {
	if v.Locale != "" {
		return v.Locale
	}
	if t, ok := languageTags[strings.ToLower(v.Language)]; ok {
		return t
	}
	return v.Language
}

func localeMatches(loc, want string) bool {
	loc, want = strings.ToLower(loc), strings.ToLower(want)
	return loc == want || strings.HasPrefix(loc, want+"-")
}

// ---- choice among offered options ----------------------------------------------------

var (
	reOptNumOnly = rx(`^\s*(?:#|no\.?\s*|number\s+|option\s+|opción\s+|opcion\s+|nummer\s+|número\s+|numéro\s+|choice\s+)?(\d{1,2}|` + cardAlt + `)\s*[.!)]?\s*(?:please|por\s+favor|bitte|s'il\s+vous\s+plaît|s'il\s+te\s+plaît)?\s*[.!]?\s*$`)
	reOptNum     = rx(`\b(?:option|number|choice|opción|opcion|número|nummer|numéro)\s*(\d{1,2}|` + cardAlt + `)\b|#(\d{1,2})\b`)
	reOptOrd     = rx(`\b(?:(?:the|la|el|die|der|den|le)\s+|l')(` + lastAlt + `|` + ordAlt + `)\b(?:\s+(?:one|option|voice|presenter|avatar|style|look|opción|voz|stimme|voix|choice))?|\b(` + lastAlt + `|` + ordAlt + `)\s+(?:one|option|voice|presenter|avatar|style|look|opción|voz|stimme|voix|choice)\b`)
	reOptPick    = rx(`\b(?:take|pick|choose|go\s+with|want|like|prefer|select|use|i'll\s+have|nehme|nimm|elijo|quiero|prends|choisis)\s+(?:number\s+|option\s+|#)?(\d{1,2})\b`)
	reAnyOption  = rx(`\b(?:you\s+(?:choose|pick|decide)|any(?:\s+(?:one|of\s+them))?|whatever|doesn't\s+matter|does\s+not\s+matter|don't\s+care|surprise\s+me|up\s+to\s+you|your\s+(?:choice|call|pick)|the\s+default|default|recommended|da\s+igual|cualquiera|elige\s+tú|egal|du\s+entscheidest|peu\s+importe|n'importe|comme\s+tu\s+veux|choisis\s+pour\s+moi)\b`)
)

func (in *interp) parseChoice() {
	opts := in.ctx.Options
	if len(opts) == 0 {
		return
	}
	pick := func(n int, loc []int) bool {
		if n == refLast {
			n = len(opts)
		}
		if n < 1 || n > len(opts) {
			in.note("There are only %d options — reply with a number from 1 to %d.", len(opts), len(opts))
			in.m.consume(loc[0], loc[1])
			return true
		}
		in.choose(opts[n-1])
		in.m.consume(loc[0], loc[1])
		return true
	}
	for _, re := range []*regexp.Regexp{reOptNumOnly, reOptNum, reOptOrd, reOptPick} {
		loc := re.FindStringSubmatchIndex(in.m.w)
		if loc == nil {
			continue
		}
		for g := 1; g < len(loc)/2; g++ {
			if s := group(in.m.w, loc, g); s != "" {
				if pick(numberValue(s), loc) {
					return
				}
			}
		}
	}
	// By name or description.
	type scored struct {
		i, score int
		spans    [][]int
	}
	var best []scored
	for i, o := range opts {
		s, spans := in.optionScore(o)
		if s <= 0 {
			continue
		}
		switch {
		case len(best) == 0 || s > best[0].score:
			best = []scored{{i, s, spans}}
		case s == best[0].score:
			best = append(best, scored{i, s, spans})
		}
	}
	if len(best) == 1 {
		in.choose(opts[best[0].i])
		for _, sp := range best[0].spans {
			in.m.consume(sp[0], sp[1])
		}
		return
	}
	if len(best) > 1 {
		var names []string
		for _, b := range best {
			names = append(names, fmt.Sprintf("%d. %s", b.i+1, opts[b.i].Name))
		}
		in.note("That fits more than one option (%s) — which one do you mean?", strings.Join(names, ", "))
		return
	}
	if loc := reAnyOption.FindStringIndex(in.m.w); loc != nil {
		in.m.consume(loc[0], loc[1])
		in.choose(opts[0])
	}
}

func (in *interp) choose(o Option) {
	o2 := o
	in.choice = &o2
	switch o.Kind {
	case OptionVoice:
		in.add(Op{Kind: OpSetVoice, VoiceID: o.ID}, "")
	case OptionAvatar:
		in.add(Op{Kind: OpSetAvatar, AvatarID: o.ID}, "")
	case OptionStyle:
		in.add(Op{Kind: OpSetStyle, StyleID: o.ID}, "")
	}
}

var commonWords = set("the", "and", "with", "voice", "one", "option", "presenter", "style", "look",
	"female", "male", "english", "spanish", "german", "french", "business", "casual", "creative",
	"default", "new", "pro", "type", "class", "pop", "a", "an", "of", "for", "in")

// optionScore says how well the message names option o, with the spans that name it.
func (in *interp) optionScore(o Option) (int, [][]int) {
	w := in.m.w
	score := 0
	var spans [][]int
	hit := func(phrase string, pts int) bool {
		if loc := findWord(w, phrase); loc != nil {
			score += pts
			spans = append(spans, []int{loc[2], loc[3]})
			return true
		}
		return false
	}
	name := strings.TrimSpace(o.Name)
	if name != "" && hit(name, 100) {
		return score, spans
	}
	if o.ID != "" && hit(o.ID, 100) {
		return score, spans
	}
	if f := strings.Trim(strings.Fields(name + " x")[0], ",.()"); len(f) >= 3 && !commonWords[strings.ToLower(f)] && languageTags[strings.ToLower(f)] == "" {
		hit(f, 50)
	}
	// Attributes from the catalogue: gender, accent, tags, description words.
	gender, tags, locale := "", []string(nil), ""
	switch o.Kind {
	case OptionVoice:
		for _, v := range in.ctx.Voices {
			if v.ID == o.ID {
				gender, locale = v.Gender, voiceLocale(v)
			}
		}
	case OptionAvatar:
		for _, l := range in.ctx.Looks {
			if l.ID == o.ID {
				gender, tags = l.Gender, l.Tags
			}
		}
	case OptionStyle:
		for _, s := range in.ctx.Styles {
			if s.ID == o.ID {
				tags = s.Tags
			}
		}
	}
	desc := strings.ToLower(o.Name + " " + o.Description + " " + strings.Join(tags, " "))
	if gender == "" {
		switch {
		case containsWord(words(desc), "female") || containsWord(words(desc), "woman"):
			gender = "female"
		case containsWord(words(desc), "male") || containsWord(words(desc), "man"):
			gender = "male"
		}
	}
	if m := reMale.FindStringIndex(w); m != nil {
		if gender == "male" {
			score += 10
			spans = append(spans, m)
		} else if gender == "female" {
			score -= 100
		}
	}
	if f := reFemale.FindStringIndex(w); f != nil {
		if gender == "female" {
			score += 10
			spans = append(spans, f)
		} else if gender == "male" {
			score -= 100
		}
	}
	for _, a := range accents {
		if loc := a.re.FindStringIndex(w); loc != nil {
			ok := false
			for _, l := range a.locales {
				if localeMatches(locale, l) || strings.Contains(desc, strings.ToLower(a.name)) {
					ok = true
				}
			}
			if ok {
				score += 20
				spans = append(spans, loc)
			} else {
				score -= 5
			}
		}
	}
	for _, lw := range lookWords {
		if loc := lw.re.FindStringIndex(w); loc != nil {
			for _, t := range lw.tags {
				if containsWord(words(desc), t) {
					score += 10
					spans = append(spans, loc)
					break
				}
			}
		}
	}
	return score, spans
}

// ---- presenter -----------------------------------------------------------------------

func personName(l videoagent.Look) string {
	n := l.Name
	if i := strings.Index(n, "("); i > 0 {
		n = n[:i]
	}
	return strings.TrimSpace(n)
}

func (in *interp) currentLook() (videoagent.Look, bool) {
	if in.sb == nil {
		return videoagent.Look{}, false
	}
	for _, l := range in.ctx.Looks {
		if l.ID == in.sb.AvatarID {
			return l, true
		}
	}
	return videoagent.Look{}, false
}

func (in *interp) currentVoice() (videoagent.Voice, bool) {
	if in.sb == nil {
		return videoagent.Voice{}, false
	}
	for _, v := range in.ctx.Voices {
		if v.ID == in.sb.VoiceID {
			return v, true
		}
	}
	return videoagent.Voice{}, false
}

func hasTag(tags []string, t string) bool {
	for _, x := range tags {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}

// nearVoice reports whether a voice noun comes within the next two words after w[at:]
// ("a man's voice", "male voice"), so that the words describe the voice, not the
// presenter.
func nearVoice(w string, at int) bool {
	return reVoiceNear.MatchString(w[at:])
}

var reVoiceNear = regexp.MustCompile(`(?i)^[\pL'-]*[^\pL]+(?:[\pL'-]+[^\pL]+){0,1}(?:voice|voices|voice-?over|narrator|accent|voz|stimme|sprecher|sprecherin|voix)\b`)

func (in *interp) parsePresenter() {
	if len(in.ctx.Looks) == 0 {
		return
	}
	w := in.m.w
	cur, hasCur := in.currentLook()
	// By name: the first person named.
	type named struct {
		at       int
		loc      []int
		personID string
	}
	var hit *named
	seen := map[string]bool{}
	for _, l := range in.ctx.Looks {
		for _, n := range []string{personName(l), l.GroupID, l.ID} {
			if n == "" || seen[strings.ToLower(n)] || len([]rune(n)) < 2 {
				continue
			}
			seen[strings.ToLower(n)] = true
			if loc := findWord(w, n); loc != nil && !nearVoice(w, loc[3]) {
				if hit == nil || loc[2] < hit.at {
					hit = &named{at: loc[2], loc: []int{loc[2], loc[3]}, personID: groupOf(l)}
				}
			}
		}
	}
	var wantTags []string
	var tagSpans [][]int
	gender, gspan := "", []int(nil)
	if hit != nil {
		wantTags, tagSpans = in.lookTagsWanted(w, hit.loc[0]-25, hit.loc[1]+30)
	} else {
		noun := rePresenterNoun.FindStringIndex(w)
		if noun == nil || nearVoice(w, noun[0]) {
			return
		}
		wantTags, tagSpans = in.lookTagsWanted(w, noun[0]-40, noun[1]+40)
		if m := reMale.FindStringIndex(w); m != nil && !nearVoice(w, m[0]) {
			gender, gspan = "male", m
		}
		if f := reFemale.FindStringIndex(w); f != nil && !nearVoice(w, f[0]) && (gspan == nil || f[0] < gspan[0]) {
			gender, gspan = "female", f
		}
		change := reChangeWord.MatchString(w)
		if gender == "" && len(wantTags) == 0 && !change {
			if rePresenterAsk.MatchString(w) {
				in.m.consume(noun[0], noun[1])
				in.note("I can pick a presenter by name, gender, outfit (business, casual, creative) or age. Presenters: %s.", in.lookNames())
			}
			return
		}
		in.m.consume(noun[0], noun[1])
	}
	for _, sp := range tagSpans {
		in.m.consume(sp[0], sp[1])
	}
	if gspan != nil {
		in.m.consume(gspan[0], gspan[1])
	}
	// Score the looks.
	type cand struct {
		l     videoagent.Look
		score int
		tagOK int
	}
	var cands []cand
	for _, l := range in.ctx.Looks {
		if hit != nil && groupOf(l) != hit.personID {
			continue
		}
		if gender != "" && !strings.EqualFold(l.Gender, gender) {
			continue
		}
		c := cand{l: l}
		for _, t := range wantTags {
			if hasTag(l.Tags, t) {
				c.tagOK++
			}
		}
		c.score = c.tagOK * 10
		if hasCur {
			if l.ID == cur.ID {
				c.score -= 1000
			}
			if hit == nil && groupOf(l) == groupOf(cur) {
				if rePersonChange.MatchString(w) || (len(wantTags) == 0 && gender == "") {
					c.score -= 20 // a different person
				} else {
					c.score += 3 // "in casual clothes": same person, other outfit
				}
			}
			for _, t := range cur.Tags {
				if hasTag(l.Tags, t) && t != cur.Gender {
					c.score++
				}
			}
		}
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].tagOK != cands[j].tagOK {
			return cands[i].tagOK > cands[j].tagOK
		}
		return cands[i].score > cands[j].score
	})
	if hit != nil {
		in.m.consume(hit.loc[0], hit.loc[1])
	}
	describe := func() string {
		var parts []string
		if gender != "" {
			parts = append(parts, gender)
		}
		parts = append(parts, wantTags...)
		return strings.Join(parts, ", ")
	}
	if len(cands) == 0 || (len(wantTags) > 0 && cands[0].tagOK == 0) {
		in.note("I don't have a presenter matching that (%s). Presenters: %s.", describe(), in.lookNames())
		return
	}
	best := cands[0].l
	if hit == nil && hasCur && !reChangeWord.MatchString(w) && (gender == "" || strings.EqualFold(cur.Gender, gender)) {
		all := true
		for _, t := range wantTags {
			all = all && hasTag(cur.Tags, t)
		}
		if all {
			in.note("%s already fits that.", cur.Name)
			return
		}
	}
	if hasCur && best.ID == cur.ID {
		in.note("%s is already presenting.", best.Name)
		return
	}
	in.add(Op{Kind: OpSetAvatar, AvatarID: best.ID}, "switch the presenter to "+best.Name)
	// Keep the voice matching the presenter's gender unless the user picks one.
	if v, ok := in.currentVoice(); ok && best.Gender != "" && !strings.EqualFold(v.Gender, best.Gender) && !reVoiceNoun.MatchString(in.m.w) {
		n := len(in.items)
		in.voiceFor(voiceWant{gender: best.Gender, quiet: true}, "-")
		if len(in.items) > n {
			in.items[n].desc = ""
			in.items[n-1].desc += " with a matching " + best.Gender + " voice"
		}
	}
}

func groupOf(l videoagent.Look) string {
	if l.GroupID != "" {
		return l.GroupID
	}
	return strings.ToLower(personName(l))
}

func (in *interp) lookNames() string {
	var ns []string
	seen := map[string]bool{}
	for _, l := range in.ctx.Looks {
		n := personName(l)
		if !seen[n] {
			seen[n] = true
			ns = append(ns, n)
		}
	}
	return strings.Join(ns, ", ")
}

// lookTagsWanted returns the look tags asked for in w[lo:hi], with their spans. A word
// for a tag no look has ("glasses") is still returned, so that the reply can say so.
func (in *interp) lookTagsWanted(w string, lo, hi int) ([]string, [][]int) {
	if lo < 0 {
		lo = 0
	}
	if hi > len(w) {
		hi = len(w)
	}
	var tags []string
	var spans [][]int
	for _, lw := range lookWords {
		loc := lw.re.FindStringIndex(w[lo:hi])
		if loc == nil {
			continue
		}
		tag := lw.tags[0]
		for _, t := range lw.tags {
			if anyLookHas(in.ctx.Looks, []string{t}) {
				tag = t
				break
			}
		}
		tags = append(tags, tag)
		spans = append(spans, []int{lo + loc[0], lo + loc[1]})
	}
	return tags, spans
}

func anyLookHas(looks []videoagent.Look, tags []string) bool {
	for _, l := range looks {
		for _, t := range tags {
			if hasTag(l.Tags, t) {
				return true
			}
		}
	}
	return false
}

// ---- voice ---------------------------------------------------------------------------

type voiceWant struct {
	gender string
	locale string // "en-GB": an accent
	accent string // its name, for replies
	quiet  bool   // part of another change: no notes
}

func (in *interp) parseVoice() {
	if len(in.ctx.Voices) == 0 {
		return
	}
	w := in.m.w
	// By name or id.
	for _, v := range in.ctx.Voices {
		for _, n := range []string{v.Name, v.ID} {
			if n == "" {
				continue
			}
			if loc := findWord(w, n); loc != nil {
				in.m.consume(loc[2], loc[3])
				if cur, ok := in.currentVoice(); ok && cur.ID == v.ID {
					in.note("The voice is already %s.", v.Name)
					return
				}
				in.add(Op{Kind: OpSetVoice, VoiceID: v.ID}, "switch the voice to "+v.Name)
				return
			}
		}
	}
	noun := reVoiceNoun.FindStringIndex(w)
	want := voiceWant{}
	var spans [][]int
	for _, a := range accents {
		if loc := a.re.FindStringIndex(w); loc != nil && (noun != nil || strings.Contains(strings.ToLower(w), "accent")) {
			want.locale, want.accent = a.locales[0], a.name
			for _, l := range a.locales[1:] {
				if in.hasVoiceLocale(l) && !in.hasVoiceLocale(want.locale) {
					want.locale = l
				}
			}
			spans = append(spans, loc)
			break
		}
	}
	if m := reMale.FindStringIndex(w); m != nil && (noun != nil || strings.Contains(strings.ToLower(w[m[0]:m[1]]), "deeper")) {
		want.gender = "male"
		spans = append(spans, m)
	} else if f := reFemale.FindStringIndex(w); f != nil && noun != nil {
		want.gender = "female"
		spans = append(spans, f)
	}
	if noun == nil && want.gender == "" {
		return
	}
	if want.gender == "" && want.locale == "" && !(noun != nil && reChangeWord.MatchString(w)) {
		return
	}
	if noun != nil {
		spans = append(spans, noun)
	}
	for _, sp := range spans {
		in.m.consume(sp[0], sp[1])
	}
	in.voiceFor(want, "")
}

func (in *interp) hasVoiceLocale(l string) bool {
	for _, v := range in.ctx.Voices {
		if localeMatches(voiceLocale(v), l) {
			return true
		}
	}
	return false
}

// voiceFor picks the voice that fits want in the narration language and adds the op.
// suffix, when set, describes the change as part of another one.
func (in *interp) voiceFor(want voiceWant, suffix string) {
	lang := baseLang(in.language())
	if want.locale != "" {
		lang = baseLang(want.locale)
	}
	cur, hasCur := in.currentVoice()
	gender := want.gender
	if gender == "" && hasCur {
		gender = cur.Gender
		if l, ok := in.currentLook(); ok && l.Gender != "" {
			gender = l.Gender
		}
	}
	type cand struct {
		v     videoagent.Voice
		score int
	}
	var cands []cand
	for _, v := range in.ctx.Voices {
		loc := voiceLocale(v)
		if baseLang(loc) != lang {
			continue
		}
		if gender != "" && !strings.EqualFold(v.Gender, gender) {
			continue
		}
		c := cand{v: v}
		if want.locale != "" {
			switch {
			case strings.EqualFold(loc, want.locale):
				c.score += 30
			case localeMatches(loc, want.locale):
				c.score += 20
			case strings.Contains(strings.ToLower(v.Name), strings.ToLower(want.accent)):
				c.score += 20
			default:
				continue
			}
		}
		if hasCur {
			if v.Engine == cur.Engine {
				c.score += 4
			}
			if want.locale == "" && strings.EqualFold(loc, voiceLocale(cur)) {
				c.score += 2
			}
			if v.ID == cur.ID {
				c.score -= 100
			}
		}
		if len(loc) <= 5 {
			c.score++
		}
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	what := strings.TrimSpace(strings.Join([]string{want.accent, gender}, " "))
	if len(cands) == 0 {
		if !want.quiet {
			in.note("I don't have a %s voice for %s.", strings.TrimSpace(what), LanguageName(in.language()))
		}
		return
	}
	best := cands[0].v
	if hasCur && best.ID == cur.ID {
		if !want.quiet {
			in.note("The voice is already %s.", best.Name)
		}
		return
	}
	desc := "switch the voice to " + best.Name
	if suffix != "" {
		desc = suffix
	}
	in.add(Op{Kind: OpSetVoice, VoiceID: best.ID}, desc)
}

// ---- style and tone ------------------------------------------------------------------

var styleWords = []struct {
	re     *regexp.Regexp
	tags   []string
	visual bool // a word about looks only; otherwise it needs a style noun
	name   string
}{
	{rx(`\bdark(?:er)?\b|\bdark\s+mode\b|\bmás\s+oscuro\b|\bdunkler\b|\bplus\s+sombre\b`), []string{"dark"}, true, "darker"},
	{rx(`\blight(?:er)?\b|\bbright(?:er)?\b|\bmás\s+claro\b|\bheller\b|\bplus\s+clair\b`), []string{"fresh", "clean", "warm", "soft"}, true, "lighter"},
	{rx(`\bcolou?rful\b|\bvibrant\b|\bmore\s+colou?rs?\b|\bmás\s+colorido\b|\bbunter\b|\bplus\s+coloré`), []string{"vibrant", "bold", "social", "youthful"}, true, "more colourful"},
	{rx(`\bminimal(?:ist)?\b|\bsimpler\b|\bcleaner\b`), []string{"minimal", "clean"}, true, "more minimal"},
	{rx(`\belegant\b|\bclassy\b|\bsophisticated\b`), []string{"elegant", "editorial"}, true, "more elegant"},
	{rx(`\btech(?:y|ier|nical)?\b|\bfuturistic\b`), []string{"tech"}, true, "more techy"},
	{rx(`\bnatur(?:e|al)\b|\bgreen(?:er)?\b|\beco\b`), []string{"nature", "sustainability"}, true, "more natural"},
	{rx(`\bbold(?:er)?\b`), []string{"bold"}, true, "bolder"},
	{rx(`\bplayful\b|\bfun(?:ner)?\b|\byouthful\b`), []string{"playful", "youthful"}, false, "more playful"},
	{rx(`\bcorporate\b|\bformal\b|\bprofessional\b|\bbusiness(?:-like)?\b|\bserious\b`), []string{"corporate", "formal", "business"}, false, "more formal"},
	{rx(`\bcalm(?:er)?\b|\bsoft(?:er)?\b|\bsoothing\b`), []string{"calm", "soft"}, false, "calmer"},
	{rx(`\bwarm(?:er)?\b|\bfriendl(?:y|ier)\b`), []string{"warm", "friendly"}, false, "warmer"},
	{rx(`\benergetic\b|\bpunchier\b|\bexciting\b`), []string{"energetic", "bold"}, false, "more energetic"},
}

var toneWords = []struct {
	re   *regexp.Regexp
	tone string
	name string
}{
	{rx(`\bmore\s+(?:energetic|energy|upbeat|exciting|dynamic|lively|punchy|enthusiastic|hype)\b|\b(?:energetic|upbeat|exciting|punchy|lively|peppier|livelier|punchier|snappier|hype|high-energy)\b|\bmás\s+(?:enérgic[oa]|dinámic[oa]|animad[oa])\b|\benergischer\b|\bdynamischer\b|\bschwungvoller\b|\blebendiger\b|\bplus\s+(?:énergique|dynamique|enthousiaste)\b`), "energetic", "more energetic"},
	{rx(`\bmore\s+(?:formal|professional|serious|corporate|businesslike)\b|\bless\s+(?:casual|informal|playful|silly|chatty)\b|\b(?:formal(?:ly)?|professional|serious|corporate)\b|\bmás\s+(?:formal|profesional|seri[oa])\b|\bförmlicher\b|\bformeller\b|\bprofessioneller\b|\bseriöser\b|\bplus\s+(?:formel|professionnel|sérieux)\b`), "professional", "more formal"},
	{rx(`\bmore\s+(?:friendly|casual|conversational|approachable|warm|relaxed|informal|personal|human)\b|\bfriendlier\b|\bwarmer\b|\bless\s+(?:formal|stiff|corporate|serious)\b|\b(?:casual|conversational|friendly)\b|\bmás\s+(?:amigable|cercan[oa]|amable|informal|casual)\b|\bfreundlicher\b|\blockerer\b|\bpersönlicher\b|\bplus\s+(?:amical|chaleureux|décontracté|convivial)\b`), "friendly", "friendlier"},
	{rx(`\bmore\s+(?:playful|fun|funny|humorous|witty|lighthearted|light-hearted)\b|\bfunnier\b|\b(?:playful|humorous|witty|lighthearted|light-hearted)\b|\bmás\s+(?:divertid[oa]|juguet[oó]n[a]?)\b|\blustiger\b|\bverspielter\b|\bplus\s+(?:drôle|ludique|amusant)\b`), "playful", "more playful"},
	{rx(`\bmore\s+(?:calm|soothing|gentle|relaxed|soft)\b|\bcalmer\b|\bgentler\b|\bless\s+(?:intense|energetic|hype|pushy|salesy)\b|\b(?:calm|soothing)\b|\bmás\s+(?:tranquil[oa]|calmad[oa])\b|\bruhiger\b|\bsanfter\b|\bplus\s+(?:calme|doux)\b`), "calm", "calmer"},
	{rx(`\bmore\s+(?:inspiring|inspirational|motivational|motivating|uplifting|emotional)\b|\b(?:inspiring|inspirational|motivational|uplifting)\b|\bmás\s+(?:inspirador[a]?|motivador[a]?)\b|\binspirierender\b|\bmotivierender\b|\bplus\s+(?:inspirant|motivant)\b`), "inspiring", "more inspiring"},
}

func nearest(re *regexp.Regexp, w string, at int) int {
	best := -1
	for _, loc := range re.FindAllStringIndex(w, -1) {
		d := loc[0] - at
		if d < 0 {
			d = at - loc[1]
		}
		if d < 0 {
			d = 0
		}
		if best < 0 || d < best {
			best = d
		}
	}
	return best
}

func (in *interp) parseStyleAndTone() {
	w := in.m.w
	// Style by name.
	for _, s := range in.ctx.Styles {
		names := []string{s.Name}
		if strings.ContainsAny(s.ID, "-_0123456789") {
			names = append(names, s.ID)
		}
		for _, n := range names {
			if n == "" {
				continue
			}
			if loc := findWord(w, n); loc != nil {
				in.m.consume(loc[2], loc[3])
				if in.sb != nil && in.sb.StyleID == s.ID {
					in.note("The style is already %s.", s.Name)
				} else {
					in.add(Op{Kind: OpSetStyle, StyleID: s.ID}, "switch to the "+s.Name+" style")
				}
				if sn := reStyleNoun.FindStringIndex(in.m.w); sn != nil {
					in.m.consume(sn[0], sn[1])
				}
				in.parseTone()
				return
			}
		}
	}
	// Style by words.
	var tags, names []string
	var spans [][]int
	for _, sw := range styleWords {
		loc := sw.re.FindStringIndex(w)
		if loc == nil {
			continue
		}
		ds := nearest(reStyleNoun, w, loc[0])
		dt := nearest(reToneNoun, w, loc[0])
		styleCtx := ds >= 0 && (dt < 0 || ds <= dt)
		if !styleCtx && !(sw.visual && dt < 0) {
			continue
		}
		tags = append(tags, sw.tags...)
		names = append(names, sw.name)
		spans = append(spans, loc)
	}
	if len(tags) > 0 {
		for _, sp := range spans {
			in.m.consume(sp[0], sp[1])
		}
		if sn := reStyleNoun.FindStringIndex(in.m.w); sn != nil {
			in.m.consume(sn[0], sn[1])
		}
		in.styleFor(tags, joinAnd(names))
	}
	in.parseTone()
}

func (in *interp) styleFor(tags []string, what string) {
	if len(in.ctx.Styles) == 0 {
		in.note("I don't have other styles to choose from.")
		return
	}
	var cur Style
	if in.sb != nil {
		for _, s := range in.ctx.Styles {
			if s.ID == in.sb.StyleID {
				cur = s
			}
		}
	}
	type cand struct {
		s     Style
		score int
	}
	var cands []cand
	for _, s := range in.ctx.Styles {
		c := cand{s: s}
		for i, t := range tags {
			if hasTag(s.Tags, t) {
				c.score += 10 * (len(tags) - i)
			}
		}
		if c.score == 0 {
			continue
		}
		for _, t := range cur.Tags {
			if hasTag(s.Tags, t) {
				c.score++
			}
		}
		cands = append(cands, c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	if len(cands) == 0 {
		in.note("I don't have a style that looks %s.", what)
		return
	}
	best := cands[0].s
	if best.ID == cur.ID {
		if len(cands) > 1 {
			best = cands[1].s
		} else {
			in.note("%s is already the %s style I have.", cur.Name, what)
			return
		}
	}
	in.add(Op{Kind: OpSetStyle, StyleID: best.ID}, fmt.Sprintf("switch to the %s style (%s)", best.Name, what))
}

func (in *interp) parseTone() {
	for _, t := range toneWords {
		loc := t.re.FindStringIndex(in.m.w)
		if loc == nil {
			continue
		}
		in.m.consume(loc[0], loc[1])
		if sn := reToneNoun.FindStringIndex(in.m.w); sn != nil {
			in.m.consume(sn[0], sn[1])
		}
		in.planOp(Op{Tone: t.tone}, "rewrite the script in a "+t.name+" tone")
		return
	}
}
