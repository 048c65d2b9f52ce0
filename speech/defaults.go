package speech

import (
	"strings"

	"github.com/openvideoagent/videoagent"
)

// DefaultEnglish are the default English voices by gender, chosen among the offline
// engines by objective measures (see TestEnglishVoiceQuality and the README): Festival's
// HTS voice slt for women, flite's rms for men.
var DefaultEnglish = map[string]string{
	"female": "festival-slt-hts",
	"male":   "flite-rms",
}

// PreferEnglish returns a preference for Catalog.Prefer: for English (any "en" tag or the
// name "English") and a gender ("" means female), the voice of DefaultEnglish when c has it;
// otherwise next's choice (e.g. espeak.DefaultVoiceFor).
func PreferEnglish(c *Catalog, next func(lang, gender string) (videoagent.Voice, bool)) func(lang, gender string) (videoagent.Voice, bool) {
	return func(lang, gender string) (videoagent.Voice, bool) {
		l := strings.ToLower(strings.TrimSpace(lang))
		if l == "en" || l == "english" || l == "en-us" || l == "en_us" {
			g := strings.ToLower(gender)
			if g == "" {
				g = "female"
			}
			if id, ok := DefaultEnglish[g]; ok {
				if v, err := c.Voice(id); err == nil {
					return v, true
				}
			}
		}
		if next == nil {
			return videoagent.Voice{}, false
		}
		return next(lang, gender)
	}
}
