package agent

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// Fitting: the scenes are cut or held until the script runs the asked length. Cutting
// drops what matters least first (the sign-off, restatements, a file's weaker sentences,
// then facts from the end); it never drops the lead or the call to action. Holding lets
// cards stay on screen a little after their speech; it never adds words.
const (
	maxHoldPerScene = 5.0  // seconds a card may stay after its speech
	maxHoldLast     = 6.5  // the last card, an end card, may stay a little longer
	maxHoldGreeting = 1.5  // an opening that only greets ("Hello from X!") has nothing to read
	maxHoldShare    = 0.45 // at most this share of the video is held cards
)

// speechSeconds is how long a scene's lines take at the scripter's rate, with its pause.
func (s *scripter) speechSeconds(p *scenePlan) float64 {
	return float64(spokenWords(p))/s.wpm*60 + s.pause
}

// length estimates the script's length in seconds.
func (s *scripter) length(ps []*scenePlan) float64 {
	t := 0.0
	for _, p := range ps {
		t += s.speechSeconds(p) + p.hold
	}
	return t
}

// fit cuts and holds the scenes to the target; short reports that the facts could not
// fill it (the video is then shorter than asked, and the session says why).
//
// Without an asked length (asked false), target is only a ceiling: a script with little
// to say stays short, with its cards held a moment for pacing.
func (s *scripter) fit(ps []*scenePlan, target float64, asked bool) (out []*scenePlan, short bool) {
	s.asked = asked
	hi := target * (1 + lengthTolerance)
	for s.length(ps) > hi {
		if !s.cutOne(&ps) {
			break
		}
	}
	if !asked {
		s.hold(ps, 1.2*float64(len(ps)), target)
		return ps, false
	}
	lo := target * (1 - lengthTolerance)
	if need := target - s.length(ps); s.length(ps) < lo {
		s.hold(ps, need, target)
	}
	return ps, s.length(ps) < target*(1-0.10)
}

// thin reports whether the prompt gave at most one fact besides its lead.
func thin(ps []*scenePlan) bool {
	facts := 0
	for _, p := range ps {
		for _, l := range p.lines {
			if l.src != videoagent.SourceStructure && l.prio <= prioDoc {
				facts++
			}
		}
	}
	return facts <= 2
}

// cutOne removes the least important line (or scene) it can; false when nothing is left
// to cut.
func (s *scripter) cutOne(ps *[]*scenePlan) bool {
	// A whole optional scene whose lines are all of one low priority goes at once.
	for _, prio := range []int{prioSignoff, prioExtra} {
		for i := len(*ps) - 1; i >= 0; i-- {
			p := (*ps)[i]
			for j := len(p.lines) - 1; j >= 0; j-- {
				if p.lines[j].prio == prio && len(p.lines) > 1 {
					p.lines = append(p.lines[:j], p.lines[j+1:]...)
					return true
				}
			}
			if p.role != roleOpen && p.role != roleCTA && allPrio(p, prio) {
				*ps = append((*ps)[:i], (*ps)[i+1:]...)
				return true
			}
		}
	}
	// A file's weakest sentence.
	if idx := rankedDocPieces(*ps); len(idx) > 0 {
		i, j := idx[0][0], idx[0][1]
		p := (*ps)[i]
		p.lines = append(p.lines[:j], p.lines[j+1:]...)
		if len(p.lines) == 0 {
			*ps = append((*ps)[:i], (*ps)[i+1:]...)
		}
		return true
	}
	// A fact of the prompt, from the end: the user listed what matters most first.
	for i := len(*ps) - 1; i >= 0; i-- {
		p := (*ps)[i]
		if p.role == roleOpen || p.role == roleCTA {
			continue
		}
		for j := len(p.lines) - 1; j >= 0; j-- {
			if p.lines[j].prio >= prioFact {
				p.lines = append(p.lines[:j], p.lines[j+1:]...)
				if len(p.lines) == 0 {
					*ps = append((*ps)[:i], (*ps)[i+1:]...)
				}
				return true
			}
		}
	}
	// Last, the lead's own extra lines and the call to action's sign-off.
	for _, p := range *ps {
		for j := len(p.lines) - 1; j >= 1; j-- {
			if p.lines[j].prio > prioMust {
				p.lines = append(p.lines[:j], p.lines[j+1:]...)
				return true
			}
		}
	}
	return false
}

func allPrio(p *scenePlan, prio int) bool {
	if len(p.lines) == 0 {
		return true
	}
	for _, l := range p.lines {
		if l.prio != prio {
			return false
		}
	}
	return true
}

// hold lets cards stay on screen after their speech, spread evenly, to make up need
// seconds within the limits.
func (s *scripter) hold(ps []*scenePlan, need, target float64) {
	budget := math.Min(need, target*maxHoldShare)
	var cards []*scenePlan
	for _, p := range ps {
		if p.layout == videoagent.LayoutPresenter || p.visual.Kind == videoagent.VisualNone || p.visual.Kind == "" {
			continue
		}
		cards = append(cards, p)
	}
	limit := func(p *scenePlan) float64 {
		switch {
		case len(ps) > 0 && p == ps[len(ps)-1]:
			return maxHoldLast
		case p.role == roleOpen && len(ps) > 1 && (p.greets || spokenWords(p) <= 6):
			return maxHoldGreeting
		}
		return maxHoldPerScene
	}
	for budget > 0.05 && len(cards) > 0 {
		share := budget / float64(len(cards))
		var open []*scenePlan
		for _, p := range cards {
			add := math.Min(share, limit(p)-p.hold)
			p.hold += add
			budget -= add
			if p.hold < limit(p)-0.01 {
				open = append(open, p)
			}
		}
		cards = open
	}
}

// scenes lays the fitted plans out as storyboard scenes, with provenance.
func (s *scripter) scenes(ps []*scenePlan) []videoagent.Scene {
	out := make([]videoagent.Scene, 0, len(ps))
	left := true
	for i, p := range ps {
		v := p.visual
		layout := p.layout
		switch {
		case i == 0:
			layout = videoagent.LayoutTitle
		case layout != "":
		case v.Kind == videoagent.VisualNone || v.Kind == "":
			layout = videoagent.LayoutPresenter
		default:
			if left {
				layout = videoagent.LayoutPresenterLeft
			} else {
				layout = videoagent.LayoutPresenterRight
			}
			left = !left
		}
		if layout == videoagent.LayoutPresenter {
			v = videoagent.Visual{Kind: videoagent.VisualNone}
		}
		tr := videoagent.TransitionCut
		if i == 1 || (i == len(ps)-1 && i > 1) || v.Kind == videoagent.VisualQuote {
			tr = videoagent.TransitionCrossfade
		}
		var texts []string
		var prov []videoagent.Provenance
		for _, l := range p.lines {
			texts = append(texts, l.text)
			prov = append(prov, videoagent.Provenance{Field: "narration", Text: l.text, Source: l.src, File: l.file, Page: l.page})
		}
		if layout != videoagent.LayoutPresenter {
			for _, sh := range p.shows {
				prov = append(prov, videoagent.Provenance{Field: sh.field, Text: sh.text, Source: sh.src, File: sh.file, Page: sh.page})
			}
		}
		sc := videoagent.Scene{
			ID:         "s" + strconv.Itoa(i+1),
			Layout:     layout,
			Narration:  strings.Join(texts, " "),
			Visual:     v,
			Transition: tr,
			Provenance: prov,
		}
		// With a length asked, every scene lasts at least its planned length: a voice that
		// speaks faster than its measured rate holds the card instead of shortening the
		// video (one that speaks slower still runs longer, never cut).
		if p.hold > 0.05 || s.asked {
			sc.Duration = math.Round((s.speechSeconds(p)+p.hold)*10) / 10
		}
		out = append(out, sc)
	}
	return out
}

type fallbackKey struct{}

// asFallback marks a context in which the offline planner stands in for a language
// model that failed: its notes then do not suggest configuring one.
func asFallback(ctx context.Context) context.Context {
	return context.WithValue(ctx, fallbackKey{}, true)
}

// noteShort tells the session that the prompt held too little for the length asked, what
// the script is based on, and how to get more.
func (s *scripter) noteShort(ctx context.Context, sb *videoagent.Storyboard, wpm float64) {
	got := EstimateDuration(sb, func(string) float64 { return wpm }).Seconds()
	msg := fmt.Sprintf("Your prompt gives enough to say for about %.0f seconds, not the %d asked for. "+
		"The built-in planner only says what you wrote (it does not invent features, steps or numbers), so the video is shorter. "+
		"Add the details you want said (or attach a document)", got, s.a.LengthSec)
	if v, _ := ctx.Value(fallbackKey{}).(bool); v {
		msg += "."
	} else {
		msg += ", or configure a language model (VIDEOAGENT_LLM_BASE_URL and VIDEOAGENT_LLM_MODEL) to write a longer script."
	}
	Note(ctx, msg)
}

// noteThin tells the session, when no language model wrote the script, that the prompt
// held little and what the script is based on.
func (s *scripter) noteThin(ctx context.Context) {
	if v, _ := ctx.Value(fallbackKey{}).(bool); v {
		return
	}
	Note(ctx, "Your prompt is short, so this script says only what it gives: the built-in planner does not invent features, steps or numbers. "+
		"For a fuller video, add the facts you want said (or attach a document), or configure a language model (VIDEOAGENT_LLM_BASE_URL and VIDEOAGENT_LLM_MODEL).")
}

// spokenWords counts the words a scene says.
func spokenWords(p *scenePlan) int {
	n := 0
	for _, l := range p.lines {
		n += l.words
	}
	return n
}
