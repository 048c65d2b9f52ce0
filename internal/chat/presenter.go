package chat

import (
	"regexp"
	"sort"
	"strings"

	"github.com/openvideoagent/videoagent"
)

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
