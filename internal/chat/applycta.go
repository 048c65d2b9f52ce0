package chat

import (
	"regexp"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// setCTA edits the last scene with a cta visual, or adds one at the end.
func (a *applier) setCTA(op Op) {
	sb := a.sb
	idx := -1
	for i := len(sb.Scenes) - 1; i >= 0; i-- {
		if sb.Scenes[i].Visual.Kind == videoagent.VisualCTA {
			idx = i
			break
		}
	}
	if idx < 0 {
		layout := videoagent.LayoutPresenterRight
		if n := len(sb.Scenes); n > 0 && sb.Scenes[n-1].Layout == videoagent.LayoutPresenterRight {
			layout = videoagent.LayoutPresenterLeft
		}
		sb.Scenes = append(sb.Scenes, videoagent.Scene{ID: a.newID(), Layout: layout, Transition: videoagent.TransitionCrossfade,
			Visual: videoagent.Visual{Kind: videoagent.VisualCTA, Title: ctaTitle(sb.Language)}})
		idx = len(sb.Scenes) - 1
	}
	sc := &sb.Scenes[idx]
	v := &sc.Visual
	oldText, oldURL := v.Text, v.URL
	text := strings.TrimSpace(op.Text)
	if text == "" { // a new link only
		text = oldText
		if oldURL != "" && strings.Contains(text, oldURL) {
			text = strings.ReplaceAll(text, oldURL, op.URL)
		} else if text == "" {
			text = "Visit " + op.URL
		}
	}
	url := op.URL
	if url == "" {
		if us := reURL.FindAllString(text, 1); len(us) > 0 {
			url = strings.TrimRight(us[0], ".,;:!?")
		} else {
			url = oldURL
		}
	}
	v.Text, v.URL = text, url
	line := text
	if !strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "!") && !strings.HasSuffix(line, "?") {
		line += "."
	}
	switch {
	case sc.Narration == "":
		sc.Narration = line
	case oldText != "" && strings.Contains(sc.Narration, strings.TrimRight(oldText, ".!")):
		old := strings.TrimRight(oldText, ".!")
		sc.Narration = strings.Replace(sc.Narration, old, strings.TrimRight(line, "."), 1)
	case oldURL != "" && strings.Contains(sc.Narration, oldURL):
		// Replace the sentence that carries the old link.
		sents := splitSentences(sc.Narration)
		for i, s := range sents {
			if strings.Contains(s, oldURL) {
				sents[i] = line
				break
			}
		}
		sc.Narration = strings.Join(sents, " ")
	default:
		sc.Narration = line + " " + sc.Narration
	}
}

var reSentenceEnd = regexp.MustCompile(`[.!?](?:\s+|$)`)

// splitSentences splits text at sentence ends that are followed by a space (so that
// "example.com/start" stays whole).
func splitSentences(s string) []string {
	var out []string
	start := 0
	for _, loc := range reSentenceEnd.FindAllStringIndex(s, -1) {
		if loc[1] == loc[0]+1 && loc[1] != len(s) {
			continue
		}
		out = append(out, strings.TrimSpace(s[start:loc[1]]))
		start = loc[1]
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func ctaTitle(lang string) string {
	switch baseLang(lang) {
	case "es":
		return "Empieza hoy"
	case "de":
		return "Jetzt loslegen"
	case "fr":
		return "Lancez-vous"
	}
	return "Get started"
}
