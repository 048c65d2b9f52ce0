package agent

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/openvideoagent/videoagent"
)

// calibrationVersion changes when the calibration text (the scripts of voice-rates.json)
// or method changes, so that cached rates measured the old way are measured again.
const calibrationVersion = "3"

// shippedRatesJSON is the table of measured rates that ships with the program, so that a
// fresh server knows its voices at once. `go test ./agent -run TestShippedRates
// -update-rates` measures every voice of the built-in engines again and rewrites it (after
// a change of the engines, of the calibration or of what the planner writes); the same
// test, without the flag, measures a few voices and checks the table still holds.
//
//go:embed voice-rates.json
var shippedRatesJSON []byte

// rateTable is the format of voice-rates.json.
type rateTable struct {
	// Calibration is the calibrationVersion the rates were measured with; rates of another
	// version are not used.
	Calibration string `json:"calibration"`
	// Scripts are the calibration scripts by language (see CalibrationScript).
	Scripts map[string][]string `json:"scripts"`
	// Voices are the rates by voice id.
	Voices map[string]shippedRate `json:"voices"`
}

// shippedRate is one voice's row: the voice it was measured on and its rate.
type shippedRate struct {
	Engine      string  `json:"engine"`
	EngineVoice string  `json:"engine_voice"`
	Locale      string  `json:"locale"`
	WPM         float64 `json:"wpm"`
	OverheadMS  int     `json:"overhead_ms"`
}

var shippedRates = sync.OnceValue(func() rateTable {
	var t rateTable
	if err := json.Unmarshal(shippedRatesJSON, &t); err != nil {
		panic("agent: voice-rates.json: " + err.Error())
	}
	return t
})

// ShippedRate returns the rate of v from the table shipped with the program, when it has
// v (the same engine, engine voice and locale) measured with the current calibration.
func ShippedRate(v videoagent.Voice) (Rate, bool) {
	t := shippedRates()
	r, ok := t.Voices[v.ID]
	if !ok || t.Calibration != calibrationVersion || r.Engine != v.Engine || r.EngineVoice != v.EngineVoice || r.Locale != v.Locale || r.WPM <= 0 {
		return Rate{}, false
	}
	return Rate{WordsPerMinute: r.WPM, Overhead: time.Duration(r.OverheadMS) * time.Millisecond}, true
}

// RateMeter knows how fast voices speak, in words a minute. Rates come from the table
// shipped with the program (voice-rates.json, see ShippedRate), else from measurements
// kept in memory and, when Path is set, in a JSON file that survives restarts. A voice
// neither shipped nor measured is measured in the background (synthesizing a calibration
// script with the real synthesizer), never while a caller waits: see Measure and Warm.
// It is safe for concurrent use.
type RateMeter struct {
	Synth videoagent.Synthesizer
	// Path is the cache file ("" keeps rates in memory only).
	Path string

	mu      sync.Mutex
	rates   map[string]Rate
	loaded  bool
	pending map[string]bool
	// measured counts the voices this meter synthesized a calibration script for.
	measured int
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

// WordsPerMinute returns the rate of v (see Measure); 0 means not known yet.
func (m *RateMeter) WordsPerMinute(ctx context.Context, v videoagent.Voice) (float64, error) {
	r, err := m.Measure(ctx, v)
	return r.WordsPerMinute, err
}

// Measure returns the rate of v without synthesizing anything on the caller's path: the
// shipped rate, else one measured before. For a voice that has neither it starts
// measuring v in the background and returns the zero Rate (unknown: planners then use
// DefaultWordsPerMinute) and no error; a later call has the measured rate.
func (m *RateMeter) Measure(ctx context.Context, v videoagent.Voice) (Rate, error) {
	if r, ok := m.Lookup(v); ok {
		return r, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pending == nil {
		m.pending = map[string]bool{}
	}
	key := rateKey(v)
	if !m.pending[key] && m.Synth != nil {
		m.pending[key] = true
		go func() {
			bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundMeasureTimeout)
			defer cancel()
			_, _ = m.MeasureNow(bg, v)
			m.mu.Lock()
			delete(m.pending, key)
			m.mu.Unlock()
		}()
	}
	return Rate{}, nil
}

// backgroundMeasureTimeout bounds one voice's measurement started by Measure.
const backgroundMeasureTimeout = 5 * time.Minute

// Lookup returns the rate of v if it is shipped or was measured, without measuring.
func (m *RateMeter) Lookup(v videoagent.Voice) (Rate, bool) {
	if r, ok := ShippedRate(v); ok {
		return r, true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.load()
	r, ok := m.rates[rateKey(v)]
	return r, ok
}

// Warm measures, one after the other, every voice of vs whose rate is neither shipped
// nor cached, so that none is measured later. Servers run it in the background at start;
// it returns when all are measured or ctx ends, with the first error (the other voices
// are still measured).
func (m *RateMeter) Warm(ctx context.Context, vs []videoagent.Voice) error {
	var first error
	for _, v := range vs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if _, ok := m.Lookup(v); ok {
			continue
		}
		if _, err := m.MeasureNow(ctx, v); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Measured returns how many voices this meter has synthesized a calibration script for.
func (m *RateMeter) Measured() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.measured
}

// MeasureNow synthesizes the calibration scripts with v, one scene at a time as the
// pipeline does, and fits each scene's duration to a line in its word count (words
// counted as SpokenWords counts them): the slope gives the rate, the intercept the
// overhead per utterance. The result is cached (not the shipped table). It is what the
// shipped rates were computed with.
func (m *RateMeter) MeasureNow(ctx context.Context, v videoagent.Voice) (Rate, error) {
	var xs, ys []float64
	m.mu.Lock()
	m.measured++
	m.mu.Unlock()
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
	m.load()
	m.rates[rateKey(v)] = r
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

// CalibrationScript returns the text a voice reads to have its rate measured: the scene
// narrations of typical scripts (short and long sentences, names, lists) in the voice's
// language (BCP-47), English for languages the table has no script for. The scripts are
// kept in voice-rates.json with the rates measured on them (written by the offline planner
// when the table was made), so that a rate means the same whatever the planner writes
// today.
func CalibrationScript(lang string) []string {
	t := shippedRates()
	if s, ok := t.Scripts[baseLang(lang)]; ok {
		return append([]string(nil), s...)
	}
	return append([]string(nil), t.Scripts["en"]...)
}
