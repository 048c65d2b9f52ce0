package render

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// Loudness targets of the final mix (EBU R 128 for streaming platforms).
const (
	TargetLUFS = -16.0 // integrated loudness of the (mono) output
	// PeakCeiling is the sample-peak ceiling of the limiter, in dBFS: low enough that the
	// true peak of the AAC output stays under -1 dBTP.
	PeakCeiling = -2.0
	// dualMono is what the mono mix gains in loudness in the output: nothing, as it is
	// encoded as mono (a player's upmix to stereo gives each channel it at -3 dB, which
	// keeps the loudness too).
	dualMono = 0.0
)

// Music levels, relative to the narration's loudness.
const (
	musicUnderSpeech = -21.0 // dB: music while someone speaks
	musicAlone       = -9.0  // dB: music in pauses and silent scenes
	clipUnderSpeech  = -15.0 // dB: a clip's own sound under speech
	clipAlone        = -4.0
	duckAttack       = 250 * time.Millisecond
	duckRelease      = 450 * time.Millisecond
	musicFadeIn      = time.Second
	musicFadeOut     = 2 * time.Second
	maxMusicLength   = 6 * time.Minute // longer music is trimmed before looping
)

// voice is one scene's narration placed on the video's timeline.
type voice struct {
	at   int64 // first sample, at OutputSampleRate
	n    int64 // samples it may occupy (to the scene's end)
	src  []int16
	rate int
	rs   *resampler
	gain float64 // linear, 1 unless the voice is normalised on its own (see soundtrack)
}

// bed is a background sound on the timeline: music (looped over the whole video) or a
// clip's own sound (one scene).
type bed struct {
	at, n int64   // span on the timeline
	pcm   []int16 // at OutputSampleRate, looped to fill n
	gain  float64 // linear gain when nobody speaks (after normalisation)
	duck  float64 // extra linear gain under speech (0-1)
	fadeI int64   // fade-in and fade-out lengths, samples
	fadeO int64
	loud  float64 // its own loudness, LUFS (mono), NaN when silent
	rel   [2]float64
}

// mixer builds the video's soundtrack: narrations, ducked beds, loudness normalisation and
// a peak limiter. Every sample is computed on demand from the sources, so the mix of a long
// video is never held in memory.
type mixer struct {
	total  int64
	voices []*voice
	beds   []*bed
	speech [][2]int64 // sorted spans where someone speaks (samples), for ducking
	simd   simd       // the output's kernel (each resampler has its own)
}

func newMixer(plans []*scenePlan, fps int) *mixer {
	m := &mixer{simd: hostSIMD}
	for _, p := range plans {
		start := int64(p.start) * OutputSampleRate / int64(fps)
		n := int64(p.frames) * OutputSampleRate / int64(fps)
		if p.narr != nil && p.narr.SampleRate > 0 && len(p.narr.Samples) > 0 {
			// A voice starts on an AAC frame boundary (at most 10.7 ms from its frame-exact
			// place, well inside lip sync's tolerance), so that its encoded piece of the
			// soundtrack does not depend on where the scene falls (see soundtrack).
			at := (start + int64(p.leadIn)*OutputSampleRate/int64(time.Second) + aacFrame/2) / aacFrame * aacFrame
			lead := at - start
			v := &voice{at: at, n: n - lead, src: p.narr.Samples, rate: p.narr.SampleRate, gain: 1}
			if v.rate != OutputSampleRate {
				v.rs = newResampler(v.rate, OutputSampleRate)
			}
			m.voices = append(m.voices, v)
			for _, w := range p.narr.Words {
				a := at + int64(w.Start)*OutputSampleRate/int64(time.Second)
				b := at + int64(w.End)*OutputSampleRate/int64(time.Second)
				m.speech = append(m.speech, [2]int64{a, b})
			}
		}
		m.total = start + n
	}
	sort.Slice(m.speech, func(i, j int) bool { return m.speech[i][0] < m.speech[j][0] })
	return m
}

// length is the number of output samples the voice sounds for: its source resampled
// (and the resampling filter's tail), within its scene.
func (v *voice) length() int64 {
	n := int64(len(v.src))
	if v.rs != nil {
		n = (n+int64(v.rs.half))*OutputSampleRate/int64(v.rate) + 1
	}
	return min(n, v.n)
}

// samples sets out[i] to voice sample j+i (from its start) at the output rate: a run at
// a time, as the mixer reads it (see resampler.samples); silence past its source.
func (v *voice) samples(j int64, out []float64) {
	if v.rs != nil {
		v.rs.samples(v.src, j, out)
		return
	}
	n := int64(len(v.src))
	src := v.src[min(j, n):min(j+int64(len(out)), n)]
	for k, s := range src {
		out[k] = float64(s)
	}
	clear(out[len(src):])
}

// duckGain is how far beds are lowered at sample t: 0 far from speech, 1 during it, with
// smooth ramps (attack before a word, release after it).
func (m *mixer) duckGain(t int64) float64 {
	att := int64(duckAttack) * OutputSampleRate / int64(time.Second)
	rel := int64(duckRelease) * OutputSampleRate / int64(time.Second)
	// The first span that ends after t - rel.
	i := sort.Search(len(m.speech), func(i int) bool { return m.speech[i][1]+rel > t })
	best := 0.0
	for ; i < len(m.speech) && m.speech[i][0]-att <= t; i++ {
		s := m.speech[i]
		var g float64
		switch {
		case t >= s[0] && t <= s[1]:
			return 1
		case t < s[0]:
			g = 1 - float64(s[0]-t)/float64(att)
		default:
			g = 1 - float64(t-s[1])/float64(rel)
		}
		if g > best {
			best = g
		}
	}
	return best * best * (3 - 2*best)
}

// parts computes the voice and bed sums of samples [from, from+len(v)).
func (m *mixer) parts(from int64, voiceOut, bedOut []float64) {
	n := int64(len(voiceOut))
	clear(voiceOut)
	clear(bedOut)
	var buf [512]float64 // a run of a voice's samples
	for _, v := range m.voices {
		a, b := max(from, v.at), min(from+n, v.at+v.n)
		if !math.IsInf(v.gain, 0) && !math.IsNaN(v.gain) {
			// Past its length a voice is silence, and adding gain*0, a zero, to a sum
			// leaves it as it is (a sum here is never -0): its scene's tail adds nothing.
			b = min(b, v.at+v.length())
		}
		for t := a; t < b; t += int64(len(buf)) {
			s := buf[:min(int64(len(buf)), b-t)]
			v.samples(t-v.at, s)
			out := voiceOut[t-from : t-from+int64(len(s))]
			for i, x := range s {
				out[i] += v.gain * x
			}
		}
	}
	m.bedParts(from, bedOut)
}

// bedParts adds the beds' samples [from, from+len(out)) into out: each at its gain,
// ducked under speech, faded in and out.
func (m *mixer) bedParts(from int64, out []float64) {
	n := int64(len(out))
	const step = 48 // duck gain per millisecond, interpolated
	for _, bd := range m.beds {
		a, b := max(from, bd.at), min(from+n, bd.at+bd.n)
		if a >= b || len(bd.pcm) == 0 {
			continue
		}
		for t0 := a; t0 < b; t0 += step {
			t1 := min(t0+step, b)
			d0, d1 := m.duckGain(t0), m.duckGain(t1)
			for t := t0; t < t1; t++ {
				d := d0 + (d1-d0)*float64(t-t0)/step
				g := bd.gain * (1 - d*(1-bd.duck))
				k := t - bd.at
				if k < bd.fadeI {
					g *= float64(k) / float64(bd.fadeI)
				}
				if r := bd.n - k; r < bd.fadeO {
					g *= float64(r) / float64(bd.fadeO)
				}
				out[t-from] += g * float64(bd.pcm[k%int64(len(bd.pcm))])
			}
		}
	}
}

// loudnessMeter measures integrated loudness (ITU-R BS.1770-4) of a mono signal.
type loudnessMeter struct {
	s1, s2  biquad
	block   int       // samples in a 100 ms sub-block
	sub     []float64 // mean square of each 100 ms sub-block
	acc     float64
	accN    int
	maxPeak float64
}

type biquad struct {
	b0, b1, b2, a1, a2 float64
	x1, x2, y1, y2     float64
}

func (q *biquad) run(x float64) float64 {
	y := q.b0*x + q.b1*q.x1 + q.b2*q.x2 - q.a1*q.y1 - q.a2*q.y2
	q.x2, q.x1, q.y2, q.y1 = q.x1, x, q.y1, y
	return y
}

// newLoudnessMeter measures a signal at OutputSampleRate.
func newLoudnessMeter() *loudnessMeter { return newLoudnessMeterAt(OutputSampleRate) }

// newLoudnessMeterAt measures a signal sampled at rate. BS.1770 gives the K-weighting's
// two filters as coefficients for 48 kHz; these are the analogue filters they come from
// (a high shelf of +4 dB above about 1.7 kHz, a high pass at 38 Hz) turned digital at
// rate by the bilinear transform, which gives the standard's coefficients at 48 kHz
// (TestKWeightingAt48k). Narration measured at its own rate measures as it does
// resampled to 48 kHz, without resampling it.
func newLoudnessMeterAt(rate int) *loudnessMeter {
	fs := float64(rate)
	const (
		shelfF, shelfG, shelfQ = 1681.974450955533, 3.999843853973347, 0.7071752369554196
		passF, passQ           = 38.13547087602444, 0.5003270373238773
	)
	k := math.Tan(math.Pi * shelfF / fs)
	vh := math.Pow(10, shelfG/20)
	vb := math.Pow(vh, 0.4996667741545416)
	a0 := 1 + k/shelfQ + k*k
	s1 := biquad{b0: (vh + vb*k/shelfQ + k*k) / a0, b1: 2 * (k*k - vh) / a0, b2: (vh - vb*k/shelfQ + k*k) / a0,
		a1: 2 * (k*k - 1) / a0, a2: (1 - k/shelfQ + k*k) / a0}
	k = math.Tan(math.Pi * passF / fs)
	a0 = 1 + k/passQ + k*k
	s2 := biquad{b0: 1, b1: -2, b2: 1, a1: 2 * (k*k - 1) / a0, a2: (1 - k/passQ + k*k) / a0}
	return &loudnessMeter{s1: s1, s2: s2, block: rate / 10}
}

// add feeds samples in int16 units.
func (l *loudnessMeter) add(xs []float64) {
	for _, x := range xs {
		x /= 32768
		if a := math.Abs(x); a > l.maxPeak {
			l.maxPeak = a
		}
		y := l.s2.run(l.s1.run(x))
		l.acc += y * y
		l.accN++
		if l.accN == l.block {
			l.sub = append(l.sub, l.acc/float64(l.accN))
			l.acc, l.accN = 0, 0
		}
	}
}

// integrated returns the gated integrated loudness in LUFS (mono), or -Inf for silence.
func (l *loudnessMeter) integrated() float64 {
	var blocks []float64
	for i := 0; i+4 <= len(l.sub); i++ { // 400 ms blocks, 75% overlap
		blocks = append(blocks, (l.sub[i]+l.sub[i+1]+l.sub[i+2]+l.sub[i+3])/4)
	}
	lufs := func(p float64) float64 { return -0.691 + 10*math.Log10(p) }
	gated := func(th float64) (float64, int) {
		s, n := 0.0, 0
		for _, b := range blocks {
			if b > 0 && lufs(b) > th {
				s += b
				n++
			}
		}
		return s, n
	}
	s, n := gated(-70)
	if n == 0 {
		return math.Inf(-1)
	}
	rel := lufs(s/float64(n)) - 10
	s, n = gated(rel)
	if n == 0 {
		return math.Inf(-1)
	}
	return lufs(s / float64(n))
}

// measure runs the mix once and returns the loudness of its voice, its beds and the sum
// (beds at their current gains).
func (m *mixer) measure() (voiceL, bedL, mixL float64) {
	const chunk = OutputSampleRate
	vm, bm, mm := newLoudnessMeter(), newLoudnessMeter(), newLoudnessMeter()
	vb, bb, sum := make([]float64, chunk), make([]float64, chunk), make([]float64, chunk)
	for pos := int64(0); pos < m.total; pos += chunk {
		n := min(chunk, m.total-pos)
		m.parts(pos, vb[:n], bb[:n])
		for i := range n {
			sum[i] = vb[i] + bb[i]
		}
		if len(m.beds) == 0 {
			// Without beds the mix is the voice: one meter serves both.
			mm.add(vb[:n])
			continue
		}
		vm.add(vb[:n])
		bm.add(bb[:n])
		mm.add(sum[:n])
	}
	if len(m.beds) == 0 {
		l := mm.integrated()
		return l, math.Inf(-1), l
	}
	return vm.integrated(), bm.integrated(), mm.integrated()
}

// level sets the beds' gains from the narration's loudness, then returns the gain that
// brings the whole mix to TargetLUFS.
func (m *mixer) level() float64 {
	if len(m.beds) > 0 {
		// Each bed's own loudness is measured once when it is loaded.
		voiceL, _, _ := m.measure()
		if math.IsInf(voiceL, -1) {
			voiceL = TargetLUFS - dualMono
		}
		for _, bd := range m.beds {
			if math.IsNaN(bd.loud) || math.IsInf(bd.loud, -1) {
				bd.gain = 0
				continue
			}
			g := voiceL + bd.rel[1] - bd.loud
			under := voiceL + bd.rel[0] - bd.loud
			bd.gain = math.Pow(10, g/20)
			bd.duck = math.Pow(10, (under-g)/20)
		}
	}
	_, _, mixL := m.measure()
	if math.IsInf(mixL, -1) || math.IsNaN(mixL) {
		return 1
	}
	return math.Pow(10, math.Min(30, TargetLUFS-dualMono-mixL)/20)
}

// write streams the mix as s16le mono at OutputSampleRate, scaled by gain and held under
// PeakCeiling by a look-ahead limiter with a smooth release.
func (m *mixer) write(w io.Writer, gain float64) error { return m.writeSpan(w, gain, 0, m.total) }

// writeSpan is write for samples [from, to) alone (silence before 0; to at most the mix's
// end), the limiter starting at rest: the same samples as write's wherever the limiter is
// at rest at from (as after silence longer than its release).
//
// Narration at its normal level mostly has the limiter at rest: a chunk with no sample
// over the ceiling, and the gain back at 1, is written as mixed (the limiter would
// multiply every sample by 1).
func (m *mixer) writeSpan(w io.Writer, gain float64, from, to int64) error {
	to = min(to, m.total)
	if from < 0 {
		if _, err := w.Write(make([]byte, 2*min(-from, to-from))); err != nil {
			return err
		}
		from = 0
	}
	const chunk = OutputSampleRate
	L := int64(OutputSampleRate * 3 / 1000) // attack ramp: 3 ms
	release := 1 / (0.08 * OutputSampleRate)
	ceil := math.Pow(10, PeakCeiling/20) * 32767
	ext := chunk + 2*L
	x := make([]float64, ext) // the voices' sum, then the mix
	var bb, gl []float64      // the beds' sum; the limiter's gains
	if len(m.beds) > 0 {
		bb = make([]float64, ext)
	}
	out := make([]byte, 2*chunk)
	g := 1.0
	for pos := from; pos < to; pos += chunk {
		n := min(chunk, to-pos)
		lo, hi := max(0, pos-L), min(m.total, pos+n+L) // the chunk and the limiter's look-around
		k := hi - lo
		m.parts(lo, x[:k], bb[:min(k, int64(len(bb)))])
		// Without beds, (voice + 0) * gain is voice * gain, but for the sign of a zero,
		// which no output sample has.
		if len(m.beds) > 0 {
			for i := range k {
				x[i] = (x[i] + bb[i]) * gain
			}
		} else if gain != 1 {
			for i := range k {
				x[i] *= gain
			}
		}
		y := x[pos-lo : pos-lo+n]
		if g < 1 || !within(x[:k], ceil) {
			if gl == nil {
				gl = make([]float64, chunk)
			}
			limiterGains(gl[:n], x[:k], lo-pos, L, ceil)
			for i := range n {
				g = min(gl[i], g+release) // as math.Min, for NaNs and zeros too
				y[i] *= g
			}
		}
		for i := pcm16Fast(m.simd, y, out); i < len(y); i++ {
			binary.LittleEndian.PutUint16(out[2*i:], uint16(clip16(float32(y[i]))))
		}
		if _, err := w.Write(out[:2*n]); err != nil {
			return err
		}
	}
	return nil
}

// limiterGains sets gl, the limiter's target gain for each sample of a chunk, from x, the
// mix around it (x[i] is the chunk's sample i+off): every sample over the ceiling pulls
// the gain down around it, ramping over L samples either side.
func limiterGains(gl, x []float64, off, L int64, ceil float64) {
	n := int64(len(gl))
	for i := range gl {
		gl[i] = 1
	}
	for i, s := range x {
		a := math.Abs(s)
		if a <= ceil {
			continue
		}
		tg := ceil / a
		c := int64(i) + off // its index in the chunk
		for j := max(0, c-L); j < min(n, c+L+1); j++ {
			d := float64(abs64(j-c)) / float64(L)
			if v := tg + (1-tg)*d; v < gl[j] {
				gl[j] = v
			}
		}
	}
}

// within reports whether every sample of x is within [-c, c] (NaNs count as within: the
// limiter's comparison passes them over).
func within(x []float64, c float64) bool {
	for _, v := range x {
		if v > c || v < -c {
			return false
		}
	}
	return true
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// decodeAudio decodes an audio file (or a video's sound) to mono s16 at OutputSampleRate,
// starting at start seconds and at most max long.
func (r *Renderer) decodeAudio(ctx context.Context, path string, start float64, max time.Duration) ([]int16, error) {
	cmd := media.Command(ctx, r.opt.FFmpeg, "-hide_banner", "-loglevel", "error", "-nostdin",
		"-ss", strconv.FormatFloat(start, 'f', 3, 64), "-i", path, "-t", strconv.FormatFloat(max.Seconds(), 'f', 3, 64),
		"-vn", "-sn", "-ac", "1", "-ar", strconv.Itoa(OutputSampleRate), "-f", "s16le", "pipe:1")
	b, err := media.Output(cmd)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("decode audio: %w: %s", err, tailString(string(ee.Stderr), 300))
		}
		return nil, err
	}
	pcm := make([]int16, len(b)/2)
	for i := range pcm {
		pcm[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return pcm, nil
}

func tailString(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// pcmLoudness measures the loudness (mono LUFS) of pcm, sampled at rate.
func pcmLoudness(pcm []int16, rate int) float64 {
	lm := newLoudnessMeterAt(rate)
	buf := make([]float64, 0, 4096)
	for _, s := range pcm {
		buf = append(buf, float64(s))
		if len(buf) == cap(buf) {
			lm.add(buf)
			buf = buf[:0]
		}
	}
	lm.add(buf)
	return lm.integrated()
}

// addMusic loads the storyboard's music asset as a bed over the whole video.
func (r *Renderer) addMusic(ctx context.Context, m *mixer, assetID string) error {
	if r.opt.Assets == nil {
		return fmt.Errorf("music asset %s: no asset store", assetID)
	}
	path, err := r.assetFile(ctx, assetID)
	if err != nil {
		return fmt.Errorf("music asset %s: %w", assetID, err)
	}
	defer os.Remove(path)
	pcm, err := r.decodeAudio(ctx, path, 0, maxMusicLength)
	if err != nil {
		return fmt.Errorf("music asset %s: %w", assetID, err)
	}
	if len(pcm) == 0 {
		return fmt.Errorf("music asset %s has no sound", assetID)
	}
	m.beds = append(m.beds, &bed{at: 0, n: m.total, pcm: pcm, loud: pcmLoudness(pcm, OutputSampleRate), rel: [2]float64{musicUnderSpeech, musicAlone},
		fadeI: int64(musicFadeIn) * OutputSampleRate / int64(time.Second), fadeO: int64(musicFadeOut) * OutputSampleRate / int64(time.Second)})
	return nil
}

// addClipSound adds a video scene's own sound as a bed over its scene.
func (r *Renderer) addClipSound(ctx context.Context, m *mixer, p *scenePlan, fps int) error {
	v := p.scene.Visual
	path, err := r.assetFile(ctx, v.AssetID)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	if info, err := media.Probe(ctx, path); err == nil && info.Audio() == nil {
		return nil // a clip without a sound track (common for b-roll) adds nothing
	}
	dur := frameTime(p.frames, fps)
	pcm, err := r.decodeAudio(ctx, path, v.ClipStart, dur)
	if err != nil || len(pcm) == 0 {
		return err // a clip without sound is fine
	}
	fade := int64(OutputSampleRate / 5)
	m.beds = append(m.beds, &bed{at: int64(p.start) * OutputSampleRate / int64(fps), n: int64(p.frames) * OutputSampleRate / int64(fps),
		pcm: pcm, loud: pcmLoudness(pcm, OutputSampleRate), rel: [2]float64{clipUnderSpeech, clipAlone}, fadeI: fade, fadeO: fade})
	return nil
}

// assetFile copies an asset into a temporary file (ffmpeg needs to seek in MP4s).
func (r *Renderer) assetFile(ctx context.Context, id string) (string, error) {
	rc, err := r.opt.Assets.Open(ctx, id)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	f, err := os.CreateTemp("", "render-asset-")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(f, io.LimitReader(rc, maxClipBytes))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

var _ = videoagent.VisualVideo
