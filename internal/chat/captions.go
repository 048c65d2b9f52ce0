package chat

import (
	"regexp"
)

var (
	reCaptionsOff = rx(`\b(?:remove|turn\s+off|disable|drop|hide|switch\s+off|get\s+rid\s+of|no|without|lose|kill)\s+(?:the\s+)?(?:captions|subtitles|subs|closed\s+captions)\b|\b(?:captions|subtitles)\s+off\b|\b(?:quita|sin|desactiva|elimina)\s+(?:los\s+)?subtítulos\b|\buntertitel\s+(?:aus|ausschalten|entfernen)\b|\bohne\s+untertitel\b|\b(?:enlève|sans|désactive|supprime)\s+(?:les\s+)?sous-titres\b`)
	reCaptionsOn  = rx(`\b(?:add|turn\s+on|enable|include|show|burn\s+in|switch\s+on|put|with|want|need|use)\s+(?:the\s+|some\s+|burned-in\s+|burnt-in\s+)?(?:captions|subtitles|subs|closed\s+captions)\b|\b(?:captions|subtitles)\s+(?:on|please|too|as\s+well)\b|^\s*(?:captions|subtitles)\s*[.!]?\s*$|\b(?:añade|agrega|pon|con|activa)\s+(?:los\s+)?subtítulos\b|\buntertitel\s+(?:an|einschalten|hinzufügen|einblenden)\b|\bmit\s+untertiteln\b|\b(?:ajoute|avec|active|mets)\s+(?:les\s+|des\s+)?sous-titres\b`)
)

func (in *interp) parseCaptions() {
	for _, c := range []struct {
		re *regexp.Regexp
		on bool
	}{{reCaptionsOff, false}, {reCaptionsOn, true}} {
		if loc := c.re.FindStringIndex(in.m.w); loc != nil {
			in.m.consume(loc[0], loc[1])
			if in.sb != nil && in.sb.Captions == c.on {
				in.note("Captions are already %s.", onOff(c.on))
				return
			}
			in.add(Op{Kind: OpSetCaptions, On: c.on}, "turn captions "+onOff(c.on))
			return
		}
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
