package ingest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSniffFtypRealFiles makes real ISO media files with ffmpeg (and a HEIC with libheif's
// heif-enc, as ffmpeg cannot write one) and checks that only MP4s with a video track are
// MP4 video: M4A audio, an audio-only .mp4, MOV, HEIC and AVIF are named for what they are,
// and refused with a message that says so.
func TestSniffFtypRealFiles(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Fatal("ffmpeg is required (scripts/install-deps.sh)")
	}
	dir := t.TempDir()
	video := []string{"-f", "lavfi", "-i", "testsrc=size=64x64:rate=10:duration=0.5"}
	audio := []string{"-f", "lavfi", "-i", "sine=frequency=440:duration=0.5"}
	cases := []struct {
		name string
		args []string // ffmpeg inputs and options; the output is name
		want string
	}{
		{"video.mp4", append(append([]string{}, video...), "-c:v", "libx264", "-pix_fmt", "yuv420p"), TypeMP4},
		{"video-audio-faststart.mp4", append(append(append([]string{}, video...), audio...), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"), TypeMP4},
		{"video.m4v", append(append([]string{}, video...), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "ipod"), TypeMP4},
		{"audio.m4a", append(append([]string{}, audio...), "-c:a", "aac"), TypeM4A},
		{"audio-only.mp4", append(append([]string{}, audio...), "-c:a", "aac"), TypeM4A},
		{"video.mov", append(append([]string{}, video...), "-c:v", "libx264", "-pix_fmt", "yuv420p"), TypeMOV},
		{"picture.avif", append(append([]string{}, video...), "-frames:v", "1", "-c:v", "libaom-av1", "-cpu-used", "8", "-still-picture", "1"), TypeAVIF},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name)
			args := append(append([]string{"-hide_banner", "-loglevel", "error", "-y"}, c.args...), out)
			if msg, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
				t.Fatalf("ffmpeg %v: %v\n%s", args, err, msg)
			}
			checkSniffed(t, out, c.want)
		})
	}
	t.Run("picture.heic", func(t *testing.T) {
		heifEnc, err := exec.LookPath("heif-enc")
		if err != nil {
			t.Fatal("heif-enc is required (libheif-examples, scripts/install-deps.sh)")
		}
		png := filepath.Join(dir, "still.png")
		if msg, err := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", png).CombinedOutput(); err != nil {
			t.Fatalf("ffmpeg: %v\n%s", err, msg)
		}
		out := filepath.Join(dir, "picture.heic")
		if msg, err := exec.Command(heifEnc, "-q", "50", png, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("heif-enc: %v\n%s", err, msg)
		}
		checkSniffed(t, out, TypeHEIF)
	})
}

func checkSniffed(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b[4:8]) != "ftyp" {
		t.Fatalf("%s does not start with an ftyp box: the test proves nothing", path)
	}
	got := Sniff(b)
	t.Logf("%s: major brand %q -> %s", filepath.Base(path), b[8:12], got)
	if got != want {
		t.Fatalf("Sniff = %q, want %q", got, want)
	}
	err = checkType(got)
	if want == TypeMP4 {
		if err != nil {
			t.Fatalf("MP4 video refused: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("%s accepted", want)
	}
	words := map[string]string{TypeM4A: "M4A", TypeMOV: "MOV", TypeHEIF: "HEIC", TypeAVIF: "AVIF"}[want]
	if !strings.Contains(err.Error(), words) {
		t.Errorf("refusal %q does not say %s", err, words)
	}
}
