package normalize

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// currency is a currency's spoken names.
type currency struct {
	singular, plural     string
	subSingular, subPlur string // cents, pence; "" when amounts are not read with them
}

var currencies = map[string]currency{
	"$":   {"dollar", "dollars", "cent", "cents"},
	"US$": {"US dollar", "US dollars", "cent", "cents"},
	"€":   {"euro", "euros", "cent", "cents"},
	"£":   {"pound", "pounds", "penny", "pence"},
	"¥":   {"yen", "yen", "", ""},
	"₹":   {"rupee", "rupees", "paisa", "paise"},
	"₩":   {"won", "won", "", ""},
	"₽":   {"ruble", "rubles", "kopek", "kopeks"},
	"₿":   {"bitcoin", "bitcoin", "", ""},
}

// scaleSuffixes are the short scales written after amounts: "$4.5M", "10k".
var scaleSuffixes = map[string]string{
	"k": "thousand", "K": "thousand", "m": "million", "M": "million", "mm": "million", "MM": "million",
	"mn": "million", "b": "billion", "B": "billion", "bn": "billion", "BN": "billion", "Bn": "billion",
	"t": "trillion", "T": "trillion", "tn": "trillion",
}

// splitCurrency splits "$4.5M" into amount "4.5M" and the dollar; the symbol may also
// follow the amount ("5€").
func splitCurrency(s string) (string, currency, bool) {
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		sign = "-"
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	}
	for sym, c := range currencies {
		if strings.HasPrefix(s, sym) && startsNumeric(s[len(sym):]) {
			return sign + s[len(sym):], c, true
		}
		if strings.HasSuffix(s, sym) && startsNumeric(s) && len(s) > len(sym) {
			return sign + s[:len(s)-len(sym)], c, true
		}
	}
	return "", currency{}, false
}

// amount reads a currency amount: "4.99" -> "four dollars and ninety-nine cents", "4.5M"
// -> "four point five million dollars".
func amount(a string, c currency) string {
	num, scale := splitScale(a)
	if scale != "" {
		s, ok := Number(num)
		if !ok {
			return ""
		}
		return s + " " + scale + " " + c.plural
	}
	intPart, frac, hasFrac := strings.Cut(num, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	digits, ok := groupedDigits(intPart)
	if intPart == "" && hasFrac {
		digits, ok = "0", true
	}
	if !ok {
		return ""
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || n > maxCardinal {
		return ""
	}
	out := ""
	if neg {
		out = "minus "
	}
	if hasFrac && len(frac) == 2 && allDigits(frac) && c.subSingular != "" {
		cents, _ := strconv.Atoi(frac)
		var parts []string
		if n > 0 || cents == 0 {
			parts = append(parts, Cardinal(n)+" "+pick(n == 1, c.singular, c.plural))
		}
		if cents > 0 {
			parts = append(parts, Cardinal(uint64(cents))+" "+pick(cents == 1, c.subSingular, c.subPlur))
		}
		return out + strings.Join(parts, " and ")
	}
	if hasFrac {
		s, ok := Number(num)
		if !ok {
			return ""
		}
		return s + " " + c.plural
	}
	return out + Cardinal(n) + " " + pick(n == 1, c.singular, c.plural)
}

// splitScale splits "4.5M" into "4.5" and "million".
func splitScale(a string) (string, string) {
	i := strings.LastIndexFunc(a, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 || i == len(a)-1 {
		return a, ""
	}
	if s, ok := scaleSuffixes[a[i+1:]]; ok {
		return a[:i+1], s
	}
	return a, ""
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

func integer(s string) (uint64, bool) {
	if !allDigits(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// isTime reports whether s is a clock time such as "3:30" or "3pm".
func isTime(s string) bool { return clock(s) != "" }

// clock reads a time: "3:30" -> "three thirty", "3:30pm" -> "three thirty p m", "10:05"
// -> "ten oh five", "15:00" -> "fifteen hundred", "3pm" -> "three p m", "12:00" ->
// "twelve o'clock".
func clock(s string) string {
	l := strings.ToLower(s)
	suffix := ""
	for _, m := range []string{"a.m.", "p.m.", "am", "pm"} {
		if strings.HasSuffix(l, m) && len(l) > len(m) {
			suffix = meridiem[m]
			l = l[:len(l)-len(m)]
			break
		}
	}
	hs, ms, hasColon := strings.Cut(l, ":")
	h, ok := integer(hs)
	if !ok || len(hs) > 2 || h > 23 {
		return ""
	}
	if !hasColon {
		if suffix == "" || h > 12 || h == 0 {
			return ""
		}
		return Cardinal(h) + " " + suffix
	}
	m, ok := integer(ms)
	if !ok || len(ms) != 2 || m > 59 || (suffix != "" && (h > 12 || h == 0)) {
		return ""
	}
	var out string
	switch {
	case m == 0 && suffix != "":
		out = Cardinal(h)
	case m == 0 && (h > 12 || h == 0 || len(hs) == 2 && hs[0] == '0'):
		out = pick(h == 0, "zero", Cardinal(h)) + " hundred"
	case m == 0:
		out = Cardinal(h) + " o'clock"
	case m < 10:
		out = pick(h == 0, "zero", Cardinal(h)) + " oh " + ones[m]
	default:
		out = pick(h == 0, "zero", Cardinal(h)) + " " + under100(m)
	}
	if suffix != "" {
		out += " " + suffix
	}
	return out
}

// date reads "2024-03-15" and "03/15/2024" (month first, or day first when the first
// number is above 12) as "March fifteenth, twenty twenty-four".
func date(s string) string {
	var y, m, d uint64
	var ok1, ok2, ok3 bool
	if p := strings.Split(s, "-"); len(p) == 3 && len(p[0]) == 4 {
		y, ok1 = integer(p[0])
		m, ok2 = integer(p[1])
		d, ok3 = integer(p[2])
	} else if p := strings.Split(s, "/"); len(p) == 3 && (len(p[2]) == 4 || len(p[2]) == 2) {
		m, ok1 = integer(p[0])
		d, ok2 = integer(p[1])
		y, ok3 = integer(p[2])
		if m > 12 && d <= 12 {
			m, d = d, m
		}
		if len(p[2]) == 2 {
			y += 2000
		}
	} else {
		return ""
	}
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	return monthNames[m] + " " + Ordinal(d) + ", " + Year(int(y))
}

// phone reads a phone number digit by digit in its groups: "555-123-4567" -> "five five
// five, one two three, four five six seven". It needs at least 7 digits and separators.
func phone(s string) string {
	s = strings.TrimPrefix(s, "+")
	var groups []string
	cur := ""
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur += string(r)
			digits++
		case r == '-' || r == '.' || r == '(' || r == ')' || r == ' ':
			if cur != "" {
				groups = append(groups, cur)
				cur = ""
			}
		default:
			return ""
		}
	}
	if cur != "" {
		groups = append(groups, cur)
	}
	if digits < 7 {
		return ""
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = Digits(g)
	}
	return strings.Join(parts, ", ")
}

// unit is a unit's spoken names.
type unit struct{ singular, plural string }

func (u unit) say(number string) string {
	if n := strings.TrimLeft(number, "+-$€£"); n == "1" {
		return u.singular
	}
	return u.plural
}

var units = map[string]unit{
	"km": {"kilometer", "kilometers"}, "m": {"meter", "meters"}, "cm": {"centimeter", "centimeters"},
	"mm": {"millimeter", "millimeters"}, "mi": {"mile", "miles"}, "ft": {"foot", "feet"},
	"yd": {"yard", "yards"}, "kg": {"kilogram", "kilograms"}, "g": {"gram", "grams"},
	"mg": {"milligram", "milligrams"}, "lb": {"pound", "pounds"}, "lbs": {"pounds", "pounds"},
	"oz": {"ounce", "ounces"}, "l": {"liter", "liters"}, "L": {"liter", "liters"},
	"ml": {"milliliter", "milliliters"}, "mL": {"milliliter", "milliliters"},
	"km/h": {"kilometer per hour", "kilometers per hour"}, "kph": {"kilometer per hour", "kilometers per hour"},
	"mph": {"mile per hour", "miles per hour"}, "m/s": {"meter per second", "meters per second"},
	"ms": {"millisecond", "milliseconds"}, "s": {"second", "seconds"}, "sec": {"second", "seconds"},
	"min": {"minute", "minutes"}, "mins": {"minutes", "minutes"}, "h": {"hour", "hours"},
	"hr": {"hour", "hours"}, "hrs": {"hours", "hours"},
	"kb": {"kilobyte", "kilobytes"}, "KB": {"kilobyte", "kilobytes"}, "MB": {"megabyte", "megabytes"},
	"GB": {"gigabyte", "gigabytes"}, "TB": {"terabyte", "terabytes"}, "PB": {"petabyte", "petabytes"},
	"Mbps": {"megabit per second", "megabits per second"}, "Gbps": {"gigabit per second", "gigabits per second"},
	"Hz": {"hertz", "hertz"}, "kHz": {"kilohertz", "kilohertz"}, "MHz": {"megahertz", "megahertz"},
	"GHz": {"gigahertz", "gigahertz"}, "W": {"watt", "watts"}, "kW": {"kilowatt", "kilowatts"},
	"kWh": {"kilowatt hour", "kilowatt hours"}, "MW": {"megawatt", "megawatts"}, "V": {"volt", "volts"},
	"°C": {"degree Celsius", "degrees Celsius"}, "°F": {"degree Fahrenheit", "degrees Fahrenheit"},
	"°": {"degree", "degrees"}, "fps": {"frame per second", "frames per second"},
	"px": {"pixel", "pixels"}, "x": {"times", "times"}, "×": {"times", "times"},
}

// unitFor finds a unit written as a token of its own. Single letters other than "x" only
// count when they cannot be words ("5 m" yes; "5 a" no).
func unitFor(s string) (unit, bool) {
	u, ok := units[s]
	if !ok {
		return unit{}, false
	}
	return u, true
}

// splitUnit splits "5km" into "5" and its unit.
func splitUnit(s string) (string, unit, bool) {
	i := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 || i == len(s)-1 {
		return "", unit{}, false
	}
	u, ok := units[s[i+1:]]
	if !ok {
		return "", unit{}, false
	}
	return s[:i+1], u, true
}

// numeric reads a token that holds digits, or returns "" to leave it to the engine.
func numeric(core, prev, next string, toks []token, i int) string {
	// Currency.
	if a, c, ok := splitCurrency(core); ok {
		if _, scaled := scaleWords[next]; scaled && i+1 < len(toks) && toks[i].trail == "" {
			if s, ok := Number(a); ok {
				return s // "$4.5 million": the scale word says "million dollars"
			}
		}
		return amount(a, c)
	}
	// Percentages.
	if p, ok := strings.CutSuffix(core, "%"); ok {
		if s, ok := Number(p); ok {
			return s + " percent"
		}
		if a, b, ok := rangeOf(p); ok {
			return a + " to " + b + " percent"
		}
		return ""
	}
	// Number sign: "#1".
	if n, ok := strings.CutPrefix(core, "#"); ok {
		if s, ok := Number(n); ok {
			return "number " + s
		}
		return ""
	}
	if n, ok := strings.CutPrefix(core, "~"); ok {
		if s, ok := Number(n); ok {
			return "about " + s
		}
	}
	// Ordinals.
	if len(core) > 2 {
		num, suf := core[:len(core)-2], strings.ToLower(core[len(core)-2:])
		if n, ok := integer(strings.ReplaceAll(num, ",", "")); ok && (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
			return Ordinal(n)
		}
	}
	if s := clock(core); s != "" {
		return s
	}
	if s := date(core); s != "" {
		return s
	}
	// Decades: "1990s", "'90s".
	if d, ok := strings.CutSuffix(core, "s"); ok {
		d = strings.TrimPrefix(strings.TrimPrefix(d, "'"), "’")
		if n, ok := integer(d); ok && n%10 == 0 {
			switch len(d) {
			case 4:
				return plural(Year(int(n)))
			case 2:
				return plural(Cardinal(n))
			}
		}
	}
	if core == "24/7" {
		return "twenty-four seven"
	}
	// Ranges: "10-20", "2020–2024".
	if a, b, ok := rangeOf(core); ok {
		return a + " to " + b
	}
	if s := phone(core); s != "" && strings.ContainsAny(core, "-.() ") {
		return s
	}
	// Fractions.
	if a, b, ok := strings.Cut(core, "/"); ok {
		n, ok1 := integer(a)
		d, ok2 := integer(b)
		if ok1 && ok2 && d > 1 && d <= 100 && n < 1000 {
			return Fraction(n, d)
		}
		return ""
	}
	// Attached scale or unit: "10k", "5km", "3x".
	if num, scale := splitScale(core); scale != "" {
		if s, ok := Number(num); ok {
			return s + " " + scale
		}
	}
	if num, u, ok := splitUnit(core); ok {
		if s, ok := Number(num); ok {
			return s + " " + u.say(num)
		}
	}
	// Plain numbers: years, days of the month, cardinals.
	if n, ok := integer(core); ok {
		if _, month := months[strings.TrimSuffix(prev, ".")]; month && n >= 1 && n <= 31 {
			return Ordinal(n)
		}
		if _, month := months[strings.TrimSuffix(next, ".")]; month && n >= 1 && n <= 31 && i+1 < len(toks) {
			if _, isUnit := units[toks[i+1].core]; !isUnit {
				return Ordinal(n)
			}
		}
		if len(core) == 4 && n >= 1100 && n <= 2099 && (yearContext[prev] || dayOfMonth(toks, i) || i == 0 && next == "") {
			return Year(int(n))
		}
	}
	if s, ok := Number(core); ok {
		return s
	}
	return ""
}

// dayOfMonth reports whether token i follows "March 15," (a month and a day).
func dayOfMonth(toks []token, i int) bool {
	if i < 2 {
		return false
	}
	_, month := months[strings.ToLower(strings.TrimSuffix(toks[i-2].core, "."))]
	_, day := integer(toks[i-1].core)
	if !month || !day {
		_, month = months[strings.ToLower(strings.TrimSuffix(toks[i-1].core, "."))]
		return month
	}
	return true
}

// rangeOf reads "10-20" or "2020–2024" as two numbers (years when both look like years).
func rangeOf(s string) (string, string, bool) {
	var a, b string
	var ok bool
	for _, sep := range []string{"–", "—", "-"} {
		if a, b, ok = strings.Cut(s, sep); ok && a != "" && b != "" {
			break
		}
	}
	if !ok || a == "" || b == "" {
		return "", "", false
	}
	na, ok1 := integer(a)
	nb, ok2 := integer(b)
	if ok1 && ok2 && len(a) == 4 && len(b) == 4 && na >= 1100 && na <= 2099 && nb >= na && nb <= 2099 {
		return Year(int(na)), Year(int(nb)), true
	}
	sa, ok1 := Number(a)
	sb, ok2 := Number(b)
	if !ok1 || !ok2 || strings.Contains(b, "-") {
		return "", "", false
	}
	return sa, sb, true
}

// tlds that are spelled letter by letter.
var spelledTLDs = map[string]bool{
	"io": true, "ai": true, "uk": true, "us": true, "de": true, "fr": true, "tv": true, "ly": true,
	"ca": true, "eu": true, "nl": true, "jp": true, "cn": true, "in": true, "es": true, "it": true,
	"ru": true, "br": true, "au": true, "gg": true, "fm": true, "sh": true, "xyz": true,
}

// knownTLDs mark a bare domain ("example.com") as a URL.
var knownTLDs = map[string]bool{
	"com": true, "org": true, "net": true, "edu": true, "gov": true, "dev": true, "app": true,
	"co": true, "info": true, "biz": true, "me": true, "tech": true, "cloud": true, "page": true,
}

// url reads a web address: "https://example.com/pricing" -> "example dot com slash
// pricing". The scheme, "www.", query and fragment are not read.
func url(s string) string {
	rest := s
	scheme := false
	for _, p := range []string{"https://", "http://", "HTTPS://", "HTTP://"} {
		if r, ok := strings.CutPrefix(rest, p); ok {
			rest, scheme = r, true
			break
		}
	}
	if r, ok := strings.CutPrefix(strings.ToLower(rest), "www."); ok {
		rest, scheme = rest[len(rest)-len(r):], true
	}
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSuffix(rest, "/")
	host, path, _ := strings.Cut(rest, "/")
	if strings.Contains(host, "@") {
		return ""
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return ""
	}
	for _, l := range labels {
		if l == "" || !isHostLabel(l) {
			return ""
		}
	}
	tld := strings.ToLower(labels[len(labels)-1])
	if !scheme && !knownTLDs[tld] && !spelledTLDs[tld] {
		return ""
	}
	if allDigits(tld) {
		return ""
	}
	host, port, _ := strings.Cut(host, ":")
	parts := []string{readHost(host)}
	if port != "" {
		parts = append(parts, "colon", readPiece(port))
	}
	if path != "" {
		for _, seg := range strings.Split(path, "/") {
			parts = append(parts, "slash")
			if seg != "" {
				parts = append(parts, readPiece(seg))
			}
		}
	}
	return strings.Join(parts, " ")
}

func isHostLabel(l string) bool {
	for _, r := range l {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == ':') {
			return false
		}
	}
	return true
}

func readHost(host string) string {
	labels := strings.Split(host, ".")
	out := make([]string, len(labels))
	for i, l := range labels {
		if i == len(labels)-1 && spelledTLDs[strings.ToLower(l)] {
			out[i] = spell(l)
			continue
		}
		out[i] = readPiece(l)
	}
	return strings.Join(out, " dot ")
}

// addressMarks are the marks readPiece reads by name.
var addressMarks = map[rune]string{'-': "dash", '_': "underscore", '.': "dot", '+': "plus"}

// readPiece reads a piece of an address: letters as a word, digits as a number, "-" as
// "dash", "_" as "underscore", "." as "dot", "+" as "plus".
func readPiece(s string) string {
	var parts []string
	cur := ""
	flush := func() {
		if cur == "" {
			return
		}
		if allDigits(cur) {
			if len(cur) <= 4 {
				n, _ := integer(cur)
				parts = append(parts, Cardinal(n))
			} else {
				parts = append(parts, Digits(cur))
			}
		} else {
			parts = append(parts, cur)
		}
		cur = ""
	}
	prevDigit := false
	for _, r := range s {
		isDigit := r >= '0' && r <= '9'
		name, isMark := addressMarks[r]
		switch {
		case isMark:
			flush()
			parts = append(parts, name)
		case unicode.IsLetter(r) || isDigit:
			if cur != "" && isDigit != prevDigit {
				flush()
			}
			cur += string(r)
			prevDigit = isDigit
		default:
			flush()
		}
	}
	flush()
	return strings.Join(parts, " ")
}

func spell(s string) string {
	var parts []string
	for _, r := range s {
		parts = append(parts, string(unicode.ToLower(r)))
	}
	return strings.Join(parts, " ")
}

// email reads an e-mail address: "jane.doe@example.com" -> "jane dot doe at example dot
// com".
func email(s string) string {
	s = strings.TrimPrefix(s, "mailto:")
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || !strings.Contains(domain, ".") {
		return ""
	}
	if utf8.RuneCountInString(local) > 64 {
		return ""
	}
	labels := strings.Split(domain, ".")
	for _, l := range labels {
		if l == "" || !isHostLabel(l) {
			return ""
		}
	}
	return readPiece(local) + " at " + readHost(domain)
}
