package chat

import (
	"fmt"
	"regexp"
	"strings"
)

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
