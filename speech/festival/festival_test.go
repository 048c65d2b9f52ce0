package festival_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech/festival"
)

// newEngine returns an engine with the default settings, closed when the test ends.
func newEngine(t testing.TB) *festival.Engine {
	t.Helper()
	e, err := festival.New()
	if err != nil {
		t.Skipf("festival not available: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// processEngine returns an engine whose every synthesis runs in a process of its own.
func processEngine(t testing.TB) *festival.Engine {
	t.Helper()
	e := newEngine(t)
	e.Workers = -1
	return e
}

func TestConformance(t *testing.T) {
	e := newEngine(t)
	speechtest.Run(t, e, e.Voices())
}

func TestConformanceProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("the process per synthesis path is compared with the warm one in TestWarmSameAsProcess")
	}
	e := processEngine(t)
	speechtest.Run(t, e, e.Voices())
}

func TestWrittenWords(t *testing.T) {
	e := newEngine(t)
	text := "It costs $5 — “really” cheap, on the mat. Café time!"
	n, err := e.Synthesize(context.Background(), text, e.Voices()[0], videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, w := range n.Words {
		ws = append(ws, w.Word)
	}
	t.Logf("words %q", ws)
	speechtest.CheckNarration(t, text, n)
}

// Texts of the comparisons and benchmarks.
const (
	// sceneSentence is a typical scene's narration: 20 words.
	sceneSentence = "Every task has an owner, a due date and a status, so the whole team knows what comes next this week."
	// script60s is a narration script of about a minute at the default speed.
	script60s = "Welcome to Open Video Agent. In this short walkthrough, we will look at projects, tasks and the team calendar. " +
		"Every project starts with a goal, a deadline and the people who own it. Open a project to see its tasks, grouped by status: " +
		"to do, in progress, in review and done. Every task has an owner, a due date and a short description; drag a task to change " +
		"its status, and everyone on the team sees the change at once. The calendar shows what is due this week and what slipped " +
		"from the last one, so the Monday meeting takes ten minutes instead of an hour. You can filter it by person, by project or " +
		"by label, and export it to the calendar you already use. Comments keep the discussion next to the work, and every " +
		"change is saved in the history, so nothing is lost when plans change. Reports add it all up: how many tasks were finished, how long " +
		"they took, and where the work piles up. That is all for today. Thanks for watching, and see you in the next video!"
)

// comparisons are syntheses whose output must not depend on how they ran: plain text,
// numbers, punctuation, Scheme's string escapes, a long text, and speech options, in an
// order where every option is followed by a synthesis without it.
var comparisons = []struct {
	name string
	text string
	opt  videoagent.SpeechOptions
}{
	{"plain", "The quick brown fox jumps over the lazy dog.", videoagent.SpeechOptions{}},
	{"fast", "The quick brown fox jumps over the lazy dog.", videoagent.SpeechOptions{Speed: 2}},
	{"plain-after-fast", "The quick brown fox jumps over the lazy dog.", videoagent.SpeechOptions{}},
	{"numbers", "On 3/14/2024 at 10:30 we sold 1,250 units for $5.99 each, 42% more than in 1999; call 555-0123.", videoagent.SpeechOptions{}},
	{"slow-high", "Hello, world. This is a test.", videoagent.SpeechOptions{Speed: 0.5, Pitch: 30}},
	{"punctuation", `Wait... what?! "Quoted," she said — (an aside); O'Brien's co-op & AT&T: done. Path C:\temp\"x".`, videoagent.SpeechOptions{}},
	{"low-quiet", "Hello, world. This is a test.", videoagent.SpeechOptions{Speed: 1.25, Pitch: -25, Volume: 0.5}},
	{"defaults-after-options", "Hello, world. This is a test.", videoagent.SpeechOptions{}},
	{"unicode", "It costs $5 — “really” cheap, on the mat. Café time… naïve résumé!", videoagent.SpeechOptions{}},
	{"scene", sceneSentence, videoagent.SpeechOptions{}},
	{"script60s", script60s, videoagent.SpeechOptions{}},
	{"script60s-fast", script60s, videoagent.SpeechOptions{Speed: 1.5, Pitch: 10}},
	{"scene-again", sceneSentence, videoagent.SpeechOptions{}},
}

// TestWarmSameAsProcess checks that warm workers give exactly what a process per synthesis
// gives (the same samples, hence PCM bytes, and the same word and phoneme timings): on one
// worker that serves every synthesis in turn, twice over in different orders, so that
// nothing of one synthesis (speed, pitch, text) carries over to the next.
func TestWarmSameAsProcess(t *testing.T) {
	ref := processEngine(t)
	warm := newEngine(t)
	warm.Workers = 1
	v := ref.Voices()[0]
	ctx := context.Background()
	want := make([]*videoagent.Narration, len(comparisons))
	for i, c := range comparisons {
		n, err := ref.Synthesize(ctx, c.text, v, c.opt)
		if err != nil {
			t.Fatalf("%s: process: %v", c.name, err)
		}
		want[i] = n
	}
	order := make([]int, 0, 2*len(comparisons))
	for i := range comparisons {
		order = append(order, i)
	}
	for i := range comparisons {
		order = append(order, len(comparisons)-1-i)
	}
	for round, i := range order {
		c := comparisons[i]
		t.Run(fmt.Sprintf("%02d-%s", round, c.name), func(t *testing.T) {
			n, err := warm.Synthesize(ctx, c.text, v, c.opt)
			if err != nil {
				t.Fatalf("warm: %v", err)
			}
			if d := speechtest.Diff(want[i], n); d != "" || !reflect.DeepEqual(want[i], n) {
				t.Fatalf("warm worker differs from a process of its own: %s", d)
			}
			if round < len(comparisons) {
				t.Logf("%v of audio, %d words, %d phonemes: identical", n.Duration(), len(n.Words), len(n.Phonemes))
			}
		})
	}
}

// BenchmarkSynthesize compares a process per synthesis with warm workers, for a typical
// scene's sentence and for a script of about a minute, one synthesis at a time, and reports
// the real-time factor (seconds of audio per second of wall time, "rtf"). The "first"
// benchmarks measure the first synthesis of a new engine: for warm workers it includes
// starting the worker.
func BenchmarkSynthesize(b *testing.B) {
	for _, c := range []struct{ name, text string }{{"scene", sceneSentence}, {"script60s", script60s}} {
		for _, mode := range []string{"process", "warm"} {
			b.Run(c.name+"/"+mode, func(b *testing.B) {
				e := newEngine(b)
				if mode == "process" {
					e.Workers = -1
				}
				if err := e.Warm(context.Background()); err != nil {
					b.Fatal(err)
				}
				benchSynth(b, func() *festival.Engine { return e }, c.text)
			})
		}
	}
	for _, mode := range []string{"process", "warm"} {
		b.Run("first/"+mode, func(b *testing.B) {
			var last *festival.Engine
			benchSynth(b, func() *festival.Engine {
				if last != nil {
					last.Close()
				}
				last = newEngine(b)
				if mode == "process" {
					last.Workers = -1
				}
				return last
			}, sceneSentence)
		})
	}
}

func benchSynth(b *testing.B, engine func() *festival.Engine, text string) {
	var audio float64
	for b.Loop() {
		e := engine()
		n, err := e.Synthesize(context.Background(), text, e.Voices()[0], videoagent.SpeechOptions{})
		if err != nil {
			b.Fatal(err)
		}
		audio += n.Duration().Seconds()
	}
	b.ReportMetric(audio/b.Elapsed().Seconds(), "rtf")
	b.ReportMetric(audio/float64(b.N), "audio-s/op")
}
