package agent

import (
	"strings"

	"github.com/openvideoagent/videoagent"
)

// Memory keys: the facts the agent remembers about an account.
const (
	MemCompany  = "company"
	MemProduct  = "product"
	MemAvatar   = "avatar_id"
	MemVoice    = "voice_id"
	MemStyle    = "style_id"
	MemTone     = "tone"
	MemLanguage = "language"
	MemCTAURL   = "cta_url"
)

func memoryMap(facts []videoagent.MemoryFact) map[string]string {
	m := map[string]string{}
	for _, f := range facts {
		m[f.Key] = f.Value
	}
	return m
}

// Remember extracts the facts worth keeping from a session: the names the prompt used,
// the call-to-action URL, and the choices the user made explicitly (presenter, voice,
// style, tone, language). sb is the storyboard the session produced (may be nil).
func Remember(b videoagent.Brief, sb *videoagent.Storyboard) []videoagent.MemoryFact {
	a := Analyze(b)
	p := x(b.Prompt)
	var out []videoagent.MemoryFact
	add := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, videoagent.MemoryFact{Key: k, Value: v})
		}
	}
	if a.Name != "" {
		add(MemProduct, a.Name)
	}
	for _, n := range a.Names {
		if n != a.Name && !strings.Contains(a.Name, n) && !strings.Contains(n, a.Name) {
			add(MemCompany, n)
			break
		}
	}
	if len(a.URLs) > 0 {
		add(MemCTAURL, a.URLs[0])
	}
	add(MemAvatar, b.AvatarID)
	add(MemVoice, b.VoiceID)
	add(MemStyle, b.StyleID)
	for _, t := range toneWords {
		if t.re.MatchString(p) {
			add(MemTone, a.Tone)
			break
		}
	}
	if tag, _ := explicitLanguage(p); tag != "" {
		add(MemLanguage, tag)
	}
	return out
}

func x(p string) string { return newExtractor(strings.TrimSpace(p)).plain }

// applyMemory fills what the prompt left open from the account's memory: the product name
// when the prompt speaks of "our" product without naming it, the call-to-action URL, the
// tone when the prompt sets none. The language is never overridden: the prompt's wins.
func applyMemory(a *Analysis, b videoagent.Brief) {
	if len(b.Memory) == 0 {
		return
	}
	m := memoryMap(b.Memory)
	own := a.det == "our" || a.det == "my" || a.Kind == KindProduct || a.Kind == KindSales || a.Kind == KindAnnouncement || a.Kind == KindSocialAd
	if n := firstNonEmptyStr(m[MemProduct], m[MemCompany]); a.Name == "" && n != "" {
		// "our app" is the remembered product; "our new dark mode" is a feature of it.
		if own && genericSubjects[strings.ToLower(a.Subject)] {
			a.Name = n
			a.Names = append([]string{n}, a.Names...)
		} else if a.det == "our" || a.det == "my" {
			a.memOrg = n
		}
	}
	if len(a.URLs) == 0 && m[MemCTAURL] != "" && (own || a.Kind == KindEvent || a.Kind == KindWelcome) {
		a.URLs = []string{m[MemCTAURL]}
	}
	if t := m[MemTone]; t != "" {
		explicit := false
		p := x(b.Prompt)
		for _, tw := range toneWords {
			if tw.re.MatchString(p) {
				explicit = true
			}
		}
		if !explicit {
			a.Tone = t
		}
	}
}

func firstNonEmptyStr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// genericSubjects are subjects that stand for the user's whole product or company.
var genericSubjects = map[string]bool{
	"app": true, "product": true, "tool": true, "platform": true, "software": true, "service": true,
	"company": true, "business": true, "brand": true, "startup": true, "solution": true, "website": true,
	"site": true, "shop": true, "store": true, "new app": true, "new product": true, "mobile app": true,
}
