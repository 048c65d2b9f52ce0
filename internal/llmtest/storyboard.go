package llmtest

import (
	"encoding/json"
	"strings"
)

// StoryboardSpec describes a storyboard answer for Storyboard to write, the way a model
// answers the videoagent planner: {"title", "scenes": [{"layout", "narration",
// "visual", "transition"}]}.
type StoryboardSpec struct {
	Title string
	// Sentences are said in order, from the start again when more words are needed.
	Sentences []string
	// Words is the narration length to come closest to; Scenes the number of scenes
	// (at least 2: the title and the call to action).
	Words  int
	Scenes int
	// Count counts a sentence's words; nil counts fields.
	Count func(string) int
	// URL is the call to action's link ("" for none).
	URL string
	// Stat, when set, makes the second scene a stat visual: Stat[0] the value, Stat[1]
	// the label.
	Stat []string
	// AssetID, when set, is shown on the last content scene as AssetKind ("image" or
	// "video").
	AssetID, AssetKind string
	// Extra are top-level fields added to the answer (a model that tries to set the
	// voice or the language, say).
	Extra map[string]any
}

// Storyboard writes the JSON answer spec describes. Whole sentences are said in order
// while they fit in Words, then plain padding words make up the rest, so that the
// narration has Words words (Count) exactly when there are at least Scenes sentences.
// Sentences are dealt over the scenes in order; the first scene is a title card, the last the call to action, the others
// bullet slides made of their sentences' first words.
func Storyboard(spec StoryboardSpec) string {
	count := spec.Count
	if count == nil {
		count = func(s string) int { return len(strings.Fields(s)) }
	}
	n := spec.Scenes
	if n < 2 {
		n = 2
	}
	if len(spec.Sentences) == 0 {
		spec.Sentences = []string{"This is what you need to know."}
	}
	// Whole sentences in order while they fit, then padding to the exact length.
	var said []string
	total := 0
	for k, miss := 0, 0; miss < len(spec.Sentences) && total < spec.Words; k++ {
		s := spec.Sentences[k%len(spec.Sentences)]
		if w := count(s); w > 0 && total+w <= spec.Words {
			said, total, miss = append(said, s), total+w, 0
		} else {
			miss++
		}
	}
	for gap, k := spec.Words-total, 0; gap > 0; k++ {
		m := gap
		if m > 8 {
			m = 8
		}
		var ws []string
		for i := 0; i < m; i++ {
			ws = append(ws, padWords[(k*8+i)%len(padWords)])
		}
		p := strings.Join(ws, " ") + "."
		said = append(said, strings.ToUpper(p[:1])+p[1:])
		gap -= m
	}
	for len(said) < n {
		said = append(said, "Indeed.")
	}
	parts := make([][]string, n)
	for i, s := range said {
		parts[i*n/len(said)] = append(parts[i*n/len(said)], s)
	}
	var scenes []any
	for i, p := range parts {
		layout := "presenter_left"
		if i%2 == 0 {
			layout = "presenter_right"
		}
		var vis map[string]any
		switch {
		case i == 0:
			layout, vis = "title", map[string]any{"kind": "title", "title": spec.Title}
		case i == n-1:
			vis = map[string]any{"kind": "cta", "title": "Get started", "text": "Find out more", "url": spec.URL}
			if spec.URL != "" {
				vis["text"] = "Visit " + spec.URL
			}
		case i == 1 && len(spec.Stat) == 2:
			vis = map[string]any{"kind": "stat", "text": spec.Stat[0], "caption": spec.Stat[1]}
		case i == n-2 && spec.AssetID != "":
			vis = map[string]any{"kind": spec.AssetKind, "asset_id": spec.AssetID, "title": firstWords(p[0], 3)}
		default:
			var bullets []string
			for _, s := range p {
				bullets = append(bullets, firstWords(s, 4))
			}
			if len(bullets) < 2 {
				bullets = append(bullets, "And more")
			}
			vis = map[string]any{"kind": "bullets", "title": "Part " + string(rune('0'+i%10)), "bullets": bullets}
		}
		scenes = append(scenes, map[string]any{"layout": layout, "narration": strings.Join(p, " "), "visual": vis, "transition": "cut"})
	}
	out := map[string]any{"title": spec.Title, "scenes": scenes}
	for k, v := range spec.Extra {
		out[k] = v
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// padWords fill a narration to its length: plain words every speech engine says as one.
var padWords = strings.Fields("this is the part that matters most to you and your team every single day so keep it in mind")

func firstWords(s string, n int) string {
	f := strings.Fields(strings.TrimRight(s, ".!?"))
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
