// Package direct turns the body of POST /v3/videos (HeyGen's CreateVideo union on `type`:
// avatar, image, studio, cinematic_avatar) into a storyboard the pipeline renders as is.
//
// It is pure: Parse decodes, Validate checks every field against the bounds of the v3
// reference, Assets lists the AssetInputs the caller must resolve (fetch, decode, check,
// store), and Build makes the storyboard from the request, a catalog of looks and voices,
// and the resolved assets. Errors are *videoagent.Error naming the field, e.g.
// `scenes[2].source.asset_id`; unknown fields are ignored.
package direct

import (
	"bytes"
	"encoding/json"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
)

// Video types.
const (
	TypeAvatar          = "avatar"
	TypeImage           = "image"
	TypeStudio          = "studio"
	TypeCinematicAvatar = "cinematic_avatar"
)

// Studio scene types and studio avatar_video input types.
const (
	SceneAvatarVideo = "avatar_video"
	SceneImage       = "image"
	SceneVideo       = "video"
	InputAvatar      = "avatar"
	InputImage       = "image"
)

// AssetInput is the v3 AssetInput union: {type: url, url} | {type: asset_id, asset_id} |
// {type: base64, media_type, data}.
type AssetInput struct {
	Type      *string `json:"type"`
	URL       *string `json:"url"`
	AssetID   *string `json:"asset_id"`
	MediaType *string `json:"media_type"`
	Data      *string `json:"data"`
}

// VoiceSettings adjust the narration's delivery.
type VoiceSettings struct {
	Speed          *float64        `json:"speed"`
	Pitch          *float64        `json:"pitch"`
	Volume         *float64        `json:"volume"`
	Locale         *string         `json:"locale"`
	EngineSettings *EngineSettings `json:"engine_settings"`
}

// EngineSettings are a third-party TTS engine's knobs; accepted and checked, not used.
type EngineSettings struct {
	EngineType      *string  `json:"engine_type"`
	Model           *string  `json:"model"`
	SimilarityBoost *float64 `json:"similarity_boost"`
	Similarity      *float64 `json:"similarity"`
	Stability       *float64 `json:"stability"`
	Style           *float64 `json:"style"`
	UseSpeakerBoost *bool    `json:"use_speaker_boost"`
}

// Background is an avatar video's background: {type: color, value: "#hex"} or {type: image,
// url | asset_id}; a studio avatar input's is {type: color, color: "#hex"}.
type Background struct {
	Type    *string `json:"type"`
	Value   *string `json:"value"`
	Color   *string `json:"color"`
	URL     *string `json:"url"`
	AssetID *string `json:"asset_id"`
}

// Caption asks for captions: the SRT sidecar always exists; a style burns them in.
type Caption struct {
	FileFormat *string `json:"file_format"`
	Style      *string `json:"style"`
}

// Engine is the avatar engine HeyGen would use; accepted and checked, not used.
type Engine struct {
	Type            *string `json:"type"`
	ReferenceLookID *string `json:"reference_look_id"`
}

// Watermark is an image drawn over the video.
type Watermark struct {
	Image     *AssetInput `json:"image"`
	Opacity   *float64    `json:"opacity"`
	Scale     *float64    `json:"scale"`
	Placement *struct {
		OffsetX  *float64 `json:"offset_x"`
		OffsetY  *float64 `json:"offset_y"`
		Position *string  `json:"position"`
	} `json:"placement"`
}

// Playback is how a studio video scene plays its clip's own sound.
type Playback struct {
	Volume *float64 `json:"volume"`
	Mute   *bool    `json:"mute"`
}

// StudioInput is an avatar_video scene's input: an avatar look, or an image.
type StudioInput struct {
	Type           *string        `json:"type"`
	AvatarID       *string        `json:"avatar_id"`
	Image          *AssetInput    `json:"image"`
	Script         *string        `json:"script"`
	VoiceID        *string        `json:"voice_id"`
	VoiceSettings  *VoiceSettings `json:"voice_settings"`
	AudioURL       *string        `json:"audio_url"`
	AudioAssetID   *string        `json:"audio_asset_id"`
	Background     *Background    `json:"background"`
	Engine         *Engine        `json:"engine"`
	Expressiveness *string        `json:"expressiveness"`
	MotionPrompt   *string        `json:"motion_prompt"`
}

// Scene is one scene of a studio video.
type Scene struct {
	Type          *string        `json:"type"`
	Input         *StudioInput   `json:"input"`
	Source        *AssetInput    `json:"source"`
	Duration      *float64       `json:"duration"`
	Script        *string        `json:"script"`
	VoiceID       *string        `json:"voice_id"`
	VoiceSettings *VoiceSettings `json:"voice_settings"`
	AudioURL      *string        `json:"audio_url"`
	AudioAssetID  *string        `json:"audio_asset_id"`
	Playback      *Playback      `json:"playback"`
}

// Request is a create body of any type. Pointers tell absent (or null) from empty.
type Request struct {
	Type *string `json:"type"`

	// avatar and image
	AvatarID         *string        `json:"avatar_id"`
	Image            *AssetInput    `json:"image"`
	Script           *string        `json:"script"`
	VoiceID          *string        `json:"voice_id"`
	AudioURL         *string        `json:"audio_url"`
	AudioAssetID     *string        `json:"audio_asset_id"`
	VoiceSettings    *VoiceSettings `json:"voice_settings"`
	Background       *Background    `json:"background"`
	Engine           *Engine        `json:"engine"`
	Expressiveness   *string        `json:"expressiveness"`
	Fit              *string        `json:"fit"`
	MotionPrompt     *string        `json:"motion_prompt"`
	RemoveBackground *bool          `json:"remove_background"`

	// studio
	Scenes []Scene `json:"scenes"`

	// all
	AspectRatio  *string    `json:"aspect_ratio"`
	Resolution   *string    `json:"resolution"`
	Caption      *Caption   `json:"caption"`
	Title        *string    `json:"title"`
	CallbackURL  *string    `json:"callback_url"`
	CallbackID   *string    `json:"callback_id"`
	OutputFormat *string    `json:"output_format"`
	Watermark    *Watermark `json:"watermark"`
	BrandKitID   *string    `json:"brand_kit_id"` // ours: a brand kit of the account

	// prefix is prepended to every param this request reports ("videos[3]." in batches).
	prefix string
}

// Parse decodes a create body. prefix is prepended to the params of its errors (for a batch
// item, "videos[3]."). A cinematic_avatar body is refused here, before its differently
// typed fields (avatar_id is an array there) can confuse the decoder.
func Parse(raw []byte, prefix string) (*Request, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		if prefix != "" {
			return nil, videoagent.Invalid(strings.TrimSuffix(prefix, "."), "%s must be a JSON object.", strings.TrimSuffix(prefix, "."))
		}
		return nil, videoagent.Errorf(videoagent.EINVALID, "Request body must be a JSON object.")
	}
	var head struct {
		Type json.RawMessage `json:"type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, decodeError(err, prefix)
	}
	var typ string
	if len(head.Type) == 0 || string(head.Type) == "null" {
		return nil, videoagent.Invalid(prefix+"type", "type is required: one of avatar, image, studio.")
	}
	if err := json.Unmarshal(head.Type, &typ); err != nil {
		return nil, videoagent.Invalid(prefix+"type", "type must be a string: one of avatar, image, studio.")
	}
	switch typ {
	case TypeAvatar, TypeImage, TypeStudio:
	case TypeCinematicAvatar:
		return nil, videoagent.Invalid(prefix+"type", "cinematic_avatar is not supported by this server; use avatar, image or studio.")
	default:
		return nil, videoagent.Invalid(prefix+"type", "type must be one of avatar, image, studio (got %q).", videoagent.Shorten(typ, 40))
	}
	r := &Request{prefix: prefix}
	if err := json.Unmarshal(raw, r); err != nil {
		return nil, decodeError(err, prefix)
	}
	return r, nil
}

// Param returns the name of field as this request reports it (prefixed in batches).
func (r *Request) Param(field string) string { return r.prefix + field }

// decodeError names the field of a JSON type error.
func decodeError(err error, prefix string) error { return videoagent.JSONError(err, prefix) }

// Kind returns the request's type.
func (r *Request) Kind() string { return videoagent.Deref(r.Type) }

// OutputFormatOrDefault returns the requested container, "mp4" by default.
func (r *Request) OutputFormatOrDefault() string {
	if f := videoagent.Deref(r.OutputFormat); f != "" {
		return f
	}
	return "mp4"
}
