package chat

import (
	"strings"

	"github.com/openvideoagent/videoagent"
)

// provNarration is the Provenance.Field of a narration sentence.
const provNarration = "narration"

// fromMessage records that text of a scene field came from the user's chat message.
func fromMessage(field, text string) videoagent.Provenance {
	return videoagent.Provenance{Field: field, Text: text, Source: videoagent.SourceMessage}
}

// sourced records text of a scene field as written by op's source: the user's message
// unless the op says a language model wrote it.
func sourced(op Op, field, text string) videoagent.Provenance {
	p := fromMessage(field, text)
	if op.Source == videoagent.SourceModel {
		p.Source = videoagent.SourceModel
	}
	return p
}

// dropProvenance returns ps without the entries of field (the field was rewritten).
func dropProvenance(ps []videoagent.Provenance, field string) []videoagent.Provenance {
	var out []videoagent.Provenance
	for _, p := range ps {
		if p.Field != field {
			out = append(out, p)
		}
	}
	return out
}

// sentence makes text a sentence to be spoken: trimmed, with a capital first letter and
// a full stop when it has no end mark. The words are kept as written.
func sentence(text string) string {
	t := strings.TrimSpace(text)
	t = strings.TrimRight(t, ",;: ")
	if t == "" {
		return ""
	}
	t = capitalize(t)
	if !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "!") && !strings.HasSuffix(t, "?") {
		t += "."
	}
	return t
}
