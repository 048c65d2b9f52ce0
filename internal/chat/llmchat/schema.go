package llmchat

import (
	"sort"

	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// ToolName is the function the model calls with its edits.
const ToolName = "edit_storyboard"

// opKinds are the edits the model may make: every chat.OpKind.
var opKinds = []chat.OpKind{
	chat.OpSetAvatar, chat.OpSetVoice, chat.OpSetStyle, chat.OpSetAspect, chat.OpSetCaptions, chat.OpSetTitle,
	chat.OpSetCTA, chat.OpSetMusic, chat.OpSetLogo, chat.OpSetNarration, chat.OpAddLine, chat.OpSetSceneTitle, chat.OpReplaceText,
	chat.OpAddScene, chat.OpRemoveScene, chat.OpMoveScene, chat.OpSwapScenes, chat.OpSetMedia, chat.OpReplan,
}

// tones are the tones a replan may ask for.
var tones = []string{agent.ToneFriendly, agent.ToneProfessional, agent.ToneEnergetic, agent.ToneCalm, agent.TonePlayful, agent.ToneInspiring}

// EditTool is the function the model calls: a reply and a list of edits, in the JSON
// form of chat.Op (strict-mode schema: every field present, "" / false / 0 when
// unused).
var EditTool = agent.LLMSchema{
	Name:        ToolName,
	Description: "Edit the video's storyboard as the user asked, and reply to the user.",
	Schema: object(map[string]any{
		"reply":   str("One or two sentences to the user, in the language of their message: what you changed, or a question when the request is unclear."),
		"approve": map[string]any{"type": "boolean", "description": "True only when the user approves the storyboard for rendering (state reviewing)."},
		"ops": map[string]any{
			"type":        "array",
			"description": "The edits, in order. Empty when nothing should change.",
			"items": object(map[string]any{
				"kind":         enum("The edit.", kindNames()...),
				"scene_id":     str("The scene the edit is about (an id of the storyboard), else \"\"."),
				"other_id":     str("swap_scenes: the other scene's id, else \"\"."),
				"anchor":       str("add_scene, move_scene with where before/after: the scene id it goes before or after, else \"\"."),
				"where":        enum("add_scene, move_scene: where the scene goes.", string(chat.WhereBefore), string(chat.WhereAfter), string(chat.WhereStart), string(chat.WhereEnd), ""),
				"text":         str("The new text: narration (set_narration, add_scene), a sentence to add (add_line), slide title (set_scene_title), video title (set_title), call-to-action line (set_cta), replacement (replace_text)."),
				"old":          str("replace_text: the exact text to replace, as it is in the storyboard."),
				"url":          str("set_cta: the link, exactly as the user gave it."),
				"topic":        str("add_scene: the new scene's slide title, a few words."),
				"asset_id":     str("set_media, add_scene, set_music, set_logo: an attachment's asset id."),
				"asset_kind":   enum("set_media, add_scene: the attachment's kind.", "image", "video", ""),
				"avatar_id":    str("set_avatar: a look id from looks."),
				"voice_id":     str("set_voice: a voice id from voices."),
				"style_id":     str("set_style: a style id from styles."),
				"aspect_ratio": enum("set_aspect_ratio: the new ratio.", "16:9", "9:16", "1:1", "4:5", "5:4", ""),
				"on":           map[string]any{"type": "boolean", "description": "set_captions: true to show captions."},
				"duration_sec": map[string]any{"type": "integer", "description": "replan: the new length in seconds (5-1800), else 0."},
				"tone":         enum("replan: a new tone for a rewrite of the whole script.", append(tones, "")...),
				"language":     str("replan: a new narration language as a BCP-47 tag, else \"\"."),
			}),
		},
	}),
}

func kindNames() []string {
	out := make([]string, len(opKinds))
	for i, k := range opKinds {
		out[i] = string(k)
	}
	return out
}

// object is a strict-mode object schema: every property required, no others allowed.
func object(props map[string]any) map[string]any {
	req := make([]string, 0, len(props))
	for k := range props {
		req = append(req, k)
	}
	sort.Strings(req)
	return map[string]any{"type": "object", "properties": props, "required": req, "additionalProperties": false}
}

func str(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }

func enum(desc string, values ...string) map[string]any {
	return map[string]any{"type": "string", "enum": values, "description": desc}
}
