package chat

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

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
