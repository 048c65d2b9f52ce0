package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
	"github.com/openvideoagent/videoagent/speech/festival"
	"github.com/openvideoagent/videoagent/speech/flite"
)

var updateRates = flag.Bool("update-rates", false, "measure every voice of the built-in engines and rewrite voice-rates.json")

// Tolerances of a shipped rate against one measured now.
const (
	wpmTolerance      = 0.04 // 4%
	overheadTolerance = 120 * time.Millisecond
)

// builtinVoices returns the speech engines the server registers (those installed here)
// behind one router, and their voices.
func builtinVoices(t *testing.T) (*speech.Router, []videoagent.Voice) {
	t.Helper()
	r := speech.NewRouter()
	var vs []videoagent.Voice
	es, err := espeak.New()
	if err != nil {
		t.Skipf("espeak-ng: %v", err)
	}
	r.Register(espeak.EngineName, es)
	vs = append(vs, espeak.Voices()...)
	if fl, err := flite.New(); err == nil {
		r.Register(flite.EngineName, fl)
		vs = append(vs, flite.Voices()...)
	} else {
		t.Logf("flite: %v", err)
	}
	if fe, err := festival.New(); err == nil {
		r.Register(festival.EngineName, fe)
		vs = append(vs, fe.Voices()...)
	} else {
		t.Logf("festival: %v", err)
	}
	return r, vs
}

// TestShippedRates measures a few voices with the real engines (the default voices of
// English, and voices of other languages and engines) and compares them with the shipped
// table. With -update-rates it measures every voice and rewrites voice-rates.json.
func TestShippedRates(t *testing.T) {
	router, voices := builtinVoices(t)
	if *updateRates {
		writeRates(t, router, voices)
		return
	}
	if testing.Short() {
		t.Skip("measures voices with the real engines")
	}
	want := map[string]bool{"festival-slt-hts": true, "flite-rms": true, "flite-slt": true,
		"espeak-en-us-f": true, "espeak-de-m": true, "espeak-es-f": true, "espeak-fr-fr-m": true}
	m := NewRateMeter(router, "")
	checked := 0
	for _, v := range voices {
		if !want[v.ID] {
			continue
		}
		shipped, ok := ShippedRate(v)
		if !ok {
			t.Errorf("%s is not in voice-rates.json (go test ./agent -run TestShippedRates -update-rates)", v.ID)
			continue
		}
		got, err := m.MeasureNow(context.Background(), v)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		if math.Abs(got.WordsPerMinute-shipped.WordsPerMinute) > shipped.WordsPerMinute*wpmTolerance ||
			(got.Overhead-shipped.Overhead).Abs() > overheadTolerance {
			t.Errorf("%s: measured %.1f wpm + %v, shipped %.1f wpm + %v: update voice-rates.json (go test ./agent -run TestShippedRates -update-rates)",
				v.ID, got.WordsPerMinute, got.Overhead, shipped.WordsPerMinute, shipped.Overhead)
		}
	}
	if checked < 3 {
		t.Errorf("only %d voices checked", checked)
	}
	missing := 0
	for _, v := range voices {
		if _, ok := ShippedRate(v); !ok {
			missing++
		}
	}
	if missing > 0 {
		t.Logf("%d of %d voices here are not in the table (they are measured in the background)", missing, len(voices))
	}
}

// writeRates measures every voice, several at once, and writes voice-rates.json.
func writeRates(t *testing.T, router videoagent.Synthesizer, voices []videoagent.Voice) {
	m := NewRateMeter(router, "")
	rows := make([]shippedRate, len(voices))
	errs := make([]error, len(voices))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, v := range voices {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := m.MeasureNow(context.Background(), v)
			errs[i] = err
			rows[i] = shippedRate{Engine: v.Engine, EngineVoice: v.EngineVoice, Locale: v.Locale,
				WPM: math.Round(r.WordsPerMinute*10) / 10, OverheadMS: int(r.Overhead.Milliseconds())}
		}()
	}
	wg.Wait()
	ids := map[string]int{}
	for i, v := range voices {
		if errs[i] != nil {
			t.Errorf("%s: %v", v.ID, errs[i])
			continue
		}
		ids[v.ID] = i
	}
	keys := make([]string, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	sort.Strings(keys)
	// One voice a line, so that a change reads as a diff of the voices it changed.
	scripts, err := json.MarshalIndent(shippedRates().Scripts, "  ", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\n  \"calibration\": %q,\n  \"scripts\": %s,\n  \"voices\": {\n", calibrationVersion, scripts)
	for k, id := range keys {
		row, _ := json.Marshal(rows[ids[id]])
		sep := ","
		if k == len(keys)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    %q: %s%s\n", id, row, sep)
	}
	b.WriteString("  }\n}\n")
	var check rateTable
	if err := json.Unmarshal(b.Bytes(), &check); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("voice-rates.json", b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d voices to voice-rates.json", len(keys))
}

// countingSynth reads every word in 0.3 s after 0.2 s of silence, and counts its calls.
type countingSynth struct {
	mu    sync.Mutex
	calls int
}

func (s *countingSynth) Synthesize(_ context.Context, text string, _ videoagent.Voice, _ videoagent.SpeechOptions) (*videoagent.Narration, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	secs := 0.2 + 0.3*float64(SpokenWords(text))
	return &videoagent.Narration{SampleRate: 1000, Samples: make([]int16, int(secs*1000))}, nil
}

func (s *countingSynth) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// A fresh meter knows the shipped voices without synthesizing; a voice it does not know
// is measured in the background while Measure answers at once (unknown), and is cached.
func TestRateMeterNeverMeasuresOnTheCallersPath(t *testing.T) {
	var shippedID string
	for id := range shippedRates().Voices {
		shippedID = id
		break
	}
	if shippedID == "" {
		t.Fatal("voice-rates.json is empty")
	}
	row := shippedRates().Voices[shippedID]
	known := videoagent.Voice{ID: shippedID, Engine: row.Engine, EngineVoice: row.EngineVoice, Locale: row.Locale}
	synth := &countingSynth{}
	path := t.TempDir() + "/voice-rates.json"
	m := NewRateMeter(synth, path)
	r, err := m.Measure(context.Background(), known)
	if err != nil || r.WordsPerMinute != row.WPM || synth.count() != 0 || m.Measured() != 0 {
		t.Fatalf("shipped voice: %+v %v, %d syntheses", r, err, synth.count())
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the cache file was written for a shipped voice")
	}

	unknown := videoagent.Voice{ID: "test-voice", Engine: "test", EngineVoice: "x", Locale: "en-US"}
	if r, err := m.Measure(context.Background(), unknown); err != nil || r.WordsPerMinute != 0 {
		t.Fatalf("unknown voice: %+v %v (want unknown at once)", r, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if r, ok := m.Lookup(unknown); ok {
			if math.Abs(r.WordsPerMinute-200) > 1 || (r.Overhead-200*time.Millisecond).Abs() > 10*time.Millisecond {
				t.Fatalf("measured %+v, want 200 wpm + 0.2 s", r)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the background measurement did not finish")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A new meter on the same cache knows it without measuring.
	m2 := NewRateMeter(&countingSynth{}, path)
	if _, ok := m2.Lookup(unknown); !ok {
		t.Fatal("the measured rate was not cached")
	}
	// Warm measures what is missing, and only that.
	other := unknown
	other.ID = "test-voice-2"
	calls := synth.count()
	if err := m.Warm(context.Background(), []videoagent.Voice{known, unknown, other}); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Lookup(other); !ok || synth.count() == calls || m.Measured() != 2 {
		t.Fatalf("warm: known %v, %d syntheses, %d voices measured", ok, synth.count()-calls, m.Measured())
	}
}
