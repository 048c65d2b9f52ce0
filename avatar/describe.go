package avatar

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Reading is what the offline parser made of a description: the look's parameters, the
// words that set each one, and the words it could not place.
type Reading struct {
	Params LookParams
	// Placed maps a parameter name to the words of the description that set it.
	Placed map[string]string
	// Tags are manner words (friendly, formal...) kept as the look's tags.
	Tags []string
	// Unplaced are the description's content words that set nothing.
	Unplaced []string
}

// Colour names the parser knows, with the colour they draw.
var colourNames = map[string]string{
	"black": "#1F1B1A", "white": "#F4F4F2", "grey": "#8E9196", "gray": "#8E9196", "silver": "#C4C6C9",
	"red": "#C0392B", "burgundy": "#7A2E3B", "maroon": "#6D2233", "pink": "#E58FB1", "orange": "#E8833A",
	"yellow": "#F2C230", "mustard": "#D4A537", "gold": "#D4A537", "green": "#2E7D4F", "olive": "#6B7A3A",
	"teal": "#2A8C8C", "turquoise": "#3CB8B0", "blue": "#2F6DB5", "navy": "#1F2C4D", "purple": "#6A4C93",
	"violet": "#7B4FD0", "lilac": "#B49BD6", "brown": "#6B4A32", "beige": "#D9C7A7", "cream": "#F3EBDD",
	"tan": "#B58B5C", "khaki": "#A89C6B", "charcoal": "#3A3D42", "coral": "#EF7A5F", "mint": "#9ED9BF",
}

// Hair colours, which differ from cloth colours of the same name.
var hairColours = map[string]string{
	"black": "#1B1715", "dark": "#2A1F1A", "brown": "#5A3A28", "brunette": "#4A2E20", "chestnut": "#6B4030",
	"blonde": "#D9B56A", "blond": "#D9B56A", "fair": "#D9B56A", "golden": "#D0A650", "red": "#A0442A", "ginger": "#B5562E",
	"auburn": "#7E3B26", "grey": "#A9A9A6", "gray": "#A9A9A6", "silver": "#C9CACC", "white": "#E6E4DF",
	"salt-and-pepper": "#8A8885",
}

var skinWords = map[string]string{
	"porcelain": "porcelain", "pale": "porcelain", "fair": "light", "light": "light", "olive": "light-medium",
	"medium": "medium", "tan": "tan", "tanned": "tan", "brown": "tan", "dark": "dark", "deep": "deep", "black": "deep",
}

var hairStyleWords = map[string]string{
	"bob": "bob", "long": "long", "short": "short", "cropped": "short", "quiff": "quiff", "curly": "curly", "afro": "curly",
	"receding": "receding", "bald": "receding", "balding": "receding", "bun": "bun", "fade": "fade", "buzz": "fade", "buzzed": "fade",
}

var clothingWords = map[string]string{
	"blazer": "blazer_top", "jacket": "blazer_top", "suit": "blazer_tie", "sweater": "crew", "jumper": "crew", "tee": "crew",
	"t-shirt": "crew", "tshirt": "crew", "hoodie": "hoodie", "shirt": "shirt", "turtleneck": "turtleneck", "polo": "shirt",
	"cardigan": "cardigan",
}

var femaleWords = map[string]bool{"woman": true, "female": true, "lady": true, "girl": true, "she": true, "her": true, "businesswoman": true}
var maleWords = map[string]bool{"man": true, "male": true, "guy": true, "gentleman": true, "he": true, "his": true, "him": true, "boy": true, "businessman": true}
var olderWords = map[string]bool{"older": true, "elderly": true, "senior": true, "old": true, "aged": true, "grandmother": true, "grandfather": true, "retired": true}
var mannerWords = map[string]bool{"friendly": true, "warm": true, "professional": true, "formal": true, "casual": true, "creative": true,
	"confident": true, "calm": true, "energetic": true, "serious": true, "cheerful": true, "approachable": true, "relaxed": true, "smart": true}

// Words with no look of their own: they join the others.
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "in": true, "with": true, "and": true, "wearing": true, "wears": true,
	"of": true, "her": true, "his": true, "their": true, "has": true, "who": true, "is": true, "very": true, "some": true, "on": true,
	"person": true, "presenter": true, "avatar": true, "looking": true, "look": true, "hair": true, "skin": true, "eyes": true,
	"skinned": true, "haired": true, "eyed": true, "to": true, "for": true, "at": true, "s": true, "years": true, "year": true, "aged": true,
	"late": true, "early": true, "mid": true, "pair": true, "dressed": true, "colored": true, "coloured": true, "tone": true,
	"light": false}

var (
	reWord   = regexp.MustCompile(`[a-z]+(?:-[a-z]+)*|\d+`)
	reDecade = regexp.MustCompile(`^(twenties|thirties|forties|fifties|sixties|seventies|eighties)$`)
)

var decades = map[string]int{"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80}

// Describe reads a description of a presenter ("a woman in her fifties with short grey
// hair, glasses and a green blazer, friendly") into every parameter of a look. What the
// description does not say keeps a sensible default; words it could not place are listed.
func Describe(text string) Reading {
	words := reWord.FindAllString(strings.ToLower(text), -1)
	used := make([]bool, len(words))
	rd := Reading{Placed: map[string]string{}}
	p := LookParams{Gender: "female", SkinTone: "light-medium", HairStyle: "", HairColor: "#4A2E20", EyeColor: "#4A3020",
		Clothing: "", MainColor: "#23355C", InnerColor: "#F4F1EA", AccentColor: "#2BB3A3"}
	place := func(param string, idx ...int) {
		var ws []string
		for _, i := range idx {
			used[i] = true
			ws = append(ws, words[i])
		}
		if prev := rd.Placed[param]; prev != "" {
			rd.Placed[param] = prev + " " + strings.Join(ws, " ")
		} else {
			rd.Placed[param] = strings.Join(ws, " ")
		}
	}
	next := func(i int, set map[string]bool) int { // the index of the next word in set within 3, or -1
		for j := i + 1; j < len(words) && j <= i+3; j++ {
			if set[words[j]] {
				return j
			}
		}
		return -1
	}
	nouns := func(ns ...string) map[string]bool {
		m := map[string]bool{}
		for _, n := range ns {
			m[n] = true
		}
		return m
	}
	hairNoun, skinNoun := nouns("hair", "haired", "afro", "bob", "bun", "curls", "quiff"), nouns("skin", "skinned", "complexion")
	tieNoun := nouns("tie", "scarf", "trim")
	clothNouns := map[string]bool{}
	for w := range clothingWords {
		clothNouns[w] = true
	}
	genderSet := false
	for i, w := range words {
		switch {
		case femaleWords[w] && !genderSet:
			p.Gender, genderSet = "female", true
			place("gender", i)
		case maleWords[w] && !genderSet:
			p.Gender, genderSet = "male", true
			place("gender", i)
		case femaleWords[w] || maleWords[w]:
			used[i] = true
		case olderWords[w]:
			p.Older = true
			place("older", i)
		case reDecade.MatchString(w):
			if decades[w] >= 50 {
				p.Older = true
			}
			place("older", i)
		case w == "glasses" || w == "spectacles" || w == "bespectacled":
			p.Glasses = true
			place("glasses", i)
		case w == "beard" || w == "bearded" || w == "stubble":
			p.Beard = true
			place("beard", i)
		case w == "earrings" || w == "earring":
			p.Earrings = "#E3B341"
			place("earrings", i)
		case w == "tie":
			p.Clothing = "blazer_tie"
			place("clothing", i)
		case mannerWords[w]:
			rd.Tags = append(rd.Tags, w)
			used[i] = true
		}
		if n, err := strconv.Atoi(w); err == nil && n >= 18 && n <= 100 {
			if n >= 50 {
				p.Older = true
			}
			place("older", i)
		}
	}
	for i, w := range words {
		if used[i] && !(hairStyleWords[w] != "" || hairColours[w] != "" || skinWords[w] != "" || colourNames[w] != "") {
			continue
		}
		// A colour or style word belongs to the noun that follows it.
		if j := next(i, hairNoun); j >= 0 && (hairColours[w] != "" || hairStyleWords[w] != "") && !(j == i+1 && hairStyleWords[words[j]] != "" && hairStyleWords[w] != "") {
			if c := hairColours[w]; c != "" {
				p.HairColor = c
				place("hair_color", i)
				if w == "grey" || w == "gray" || w == "silver" || w == "white" {
					p.Older = true
				}
			} else {
				p.HairStyle = hairStyleWords[w]
				place("hair_style", i)
			}
			used[j] = true
			continue
		}
		if j := next(i, tieNoun); j == i+1 && colourNames[w] != "" {
			p.AccentColor = colourNames[w]
			place("accent_color", i)
			continue
		}
		if j := next(i, skinNoun); j >= 0 && skinWords[w] != "" {
			p.SkinTone = skinWords[w]
			place("skin_tone", i)
			used[j] = true
			continue
		}
		if j := next(i, clothNouns); j >= 0 && colourNames[w] != "" {
			p.MainColor = colourNames[w]
			place("main_color", i)
			continue
		}
		if c := clothingWords[w]; c != "" {
			if !(p.Clothing == "blazer_tie" && c == "blazer_top") && !(strings.HasPrefix(p.Clothing, "blazer") && c == "shirt") {
				p.Clothing = c
			} else if c == "shirt" {
				p.Clothing = "blazer_shirt"
			}
			place("clothing", i)
			continue
		}
		if s := hairStyleWords[w]; s != "" && !used[i] {
			p.HairStyle = s
			place("hair_style", i)
		}
	}
	if p.HairStyle == "" {
		p.HairStyle = "long"
		if p.Gender == "male" {
			p.HairStyle = "short"
		}
	}
	if p.Clothing == "" {
		p.Clothing = "blazer_top"
		if p.Gender == "male" {
			p.Clothing = "blazer_shirt"
		}
	}
	if strings.HasPrefix(p.Clothing, "blazer") && p.InnerColor == p.MainColor {
		p.InnerColor = "#F4F1EA"
	}
	if p.Clothing == "turtleneck" || p.Clothing == "crew" || p.Clothing == "hoodie" || p.Clothing == "shirt" {
		p.InnerColor = p.MainColor
	}
	for i, w := range words {
		if !used[i] && !stopWords[w] {
			if _, err := strconv.Atoi(w); err == nil {
				continue
			}
			rd.Unplaced = append(rd.Unplaced, w)
		}
	}
	sort.Strings(rd.Tags)
	rd.Params = p
	return rd
}
