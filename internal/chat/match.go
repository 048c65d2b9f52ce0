package chat

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// The command patterns are matched against the message's working text (see message),
// in which {S}, {Q} and {U} stand for scene, quotation and URL tokens.

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

// eachMatch runs f on each match of the patterns in the working text, leftmost first;
// f returns the end of what it read (at least the match end) and whether to consume from
// the match start to there. A match that f declines is skipped.
func (in *interp) eachMatch(res []*regexp.Regexp, f func(loc []int) (end int, ok bool)) {
	for _, re := range res {
		from := 0
		for from < len(in.m.w) {
			loc := nextMatch(re, in.m.w, from)
			if loc == nil {
				break
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

// nextMatch is re's first match in w at or after from, its submatch indexes in w (-1 for
// a group that took no part), or nil.
func nextMatch(re *regexp.Regexp, w string, from int) []int {
	loc := re.FindStringSubmatchIndex(w[from:])
	for k := range loc {
		if loc[k] >= 0 {
			loc[k] += from
		}
	}
	return loc
}

func group(w string, loc []int, g int) string {
	if 2*g+1 >= len(loc) || loc[2*g] < 0 {
		return ""
	}
	return w[loc[2*g]:loc[2*g+1]]
}

func quote(s string) string { return "“" + strings.TrimRight(videoagent.Shorten(s, 60), ".") + "”" }
