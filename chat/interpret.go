package chat

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// item is an op with the words the reply uses for it.
type item struct {
	op   Op
	desc string
}

type interp struct {
	ctx   Context
	state string
	sb    *videoagent.Storyboard
	m     *message
	lang  string // language the message is written in: en, es, de, fr

	items    []item
	replan   Op
	hasPlan  bool
	planDesc []string
	notes    []string
	choice   *Option
	approve  bool
	follow   bool
	thanks   bool
	ack      bool // a plain confirmation ("ok") or praise that is not an approval here
	negative bool // "no", "not yet", "wait"
}

// Interpret reads one user message in a session's context and says what it asks for:
// edit operations, an approval, a choice among offered options, a follow-up video, and
// always a reply to post. It is deterministic and does no I/O. See the package comment for
// how to act on the result.
func Interpret(msg string, ctx Context) Result {
	in := &interp{ctx: ctx, sb: ctx.Storyboard, m: newMessage(msg)}
	in.state = ctx.State
	if in.state == "" {
		in.state = StateReviewing
		if in.sb == nil {
			in.state = StateWaitingForInput
		}
	}
	in.lang = messageLanguage(in.m.orig)
	if strings.TrimSpace(in.m.orig) == "" {
		return in.result()
	}

	in.contentRefs()
	if in.state == StateWaitingForInput {
		in.parseChoice()
	}
	in.parseNewTopic()
	in.parseSceneTitle()
	in.parseMedia()
	in.parseLogoMusic()
	in.parseNarration()
	in.parseReplaceText()
	in.parseAddScene()
	in.parseRemove()
	in.parseMove()
	in.parseSwap()
	in.parseTitle()
	in.parseCTA()
	in.parseCaptions()
	in.parseOrientation()
	in.parseLanguage()
	in.parseDuration()
	in.parsePresenter()
	in.parseVoice()
	in.parseStyleAndTone()
	in.parseFlags()
	return in.result()
}

// ---- helpers -------------------------------------------------------------------------

const (
	sTok = `(⟦s\d+⟧)`
	qTok = `(⟦q\d+⟧)`
	uTok = `(⟦u\d+⟧)`
)

// rx compiles a case-insensitive pattern in which {S}, {Q} and {U} stand for a scene,
// quotation and URL token.
func rx(p string) *regexp.Regexp {
	p = strings.NewReplacer("{S}", sTok, "{Q}", qTok, "{U}", uTok).Replace(p)
	return regexp.MustCompile(`(?i)` + p)
}

func rxs(ps ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(ps))
	for i, p := range ps {
		out[i] = rx(p)
	}
	return out
}

func (in *interp) add(op Op, desc string) {
	in.items = append(in.items, item{op, desc})
}

func (in *interp) note(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, n := range in.notes {
		if n == s {
			return
		}
	}
	in.notes = append(in.notes, s)
}

func (in *interp) language() string {
	if in.sb != nil && in.sb.Language != "" {
		return in.sb.Language
	}
	if in.ctx.Language != "" {
		return in.ctx.Language
	}
	return "en"
}

// scene resolves a scene token against the storyboard: its id and 1-based position.
func (in *interp) scene(t token) (string, int, bool) {
	if in.sb == nil || len(in.sb.Scenes) == 0 {
		in.note("The storyboard isn't ready yet, so I can't edit scenes — I'll remember that you can once it is.")
		return "", 0, false
	}
	n := len(in.sb.Scenes)
	i := t.scene
	switch i {
	case refLast:
		i = n
	case refPenultimate:
		i = n - 1
	case refCTA:
		i = n
		for k := n - 1; k >= 0; k-- {
			if in.sb.Scenes[k].Visual.Kind == videoagent.VisualCTA {
				i = k + 1
				break
			}
		}
	default:
		if i < 0 { // "the last three scenes"
			i = n + 1 + i
		}
	}
	if i < 1 || i > n {
		in.note("There's no scene %d — the storyboard has %d scenes.", t.scene, n)
		return "", 0, false
	}
	return in.sb.Scenes[i-1].ID, i, true
}

// sceneTok resolves the scene token string x.
func (in *interp) sceneTok(x string) (string, int, bool) {
	t, ok := in.m.tok(x)
	if !ok || t.kind != 's' {
		return "", 0, false
	}
	return in.scene(t)
}

func (in *interp) sceneAt(id string) *videoagent.Scene {
	if in.sb == nil {
		return nil
	}
	for i := range in.sb.Scenes {
		if in.sb.Scenes[i].ID == id {
			return &in.sb.Scenes[i]
		}
	}
	return nil
}

// eachMatch runs f on each match of the patterns in the working text, leftmost first;
// f returns the end of what it read (at least the match end) and whether to consume from
// the match start to there. A match that f declines is skipped.
func (in *interp) eachMatch(res []*regexp.Regexp, f func(loc []int) (end int, ok bool)) {
	for _, re := range res {
		from := 0
		for from < len(in.m.w) {
			loc := re.FindStringSubmatchIndex(in.m.w[from:])
			if loc == nil {
				break
			}
			for k := range loc {
				if loc[k] >= 0 {
					loc[k] += from
				}
			}
			end, ok := f(loc)
			if ok {
				if end < loc[1] {
					end = loc[1]
				}
				in.m.consume(loc[0], end)
				from = end
			} else {
				from = loc[0] + 1
				for from < len(in.m.w) && !utf8.RuneStart(in.m.w[from]) {
					from++
				}
			}
		}
	}
}

func group(w string, loc []int, g int) string {
	if 2*g+1 >= len(loc) || loc[2*g] < 0 {
		return ""
	}
	return w[loc[2*g]:loc[2*g+1]]
}

func quote(s string) string { return "“" + strings.TrimRight(clip(s, 60), ".") + "”" }

// ---- scene edits ---------------------------------------------------------------------

var (
	reRefNamed = regexp.MustCompile(`(?i)\bthe\s+([\pL][\pL-]*(?:\s+[\pL][\pL-]*)?)\s+(?:scene|slide)\b`)
	reRefAbout = regexp.MustCompile(`(?i)\bthe\s+(?:scene|slide)\s+(?:about|on|with|for|that\s+(?:mentions|talks\s+about|shows))\s+(?:the\s+)?([\pL][\pL-]*(?:\s+[\pL][\pL-]*)?)`)
	refStop    = set("next", "previous", "new", "whole", "other", "same", "current", "opening", "closing", "final",
		"last", "first", "second", "third", "fourth", "fifth", "sixth", "title", "cta", "end", "intro", "following",
		"prior", "middle", "extra", "one", "entire", "last two", "first two")
)

// contentRefs turns references to scenes by what they show ("the pricing scene", "the
// scene about boards") into scene tokens, when one scene fits.
func (in *interp) contentRefs() {
	if in.sb == nil {
		return
	}
	for _, re := range []*regexp.Regexp{reRefAbout, reRefNamed} {
		from := 0
		for from < len(in.m.w) {
			loc := re.FindStringSubmatchIndex(in.m.w[from:])
			if loc == nil {
				break
			}
			for k := range loc {
				loc[k] += from
			}
			phrase := strings.ToLower(in.m.w[loc[2]:loc[3]])
			if refStop[phrase] || refStop[strings.Fields(phrase)[0]] {
				from = loc[1]
				continue
			}
			idx, many := in.findScene(phrase)
			for _, wd := range strings.Fields(phrase) {
				if idx >= 0 || len(many) > 0 || wd == phrase || refStop[wd] || isFunctionWord(wd) {
					continue
				}
				if idx, many = in.findScene(wd); idx >= 0 || len(many) > 0 {
					phrase = wd
				}
			}
			if idx < 0 {
				if len(many) > 1 {
					in.note("Several scenes mention %s (scenes %s) — which one do you mean?", phrase, joinAnd(many))
				} else {
					in.note("I couldn't find a scene about %s.", phrase)
				}
				in.m.consume(loc[0], loc[1])
				from = loc[1]
				continue
			}
			tok := in.m.add(token{kind: 's', orig: in.m.w[loc[0]:loc[1]], scene: idx + 1})
			in.m.w = in.m.w[:loc[0]] + tok + in.m.w[loc[1]:]
			from = loc[0] + len(tok)
		}
	}
}

// findScene returns the index of the one scene whose slide title (else narration) has
// phrase, or -1 and the positions of the scenes that have it when there are several.
func (in *interp) findScene(phrase string) (int, []string) {
	for _, field := range []func(videoagent.Scene) string{
		func(sc videoagent.Scene) string { return sc.Visual.Title },
		func(sc videoagent.Scene) string { return strings.Join(sc.Visual.Bullets, " · ") },
		func(sc videoagent.Scene) string { return sc.Narration },
	} {
		var found []int
		for i, sc := range in.sb.Scenes {
			if findWord(field(sc), phrase) != nil {
				found = append(found, i)
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if len(found) > 1 {
			var pos []string
			for _, i := range found {
				pos = append(pos, fmt.Sprint(i+1))
			}
			return -1, pos
		}
	}
	return -1, nil
}

func isFunctionWord(w string) bool {
	return set("a", "an", "the", "and", "or", "after", "before", "with", "to", "of", "in", "on", "at", "for", "about", "it", "that", "this")[w]
}

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
				quoted = t.kind == 'q'
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
		if t, _ := in.m.tok(rest[lead : lead+loc[1]]); t.kind == 'q' {
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

var (
	reAddCmd    = rx(`\b(?:add|insert|include|append|put\s+in|create|añade|agrega|incluye|inserta|füge|ergänze|ajoute|insère)\s+(?:(?:a|an|another|one\s+more|a\s+new|an\s+extra|new|extra|una|otra|nueva|eine|weitere|neue|une|autre|nouvelle)\s+)*(?:(?:new|extra|short|quick|brief|final|closing|nueva|neue|nouvelle|kurze)\s+)?(?:scene|slide|section|escena|diapositiva|szene|folie|scène|diapo)\b`)
	reAddTokCmd = rx(`\b(?:add|insert|include|append|create|añade|agrega|füge|ajoute)\s+(?:a|an|another|one\s+more|a\s+new|new|una|eine|une)\s+{S}`)
	rePosRel    = rx(`\b(after|before|ahead\s+of|behind|following|después\s+de|antes\s+de|nach|vor|hinter|après|avant)\s+(?:la\s+|der\s+)?{S}`)
	rePosBet    = rx(`\bbetween\s+{S}\s+(?:and|&)\s+{S}`)
	rePosEnd    = rx(`\b(?:at|to)\s+the\s+(end|start|beginning|front|top|bottom|very\s+end|very\s+start|very\s+beginning)\b|\bal\s+(final|principio|inicio)\b|\bam\s+(ende|anfang)\b|\bà\s+la\s+(fin)\b|\bau\s+(début)\b|\b(first|last|zuerst|zuletzt)\s*$`)
	rePosPre    = rx(`\b(after|before|después\s+de|antes\s+de|nach|vor|après|avant)\s+(?:la\s+|der\s+)?{S}\s*,?\s*$`)
	reAddTxt    = rx(`(?:\b(?:saying|that\s+says|which\s+says|to\s+say|where\s+(?:the\s+presenter|i|we)\s+says?|with\s+the\s+(?:text|line|narration|words)|que\s+diga|diciendo|die\s+sagt|mit\s+dem\s+text|qui\s+dit|disant)\b|:)\s*`)
	reAddTop    = rx(`^\s*(?:(?:that\s+(?:is|talks|explains)\s+)?(?:about|on|covering|explaining|for|regarding|introducing|describing|to\s+explain|to\s+introduce|sobre|acerca\s+de|de|über|zu|zum|zur|sur|concernant)\s+)`)
	reAddAtt    = rx(`\b(?:with|showing|using|featuring|con|mit|avec)\s+(?:the\s+|this\s+|my\s+|that\s+|la\s+|el\s+|dem\s+|l')?(?:attached\s+|uploaded\s+|new\s+)?(image|picture|photo|screenshot|video|clip|imagen|foto|bild|vidéo)(?:\s+(?:i\s+(?:attached|sent|uploaded)|adjunta|angehängt))?`)
)

func (in *interp) parseAddScene() {
	in.eachMatch([]*regexp.Regexp{reAddCmd, reAddTokCmd}, func(loc []int) (int, bool) {
		w := in.m.w
		start := loc[0]
		defWhere, defDesc := WhereEnd, ""
		if x := group(w, loc, 1); x != "" { // "add a closing scene", "add an intro"
			t, _ := in.m.tok(x)
			switch t.scene {
			case refLast, refCTA:
				defDesc = " at the end"
			case 1:
				defWhere, defDesc = WhereStart, " at the start"
			default:
				return 0, false
			}
		}
		clauseEnd := len(w)
		if b := reBoundary.FindStringIndex(w[loc[1]:]); b != nil {
			clauseEnd = loc[1] + b[0]
		}
		clause := w[loc[1]:clauseEnd]
		op := Op{Kind: OpAddScene, Where: defWhere}
		posDesc := defDesc
		cut := func(sm []int) { clause = clause[:sm[0]] + strings.Repeat(" ", sm[1]-sm[0]) + clause[sm[1]:] }
		anchor := func(x, where string) bool {
			id, pos, ok := in.sceneTok(x)
			if !ok {
				return false
			}
			op.Anchor, op.Where = id, where
			posDesc = fmt.Sprintf(" %s scene %d", where, pos)
			return true
		}
		bad := false
		if sm := rePosBet.FindStringSubmatchIndex(clause); sm != nil {
			bad = !anchor(clause[sm[2]:sm[3]], WhereAfter)
			cut(sm)
		} else if sm := rePosRel.FindStringSubmatchIndex(clause); sm != nil {
			bad = !anchor(clause[sm[4]:sm[5]], relWhere(clause[sm[2]:sm[3]]))
			cut(sm)
		} else if sm := rePosPre.FindStringSubmatchIndex(w[:loc[0]]); sm != nil {
			bad = !anchor(w[sm[4]:sm[5]], relWhere(w[sm[2]:sm[3]]))
			start = sm[0]
		} else if sm := rePosEnd.FindStringSubmatchIndex(clause); sm != nil {
			word := ""
			for g := 1; g < len(sm)/2; g++ {
				if sm[2*g] >= 0 {
					word = strings.ToLower(clause[sm[2*g]:sm[2*g+1]])
				}
			}
			switch word {
			case "start", "beginning", "front", "top", "very start", "very beginning", "principio", "inicio", "anfang", "début", "first", "zuerst":
				op.Where, posDesc = WhereStart, " at the start"
			default:
				posDesc = " at the end"
			}
			cut(sm)
		}
		if bad {
			in.m.consume(start, clauseEnd)
			return clauseEnd, true
		}
		if sm := reAddAtt.FindStringSubmatchIndex(clause); sm != nil {
			kind := mediaKind(clause[sm[2]:sm[3]])
			if a, ok := in.attachment(kind); ok {
				op.AssetID, op.AssetKind = a.AssetID, a.Kind
			}
			cut(sm)
		}
		if sm := reAddTxt.FindStringIndex(clause); sm != nil {
			text, _ := (&message{w: clause[sm[1]:], toks: in.m.toks}).payload(0)
			op.Text = strings.TrimSpace(text)
			clause = clause[:sm[0]]
		}
		if sm := reAddTop.FindStringIndex(clause); sm != nil {
			op.Topic = strings.TrimRight(strings.TrimSpace(in.m.restore(clause[sm[1]:])), ".,;")
		} else if t := strings.TrimSpace(in.m.restore(clause)); op.Text == "" && t != "" && utf8.RuneCountInString(t) <= 60 {
			op.Topic = strings.TrimRight(t, ".,;")
		}
		op.Topic = strings.TrimPrefix(strings.TrimPrefix(op.Topic, "the "), "The ")
		if in.sb == nil {
			in.note("The storyboard isn't ready yet, so I can't add scenes.")
		} else if op.Text == "" && op.Topic == "" && op.AssetID == "" {
			in.note("What should the new scene say or be about? For example: “add a scene about pricing after scene 2”.")
		} else {
			desc := "add a scene"
			switch {
			case op.Text != "":
				desc += " saying " + quote(op.Text)
			case op.Topic != "":
				desc += " about " + op.Topic
			}
			if op.AssetID != "" {
				desc += " with the attached " + op.AssetKind
			}
			in.add(op, desc+posDesc)
		}
		in.m.consume(start, clauseEnd)
		return clauseEnd, true
	})
}

func relWhere(w string) string {
	switch strings.ToLower(strings.Fields(w)[0]) {
	case "before", "ahead", "antes", "vor", "avant":
		return WhereBefore
	}
	return WhereAfter
}

var (
	sceneList = `({S}(?:\s*(?:,|and|&|y|und|et)\s*{S})*)`
	reRemove  = rxs(
		`\b(?:remove|delete|drop|cut|lose|skip|eliminate|take\s+out|get\s+rid\s+of|kill|ditch|scrap|quita|quitar|elimina|eliminar|borra|borrar|suprime|entferne|entfernen|lösche|löschen|streiche|streichen|supprime|supprimer|enlève|enlever|retire|retirer|efface)\s+`+sceneList,
		sceneList+`\s+(?:entfernen|löschen|streichen|raus|weg|can\s+go|isn't\s+needed|is\s+not\s+needed)\b`,
	)
)

var reRemoveIt = rx(`\b(?:remove|delete|drop|cut|lose|skip|get\s+rid\s+of|ditch|scrap|quítala|elimínala|bórrala|entferne|lösche|supprime|enlève)\s+(?:it|that(?:\s+one)?|this(?:\s+one)?|sie|la)\b`)

func (in *interp) parseRemove() {
	// "I don't like the second scene, remove it": one scene named, then a pronoun.
	if loc := reRemoveIt.FindStringIndex(in.m.w); loc != nil {
		if toks := reSceneTok.FindAllStringIndex(in.m.w, -1); len(toks) == 1 {
			x := in.m.w[toks[0][0]:toks[0][1]]
			in.m.consume(loc[0], loc[1])
			in.m.consume(toks[0][0], toks[0][1])
			if id, pos, ok := in.sceneTok(x); ok {
				in.add(Op{Kind: OpRemoveScene, SceneID: id}, fmt.Sprintf("remove scene %d%s", pos, in.sceneLabel(id)))
			}
		}
	}
	in.eachMatch(reRemove, func(loc []int) (int, bool) {
		list := group(in.m.w, loc, 1)
		removed := map[string]bool{}
		var descs []string
		for _, x := range reSceneTok.FindAllString(list, -1) {
			id, pos, ok := in.sceneTok(x)
			if !ok || removed[id] {
				continue
			}
			if in.sb != nil && len(removed)+1 >= len(in.sb.Scenes) {
				in.note("I can't remove every scene — a video needs at least one.")
				break
			}
			removed[id] = true
			in.add(Op{Kind: OpRemoveScene, SceneID: id}, "")
			descs = append(descs, fmt.Sprintf("scene %d%s", pos, in.sceneLabel(id)))
		}
		if len(descs) > 0 {
			in.items[len(in.items)-1].desc = "remove " + joinAnd(descs)
		}
		return loc[1], true
	})
}

// sceneLabel is " (“Title”)" for a scene with a slide title, for replies.
func (in *interp) sceneLabel(id string) string {
	if sc := in.sceneAt(id); sc != nil && sc.Visual.Title != "" {
		return " (" + quote(sc.Visual.Title) + ")"
	}
	return ""
}

var (
	reMoveRel = rx(`\b(?:move|put|place|mueve|mover|coloca|pon|verschiebe|schiebe|setze|déplace|déplacer|mets)\s+{S}\s+(?:to\s+(?:go\s+)?|so\s+it\s+comes\s+)?(before|after|ahead\s+of|behind|antes\s+de|después\s+de|vor|nach|hinter|avant|après)\s+(?:la\s+|die\s+)?{S}`)
	reMoveEnd = rx(`\b(?:move|put|mueve|verschiebe|déplace|mets)\s+{S}\s+(?:to\s+the\s+|to\s+|at\s+the\s+|al\s+|an\s+den\s+|ans\s+|à\s+la\s+|au\s+)(very\s+end|end|start|beginning|front|top|bottom|final|principio|inicio|ende|anfang|fin|début)\b`)
	reMoveMk  = rx(`\bmake\s+{S}\s+{S}`)
	reMoveUp  = rx(`\b(?:move|put)\s+{S}\s+(up|earlier|down|later)\b`)
)

func (in *interp) parseMove() {
	in.eachMatch([]*regexp.Regexp{reMoveRel}, func(loc []int) (int, bool) {
		w := in.m.w
		id, pos, ok := in.sceneTok(group(w, loc, 1))
		aid, apos, ok2 := in.sceneTok(group(w, loc, 3))
		if ok && ok2 && id != aid {
			where := relWhere(group(w, loc, 2))
			in.add(Op{Kind: OpMoveScene, SceneID: id, Anchor: aid, Where: where}, fmt.Sprintf("move scene %d %s scene %d", pos, where, apos))
		}
		return loc[1], true
	})
	in.eachMatch([]*regexp.Regexp{reMoveEnd}, func(loc []int) (int, bool) {
		w := in.m.w
		if id, pos, ok := in.sceneTok(group(w, loc, 1)); ok {
			switch strings.ToLower(group(w, loc, 2)) {
			case "start", "beginning", "front", "top", "principio", "inicio", "anfang", "début":
				in.add(Op{Kind: OpMoveScene, SceneID: id, Where: WhereStart}, fmt.Sprintf("move scene %d to the start", pos))
			default:
				in.add(Op{Kind: OpMoveScene, SceneID: id, Where: WhereEnd}, fmt.Sprintf("move scene %d to the end", pos))
			}
		}
		return loc[1], true
	})
	in.eachMatch([]*regexp.Regexp{reMoveMk}, func(loc []int) (int, bool) {
		w := in.m.w
		id, pos, ok := in.sceneTok(group(w, loc, 1))
		aid, apos, ok2 := in.sceneTok(group(w, loc, 2))
		if ok && ok2 && id != aid {
			where := WhereBefore
			if apos > pos {
				where = WhereAfter
			}
			in.add(Op{Kind: OpMoveScene, SceneID: id, Anchor: aid, Where: where}, fmt.Sprintf("move scene %d %s scene %d", pos, where, apos))
		}
		return loc[1], true
	})
	in.eachMatch([]*regexp.Regexp{reMoveUp}, func(loc []int) (int, bool) {
		w := in.m.w
		id, pos, ok := in.sceneTok(group(w, loc, 1))
		if !ok {
			return loc[1], true
		}
		up := strings.EqualFold(group(w, loc, 2), "up") || strings.EqualFold(group(w, loc, 2), "earlier")
		switch {
		case up && pos > 1:
			in.add(Op{Kind: OpMoveScene, SceneID: id, Anchor: in.sb.Scenes[pos-2].ID, Where: WhereBefore}, fmt.Sprintf("move scene %d before scene %d", pos, pos-1))
		case !up && pos < len(in.sb.Scenes):
			in.add(Op{Kind: OpMoveScene, SceneID: id, Anchor: in.sb.Scenes[pos].ID, Where: WhereAfter}, fmt.Sprintf("move scene %d after scene %d", pos, pos+1))
		default:
			in.note("Scene %d is already at that end.", pos)
		}
		return loc[1], true
	})
}

var reSwap = rx(`(?:^|\b|\s)(?:swap|switch|exchange|flip|trade|reverse|intercambia|invierte|tausche|vertausche|échange|inverse|permute)\s+(?:the\s+order\s+of\s+|the\s+positions\s+of\s+)?{S}\s*(?:and|with|&|,|y|con|und|mit|et|avec)\s*{S}`)

func (in *interp) parseSwap() {
	in.eachMatch([]*regexp.Regexp{reSwap}, func(loc []int) (int, bool) {
		w := in.m.w
		id, pos, ok := in.sceneTok(group(w, loc, 1))
		oid, opos, ok2 := in.sceneTok(group(w, loc, 2))
		if ok && ok2 && id != oid {
			in.add(Op{Kind: OpSwapScenes, SceneID: id, OtherID: oid}, fmt.Sprintf("swap scenes %d and %d", pos, opos))
		}
		return loc[1], true
	})
}

// ---- media, logo, music --------------------------------------------------------------

var reMedia = rxs(
	`(?:\b(?:change|update|set|make)\s+)?{S}\s+(?:to|should|must|needs\s+to)\s+(?:use|show|display|have)\s+(?:this|the\s+attached|the\s+uploaded|my|attached)\s+(image|picture|photo|video|clip|screenshot|one|file)`,
	`\b(?:use|put|place|insert|show|add|display|set|pon|usa|muestra|verwende|nimm|zeige|utilise|mets|montre)\s+(?:this|the\s+attached|the\s+uploaded|the\s+new|my|that|attached|uploaded|esta|este|la|el|dieses|das|cette|ce|l')\s*(?:attached\s+|uploaded\s+|new\s+)?(image|picture|photo|pic|screenshot|graphic|video|clip|footage|file|one|imagen|foto|vídeo|bild|vidéo)(?:\s+(?:i\s+(?:attached|sent|uploaded)|adjunt[ao]|angehängte))?(?:\s+(?:in|on|for|into|as\s+the\s+(?:image|picture|visual)\s+(?:in|of|for)|en|para|auf|dans|sur)\s+(?:the\s+)?(?:background\s+of\s+)?{S})?`,
	`\breplace\s+(?:the\s+)?(image|picture|photo|video|clip|visual|screenshot)\s+(?:in|on|of)\s+{S}\s+with\s+(?:this|the\s+attached|the\s+uploaded|mine|my\s+\w+|the\s+new|the\s+one\s+i\s+(?:attached|sent|uploaded))(?:\s+(?:one|image|picture|photo|file|video))?`,
	`\breplace\s+(?:the\s+)?(image|picture|photo|video|clip|visual|screenshot)\s+with\s+(?:this|the\s+attached|the\s+uploaded|mine|my\s+\w+|the\s+new|the\s+one\s+i\s+(?:attached|sent|uploaded))(?:\s+(?:one|image|picture|photo|file|video))?(?:\s+(?:in|on)\s+{S})?`,
	`\b(?:in|on|for)\s+{S}\s*,?\s+(?:use|show|put)\s+(?:this|the\s+attached|the\s+uploaded|my|attached)\s+(image|picture|photo|video|clip|screenshot)`,
	`\b(?:change|update|swap)\s+(?:the\s+)?(image|picture|photo|visual)\s+(?:in|on|of)\s+{S}\s+(?:to|for)\s+(?:this|the\s+attached|the\s+uploaded)(?:\s+(?:one|image|picture|photo|file))?`,
)

var reAsLogo = regexp.MustCompile(`^\s*(?:as|for)\s+(?:the\s+|our\s+|my\s+|a\s+)?(?:logo|background\s+music|music|soundtrack)`)

func mediaKind(noun string) string {
	switch strings.ToLower(noun) {
	case "video", "clip", "footage", "vídeo", "vidéo":
		return videoagent.MaterialVideo
	case "file", "one", "visual":
		return ""
	}
	return videoagent.MaterialImage
}

// attachment returns the first attachment of kind ("" means an image or a video).
func (in *interp) attachment(kind string) (Attachment, bool) {
	for _, a := range in.ctx.Attachments {
		if a.Kind == kind || (kind == "" && (a.Kind == videoagent.MaterialImage || a.Kind == videoagent.MaterialVideo)) {
			return a, true
		}
	}
	return Attachment{}, false
}

func (in *interp) parseMedia() {
	in.eachMatch(reMedia, func(loc []int) (int, bool) {
		w := in.m.w
		var noun, x string
		for g := 1; g < len(loc)/2; g++ {
			s := group(w, loc, g)
			if strings.HasPrefix(s, "⟦s") {
				x = s
			} else if s != "" {
				noun = s
			}
		}
		// "use this one as the logo", "use this image as background": not a scene visual.
		if rest := strings.ToLower(w[loc[1]:]); reAsLogo.MatchString(rest) {
			return 0, false
		}
		kind := mediaKind(noun)
		a, ok := in.attachment(kind)
		if !ok {
			what := "an image or a video"
			if kind != "" {
				what = "an " + kind
				if kind == videoagent.MaterialVideo {
					what = "a video"
				}
			}
			in.note("I don't see %s attached to your message — attach it and tell me which scene it goes in.", what)
			return loc[1], true
		}
		id, pos, found := "", 0, false
		if x != "" {
			if id, pos, found = in.sceneTok(x); !found {
				return loc[1], true
			}
		} else if in.sb != nil {
			var cands []int
			for i, sc := range in.sb.Scenes {
				if sc.Visual.Kind == videoagent.VisualImage || sc.Visual.Kind == videoagent.VisualVideo {
					cands = append(cands, i)
				}
			}
			if len(cands) == 1 {
				id, pos, found = in.sb.Scenes[cands[0]].ID, cands[0]+1, true
			}
		}
		if in.sb == nil {
			in.note("The storyboard isn't ready yet; I'll use your %s when I write it.", a.Kind)
			return loc[1], true
		}
		if !found {
			in.note("Which scene should show the attached %s? For example: “use this %s in scene 2”.", a.Kind, a.Kind)
			return loc[1], true
		}
		in.add(Op{Kind: OpSetMedia, SceneID: id, AssetID: a.AssetID, AssetKind: a.Kind}, fmt.Sprintf("show the attached %s in scene %d", a.Kind, pos))
		return loc[1], true
	})
}

var (
	reLogo     = rx(`\b(?:use|add|set|put|include|make)\b[^.⟦]{0,40}?\blogo\b`)
	reMusicOn  = rx(`\b(?:use|add|set|put|play|include)\b[^.⟦]{0,40}?\b(?:music|song|track|soundtrack|audio|tune)\b`)
	reMusicOff = rx(`\b(?:remove|drop|no|without|turn\s+off|get\s+rid\s+of|mute|kill|lose|stop)\s+(?:the\s+)?(?:background\s+)?(?:music|soundtrack|song)\b|\bsin\s+música\b|\bohne\s+musik\b|\bsans\s+musique\b|\b(?:quita|elimina)\s+la\s+música\b|\bmusik\s+(?:entfernen|aus)\b|\b(?:enlève|supprime)\s+la\s+musique\b`)
)

func (in *interp) parseLogoMusic() {
	if loc := reMusicOff.FindStringIndex(in.m.w); loc != nil {
		in.m.consume(loc[0], loc[1])
		if in.sb != nil && in.sb.MusicAssetID == "" {
			in.note("There's no background music to remove.")
		} else {
			in.add(Op{Kind: OpSetMusic}, "remove the background music")
		}
	}
	if loc := reLogo.FindStringIndex(in.m.w); loc != nil {
		if a, ok := in.attachment(videoagent.MaterialImage); ok {
			in.m.consume(loc[0], loc[1])
			in.add(Op{Kind: OpSetLogo, AssetID: a.AssetID}, "use the attached image as the logo")
		} else if strings.Contains(strings.ToLower(in.m.w[loc[0]:loc[1]]), "this") || len(in.ctx.Attachments) > 0 {
			in.m.consume(loc[0], loc[1])
			in.note("I don't see an image attached to your message — attach your logo as a PNG or JPEG.")
		}
	}
	if loc := reMusicOn.FindStringIndex(in.m.w); loc != nil {
		if a, ok := in.attachment(videoagent.MaterialAudio); ok {
			in.m.consume(loc[0], loc[1])
			in.add(Op{Kind: OpSetMusic, AssetID: a.AssetID}, "use the attached audio as background music")
		} else if len(in.ctx.Attachments) > 0 || strings.Contains(strings.ToLower(in.m.w[loc[0]:loc[1]]), "this") {
			in.m.consume(loc[0], loc[1])
			in.note("I don't see an audio file attached to your message — attach an mp3 or wav for the music.")
		}
	}
}

// ---- title, call to action -----------------------------------------------------------

var reTitleCmd = rxs(
	`\b(?:change|set|update|make|rename|edit)\s+(?:the\s+)?(?:video(?:'s)?\s+)?(?:title|name)(?:\s+of\s+(?:the\s+)?video)?\s*(?:to|as|into|:|=)\s*`,
	`\b(?:rename|retitle)\s+(?:the\s+video|it|this(?:\s+video)?)\s*(?:to|as|:)?\s*`,
	`\b(?:call|name|title)\s+(?:the\s+video|it|this(?:\s+video)?)\s*:?\s*`,
	`\b(?:new|better|different)\s+title\s*[:=]?\s*`,
	`\b(?:the\s+)?(?:video\s+)?title\s+should\s+(?:be|say|read)\s*:?\s*`,
	`^\s*title\s*[:=]\s*`,
	`\b(?:cambia|pon)\s+el\s+título(?:\s+del\s+vídeo)?\s+(?:a|por|en|como)\s*:?\s*`,
	`\bllámalo\s+`,
	`\b(?:ändere|setze)\s+den\s+titel(?:\s+des\s+videos)?\s+(?:auf|zu|in)\s*:?\s*`,
	`\bnenne\s+es\s+`,
	`\b(?:change|modifie)\s+le\s+titre(?:\s+de\s+la\s+vidéo)?\s+(?:en|par|pour|à)\s*:?\s*`,
	`\bappelle[- ]la\s+`,
	`^\s*(?:título|titel|titre)\s*:\s*`,
)

func (in *interp) parseTitle() {
	in.eachMatch(reTitleCmd, func(loc []int) (int, bool) {
		text, end := in.m.payload(loc[1])
		text = strings.TrimRight(strings.TrimSpace(text), ".")
		if text == "" || strings.EqualFold(text, "a day") {
			return 0, false
		}
		if utf8.RuneCountInString(text) > videoagent.MaxTitleChars {
			text = clip(text, videoagent.MaxTitleChars)
			in.note("I shortened the title to %d characters.", videoagent.MaxTitleChars)
		}
		if in.sb != nil && in.sb.Title == text {
			in.note("The title is already %s.", quote(text))
			return end, true
		}
		in.add(Op{Kind: OpSetTitle, Text: text}, "retitle the video "+quote(text))
		return end, true
	})
}

const ctaNoun = `(?:call[- ]to[- ]action|cta|llamada\s+a\s+la\s+acción|handlungsaufforderung|appel\s+à\s+l'action)`

var (
	reCTACmd = rxs(
		`\b(?:change|set|update|make|replace|edit|cambia|ändere|modifie)\s+(?:the\s+|la\s+|die\s+|l')?(?:final\s+|closing\s+)?`+ctaNoun+`\s*(?:to|as|into|with|:|=|a|por|zu|auf|en|par)\s*`,
		`\b(?:the\s+)?`+ctaNoun+`\s+should\s+(?:be|say|read|ask\s+(?:people|viewers|them)\s+to)\s*:?\s*`,
		`\b`+ctaNoun+`\s*[:=]\s*`,
		`\b(?:end|finish|close)\s+(?:it\s+|the\s+video\s+)?(?:with|by)\s+(?:a\s+`+ctaNoun+`\s+(?:to|:)\s*|asking\s+(?:people|viewers|them)\s+to\s+)`,
	)
	reLinkCmd = rxs(
		`\b(?:change|set|update|point|use|switch)\s+(?:the\s+)?(?:link|url|website|web\s+address|landing\s+page|cta\s+link|cta\s+url)\s+(?:to|as|at)\s+{U}`,
		`\buse\s+{U}\s+(?:as|for)\s+(?:the\s+)?(?:link|url|cta|call\s+to\s+action|website)`,
		`\bpoint\s+(?:it|the\s+(?:cta|call\s+to\s+action|button|link))\s+(?:to|at)\s+{U}`,
	)
)

func (in *interp) parseCTA() {
	in.eachMatch(reCTACmd, func(loc []int) (int, bool) {
		raw, end := in.rawPayload(loc[1])
		text := strings.TrimRight(strings.TrimSpace(in.m.restore(raw)), ".!")
		if text == "" {
			return 0, false
		}
		op := Op{Kind: OpSetCTA, Text: capitalize(text)}
		if us := in.m.urls(raw); len(us) > 0 {
			op.URL = us[0]
		}
		in.add(op, "change the call to action to "+quote(op.Text))
		return end, true
	})
	in.eachMatch(reLinkCmd, func(loc []int) (int, bool) {
		u := in.m.urls(in.m.w[loc[0]:loc[1]])
		if len(u) == 0 {
			return 0, false
		}
		in.add(Op{Kind: OpSetCTA, URL: u[0]}, "point the call to action to "+u[0])
		return loc[1], true
	})
}

// ---- follow-up with a new topic ------------------------------------------------------

var reNewTopic = rx(`\b(?:(?:now|next|also|then)\s+)?(?:make|create|do|produce|generate|write)\s+(?:me\s+|us\s+)?(?:one|another(?:\s+one|\s+video)?|a\s+(?:new\s+|second\s+|separate\s+|different\s+)?video|a\s+new\s+one)\s+(?:about|on|for|explaining|covering)\s+`)

func (in *interp) parseNewTopic() {
	in.eachMatch([]*regexp.Regexp{reNewTopic}, func(loc []int) (int, bool) {
		text, end := in.m.payload(loc[1])
		text = strings.TrimSpace(text)
		if text == "" {
			return 0, false
		}
		in.planOp(Op{Prompt: text}, "make a new video about "+clip(text, 80))
		in.follow = true
		return end, true
	})
}

// planOp merges a replan request into the result's single OpReplan.
func (in *interp) planOp(o Op, desc string) {
	in.hasPlan = true
	r := &in.replan
	r.Kind = OpReplan
	if o.DurationSec != 0 {
		r.DurationSec, r.Scale = o.DurationSec, o.Scale
	} else if o.Scale != 0 {
		r.Scale = o.Scale
	}
	if o.Tone != "" {
		r.Tone = o.Tone
	}
	if o.Language != "" {
		r.Language = o.Language
	}
	if o.Prompt != "" {
		r.Prompt = o.Prompt
	}
	in.planDesc = append(in.planDesc, desc)
}

// ---- result --------------------------------------------------------------------------

// sceneAddressed reports whether an op edits particular scenes (meaningless after a
// replan rewrites the script).
func sceneAddressed(k OpKind) bool {
	switch k {
	case OpSetNarration, OpSetSceneTitle, OpAddScene, OpRemoveScene, OpMoveScene, OpSwapScenes, OpSetMedia:
		return true
	case OpReplaceText:
		return true
	}
	return false
}

func (in *interp) result() Result {
	var r Result
	var descs []string
	if in.hasPlan {
		kept := in.items[:0]
		dropped := 0
		for _, it := range in.items {
			if sceneAddressed(it.op.Kind) {
				dropped++
				continue
			}
			kept = append(kept, it)
		}
		in.items = kept
		if lang := in.replan.Language; lang != "" {
			// A voice chosen for the old language would read the new script: leave the
			// voice to the caster, which picks one of the new language.
			kept = in.items[:0]
			for _, it := range in.items {
				if it.op.Kind == OpSetVoice && !in.voiceSpeaks(it.op.VoiceID, lang) {
					continue
				}
				kept = append(kept, it)
			}
			in.items = kept
		}
		if dropped > 0 {
			in.note("I'll rewrite the script first, so I've left the scene edits for now — tell me about them when you see the new storyboard.")
		}
		r.Ops = append(r.Ops, in.replan)
		descs = append(descs, in.planDesc...)
	}
	for _, it := range in.items {
		r.Ops = append(r.Ops, it.op)
		if it.desc != "" {
			descs = append(descs, it.desc)
		}
	}
	if in.choice != nil {
		r.Choice = in.choice.ID
	}
	if in.state == StateReviewing && in.approve && !in.negative {
		r.Approve = true
	}
	if len(r.Ops) > 0 && (in.state == StateCompleted || in.follow) {
		r.FollowUp = true
	}
	r.Understood = len(r.Ops) > 0 || r.Choice != "" || r.Approve || in.thanks || in.ack || in.negative || len(in.notes) > 0
	r.Reply = in.reply(r, descs)
	return r
}

// voiceSpeaks reports whether voice id speaks lang (unknown voices are assumed to).
func (in *interp) voiceSpeaks(id, lang string) bool {
	for _, v := range in.ctx.Voices {
		if v.ID == id {
			return baseLang(voiceLocale(v)) == baseLang(lang)
		}
	}
	return true
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// messageLanguage guesses whether a message is Spanish, German or French (else English),
// for the replies that follow the user's language.
func messageLanguage(s string) string {
	a := agent.Analyze(videoagent.Brief{Prompt: s})
	switch a.PromptLang {
	case "es", "de", "fr":
		return a.PromptLang
	}
	ws := words(s)
	score := map[string]int{}
	for _, w := range ws {
		for lang, set := range replyCue {
			if set[w] {
				score[lang]++
			}
		}
	}
	best, n := "en", 0
	for _, l := range []string{"es", "de", "fr"} {
		if score[l] > n {
			best, n = l, score[l]
		}
	}
	return best
}

// replyCue are words that mark a short message as Spanish, German or French.
var replyCue = map[string]map[string]bool{
	"es": set("sí", "adelante", "perfecto", "gracias", "hazlo", "vale", "dale", "genial", "más", "corto", "largo", "escena", "vertical", "bien", "gusta", "qué", "puedes", "ayuda"),
	"de": set("ja", "danke", "perfekt", "passt", "super", "los", "kürzer", "länger", "szene", "hochformat", "gut", "sieht", "aus", "bitte", "mach", "weiter", "hilfe", "kannst"),
	"fr": set("oui", "merci", "parfait", "vas-y", "allez-y", "génial", "court", "long", "scène", "plus", "bon", "c'est", "ça", "aide", "peux"),
}

func set(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}
