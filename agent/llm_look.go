package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/openai/openai-go/v3"
)

// LookReader reads a description of a presenter ("a woman in her fifties with short grey
// hair...") into the parameters of a drawn look with a language model.
type LookReader struct {
	Client *LLMClient
	// SkinTones, HairStyles and Clothing are the values the look parameters may take.
	SkinTones, HairStyles, Clothing []string
}

// LookReading is the model's reading: Params is a JSON object of the look parameters
// (avatar.LookParams' fields), Unplaced the words it could not place.
type LookReading struct {
	Params   json.RawMessage
	Unplaced []string
	Tags     []string
}

const lookSystemPrompt = `You design a drawn presenter (a flat-style illustrated person, waist up) from a user's description.
Choose every parameter so that the drawing matches the description; where the description says nothing, choose what fits it best.
Colours are #RRGGBB hex. "older" means visible lines of age (fifty or older, or grey hair).
List in "unplaced" the description's words that set no parameter and are not manner words; list manner words (friendly, formal...) in "tags".
Answer with the JSON object only.`

// ReadLook asks the model for the look parameters of text.
func (r *LookReader) ReadLook(ctx context.Context, text string) (LookReading, error) {
	hex := map[string]any{"type": "string", "description": "#RRGGBB"}
	enum := func(vals []string) map[string]any { return map[string]any{"type": "string", "enum": vals} }
	props := map[string]any{
		"gender": enum([]string{"female", "male"}), "skin_tone": enum(r.SkinTones), "hair_style": enum(r.HairStyles),
		"hair_color": hex, "eye_color": hex, "beard": map[string]any{"type": "boolean"}, "glasses": map[string]any{"type": "boolean"},
		"older": map[string]any{"type": "boolean"}, "earrings": map[string]any{"type": "string", "description": "#RRGGBB of earrings, or empty for none"},
		"clothing": enum(r.Clothing), "main_color": hex, "inner_color": hex, "accent_color": hex,
		"tags":     map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
		"unplaced": map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}
	required := make([]string, 0, len(props))
	for k := range props {
		required = append(required, k)
	}
	schema := &LLMSchema{Name: "presenter_look", Description: "The parameters of a drawn presenter.",
		Schema: map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}}
	ans, err := r.Client.Ask(ctx, LLMAsk{
		Messages: []openai.ChatCompletionMessageParamUnion{openai.SystemMessage(lookSystemPrompt), openai.UserMessage(text)},
		Schema:   schema,
	})
	if err != nil {
		return LookReading{}, err
	}
	content := strings.TrimSpace(ans.Content)
	if i, j := strings.Index(content, "{"), strings.LastIndex(content, "}"); i >= 0 && j > i {
		content = content[i : j+1]
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal([]byte(content), &all); err != nil {
		return LookReading{}, fmt.Errorf("the model's look is not JSON: %w", err)
	}
	var out LookReading
	if raw, ok := all["unplaced"]; ok {
		json.Unmarshal(raw, &out.Unplaced)
	}
	if raw, ok := all["tags"]; ok {
		json.Unmarshal(raw, &out.Tags)
	}
	delete(all, "unplaced")
	delete(all, "tags")
	out.Params, _ = json.Marshal(all)
	return out, nil
}
