// Package festival is a videoagent.Synthesizer that runs the Festival 2.5 binary with the
// HTS voice festvox-us-slt-hts (US English, female), the most natural of Debian's offline
// English voices.
//
// Each synthesis runs one `festival --pipe` process fed a Scheme script: it selects the
// voice, sets the HTS engine's speed (-r) and pitch shift (-fm), synthesizes the text as one
// utterance, saves the wave to a temporary file, and prints the timings the HTS engine
// produced: for every token of the "Token" relation its segments (through each word's
// "SylStructure"), and every segment of the "Segment" relation with its end time. Words are
// reported in their written form (mapped back to the text's tokens), phones in IPA. A
// process per synthesis makes syntheses parallel and deterministic, and cancellation kills
// it.
package festival

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech"
)

// EngineName is the value of videoagent.Voice.Engine for Festival voices.
const EngineName = "festival"

// voiceDefs are the Festival voices this engine knows, with the directory that holds each.
var voiceDefs = []struct {
	videoagent.Voice
	dir string
}{
	{videoagent.Voice{ID: "festival-slt-hts", Name: "Festival slt (HTS), US English, female", Language: "English", Locale: "en-US",
		Gender: "female", Engine: EngineName, EngineVoice: "cmu_us_slt_arctic_hts"}, "us/cmu_us_slt_arctic_hts"},
}

// VoiceDir is where Debian installs Festival's voices.
const VoiceDir = "/usr/share/festival/voices"

// Engine runs Festival.
type Engine struct {
	// Binary is the festival executable; default "festival" on PATH.
	Binary string
	voices []videoagent.Voice
}

// New finds the festival binary and the installed voices; it fails if there are none.
func New() (*Engine, error) {
	bin, err := exec.LookPath("festival")
	if err != nil {
		return nil, fmt.Errorf("festival: %w", err)
	}
	e := &Engine{Binary: bin}
	for _, d := range voiceDefs {
		if _, err := os.Stat(filepath.Join(VoiceDir, d.dir)); err == nil {
			e.voices = append(e.voices, d.Voice)
		}
	}
	if len(e.voices) == 0 {
		return nil, errors.New("festival: no supported voice installed (apt-get install festvox-us-slt-hts)")
	}
	return e, nil
}

// Voices returns the installed voices this engine offers. Their ids are stable.
func (e *Engine) Voices() []videoagent.Voice { return append([]videoagent.Voice(nil), e.voices...) }

var _ videoagent.Synthesizer = (*Engine)(nil)

// Synthesize speaks text with a Festival voice. Speed sets the HTS speaking rate, Pitch
// shifts the pitch by Pitch/10 semitones, Volume scales the samples.
func (e *Engine) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var v *videoagent.Voice
	for i := range e.voices {
		c := &e.voices[i]
		if (voice.EngineVoice != "" && voice.EngineVoice == c.EngineVoice) || (voice.EngineVoice == "" && voice.ID == c.ID) {
			v = c
		}
	}
	if v == nil || (voice.Engine != "" && voice.Engine != EngineName) {
		return nil, voice.NotFound()
	}
	opt, err := opt.Resolved()
	if err != nil {
		return nil, err
	}
	speed, volume := opt.Speed, opt.Volume
	spoken, tokens := prepare(text)
	if len(tokens) == 0 {
		return nil, videoagent.Invalid("text", "The text to speak is empty.")
	}
	dir, err := os.MkdirTemp("", "videoagent-festival-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	wav := filepath.Join(dir, "out.wav")
	script := fmt.Sprintf(`(voice_%s)
(set! hts_engine_params (append hts_engine_params (list (list "-r" %s) (list "-fm" %s))))
(set! ova_u (Utterance Text "%s"))
(utt.synth ova_u)
(utt.save.wave ova_u "%s" 'riff)
(define (ova_segs w)
  (mapcar (lambda (syl) (mapcar (lambda (seg) (format t "S\t%%s\t%%f\n" (item.name seg) (item.feat seg "end"))) (item.daughters syl)))
          (item.daughters (item.relation w 'SylStructure))))
(let ((tok (utt.relation.first ova_u 'Token)))
  (while tok
    (format t "T\t%%s\n" (item.name tok))
    (mapcar ova_segs (item.daughters tok))
    (set! tok (item.next tok))))
(mapcar (lambda (seg) (format t "P\t%%s\t%%f\t%%s\n" (item.name seg) (item.feat seg "end") (item.feat seg "R:SylStructure.parent.stress"))) (utt.relation.items ova_u 'Segment))
(format t "END\n")
`, v.EngineVoice, strconv.FormatFloat(speed, 'f', 3, 64), strconv.FormatFloat(float64(opt.Pitch)/10, 'f', 2, 64), schemeString(spoken), wav)

	cmd := exec.CommandContext(ctx, e.Binary, "--pipe")
	cmd.Stdin = strings.NewReader(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Dir = dir
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if runErr != nil || !strings.Contains(stdout.String(), "END\n") {
		return nil, fmt.Errorf("festival: %v: %s", runErr, tail(stderr.String()+stdout.String()))
	}
	raw, err := os.ReadFile(wav)
	if err != nil {
		return nil, fmt.Errorf("festival: no audio: %w", err)
	}
	rate, samples, err := speech.DecodeWAV(raw)
	if err != nil {
		return nil, fmt.Errorf("festival: %w", err)
	}
	if volume != 1 {
		for i, s := range samples {
			samples[i] = int16(float64(s) * volume)
		}
	}
	n := &videoagent.Narration{SampleRate: rate, Samples: samples}
	parseTimings(n, stdout.String(), tokens)
	return n, nil
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 300 {
		s = "..." + s[len(s)-300:]
	}
	return s
}

// token is a whitespace token of the input: its written form and what Festival is given.
type token struct{ written, ascii string }

// asciiPunct replaces typographic punctuation that Festival reads badly.
var asciiPunct = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "—", ", ", "–", "-", "…", "...", "«", `"`, "»", `"`)

// prepare turns text into what Festival is given (ASCII: other characters are dropped) and
// the written tokens that have something to say.
func prepare(text string) (string, []token) {
	var toks []token
	var sb strings.Builder
	for _, w := range strings.Fields(text) {
		a := asciiPunct.Replace(w)
		a = strings.Map(func(r rune) rune {
			if r < 0x80 && (unicode.IsPrint(r)) {
				return r
			}
			return -1
		}, a)
		if a == "" {
			continue
		}
		sb.WriteString(a)
		sb.WriteByte(' ')
		written := strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
		if strings.IndexFunc(a, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 && written != "" {
			toks = append(toks, token{written: written, ascii: strings.ToLower(a)})
		}
	}
	return strings.TrimSpace(sb.String()), toks
}

func schemeString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// parseTimings reads the script's output into n's words and phonemes.
func parseTimings(n *videoagent.Narration, out string, tokens []token) {
	total := n.Duration()
	at := func(s string) time.Duration {
		f, _ := strconv.ParseFloat(s, 64)
		return min(total, max(0, time.Duration(f*float64(time.Second))))
	}
	// Phonemes: the Segment relation in order, each from the previous end.
	prev := time.Duration(0)
	addPhone := func(p string, s, e time.Duration) {
		if e <= s {
			return
		}
		if k := len(n.Phonemes); k > 0 && p == "_" && n.Phonemes[k-1].Phoneme == "_" {
			n.Phonemes[k-1].End = e
			return
		}
		n.Phonemes = append(n.Phonemes, videoagent.PhonemeTiming{Phoneme: p, Start: s, End: e})
	}
	// Segment end times by order, to time tokens (segments are printed once per token in
	// the same order as in the Segment relation, skipping pauses).
	type seg struct{ start, end time.Duration }
	var speechSegs []seg
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	type tokLine struct {
		name string
		segs []int // indices into the S lines
	}
	var toks []tokLine
	var sEnds []time.Duration
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		switch {
		case f[0] == "T" && len(f) >= 2:
			toks = append(toks, tokLine{name: strings.ToLower(f[1])})
		case f[0] == "S" && len(f) >= 3 && len(toks) > 0:
			toks[len(toks)-1].segs = append(toks[len(toks)-1].segs, len(sEnds))
			sEnds = append(sEnds, at(f[2]))
		case f[0] == "P" && len(f) >= 3:
			end := max(prev, at(f[2]))
			stressed := len(f) > 3 && f[3] == "1"
			ipa := speech.ArpabetIPA(f[1], stressed)
			addPhone(ipa, prev, end)
			if ipa != "_" {
				speechSegs = append(speechSegs, seg{prev, end})
			}
			prev = end
		}
	}
	addPhone("_", prev, total)
	// The S lines are the non-pause segments in order: their starts come from speechSegs.
	starts := make([]time.Duration, len(sEnds))
	for i := range sEnds {
		if i < len(speechSegs) {
			starts[i] = speechSegs[i].start
		} else if i > 0 {
			starts[i] = sEnds[i-1]
		}
	}
	// Words: Festival's tokens mapped onto the written tokens in order.
	ti := 0
	lastWritten := -1
	lastEnd := time.Duration(0)
	for _, t := range toks {
		if len(t.segs) == 0 {
			continue
		}
		s, e := starts[t.segs[0]], sEnds[t.segs[len(t.segs)-1]]
		// Find the written token this Festival token belongs to.
		k := ti
		for k < len(tokens) && !strings.Contains(tokens[k].ascii, t.name) {
			k++
		}
		if k == len(tokens) {
			k = min(ti, len(tokens)-1) // not found: assume the current one
		}
		if k == lastWritten && len(n.Words) > 0 {
			n.Words[len(n.Words)-1].End = max(n.Words[len(n.Words)-1].End, e)
			lastEnd = n.Words[len(n.Words)-1].End
			continue
		}
		s = max(s, lastEnd)
		e = max(e, s)
		n.Words = append(n.Words, videoagent.WordTiming{Word: tokens[k].written, Start: s, End: e})
		lastWritten, lastEnd = k, e
		ti = k + 1
	}
}
