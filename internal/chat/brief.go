package chat

import (
	"math"
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// ReviseBrief folds ops into a brief for planning: before the first storyboard (sb nil),
// or to re-plan when the result has an OpReplan. It keeps the choices the current
// storyboard made (presenter, voice, style, orientation) unless an op changes them; a
// language change drops the voice (unless one was chosen) so that a voice of the new
// language is cast. Tone and language reach the planner as a first line of the prompt
// ("Tone: energetic. Narrated in German.") that replaces the one a previous revision
// wrote; a Prompt (a follow-up about a new topic) replaces the prompt. Lines to mention
// (OpAddLine) are added to the prompt as facts (see AddFacts), so that a later re-plan
// keeps them.
func ReviseBrief(b videoagent.Brief, sb *videoagent.Storyboard, ops []Op) videoagent.Brief {
	if sb != nil {
		if b.AvatarID == "" {
			b.AvatarID = sb.AvatarID
		}
		if b.VoiceID == "" {
			b.VoiceID = sb.VoiceID
		}
		if b.StyleID == "" {
			b.StyleID = sb.StyleID
		}
		if o := orientationOf(sb.AspectRatio); o != "" {
			b.Orientation = o
		}
	}
	var rp Op
	var facts []string
	voiceSet := false
	for _, op := range ops {
		switch op.Kind {
		case OpAddLine:
			facts = append(facts, op.Text)
		case OpSetAvatar:
			b.AvatarID = op.AvatarID
		case OpSetVoice:
			b.VoiceID, voiceSet = op.VoiceID, true
		case OpSetStyle:
			b.StyleID = op.StyleID
		case OpSetAspect:
			if o := orientationOf(op.AspectRatio); o != "" {
				b.Orientation = o
			}
		case OpReplan:
			rp = op
		}
	}
	prompt, tone, lang := splitRevision(b.Prompt)
	if rp.Prompt != "" {
		prompt = rp.Prompt
		b.DurationSec = 0
		tone, lang = "", ""
	}
	switch {
	case rp.DurationSec > 0:
		b.DurationSec = rp.DurationSec
	case rp.Scale > 0:
		base := float64(b.DurationSec)
		if sb != nil && len(sb.Scenes) > 0 {
			base = agent.EstimateDuration(sb, nil).Seconds()
		}
		if base <= 0 {
			base = float64(agent.Analyze(videoagent.Brief{Prompt: prompt, DurationSec: b.DurationSec}).LengthSec)
		}
		b.DurationSec = clampSec(math.Round(base * rp.Scale))
	}
	if rp.Tone != "" {
		tone = rp.Tone
	}
	if rp.Language != "" {
		lang = rp.Language
		if !voiceSet {
			b.VoiceID = ""
		}
	}
	b.Prompt = joinRevision(prompt, tone, lang)
	for _, f := range facts {
		b = AddFacts(b, f)
	}
	return b
}

// AddFacts appends facts the user gave in the chat (an answer to a question about missing
// facts, a line to mention) to the brief's prompt, in the user's words, as a paragraph of
// its own. Facts the prompt already has are not repeated.
func AddFacts(b videoagent.Brief, facts string) videoagent.Brief {
	f := strings.TrimSpace(facts)
	if f == "" || strings.Contains(b.Prompt, f) {
		return b
	}
	b.Prompt = strings.TrimRight(b.Prompt, " \n") + "\n\n" + f
	return b
}

func orientationOf(ratio string) string {
	switch ratio {
	case "9:16", "4:5":
		return "portrait"
	case "16:9", "5:4":
		return "landscape"
	case "1:1":
		return "square"
	}
	return ""
}

var reRevision = regexp.MustCompile(`^(?:Tone: ([a-z]+)\. )?(?:Narrated in ([A-Za-z ]+)\. )?`)

// splitRevision separates the revision line ReviseBrief wrote from the user's prompt.
func splitRevision(p string) (prompt, tone, lang string) {
	m := reRevision.FindStringSubmatch(p)
	if m == nil || m[0] == "" {
		return p, "", ""
	}
	lang = m[2]
	if tag, ok := videoagent.LanguageTag(m[2]); ok {
		lang = tag
	}
	return p[len(m[0]):], m[1], lang
}

func joinRevision(prompt, tone, lang string) string {
	var pre string
	if tone != "" {
		pre += "Tone: " + tone + ". "
	}
	if lang != "" {
		pre += "Narrated in " + LanguageName(lang) + ". "
	}
	return pre + prompt
}

// CarryOver returns planned with the settings of prev that a brief cannot carry:
// captions, music, brand, resolution and frame rate. Call it on the storyboard the planner
// wrote for a replan, before Apply.
func CarryOver(prev, planned *videoagent.Storyboard) *videoagent.Storyboard {
	out := clone(planned)
	if prev == nil {
		return out
	}
	out.Captions = prev.Captions
	out.MusicAssetID = prev.MusicAssetID
	if prev.Brand != nil {
		b := *prev.Brand
		out.Brand = &b
	}
	if prev.Resolution != "" {
		out.Resolution = prev.Resolution
	}
	if prev.FPS != 0 {
		out.FPS = prev.FPS
	}
	return out
}
