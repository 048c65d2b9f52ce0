package agent

import (
	"math"

	"github.com/openvideoagent/videoagent"
)

// llmSecondsPerScene is the scene length the model is asked to aim for.
const llmSecondsPerScene = 10.0

// LLMRequest is the JSON user message the planner sends to the model. File text is not
// in it: it follows in a separate message, fenced (see LLMDocument).
type LLMRequest struct {
	Prompt        string `json:"prompt"`
	Language      string `json:"language"`
	Kind          string `json:"kind"`
	Tone          string `json:"tone"`
	AspectRatio   string `json:"aspect_ratio"`
	TargetSeconds int    `json:"target_seconds"`
	// NarrationWords is the length of the whole narration in words at WordsPerMinute
	// (the voice's measured rate), after the pauses between scenes.
	NarrationWords int               `json:"narration_words"`
	WordsPerMinute int               `json:"words_per_minute"`
	Scenes         int               `json:"scenes"`
	Memory         map[string]string `json:"memory,omitempty"`
	Facts          *LLMFacts         `json:"facts,omitempty"`
	Documents      []LLMDocument     `json:"documents,omitempty"`
	Media          []LLMMedia        `json:"media,omitempty"`
}

// LLMFacts are facts the analysis found in the prompt, to be shown as stat, chart,
// quote and bullet scenes.
type LLMFacts struct {
	Links   []string `json:"links,omitempty"`
	Numbers []string `json:"numbers,omitempty"`
	Quotes  []string `json:"quotes,omitempty"`
	Items   []string `json:"items,omitempty"`
	When    string   `json:"when,omitempty"`
}

// LLMDocument is a document of the request. Its text follows in the files message
// between <<<FILE Name>>> and <<<END FILE>>>; Summarized says that text is the model's
// summary of a long file (or its key sentences).
type LLMDocument struct {
	Name       string   `json:"name"`
	PageIDs    []string `json:"page_asset_ids,omitempty"`
	Summarized bool     `json:"summarized,omitempty"`
}

// LLMMedia is an image or a video clip the storyboard may show.
type LLMMedia struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"` // videoagent.VisualImage or VisualVideo
	AssetID string `json:"asset_id"`
}

// llmRequest builds the request for a brief from its analysis, the voice's rate wpm,
// the per-scene overhead of its engine and the suggested scene count.
func llmRequest(b videoagent.Brief, a *Analysis, wpm, overhead float64) LLMRequest {
	n := int(math.Round(float64(a.LengthSec) / llmSecondsPerScene))
	if n < 3 {
		n = 3
	}
	words := int(math.Round((float64(a.LengthSec) - (DefaultScenePause.Seconds()+overhead)*float64(n)) * wpm / 60))
	if words < 5 {
		words = 5
	}
	req := LLMRequest{
		Prompt: b.Prompt, Language: a.Language, Kind: string(a.Kind), Tone: a.Tone, AspectRatio: a.AspectRatio,
		TargetSeconds: a.LengthSec, NarrationWords: words, WordsPerMinute: int(math.Round(wpm)), Scenes: n,
		Memory: memoryMap(b.Memory),
	}
	if len(req.Memory) == 0 {
		req.Memory = nil
	}
	f := &LLMFacts{Links: a.URLs, Items: a.Items, When: a.When}
	for _, s := range a.Stats {
		f.Numbers = append(f.Numbers, s.Value+" — "+s.Line)
	}
	for _, q := range a.Quotes {
		t := "“" + q.Text + "”"
		if q.Author != "" {
			t += " — " + q.Author
		}
		f.Quotes = append(f.Quotes, t)
	}
	if len(f.Links)+len(f.Numbers)+len(f.Quotes)+len(f.Items) > 0 || f.When != "" {
		req.Facts = f
	}
	for _, m := range b.Materials {
		switch {
		case m.Kind == videoagent.MaterialDocument:
			req.Documents = append(req.Documents, LLMDocument{Name: m.Name, PageIDs: m.Pages})
		case m.Kind == videoagent.MaterialImage && len(m.Pages) > 0:
			req.Media = append(req.Media, LLMMedia{Name: m.Name, Kind: videoagent.VisualImage, AssetID: m.Pages[0]})
		case m.Kind == videoagent.MaterialVideo && m.AssetID != "":
			req.Media = append(req.Media, LLMMedia{Name: m.Name, Kind: videoagent.VisualVideo, AssetID: m.AssetID})
		}
	}
	return req
}

// llmAssets are the asset ids a storyboard may show, by visual kind.
func llmAssets(b videoagent.Brief) map[string]string {
	out := map[string]string{}
	for _, m := range b.Materials {
		switch m.Kind {
		case videoagent.MaterialDocument, videoagent.MaterialImage:
			for _, id := range m.Pages {
				out[id] = videoagent.VisualImage
			}
		case videoagent.MaterialVideo:
			if m.AssetID != "" {
				out[m.AssetID] = videoagent.VisualVideo
			}
		}
	}
	return out
}
