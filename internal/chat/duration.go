package chat

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent/agent"
)

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
		if v := durationAt(w, loc); v > 0 {
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

// durationAt reads the length a match of reDurAbs in w states, in seconds (its
// qualifier and delta aside), or 0 when the match is not a length ("2 s").
func durationAt(w string, loc []int) float64 {
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
		return 0
	}
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
	return v
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
