package chat

import (
	"regexp"
)

var (
	reVertical  = rx(`\b(?:vertical(?:ly)?|portrait|9\s*[:x/]\s*16|tik\s?tok|reels?|(?:youtube\s+|yt\s+)?shorts|(?:instagram|ig|facebook|fb|snapchat|whatsapp)\s+stor(?:y|ies)|snapchat|hochformat|vertikal|formato\s+vertical|format\s+vertical|vertikales?\s+format)\b`)
	reSquare    = rx(`\b(?:square|1\s*:\s*1|instagram(?:\s+(?:feed|post))?|feed\s+post|quadratisch|cuadrado|carr[ée])`)
	reFourFive  = rx(`\b4\s*:\s*5\b`)
	reFiveFour  = rx(`\b5\s*:\s*4\b`)
	reLandscape = rx(`\b(?:landscape|horizontal(?:ly)?|widescreen|wide\s*screen|16\s*:\s*9|youtube|querformat|paysage|apaisado|formato\s+horizontal)\b`)
)

func (in *interp) parseOrientation() {
	type cand struct {
		at     int
		ratio  string
		name   string
		re     *regexp.Regexp
		locEnd int
	}
	var best *cand
	for _, c := range []cand{
		{ratio: "4:5", name: "portrait 4:5", re: reFourFive},
		{ratio: "5:4", name: "landscape 5:4", re: reFiveFour},
		{ratio: "9:16", name: "vertical (9:16)", re: reVertical},
		{ratio: "1:1", name: "square (1:1)", re: reSquare},
		{ratio: "16:9", name: "landscape (16:9)", re: reLandscape},
	} {
		loc := c.re.FindStringIndex(in.m.w)
		if loc == nil {
			continue
		}
		c.at, c.locEnd = loc[0], loc[1]
		if best == nil || (c.at < best.at && !(best.ratio == "9:16" && c.ratio == "1:1")) {
			cc := c
			best = &cc
		}
	}
	if best == nil {
		return
	}
	// Consume every orientation word, so that "vertical for TikTok" is one request.
	for _, re := range []*regexp.Regexp{reFourFive, reFiveFour, reVertical, reSquare, reLandscape} {
		for {
			loc := re.FindStringIndex(in.m.w)
			if loc == nil {
				break
			}
			in.m.consume(loc[0], loc[1])
		}
	}
	if in.sb != nil && in.sb.AspectRatio == best.ratio && !in.follow && in.state != StateCompleted {
		in.note("It's already %s.", best.name)
		return
	}
	in.add(Op{Kind: OpSetAspect, AspectRatio: best.ratio}, "make it "+best.name)
}
