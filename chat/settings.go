package chat

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent/agent"
)

// ---- captions ------------------------------------------------------------------------

var (
	reCaptionsOff = rx(`\b(?:remove|turn\s+off|disable|drop|hide|switch\s+off|get\s+rid\s+of|no|without|lose|kill)\s+(?:the\s+)?(?:captions|subtitles|subs|closed\s+captions)\b|\b(?:captions|subtitles)\s+off\b|\b(?:quita|sin|desactiva|elimina)\s+(?:los\s+)?subtítulos\b|\buntertitel\s+(?:aus|ausschalten|entfernen)\b|\bohne\s+untertitel\b|\b(?:enlève|sans|désactive|supprime)\s+(?:les\s+)?sous-titres\b`)
	reCaptionsOn  = rx(`\b(?:add|turn\s+on|enable|include|show|burn\s+in|switch\s+on|put|with|want|need|use)\s+(?:the\s+|some\s+|burned-in\s+|burnt-in\s+)?(?:captions|subtitles|subs|closed\s+captions)\b|\b(?:captions|subtitles)\s+(?:on|please|too|as\s+well)\b|^\s*(?:captions|subtitles)\s*[.!]?\s*$|\b(?:añade|agrega|pon|con|activa)\s+(?:los\s+)?subtítulos\b|\buntertitel\s+(?:an|einschalten|hinzufügen|einblenden)\b|\bmit\s+untertiteln\b|\b(?:ajoute|avec|active|mets)\s+(?:les\s+|des\s+)?sous-titres\b`)
)

func (in *interp) parseCaptions() {
	for _, c := range []struct {
		re *regexp.Regexp
		on bool
	}{{reCaptionsOff, false}, {reCaptionsOn, true}} {
		if loc := c.re.FindStringIndex(in.m.w); loc != nil {
			in.m.consume(loc[0], loc[1])
			if in.sb != nil && in.sb.Captions == c.on {
				in.note("Captions are already %s.", onOff(c.on))
				return
			}
			in.add(Op{Kind: OpSetCaptions, On: c.on}, "turn captions "+onOff(c.on))
			return
		}
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// ---- orientation ---------------------------------------------------------------------

var (
	reVertical  = rx(`\b(?:vertical(?:ly)?|portrait|9\s*[:x/]\s*16|tik\s?tok|reels?|(?:youtube\s+|yt\s+)?shorts|(?:instagram|ig|facebook|fb|snapchat|whatsapp)\s+stor(?:y|ies)|snapchat|hochformat|vertikal|formato\s+vertical|format\s+vertical|vertikales?\s+format)\b`)
	reSquare    = rx(`\b(?:square|1\s*:\s*1|instagram(?:\s+(?:feed|post))?|feed\s+post|quadratisch|cuadrado|carr[ée])`)
	reFourFive  = rx(`\b4\s*:\s*5\b`)
	reFiveFour  = rx(`\b5\s*:\s*4\b`)
	reLandscape = rx(`\b(?:landscape|horizontal(?:ly)?|widescreen|wide\s*screen|16\s*:\s*9|youtube|querformat|paysage|apaisado|formato\s+horizontal)\b`)
)

func (in *interp) parseOrientation() {
	type cand struct {
		at     int
		ratio  string
		name   string
		re     *regexp.Regexp
		locEnd int
	}
	var best *cand
	for _, c := range []cand{
		{ratio: "4:5", name: "portrait 4:5", re: reFourFive},
		{ratio: "5:4", name: "landscape 5:4", re: reFiveFour},
		{ratio: "9:16", name: "vertical (9:16)", re: reVertical},
		{ratio: "1:1", name: "square (1:1)", re: reSquare},
		{ratio: "16:9", name: "landscape (16:9)", re: reLandscape},
	} {
		loc := c.re.FindStringIndex(in.m.w)
		if loc == nil {
			continue
		}
		c.at, c.locEnd = loc[0], loc[1]
		if best == nil || (c.at < best.at && !(best.ratio == "9:16" && c.ratio == "1:1")) {
			cc := c
			best = &cc
		}
	}
	if best == nil {
		return
	}
	// Consume every orientation word, so that "vertical for TikTok" is one request.
	for _, re := range []*regexp.Regexp{reFourFive, reFiveFour, reVertical, reSquare, reLandscape} {
		for {
			loc := re.FindStringIndex(in.m.w)
			if loc == nil {
				break
			}
			in.m.consume(loc[0], loc[1])
		}
	}
	if in.sb != nil && in.sb.AspectRatio == best.ratio && !in.follow && in.state != StateCompleted {
		in.note("It's already %s.", best.name)
		return
	}
	in.add(Op{Kind: OpSetAspect, AspectRatio: best.ratio}, "make it "+best.name)
}

// ---- language ------------------------------------------------------------------------

var languageTags = map[string]string{
	"english": "en", "spanish": "es", "german": "de", "french": "fr", "italian": "it",
	"portuguese": "pt", "dutch": "nl", "japanese": "ja", "chinese": "zh", "mandarin": "zh",
	"korean": "ko", "russian": "ru", "polish": "pl", "turkish": "tr", "arabic": "ar",
	"hindi": "hi", "swedish": "sv", "norwegian": "nb", "danish": "da", "finnish": "fi",
	"greek": "el", "czech": "cs", "ukrainian": "uk", "indonesian": "id", "vietnamese": "vi",
	"hebrew": "he", "romanian": "ro", "hungarian": "hu",
	"british english": "en-GB", "american english": "en-US", "mexican spanish": "es-MX",
	"latin american spanish": "es-419", "european spanish": "es-ES", "brazilian portuguese": "pt-BR",
	"european portuguese": "pt-PT", "canadian french": "fr-CA", "swiss german": "de-CH",
	"español": "es", "espanol": "es", "castellano": "es", "inglés": "en", "ingles": "en",
	"alemán": "de", "aleman": "de", "francés": "fr", "frances": "fr", "italiano": "it",
	"portugués": "pt", "portugues": "pt",
	"deutsch": "de", "deutsche": "de", "englisch": "en", "englische": "en", "spanisch": "es",
	"spanische": "es", "französisch": "fr", "französische": "fr", "italienisch": "it",
	"italienische": "it",
	"français":     "fr", "francais": "fr", "anglais": "en", "allemand": "de", "espagnol": "es",
	"italien": "it", "portugais": "pt",
}

var languageEnglish = map[string]string{
	"en": "English", "es": "Spanish", "de": "German", "fr": "French", "it": "Italian",
	"pt": "Portuguese", "nl": "Dutch", "ja": "Japanese", "zh": "Chinese", "ko": "Korean",
	"ru": "Russian", "pl": "Polish", "tr": "Turkish", "ar": "Arabic", "hi": "Hindi",
	"sv": "Swedish", "nb": "Norwegian", "da": "Danish", "fi": "Finnish", "el": "Greek",
	"cs": "Czech", "uk": "Ukrainian", "id": "Indonesian", "vi": "Vietnamese", "he": "Hebrew",
	"ro": "Romanian", "hu": "Hungarian",
	"en-GB": "British English", "en-US": "American English", "es-MX": "Mexican Spanish",
	"es-419": "Latin American Spanish", "es-ES": "European Spanish", "pt-BR": "Brazilian Portuguese",
	"pt-PT": "European Portuguese", "fr-CA": "Canadian French", "de-CH": "Swiss German",
}

// LanguageName returns the English name of a BCP-47 language tag ("de" -> "German"), or
// the tag itself when it is not known.
func LanguageName(tag string) string {
	if n, ok := languageEnglish[tag]; ok {
		return n
	}
	if n, ok := languageEnglish[baseLang(tag)]; ok {
		return n
	}
	return tag
}

func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return strings.ToLower(tag[:i])
	}
	return strings.ToLower(tag)
}

var (
	langAlt = func() string {
		ks := make([]string, 0, len(languageTags))
		for k := range languageTags {
			ks = append(ks, regexp.QuoteMeta(k))
		}
		sortByLenDesc(ks)
		return strings.Join(ks, "|")
	}()
	reLangIn = rxs(
		`\btranslate(?:\s+(?:it|this|the\s+video|everything|the\s+script|the\s+whole\s+thing))?\s+(?:in)?to\s+(`+langAlt+`)`,
		`\b(?:traduce|traducir|tradúcelo|traducelo)\s+(?:al|a|en)\s+(`+langAlt+`)`,
		`(?:^|\s)übersetze?(?:\s+(?:es|das\s+video))?\s+(?:ins|auf|in)\s+(`+langAlt+`)`,
		`\btradui[st]?(?:\s+(?:le|la\s+vidéo))?\s+en\s+(`+langAlt+`)`,
		`\b(?:in|into|to|auf|ins|en|al|in\s+the|narrated\s+in|voiced\s+in|spoken\s+in)\s+(?:the\s+)?(`+langAlt+`)(?:$|[^\pL])`,
		`\b(`+langAlt+`)[- ](?:version|voice-?over|narration|language|translation|script|audio|dub|dubbing|voice|speaker|narrator)\b`,
	)
)

func (in *interp) parseLanguage() {
	for _, re := range reLangIn {
		loc := re.FindStringSubmatchIndex(in.m.w)
		if loc == nil {
			continue
		}
		name := strings.ToLower(in.m.w[loc[2]:loc[3]])
		tag := languageTags[name]
		in.m.consume(loc[0], loc[1])
		cur := in.language()
		if baseLang(tag) == baseLang(cur) {
			if strings.Contains(tag, "-") && !strings.EqualFold(tag, cur) {
				// "British English" for an English script is an accent: a voice.
				in.voiceFor(voiceWant{locale: tag}, "")
				return
			}
			in.note("It's already in %s.", LanguageName(cur))
			return
		}
		in.planOp(Op{Language: tag}, "translate it into "+LanguageName(tag))
		return
	}
}

// ---- duration ------------------------------------------------------------------------

var durNum = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25,
	"thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cinco": 5, "diez": 10, "quince": 15,
	"veinte": 20, "treinta": 30, "cuarenta": 40, "sesenta": 60, "noventa": 90,
	"eine": 1, "einer": 1, "zwei": 2, "drei": 3, "fünf": 5, "zehn": 10, "fünfzehn": 15,
	"zwanzig": 20, "dreißig": 30, "vierzig": 40, "sechzig": 60, "neunzig": 90,
	"une": 1, "deux": 2, "trois": 3, "cinq": 5, "dix": 10, "quinze": 15, "vingt": 20,
	"trente": 30, "quarante": 40, "soixante": 60, "quatre-vingt-dix": 90,
}

var (
	durNumAlt = func() string {
		ks := make([]string, 0, len(durNum))
		for k := range durNum {
			ks = append(ks, regexp.QuoteMeta(k))
		}
		sortByLenDesc(ks)
		return strings.Join(ks, "|")
	}()
	unitAlt   = `seconds?|secs?|sec|s|minutes?|mins?|min|segundos?|seg|minutos?|sekunden|sek|minuten|secondes?`
	reDurAbs  = rx(`(?:\b(under|less\s+than|below|shorter\s+than|no\s+(?:more|longer)\s+than|at\s+most|max(?:imum)?|up\s+to|within|menos\s+de|unter|weniger\s+als|höchstens|moins\s+de|at\s+least|more\s+than|over|longer\s+than|at\s+minimum|mindestens|más\s+de|plus\s+de|about|around|roughly|approximately|approx\.?|circa|etwa|ca\.|unos|environ)\s+)?(?:(\d+(?:[.,]\d+)?)|\b(` + durNumAlt + `|half\s+an?|one\s+and\s+a\s+half))(?:\s*-\s*|\s*)(` + unitAlt + `)\b(\s+and\s+a\s+half|\s+y\s+medio|\s+et\s+demie|einhalb)?(?:\s+(shorter|longer|less|more|kürzer|länger|más\s+corto|más\s+largo|plus\s+court|plus\s+long))?`)
	reDurBy   = rx(`\b(shorten|shorter|cut|trim|reduce|lengthen|longer|extend|add|remove)\s+(?:it\s+|the\s+video\s+)?(?:by\s+)?$`)
	rePercent = rx(`\b(\d{1,3})\s*(?:%|percent|per\s+cent)\s+(shorter|longer|less|more)\b`)
	reHalfMin = rx(`\bhalf\s+a\s+minute\b|\bmedio\s+minuto\b|\beine\s+halbe\s+minute\b|\bune\s+demi-minute\b`)
	reRel     = []struct {
		re    *regexp.Regexp
		scale float64
	}{
		{rx(`\bhalf\s+(?:as\s+long|the\s+length|the\s+duration|the\s+time)\b|\bhalve\s+(?:it|the\s+length)\b|\bcut\s+it\s+in\s+half\b|\bla\s+mitad\b|\bhalb\s+so\s+lang\b|\bdeux\s+fois\s+plus\s+court\b`), 0.5},
		{rx(`\btwice\s+as\s+long\b|\bdouble\s+(?:it|the\s+length|the\s+duration)\b|\bdoble\s+de\s+largo\b|\bdoppelt\s+so\s+lang\b|\bdeux\s+fois\s+plus\s+long\b`), 2},
		{rx(`\b(?:much|way|a\s+lot|significantly|far|considerably)\s+(?:shorter|more\s+concise)\b|\bmucho\s+más\s+corto\b|\bviel\s+kürzer\b|\bbeaucoup\s+plus\s+court\b`), 0.5},
		{rx(`\b(?:much|way|a\s+lot|significantly|far|considerably)\s+longer\b|\bmucho\s+más\s+largo\b|\bviel\s+länger\b|\bbeaucoup\s+plus\s+long\b`), 2},
		{rx(`\b(?:a\s+(?:bit|little|tad|touch)|slightly|somewhat|a\s+few\s+seconds)\s+(?:shorter|more\s+concise|tighter|quicker)\b|\bun\s+poco\s+más\s+corto\b|\betwas\s+kürzer\b|\bun\s+peu\s+plus\s+court\b`), 0.85},
		{rx(`\b(?:a\s+(?:bit|little|tad|touch)|slightly|somewhat|a\s+few\s+seconds)\s+longer\b|\bun\s+poco\s+más\s+largo\b|\betwas\s+länger\b|\bun\s+peu\s+plus\s+long\b`), 1.2},
		{rx(`\bshorter\b|\bmore\s+concise\b|\btighter\b|\btoo\s+long\b|\bshorten\b|\bcut\s+it\s+down\b|\btrim\s+it(?:\s+down)?\b|\bcondense\b|\btighten\b|\bquicker\b|\bmás\s+(?:corto|breve)\b|\bacórtalo\b|\bacorta\b|\bdemasiado\s+largo\b|\bkürzer\b|\bverkürze\b|\bkürze\b|\bzu\s+lang\b|\bplus\s+court\b|\braccourcis\b|\braccourcir\b|\btrop\s+long\b`), 0.7},
		{rx(`\blonger\b|\btoo\s+short\b|\blengthen\b|\bextend\s+it\b|\bexpand\s+(?:it|on\s+it)\b|\bmás\s+largo\b|\balárgalo\b|\balarga\b|\bdemasiado\s+corto\b|\blänger\b|\bverlängere\b|\bzu\s+kurz\b|\bplus\s+long\b|\brallonge\b|\ballonge\b|\btrop\s+court\b`), 1.4},
	}
)

var (
	reAtLeast = regexp.MustCompile(`^(?:at\s+least|more\s+than|over|longer\s+than|at\s+minimum|mindestens|más\s+de|plus\s+de)$`)
	reAbout   = regexp.MustCompile(`^(?:about|around|roughly|approximately|approx\.?|circa|etwa|ca\.|unos|environ)$`)
)

// currentSec is the current length of the video in seconds, 0 if unknown.
func (in *interp) currentSec() float64 {
	if in.ctx.CurrentSec > 0 {
		return in.ctx.CurrentSec
	}
	if in.sb != nil && len(in.sb.Scenes) > 0 {
		return agent.EstimateDuration(in.sb, nil).Seconds()
	}
	return 0
}

func clampSec(s float64) int {
	v := int(math.Round(s))
	if v < 5 {
		v = 5
	}
	if v > 1800 {
		v = 1800
	}
	return v
}

func (in *interp) parseDuration() {
	cur := in.currentSec()
	if loc := reDurAbs.FindStringSubmatchIndex(in.m.w); loc != nil {
		w := in.m.w
		g := func(i int) string { return strings.ToLower(strings.TrimSpace(group(w, loc, i))) }
		unit := g(4)
		var v float64
		if d := g(2); d != "" {
			v, _ = strconv.ParseFloat(strings.ReplaceAll(d, ",", "."), 64)
		} else {
			word := strings.Join(strings.Fields(g(3)), " ")
			switch {
			case strings.HasPrefix(word, "half"):
				v = 0.5
			case word == "one and a half":
				v = 1.5
			default:
				v = durNum[word]
			}
		}
		// "30s" only attached to the number; "2 s" is not a length.
		if unit == "s" && (g(2) == "" || loc[8] != loc[5]) {
			loc = nil
		}
		if loc != nil && v > 0 {
			if strings.HasPrefix(unit, "m") {
				v *= 60
			}
			if g(5) != "" {
				if strings.HasPrefix(unit, "m") {
					v += 30
				} else {
					v += 0.5
				}
			}
			start := loc[0]
			delta := g(6)
			if sm := reDurBy.FindStringSubmatchIndex(w[:loc[0]]); sm != nil && delta == "" {
				delta = strings.ToLower(w[sm[2]:sm[3]])
				start = sm[0]
			}
			in.m.consume(start, loc[1])
			switch {
			case delta != "":
				sign := -1.0
				switch {
				case strings.Contains(delta, "long"), strings.Contains(delta, "läng"), strings.Contains(delta, "larg"),
					delta == "more", delta == "add", delta == "extend", delta == "lengthen":
					sign = 1
				}
				if cur <= 0 {
					in.note("I don't know the current length yet, so I can't make it %g seconds %s.", v, map[bool]string{true: "longer", false: "shorter"}[sign > 0])
					return
				}
				t := clampSec(cur + sign*v)
				in.planOp(Op{DurationSec: t}, fmt.Sprintf("make it about %d seconds (now about %d)", t, int(math.Round(cur))))
			default:
				q := g(1)
				t := v
				switch {
				case q == "":
				case reAtLeast.MatchString(q):
					t = v * 1.1
				case reAbout.MatchString(q):
				default:
					t = v * 0.9
				}
				sec := clampSec(t)
				in.planOp(Op{DurationSec: sec}, fmt.Sprintf("make it about %d seconds", sec))
			}
			in.consumeRel()
			return
		}
	}
	if sm := rePercent.FindStringSubmatchIndex(in.m.w); sm != nil {
		p, _ := strconv.Atoi(in.m.w[sm[2]:sm[3]])
		scale := 1 - float64(p)/100
		word := "shorter"
		if w := strings.ToLower(in.m.w[sm[4]:sm[5]]); w == "longer" || w == "more" {
			scale, word = 1+float64(p)/100, "longer"
		}
		in.m.consume(sm[0], sm[1])
		in.consumeRel()
		if scale > 0 {
			if cur > 0 {
				t := clampSec(cur * scale)
				in.planOp(Op{DurationSec: t, Scale: scale}, fmt.Sprintf("make it %d%% %s: about %d seconds instead of %d", p, word, t, int(math.Round(cur))))
			} else {
				in.planOp(Op{Scale: scale}, fmt.Sprintf("make it %d%% %s", p, word))
			}
			return
		}
	}
	if loc := reHalfMin.FindStringIndex(in.m.w); loc != nil {
		in.m.consume(loc[0], loc[1])
		in.planOp(Op{DurationSec: 30}, "make it about 30 seconds")
		in.consumeRel()
		return
	}
	for _, r := range reRel {
		loc := r.re.FindStringIndex(in.m.w)
		if loc == nil {
			continue
		}
		in.m.consume(loc[0], loc[1])
		in.consumeRel()
		word := "shorter"
		if r.scale > 1 {
			word = "longer"
		}
		if cur > 0 {
			t := clampSec(cur * r.scale)
			in.planOp(Op{DurationSec: t, Scale: r.scale}, fmt.Sprintf("make it %s: about %d seconds instead of %d", word, t, int(math.Round(cur))))
		} else {
			in.planOp(Op{Scale: r.scale}, "make it "+word)
		}
		return
	}
}

// consumeRel blanks the remaining relative length words once a length was read.
func (in *interp) consumeRel() {
	for _, r := range reRel {
		for {
			loc := r.re.FindStringIndex(in.m.w)
			if loc == nil {
				break
			}
			in.m.consume(loc[0], loc[1])
		}
	}
}
