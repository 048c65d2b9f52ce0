package direct

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
)

// Bounds of a create body. The reference schemas give structure only; these are our
// decisions, recorded in the README's API section.
const (
	MaxScriptChars       = 10000 // an avatar or image video's script
	MaxSceneScriptChars  = videoagent.MaxNarrationChars
	MaxTitleChars        = videoagent.MaxTitleChars
	MaxIDChars           = 128
	MaxURLChars          = 2048
	MaxPromptChars       = 1000 // motion_prompt
	MaxStudioScenes      = 50
	MaxSceneDuration     = 300.0 // seconds, an image scene's duration
	MaxBase64Bytes       = 32 << 20
	maxMediaTypeChars    = 100
	maxLocaleChars       = 35
	defaultSceneDuration = 5.0
)

var localeRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Validate checks every field of the request. output_format webm (a presenter over a
// transparent background) is for avatar videos only, and without a background.
func (r *Request) Validate() error {
	p := r.prefix
	switch r.Kind() {
	case TypeAvatar:
		if err := r.validateAvatarOrImage(true); err != nil {
			return err
		}
	case TypeImage:
		if err := r.validateAvatarOrImage(false); err != nil {
			return err
		}
	case TypeStudio:
		if r.Scenes == nil {
			return videoagent.Invalid(p+"scenes", "scenes is required for a studio video: 1 to %d scenes.", MaxStudioScenes)
		}
		if len(r.Scenes) == 0 || len(r.Scenes) > MaxStudioScenes {
			return videoagent.Invalid(p+"scenes", "scenes must hold 1 to %d scenes (got %d).", MaxStudioScenes, len(r.Scenes))
		}
		for i := range r.Scenes {
			if err := r.validateScene(i); err != nil {
				return err
			}
		}
	}
	if err := enum(p+"aspect_ratio", r.AspectRatio, "16:9", "9:16", "4:5", "5:4", "1:1", "auto"); err != nil {
		return err
	}
	if err := enum(p+"resolution", r.Resolution, "4k", "1080p", "720p"); err != nil {
		return err
	}
	if err := enum(p+"output_format", r.OutputFormat, "mp4", "webm"); err != nil {
		return err
	}
	if videoagent.Deref(r.OutputFormat) == "webm" {
		if r.Kind() != TypeAvatar {
			return videoagent.Invalid(p+"output_format", "output_format webm makes a video with a transparent background, and transparency is only for avatar videos (type avatar); use mp4 for a %s video.", r.Kind())
		}
		if r.Background != nil {
			return videoagent.Invalid(p+"background", "A webm video has a fully transparent background (output_format webm), so background has no effect; remove background, or use output_format mp4 to render over it.")
		}
	}
	if c := r.Caption; c != nil {
		if err := enum(p+"caption.file_format", c.FileFormat, "srt"); err != nil {
			return err
		}
		if err := enum(p+"caption.style", c.Style, "default"); err != nil {
			return err
		}
	}
	if r.Title != nil {
		if n := utf8.RuneCountInString(*r.Title); n > MaxTitleChars {
			return videoagent.Invalid(p+"title", "title must be at most %d characters (got %d).", MaxTitleChars, n)
		}
	}
	if err := maxLen(p+"callback_id", r.CallbackID, MaxIDChars); err != nil {
		return err
	}
	if u := videoagent.Deref(r.CallbackURL); u != "" {
		if err := ValidateURL(p+"callback_url", u); err != nil {
			return err
		}
	}
	if w := r.Watermark; w != nil {
		if w.Image == nil {
			return videoagent.Invalid(p+"watermark.image", "watermark.image is required.")
		}
		if err := ValidateAsset(p+"watermark.image", w.Image); err != nil {
			return err
		}
		if err := numRange(p+"watermark.opacity", w.Opacity, 0, 1); err != nil {
			return err
		}
		if err := numRange(p+"watermark.scale", w.Scale, 0.01, 1); err != nil {
			return err
		}
		if pl := w.Placement; pl != nil {
			if err := enum(p+"watermark.placement.position", pl.Position, "top_left", "top_right", "bottom_left", "bottom_right"); err != nil {
				return err
			}
			if err := numRange(p+"watermark.placement.offset_x", pl.OffsetX, -1, 1); err != nil {
				return err
			}
			if err := numRange(p+"watermark.placement.offset_y", pl.OffsetY, -1, 1); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateAvatarOrImage checks the fields an avatar (avatar) or image (!avatar) video has.
func (r *Request) validateAvatarOrImage(avatar bool) error {
	p := r.prefix
	if avatar {
		if r.AvatarID == nil || strings.TrimSpace(*r.AvatarID) == "" {
			return videoagent.Invalid(p+"avatar_id", "avatar_id is required for an avatar video: a look id from GET /v3/avatars/looks.")
		}
		if err := maxLen(p+"avatar_id", r.AvatarID, MaxIDChars); err != nil {
			return err
		}
	} else {
		if r.Image == nil {
			return videoagent.Invalid(p+"image", "image is required for an image video: an AssetInput (url, asset_id or base64).")
		}
		if err := ValidateAsset(p+"image", r.Image); err != nil {
			return err
		}
	}
	if err := validateSpeech(p, r.Script, r.VoiceID, r.AudioURL, r.AudioAssetID, r.VoiceSettings, MaxScriptChars, true); err != nil {
		return err
	}
	if b := r.Background; b != nil {
		if err := validateBackground(p+"background", b, false); err != nil {
			return err
		}
	}
	if e := r.Engine; e != nil {
		if err := validateEngine(p+"engine", e); err != nil {
			return err
		}
	}
	if err := enum(p+"expressiveness", r.Expressiveness, "high", "medium", "low"); err != nil {
		return err
	}
	if err := enum(p+"fit", r.Fit, "contain", "cover"); err != nil {
		return err
	}
	return maxLen(p+"motion_prompt", r.MotionPrompt, MaxPromptChars)
}

// validateSpeech checks what a video or scene says: a script (with a voice and settings)
// or a recording (audio_url | audio_asset_id), never both kinds of recording. required
// says one of them must be there.
func validateSpeech(p string, script, voiceID, audioURL, audioAsset *string, vs *VoiceSettings, maxScript int, required bool) error {
	hasScript := script != nil && strings.TrimSpace(*script) != ""
	if script != nil {
		n := utf8.RuneCountInString(*script)
		if n > maxScript {
			return videoagent.Invalid(p+"script", "script must be at most %d characters (got %d).", maxScript, n)
		}
		if !hasScript && audioURL == nil && audioAsset == nil {
			return videoagent.Invalid(p+"script", "script must not be empty.")
		}
	}
	if audioURL != nil && audioAsset != nil {
		return videoagent.Invalid(p+"audio_url", "Give audio_url or audio_asset_id, not both.")
	}
	if audioURL != nil {
		if err := ValidateURL(p+"audio_url", *audioURL); err != nil {
			return err
		}
	}
	if audioAsset != nil {
		if strings.TrimSpace(*audioAsset) == "" {
			return videoagent.Invalid(p+"audio_asset_id", "audio_asset_id must not be empty.")
		}
		if err := maxLen(p+"audio_asset_id", audioAsset, MaxIDChars); err != nil {
			return err
		}
	}
	if required && !hasScript && audioURL == nil && audioAsset == nil {
		return videoagent.Invalid(p+"script", "One of script, audio_url or audio_asset_id is required.")
	}
	if err := maxLen(p+"voice_id", voiceID, MaxIDChars); err != nil {
		return err
	}
	if vs != nil {
		if err := numRange(p+"voice_settings.speed", vs.Speed, 0.5, 1.5); err != nil {
			return err
		}
		if err := numRange(p+"voice_settings.pitch", vs.Pitch, -50, 50); err != nil {
			return err
		}
		if err := numRange(p+"voice_settings.volume", vs.Volume, 0, 1); err != nil {
			return err
		}
		if l := vs.Locale; l != nil && *l != "" && (len(*l) > maxLocaleChars || !localeRE.MatchString(*l)) {
			return videoagent.Invalid(p+"voice_settings.locale", "voice_settings.locale must be a BCP-47 tag such as en-US.")
		}
		if es := vs.EngineSettings; es != nil {
			ep := p + "voice_settings.engine_settings."
			if es.EngineType == nil {
				return videoagent.Invalid(ep+"engine_type", "engine_type is required: one of elevenlabs, fish, starfish.")
			}
			if err := enum(ep+"engine_type", es.EngineType, "elevenlabs", "fish", "starfish"); err != nil {
				return err
			}
			if err := enum(ep+"model", es.Model, "eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5", "eleven_v3", "s1", "s2-pro"); err != nil {
				return err
			}
			for name, v := range map[string]*float64{"similarity_boost": es.SimilarityBoost, "similarity": es.Similarity, "stability": es.Stability, "style": es.Style} {
				if err := numRange(ep+name, v, 0, 1); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func validateBackground(p string, b *Background, studio bool) error {
	if b.Type == nil {
		return videoagent.Invalid(p+".type", "background.type is required: color or image.")
	}
	if studio {
		if err := enum(p+".type", b.Type, "color"); err != nil {
			return err
		}
		if b.Color == nil {
			return videoagent.Invalid(p+".color", "color is required: a #RRGGBB colour.")
		}
		if _, ok := videoagent.ParseHexColor(*b.Color); !ok || !strings.HasPrefix(*b.Color, "#") {
			return videoagent.Invalid(p+".color", "color must be a #RRGGBB colour (got %q).", videoagent.Shorten(*b.Color, 20))
		}
		return nil
	}
	if err := enum(p+".type", b.Type, "color", "image"); err != nil {
		return err
	}
	if *b.Type == "color" {
		if b.Value == nil {
			return videoagent.Invalid(p+".value", "value is required when type is color: a #RRGGBB colour.")
		}
		if _, ok := videoagent.ParseHexColor(*b.Value); !ok || !strings.HasPrefix(*b.Value, "#") {
			return videoagent.Invalid(p+".value", "value must be a #RRGGBB colour (got %q).", videoagent.Shorten(*b.Value, 20))
		}
		return nil
	}
	hasURL, hasAsset := videoagent.Deref(b.URL) != "", videoagent.Deref(b.AssetID) != ""
	switch {
	case hasURL && hasAsset:
		return videoagent.Invalid(p+".url", "Give url or asset_id for an image background, not both.")
	case hasURL:
		return ValidateURL(p+".url", *b.URL)
	case hasAsset:
		return maxLen(p+".asset_id", b.AssetID, MaxIDChars)
	}
	return videoagent.Invalid(p+".url", "An image background needs url or asset_id.")
}

func validateEngine(p string, e *Engine) error {
	if e.Type == nil {
		return videoagent.Invalid(p+".type", "engine.type is required: one of avatar_iii, avatar_iv, avatar_v.")
	}
	if err := enum(p+".type", e.Type, "avatar_iii", "avatar_iv", "avatar_v"); err != nil {
		return err
	}
	return maxLen(p+".reference_look_id", e.ReferenceLookID, MaxIDChars)
}

// validateScene checks studio scene i.
func (r *Request) validateScene(i int) error {
	sc := &r.Scenes[i]
	p := fmt.Sprintf("%sscenes[%d].", r.prefix, i)
	if sc.Type == nil {
		return videoagent.Invalid(p+"type", "type is required: one of avatar_video, image, video.")
	}
	switch *sc.Type {
	case SceneAvatarVideo:
		in := sc.Input
		if in == nil {
			return videoagent.Invalid(p+"input", "input is required for an avatar_video scene: {type: avatar, avatar_id} or {type: image, image}.")
		}
		ip := p + "input."
		if in.Type == nil {
			return videoagent.Invalid(ip+"type", "type is required: avatar or image.")
		}
		switch *in.Type {
		case InputAvatar:
			if in.AvatarID == nil || strings.TrimSpace(*in.AvatarID) == "" {
				return videoagent.Invalid(ip+"avatar_id", "avatar_id is required when input.type is avatar.")
			}
			if err := maxLen(ip+"avatar_id", in.AvatarID, MaxIDChars); err != nil {
				return err
			}
			if in.Background != nil {
				if err := validateBackground(ip+"background", in.Background, true); err != nil {
					return err
				}
			}
			if in.Engine != nil {
				if err := validateEngine(ip+"engine", in.Engine); err != nil {
					return err
				}
			}
		case InputImage:
			if in.Image == nil {
				return videoagent.Invalid(ip+"image", "image is required when input.type is image.")
			}
			if err := ValidateAsset(ip+"image", in.Image); err != nil {
				return err
			}
		default:
			return videoagent.Invalid(ip+"type", "type must be avatar or image (got %q).", videoagent.Shorten(*in.Type, 40))
		}
		if err := enum(ip+"expressiveness", in.Expressiveness, "high", "medium", "low"); err != nil {
			return err
		}
		if err := maxLen(ip+"motion_prompt", in.MotionPrompt, MaxPromptChars); err != nil {
			return err
		}
		return validateSpeech(ip, in.Script, in.VoiceID, in.AudioURL, in.AudioAssetID, in.VoiceSettings, MaxSceneScriptChars, true)
	case SceneImage:
		if sc.Source == nil {
			return videoagent.Invalid(p+"source", "source is required for an image scene: an AssetInput.")
		}
		if err := ValidateAsset(p+"source", sc.Source); err != nil {
			return err
		}
		if err := validateSpeech(p, sc.Script, sc.VoiceID, sc.AudioURL, sc.AudioAssetID, sc.VoiceSettings, MaxSceneScriptChars, false); err != nil {
			return err
		}
		if sc.Duration != nil {
			if d := *sc.Duration; math.IsNaN(d) || d <= 0 || d > MaxSceneDuration {
				return videoagent.Invalid(p+"duration", "duration must be more than 0 and at most %g seconds.", MaxSceneDuration)
			}
		}
		return nil
	case SceneVideo:
		if sc.Source == nil {
			return videoagent.Invalid(p+"source", "source is required for a video scene: an AssetInput.")
		}
		if err := ValidateAsset(p+"source", sc.Source); err != nil {
			return err
		}
		if pb := sc.Playback; pb != nil {
			if err := numRange(p+"playback.volume", pb.Volume, 0, 1); err != nil {
				return err
			}
		}
		return nil
	}
	return videoagent.Invalid(p+"type", "type must be one of avatar_video, image, video (got %q).", videoagent.Shorten(*sc.Type, 40))
}

// ValidateAsset checks an AssetInput's shape (not whether it exists or downloads).
func ValidateAsset(p string, a *AssetInput) error {
	switch videoagent.Deref(a.Type) {
	case "url":
		if videoagent.Deref(a.URL) == "" {
			return videoagent.Invalid(p+".url", "url is required when type is url.")
		}
		return ValidateURL(p+".url", *a.URL)
	case "asset_id":
		if strings.TrimSpace(videoagent.Deref(a.AssetID)) == "" {
			return videoagent.Invalid(p+".asset_id", "asset_id is required when type is asset_id.")
		}
		return maxLen(p+".asset_id", a.AssetID, MaxIDChars)
	case "base64":
		if videoagent.Deref(a.MediaType) == "" {
			return videoagent.Invalid(p+".media_type", "media_type is required when type is base64.")
		}
		if err := maxLen(p+".media_type", a.MediaType, maxMediaTypeChars); err != nil {
			return err
		}
		if videoagent.Deref(a.Data) == "" {
			return videoagent.Invalid(p+".data", "data is required when type is base64.")
		}
		if int64(len(*a.Data))/4*3 > MaxBase64Bytes+3 {
			return videoagent.Invalid(p+".data", "data is larger than the 32 MB limit.")
		}
		return nil
	case "":
		return videoagent.Invalid(p+".type", "type is required: one of url, asset_id, base64.")
	}
	return videoagent.Invalid(p+".type", "type must be one of url, asset_id, base64 (got %q).", videoagent.Shorten(*a.Type, 40))
}

// ValidateURL checks that raw is an absolute http(s) URL of bounded length.
func ValidateURL(param, raw string) error {
	if len(raw) > MaxURLChars {
		return videoagent.Invalid(param, "%s must be at most %d characters.", param, MaxURLChars)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return videoagent.Invalid(param, "%s must be an absolute http or https URL.", param)
	}
	return nil
}

func enum(param string, v *string, allowed ...string) error {
	if v == nil {
		return nil
	}
	for _, a := range allowed {
		if *v == a {
			return nil
		}
	}
	return videoagent.Invalid(param, "%s must be one of %s (got %q).", param, strings.Join(allowed, ", "), videoagent.Shorten(*v, 40))
}

func maxLen(param string, v *string, n int) error {
	if v != nil && utf8.RuneCountInString(*v) > n {
		return videoagent.Invalid(param, "%s must be at most %d characters.", param, n)
	}
	return nil
}

func numRange(param string, v *float64, lo, hi float64) error {
	if v == nil {
		return nil
	}
	if math.IsNaN(*v) || *v < lo || *v > hi {
		return videoagent.Invalid(param, "%s must be from %g to %g (got %g).", param, lo, hi, *v)
	}
	return nil
}
