// Package festival is a videoagent.Synthesizer that runs the Festival 2.5 binary with the
// HTS voice festvox-us-slt-hts (US English, female), the most natural of Debian's offline
// English voices.
//
// A text is cut into sentences, each an utterance of its own as in Festival's own
// text-to-speech, and the sentences' waves are joined. A sentence's synthesis is a Scheme
// script: it selects the voice, sets the HTS engine's speed (-r) and pitch shift (-fm),
// synthesizes the sentence as one utterance, saves the wave to a temporary file, and prints
// the timings the HTS engine produced: for every token of the "Token"
// relation its segments (through each word's "SylStructure"), and every segment of the
// "Segment" relation with its end time. Words are reported in their written form (mapped
// back to the text's tokens), phones in IPA.
//
// Starting Festival and loading the voice costs more than synthesizing a sentence, so the
// script runs on warm workers: long-lived `festival --pipe` processes, started when first
// needed, that each load the voice once and then take one synthesis at a time over their
// standard input, every request framed by marker lines that carry the worker's random nonce
// and the request's sequence number. Selecting the voice again at the start of every
// request resets its settings, so nothing of one request carries over to the next, and the
// output is the same, sample for sample and timing for timing, as that of a process of its
// own. Parallel syntheses, and the sentences of one, run on different workers, so that a
// scene of several sentences takes the time of its longest. A cancelled synthesis kills its worker;
// a worker that dies, prints anything outside an answer, reports a Scheme error or does not
// acknowledge a request is killed and replaced and the synthesis retried once; should that
// fail too, or should no worker start, the synthesis runs in a `festival --pipe` process of
// its own, as every synthesis did before workers.
package festival

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
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

// DefaultIdleTimeout is how long a warm worker beyond the first stays idle before it stops.
const DefaultIdleTimeout = 2 * time.Minute

// Engine runs Festival. Its syntheses run on warm workers (see the package documentation);
// Close stops them. The fields are read when the first synthesis starts the workers.
type Engine struct {
	// Binary is the festival executable; default "festival" on PATH.
	Binary string
	// Workers is the most warm Festival processes kept at once, each serving one synthesis at
	// a time (further syntheses wait for one to be free); 0 means runtime.NumCPU(). Each holds
	// about 320 MB (Festival's Lisp heap). A negative value turns workers off: every synthesis
	// starts a process of its own.
	Workers int
	// IdleTimeout is how long a worker stays idle before it stops, except for the last one,
	// which stays warm until Close; 0 means DefaultIdleTimeout, negative never.
	IdleTimeout time.Duration

	voices []videoagent.Voice

	mu     sync.Mutex
	p      *pool
	closed bool
}

// pool returns the engine's workers, starting the pool on first use; nil when workers are
// off or the engine is closed.
func (e *Engine) pool() *pool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed || e.Workers < 0 || len(e.voices) == 0 {
		return nil
	}
	if e.p == nil {
		n := e.Workers
		if n == 0 {
			n = runtime.NumCPU()
		}
		idle := e.IdleTimeout
		if idle == 0 {
			idle = DefaultIdleTimeout
		}
		e.p = newPool(e.Binary, e.voices[0].EngineVoice, n, idle)
		// An engine dropped without Close stops its workers when it is collected.
		runtime.AddCleanup(e, (*pool).close, e.p)
	}
	return e.p
}

// Warm starts a worker, if none is running, and waits until it has loaded the voice, so that
// the next synthesis does not wait for Festival to start. It does nothing when workers are
// off or the engine is closed.
func (e *Engine) Warm(ctx context.Context) error {
	p := e.pool()
	if p == nil {
		return nil
	}
	w, err := p.get(ctx)
	if err != nil {
		return err
	}
	p.put(w)
	return nil
}

// Close stops the idle workers at once and every busy one when its synthesis ends. Later
// syntheses each run in a process of their own. Close always returns nil.
func (e *Engine) Close() error {
	e.mu.Lock()
	p := e.p
	e.closed = true
	e.mu.Unlock()
	if p != nil {
		p.close()
	}
	return nil
}

var _ io.Closer = (*Engine)(nil)

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
// asks for a shift of Pitch/10 semitones (which Festival 2.5.0's HTS module ignores: it
// reads only -m and -r), Volume scales the samples. Each sentence is an utterance of its
// own, as Festival's own text-to-speech makes them, and the sentences' waves follow one
// another with the pauses Festival puts around an utterance; they run on warm workers (see
// Engine) side by side when they can be had, else one after the other in a process of its
// own; the output is the same.
func (e *Engine) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	rs, err := e.requests(ctx, text, voice, opt)
	if err != nil {
		return nil, err
	}
	if p := e.pool(); p != nil {
		n, err := synthesizeOnPool(ctx, p, rs)
		if !errors.Is(err, errNoWorker) {
			return n, err
		}
	}
	return e.synthesizeProcess(ctx, rs)
}

// requests validates a synthesis of text and cuts it into one request per sentence.
func (e *Engine) requests(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) ([]*request, error) {
	whole, err := e.request(ctx, text, voice, opt)
	if err != nil {
		return nil, err
	}
	var rs []*request
	for _, s := range videoagent.Sentences(text) { // as Festival's own text-to-speech cuts utterances
		if r, err := e.request(ctx, s, voice, opt); err == nil { // a sentence of punctuation alone says nothing
			rs = append(rs, r)
		}
	}
	if len(rs) == 0 {
		rs = []*request{whole}
	}
	return rs, nil
}

// synthesizeOnPool runs the requests on the pool's workers, side by side, and joins them.
func synthesizeOnPool(ctx context.Context, p *pool, rs []*request) (*videoagent.Narration, error) {
	parts := make([]*videoagent.Narration, len(rs))
	errs := make([]error, len(rs))
	var wg sync.WaitGroup
	for i, r := range rs {
		wg.Go(func() { parts[i], errs[i] = p.synthesize(ctx, r) })
	}
	wg.Wait()
	for _, err := range errs {
		if errors.Is(err, errNoWorker) {
			return nil, err
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return join(parts)
}

// join puts the sentences' narrations one after the other.
func join(parts []*videoagent.Narration) (*videoagent.Narration, error) {
	n := parts[0]
	for _, p := range parts[1:] {
		if err := speech.AppendNarration(n, p); err != nil {
			return nil, fmt.Errorf("festival: %w", err)
		}
	}
	return n, nil
}

// request is a validated synthesis.
type request struct {
	voice  string // Festival's name of the voice
	speed  float64
	pitch  int
	volume float64
	spoken string  // what Festival is given
	tokens []token // the written tokens
}

// request validates a synthesis.
func (e *Engine) request(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*request, error) {
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
	spoken, tokens := prepare(text)
	if len(tokens) == 0 {
		return nil, videoagent.Invalid("text", "The text to speak is empty.")
	}
	return &request{voice: v.EngineVoice, speed: opt.Speed, pitch: opt.Pitch, volume: opt.Volume, spoken: spoken, tokens: tokens}, nil
}

// forms are the Scheme forms of a synthesis: they select the voice (which resets the voice's
// settings, the HTS engine's parameters among them), set the HTS engine's speed (-r) and
// pitch shift (-fm), synthesize the text as one utterance, save the wave to wav and print
// the timings: "T" lines for the tokens, each followed by "S" lines for its segments, then
// "P" lines for the Segment relation.
func (r *request) forms(wav string) string {
	return fmt.Sprintf(`(voice_%s)
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
`, r.voice, strconv.FormatFloat(r.speed, 'f', 3, 64), strconv.FormatFloat(float64(r.pitch)/10, 'f', 2, 64), schemeString(r.spoken), wav)
}

// narration makes the result of a synthesis from the wave Festival saved and the timings it
// printed.
func (r *request) narration(wav []byte, out string) (*videoagent.Narration, error) {
	rate, samples, err := speech.DecodeWAV(wav)
	if err != nil {
		return nil, fmt.Errorf("festival: %w", err)
	}
	if r.volume != 1 {
		for i, s := range samples {
			samples[i] = int16(float64(s) * r.volume)
		}
	}
	n := &videoagent.Narration{SampleRate: rate, Samples: samples}
	parseTimings(n, out, r.tokens)
	return n, nil
}

// synthesizeProcess runs the requests one after the other in a `festival --pipe` process
// of their own, which loads the voice, runs the script and exits, and joins them.
// Cancellation kills it.
func (e *Engine) synthesizeProcess(ctx context.Context, rs []*request) (*videoagent.Narration, error) {
	dir, err := os.MkdirTemp("", "videoagent-festival-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var script strings.Builder
	for i, r := range rs {
		script.WriteString(r.forms(filepath.Join(dir, fmt.Sprintf("%d.wav", i))))
		script.WriteString("(format t \"" + partMark + "\\n\")\n")
	}
	script.WriteString("(format t \"END\\n\")\n")
	cmd := exec.CommandContext(ctx, e.Binary, "--pipe")
	media.DieWithParent(cmd) // no festival left running when the server is killed
	cmd.Stdin = strings.NewReader(script.String())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Dir = dir
	runErr := media.RunCmd(cmd)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	outs := strings.Split(stdout.String(), partMark+"\n")
	if runErr != nil || len(outs) != len(rs)+1 || outs[len(rs)] != "END\n" {
		return nil, fmt.Errorf("festival: %v: %s", runErr, tail(stderr.String()+stdout.String()))
	}
	parts := make([]*videoagent.Narration, len(rs))
	for i, r := range rs {
		raw, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%d.wav", i)))
		if err != nil {
			return nil, fmt.Errorf("festival: no audio: %w", err)
		}
		if parts[i], err = r.narration(raw, outs[i]); err != nil {
			return nil, err
		}
	}
	return join(parts)
}

// partMark ends the output of one request of a process's script.
const partMark = "OVA-PART"

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
