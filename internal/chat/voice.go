package chat

import (
	"sort"
	"strings"

	"github.com/openvideoagent/videoagent"
)

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
