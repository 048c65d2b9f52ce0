package chat

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// festival is about how the default English voice (festival-slt-hts) reads.
var festival = agent.Rate{WordsPerMinute: 186, Overhead: 520 * time.Millisecond}

// FitLength cuts the storyboard to the length asked for, by leaving sentences and scenes
// out; every sentence left was there before, and the call to action stays.
func TestFitLength(t *testing.T) {
	sb := testStoryboard(t)
	before := map[string]bool{}
	for _, sc := range sb.Scenes {
		for _, s := range splitSentences(sc.Narration) {
			before[s] = true
		}
	}
	full := Estimate(sb, festival)
	for _, target := range []float64{45, 30, 20, 12, 7} {
		out, cut := FitLength(sb, target, festival)
		est := Estimate(out, festival)
		if !cut || math.Abs(est-target) > target*0.2 || est > target*(1+LengthTolerance) {
			t.Errorf("fit %.0f s of %.0f s: %.1f s, %d scenes", target, full, est, len(out.Scenes))
		}
		if out.Scenes[len(out.Scenes)-1].Visual.Kind != videoagent.VisualCTA && len(out.Scenes) > 1 {
			t.Errorf("fit %.0f s: the call to action was cut", target)
		}
		for _, sc := range out.Scenes {
			for _, s := range splitSentences(sc.Narration) {
				if !before[s] {
					t.Errorf("fit %.0f s: new sentence %q", target, s)
				}
			}
		}
		if err := out.Validate(); err != nil {
			t.Errorf("fit %.0f s: %v", target, err)
		}
	}
	if out, cut := FitLength(sb, full, festival); cut || Estimate(out, festival) != full {
		t.Errorf("a storyboard that fits was cut")
	}
	if sb2 := testStoryboard(t); sceneJSON(sb2.Scenes[0]) != sceneJSON(sb.Scenes[0]) {
		t.Errorf("FitLength modified its argument")
	}
}

// Fixed phrases go before the user's facts.
func TestFitLengthKeepsFacts(t *testing.T) {
	sb := testStoryboard(t)
	fact := "Boards sync in real time."
	sb.Scenes[3].Narration += " " + fact
	sb.Scenes[3].Provenance = []videoagent.Provenance{fromMessage(provNarration, fact)}
	out, _ := FitLength(sb, 25, festival)
	if !strings.Contains(scriptOf(out), fact) {
		t.Errorf("the user's fact was cut: %s", scriptOf(out))
	}
}

func scriptOf(sb *videoagent.Storyboard) string {
	var s []string
	for _, sc := range sb.Scenes {
		s = append(s, sc.Narration)
	}
	return strings.Join(s, " ")
}

// Estimate counts the voice's rate, its silence per scene, and silent scenes.
func TestEstimate(t *testing.T) {
	sb := &videoagent.Storyboard{Language: "en", Scenes: []videoagent.Scene{
		{ID: "s1", Narration: strings.Repeat("word ", 31)},
		{ID: "s2", Duration: 2},
		{ID: "s3"},
	}}
	got := Estimate(sb, agent.Rate{WordsPerMinute: 186, Overhead: time.Second})
	want := 10 + agent.DefaultScenePause.Seconds() + 1 + 2 + silentSceneSec
	if math.Abs(got-want) > 0.01 {
		t.Fatalf("estimate %.2f, want %.2f", got, want)
	}
}

func TestPromptLength(t *testing.T) {
	for prompt, want := range map[string]int{
		"a 10-second hello from a bakery":                              10,
		"A 30 second ad for our spring sale":                           30,
		"Make me a 2-minute explainer about compound interest":         120,
		"Please create a short 45s teaser for the launch":              45,
		"Under a minute: why we recycle":                               54,
		"An explainer about 10-minute workouts for busy parents":       0,
		"A welcome video for new volunteers. Keep it under 30 seconds": 0,
		"Our 3 best tips": 0,
		"Un vídeo de 20 segundos para la panadería": 20,
	} {
		if got := PromptLength(prompt); got != want {
			t.Errorf("%q: %d, want %d", prompt, got, want)
		}
	}
}
