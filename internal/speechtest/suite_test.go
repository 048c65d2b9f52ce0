package speechtest

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// toneEngine is a fake engine: each written word is a 440 Hz tone, with short gaps between
// words and long silences at commas and sentence ends. It shows the suite passes a
// well-behaved engine other than espeak.
type toneEngine struct{}

const toneRate = 16000

func (toneEngine) Synthesize(ctx context.Context, text string, v videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	if v.EngineVoice != "tone" {
		return nil, videoagent.Errorf(videoagent.EVOICENOTFOUND, "no voice %q", v.ID)
	}
	speed := opt.Speed
	if speed == 0 {
		speed = 1
	}
	n := &videoagent.Narration{SampleRate: toneRate}
	at := func() time.Duration { return time.Duration(len(n.Samples)) * time.Second / toneRate }
	silence := func(d time.Duration) {
		n.Samples = append(n.Samples, make([]int16, int(d.Seconds()/speed*toneRate))...)
	}
	silence(20 * time.Millisecond)
	for _, tok := range strings.Fields(text) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		time.Sleep(20 * time.Microsecond) // a slow engine
		w := strings.TrimFunc(tok, unicode.IsPunct)
		start := at()
		k := int(0.25 / speed * toneRate)
		for i := 0; i < k; i++ {
			n.Samples = append(n.Samples, int16(8000*math.Sin(2*math.Pi*440*float64(i)/toneRate)))
		}
		n.Words = append(n.Words, videoagent.WordTiming{Word: w, Start: start, End: at()})
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: "a", Start: start, End: at()})
		gap := 30 * time.Millisecond
		if strings.ContainsAny(tok, ",.!?") {
			gap = 300 * time.Millisecond
		}
		silence(gap)
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: "_", Start: n.Words[len(n.Words)-1].End, End: at()})
	}
	return n, nil
}

func TestSuiteOnToneEngine(t *testing.T) {
	Run(t, toneEngine{}, []videoagent.Voice{{ID: "tone-en", Locale: "en-US", Engine: "tone", EngineVoice: "tone"}})
}

// recorder collects the failures of a check instead of failing the test.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Helper()             {}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Log(...any)          {}
func (r *recorder) Errorf(f string, a ...any) {
	r.mu.Lock()
	r.errs = append(r.errs, fmt.Sprintf(f, a...))
	r.mu.Unlock()
}
func (r *recorder) Error(a ...any)            { r.Errorf("%s", fmt.Sprint(a...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.Errorf(f, a...); runtime.Goexit() }
func (r *recorder) Fatal(a ...any)            { r.Error(a...); runtime.Goexit() }

// failures runs check with a recorder and returns what it reported.
func failures(t *testing.T, check func(testing.TB)) []string {
	r := &recorder{TB: t}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); check(r) }()
	wg.Wait()
	return r.errs
}

func TestChecksCatchBadTimings(t *testing.T) {
	text := Texts["en"]
	good, err := toneEngine{}.Synthesize(context.Background(), text, videoagent.Voice{EngineVoice: "tone"}, videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if errs := failures(t, func(tb testing.TB) { CheckNarration(tb, text, good); CheckSentencePauses(tb, text, good) }); len(errs) > 0 {
		t.Fatalf("good narration fails: %v", errs)
	}
	mutate := func(f func(n *videoagent.Narration)) *videoagent.Narration {
		n := *good
		n.Words = append([]videoagent.WordTiming(nil), good.Words...)
		n.Phonemes = append([]videoagent.PhonemeTiming(nil), good.Phonemes...)
		f(&n)
		return &n
	}
	for name, bad := range map[string]*videoagent.Narration{
		"shifted": mutate(func(n *videoagent.Narration) {
			for i := range n.Words {
				n.Words[i].Start += 150 * time.Millisecond
				n.Words[i].End += 150 * time.Millisecond
			}
		}),
		"word dropped":      mutate(func(n *videoagent.Narration) { n.Words = append(n.Words[:2], n.Words[3:]...) }),
		"out of order":      mutate(func(n *videoagent.Narration) { n.Words[1], n.Words[2] = n.Words[2], n.Words[1] }),
		"past the end":      mutate(func(n *videoagent.Narration) { n.Words[len(n.Words)-1].End = n.Duration() + time.Second }),
		"pause inside word": mutate(func(n *videoagent.Narration) { n.Words[1].End = n.Words[2].Start }),
		"no phonemes":       mutate(func(n *videoagent.Narration) { n.Phonemes = nil }),
		"silent": mutate(func(n *videoagent.Narration) {
			n.Samples = make([]int16, len(n.Samples))
		}),
	} {
		errs := failures(t, func(tb testing.TB) { CheckNarration(tb, text, bad); CheckSentencePauses(tb, text, bad) })
		if len(errs) == 0 {
			t.Errorf("%s: no failure reported", name)
		} else {
			t.Logf("%s: %s", name, errs[0])
		}
	}
	noisy := mutate(func(n *videoagent.Narration) {
		n.Samples = append([]int16(nil), n.Samples...)
		n.Samples[len(n.Samples)/2]++
	})
	if Diff(good, noisy) == "" {
		t.Error("Diff misses a changed sample")
	}
}

func TestEnvelope(t *testing.T) {
	// 100 ms of silence, 200 ms of tone, 100 ms of silence at 10 kHz.
	s := make([]int16, 4000)
	for i := 1000; i < 3000; i++ {
		s[i] = int16(10000 * math.Sin(float64(i)))
	}
	e := NewEnvelope(s, 10000, 10*time.Millisecond)
	if len(e.RMS) != 40 {
		t.Fatalf("%d windows", len(e.RMS))
	}
	rs := e.VoicedRegions(50*time.Millisecond, 20*time.Millisecond)
	if len(rs) != 1 || rs[0] != (Region{100 * time.Millisecond, 300 * time.Millisecond}) {
		t.Errorf("regions %v", rs)
	}
	if f := e.VoicedFraction(100*time.Millisecond, 300*time.Millisecond); f != 1 {
		t.Errorf("voiced fraction %v", f)
	}
	if f := e.SilentFraction(0, 100*time.Millisecond); f != 1 {
		t.Errorf("silent fraction %v", f)
	}
}

func TestMatchWords(t *testing.T) {
	w := func(ss ...string) []videoagent.WordTiming {
		var out []videoagent.WordTiming
		for _, s := range ss {
			out = append(out, videoagent.WordTiming{Word: s})
		}
		return out
	}
	for _, c := range []struct {
		text  string
		words []videoagent.WordTiming
		ok    bool
	}{
		{"Hello, world.", w("Hello", "world"), true},
		{"well-known $5", w("well-known", "$5"), true},
		{"well-known", w("well", "known"), true},
		{"你好，世界。", w("你", "好", "世界"), true},
		{"Hello, world.", w("Hello"), false},
		{"Hello, world.", w("world", "Hello"), false},
		{"Hello, world.", w("Hello", "word"), false},
	} {
		if _, err := MatchWords(c.text, c.words); (err == nil) != c.ok {
			t.Errorf("MatchWords(%q, %v): %v", c.text, c.words, err)
		}
	}
}
