package chat

import (
	"fmt"
	"strings"

	"github.com/openvideoagent/videoagent"
)

var (
	reReplaceCmd = rxs(
		`\b(?:replace|substitute|swap\s+out|change|swap)\s+{Q}\s+(?:with|to|for|by|into)\s+`,
		`\b(?:replace|substitute)\s+(?:the\s+(?:word|phrase|name)\s+)?([^,.;:⟦\n]{1,60}?)\s+(?:with|by)\s+`,
		`\b(?:reemplaza|sustituye|cambia)\s+({Q}|[^,.;:⟦\n]{1,60}?)\s+(?:por|con)\s+`,
		`\bersetze\s+({Q}|[^,.;:⟦\n]{1,60}?)\s+(?:durch|mit)\s+`,
		`\bremplace\s+({Q}|[^,.;:⟦\n]{1,60}?)\s+par\s+`,
	)
	reScopeBefore = rx(`\b(?:in|on|en|dans|auf|for)\s+(?:la\s+)?{S}\s*,?\s*$`)
	reScopeAfter  = rx(`^\s*(?:in|on|en|dans|auf|for)\s+(?:la\s+)?{S}`)
	reScopeTail   = rx(`\s+(?:in|on|en|dans|auf|for)\s+(?:la\s+)?{S}\s*$`)
	reEverywhere  = rx(`^\s*(?:everywhere|throughout|in\s+all\s+scenes|in\s+every\s+scene|in\s+the\s+whole\s+video)\b`)
)

func (in *interp) parseReplaceText() {
	in.eachMatch(reReplaceCmd, func(loc []int) (int, bool) {
		w := in.m.w
		old := in.m.restore(group(w, loc, 1))
		if strings.TrimSpace(old) == "" {
			return 0, false
		}
		quotedOld := strings.HasPrefix(group(w, loc, 1), "⟦q")
		// The new text: a quotation, or words up to the next command.
		raw, end := in.rawPayload(loc[1])
		scopeTok := ""
		if sm := reScopeTail.FindStringSubmatchIndex(raw); sm != nil {
			scopeTok = raw[sm[2]:sm[3]]
			raw = raw[:sm[0]]
		}
		newText := in.m.restore(raw)
		start := loc[0]
		if sm := reScopeBefore.FindStringSubmatchIndex(w[:loc[0]]); sm != nil && scopeTok == "" {
			scopeTok = w[sm[2]:sm[3]]
			start = sm[0]
		}
		if scopeTok == "" {
			if sm := reScopeAfter.FindStringSubmatchIndex(w[end:]); sm != nil {
				scopeTok = w[end+sm[2] : end+sm[3]]
				end += sm[1]
			} else if sm := reEverywhere.FindStringIndex(w[end:]); sm != nil {
				end += sm[1]
			}
		}
		if strings.TrimSpace(newText) == "" {
			return 0, false
		}
		id, pos := "", 0
		if scopeTok != "" {
			var ok bool
			if id, pos, ok = in.sceneTok(scopeTok); !ok {
				in.m.consume(start, end)
				return end, true
			}
		}
		if in.sb == nil {
			if !quotedOld {
				return 0, false
			}
			in.note("The storyboard isn't ready yet, so there is no text to replace.")
			in.m.consume(start, end)
			return end, true
		}
		if !in.textContains(id, old) {
			if !quotedOld && (reNotTextOld.MatchString(old) || in.isCatalogueName(old) || in.isCatalogueName(newText)) {
				return 0, false // "replace the presenter with Marcus" is not a text edit
			}
			where := "the storyboard"
			if id != "" {
				where = fmt.Sprintf("scene %d", pos)
			}
			in.note("I couldn't find %s in %s.", quote(old), where)
			in.m.consume(start, end)
			return end, true
		}
		desc := fmt.Sprintf("replace %s with %s", quote(old), quote(newText))
		if id != "" {
			desc += fmt.Sprintf(" in scene %d", pos)
		} else {
			desc += " everywhere"
		}
		in.add(Op{Kind: OpReplaceText, SceneID: id, Old: old, Text: newText}, desc)
		in.m.consume(start, end)
		return end, true
	})
}

var reNotTextOld = rx(`^\s*(?:the\s+|this\s+|that\s+|my\s+|our\s+)?(?:presenter|avatar|host|voice|narrator|image|picture|photo|video|clip|music|song|track|logo|style|theme|title|cta|call\s+to\s+action|link|url|scene|slide|it|him|her)\b`)

// isCatalogueName reports whether s names a presenter, voice or style.
func (in *interp) isCatalogueName(s string) bool {
	s = strings.TrimSpace(s)
	for _, l := range in.ctx.Looks {
		if findWord(s, personName(l)) != nil {
			return true
		}
	}
	for _, v := range in.ctx.Voices {
		if strings.EqualFold(s, v.Name) {
			return true
		}
	}
	for _, st := range in.ctx.Styles {
		if findWord(s, st.Name) != nil {
			return true
		}
	}
	return false
}

// rawPayload is payload without restoring tokens (a leading quotation stays a token).
func (in *interp) rawPayload(i int) (string, int) {
	rest := in.m.w[i:]
	lead := len(rest) - len(strings.TrimLeft(rest, " \t:"))
	if loc := reToken.FindStringIndex(rest[lead:]); loc != nil && loc[0] == 0 {
		if t, _ := in.m.tok(rest[lead : lead+loc[1]]); t.kind == tokQuote {
			return rest[lead : lead+loc[1]], i + lead + loc[1]
		}
	}
	end := len(rest)
	if loc := reBoundary.FindStringIndex(rest[lead:]); loc != nil {
		end = lead + loc[0]
	}
	return strings.TrimRight(strings.TrimSpace(rest[:end]), ",;. "), i + end
}

// textContains reports whether old occurs (ignoring case) in scene id's texts, or
// anywhere when id is "".
func (in *interp) textContains(id, old string) bool {
	lo := strings.ToLower(old)
	if id == "" && strings.Contains(strings.ToLower(in.sb.Title), lo) {
		return true
	}
	for _, sc := range in.sb.Scenes {
		if id != "" && sc.ID != id {
			continue
		}
		for _, t := range sceneTexts(sc) {
			if strings.Contains(strings.ToLower(t), lo) {
				return true
			}
		}
	}
	return false
}

func sceneTexts(sc videoagent.Scene) []string {
	v := sc.Visual
	return append([]string{sc.Narration, v.Title, v.Subtitle, v.Text, v.Caption}, v.Bullets...)
}
