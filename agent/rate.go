package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/openvideoagent/videoagent"
)

// calibrationVersion changes when the calibration text or method changes, so that cached
// rates measured the old way are measured again.
const calibrationVersion = "3"

// calibrationPrompts are the requests whose scripts are read to measure a voice: ordinary
// videos of several kinds, written by this planner in the voice's language, so that the
// measurement covers what real scripts contain (short and long sentences, names, lists).
var calibrationPrompts = []string{
	"A 45-second explainer about how solar panels lower energy bills for families, with three tips",
	"A 30-second product walkthrough for TaskFlow, a project management app with shared boards, time tracking and team chat",
	"A 40-second announcement of our new office in Berlin, opening on March 3",
}

// RateMeter measures how fast voices speak, in words a minute, by synthesizing a
// calibration script once per voice with the real synthesizer. Rates are kept in memory
// and, when Path is set, in a JSON file that survives restarts. It is safe for concurrent
// use.
type RateMeter struct {
	Synth videoagent.Synthesizer
	// Path is the cache file ("" keeps rates in memory only).
	Path string

	mu     sync.Mutex
	rates  map[string]Rate
	loaded bool
}

// NewRateMeter returns a RateMeter that synthesizes with s and caches in path ("" for none).
func NewRateMeter(s videoagent.Synthesizer, path string) *RateMeter {
	return &RateMeter{Synth: s, Path: path}
}

func rateKey(v videoagent.Voice) string {
	return calibrationVersion + "|" + v.Engine + "|" + v.EngineVoice + "|" + v.ID + "|" + v.Locale
}

// Rate is how a voice speaks: Seconds(words) = words/WordsPerMinute*60 + Overhead, where
// Overhead is the silence the engine puts around every utterance (one per scene).
type Rate struct {
	WordsPerMinute float64       `json:"wpm"`
	Overhead       time.Duration `json:"overhead"`
}

// WordsPerMinute returns the measured speaking rate of v (see Measure).
func (m *RateMeter) WordsPerMinute(ctx context.Context, v videoagent.Voice) (float64, error) {
	r, err := m.Measure(ctx, v)
	return r.WordsPerMinute, err
}

// Measure synthesizes the calibration scripts with v, one scene at a time as the pipeline
// does, and fits each scene's duration to a line in its word count (words counted as
// SpokenWords counts them): the slope gives the rate, the intercept the overhead per
// utterance.
func (m *RateMeter) Measure(ctx context.Context, v videoagent.Voice) (Rate, error) {
	key := rateKey(v)
	m.mu.Lock()
	m.load()
	if r, ok := m.rates[key]; ok {
		m.mu.Unlock()
		return r, nil
	}
	m.mu.Unlock()

	var xs, ys []float64
	for _, text := range CalibrationScript(v.Locale) {
		n, err := m.Synth.Synthesize(ctx, text, v, videoagent.SpeechOptions{})
		if err != nil {
			return Rate{}, fmt.Errorf("measure voice %s: %w", v.ID, err)
		}
		xs = append(xs, float64(SpokenWords(text)))
		ys = append(ys, n.Duration().Seconds())
	}
	r, err := fitRate(xs, ys)
	if err != nil {
		return Rate{}, fmt.Errorf("measure voice %s: %w", v.ID, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rates[key] = r
	m.save()
	return r, nil
}

// fitRate fits seconds = words*a + b by least squares, with b kept within 0-1.5 s (else
// b = 0 and a the plain ratio).
func fitRate(xs, ys []float64) (Rate, error) {
	var n, sx, sy, sxx, sxy float64
	for i := range xs {
		n++
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	if sx <= 0 || sy <= 0 {
		return Rate{}, fmt.Errorf("no audio")
	}
	a, b := sy/sx, 0.0
	if den := n*sxx - sx*sx; n >= 3 && den > 0 {
		a2 := (n*sxy - sx*sy) / den
		b2 := (sy - a2*sx) / n
		if a2 > 0 && b2 >= 0 && b2 <= 1.5 {
			a, b = a2, b2
		}
	}
	return Rate{WordsPerMinute: 60 / a, Overhead: time.Duration(b * float64(time.Second))}, nil
}

// load reads the cache file once; callers hold mu.
func (m *RateMeter) load() {
	if m.loaded {
		return
	}
	m.loaded = true
	m.rates = map[string]Rate{}
	if m.Path == "" {
		return
	}
	b, err := os.ReadFile(m.Path)
	if err != nil {
		return
	}
	_ = json.Unmarshal(b, &m.rates)
}

// save writes the cache file atomically; callers hold mu. A failed write only costs a
// measurement after the next restart.
func (m *RateMeter) save() {
	if m.Path == "" {
		return
	}
	b, err := json.MarshalIndent(m.rates, "", "  ")
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(m.Path), 0o755); err != nil {
		return
	}
	tmp := m.Path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err == nil {
		_ = os.Rename(tmp, m.Path)
	}
}

// CalibrationScript returns the scene narrations of a typical script in a language (BCP-47),
// written by the offline planner: the text a voice reads to have its rate measured.
func CalibrationScript(lang string) []string {
	if strings.TrimSpace(lang) == "" {
		lang = "en"
	}
	var out []string
	for _, prompt := range calibrationPrompts {
		b := videoagent.Brief{Prompt: prompt}
		a := Analyze(b)
		a.Language = lang
		sc := newScripter(&a, DefaultWordsPerMinute(lang), DefaultScenePause.Seconds())
		sc.x = newExtractor(strings.TrimSpace(b.Prompt))
		plans, _ := sc.fit(sc.plans(), float64(a.LengthSec), a.TargetSec > 0)
		for _, s := range sc.scenes(plans) {
			if strings.TrimSpace(s.Narration) != "" {
				out = append(out, s.Narration)
			}
		}
	}
	return out
}
