package agent

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// addModelProvenance records every narration sentence and on-screen text of a model's
// storyboard as the model's writing (videoagent.SourceModel).
func addModelProvenance(sb *videoagent.Storyboard) {
	for i := range sb.Scenes {
		sc := &sb.Scenes[i]
		sc.Provenance = nil
		add := func(field, text string) {
			if t := strings.TrimSpace(text); t != "" {
				sc.Provenance = append(sc.Provenance, videoagent.Provenance{Field: field, Text: t, Source: videoagent.SourceModel})
			}
		}
		for _, s := range llmSentences(sc.Narration) {
			add("narration", s)
		}
		v := sc.Visual
		add("visual.title", v.Title)
		add("visual.subtitle", v.Subtitle)
		for _, b := range v.Bullets {
			add("visual.bullets", b)
		}
		add("visual.text", v.Text)
		add("visual.caption", v.Caption)
		add("visual.url", v.URL)
		for _, d := range v.Data {
			add("visual.data", d.Label+": "+strconv.FormatFloat(d.Value, 'f', -1, 64)+v.Unit)
		}
	}
}

// llmSentences splits narration into sentences: after ".", "!", "?", "…" or the
// full-width stops "。！？" when a space (or the end, or for full-width stops anything)
// follows and the next word does not start in lower case. Abbreviations such as
// "e.g." and "Dr." and dots inside links and numbers ("example.com", "3.5") do not end
// sentences.
func llmSentences(text string) []string {
	rs := []rune(strings.TrimSpace(text))
	var out []string
	start := 0
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		wide := c == '。' || c == '！' || c == '？'
		if !wide && c != '.' && c != '!' && c != '?' && c != '…' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(".!?…\"'”’)»", rs[j]) { // "?!", closing quotes
			j++
		}
		if !wide && j < len(rs) && !unicode.IsSpace(rs[j]) {
			i = j - 1
			continue
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) && unicode.IsLower(rs[k]) {
			i = j - 1
			continue
		}
		if c == '.' && sentenceAbbrev(rs[start:i]) {
			i = j - 1
			continue
		}
		if s := strings.TrimSpace(string(rs[start:j])); s != "" {
			out = append(out, s)
		}
		start, i = k, k-1
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// sentenceAbbrev reports whether the text before a dot ends in an abbreviation: a
// single letter ("J."), or a common title or Latin short form.
func sentenceAbbrev(before []rune) bool {
	i := len(before)
	for i > 0 && !unicode.IsSpace(before[i-1]) {
		i--
	}
	w := strings.ToLower(strings.TrimLeft(string(before[i:]), "(\"'“"))
	if len([]rune(w)) == 1 && unicode.IsLetter([]rune(w)[0]) {
		return true
	}
	switch w {
	case "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "no", "approx", "sr", "jr",
		"sra", "dra", "z.b", "bzw", "usw", "ca", "mme", "mlle":
		return true
	}
	return false
}
