package chat

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

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
	if !ok || t.kind != tokScene {
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
			loc := nextMatch(re, in.m.w, from)
			if loc == nil {
				break
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
			tok := in.m.add(token{kind: tokScene, orig: in.m.w[loc[0]:loc[1]], scene: idx + 1})
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
