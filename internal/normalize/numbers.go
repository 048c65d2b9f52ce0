package normalize

import (
	"strconv"
	"strings"
)

var (
	ones = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens   = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	scales = []struct {
		value uint64
		name  string
	}{
		{1_000_000_000_000, "trillion"},
		{1_000_000_000, "billion"},
		{1_000_000, "million"},
		{1_000, "thousand"},
	}
)

// maxCardinal is the largest integer read as a number; longer digit strings are read digit
// by digit.
const maxCardinal = 999_999_999_999_999

// Cardinal spells a non-negative integer in English: 1234 -> "one thousand two hundred
// thirty-four".
func Cardinal(n uint64) string {
	if n > maxCardinal {
		return Digits(strconv.FormatUint(n, 10))
	}
	if n < 20 {
		return ones[n]
	}
	var parts []string
	for _, s := range scales {
		if n >= s.value {
			parts = append(parts, under1000(n/s.value)+" "+s.name)
			n %= s.value
		}
	}
	if n > 0 {
		parts = append(parts, under1000(n))
	}
	return strings.Join(parts, " ")
}

func under1000(n uint64) string {
	var parts []string
	if n >= 100 {
		parts = append(parts, ones[n/100]+" hundred")
		n %= 100
	}
	if n > 0 {
		parts = append(parts, under100(n))
	}
	return strings.Join(parts, " ")
}

func under100(n uint64) string {
	if n < 20 {
		return ones[n]
	}
	if n%10 == 0 {
		return tens[n/10]
	}
	return tens[n/10] + "-" + ones[n%10]
}

// ordinalWords maps the last word of a cardinal to its ordinal.
var ordinalWords = map[string]string{
	"zero": "zeroth", "one": "first", "two": "second", "three": "third", "five": "fifth",
	"eight": "eighth", "nine": "ninth", "twelve": "twelfth",
}

// Ordinal spells an ordinal in English: 2 -> "second", 21 -> "twenty-first".
func Ordinal(n uint64) string {
	return ordinalOf(Cardinal(n))
}

// ordinalOf turns a spelled cardinal into its ordinal by changing its last word.
func ordinalOf(c string) string {
	cut := max(strings.LastIndexAny(c, " -"), -1)
	head, last := c[:cut+1], c[cut+1:]
	if o, ok := ordinalWords[last]; ok {
		return head + o
	}
	if strings.HasSuffix(last, "y") {
		return head + strings.TrimSuffix(last, "y") + "ieth"
	}
	return head + last + "th"
}

// Digits reads a string of digits one by one: "007" -> "zero zero seven".
func Digits(s string) string {
	var parts []string
	for _, r := range s {
		if r >= '0' && r <= '9' {
			parts = append(parts, ones[r-'0'])
		}
	}
	return strings.Join(parts, " ")
}

// Year reads a year the way it is said: 1984 -> "nineteen eighty-four", 2005 -> "two
// thousand five", 2024 -> "twenty twenty-four", 1900 -> "nineteen hundred".
func Year(n int) string {
	switch {
	case n < 1000 || n > 9999:
		return Cardinal(uint64(max(n, 0)))
	case n >= 2000 && n < 2010:
		return Cardinal(uint64(n))
	case n%100 == 0:
		return under100(uint64(n/100)) + " hundred"
	case n%100 < 10:
		return under100(uint64(n/100)) + " oh " + ones[n%100]
	}
	return under100(uint64(n/100)) + " " + under100(uint64(n%100))
}

// plural makes the plural of a spelled number, for decades: "nineteen ninety" ->
// "nineteen nineties", "two thousand" -> "two thousands".
func plural(s string) string {
	if strings.HasSuffix(s, "y") {
		return strings.TrimSuffix(s, "y") + "ies"
	}
	return s + "s"
}

// Number reads a decimal number written with optional thousands separators, sign and
// fraction: "1,200" -> "one thousand two hundred", "-3.25" -> "minus three point two five".
// ok is false when s is not such a number.
func Number(s string) (string, bool) {
	sign := ""
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		sign = "minus "
		s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	case strings.HasPrefix(s, "+"):
		sign = "plus "
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if intPart == "" && hasFrac {
		intPart = "0"
	}
	digits, ok := groupedDigits(intPart)
	if !ok || (hasFrac && (frac == "" || !allDigits(frac))) {
		return "", false
	}
	var out string
	if len(digits) > 1 && digits[0] == '0' && !hasFrac {
		out = Digits(digits)
	} else {
		n, err := strconv.ParseUint(digits, 10, 64)
		if err != nil {
			out = Digits(digits)
		} else {
			out = Cardinal(n)
		}
	}
	if hasFrac {
		out += " point " + Digits(frac)
	}
	return sign + out, true
}

// groupedDigits accepts "1234" or "1,234,567" (commas every three digits) and returns the
// digits.
func groupedDigits(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if !strings.Contains(s, ",") {
		return s, allDigits(s)
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Fraction reads n/d: "1/2" -> "one half", "3/4" -> "three quarters", "2/3" -> "two
// thirds".
func Fraction(n, d uint64) string {
	num := Cardinal(n)
	var den string
	switch d {
	case 2:
		den = "half"
		if n != 1 {
			den = "halves"
		}
		return num + " " + den
	case 4:
		den = "quarter"
	default:
		den = Ordinal(d)
	}
	if n != 1 {
		den += "s"
	}
	return num + " " + den
}
