package agent

import (
	"sort"

	"github.com/openvideoagent/videoagent"
)

// StoryboardSchema is the JSON Schema of the storyboard a model writes for the planner
// (the answer's title and scenes; the planner sets everything else). It is
// strict-mode compatible: every property is required, unused ones are "" or [].
var StoryboardSchema = LLMSchema{
	Name:        "storyboard",
	Description: "The storyboard of a short narrated video: its title and its scenes.",
	Schema: schemaObject(map[string]any{
		"title": schemaString("The video title, at most 80 characters, in the narration language."),
		"scenes": map[string]any{
			"type":        "array",
			"description": "The scenes in order: the first a title card, the last the call to action.",
			"items": schemaObject(map[string]any{
				"layout": schemaEnum("Where the presenter and the slide sit.",
					videoagent.LayoutTitle, videoagent.LayoutPresenter, videoagent.LayoutPresenterLeft,
					videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble, videoagent.LayoutSlide),
				"narration":  schemaString("What the presenter says in this scene: plain spoken words, no markup."),
				"visual":     visualSchema(),
				"transition": schemaEnum("The transition into the scene.", videoagent.TransitionCut, videoagent.TransitionCrossfade),
			}),
		},
	}),
}

// visualSchema is the schema of a scene's slide.
func visualSchema() map[string]any {
	return schemaObject(map[string]any{
		"kind": schemaEnum("What the slide shows.",
			videoagent.VisualTitle, videoagent.VisualBullets, videoagent.VisualImage, videoagent.VisualVideo,
			videoagent.VisualQuote, videoagent.VisualStat, videoagent.VisualChart, videoagent.VisualCTA, videoagent.VisualNone),
		"title":    schemaString("Slide heading (title, bullets, chart, image, video, cta); \"\" if none."),
		"subtitle": schemaString("Subtitle of a title card; \"\" if none."),
		"bullets": map[string]any{"type": "array", "items": map[string]any{"type": "string"},
			"description": "Bullets or steps (kind bullets): 2-5, at most 6 words each; [] otherwise."},
		"text":       schemaString("Quote text (quote), the figure as written (stat, e.g. \"42%\"), or the call-to-action line (cta); \"\" otherwise."),
		"caption":    schemaString("Quote author (quote) or what the figure measures (stat); \"\" otherwise."),
		"url":        schemaString("Call-to-action link exactly as given (cta); \"\" otherwise."),
		"asset_id":   schemaString("For image and video: one of the request's asset ids of that kind; \"\" otherwise."),
		"chart_type": schemaEnum("For chart: bar or line; \"\" otherwise.", "bar", "line", ""),
		"data": map[string]any{"type": "array", "description": "For chart: 2-8 data points from the request; [] otherwise.",
			"items": schemaObject(map[string]any{
				"label": schemaString("What the value is, e.g. a year or a region."),
				"value": map[string]any{"type": "number"},
			})},
		"unit": schemaString("For chart: the unit appended to values, e.g. \"%\"; \"\" otherwise."),
	})
}

// object is a strict-mode object schema: every property required, no others allowed.
func schemaObject(props map[string]any) map[string]any {
	req := make([]string, 0, len(props))
	for k := range props {
		req = append(req, k)
	}
	sort.Strings(req)
	return map[string]any{"type": "object", "properties": props, "required": req, "additionalProperties": false}
}

func schemaString(desc string) map[string]any {
	return map[string]any{"type": "string", "description": desc}
}

func schemaEnum(desc string, values ...string) map[string]any {
	return map[string]any{"type": "string", "enum": values, "description": desc}
}
