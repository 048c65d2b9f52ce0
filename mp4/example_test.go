package mp4_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/openvideoagent/videoagent/mp4"
)

// Join two H.264 segments, made here with ffmpeg as a renderer makes them (same encoder
// settings), with a soundtrack in ADTS AAC, into one fast-start MP4; fall back to another
// joiner for segments it does not copy.
func ExampleJoin() {
	dir, _ := os.MkdirTemp("", "mp4-example-")
	defer os.RemoveAll(dir)
	var segments []string
	for i, colour := range []string{"navy", "teal"} {
		seg := filepath.Join(dir, fmt.Sprintf("seg%d.mp4", i))
		ffmpeg("-f", "lavfi", "-i", "color=c="+colour+":s=320x180:r=30:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-an", seg)
		segments = append(segments, seg)
	}
	audio := filepath.Join(dir, "soundtrack.aac")
	ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=2:r=48000", "-c:a", "aac", "-f", "adts", audio)

	out := filepath.Join(dir, "video.mp4")
	err := mp4.Join(out, segments, audio)
	if errors.Is(err, mp4.ErrUnsupported) {
		log.Printf("joining with ffmpeg instead: %v", err)
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println(probe(out))
	// Output:
	// video h264 320x180 60 frames, audio aac, 2.0 s
}

// JoinTo writes the joined MP4 front to back, to any writer: here a buffer.
func ExampleJoinTo() {
	dir, _ := os.MkdirTemp("", "mp4-example-")
	defer os.RemoveAll(dir)
	seg := filepath.Join(dir, "seg.mp4")
	ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-an", seg)
	audio := filepath.Join(dir, "soundtrack.aac")
	ffmpeg("-f", "lavfi", "-i", "sine=f=220:d=2:r=48000", "-c:a", "aac", "-f", "adts", audio)

	var buf bytes.Buffer
	if err := mp4.JoinTo(&buf, []string{seg}, audio); err != nil {
		log.Fatal(err)
	}
	// The index comes first: the file starts with ftyp, then moov.
	fmt.Println(string(buf.Bytes()[4:8]), string(buf.Bytes()[int(be32(buf.Bytes()))+4:][:4]))
	// Output:
	// ftyp moov
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func ffmpeg(args ...string) {
	args = append([]string{"-hide_banner", "-loglevel", "error", "-y"}, args...)
	if out, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		log.Fatalf("ffmpeg: %v %s", err, out)
	}
}

// probe describes an MP4's streams as ffprobe reads them.
func probe(path string) string {
	out, err := exec.Command("ffprobe", "-v", "error", "-count_frames", "-show_entries",
		"stream=codec_type,codec_name,width,height,nb_read_frames:format=duration", "-of", "default=nw=1", path).Output()
	if err != nil {
		log.Fatal(err)
	}
	f := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		k, v, _ := strings.Cut(l, "=")
		f[k] = append(f[k], v)
	}
	var dur float64
	fmt.Sscan(f["duration"][0], &dur)
	return fmt.Sprintf("video %s %sx%s %s frames, audio %s, %.1f s", f["codec_name"][0], f["width"][0], f["height"][0], f["nb_read_frames"][0], f["codec_name"][1], dur)
}
