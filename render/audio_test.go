package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
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
	rs := newResampler(from, to)
	out := make([]int16, int64(len(pcm))*int64(to)/int64(from))
	for j := range out {
		out[j] = rs.sample(pcm, int64(j))
	}
	return out
}
