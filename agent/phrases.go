package agent

import (
	"regexp"
	"strconv"
	"strings"
)

// phraseSet maps a beat key to its phrasings in one language.
//
// A phrasing is a template. {name} is replaced by a variable ({Name} by the same variable
// with a capital first letter); a phrasing whose variables are not all known and non-empty
// is skipped, so "Made for {audience}" is only said when the prompt named an audience. An
// optional leading register tag, "[warm] ", "[bold] " or "[formal] ", restricts a phrasing
// to a tone; untagged phrasings suit every tone. An optional " | " splits the spoken
// sentence from the short on-screen bullet that goes with it.
//
// Keys "items.<kind>" and "pain" hold lists rather than sentences: items separated by
// "; ", used when the prompt lists nothing of its own.
type phraseSet map[string][]string

// phraseSets holds the languages the planner writes natively. Narration in any other
// language (Italian, Portuguese, Japanese...) uses the English phrasing while keeping the
// requested language tag, so that the caller still picks a voice for that language; an
// LLM planner is the way to real narration in those languages.
var phraseSets = map[string]phraseSet{
	"en": phrasesEN,
	"es": phrasesES,
	"de": phrasesDE,
	"fr": phrasesFR,
}

// phrasesFor returns the phrase set for a language tag and the language it is written in.
func phrasesFor(tag string) (phraseSet, string) {
	if s, ok := phraseSets[baseLang(tag)]; ok {
		return s, baseLang(tag)
	}
	return phrasesEN, "en"
}

// line is one spoken sentence and its on-screen bullet (which may be empty).
type line struct {
	text   string
	bullet string
	words  int
	pos    int // for document sentences, 1 + their place in the document (0 otherwise)
}

var rePlaceholder = regexp.MustCompile(`\{([A-Za-z_]+)\}`)

// fill replaces the placeholders of tmpl from vars; ok is false if one is missing or empty.
func fill(tmpl string, vars map[string]string) (string, bool) {
	ok := true
	out := rePlaceholder.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[1 : len(m)-1]
		capital := name[0] >= 'A' && name[0] <= 'Z'
		v := vars[strings.ToLower(name[:1])+name[1:]]
		if v == "" {
			ok = false
			return ""
		}
		if capital {
			return capFirst(v)
		}
		return v
	})
	return out, ok
}

// splitTag separates a phrasing's register tag.
func splitTag(p string) (tag, rest string) {
	if strings.HasPrefix(p, "[") {
		if i := strings.Index(p, "] "); i > 0 {
			return p[1:i], p[i+2:]
		}
	}
	return "", p
}

// writer picks phrasings: deterministically from the seed, never the same sentence twice
// in one storyboard, and within the tone's register.
type writer struct {
	set      phraseSet
	lang     string // language of the phrase set
	seed     uint64
	register string
	vars     map[string]string
	used     map[string]bool // sentences said
	uses     map[string]int  // phrasings used, by key#index
	shortest bool            // prefer the shortest phrasing (when the target length is tight)
}

func (w *writer) phrases(key string) []string {
	if v, ok := w.set[key]; ok {
		return v
	}
	return phrasesEN[key]
}

// say returns one sentence for key. slot distinguishes different uses of the same key
// (one per feature, say) so that each gets its own seeded choice.
func (w *writer) say(key, slot string, extra map[string]string) (line, bool) {
	return w.sayWith(key, slot, extra, "")
}

// sayWith is say, preferring phrasings whose text contains must (a date, a place) when
// there are any.
func (w *writer) sayWith(key, slot string, extra map[string]string, must string) (line, bool) {
	vars := w.vars
	if len(extra) > 0 {
		vars = make(map[string]string, len(w.vars)+len(extra))
		for k, v := range w.vars {
			vars[k] = v
		}
		for k, v := range extra {
			vars[k] = v
		}
	}
	var cands, fresh []line
	var freshIDs, candIDs []string
	for i, p := range w.phrases(key) {
		id := key + "#" + strconv.Itoa(i)
		tag, body := splitTag(p)
		if tag != "" && tag != w.register {
			continue
		}
		spoken, bullet := body, ""
		if i := strings.Index(body, " | "); i >= 0 {
			spoken, bullet = body[:i], body[i+3:]
		}
		text, ok := fill(spoken, vars)
		if !ok {
			continue
		}
		text = finishSentence(text)
		if w.used[strings.ToLower(text)] {
			continue
		}
		if bullet != "" {
			b, ok := fill(bullet, vars)
			if !ok {
				b = ""
			}
			bullet = bulletText(b)
		}
		l := line{text: text, bullet: bullet, words: SpokenWords(text)}
		if w.uses[id] >= 2 {
			continue // a phrasing serves at most twice, with different words filled in
		}
		cands, candIDs = append(cands, l), append(candIDs, id)
		if w.uses[id] == 0 {
			fresh, freshIDs = append(fresh, l), append(freshIDs, id)
		}
	}
	if must != "" {
		var mc []line
		var mi []string
		for i, l := range cands {
			if strings.Contains(l.text, must) {
				mc, mi = append(mc, l), append(mi, candIDs[i])
			}
		}
		if len(mc) > 0 {
			cands, candIDs, fresh, freshIDs = mc, mi, nil, nil
			for i, l := range mc {
				if w.uses[mi[i]] == 0 {
					fresh, freshIDs = append(fresh, l), append(freshIDs, mi[i])
				}
			}
		}
	}
	// Prefer a phrasing not used yet in this storyboard, even with other words filled in.
	if len(fresh) > 0 {
		cands, candIDs = fresh, freshIDs
	}
	if len(cands) == 0 {
		return line{}, false
	}
	i := 0
	if w.shortest {
		for j := range cands {
			if cands[j].words < cands[i].words {
				i = j
			}
		}
	} else {
		i = int(hash64(w.lang, key, slot, strconv.FormatUint(w.seed, 10)) % uint64(len(cands)))
	}
	l := cands[i]
	w.used[strings.ToLower(l.text)] = true
	w.uses[candIDs[i]]++
	return l, true
}

// list returns the items of a list key ("items.product"), chosen by the seed.
func (w *writer) list(key string) []string {
	vs := w.phrases(key)
	if len(vs) == 0 {
		return nil
	}
	v := vs[hash64(key, strconv.FormatUint(w.seed, 10))%uint64(len(vs))]
	var out []string
	for _, s := range strings.Split(v, "; ") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// label returns a fixed on-screen label (a slide title) for key.
func (w *writer) label(key string, vars map[string]string) string {
	for _, p := range w.phrases(key) {
		_, body := splitTag(p)
		if t, ok := fill(body, vars); ok {
			return t
		}
	}
	return ""
}

// finishSentence tidies a filled template into one or more proper sentences.
func finishSentence(s string) string {
	s = normalizeSpace(s)
	s = sentenceCase(s)
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case '.', '!', '?', '"':
	default:
		if !strings.HasSuffix(s, "»") && !strings.HasSuffix(s, "“") && !strings.HasSuffix(s, "”") && !strings.HasSuffix(s, "…") {
			s += "."
		}
	}
	return s
}
