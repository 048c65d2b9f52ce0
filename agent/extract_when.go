package agent

// Dates, times and places.

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

const months = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre`
const weekdays = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`

var reWhen = regexp.MustCompile(`(?i)\b(?:(?:this|next|on)\s+)?(?:(?:` + weekdays + `),?\s+)?(?:(?:` + months + `)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?(?:` + months + `)(?:[^\pL]|$)(?:\s*\d{4})?|(?:` + weekdays + `)|tomorrow|tonight)(?:\s+(?:at|from|um|a las|à)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?(?:\s*(?:-|–|to)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|uhr|h)?)?(?:\s+(?-i:[A-Z]{2,4})\b)?)?`)

func (x *extractor) when() string {
	m := reWhen.FindString(x.plain)
	m = strings.TrimSpace(m)
	m = reLeadOn.ReplaceAllString(m, "")
	return m
}

var (
	reWhereAt = regexp.MustCompile(`\b(?:at|in|en|im|à|au)\s+((?:the\s+|la\s+|el\s+|le\s+)?[A-Z][\pL'&-]*(?:\s+(?:[A-Z][\pL'&-]*|of|de|the))*(?:,?\s+in\s+[A-Z][\pL'-]*(?:\s+[A-Z][\pL'-]*)*)?)`)
	reOnline  = regexp.MustCompile(`(?i)\b(online|virtual(?:ly)?|on zoom|via zoom|on teams|livestream(?:ed)?|live stream)\b`)
)

func (x *extractor) where(a *Analysis) string {
	for _, m := range reWhereAt.FindAllStringSubmatch(x.plain, -1) {
		pl := strings.TrimRight(m[1], ".,")
		lw := strings.ToLower(pl)
		fs := strings.Fields(pl)
		first := strings.ToLower(fs[0])
		if determiners[first] && len(fs) > 1 {
			first = strings.ToLower(fs[1])
		}
		if notNames[first] || notNames[lw] || (a.Name != "" && strings.EqualFold(pl, a.Name)) || hasHolder(lw) || reWhen.MatchString(pl) {
			continue
		}
		if _, ok := videoagent.LanguageTag(lw); ok {
			continue
		}
		if a.Kind != KindEvent && a.Kind != KindAnnouncement && a.Kind != KindWelcome {
			return ""
		}
		return pl
	}
	if a.Kind == KindEvent {
		if m := reOnline.FindString(x.plain); m != "" {
			return strings.ToLower(m)
		}
	}
	return ""
}

// placeName reports whether a name appears in the prompt as a place ("at the Grand Hotel",
// "in Berlin") rather than as the subject.
func (x *extractor) placeName(n string) bool {
	re := regexp.MustCompile(`(?i)\b(?:at|in|near|from)\s+(?:the\s+)?` + regexp.QuoteMeta(n))
	return re.MatchString(x.plain)
}

func nextTok(toks []string, i int) string {
	if i+1 < len(toks) {
		return strings.Trim(toks[i+1], `,;:()"'“”„«»!?`)
	}
	return ""
}

// blank replaces a span of the prompt (a length or language request) with spaces, so that
// it is not read as content.
func (x *extractor) blank(sp [2]int) {
	if sp[0] < 0 || sp[1] > len(x.plain) {
		return
	}
	x.plain = x.plain[:sp[0]] + strings.Repeat(" ", sp[1]-sp[0]) + x.plain[sp[1]:]
}

// Patterns compiled once, not per prompt.
var (
	reLeadOn = regexp.MustCompile(`(?i)^on\s+`)
)
