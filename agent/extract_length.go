package agent

// The length a prompt asks for.

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

var numberWords = map[string]float64{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
	"forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "half a": 0.5, "half an": 0.5,
	"un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "eine": 1, "einer": 1, "zwei": 2, "drei": 3,
	"une": 1, "deux": 2, "trois": 3,
}

var (
	reDurDigits = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)(?:\s*(?:-|–)\s*|\s*)(seconds?|secs?|minutes?|mins?|segundos?|minutos?|sekunden|sekündige[nrs]?|sek|minuten|minütige[nrs]?|secondes?|secondi|minuti|seconden|s)(?:$|[^\pL])`)
	reDurWords  = regexp.MustCompile(`(?i)\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty-five|forty|fifty|sixty|ninety|half an?|un|una|uno|dos|tres|eine|einer|zwei|drei|une|deux|trois)(?:\s*-\s*|\s+)(seconds?|minutes?|segundos?|minutos?|sekunden|minuten|minütige[nrs]?|secondes?)\b(\s+and\s+a\s+half|\s+y\s+medio|\s+et\s+demie)?`)
	reAndHalf   = regexp.MustCompile(`(?i)\b(one|two|three|1|2|3)\s+and\s+a\s+half\s+minutes?\b`)
	reDurNoun   = regexp.MustCompile(`(?i)^[\s-]*(?:[\pL-]+\s+){0,3}?(?:video|clip|explainer|walkthrough|walk-through|demo|ad|advert|tutorial|promo|reel|short|pitch|intro|teaser|recap|summary|digest|briefing|round-?up|review|tour|guide|lesson|talk|speech|explanation|recap|update|overview|announcement|training|invitation|welcome|message|presentation|commercial|story|piece|spot|film|tiktok|hello|greeting|shout-out|post|vídeo|produktvideo|erklärvideo|rückblick|schulung|einladung|anleitung|formación|tutoriel|annonce|vidéo|anuncio|spot)`)
	reDurCtx    = regexp.MustCompile(`(?i)(long|in length|max|maximum|or less|or shorter|under|about|around|roughly|approximately|approx|keep it|length|duration|lasting|runtime|no more than|at most|up to|lang|de duración|durée|dure)`)
)

// duration finds the length the prompt asks for, in seconds, or 0. A length counts when it
// describes the video ("a 30-second ad"), comes with a length word ("about 2 minutes
// long"), or opens the request; "10-minute workouts" later in the prompt does not.
func (x *extractor) duration() int {
	type hit struct {
		sec        float64
		start, end int
	}
	var hits []hit
	for _, m := range reAndHalf.FindAllStringSubmatchIndex(x.plain, -1) {
		n := x.plain[m[2]:m[3]]
		v, ok := numberWords[strings.ToLower(n)]
		if !ok {
			v, _ = strconv.ParseFloat(n, 64)
		}
		hits = append(hits, hit{(v + 0.5) * 60, m[0], m[1]})
	}
	for _, m := range reDurDigits.FindAllStringSubmatchIndex(x.plain, -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(x.plain[m[2]:m[3]], ",", "."), 64)
		if err != nil {
			continue
		}
		unit := strings.ToLower(x.plain[m[4]:m[5]])
		if unit == "s" && (m[5]-m[3] != 1 || strings.HasSuffix(strings.ToLower(strings.TrimSpace(x.plain[:m[2]])), "the")) {
			continue // "90s" only when attached, and never "the 90s"
		}
		if strings.HasPrefix(unit, "m") {
			v *= 60
		}
		hits = append(hits, hit{v, m[0], m[5]})
	}
	for _, m := range reDurWords.FindAllStringSubmatchIndex(x.plain, -1) {
		v := numberWords[strings.ToLower(x.plain[m[2]:m[3]])]
		if strings.HasPrefix(strings.ToLower(x.plain[m[4]:m[5]]), "m") {
			v *= 60
		}
		if m[6] >= 0 {
			v += 30
		}
		hits = append(hits, hit{v, m[0], m[1]})
	}
	if strings.Contains(strings.ToLower(x.plain), "half a minute") {
		i := strings.Index(strings.ToLower(x.plain), "half a minute")
		hits = append(hits, hit{30, i, i + len("half a minute")})
	}
	best := -1
	for i, h := range hits {
		if h.sec < 3 || h.sec > 3600 {
			continue
		}
		after := x.plain[h.end:]
		lo := h.start - 40
		if lo < 0 {
			lo = 0
		}
		ctx := x.plain[lo:h.start] + " " + firstN(after, 30)
		early := len(strings.Fields(x.plain[:h.start])) < 8 ||
			strings.HasSuffix(strings.ToLower(strings.TrimSpace(x.plain[:h.start])), " in")
		if strings.ContainsAny(x.plain[h.start:h.end], "-–") && !reDurNoun.MatchString(after) {
			continue // "10-minute workouts" describes something else
		}
		if reRelTime.MatchString(after) {
			continue // "arrive 10 minutes early": a time before or after another
		}
		// "... for developers. 45 seconds." or "Length: 2 minutes": the length stands alone.
		before := x.plain[:h.start]
		if i := strings.LastIndexAny(before, ".!?\n:,;("); i >= 0 {
			before = before[i+1:]
		}
		rest := after
		if i := strings.IndexAny(rest, ".!?\n,;)"); i >= 0 {
			rest = rest[:i]
		}
		alone := len(strings.Fields(before)) <= 2 && len(strings.Fields(rest)) <= 2
		// "unplug it, wait ten seconds, ..." and "boil the eggs for six minutes": how long a
		// step takes, not the video, however early in the prompt or alone in its clause.
		ws := strings.Fields(reLeadConj.ReplaceAllString(strings.TrimSpace(before), ""))
		action := len(ws) > 0 && imperatives[strings.ToLower(ws[0])]
		if reDurNoun.MatchString(after) || reDurCtx.MatchString(ctx) || (early || alone) && !action {
			if best < 0 || h.start < hits[best].start {
				best = i
			}
		}
	}
	if best < 0 {
		return 0
	}
	x.durAt = [2]int{hits[best].start, hits[best].end}
	return int(math.Round(hits[best].sec))
}

func firstN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8Start(s[n]) {
		n++
	}
	return s[:n]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// reRelTime follows a duration that places one time against another ("10 minutes early",
// "two days before"), which is never the video's length.
var reRelTime = regexp.MustCompile(`(?i)^\s*(?:early|earlier|late|later|before|after|ahead|ago|beforehand|in advance|prior|from now|antes|después|früher|später|vorher|avant|après|plus tôt|en avance)\b`)
