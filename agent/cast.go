package agent

import (
	"context"
	"strings"
	"time"

	"github.com/openvideoagent/videoagent"
)

// Casting is who presents and who speaks a storyboard. It is chosen before the script is
// written, so that the script fits the target length at that voice's measured rate.
type Casting struct {
	AvatarID string
	VoiceID  string
	// WordsPerMinute is the measured rate of VoiceID; 0 means unknown.
	WordsPerMinute float64
	// Overhead is the silence the voice's engine adds around each scene's narration.
	Overhead time.Duration
}

// Caster picks the presenter and the voice for a brief: the brief's own choices win, then
// the account's remembered preferences (when they fit the language), then defaults. The
// voice speaks the script's language and has the presenter's gender. Choices are
// deterministic.
type Caster struct {
	Voices videoagent.VoiceCatalog
	Looks  []videoagent.Look
	// DefaultLook is the presenter when nothing else decides.
	DefaultLook string
	// Rates measures the chosen voice; nil leaves WordsPerMinute 0.
	Rates *RateMeter
}

func (c *Caster) look(id string) (videoagent.Look, bool) {
	for _, l := range c.Looks {
		if l.ID == id {
			return l, true
		}
	}
	return videoagent.Look{}, false
}

// lookFor returns the default look if it has the gender, else the first look that has it.
func (c *Caster) lookFor(gender string) (videoagent.Look, bool) {
	if l, ok := c.look(c.DefaultLook); ok && (gender == "" || strings.EqualFold(l.Gender, gender)) {
		return l, true
	}
	for _, l := range c.Looks {
		if strings.EqualFold(l.Gender, gender) {
			return l, true
		}
	}
	return videoagent.Look{}, false
}

// lookWants are the look tags that suit a brief, or nil for the default presenter: casual
// and creative looks for social clips, invitations, welcomes and energetic or playful
// tones.
func lookWants(b videoagent.Brief) []string {
	a := Analyze(b)
	switch {
	case a.Kind == KindSocialAd, a.Kind == KindEvent, a.Tone == ToneEnergetic, a.Tone == TonePlayful:
		return []string{"casual", "creative", "vibrant"}
	case a.Kind == KindWelcome:
		return []string{"friendly", "casual"}
	}
	return nil
}

// lookWith returns a look of the gender ("" any) with the most of the wanted tags; ties
// are broken by the prompt, so that different videos get different presenters and the
// same prompt always the same one.
func (c *Caster) lookWith(gender string, wants []string, prompt string) (videoagent.Look, bool) {
	best, bestN := []videoagent.Look(nil), 0
	for _, l := range c.Looks {
		if gender != "" && !strings.EqualFold(l.Gender, gender) {
			continue
		}
		n := 0
		for _, t := range l.Tags {
			for _, w := range wants {
				if strings.EqualFold(t, w) {
					n++
				}
			}
		}
		switch {
		case n > bestN:
			best, bestN = []videoagent.Look{l}, n
		case n == bestN && n > 0:
			best = append(best, l)
		}
	}
	if len(best) == 0 {
		return videoagent.Look{}, false
	}
	return best[hash64(prompt)%uint64(len(best))], true
}

// Cast chooses for a brief whose script is in lang (BCP-47).
func (c *Caster) Cast(ctx context.Context, b videoagent.Brief, lang string) (Casting, error) {
	var out Casting
	mem := memoryMap(b.Memory)

	// The voice the user or the memory asked for, if any.
	var voice *videoagent.Voice
	if b.VoiceID != "" {
		v, err := c.Voices.Voice(b.VoiceID)
		if err != nil {
			return out, err
		}
		voice = &v
	} else if id := mem[MemVoice]; id != "" {
		if v, err := c.Voices.Voice(id); err == nil && sameLanguage(v.Locale, lang) {
			voice = &v
		}
	}

	// The presenter: asked for, else remembered, else consistent with the voice.
	var look videoagent.Look
	var ok bool
	switch {
	case b.AvatarID != "":
		look, ok = c.look(b.AvatarID)
		if !ok {
			return out, videoagent.Errorf(videoagent.EAVATARNOTFOUND, "Avatar %s not found.", b.AvatarID)
		}
	case mem[MemAvatar] != "":
		look, ok = c.look(mem[MemAvatar])
		if ok && voice != nil && !strings.EqualFold(look.Gender, voice.Gender) {
			ok = false
		}
	}
	if !ok {
		g := ""
		if voice != nil {
			g = voice.Gender
		}
		// A bakery's reel or a party invitation gets a casual presenter, not the
		// business default.
		if wants := lookWants(b); len(wants) > 0 {
			look, ok = c.lookWith(g, wants, b.Prompt)
		}
	}
	if !ok {
		g := ""
		if voice != nil {
			g = voice.Gender
		}
		look, ok = c.lookFor(g)
		if !ok {
			look, ok = c.lookFor("")
		}
	}
	out.AvatarID = look.ID

	if voice == nil {
		if dv, err := c.Voices.Voice(look.DefaultVoiceID); err == nil && sameLanguage(dv.Locale, lang) {
			voice = &dv
		} else if v, ok := c.Voices.DefaultVoice(lang, look.Gender); ok {
			voice = &v
		} else if v, ok := c.Voices.DefaultVoice(lang, ""); ok {
			voice = &v
			// Keep the presenter consistent with the only voice there is, unless the
			// user chose the presenter.
			if b.AvatarID == "" && !strings.EqualFold(look.Gender, v.Gender) {
				if l, ok := c.lookFor(v.Gender); ok {
					out.AvatarID = l.ID
				}
			}
		}
	}
	if voice == nil {
		return out, videoagent.Failf(videoagent.FailSpeech, nil, "No voice speaks language %q.", lang)
	}
	out.VoiceID = voice.ID
	if c.Rates != nil {
		r, err := c.Rates.Measure(ctx, *voice)
		if err != nil {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			return out, videoagent.Failf(videoagent.FailSpeech, err, "Voice %s could not speak.", voice.ID)
		}
		out.WordsPerMinute, out.Overhead = r.WordsPerMinute, r.Overhead
	}
	return out, nil
}

// sameLanguage compares the primary subtags of two BCP-47 tags.
func sameLanguage(a, b string) bool {
	return a != "" && baseLang(a) == baseLang(b)
}

// Style is a visual style the planner may choose, described by words that say what it
// suits ("bold", "dark", "calm", "corporate", ...).
type Style struct {
	ID    string
	Words string
}

// styleWants lists, per kind and tone, the words of a fitting style, best first.
func styleWants(a *Analysis) []string {
	var w []string
	switch a.Tone {
	case ToneEnergetic, TonePlayful:
		w = append(w, "bold", "vivid", "bright", "pop", "neon", "dark", "playful", "energetic")
	case ToneProfessional:
		w = append(w, "corporate", "professional", "business", "clean", "classic", "minimal")
	case ToneCalm:
		w = append(w, "calm", "soft", "minimal", "clean", "light")
	case ToneInspiring:
		w = append(w, "inspiring", "elegant", "dark", "cinematic")
	default:
		w = append(w, "warm", "friendly", "paper", "light")
	}
	switch a.Kind {
	case KindSocialAd, KindEvent:
		w = append(w, "bold", "vivid")
	case KindTraining, KindTutorial:
		w = append(w, "clean", "minimal")
	case KindSales, KindRecap:
		w = append(w, "corporate", "clean")
	}
	return w
}

// chooseStyle picks the style that best suits the analysis: the one whose words match the
// earliest wanted word; the first style when none matches. Deterministic.
func chooseStyle(a *Analysis, styles []Style) string {
	if len(styles) == 0 {
		return ""
	}
	best, bestRank := styles[0].ID, 1<<30
	for _, s := range styles {
		words := strings.ToLower(s.ID + " " + s.Words)
		for i, w := range styleWants(a) {
			if i < bestRank && strings.Contains(words, w) {
				best, bestRank = s.ID, i
				break
			}
		}
	}
	return best
}
