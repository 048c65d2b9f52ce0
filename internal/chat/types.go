package chat

import "github.com/openvideoagent/videoagent"

// Session states Interpret distinguishes; they are the session statuses of the v3 API.
const (
	StateWaitingForInput = videoagent.SessionWaitingForInput
	StateReviewing       = videoagent.SessionReviewing
	StateCompleted       = videoagent.SessionCompleted
)

// OptionKind says what a question in waiting_for_input asks the user to choose.
type OptionKind string

// Option kinds.
const (
	OptionVoice  OptionKind = "voice"
	OptionAvatar OptionKind = "avatar"
	OptionStyle  OptionKind = "style"
	// OptionFacts marks a question that asks for facts the prompt promises but does not
	// give (agent.MissingFacts). It offers no choices: the answer is the facts, in the
	// user's words (see AnswerFacts).
	OptionFacts OptionKind = "facts"
)

// Option is one answer offered to the user in waiting_for_input. ID is the voice, look or
// style id; Name and Description are what the user saw.
type Option struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Kind        OptionKind `json:"kind"`
	Description string     `json:"description,omitempty"`
}

// Style is a visual style the user may name: by name ("Midnight") or by one of its tags
// ("darker" finds a style tagged "dark").
type Style = videoagent.Style

// Attachment is a file attached to the message, already stored as an asset. Kind is one of
// videoagent.MaterialImage, MaterialVideo, MaterialAudio, MaterialDocument.
type Attachment struct {
	AssetID string `json:"asset_id"`
	Kind    string `json:"kind"`
}

// Context is the session state a message is interpreted in.
type Context struct {
	// State is StateWaitingForInput, StateReviewing or StateCompleted ("" means
	// reviewing when there is a storyboard, else waiting for input).
	State string
	// Storyboard is the current storyboard; nil before planning. Interpret never
	// modifies it.
	Storyboard *videoagent.Storyboard
	// CurrentSec is the current length of the video in seconds (the rendered duration or
	// the planner's estimate); 0 means estimate it from the storyboard with
	// agent.EstimateDuration at default rates.
	CurrentSec float64
	// Language is the narration language (BCP-47) when there is no storyboard yet; ""
	// means "en". With a storyboard, its Language is used.
	Language string
	// Options are the choices offered in StateWaitingForInput, in the order shown (the
	// user's "2" is Options[1]).
	Options []Option
	// Looks, Voices and Styles are the catalogue the user may name things from.
	Looks  []videoagent.Look
	Voices []videoagent.Voice
	Styles []Style
	// Attachments are the files attached to this message.
	Attachments []Attachment
}

// OpKind says what an Op does.
type OpKind string

// Edit operations. All but OpReplan are applied by Apply; OpReplan is for the integrator
// (see ReviseBrief).
const (
	// OpSetAvatar sets the presenter: AvatarID.
	OpSetAvatar OpKind = "set_avatar"
	// OpSetVoice sets the voice: VoiceID.
	OpSetVoice OpKind = "set_voice"
	// OpSetStyle sets the visual style: StyleID.
	OpSetStyle OpKind = "set_style"
	// OpSetAspect sets the aspect ratio: AspectRatio ("16:9", "9:16", "1:1", "4:5", "5:4").
	OpSetAspect OpKind = "set_aspect_ratio"
	// OpSetCaptions turns burnt-in captions on or off: On.
	OpSetCaptions OpKind = "set_captions"
	// OpSetTitle sets the video title: Text. Title cards that showed the old title show
	// the new one.
	OpSetTitle OpKind = "set_title"
	// OpSetCTA sets the call to action: Text (the line shown, "" keeps it) and URL (""
	// keeps it). It edits the scene with a cta visual (the last one), or adds one at the
	// end.
	OpSetCTA OpKind = "set_cta"
	// OpSetMusic sets the background music: AssetID ("" removes the music).
	OpSetMusic OpKind = "set_music"
	// OpSetLogo sets the brand logo: AssetID.
	OpSetLogo OpKind = "set_logo"
	// OpSetNarration replaces what scene SceneID says: Text.
	OpSetNarration OpKind = "set_narration"
	// OpAddLine adds Text as a new last sentence of what scene SceneID says (facts the
	// user asked to mention, in the user's words). Without a SceneID (no storyboard yet,
	// or a re-plan) it is for the brief: ReviseBrief adds Text to the prompt, and Apply
	// skips it.
	OpAddLine OpKind = "add_line"
	// OpSetSceneTitle sets the slide title of scene SceneID: Text.
	OpSetSceneTitle OpKind = "set_scene_title"
	// OpReplaceText replaces Old with Text in the narration and slide texts of scene
	// SceneID, or of every scene and the title when SceneID is "".
	OpReplaceText OpKind = "replace_text"
	// OpAddScene adds a scene at Where ("before"/"after" Anchor, or "start"/"end"). Its
	// narration is Text when given; else Apply drafts a one-line scene about Topic (listed
	// in Changes.Drafted so that a language model may rewrite it). AssetID/AssetKind show
	// an attached image or video on it.
	OpAddScene OpKind = "add_scene"
	// OpRemoveScene removes scene SceneID.
	OpRemoveScene OpKind = "remove_scene"
	// OpMoveScene moves scene SceneID to Where ("before"/"after" Anchor, or
	// "start"/"end").
	OpMoveScene OpKind = "move_scene"
	// OpSwapScenes swaps scenes SceneID and OtherID.
	OpSwapScenes OpKind = "swap_scenes"
	// OpSetMedia shows an attached image or video (AssetID, AssetKind) on scene SceneID.
	OpSetMedia OpKind = "set_media"
	// OpReplan asks the integrator to have the planner rewrite the script: DurationSec
	// (or Scale of the current length when DurationSec is 0), Tone (an agent.Tone*),
	// Language (BCP-47), Prompt (a new topic for a follow-up video). Zero fields keep
	// what the brief says. Apply ignores it; see ReviseBrief and CarryOver.
	OpReplan OpKind = "replan"
)

// Where is where OpAddScene and OpMoveScene put a scene.
type Where string

// Where values: before or after Op.Anchor, or at the start or the end.
const (
	WhereBefore Where = "before"
	WhereAfter  Where = "after"
	WhereStart  Where = "start"
	WhereEnd    Where = "end"
)

// Op is one edit operation. Which fields matter depends on Kind (see the OpKind
// constants); the others are zero.
type Op struct {
	Kind        OpKind  `json:"kind"`
	SceneID     string  `json:"scene_id,omitempty"`
	OtherID     string  `json:"other_id,omitempty"`
	Anchor      string  `json:"anchor,omitempty"`
	Where       Where   `json:"where,omitempty"`
	Text        string  `json:"text,omitempty"`
	Old         string  `json:"old,omitempty"`
	URL         string  `json:"url,omitempty"`
	Topic       string  `json:"topic,omitempty"`
	AssetID     string  `json:"asset_id,omitempty"`
	AssetKind   string  `json:"asset_kind,omitempty"`
	AvatarID    string  `json:"avatar_id,omitempty"`
	VoiceID     string  `json:"voice_id,omitempty"`
	StyleID     string  `json:"style_id,omitempty"`
	AspectRatio string  `json:"aspect_ratio,omitempty"`
	On          bool    `json:"on,omitempty"`
	DurationSec int     `json:"duration_sec,omitempty"`
	Scale       float64 `json:"scale,omitempty"`
	Tone        string  `json:"tone,omitempty"`
	Language    string  `json:"language,omitempty"`
	Prompt      string  `json:"prompt,omitempty"`
	// Source is who wrote Text, for the scene's provenance: "" or videoagent.SourceMessage
	// for the user's own words, videoagent.SourceModel for a language model's.
	Source string `json:"source,omitempty"`
}

// Result is what Interpret understood of a message.
type Result struct {
	// Ops are the edits asked for, in the order they were said, except that the one
	// OpReplan (if any) comes first.
	Ops []Op `json:"ops,omitempty"`
	// Approve is set when the user approved the storyboard in plain words (only in
	// StateReviewing): render it, after applying Ops if any.
	Approve bool `json:"approve,omitempty"`
	// Choice is the ID of the option the user picked in StateWaitingForInput.
	Choice string `json:"choice,omitempty"`
	// FollowUp is set when the message asks for another video in the same session.
	FollowUp bool `json:"follow_up,omitempty"`
	// Reply is the model's answer to post: what was understood and will be done, or a
	// helpful message saying what can be done. Never empty.
	Reply string `json:"reply"`
	// Understood is false when nothing in the message was understood (Reply then says
	// what the user can ask for).
	Understood bool `json:"understood"`
}

// Replan returns the result's OpReplan, if any.
func (r Result) Replan() (Op, bool) {
	for _, op := range r.Ops {
		if op.Kind == OpReplan {
			return op, true
		}
	}
	return Op{}, false
}

// Changes says what Apply changed. Scene ids are in the order of the new storyboard
// (Removed: of the old one).
type Changes struct {
	// Changed are scenes whose content changed; Added are new scenes; Removed are
	// scenes that are gone. Scenes in none of these are byte-identical to before.
	Changed []string `json:"changed,omitempty"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	// Drafted are added scenes whose narration Apply wrote from a topic; a language model
	// may rewrite them.
	Drafted []string `json:"drafted,omitempty"`
	// Reordered is set when surviving scenes changed order.
	Reordered bool `json:"reordered,omitempty"`
	// Global lists the storyboard fields that changed and affect every scene (the
	// Global* constants): a renderer re-renders all scenes for them.
	Global []GlobalField `json:"global,omitempty"`
}

// GlobalField names a storyboard field whose change affects every scene (Changes.Global):
// its JSON name.
type GlobalField string

// Storyboard fields listed in Changes.Global.
const (
	GlobalAvatar      GlobalField = "avatar_id"
	GlobalVoice       GlobalField = "voice_id"
	GlobalStyle       GlobalField = "style_id"
	GlobalAspectRatio GlobalField = "aspect_ratio"
	GlobalCaptions    GlobalField = "captions"
	GlobalTitle       GlobalField = "title"
	GlobalMusic       GlobalField = "music_asset_id"
	GlobalBrand       GlobalField = "brand"
)
