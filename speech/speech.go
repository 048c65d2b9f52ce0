// Package speech is the engine-neutral speech layer: a Catalog of the voices of all engines
// and a Router that sends each synthesis to the engine of its voice. Engines live in
// subpackages (espeak, ...) and all pass the speechtest conformance suite.
package speech

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/openvideoagent/videoagent"
)

// Catalog holds the voices of several engines, in the order they were added. It is safe for
// concurrent use.
type Catalog struct {
	mu     sync.RWMutex
	voices []videoagent.Voice
	byID   map[string]int
	prefer func(lang, gender string) (videoagent.Voice, bool)
}

// NewCatalog returns a catalog of the given voices (see Add).
func NewCatalog(voices ...videoagent.Voice) (*Catalog, error) {
	c := &Catalog{byID: map[string]int{}}
	if err := c.Add(voices...); err != nil {
		return nil, err
	}
	return c, nil
}

// Add adds voices. Every voice needs an ID and an Engine, and IDs are unique; on error
// nothing is added.
func (c *Catalog) Add(voices ...videoagent.Voice) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	for _, v := range voices {
		switch {
		case v.ID == "" || v.Engine == "":
			return fmt.Errorf("speech: voice %+v has no id or engine", v)
		case seen[v.ID]:
			return fmt.Errorf("speech: duplicate voice id %q", v.ID)
		}
		if _, dup := c.byID[v.ID]; dup {
			return fmt.Errorf("speech: duplicate voice id %q", v.ID)
		}
		seen[v.ID] = true
	}
	for _, v := range voices {
		c.byID[v.ID] = len(c.voices)
		c.voices = append(c.voices, v)
	}
	return nil
}

// Voice returns the voice with the given id, or a *videoagent.Error with code
// EVOICENOTFOUND.
func (c *Catalog) Voice(id string) (videoagent.Voice, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	i, ok := c.byID[id]
	if !ok {
		return videoagent.Voice{}, videoagent.Errorf(videoagent.EVOICENOTFOUND, "Voice %q was not found.", id)
	}
	return c.voices[i], nil
}

// Prefer, when set, picks the default voice for a language and gender before the catalog's
// own rule (the first matching voice). Engines know their best voice per language.
func (c *Catalog) Prefer(f func(lang, gender string) (videoagent.Voice, bool)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prefer = f
}

// DefaultVoice implements videoagent.VoiceCatalog: the preferred voice for a BCP-47 language
// (and gender, when not empty) if it is in the catalog, else the first voice that matches.
func (c *Catalog) DefaultVoice(lang, gender string) (videoagent.Voice, bool) {
	c.mu.RLock()
	prefer := c.prefer
	c.mu.RUnlock()
	if prefer != nil {
		if v, ok := prefer(lang, gender); ok {
			if _, err := c.Voice(v.ID); err == nil {
				return v, true
			}
		}
	}
	// "en-US" falls back to "en" when no voice has that exact locale.
	for l := lang; l != ""; {
		if vs := c.Find(Filter{Language: l, Gender: gender}); len(vs) > 0 {
			return vs[0], true
		}
		i := strings.LastIndex(l, "-")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return videoagent.Voice{}, false
}

var _ videoagent.VoiceCatalog = (*Catalog)(nil)

// Filter selects voices. Empty fields match everything.
type Filter struct {
	// Language is a BCP-47 tag ("en" matches "en-US" and "en-GB"; "en-US" only "en-US") or
	// an English language name ("Spanish"), case-insensitive.
	Language string
	Gender   string // "female" or "male"
	Engine   string // "espeak", ...
}

// Voices returns all voices, in catalog order.
func (c *Catalog) Voices() []videoagent.Voice { return c.Find(Filter{}) }

// Find returns the voices that match f, in catalog order.
func (c *Catalog) Find(f Filter) []videoagent.Voice {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []videoagent.Voice
	for _, v := range c.voices {
		if f.Matches(v) {
			out = append(out, v)
		}
	}
	return out
}

// Matches reports whether v passes the filter.
func (f Filter) Matches(v videoagent.Voice) bool {
	if f.Gender != "" && !strings.EqualFold(f.Gender, v.Gender) {
		return false
	}
	if f.Engine != "" && !strings.EqualFold(f.Engine, v.Engine) {
		return false
	}
	if f.Language != "" {
		lang := strings.ReplaceAll(strings.TrimSpace(f.Language), "_", "-")
		locale := v.Locale
		if !strings.EqualFold(lang, v.Language) && !strings.EqualFold(lang, locale) &&
			!(len(locale) > len(lang) && strings.EqualFold(locale[:len(lang)], lang) && locale[len(lang)] == '-') {
			return false
		}
	}
	return true
}

// Languages returns the distinct English language names of the catalog, sorted.
func (c *Catalog) Languages() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	seen := map[string]bool{}
	var out []string
	for _, v := range c.voices {
		if !seen[v.Language] {
			seen[v.Language] = true
			out = append(out, v.Language)
		}
	}
	sort.Strings(out)
	return out
}

// Router is a videoagent.Synthesizer that sends each synthesis to the engine registered for
// the voice's Engine. It is safe for concurrent use.
type Router struct {
	mu      sync.RWMutex
	engines map[string]videoagent.Synthesizer
}

// NewRouter returns a router with no engines.
func NewRouter() *Router { return &Router{engines: map[string]videoagent.Synthesizer{}} }

// Register makes s the synthesizer of voices whose Engine is engine, replacing any earlier
// one.
func (r *Router) Register(engine string, s videoagent.Synthesizer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.engines[engine] = s
}

var _ videoagent.Synthesizer = (*Router)(nil)

// Synthesize calls the engine of voice.Engine. A voice of an unregistered engine gives a
// *videoagent.Error with code EVOICENOTFOUND.
func (r *Router) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	r.mu.RLock()
	s, ok := r.engines[voice.Engine]
	r.mu.RUnlock()
	if !ok {
		return nil, videoagent.Errorf(videoagent.EVOICENOTFOUND, "Voice %q was not found: engine %q is not available.", voice.ID, voice.Engine)
	}
	return s.Synthesize(ctx, text, voice, opt)
}
