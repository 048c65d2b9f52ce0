package llmchat

import (
	"strings"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// maxVoices bounds the voices shown to the model: those of the storyboard's language
// and those the message names.
const maxVoices = 40

// view is the session as the model sees it (the user message, as JSON).
type view struct {
	Message        string            `json:"message"`
	State          string            `json:"state"`
	Language       string            `json:"language"`
	CurrentSeconds float64           `json:"current_seconds,omitempty"`
	Storyboard     *sbView           `json:"storyboard,omitempty"`
	Options        []chat.Option     `json:"options,omitempty"`
	Looks          []lookView        `json:"looks,omitempty"`
	Voices         []voiceView       `json:"voices,omitempty"`
	Styles         []chat.Style      `json:"styles,omitempty"`
	Attachments    []chat.Attachment `json:"attachments,omitempty"`
}

type sbView struct {
	Title       string      `json:"title"`
	Language    string      `json:"language"`
	AspectRatio string      `json:"aspect_ratio"`
	AvatarID    string      `json:"avatar_id"`
	VoiceID     string      `json:"voice_id"`
	StyleID     string      `json:"style_id"`
	Captions    bool        `json:"captions"`
	Scenes      []sceneView `json:"scenes"`
}

type sceneView struct {
	ID        string            `json:"id"`
	Layout    string            `json:"layout"`
	Narration string            `json:"narration"`
	Visual    videoagent.Visual `json:"visual"`
}

type lookView struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Gender string `json:"gender,omitempty"`
}

type voiceView struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Locale string `json:"locale"`
	Gender string `json:"gender,omitempty"`
}

// newView gathers what the model needs to interpret msg in c.
func newView(msg string, c chat.Context) view {
	v := view{Message: msg, State: c.State, Language: c.Language, CurrentSeconds: c.CurrentSec, Options: c.Options, Styles: c.Styles, Attachments: c.Attachments}
	if sb := c.Storyboard; sb != nil {
		v.Language = sb.Language
		s := &sbView{Title: sb.Title, Language: sb.Language, AspectRatio: sb.AspectRatio, AvatarID: sb.AvatarID, VoiceID: sb.VoiceID, StyleID: sb.StyleID, Captions: sb.Captions}
		for _, sc := range sb.Scenes {
			s.Scenes = append(s.Scenes, sceneView{ID: sc.ID, Layout: sc.Layout, Narration: sc.Narration, Visual: sc.Visual})
		}
		v.Storyboard = s
	}
	if v.State == "" {
		v.State = chat.StateReviewing
		if c.Storyboard == nil {
			v.State = chat.StateWaitingForInput
		}
	}
	if v.Language == "" {
		v.Language = "en"
	}
	for _, l := range c.Looks {
		v.Looks = append(v.Looks, lookView{ID: l.ID, Name: l.Name, Gender: l.Gender})
	}
	low := strings.ToLower(msg)
	base := strings.ToLower(strings.SplitN(v.Language, "-", 2)[0])
	named := func(vc videoagent.Voice) bool {
		return vc.Name != "" && strings.Contains(low, strings.ToLower(vc.Name))
	}
	same := func(vc videoagent.Voice) bool { return strings.EqualFold(strings.SplitN(vc.Locale, "-", 2)[0], base) }
	for _, pass := range []func(videoagent.Voice) bool{named, func(vc videoagent.Voice) bool { return same(vc) && !named(vc) }} {
		for _, vc := range c.Voices {
			if pass(vc) && len(v.Voices) < maxVoices {
				v.Voices = append(v.Voices, voiceView{ID: vc.ID, Name: vc.Name, Locale: vc.Locale, Gender: vc.Gender})
			}
		}
	}
	return v
}
