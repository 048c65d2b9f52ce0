package chat

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// Facts the user asks to have said ("mention that the webinar is free", "add that
// registration is at example.com/register") are added to the script in the user's words:
// as a new sentence of the scene they fit best, or as a new scene before the call to
// action when no scene is about them.

var (
	reMentionCmd = rxs(
		`\b(?:please\s+)?(?:also\s+)?(?:mention|add|say|include|state|note|point\s+out|explain|tell\s+(?:them|viewers|people|everyone|the\s+viewers?))(?:\s+(?:in|on)\s+{S})?\s*,?\s+that\s+`,
		`\b(?:menciona|di|añade|agrega|incluye|explica)\s+(?:también\s+)?(?:en\s+{S}\s+)?que\s+`,
		`\b(?:erwähne|sag|sage|ergänze|erkläre|füge\s+hinzu)\s*(?:in\s+{S})?\s*,?\s+dass\s+`,
		`\b(?:mentionne|dis|ajoute|précise|indique|explique)\s+(?:aussi\s+)?(?:dans\s+{S}\s+)?que\s+`,
	)
	reMentionQuote = rx(`\b(?:please\s+)?(?:also\s+)?(?:mention|say|include)(?:\s+(?:in|on)\s+{S})?\s*:?\s*({Q})`)
	reAndThat      = regexp.MustCompile(`(?i)(,?\s+(?:and|or|y|und|et))\s+(?:that|que|dass)\s+`)
	reScopeLead    = rx(`\b(?:in|on|en|dans|auf)\s+(?:la\s+)?{S}\s*,?\s*$`)
	// reNotMention before "say that" makes it part of another command ("change scene 2
	// to say that ...", "don't say that ...").
	reNotMention = rx(`(?:\bto|\bshould|\bmust|\bcan|\bcould|\bwill|\bwould|\bnot|\bdon't|\bnever|{S})\s*$`)
)

// parseMention reads "mention that ...", "add that ...", "say that ..." (and the same in
// Spanish, German and French).
func (in *interp) parseMention() {
	in.eachMatch(reMentionCmd, func(loc []int) (int, bool) {
		if reNotMention.MatchString(in.m.w[:loc[0]]) {
			return 0, false
		}
		raw, end := in.rawPayload(loc[1])
		return end, in.mention(loc, raw)
	})
}

// parseMentionQuote reads a quoted line to mention ("mention “Free parking on site”"); it
// runs after the scene edits, which read "scene 2 should say “...”" first.
func (in *interp) parseMentionQuote() {
	in.eachMatch([]*regexp.Regexp{reMentionQuote}, func(loc []int) (int, bool) {
		if reNotMention.MatchString(in.m.w[:loc[0]]) {
			return 0, false
		}
		return loc[1], in.mention(loc[:len(loc)-2], group(in.m.w, loc, 2))
	})
}

// mention adds the facts raw (working text) for the match loc, whose first group, if
// any, is the scene the user named. It reports whether the match was used.
func (in *interp) mention(loc []int, raw string) bool {
	scopeTok := group(in.m.w, loc, 1)
	if sm := reScopeTail.FindStringSubmatchIndex(raw); sm != nil {
		if scopeTok == "" {
			scopeTok = raw[sm[2]:sm[3]]
		}
		raw = raw[:sm[0]]
	}
	if scopeTok == "" {
		if sm := reScopeLead.FindStringSubmatchIndex(in.m.w[:loc[0]]); sm != nil {
			scopeTok = in.m.w[sm[2]:sm[3]]
			in.m.consume(sm[0], sm[1])
		}
	}
	text := in.m.restore(raw)
	if t, ok := in.m.tok(strings.TrimSpace(raw)); ok && t.kind == tokQuote {
		text = t.inner
	}
	text = reAndThat.ReplaceAllString(strings.TrimSpace(text), "$1 ")
	line := sentence(text)
	if line == "" {
		return false
	}
	if in.sb == nil {
		in.addFact(Op{Kind: OpAddLine, Text: line}, "mention "+quote(line))
		return true
	}
	if scopeTok != "" {
		if id, pos, ok := in.sceneTok(scopeTok); ok {
			in.addFact(Op{Kind: OpAddLine, SceneID: id, Text: line}, fmt.Sprintf("add %s to scene %d", quote(line), pos))
		}
		return true
	}
	if i := in.fittingScene(line); i >= 0 {
		in.addFact(Op{Kind: OpAddLine, SceneID: in.sb.Scenes[i].ID, Text: line}, fmt.Sprintf("add %s to scene %d%s", quote(line), i+1, in.sceneLabel(in.sb.Scenes[i].ID)))
		return true
	}
	op := Op{Kind: OpAddScene, Where: WhereEnd, Text: line}
	desc := fmt.Sprintf("add a scene saying %s at the end", quote(line))
	if i := ctaIndex(in.sb); i >= 0 {
		op.Where, op.Anchor = WhereBefore, in.sb.Scenes[i].ID
		desc = fmt.Sprintf("add a scene saying %s before the call to action", quote(line))
	}
	in.addFact(op, desc)
	return true
}

// addFact adds the op of a line to mention.
func (in *interp) addFact(op Op, desc string) {
	in.items = append(in.items, item{op: op, desc: desc, fact: true})
}

// ctaIndex is the index of the last scene with a call-to-action visual, or -1.
func ctaIndex(sb *videoagent.Storyboard) int {
	for i := len(sb.Scenes) - 1; i >= 0; i-- {
		if sb.Scenes[i].Visual.Kind == videoagent.VisualCTA {
			return i
		}
	}
	return -1
}

// fittingScene returns the scene that shares the most content words with line, or -1
// when none is about it. A word of the scene's slide title counts three times, a word of
// its narration or slide text once; a scene needs two. Words match when they share the
// first five letters ("registration", "register").
func (in *interp) fittingScene(line string) int {
	want := contentWords(line)
	best, bestScore := -1, 1
	for i, sc := range in.sb.Scenes {
		title := contentWords(sc.Visual.Title)
		rest := contentWords(strings.Join(sceneTexts(sc), " "))
		score := 0
		for _, w := range want {
			if hasStem(title, w) {
				score += 2
			}
			if hasStem(rest, w) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

func hasStem(ws []string, w string) bool {
	for _, x := range ws {
		if stemEqual(x, w) {
			return true
		}
	}
	return false
}

// contentWords are the words of s that carry meaning: four letters or more, not a
// function word.
func contentWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		w = strings.Trim(w, "-'")
		if len([]rune(w)) < 4 || factStop[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

var factStop = set("that", "this", "with", "from", "have", "will", "your", "their", "there", "they",
	"what", "when", "where", "which", "about", "also", "just", "it's", "it’s", "into", "than",
	"then", "them", "these", "those", "were", "been", "being", "does", "make", "more", "most",
	"some", "such", "very", "only", "over", "here", "each", "every", "want", "need", "like")

func stemEqual(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 5 || len(rb) < 5 {
		return a == b
	}
	return string(ra[:5]) == string(rb[:5])
}
