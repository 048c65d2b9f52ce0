package espeak

/*
#include <stdlib.h>
#include <espeak-ng/speak_lib.h>
*/
import "C"

import (
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/openvideoagent/videoagent"
)

// Variants used for the two voices offered per language. espeak-ng's language voices are
// male by default. The female variant is "+f1": the usual "+f3" (and f2, f4, f5) add a
// 120-140 ms echo that fills the pauses between phrases with audible reverberation.
const (
	femaleVariant = "f1"
	maleVariant   = "" // the language voice as shipped
)

// engineVoice is one language voice of espeak-ng, as espeak_ListVoices reports it.
type engineVoice struct {
	name       string     // e.g. "English_(America)"
	identifier string     // file within espeak-ng-data/voices, e.g. "gmw/en-US"
	langs      []langPrio // first is the voice's own language
}

// langPrio is one entry of an espeak voice's language list: a language code and espeak's
// priority for it (lower is preferred).
type langPrio struct {
	code string
	prio int
}

// catalogue is the voice list, built once from espeak_ListVoices.
type catalogue struct {
	voices   []videoagent.Voice
	byID     map[string]videoagent.Voice
	langs    map[string][]langPrio // voice code (e.g. "en-us") -> its language list
	codes    []string              // voice codes in catalogue order
	variants map[string]bool       // variant names, e.g. "f3", "klatt"
	err      error
}

var (
	catOnce sync.Once
	cat     catalogue
)

// loadCatalogue returns the voice catalogue, listing espeak-ng's voices on first use.
func loadCatalogue() *catalogue {
	catOnce.Do(func() {
		engineMu.Lock()
		defer engineMu.Unlock()
		if err := initEngine(); err != nil {
			cat.err = err
			return
		}
		cat.variants = map[string]bool{}
		for _, v := range listVoices("variant") {
			name := v.identifier
			if i := strings.LastIndexByte(name, '/'); i >= 0 {
				name = name[i+1:]
			}
			cat.variants[strings.ToLower(name)] = true
		}
		cat.build(listVoices(""))
	})
	return &cat
}

// listVoices calls espeak_ListVoices; language "" lists all language voices and "variant"
// the variants. Call with engineMu held.
func listVoices(language string) []engineVoice {
	var list **C.espeak_VOICE
	if language == "" {
		list = C.espeak_ListVoices(nil)
	} else {
		var spec C.espeak_VOICE
		cl := C.CString(language)
		defer C.free(unsafe.Pointer(cl))
		spec.languages = cl
		list = C.espeak_ListVoices(&spec)
	}
	var out []engineVoice
	for p := list; p != nil && *p != nil; p = (**C.espeak_VOICE)(unsafe.Add(unsafe.Pointer(p), unsafe.Sizeof(*p))) {
		v := *p
		ev := engineVoice{name: C.GoString(v.name), identifier: C.GoString(v.identifier)}
		// languages: (priority byte, NUL-terminated code) pairs, ended by a zero priority.
		for l := (*byte)(unsafe.Pointer(v.languages)); l != nil && *l != 0; {
			prio := int(*l)
			code := C.GoString((*C.char)(unsafe.Add(unsafe.Pointer(l), 1)))
			ev.langs = append(ev.langs, langPrio{code: strings.ToLower(code), prio: prio})
			l = (*byte)(unsafe.Add(unsafe.Pointer(l), 2+len(code)))
		}
		out = append(out, ev)
	}
	return out
}

// languageNames overrides the English language name taken from espeak's voice name where
// the name before the parenthesis is not the language's usual English name.
var languageNames = map[string]string{
	"ga":                 "Irish",
	"gd":                 "Scottish Gaelic",
	"grc":                "Ancient Greek",
	"my":                 "Burmese",
	"yue":                "Cantonese",
	"hak":                "Hakka Chinese",
	"cmn":                "Chinese",
	"nb":                 "Norwegian",
	"piqd":               "Klingon",
	"chr-us-qaaa-x-west": "Cherokee",
}

// build fills the catalogue from espeak's language voices: each gets a female and a male
// voice with ids "espeak-<code>-f" and "espeak-<code>-m".
func (c *catalogue) build(evs []engineVoice) {
	sort.Slice(evs, func(i, j int) bool { return evs[i].identifier < evs[j].identifier })
	c.byID = map[string]videoagent.Voice{}
	c.langs = map[string][]langPrio{}
	for _, ev := range evs {
		if len(ev.langs) == 0 || strings.HasPrefix(ev.identifier, "mb/") || ev.langs[0].code == "variant" {
			continue
		}
		// espeak-ng selects a voice by its file name (not always by its language: "en-gb"
		// is not found, its file "en" is), so EngineVoice is the file name.
		code := ev.langs[0].code
		engineName := strings.ToLower(ev.identifier[strings.LastIndexByte(ev.identifier, '/')+1:])
		if _, dup := c.langs[code]; dup {
			// Two voices for one language (e.g. yue and yue-Latn-jyutping): the later one's
			// id uses its file name.
			code = engineName
			if _, dup := c.langs[code]; dup {
				continue
			}
		}
		c.langs[code] = ev.langs
		c.codes = append(c.codes, code)
		display := strings.ReplaceAll(ev.name, "_", " ")
		lang := languageNames[code]
		if lang == "" {
			lang = display
			if i := strings.Index(lang, " ("); i >= 0 {
				lang = lang[:i]
			}
			lang = strings.TrimSpace(lang)
		}
		for _, g := range []struct{ suffix, gender, variant string }{
			{"f", "female", femaleVariant},
			{"m", "male", maleVariant},
		} {
			v := videoagent.Voice{
				ID:          "espeak-" + code + "-" + g.suffix,
				Name:        display + ", " + g.gender,
				Language:    lang,
				Locale:      canonicalLocale(code),
				Gender:      g.gender,
				Engine:      EngineName,
				EngineVoice: engineName,
			}
			if g.variant != "" {
				v.EngineVoice += "+" + g.variant
			}
			c.voices = append(c.voices, v)
			c.byID[v.ID] = v
		}
	}
}

// canonicalLocale writes an espeak language code in BCP-47's conventional case:
// "en-gb-x-rp" -> "en-GB-x-rp", "cmn-latn-pinyin" -> "cmn-Latn-pinyin".
func canonicalLocale(code string) string {
	parts := strings.Split(strings.ToLower(code), "-")
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if len(p) == 1 { // singleton (x- private use, extensions): the rest stays lower case
			break
		}
		switch {
		case len(p) == 2 && isAlpha(p):
			parts[i] = strings.ToUpper(p)
		case len(p) == 4 && isAlpha(p):
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}

func isAlpha(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// Voices returns the catalogue of espeak-ng voices: every language voice espeak-ng ships, each
// as a female ("espeak-<code>-f", variant +f1) and a male ("espeak-<code>-m") voice. The ids
// are stable: they derive from espeak-ng's language codes. It returns nil if espeak-ng cannot
// be initialized.
func Voices() []videoagent.Voice {
	c := loadCatalogue()
	return append([]videoagent.Voice(nil), c.voices...)
}

// defaultLanguages overrides espeak-ng's own preference where a bare language has several
// voices ("en" would otherwise be British English).
var defaultLanguages = map[string]string{
	"en": "en-us",
}

// DefaultVoice returns the best espeak voice for a BCP-47 language tag ("en", "en-US",
// "es", "de-DE", "zh"), preferring the female voice. See DefaultVoiceFor.
func DefaultVoice(lang string) (videoagent.Voice, bool) {
	return DefaultVoiceFor(lang, "")
}

// DefaultVoiceFor returns the best espeak voice for a BCP-47 language tag and gender
// ("female", "male", or "" for the default, female). It tries the whole tag, then drops
// subtags from the end ("de-DE" -> "de"); at each step an exact voice language wins, then
// the voice espeak-ng itself prefers for that tag.
func DefaultVoiceFor(lang, gender string) (videoagent.Voice, bool) {
	c := loadCatalogue()
	if c.err != nil {
		return videoagent.Voice{}, false
	}
	suffix := "-f"
	switch strings.ToLower(gender) {
	case "", "female", "f":
	case "male", "m":
		suffix = "-m"
	default:
		return videoagent.Voice{}, false
	}
	tag := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	for tag != "" {
		if code := c.bestCode(tag); code != "" {
			v, ok := c.byID["espeak-"+code+suffix]
			return v, ok
		}
		i := strings.LastIndexByte(tag, '-')
		if i < 0 {
			break
		}
		tag = tag[:i]
	}
	return videoagent.Voice{}, false
}

// bestCode returns the code of the voice that best speaks tag (lower case), or "".
func (c *catalogue) bestCode(tag string) string {
	if code, ok := defaultLanguages[tag]; ok {
		return code
	}
	if _, ok := c.langs[tag]; ok {
		return tag
	}
	best, bestPrio := "", 1<<30
	for _, code := range c.codes {
		for _, lp := range c.langs[code] {
			if lp.code == tag && lp.prio < bestPrio {
				best, bestPrio = code, lp.prio
			}
		}
	}
	return best
}
