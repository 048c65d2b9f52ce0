package chat

import (
	"math"
	"strings"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// LengthTolerance is how far (a fraction of the target) a storyboard fitted to a length
// may be from it.
const LengthTolerance = 0.1

// silentSceneSec is how long the renderer shows a scene without narration and without a
// Duration (render.SilentScene).
const silentSceneSec = 3.0

// Estimate returns how long sb will run, in seconds, read by a voice with rate r. A
// narrated scene lasts its words at r.WordsPerMinute (0 means agent.DefaultWordsPerMinute
// of the storyboard's language), the renderer's pause (agent.DefaultScenePause) and the
// engine's silence (r.Overhead), or its Duration when that is longer (a card held on
// screen); a scene without narration lasts its Duration, else the renderer's default.
func Estimate(sb *videoagent.Storyboard, r agent.Rate) float64 {
	if sb == nil {
		return 0
	}
	secs := 0.0
	for _, sc := range sb.Scenes {
		secs += sceneSec(sb.Language, sc, r)
	}
	return secs
}

// sceneSec is how long one scene of a storyboard in lang runs (see Estimate).
func sceneSec(lang string, sc videoagent.Scene, r agent.Rate) float64 {
	if strings.TrimSpace(sc.Narration) == "" {
		if sc.Duration > 0 {
			return sc.Duration
		}
		return silentSceneSec
	}
	return math.Max(speechSec(lang, sc.Narration, r), sc.Duration)
}

// speechSec is how long narration takes to say, with the scene's pause and the engine's
// silence.
func speechSec(lang, narration string, r agent.Rate) float64 {
	var wpm func(string) float64
	if r.WordsPerMinute > 0 {
		wpm = func(string) float64 { return r.WordsPerMinute }
	}
	one := &videoagent.Storyboard{Language: lang, Scenes: []videoagent.Scene{{Narration: narration}}}
	return agent.EstimateDuration(one, wpm).Seconds() + r.Overhead.Seconds()
}

// FitLength shortens sb, when it runs more than LengthTolerance over targetSec at rate r,
// by leaving things out, never by writing anything new: the time a scene is held on screen
// after its narration, a sentence after the first of a scene, or a scene between the first
// and the last (the call to action); when none is left, the first scene. Each step cuts a fixed phrase before a fact of the user's (by
// the scenes' Provenance) and, among those, lands nearest the target. It returns a copy and whether anything was cut; scenes it
// does not touch keep their ids and content.
func FitLength(sb *videoagent.Storyboard, targetSec float64, r agent.Rate) (*videoagent.Storyboard, bool) {
	out := clone(sb)
	if targetSec <= 0 || len(out.Scenes) == 0 {
		return out, false
	}
	hi := targetSec * (1 + LengthTolerance)
	cut := false
	for Estimate(out, r) > hi {
		cands := append(append(holdCuts(out, r), sentenceCuts(out)...), sceneCuts(out, false)...)
		if len(cands) == 0 {
			cands = sceneCuts(out, true)
		}
		if len(cands) == 0 {
			break
		}
		best, bestKeep, bestDist := -1, false, math.Inf(1)
		for i, c := range cands {
			e := Estimate(c.sb, r)
			keep := c.weak
			dist := math.Abs(e - targetSec)
			// Cut a fixed phrase before a fact; among equals, land nearest the target.
			if best < 0 || (keep && !bestKeep) || (keep == bestKeep && dist < bestDist) {
				best, bestKeep, bestDist = i, keep, dist
			}
		}
		out, cut = cands[best].sb, true
	}
	return out, cut
}

// cutCand is one way to shorten a storyboard; weak is set when what it leaves out states
// no fact of the user's (a fixed phrase or a sentence of unknown origin).
type cutCand struct {
	sb   *videoagent.Storyboard
	weak bool
}

// holdCuts are the storyboards with one narrated scene no longer held on screen after its
// narration (its Duration cleared): a pause, not something said.
func holdCuts(sb *videoagent.Storyboard, r agent.Rate) []cutCand {
	var out []cutCand
	for i, sc := range sb.Scenes {
		if strings.TrimSpace(sc.Narration) == "" || sc.Duration <= speechSec(sb.Language, sc.Narration, r) {
			continue
		}
		c := clone(sb)
		c.Scenes[i].Duration = 0
		out = append(out, cutCand{c, true})
	}
	return out
}

// sentenceCuts are the storyboards with one sentence after the first of a scene left out.
func sentenceCuts(sb *videoagent.Storyboard) []cutCand {
	var out []cutCand
	for i, sc := range sb.Scenes {
		sents := splitSentences(sc.Narration)
		for k := 1; k < len(sents); k++ {
			c := clone(sb)
			rest := append(append([]string(nil), sents[:k]...), sents[k+1:]...)
			c.Scenes[i].Narration = strings.Join(rest, " ")
			c.Scenes[i].Provenance = dropText(c.Scenes[i].Provenance, provNarration, sents[k])
			out = append(out, cutCand{c, !userFact(sc.Provenance, provNarration, sents[k])})
		}
	}
	return out
}

// sceneCuts are the storyboards with one scene between the first and the last left out,
// or with first set, the one without the first scene (when there are two or more).
func sceneCuts(sb *videoagent.Storyboard, first bool) []cutCand {
	n := len(sb.Scenes)
	var idx []int
	switch {
	case first && n >= 2:
		idx = []int{0}
	case !first:
		for i := 1; i < n-1; i++ {
			idx = append(idx, i)
		}
	}
	var out []cutCand
	for _, i := range idx {
		c := clone(sb)
		weak := true
		for _, s := range splitSentences(sb.Scenes[i].Narration) {
			if userFact(sb.Scenes[i].Provenance, provNarration, s) {
				weak = false
			}
		}
		c.Scenes = append(c.Scenes[:i], c.Scenes[i+1:]...)
		out = append(out, cutCand{c, weak})
	}
	return out
}

// userFact reports whether the provenance says text of field came from the user: the
// prompt, a file or a chat message.
func userFact(ps []videoagent.Provenance, field, text string) bool {
	for _, p := range ps {
		if p.Field == field && strings.TrimSpace(p.Text) == strings.TrimSpace(text) {
			switch p.Source {
			case videoagent.SourcePrompt, videoagent.SourceFile, videoagent.SourceMessage:
				return true
			}
		}
	}
	return false
}

// dropText returns ps without the entry of field with text.
func dropText(ps []videoagent.Provenance, field, text string) []videoagent.Provenance {
	var out []videoagent.Provenance
	for _, p := range ps {
		if p.Field == field && strings.TrimSpace(p.Text) == strings.TrimSpace(text) {
			continue
		}
		out = append(out, p)
	}
	return out
}
