package chat

import (
	"strings"
)

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
