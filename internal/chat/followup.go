package chat

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

var reNewTopic = rx(`\b(?:(?:now|next|also|then)\s+)?(?:make|create|do|produce|generate|write)\s+(?:me\s+|us\s+)?(?:one|another(?:\s+one|\s+video)?|a\s+(?:new\s+|second\s+|separate\s+|different\s+)?video|a\s+new\s+one)\s+(?:about|on|for|explaining|covering)\s+`)

func (in *interp) parseNewTopic() {
	in.eachMatch([]*regexp.Regexp{reNewTopic}, func(loc []int) (int, bool) {
		text, end := in.m.payload(loc[1])
		text = strings.TrimSpace(text)
		if text == "" {
			return 0, false
		}
		in.planOp(Op{Prompt: text}, "make a new video about "+videoagent.Shorten(text, 80))
		in.follow = true
		return end, true
	})
}

// planOp merges a replan request into the result's single OpReplan.
func (in *interp) planOp(o Op, desc string) {
	in.hasPlan = true
	r := &in.replan
	r.Kind = OpReplan
	if o.DurationSec != 0 {
		r.DurationSec, r.Scale = o.DurationSec, o.Scale
	} else if o.Scale != 0 {
		r.Scale = o.Scale
	}
	if o.Tone != "" {
		r.Tone = o.Tone
	}
	if o.Language != "" {
		r.Language = o.Language
	}
	if o.Prompt != "" {
		r.Prompt = o.Prompt
	}
	in.planDesc = append(in.planDesc, desc)
}
