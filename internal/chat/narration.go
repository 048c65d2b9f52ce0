package chat

import (
	"fmt"
	"regexp"
	"strings"
)

var reSceneTitleCmd = rxs(
	`\b(?:change|set|make|update|edit|rename)\s+(?:the\s+)?(?:slide\s+)?(?:title|heading|headline|header)\s+(?:of|for|on|in)\s+{S}\s*(?:to|as|into|:|=)\s*`,
	`\b(?:rename|retitle)\s+{S}\s*(?:to|as|:)?\s*`,
	`{S}(?:'s)?\s+(?:title|heading|headline|header)\s*(?:should\s+(?:be|say|read)|to|=|:)\s*`,
	`\b(?:in|on|for)\s+{S}\s*,?\s+(?:change|set|make|update)\s+the\s+(?:title|heading|headline|header)\s*(?:to|as|:)\s*`,
	`\b(?:the\s+)?(?:title|heading|headline|header)\s+(?:of|for|on|in)\s+{S}\s*(?:should\s+(?:be|say|read)|to|:|=)\s*`,
	`\b(?:cambia|pon|modifica)\s+el\s+título\s+de\s+{S}\s+(?:a|por|en|como)\s*:?\s*`,
	`\b(?:ändere|setze|änder)\s+(?:den\s+)?titel\s+(?:von|der|in|für)\s+{S}\s+(?:zu|auf|in)\s*:?\s*`,
	`\b(?:change|modifie|mets)\s+le\s+titre\s+de\s+{S}\s+(?:en|par|à|pour)\s*:?\s*`,
)

func (in *interp) parseSceneTitle() {
	in.eachMatch(reSceneTitleCmd, func(loc []int) (int, bool) {
		x := group(in.m.w, loc, 1)
		text, end := in.m.payload(loc[1])
		text = strings.TrimRight(strings.TrimSpace(text), ".")
		if text == "" {
			return 0, false
		}
		if id, pos, ok := in.sceneTok(x); ok {
			in.add(Op{Kind: OpSetSceneTitle, SceneID: id, Text: text}, fmt.Sprintf("retitle scene %d %s", pos, quote(text)))
		}
		return end, true
	})
}

var reNarrationCmd = rxs(
	`\b(?:change|update|edit|rewrite|set|make)\s+{S}\s+(?:so\s+(?:that\s+)?it\s+(?:says|reads)|to\s+say|to\s+read|to\s+instead\s+say|say|read)\s*:?\s*`,
	`\b(?:change|update|edit|rewrite|replace|set)\s+(?:the\s+)?(?:narration|script|text|voice-?over|words|lines?|wording|copy)\s+(?:of|in|for|on)\s+{S}\s*(?:to|with|as|into|:)\s*`,
	`\b(?:have|let)\s+{S}\s+(?:say|read)\s*:?\s*`,
	`{S}\s+(?:should|must|needs\s+to|has\s+to|could|can)\s+(?:instead\s+)?(?:say|read)\s*:?\s*`,
	`\b(?:in|on|for)\s+{S}\s*,?\s+(?:(?:please\s+)?(?:say|have\s+(?:the\s+presenter|him|her|them)\s+say)|the\s+(?:presenter|narrator)\s+should\s+say|the\s+(?:narration|script|text|voice-?over)\s+should\s+(?:say|be|read))\s*:?\s*`,
	`\b(?:cambia|modifica|reescribe)\s+{S}\s+(?:para\s+que\s+diga|por|a|como)\s*:?\s*`,
	`\bhaz\s+que\s+{S}\s+diga\s*:?\s*`,
	`\ben\s+{S}\s*,?\s+di\s*:?\s*`,
	`{S}\s+debe\s+decir\s*:?\s*`,
	`\b(?:ändere|änder|schreibe)\s+{S}\s+(?:zu|in|auf|um\s+zu|um)\s*:?\s*`,
	`\bin\s+{S}\s*,?\s+(?:sag|sage)\s*:?\s*`,
	`{S}\s+soll\s+(?:sagen|lauten)\s*:?\s*`,
	`\b(?:change|modifie|réécris)\s+{S}\s+(?:pour\s+(?:qu'elle\s+dise|dire)|en|par)\s*:?\s*`,
	`\b(?:dans|en)\s+{S}\s*,?\s+dis\s*:?\s*`,
	`{S}\s+doit\s+dire\s*:?\s*`,
	// Generic forms last: "change scene 2 to X", "rewrite scene 2: X", "scene 2: 'X'".
	`\b(?:change|rewrite)\s+{S}\s*(?:to|as|into|:)\s*`,
	`{S}\s*[:=]\s*`,
)

var (
	reNotText      = rx(`^\s*(?:use|show|a|an|the|be|have|feature|include|display|put|something|more|less|shorter|longer)\b`)
	reGermanSagen  = rx(`{S}\s+soll\s+{Q}\s+(?:sagen|lauten)\b`)
	reGenericIndex = len(reNarrationCmd) - 2
)

func (in *interp) parseNarration() {
	// "Szene 2 soll 'X' sagen": the verb comes last.
	in.eachMatch([]*regexp.Regexp{reGermanSagen}, func(loc []int) (int, bool) {
		t, _ := in.m.tok(group(in.m.w, loc, 2))
		if id, pos, ok := in.sceneTok(group(in.m.w, loc, 1)); ok {
			in.add(Op{Kind: OpSetNarration, SceneID: id, Text: t.inner}, fmt.Sprintf("have scene %d say %s", pos, quote(t.inner)))
		}
		return loc[1], true
	})
	for k, re := range reNarrationCmd {
		generic := k >= reGenericIndex
		in.eachMatch([]*regexp.Regexp{re}, func(loc []int) (int, bool) {
			rest := in.m.w[loc[1]:]
			quoted := false
			if l := reToken.FindStringIndex(strings.TrimLeft(rest, " :")); l != nil && l[0] == 0 {
				t, _ := in.m.tok(strings.TrimLeft(rest, " :")[l[0]:l[1]])
				quoted = t.kind == tokQuote
			}
			if generic && !quoted && (k == len(reNarrationCmd)-1 || reNotText.MatchString(rest)) {
				return 0, false
			}
			text, end := in.m.payload(loc[1])
			if strings.TrimSpace(text) == "" {
				return 0, false
			}
			if id, pos, ok := in.sceneTok(group(in.m.w, loc, 1)); ok {
				in.add(Op{Kind: OpSetNarration, SceneID: id, Text: text}, fmt.Sprintf("have scene %d say %s", pos, quote(text)))
			}
			return end, true
		})
	}
}
