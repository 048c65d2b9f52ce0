package media

import (
	"context"
	"image/color"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// makeClip encodes a 2 s 320x240 clip: the left half red, the right half blue, with a
// 440 Hz tone, as H.264 High + AAC.
func makeClip(t *testing.T, name string, faststart bool) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	args := []string{"-hide_banner", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", "color=c=red:s=160x240:r=30:d=2[l];color=c=blue:s=160x240:r=30:d=2[r];[l][r]hstack",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
		"-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p",
		"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
		"-c:a", "aac", "-ar", "48000"}
	if faststart {
		args = append(args, "-movflags", "+faststart")
	}
	args = append(args, out)
	if b, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}
	return out
}

func TestProbe(t *testing.T) {
	path := makeClip(t, "clip.mp4", true)
	info, err := Probe(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if info.FormatName != "mov,mp4,m4a,3gp,3g2,mj2" {
		t.Errorf("format %q", info.FormatName)
	}
	if d := info.Duration; d < 1900*time.Millisecond || d > 2100*time.Millisecond {
		t.Errorf("duration %v", d)
	}
	v, a := info.Video(), info.Audio()
	if v == nil || a == nil {
		t.Fatalf("streams %+v", info.Streams)
	}
	if v.CodecName != "h264" || v.Profile != "High" || v.PixFmt != "yuv420p" || v.Width != 320 || v.Height != 240 {
		t.Errorf("video %+v", v)
	}
	if v.RFrameRate != "30/1" || v.FrameRate != 30 {
		t.Errorf("frame rate %q %v", v.RFrameRate, v.FrameRate)
	}
	if v.ColorSpace != "bt709" || v.ColorPrimaries != "bt709" || v.ColorTransfer != "bt709" {
		t.Errorf("colour tags %q %q %q", v.ColorSpace, v.ColorPrimaries, v.ColorTransfer)
	}
	if v.Duration != 2*time.Second || v.NbFrames != 60 {
		t.Errorf("video duration %v frames %d", v.Duration, v.NbFrames)
	}
	if a.CodecName != "aac" || a.SampleRate != 48000 || a.Channels != 1 || a.Duration < 1900*time.Millisecond {
		t.Errorf("audio %+v", a)
	}
}

func TestProbeErrors(t *testing.T) {
	if _, err := Probe(context.Background(), filepath.Join(t.TempDir(), "missing.mp4")); err == nil {
		t.Fatal("no error for a missing file")
	}
}

func TestExtractFrame(t *testing.T) {
	path := makeClip(t, "clip.mp4", true)
	img, err := ExtractFrame(context.Background(), path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 240 {
		t.Fatalf("size %v", b)
	}
	near := func(c color.Color, r, g, b uint8) bool {
		cr, cg, cb, _ := c.RGBA()
		d := func(x uint32, y uint8) bool { v := int(x>>8) - int(y); return v > -24 && v < 24 }
		return d(cr, r) && d(cg, g) && d(cb, b)
	}
	if c := img.At(40, 120); !near(c, 255, 0, 0) {
		t.Errorf("left pixel %v, want red", c)
	}
	if c := img.At(280, 120); !near(c, 0, 0, 255) {
		t.Errorf("right pixel %v, want blue", c)
	}
	if _, err := ExtractFrame(context.Background(), path, time.Hour); err == nil {
		t.Error("no error for a time past the end")
	}
}
