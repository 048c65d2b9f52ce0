package chat

import (
	"fmt"
	"regexp"
	"strings"
)

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
	if f := strings.Trim(strings.Fields(name + " x")[0], ",.()"); len(f) >= 3 && !commonWords[strings.ToLower(f)] && !isLanguageName(f) {
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
