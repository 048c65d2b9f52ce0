package agent

// Proper names in a prompt.

import (
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// notNames are capitalised words that are not names: platforms, months, days, verbs of
// asking, the words of a request and the names of languages.
var notNames = func() map[string]bool {
	m := wordSet(`tiktok youtube instagram reels reel shorts stories facebook linkedin snapchat twitter
		pinterest vimeo whatsapp i i'm ok cta url faq hr ai ui ux api crm erp b2b b2c saas seo diy
		january february march april may june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday today tomorrow
		mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekdays
		create make produce generate build write explain introduce announce invite welcome meet
		show present pitch promote teach tell help let join start please hey hi hello need want
		keep include mention highlight end finish use add focus cover describe walk give ask
		new video our we my your their this that these the a an it its in on for with and
		step steps first next then finally also title subtitle quote stat note tip tips
		friendly professional energetic upbeat calm playful inspiring casual formal
		record film shoot prepare draft produce sales marketing step-by-step quick short brief
		erstelle erstellen crea haz créez crée`)
	for _, w := range videoagent.LanguageNames() {
		m[w] = true
	}
	return m
}()

func isCapWord(w string) bool {
	rs := []rune(w)
	if len(rs) == 0 {
		return false
	}
	if unicode.IsUpper(rs[0]) {
		return true
	}
	// "iPhone", "eBay", "X200"
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func isInnerCap(w string) bool {
	rs := []rune(w)
	letters, digits := false, false
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			return true
		}
		letters = letters || unicode.IsLetter(r)
		digits = digits || unicode.IsDigit(r)
	}
	return letters && digits && unicode.IsUpper(rs[0])
}

// names finds proper names: runs of capitalised words ("Acme Pay", "TaskFlow"). In German,
// where every noun is capitalised, only mixed-case words count.
func (x *extractor) names(promptLang string) []string {
	var out []string
	seen := map[string]bool{}
	for _, sent := range x.sentences() {
		toks := strings.Fields(sent)
		var run []string
		flush := func() {
			for len(run) > 0 && (notNames[strings.ToLower(run[0])] || isConnector(run[0])) {
				run = run[1:]
			}
			for len(run) > 0 && (notNames[strings.ToLower(run[len(run)-1])] || isConnector(run[len(run)-1])) {
				run = run[:len(run)-1]
			}
			if len(run) > 0 && len(run) <= 5 {
				n := strings.Join(run, " ")
				allShortCaps := len(run) == 1 && len([]rune(n)) <= 4 && strings.ToUpper(n) == n
				if !seen[strings.ToLower(n)] && !allShortCaps && !hasHolder(n) {
					seen[strings.ToLower(n)] = true
					out = append(out, n)
				}
			}
			run = nil
		}
		for i, t := range toks {
			end := strings.ContainsAny(t[len(t)-1:], ",;:)")
			w := strings.Trim(t, `,;:()"'“”„«»!?`)
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			ok := isCapWord(w)
			if promptLang == "de" {
				ok = isInnerCap(w)
			}
			if ok && i == 0 && !isInnerCap(w) {
				lw := strings.ToLower(w)
				if notNames[lw] || isFunctionWord(lw) || instructionWords[lw] {
					ok = false
				}
			}
			if ok {
				run = append(run, w)
			} else if len(run) > 0 && isConnector(w) && i+1 < len(toks) && isCapWord(toks[i+1]) {
				run = append(run, w)
			} else {
				flush()
			}
			if i == 0 && len(run) == 1 && !isInnerCap(w) && (strings.HasSuffix(t, ":") || !isCapWord(nextTok(toks, i)) && strings.Count(x.plain, w) == 1) {
				// A capitalised first word is a name only if a capitalised word follows it
				// or it is capitalised elsewhere too ("Highlights: ...", "Sales video ...").
				run = nil
			}
			if end || w != strings.Trim(t, `,;:()"'“”„«»!?`) {
				flush()
			}
		}
		flush()
	}
	return out
}

func isConnector(w string) bool { return w == "&" || w == "of" || w == "de" || w == "and" }
