package agent

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/openvideoagent/videoagent"
)

// Scene lengths the planner aims for: about 10 seconds a scene, never more than 18.
const (
	secondsPerScene    = 10.0
	maxSecondsPerScene = 18.0
	lengthTolerance    = 0.05 // the planner aims within 5%; tests accept 10%
)

// EstimateDuration estimates how long a storyboard will run when read at wpm(language)
// words a minute (nil means DefaultWordsPerMinute), with DefaultScenePause per scene.
// Words are counted as a speech engine says them (see SpokenWords).
func EstimateDuration(sb *videoagent.Storyboard, wpm func(lang string) float64) time.Duration {
	if sb == nil {
		return 0
	}
	rate := wpmFunc(wpm)(sb.Language)
	words := 0
	for _, sc := range sb.Scenes {
		words += SpokenWords(sc.Narration)
	}
	secs := float64(words)/rate*60 + float64(len(sb.Scenes))*DefaultScenePause.Seconds()
	return time.Duration(secs * float64(time.Second))
}

// compose writes the scenes: it chooses a scene count from the target length, picks that
// many beats of the arc, and fits the sentences to the word budget. Padding adds
// elaborations and then more beats (more features, an example, the numbers); trimming
// drops elaborations, then beats, then uses the shortest phrasings. No sentence is ever
// repeated.
func (c *composer) compose(title string) []videoagent.Scene {
	if c.doc != nil {
		return c.composeDoc(title)
	}
	target := float64(c.a.LengthSec)
	c.addFallbackItems()

	pause := c.pause.Seconds()
	budget := func(n int) float64 {
		w := (target - pause*float64(n)) * c.wpm / 60
		if w < 6 {
			w = 6
		}
		return w
	}

	n := int(math.Round(target / secondsPerScene))
	if n < 3 {
		n = 3
	}
	type result struct {
		drafts []*draft
		err    float64
	}
	var best *result
	tried := map[int]bool{}
	shortest := false
	for iter := 0; iter < 40; iter++ {
		slots := n - 2
		beats := c.cover(choose(c.arc(slots), slots))
		if len(beats) < slots {
			n = len(beats) + 2
		}
		ds := c.realizeAll(beats, title, shortest)
		n = len(ds)
		words := budget(n)
		total := fit(ds, words, c.wpm)
		err := (float64(total) - words) / words
		if best == nil || math.Abs(err) < math.Abs(best.err) {
			best = &result{ds, err}
		}
		tried[n] = true
		if math.Abs(err) <= lengthTolerance {
			break
		}
		if err < 0 {
			// Too short: one more beat, if the arc has one and the scenes are full.
			if len(c.arc(n-1)) > n-2 && !tried[n+1] {
				n++
				continue
			}
			break
		}
		// Too long even with the core sentences only.
		if n > 3 && !tried[n-1] {
			n--
			continue
		}
		if !shortest {
			shortest = true
			tried = map[int]bool{}
			continue
		}
		break
	}
	return c.scenes(best.drafts)
}

// addFallbackItems completes the prompt's items with the domain's or the kind's, so that
// longer videos have more to talk about. A tutorial's steps are never invented when the
// prompt gives some.
func (c *composer) addFallbackItems() {
	if c.a.Kind == KindTutorial && c.nItems > 0 {
		return
	}
	w := c.newWriter(false)
	for _, it := range c.fallbackItems(w) {
		if len(c.items) >= 8 {
			break
		}
		dup := false
		for _, o := range c.items {
			if similarItems(o, it) {
				dup = true
			}
		}
		if !dup {
			c.items = append(c.items, it)
		}
	}
}

// realizeAll writes the title, the chosen beats and the call to action with a fresh
// writer, so that sentences are unique across the storyboard.
func (c *composer) realizeAll(beats []beat, title string, shortest bool) []*draft {
	w := c.newWriter(shortest)
	var ds []*draft
	if d := c.realize(w, beat{key: "open"}, 0, 1, title); d != nil {
		ds = append(ds, d)
	}
	// Positions of item and step beats among those chosen.
	count := map[string]int{}
	for _, b := range beats {
		if b.key == "item" || b.key == "step" {
			count[b.key] += len(b.items)
		}
	}
	pos := map[string]int{}
	c.prevKey = ""
	for _, b := range beats {
		p := pos[b.key]
		if d := c.realize(w, b, p, count[b.key], title); d != nil {
			ds = append(ds, d)
			c.prevKey = b.key
		}
		pos[b.key] += max(1, len(b.items))
	}
	if d := c.realize(w, beat{key: "cta"}, 0, 1, title); d != nil {
		ds = append(ds, d)
	}
	return ds
}

// fit chooses how many sentences of each draft to say so that the total is close to
// words, keeping scenes balanced and under maxSecondsPerScene. It returns the total.
func fit(ds []*draft, words, wpm float64) int {
	maxWords := int(maxSecondsPerScene * wpm / 60)
	total := 0
	for _, d := range ds {
		d.take = d.core
		total += d.words()
	}
	// Pad: add the next sentence to the lightest scene that has one, while it helps.
	for {
		var pick *draft
		pickLoad := math.MaxFloat64
		for _, d := range ds {
			if d.take >= len(d.lines) {
				continue
			}
			next := d.lines[d.take].words
			if d.words()+next > maxWords {
				continue
			}
			if math.Abs(float64(total+next)-words) >= math.Abs(float64(total)-words) {
				continue
			}
			load := float64(d.words())
			if d.prefer == "title" || d.prefer == "cta" {
				load *= 1.5 // the opening and closing stay short
			}
			if load < pickLoad {
				pick, pickLoad = d, load
			}
		}
		if pick == nil {
			break
		}
		total += pick.lines[pick.take].words
		pick.take++
	}
	return total
}

// similarItems reports whether two items say the same thing: one contains the other, or
// they end in the same noun ("task boards", "shared task boards").
func similarItems(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if strings.Contains(la, lb) || strings.Contains(lb, la) {
		return true
	}
	wa, wb := words(la), words(lb)
	return len(wa) > 0 && len(wb) > 0 && len(wa[len(wa)-1]) > 3 && wa[len(wa)-1] == wb[len(wb)-1]
}

// cover makes sure every item the prompt listed is said: items whose beats did not make
// the cut join the last chosen item beat ("Next, antigens. And finally, memory cells.").
func (c *composer) cover(beats []beat) []beat {
	said := map[int]bool{}
	last := -1
	for i, b := range beats {
		if b.key == "item" || b.key == "step" {
			last = i
			for _, it := range b.items {
				said[it] = true
			}
		}
	}
	if last < 0 {
		return beats
	}
	var missing []int
	for i := 0; i < c.nItems; i++ {
		if !said[i] {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return beats
	}
	out := append([]beat(nil), beats...)
	b := out[last]
	b.items = append(append([]int(nil), b.items...), missing...)
	sort.Ints(b.items)
	out[last] = b
	return out
}
