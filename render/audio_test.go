package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// musicWAV is 5 s of a soft chord with a beat, as a 44.1 kHz mono WAV.
func musicWAV() []byte {
	const rate = 44100
	n := rate * 5
	pcm := make([]int16, n)
	for i := range pcm {
		t := float64(i) / rate
		beat := 0.6 + 0.4*math.Exp(-8*math.Mod(t, 0.5))
		v := 0.0
		for _, f := range []float64{220, 277.18, 329.63} {
			v += math.Sin(2 * math.Pi * f * t)
		}
		pcm[i] = int16(6000 * beat * v / 3)
	}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(2 * rate), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(2*n))
	binary.Write(&b, binary.LittleEndian, pcm)
	return b.Bytes()
}

// ebur128 measures a file's integrated loudness and true peak with ffmpeg.
func ebur128(t *testing.T, path string) (lufs, peak float64) {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-hide_banner", "-nostats", "-i", path, "-filter_complex", "ebur128=peak=true", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("ebur128: %v %s", err, out)
	}
	s := string(out)
	mi := regexp.MustCompile(`I:\s+(-?[\d.]+) LUFS`).FindAllStringSubmatch(s, -1)
	mp := regexp.MustCompile(`Peak:\s+(-?[\d.]+|-inf) dBFS`).FindAllStringSubmatch(s, -1)
	if len(mi) == 0 || len(mp) == 0 {
		t.Fatalf("no ebur128 summary in %s", s[max(0, len(s)-600):])
	}
	lufs, _ = strconv.ParseFloat(mi[len(mi)-1][1], 64)
	peak, _ = strconv.ParseFloat(mp[len(mp)-1][1], 64)
	return lufs, peak
}

// Narration alone (each voice measured at its own sample rate and brought to the target)
// comes out at -16 LUFS with its true peak under -1 dBTP, by ffmpeg's measure.
func TestNarrationLoudness(t *testing.T) {
	t.Parallel()
	sb := shortStoryboard("16:9", "720p")
	r := New(Options{Presenters: &fakePresenters{}, NoGIF: true})
	res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	lufs, peak := ebur128(t, res.VideoPath)
	t.Logf("ebur128: %.2f LUFS, true peak %.1f dBTP", lufs, peak)
	if math.Abs(lufs-TargetLUFS) > 1 {
		t.Errorf("integrated loudness %.2f LUFS, want %.0f within 1 LU", lufs, TargetLUFS)
	}
	if peak >= -1 {
		t.Errorf("true peak %.1f dBTP, want under -1", peak)
	}
}

// The soundtrack with background music is normalised to -16 LUFS with its true peak under
// -1 dBTP; a second rendition with captions burned in and a GIF preview are written; every
// output's audio and video last the same within one frame.
func TestMusicLoudnessRenditions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := shortStoryboard("16:9", "720p")
	sb.Captions = false
	sb.MusicAssetID = "music"
	ns := narrationsFor(sb)
	r := New(Options{Presenters: &fakePresenters{}, Assets: memAssets{"music": musicWAV()}})
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir(), CaptionedRendition: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.CaptionedVideoPath == "" || res.CaptionedVideoPath == res.VideoPath {
		t.Fatalf("captioned rendition %q", res.CaptionedVideoPath)
	}
	frame := time.Second / 30
	for _, path := range []string{res.VideoPath, res.CaptionedVideoPath} {
		_, v, a := probeAV(t, path)
		if d := a.Duration - v.Duration; d < -frame || d > frame {
			t.Errorf("%s: audio %v video %v", path, a.Duration, v.Duration)
		}
		if d := v.Duration - res.Duration; d < -frame || d > frame {
			t.Errorf("%s: video %v, want %v", path, v.Duration, res.Duration)
		}
		lufs, peak := ebur128(t, path)
		if math.Abs(lufs-TargetLUFS) > 1 {
			t.Errorf("%s: integrated loudness %.1f LUFS, want %.0f within 1 LU", path, lufs, TargetLUFS)
		}
		if peak >= -1 {
			t.Errorf("%s: true peak %.1f dBTP, want under -1", path, peak)
		}
	}
	// Captions differ between the renditions: the captioned one shows the first cue.
	cue := BuildCues(shiftNarration(ns[0], LeadIn).Words)[0]
	at := cue.Start + 100*time.Millisecond
	plain, err := media.ExtractFrame(ctx, res.VideoPath, at)
	if err != nil {
		t.Fatal(err)
	}
	capt, err := media.ExtractFrame(ctx, res.CaptionedVideoPath, at)
	if err != nil {
		t.Fatal(err)
	}
	W, H := 1280, 720
	diff := 0
	for y := H * 3 / 4; y < H; y += 2 {
		for x := 0; x < W; x += 2 {
			r1, g1, b1, _ := plain.At(x, y).RGBA()
			r2, g2, b2, _ := capt.At(x, y).RGBA()
			if absDiff(r1, r2)+absDiff(g1, g2)+absDiff(b1, b2) > 3*40*256 {
				diff++
			}
		}
	}
	if diff < 500 {
		t.Errorf("the captioned rendition shows no caption at %v (%d pixels differ)", at, diff)
	}
	gif, err := os.ReadFile(res.GIFPath)
	if err != nil || !bytes.HasPrefix(gif, []byte("GIF89a")) || len(gif) > 4<<20 {
		t.Errorf("GIF preview: %v, %d bytes", err, len(gif))
	}
	// The GIF starts 0.3 s into the second scene: its first frame is the video's frame
	// there, not the title card's.
	f0, _ := planFrames(sb.Scenes[0], ns[0], sb.FPS)
	gifAt := frameTime(f0, sb.FPS) + 300*time.Millisecond
	small := func(path string, at time.Duration) []byte {
		out, err := exec.Command("ffmpeg", "-v", "error", "-ss", fmt.Sprintf("%.3f", at.Seconds()), "-i", path,
			"-frames:v", "1", "-vf", "scale=64:36,format=gray", "-f", "rawvideo", "pipe:1").Output()
		if err != nil || len(out) != 64*36 {
			t.Fatalf("decode %s at %v: %v (%d bytes)", path, at, err, len(out))
		}
		return out
	}
	g := small(res.GIFPath, 0)
	// Half a frame early: -ss keeps the first frame at or after it, and gifAt, given in
	// milliseconds, may fall just after the frame meant.
	video := small(res.VideoPath, gifAt-frameTime(1, sb.FPS)/2)
	same, title := meanAbsDiff(g, video), meanAbsDiff(g, small(res.VideoPath, 0))
	if same > 6 || same >= title {
		t.Errorf("GIF's first frame differs from the video at %v by %.1f grey levels (from the title card by %.1f)", gifAt, same, title)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// The loudness meter agrees with ffmpeg's ebur128 on a plain tone: a full-scale 1 kHz sine
// is -3.01 LUFS per channel.
func TestLoudnessMeter(t *testing.T) {
	lm := newLoudnessMeter()
	xs := make([]float64, OutputSampleRate*3)
	for i := range xs {
		xs[i] = 32767 * 0.5 * math.Sin(2*math.Pi*1000*float64(i)/OutputSampleRate)
	}
	lm.add(xs)
	if l := lm.integrated(); math.Abs(l-(-3.01-6.02)) > 0.1 {
		t.Errorf("half-scale 1 kHz sine measured %.2f LUFS, want -9.03", l)
	}
}

// The K-weighting filters made for 48 kHz are the coefficients BS.1770-4 tabulates.
func TestKWeightingAt48k(t *testing.T) {
	lm := newLoudnessMeterAt(48000)
	want := [2]biquad{
		{b0: 1.53512485958697, b1: -2.69169618940638, b2: 1.19839281085285, a1: -1.69065929318241, a2: 0.73248077421585},
		{b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621},
	}
	for i, got := range [2]biquad{lm.s1, lm.s2} {
		g := []float64{got.b0, got.b1, got.b2, got.a1, got.a2}
		w := []float64{want[i].b0, want[i].b1, want[i].b2, want[i].a1, want[i].a2}
		for j := range g {
			if math.Abs(g[j]-w[j]) > 1e-8 {
				t.Errorf("filter %d coefficient %d: %.14f, want %.14f", i+1, j, g[j], w[j])
			}
		}
	}
}

// A voice measured at its own sample rate measures as it does resampled to 48 kHz (which
// is how it is heard): speech-like sound at 22.05, 24 and 16 kHz.
func TestLoudnessAtNativeRate(t *testing.T) {
	for _, rate := range []int{22050, 24000, 16000} {
		n := synthNarration("Every team needs a plan that adapts when the week changes.", 1)
		src := n.Samples
		if n.SampleRate != rate {
			src = resample(src, n.SampleRate, rate)
		}
		up := resample(src, rate, OutputSampleRate)
		native, heard := pcmLoudness(src, rate), pcmLoudness(up, OutputSampleRate)
		if math.Abs(native-heard) > 0.1 {
			t.Errorf("%d Hz: %.2f LUFS at its own rate, %.2f at 48 kHz", rate, native, heard)
		}
	}
}

// resample converts pcm from one rate to another with the renderer's resampler.
func resample(pcm []int16, from, to int) []int16 {
	run := make([]float64, int64(len(pcm))*int64(to)/int64(from))
	newResampler(from, to).samples(pcm, 0, run)
	out := make([]int16, len(run))
	for j, v := range run {
		out[j] = int16(v) // a whole number in range: clip16's
	}
	return out
}

// The reference path: the mix as it was computed before the batch resampler, one output
// sample at a time (resampler.sample, voice.sample, mixer.parts and mixer.writeSpan as
// they were, with the resampler's position computed by division instead of its running
// state, which gives the same position). The mixer must write the very bytes it writes.

// refResample is output sample j of r, as resampler.sample (one output a call, now
// replaced by samples) computed it: the filter at the position found by division.
func refResample(r *resampler, src []int16, j int64) int16 {
	num := j * r.inG
	return r.filter(src, num/r.outG, num%r.outG)
}

// refVoiceSample is voice sample j, as voice.sample computed it.
func refVoiceSample(v *voice, j int64) float64 {
	if v.rs != nil {
		return float64(refResample(v.rs, v.src, j))
	}
	if j < int64(len(v.src)) {
		return float64(v.src[j])
	}
	return 0
}

// refParts is mixer.parts as it was: the voices one sample at a time.
func refParts(m *mixer, from int64, voiceOut, bedOut []float64) {
	n := int64(len(voiceOut))
	clear(voiceOut)
	clear(bedOut)
	for _, v := range m.voices {
		a, b := max(from, v.at), min(from+n, v.at+v.n)
		for t := a; t < b; t++ {
			voiceOut[t-from] += v.gain * refVoiceSample(v, t-v.at)
		}
	}
	m.bedParts(from, bedOut) // the beds are mixed as they were
}

// refWriteSpan is mixer.writeSpan as it was.
func refWriteSpan(m *mixer, w io.Writer, gain float64, from, to int64) error {
	to = min(to, m.total)
	if from < 0 {
		if _, err := w.Write(make([]byte, 2*min(-from, to-from))); err != nil {
			return err
		}
		from = 0
	}
	const chunk = OutputSampleRate
	L := int64(OutputSampleRate * 3 / 1000)
	release := 1 / (0.08 * OutputSampleRate)
	ceil := math.Pow(10, PeakCeiling/20) * 32767
	ext := chunk + 2*L
	vb, bb := make([]float64, ext), make([]float64, ext)
	x := make([]float64, ext)
	gl := make([]float64, chunk)
	out := make([]byte, 2*chunk)
	g := 1.0
	for pos := from; pos < to; pos += chunk {
		n := min(chunk, to-pos)
		lo, hi := max(0, pos-L), min(m.total, pos+n+L)
		k := hi - lo
		refParts(m, lo, vb[:k], bb[:k])
		for i := range k {
			x[i] = (vb[i] + bb[i]) * gain
		}
		limiterGains(gl[:n], x[:k], lo-pos, L, ceil)
		for i := range n {
			g = math.Min(gl[i], g+release)
			v := x[pos-lo+i] * g
			binary.LittleEndian.PutUint16(out[2*i:], uint16(clip16(float32(v))))
		}
		if _, err := w.Write(out[:2*n]); err != nil {
			return err
		}
	}
	return nil
}

// mixTestRates are the source rates the mix tests draw from: common narration rates, odd
// ones, one with too many phases to keep one per position (44099), the output rate (no
// resampling) and higher ones (a longer filter).
var mixTestRates = []int{22050, 24000, 16000, 44100, 8000, 11025, 44099, 48000, 96000, 32000}

// testPCM is n samples of one of several kinds of sound: speech-like tones, noise, full
// scale square waves (which the resampler overshoots past int16), silence with bursts.
func testPCM(rnd *rand.Rand, n int) []int16 {
	pcm := make([]int16, n)
	kind := rnd.Intn(4)
	amp := []float64{3000, 12000, 30000, 32767}[rnd.Intn(4)]
	f := 0.001 + rnd.Float64()*0.2
	for i := range pcm {
		var v float64
		switch kind {
		case 0:
			v = amp * math.Sin(2*math.Pi*f*float64(i)) * (0.6 + 0.4*math.Sin(float64(i)*0.0007))
		case 1:
			v = amp * (2*rnd.Float64() - 1)
		case 2:
			v = amp
			if int(float64(i)*f)%2 == 1 {
				v = -amp - 1
			}
		default:
			if (i/500)%3 == 0 {
				v = amp * (2*rnd.Float64() - 1)
			}
		}
		pcm[i] = int16(math.Max(-32768, math.Min(32767, v)))
	}
	return pcm
}

// randomMixer is a mixer of a few voices (at mixTestRates, some shorter than the
// resampler's filter, some overlapping, some cut short by their scene, with gains that
// send many samples over the limiter's ceiling) and, when beds, of music and clip sounds
// ducked under random speech; the resamplers run kernel k.
func randomMixer(rnd *rand.Rand, k simd, beds bool) *mixer {
	m := &mixer{total: 1 + rnd.Int63n(2*OutputSampleRate), simd: k}
	if rnd.Intn(4) == 0 {
		m.total = 1 + rnd.Int63n(3000)
	}
	for range rnd.Intn(5) {
		rate := mixTestRates[rnd.Intn(len(mixTestRates))]
		n := 1 + rnd.Intn(rate*3/2)
		if rnd.Intn(4) == 0 {
			n = 1 + rnd.Intn(80)
		}
		v := &voice{at: rnd.Int63n(m.total), src: testPCM(rnd, n), rate: rate, gain: 1}
		if rnd.Intn(2) == 0 {
			v.at = v.at / aacFrame * aacFrame
		}
		v.n = 1 + rnd.Int63n(m.total-v.at)
		if rnd.Intn(3) > 0 {
			v.gain = 0.2 + 4.8*rnd.Float64()
		}
		if rate != OutputSampleRate {
			v.rs = newResampler(rate, OutputSampleRate)
			v.rs.simd = k
		}
		m.voices = append(m.voices, v)
	}
	if !beds {
		return m
	}
	for range 1 + rnd.Intn(2) {
		bd := &bed{at: rnd.Int63n(m.total), pcm: testPCM(rnd, 1+rnd.Intn(OutputSampleRate)), gain: 0.1 + 2*rnd.Float64(),
			duck: rnd.Float64(), fadeI: rnd.Int63n(OutputSampleRate), fadeO: 1 + rnd.Int63n(OutputSampleRate)}
		bd.n = 1 + rnd.Int63n(m.total-bd.at)
		m.beds = append(m.beds, bd)
	}
	for range rnd.Intn(30) {
		a := rnd.Int63n(m.total)
		m.speech = append(m.speech, [2]int64{a, a + rnd.Int63n(OutputSampleRate/2)})
	}
	sort.Slice(m.speech, func(i, j int) bool { return m.speech[i][0] < m.speech[j][0] })
	return m
}

// mixSpans are the spans the mix tests write of m: all of it, and pieces starting before
// it, inside it, running past its end.
func mixSpans(rnd *rand.Rand, m *mixer) [][2]int64 {
	spans := [][2]int64{{0, m.total}}
	for range 3 {
		from := rnd.Int63n(m.total+2*aacFrame) - 2*aacFrame
		spans = append(spans, [2]int64{from, from + 1 + rnd.Int63n(m.total+aacFrame)})
	}
	return spans
}

// mixGain is a random gain for the whole mix: often 1 (narration alone), else louder or
// softer.
func mixGain(rnd *rand.Rand) float64 {
	if rnd.Intn(2) == 0 {
		return 1
	}
	return 0.3 + 3*rnd.Float64()
}

// checkMixMatchesReference writes every span of m with mixer.writeSpan and with the
// reference path, and fails at the first byte that differs; it checks mixer.parts against
// the reference bit for bit too (measure reads it).
func checkMixMatchesReference(t *testing.T, rnd *rand.Rand, m *mixer, gain float64, what string) {
	t.Helper()
	for _, s := range mixSpans(rnd, m) {
		var got, want bytes.Buffer
		if err := m.writeSpan(&got, gain, s[0], s[1]); err != nil {
			t.Fatal(err)
		}
		if err := refWriteSpan(m, &want, gain, s[0], s[1]); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Fatalf("%s: span %d-%d of %d samples (%d voices, %d beds, gain %v): %d bytes, want %d; byte %d differs",
				what, s[0], s[1], m.total, len(m.voices), len(m.beds), gain, got.Len(), want.Len(), i)
		}
	}
	from := rnd.Int63n(m.total)
	n := 1 + rnd.Int63n(m.total-from)
	gv, gb := make([]float64, n), make([]float64, n)
	wv, wb := make([]float64, n), make([]float64, n)
	m.parts(from, gv, gb)
	refParts(m, from, wv, wb)
	for i := range n {
		if math.Float64bits(gv[i]) != math.Float64bits(wv[i]) || math.Float64bits(gb[i]) != math.Float64bits(wb[i]) {
			t.Fatalf("%s: parts from %d, sample %d: voice %v bed %v, want %v %v", what, from, from+int64(i), gv[i], gb[i], wv[i], wb[i])
		}
	}
}

// The mix (mixer.writeSpan and mixer.parts) gives the reference path's very bytes, for
// random mixers of voices at many rates, gains and lengths, with and without beds, the
// resampler's SIMD kernel on (where the CPU has it) and off.
func TestMixMatchesReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	for i := range 60 {
		for _, k := range []simd{hostSIMD, plainSIMD} {
			m := randomMixer(rnd, k, i%3 == 2)
			checkMixMatchesReference(t, rnd, m, mixGain(rnd), fmt.Sprintf("mixer %d, %+v", i, k))
		}
	}
}

// FuzzMixMatchesReference is TestMixMatchesReference from any seed.
func FuzzMixMatchesReference(f *testing.F) {
	for _, s := range []int64{1, 2, 3, 42} {
		f.Add(s, false, true)
		f.Add(s, true, false)
	}
	f.Fuzz(func(t *testing.T, seed int64, beds, plain bool) {
		rnd := rand.New(rand.NewSource(seed))
		k := hostSIMD
		if plain {
			k = plainSIMD
		}
		checkMixMatchesReference(t, rnd, randomMixer(rnd, k, beds), mixGain(rnd), fmt.Sprintf("seed %d", seed))
	})
}

// checkResamplerRuns compares resampler.samples, over runs of random lengths (following
// on, and jumping back and ahead), with the reference one sample at a time, bit for bit.
func checkResamplerRuns(t *testing.T, rnd *rand.Rand, in int, k simd, src []int16) {
	t.Helper()
	r := newResampler(in, OutputSampleRate)
	r.simd = k
	end := (int64(len(src))+int64(r.half))*OutputSampleRate/int64(in) + 40
	j := int64(0)
	var out []float64
	for range 40 {
		n := 1 + rnd.Intn(300)
		if rnd.Intn(3) == 0 {
			n = 1 + rnd.Intn(20)
		}
		switch rnd.Intn(4) {
		case 0:
			j = rnd.Int63n(end)
		case 1:
			j = max(0, j-int64(rnd.Intn(50)))
		}
		out = append(out[:0], make([]float64, n)...)
		r.samples(src, j, out)
		for i, got := range out {
			if want := float64(refResample(r, src, j+int64(i))); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%d Hz, %d samples, %+v: run of %d from %d: sample %d is %v, want %v", in, len(src), k, n, j, j+int64(i), got, want)
			}
		}
		j += int64(n)
	}
}

// The resampler's runs (resampler.samples: the batch kernels inside the source, the
// filter one sample at a time at its ends) give the reference's samples bit for bit, at
// every test rate, for sources shorter than the filter to several seconds, loud enough to
// clip.
func TestResamplerRunsMatchReference(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	for _, in := range mixTestRates {
		if in == OutputSampleRate {
			continue
		}
		for _, n := range []int{1, 7, 25, 26, 31, 32, 33, 60, 200, 5000, 3 * in} {
			for _, k := range []simd{hostSIMD, plainSIMD} {
				checkResamplerRuns(t, rnd, in, k, testPCM(rnd, n))
			}
		}
	}
}

// FuzzResamplerRuns is TestResamplerRunsMatchReference from any seed, source length and
// rate.
func FuzzResamplerRuns(f *testing.F) {
	f.Add(int64(1), uint16(300), uint8(0))
	f.Add(int64(2), uint16(40), uint8(6))
	f.Fuzz(func(t *testing.T, seed int64, n uint16, rate uint8) {
		rnd := rand.New(rand.NewSource(seed))
		in := mixTestRates[int(rate)%len(mixTestRates)]
		if in == OutputSampleRate {
			in = 12000
		}
		checkResamplerRuns(t, rnd, in, hostSIMD, testPCM(rnd, 1+int(n)))
	})
}

// A peak just before a chunk's end leaves the limiter's gain below 1 into the next chunk,
// which has no sample over the ceiling: the gain comes back up there as the reference's
// does, not at once.
func TestLimiterRecoversAcrossChunks(t *testing.T) {
	src := make([]int16, 3*OutputSampleRate)
	for i := range src {
		src[i] = int16(9000 * math.Sin(float64(i)*0.05)) // well under the ceiling
	}
	for i := OutputSampleRate - 400; i < OutputSampleRate-200; i++ {
		src[i] = 32767 // a peak 200 samples before the first chunk's end
	}
	for _, k := range []simd{hostSIMD, plainSIMD} {
		m := &mixer{total: int64(len(src)), simd: k, voices: []*voice{{n: int64(len(src)), src: src, rate: OutputSampleRate, gain: 1}}}
		var got, want bytes.Buffer
		if err := m.writeSpan(&got, 1, 0, m.total); err != nil {
			t.Fatal(err)
		}
		if err := refWriteSpan(m, &want, 1, 0, m.total); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < got.Len() && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Fatalf("%+v: sample %d differs from the reference's", k, i/2)
		}
	}
}
