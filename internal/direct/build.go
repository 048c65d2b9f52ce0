package direct

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
)

// Catalog knows the presenter looks and the voices.
type Catalog interface {
	Look(id string) (videoagent.Look, bool)
	Voice(id string) (videoagent.Voice, bool)
	DefaultVoice(lang, gender string) (videoagent.Voice, bool)
}

// Storyboard defaults for direct videos.
const (
	DefaultResolution = "720p"
	DefaultFPS        = 30
	// PresenterSceneChars is the longest narration of one presenter scene: longer
	// scripts are split at paragraph, then sentence, then word boundaries.
	PresenterSceneChars = 300
	// DefaultImageSeconds is the length of a studio image scene with neither a duration
	// nor narration.
	DefaultImageSeconds = 5.0
	// MaxClipSeconds bounds a studio video scene: longer clips are cut.
	MaxClipSeconds = 300.0
)

// Build makes the storyboard of a validated request. res holds the resolved assets, keyed by
// AssetRef.Param; seed makes the presenter's idle motion reproducible.
func (r *Request) Build(cat Catalog, res map[string]Resolved, seed int64) (*videoagent.Storyboard, error) {
	b := &builder{r: r, cat: cat, res: res}
	sb := &videoagent.Storyboard{
		Version: 1, FPS: DefaultFPS, Seed: seed, Resolution: DefaultResolution,
		Captions: r.Caption != nil && r.Caption.Style != nil,
	}
	if videoagent.Deref(r.OutputFormat) == videoagent.OutputWebM {
		// Transparent: the presenter alone over nothing (Validate allowed it for avatar
		// videos only). Burned-in captions are not drawn there; the SRT and VTT files are.
		sb.OutputFormat = videoagent.OutputWebM
	}
	if s := videoagent.Deref(r.Resolution); s != "" {
		sb.Resolution = s
	}
	var err error
	switch r.Kind() {
	case TypeAvatar:
		err = b.avatar(sb)
	case TypeImage:
		err = b.image(sb)
	case TypeStudio:
		err = b.studio(sb)
	default:
		err = videoagent.Invalid(r.prefix+"type", "type must be one of avatar, image, studio.")
	}
	if err != nil {
		return nil, err
	}
	sb.Title = strings.TrimSpace(videoagent.Deref(r.Title))
	if sb.Title == "" {
		sb.Title = b.defaultTitle()
	}
	if ar := videoagent.Deref(r.AspectRatio); ar != "" && ar != "auto" {
		sb.AspectRatio = ar
	} else if sb.AspectRatio == "" {
		sb.AspectRatio = "16:9"
	}
	if w := r.Watermark; w != nil {
		if a, ok := res[r.prefix+"watermark.image"]; ok {
			brand(sb).LogoAssetID = a.AssetID
		}
	}
	for i := range sb.Scenes {
		sb.Scenes[i].ID = fmt.Sprintf("s%d", i+1)
	}
	if len(sb.Scenes) > videoagent.MaxScenes {
		return nil, videoagent.Invalid(r.prefix+"script", "The script makes %d scenes, more than the %d a video may have; shorten it.", len(sb.Scenes), videoagent.MaxScenes)
	}
	if err := sb.Validate(); err != nil {
		return nil, videoagent.Invalid(r.prefix+videoagent.ErrorParam(err), "%s", videoagent.ErrorMessage(err))
	}
	return sb, nil
}

type builder struct {
	r      *Request
	cat    Catalog
	res    map[string]Resolved
	script string // the first narration, for the default title
}

func brand(sb *videoagent.Storyboard) *videoagent.Brand {
	if sb.Brand == nil {
		sb.Brand = &videoagent.Brand{}
	}
	return sb.Brand
}

func (b *builder) defaultTitle() string {
	s := strings.Join(strings.Fields(b.script), " ")
	if s == "" {
		return "Untitled video"
	}
	if utf8.RuneCountInString(s) > 60 {
		rs := []rune(s)
		cut := 60
		for i := 60; i > 30; i-- {
			if unicode.IsSpace(rs[i]) {
				cut = i
				break
			}
		}
		s = strings.TrimSpace(string(rs[:cut])) + "..."
	}
	return s
}

// look returns a look or avatar_not_found naming param.
func (b *builder) look(param, id string) (videoagent.Look, error) {
	l, ok := b.cat.Look(id)
	if !ok {
		return l, &videoagent.Error{Code: videoagent.EAVATARNOTFOUND, Param: param,
			Message: fmt.Sprintf("Avatar %s not found; list looks with GET /v3/avatars/looks.", videoagent.Shorten(id, 64))}
	}
	return l, nil
}

// voice picks a voice: the one asked for (voice_not_found if unknown), else the look's
// default voice, else the best voice for the locale and the look's gender.
func (b *builder) voice(param string, id *string, look *videoagent.Look, locale string) (videoagent.Voice, error) {
	if id != nil && *id != "" {
		v, ok := b.cat.Voice(*id)
		if !ok {
			return v, &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: param,
				Message: fmt.Sprintf("Voice %s not found; list voices with GET /v3/voices.", videoagent.Shorten(*id, 64))}
		}
		return v, nil
	}
	gender := ""
	if look != nil {
		gender = look.Gender
		if v, ok := b.cat.Voice(look.DefaultVoiceID); ok && (locale == "" || sameLanguage(v.Locale, locale)) {
			return v, nil
		}
	}
	lang := locale
	if lang == "" {
		lang = "en"
	}
	if v, ok := b.cat.DefaultVoice(lang, gender); ok {
		return v, nil
	}
	if v, ok := b.cat.DefaultVoice(lang, ""); ok {
		return v, nil
	}
	return videoagent.Voice{}, &videoagent.Error{Code: videoagent.EVOICENOTFOUND, Param: param,
		Message: fmt.Sprintf("No voice speaks %q; give a voice_id.", lang)}
}

func sameLanguage(a, b string) bool {
	pa, _, _ := strings.Cut(strings.ToLower(a), "-")
	pb, _, _ := strings.Cut(strings.ToLower(b), "-")
	return pa != "" && pa == pb
}

// speech converts voice settings to speech options; nil when they change nothing.
func speech(vs *VoiceSettings) *videoagent.SpeechOptions {
	if vs == nil {
		return nil
	}
	o := videoagent.SpeechOptions{}
	if vs.Speed != nil && *vs.Speed != 1 {
		o.Speed = *vs.Speed
	}
	if vs.Pitch != nil {
		o.Pitch = int(math.Round(*vs.Pitch))
	}
	if vs.Volume != nil && *vs.Volume != 1 {
		// SpeechOptions' zero volume means "default"; a requested silence is nearly so.
		o.Volume = math.Max(*vs.Volume, 0.001)
	}
	if o == (videoagent.SpeechOptions{}) {
		return nil
	}
	return &o
}

func locale(vs *VoiceSettings) string {
	if vs == nil {
		return ""
	}
	return videoagent.Deref(vs.Locale)
}

// narrated returns the scenes that say script (split into pieces of at most max
// characters) or play a recording, each a copy of tmpl.
func (b *builder) narrated(tmpl videoagent.Scene, script *string, audioParam string, max int) []videoagent.Scene {
	text := strings.TrimSpace(videoagent.Deref(script))
	if b.script == "" {
		b.script = text
	}
	if a, ok := b.res[audioParam+"audio_url"]; ok {
		tmpl.AudioAssetID = a.AssetID
	} else if a, ok := b.res[audioParam+"audio_asset_id"]; ok {
		tmpl.AudioAssetID = a.AssetID
	}
	if tmpl.AudioAssetID != "" {
		// A recording is one scene: its transcript (if any) times the captions.
		tmpl.Narration = text
		if a := b.audioSeconds(audioParam); a > 0 && tmpl.Duration == 0 {
			tmpl.Duration = math.Min(a, videoagent.MaxSceneSeconds)
		}
		return []videoagent.Scene{tmpl}
	}
	var out []videoagent.Scene
	for _, piece := range SplitScript(text, max) {
		sc := tmpl
		sc.Narration = piece
		out = append(out, sc)
	}
	if len(out) == 0 {
		out = append(out, tmpl)
	}
	return out
}

func (b *builder) audioSeconds(audioParam string) float64 {
	if a, ok := b.res[audioParam+"audio_url"]; ok {
		return a.Duration
	}
	return b.res[audioParam+"audio_asset_id"].Duration
}

func (b *builder) avatar(sb *videoagent.Storyboard) error {
	r, p := b.r, b.r.prefix
	look, err := b.look(p+"avatar_id", *r.AvatarID)
	if err != nil {
		return err
	}
	loc := locale(r.VoiceSettings)
	v, err := b.voice(p+"voice_id", r.VoiceID, &look, loc)
	if err != nil {
		return err
	}
	sb.AvatarID, sb.VoiceID, sb.Language = look.ID, v.ID, firstNonEmpty(loc, v.Locale, "en")
	if videoagent.Deref(r.AspectRatio) == "auto" {
		sb.AspectRatio = "16:9" // every look of the cast prefers landscape
	}
	tmpl := videoagent.Scene{Layout: videoagent.LayoutPresenter, Visual: videoagent.Visual{Kind: videoagent.VisualNone}, Speech: speech(r.VoiceSettings)}
	b.background(sb, &tmpl, r.Background)
	sb.Scenes = b.narrated(tmpl, r.Script, p, PresenterSceneChars)
	return nil
}

// background applies an avatar video's background: a colour behind the presenter, or an
// image shown full card with the presenter in a bubble over it.
func (b *builder) background(sb *videoagent.Storyboard, tmpl *videoagent.Scene, bg *Background) {
	if bg == nil {
		return
	}
	switch videoagent.Deref(bg.Type) {
	case "color":
		brand(sb).Colors.Background = strings.ToUpper(videoagent.Deref(bg.Value))
	case "image":
		if a, ok := b.res[b.r.prefix+"background"]; ok {
			tmpl.Layout = videoagent.LayoutSlideBubble
			tmpl.Visual = videoagent.Visual{Kind: videoagent.VisualImage, AssetID: a.AssetID}
		}
	}
}

func (b *builder) image(sb *videoagent.Storyboard) error {
	r, p := b.r, b.r.prefix
	img := b.res[p+"image"]
	loc := locale(r.VoiceSettings)
	v, err := b.voice(p+"voice_id", r.VoiceID, nil, loc)
	if err != nil {
		return err
	}
	sb.VoiceID, sb.Language = v.ID, firstNonEmpty(loc, v.Locale, "en")
	if videoagent.Deref(r.AspectRatio) == "auto" {
		sb.AspectRatio = orientation(img.Width, img.Height)
	}
	if bg := r.Background; bg != nil && videoagent.Deref(bg.Type) == "color" {
		brand(sb).Colors.Background = strings.ToUpper(videoagent.Deref(bg.Value))
	}
	// The picture is the presenter: one slide that slowly pans and zooms while the
	// narration plays (split only when it is longer than a scene may be).
	tmpl := videoagent.Scene{Layout: videoagent.LayoutSlide, Visual: videoagent.Visual{Kind: videoagent.VisualImage, AssetID: img.AssetID},
		Speech: speech(r.VoiceSettings), Transition: videoagent.TransitionCrossfade}
	sb.Scenes = b.narrated(tmpl, r.Script, p, videoagent.MaxNarrationChars)
	return nil
}

// orientation is the aspect ratio closest to an image's.
func orientation(w, h int) string {
	if w <= 0 || h <= 0 {
		return "16:9"
	}
	r := float64(w) / float64(h)
	best, bestD := "16:9", math.Inf(1)
	for _, c := range []struct {
		name string
		r    float64
	}{{"16:9", 16.0 / 9}, {"9:16", 9.0 / 16}, {"1:1", 1}, {"4:5", 0.8}, {"5:4", 1.25}} {
		if d := math.Abs(math.Log(r / c.r)); d < bestD {
			best, bestD = c.name, d
		}
	}
	return best
}

func (b *builder) studio(sb *videoagent.Storyboard) error {
	r := b.r
	// The storyboard's presenter and voice: the first avatar scene's.
	var look *videoagent.Look
	lookParam := ""
	for i, sc := range r.Scenes {
		if videoagent.Deref(sc.Type) == SceneAvatarVideo && sc.Input != nil && videoagent.Deref(sc.Input.Type) == InputAvatar {
			param := fmt.Sprintf("%sscenes[%d].input.avatar_id", r.prefix, i)
			l, err := b.look(param, *sc.Input.AvatarID)
			if err != nil {
				return err
			}
			if look == nil {
				look, lookParam = &l, param
			} else if l.ID != look.ID {
				return videoagent.Invalid(param, "This server renders one presenter per video: every avatar scene must use the avatar_id of %s (%s).", lookParam, look.ID)
			}
		}
	}
	if look != nil {
		sb.AvatarID = look.ID
	}
	var base *videoagent.Voice
	for i := range r.Scenes {
		sc := &r.Scenes[i]
		sp := fmt.Sprintf("%sscenes[%d].", r.prefix, i)
		switch videoagent.Deref(sc.Type) {
		case SceneAvatarVideo:
			in := sc.Input
			ip := sp + "input."
			var l *videoagent.Look
			if videoagent.Deref(in.Type) == InputAvatar {
				l = look
			}
			v, err := b.voice(ip+"voice_id", in.VoiceID, l, locale(in.VoiceSettings))
			if err != nil {
				return err
			}
			if base == nil {
				base = &v
				sb.Language = firstNonEmpty(locale(in.VoiceSettings), v.Locale, "en")
			}
			tmpl := videoagent.Scene{VoiceID: v.ID, Speech: speech(in.VoiceSettings)}
			max := PresenterSceneChars
			if videoagent.Deref(in.Type) == InputAvatar {
				tmpl.Layout, tmpl.Visual = videoagent.LayoutPresenter, videoagent.Visual{Kind: videoagent.VisualNone}
				if bg := in.Background; bg != nil && sb.Brand == nil {
					brand(sb).Colors.Background = strings.ToUpper(videoagent.Deref(bg.Color))
				}
			} else {
				tmpl.Layout = videoagent.LayoutSlide
				tmpl.Visual = videoagent.Visual{Kind: videoagent.VisualImage, AssetID: b.res[ip+"image"].AssetID}
				max = videoagent.MaxNarrationChars
			}
			sb.Scenes = append(sb.Scenes, b.narrated(tmpl, in.Script, ip, max)...)
		case SceneImage:
			tmpl := videoagent.Scene{Layout: videoagent.LayoutSlide, Visual: videoagent.Visual{Kind: videoagent.VisualImage, AssetID: b.res[sp+"source"].AssetID},
				Speech: speech(sc.VoiceSettings)}
			if sc.Duration != nil {
				tmpl.Duration = *sc.Duration
			}
			spoken := strings.TrimSpace(videoagent.Deref(sc.Script)) != "" || sc.AudioURL != nil || sc.AudioAssetID != nil
			if spoken {
				v, err := b.voice(sp+"voice_id", sc.VoiceID, look, locale(sc.VoiceSettings))
				if err != nil {
					return err
				}
				if base == nil {
					base = &v
					sb.Language = firstNonEmpty(locale(sc.VoiceSettings), v.Locale, "en")
				}
				tmpl.VoiceID = v.ID
				sb.Scenes = append(sb.Scenes, b.narrated(tmpl, sc.Script, sp, videoagent.MaxNarrationChars)...)
			} else {
				if tmpl.Duration == 0 {
					tmpl.Duration = DefaultImageSeconds
				}
				sb.Scenes = append(sb.Scenes, tmpl)
			}
		case SceneVideo:
			src := b.res[sp+"source"]
			tmpl := videoagent.Scene{Layout: videoagent.LayoutSlide, Visual: videoagent.Visual{Kind: videoagent.VisualVideo, AssetID: src.AssetID}}
			mute := sc.Playback != nil && ((sc.Playback.Mute != nil && *sc.Playback.Mute) || (sc.Playback.Volume != nil && *sc.Playback.Volume == 0))
			tmpl.Visual.ClipAudio = !mute
			tmpl.Duration = math.Min(math.Max(src.Duration, 1), MaxClipSeconds)
			sb.Scenes = append(sb.Scenes, tmpl)
		}
	}
	if base == nil {
		v, err := b.voice(r.prefix+"scenes", nil, look, "")
		if err != nil {
			return err
		}
		base = &v
		sb.Language = firstNonEmpty(v.Locale, "en")
	}
	sb.VoiceID = base.ID
	for i := range sb.Scenes {
		if sb.Scenes[i].VoiceID == sb.VoiceID {
			sb.Scenes[i].VoiceID = ""
		}
	}
	if videoagent.Deref(r.AspectRatio) == "auto" {
		sb.AspectRatio = "16:9"
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// SplitScript splits a script into pieces of at most max characters: at paragraphs (blank
// lines) first, then sentences, then words; short neighbours are packed together. Each
// piece is trimmed; an empty script gives none.
func SplitScript(text string, max int) []string {
	var units []string
	for _, para := range splitParagraphs(text) {
		if utf8.RuneCountInString(para) <= max {
			units = append(units, para)
			continue
		}
		for _, s := range sentences(para) {
			if utf8.RuneCountInString(s) <= max {
				units = append(units, s)
				continue
			}
			units = append(units, splitWords(s, max)...)
		}
	}
	// Pack neighbouring units into pieces of at most max characters.
	var out []string
	cur := ""
	for _, u := range units {
		if cur == "" {
			cur = u
			continue
		}
		if utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(u) <= max {
			cur += " " + u
			continue
		}
		out = append(out, cur)
		cur = u
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func splitParagraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sentences splits after ., !, ?, …, and CJK full stops followed by a space (or for CJK, at
// once).
func sentences(p string) []string {
	return videoagent.SplitAfter(p, func(rs []rune, i int) bool {
		switch rs[i] {
		case '.', '!', '?', '…', ';':
			return i+1 == len(rs) || unicode.IsSpace(rs[i+1])
		case '。', '！', '？':
			return true
		}
		return false
	})
}

// splitWords cuts a long sentence at spaces (or anywhere, for text without spaces).
func splitWords(s string, max int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(s) {
		for utf8.RuneCountInString(w) > max {
			rs := []rune(w)
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			out = append(out, string(rs[:max]))
			w = string(rs[max:])
		}
		if cur == "" {
			cur = w
		} else if utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= max {
			cur += " " + w
		} else {
			out = append(out, cur)
			cur = w
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
