package mp4

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/openvideoagent/videoagent/internal/x264"
)

// rawFrames is n I420 frames of ffmpeg's test pattern at w x h.
func rawFrames(t *testing.T, w, h, n int) []byte {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s="+strconv.Itoa(w)+"x"+strconv.Itoa(h)+":r=30",
		"-frames:v", strconv.Itoa(n), "-pix_fmt", "yuv420p", "-f", "rawvideo", "-").Output()
	if err != nil {
		t.Fatalf("ffmpeg: %v", err)
	}
	if len(out) != n*w*h*3/2 {
		t.Fatalf("ffmpeg gave %d bytes for %d frames", len(out), n)
	}
	return out
}

// writeX264Segments encodes frames with the renderer's x264 settings into MP4 segments
// written by Segment, cut into len(paths) equal parts, all with one encoder restarted at
// each cut (x264.Encoder.Restart), as the renderer's workers encode their segments.
func writeX264Segments(t *testing.T, w, h int, frames []byte, paths ...string) {
	t.Helper()
	enc, err := x264.Open(x264.Options{Width: w, Height: h, FPS: 30, Preset: "ultrafast", CRF: 23, Params: "8x8dct=1:deblock=1",
		Level: 41, KeyInt: 150, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	part := len(frames) / len(paths)
	for i, path := range paths {
		if i > 0 {
			if err := enc.Restart(); err != nil {
				t.Fatal(err)
			}
		}
		seg, err := NewSegment(w, h, 30, enc.SPS(), enc.PPS())
		if err != nil {
			t.Fatal(err)
		}
		add := func(f x264.Frame) error { seg.Add(f.Data, f.Key); return nil }
		size := w * h * 3 / 2
		for off := i * part; off < (i+1)*part; off += size {
			if err := enc.Encode(frames[off:off+size], add); err != nil {
				t.Fatal(err)
			}
		}
		if err := enc.Flush(add); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := seg.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSegmentFromX264 writes two segments of x264's frames with Segment (the second after
// the encoder restarted), reads them back as Join does and joins them with audio: ffprobe
// sees the stream the renderer asked for, the joined file decodes to the segments' frames
// (so the second, decoded alone, needs nothing of the first), and those are the source's
// frames within x264's loss.
func TestSegmentFromX264(t *testing.T) {
	dir := t.TempDir()
	const w, h, n = 320, 240, 30
	src := rawFrames(t, w, h, 2*n)
	a, b := filepath.Join(dir, "a.mp4"), filepath.Join(dir, "b.mp4")
	writeX264Segments(t, w, h, src, a, b)

	var probe struct {
		Streams []struct {
			CodecName, Profile, PixFmt, ColorSpace, ColorRange, ColorPrimaries, NbFrames, Duration string
			Width, Height, Level                                                                   int
		}
	}
	out, err := exec.Command("ffprobe", "-v", "error", "-of", "json", "-show_streams", a).Output()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	// ffprobe's keys are snake_case.
	out = regexp.MustCompile(`"([a-z]+)_([a-z]+)"`).ReplaceAllFunc(out, func(k []byte) []byte { return bytes.ReplaceAll(k, []byte("_"), nil) })
	if err := json.Unmarshal(out, &probe); err != nil || len(probe.Streams) != 1 {
		t.Fatalf("ffprobe: %v %s", err, out)
	}
	s := probe.Streams[0]
	if s.CodecName != "h264" || s.Profile != "High" || s.Level != 41 || s.Width != w || s.Height != h || s.PixFmt != "yuv420p" ||
		s.ColorSpace != "bt709" || s.ColorRange != "tv" || s.ColorPrimaries != "bt709" || s.NbFrames != "30" || s.Duration != "1.000000" {
		t.Errorf("segment stream: %+v", s)
	}

	for _, p := range []string{a, b} {
		seg, err := readSegment(p)
		if err != nil {
			t.Fatalf("readSegment: %v", err)
		}
		if len(seg.sizes) != n || !seg.sync[0] || seg.timescale != 90000 || seg.durations[0] != 3000 {
			t.Errorf("%s: %d samples, first sync %v, timescale %d, duration %d", p, len(seg.sizes), seg.sync[0], seg.timescale, seg.durations[0])
		}
	}
	joined := filepath.Join(dir, "joined.mp4")
	if err := Join(joined, []string{a, b}, encodeADTS(t, dir, 2)); err != nil {
		t.Fatalf("Join: %v", err)
	}
	want := append(decoded(t, a, "v:0"), decoded(t, b, "v:0")...)
	if got := decoded(t, joined, "v:0"); !slices.Equal(got, want) {
		t.Errorf("the joined video decodes to %d frames other than its segments' %d", len(got), len(want))
	}
	srcFile := filepath.Join(dir, "src.yuv")
	os.WriteFile(srcFile, src, 0o644)
	psnr, err := exec.Command("ffmpeg", "-v", "info", "-nostats", "-i", joined, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "320x240",
		"-framerate", "30", "-i", srcFile, "-lavfi", "[0:v][1:v]psnr", "-f", "null", "-").CombinedOutput()
	if err != nil {
		t.Fatalf("psnr: %v %s", err, psnr)
	}
	m := regexp.MustCompile(`average:([0-9.]+)`).FindSubmatch(psnr)
	if m == nil {
		t.Fatalf("no PSNR in %s", psnr)
	}
	if db, _ := strconv.ParseFloat(string(m[1]), 64); db < 35 {
		t.Errorf("the joined frames are %.1f dB from the source's", db)
	}
}

// TestSegmentRefuses: sizes a track cannot hold, parameter sets too short, and a segment
// that does not start with a key frame are errors.
func TestSegmentRefuses(t *testing.T) {
	sps, pps := []byte{0x67, 100, 0, 41}, []byte{0x68}
	for _, c := range []struct {
		w, h, fps int
		sps       []byte
	}{{0, 240, 30, sps}, {320, 70000, 30, sps}, {320, 240, 0, sps}, {320, 240, 30, sps[:2]}} {
		if _, err := NewSegment(c.w, c.h, c.fps, c.sps, pps); err == nil {
			t.Errorf("NewSegment(%d, %d, %d, %d-byte SPS) took it", c.w, c.h, c.fps, len(c.sps))
		}
	}
	seg, err := NewSegment(320, 240, 30, sps, pps)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seg.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("an empty segment was written")
	}
	seg.Add([]byte{0, 0, 0, 1, 0x41}, false)
	if _, err := seg.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("a segment starting with a frame that is not a key frame was written")
	}
}
