package mp4

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// encodeSegment encodes n frames of a test pattern (from frame from) as an H.264 MP4
// segment as the renderer's encoder writes them, with extra x264 options.
func encodeSegment(t testing.TB, dir string, from, n int, size string, x264 ...string) string {
	t.Helper()
	out := filepath.Join(dir, fmt.Sprintf("seg-%d-%d-%s%s.mp4", from, n, size, strings.Join(x264, "")))
	args := []string{"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=" + size + ":r=30",
		"-vf", fmt.Sprintf("trim=start_frame=%d:end_frame=%d,setpts=PTS-STARTPTS", from, from+n),
		"-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "30"}
	if len(x264) == 0 {
		x264 = []string{"-preset", "ultrafast"}
	}
	args = append(args, x264...)
	args = append(args, "-video_track_timescale", "90000", out)
	if b, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, b)
	}
	return out
}

// encodeADTS encodes d seconds of a tone as AAC in ADTS frames.
func encodeADTS(t testing.TB, dir string, d float64) string {
	t.Helper()
	out := filepath.Join(dir, "audio.aac")
	if b, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:r=48000:d="+strconv.FormatFloat(d, 'f', 3, 64),
		"-c:a", "aac", "-b:a", "128k", "-ac", "1", "-f", "adts", out).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, b)
	}
	return out
}

// decoded is the MD5 of every decoded frame of one stream of a file.
func decoded(t *testing.T, path, stream string, args ...string) []string {
	t.Helper()
	cmd := append(append([]string{"-v", "error"}, args...), "-i", path, "-map", "0:"+stream, "-f", "framemd5", "-")
	b, err := exec.Command("ffmpeg", cmd...).Output()
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	var sums []string
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Split(l, ","); len(f) == 6 && !strings.HasPrefix(l, "#") {
			sums = append(sums, strings.TrimSpace(f[5]))
		}
	}
	return sums
}

// packets lists a stream's packets as "pts dts duration flags", in time base units.
func packets(t *testing.T, path, stream string) []string {
	t.Helper()
	b, err := exec.Command("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
		"packet=pts,dts,duration,flags", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	return strings.Fields(string(b))
}

// Joined segments play as one video: every frame decodes to what it was in its segment,
// frames are shown exactly a frame apart (segments of 40, 13 and 71 frames, whose lengths
// are not whole milliseconds), the audio decodes to what the ADTS file holds, the index
// precedes the media data, and the two streams last what they hold; with and without
// B-frames (composition offsets, and an edit that skips the encoder's delay).
func TestJoinPlaysSegmentsInOrder(t *testing.T) {
	for _, preset := range []string{"ultrafast", "medium"} {
		t.Run(preset, func(t *testing.T) { testJoin(t, "-preset", preset) })
	}
	// As a file past 4 GiB is written: a 64-bit mdat size, 64-bit chunk offsets.
	t.Run("64-bit", func(t *testing.T) {
		defer func(v int64) { sizeLimit = v }(sizeLimit)
		sizeLimit = 1000
		b, err := os.ReadFile(testJoin(t, "-preset", "ultrafast"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b[:min(len(b), 1<<16)], []byte("co64")) || string(b[bytes.Index(b, []byte("mdat"))-4:][:4]) != "\x00\x00\x00\x01" {
			t.Error("no 64-bit chunk offsets or mdat size")
		}
	})
}

// testJoin checks a join of three segments encoded with x264 options, and returns it.
func testJoin(t *testing.T, x264 ...string) string {
	dir := t.TempDir()
	segs := []string{encodeSegment(t, dir, 0, 40, "320x180", x264...), encodeSegment(t, dir, 40, 13, "320x180", x264...),
		encodeSegment(t, dir, 53, 71, "320x180", x264...)}
	audio := encodeADTS(t, dir, 124.0/30)
	out := filepath.Join(dir, "joined.mp4")
	if err := Join(out, segs, audio); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range segs {
		want = append(want, decoded(t, s, "v")...)
	}
	if got := decoded(t, out, "v"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("joined video decodes to %d frames, not the segments' %d frames in order", len(got), len(want))
	}
	if got, want := decoded(t, out, "a"), decoded(t, audio, "a"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("joined audio decodes to %d frames, not the ADTS file's %d", len(got), len(want))
	}
	var keys []bool // the segments' key frames, in order
	for _, seg := range segs {
		for _, p := range packets(t, seg, "v") {
			keys = append(keys, strings.HasPrefix(strings.Split(p, ",")[3], "K"))
		}
	}
	pk := packets(t, out, "v")
	if len(pk) != 124 || len(keys) != 124 {
		t.Fatalf("%d video packets from segments of %d, want 124", len(pk), len(keys))
	}
	var pts []int
	for i, p := range pk {
		f := strings.Split(p, ",")
		v, _ := strconv.Atoi(f[0])
		pts = append(pts, v)
		if f[2] != "3000" || strings.HasPrefix(f[3], "K") != keys[i] {
			t.Fatalf("video packet %d: %s, want duration 3000, key frame %v", i, p, keys[i])
		}
	}
	slices.Sort(pts)
	for i, v := range pts {
		if v != 3000*i {
			t.Fatalf("frame %d shown at %d, want %d", i, v, 3000*i)
		}
	}
	first, err := MoovBeforeMdat(out)
	if err != nil || !first {
		t.Errorf("moov before mdat: %v %v", first, err)
	}
	info, err := media.Probe(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	frames := len(decoded(t, audio, "a"))
	near := func(d time.Duration, s float64) bool { return math.Abs(d.Seconds()-s) < 1e-5 }
	if v := info.Video(); v == nil || !near(v.Duration, 124.0/30) {
		t.Errorf("video stream %+v, want 124 frames' length", v)
	}
	if a := info.Audio(); a == nil || !near(a.Duration, float64(frames*1024)/48000) {
		t.Errorf("audio stream %+v, want its %d frames' length", a, frames)
	}
	return out
}

// Join refuses, with ErrUnsupported, what it would not copy faithfully: segments encoded
// differently (size, or B-frames against none), and files that are not MP4 or ADTS; and
// it does not panic on truncated files.
func TestJoinRefusesWhatItDoesNotCopy(t *testing.T) {
	dir := t.TempDir()
	audio := encodeADTS(t, dir, 1)
	plain := encodeSegment(t, dir, 0, 30, "320x180")
	bframes := encodeSegment(t, dir, 0, 30, "320x180", "-preset", "medium")
	other := encodeSegment(t, dir, 0, 30, "256x144")
	truncated := filepath.Join(dir, "truncated.mp4")
	b, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(truncated, b[:len(b)-100], 0o644)
	junk := filepath.Join(dir, "junk")
	os.WriteFile(junk, bytes.Repeat([]byte{0xff, 0xf1, 0x00}, 50), 0o644)
	for _, tc := range []struct {
		name  string
		segs  []string
		audio string
	}{
		{"B-frames after none", []string{plain, bframes}, audio},
		{"two sizes", []string{plain, other}, audio},
		{"truncated segment", []string{truncated}, audio},
		{"no segments", nil, audio},
		{"audio not ADTS", []string{plain}, plain},
		{"junk audio", []string{plain}, junk},
		{"junk segment", []string{junk}, audio},
	} {
		err := Join(filepath.Join(dir, "out.mp4"), tc.segs, tc.audio)
		if !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", tc.name, err)
		}
	}
}

// BenchmarkJoin joins 12 segments of 5 s of 720p and a minute of audio.
func BenchmarkJoin(b *testing.B) {
	dir := b.TempDir()
	seg := encodeSegment(b, dir, 0, 150, "1280x720")
	segs := make([]string, 12)
	for i := range segs {
		segs[i] = seg
	}
	audio := encodeADTS(b, dir, 60)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Join(filepath.Join(dir, "out.mp4"), segs, audio); err != nil {
			b.Fatal(err)
		}
	}
}
