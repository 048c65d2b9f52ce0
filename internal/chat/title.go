package chat

import (
	"strings"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

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
			text = videoagent.Shorten(text, videoagent.MaxTitleChars)
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
