package chat

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

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
		anchor := func(x string, where Where) bool {
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

func relWhere(w string) Where {
	switch strings.ToLower(strings.Fields(w)[0]) {
	case "before", "ahead", "antes", "vor", "avant":
		return WhereBefore
	}
	return WhereAfter
}
