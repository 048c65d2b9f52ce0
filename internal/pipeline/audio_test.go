package pipeline

import (
	"context"
	"os"
	"os/exec"
	"testing"
)

func TestDecodeAudioAndEnvelope(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("no ffmpeg")
	}
	dir := t.TempDir()
	wav := dir + "/tone.wav"
	// 0.5 s of tone, 0.5 s of silence.
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=300:sample_rate=16000:duration=0.5",
		"-af", "apad=pad_dur=0.5", wav).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	data, err := readAll(wav)
	if err != nil {
		t.Fatal(err)
	}
	s, err := decodeAudio(context.Background(), dir, data)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s); n < audioRate*9/10 || n > audioRate*11/10 {
		t.Fatalf("%d samples, want about 1 s at %d Hz", n, audioRate)
	}
	ph := envelopePhonemes(s, audioRate)
	if len(ph) < 3 || ph[0].Phoneme == "_" || ph[len(ph)-1].Phoneme != "_" {
		t.Fatalf("phonemes %v: want voiced first, a pause at the end", ph)
	}
	if _, err := decodeAudio(context.Background(), dir, []byte("not audio at all")); err == nil {
		t.Error("garbage decoded")
	}
}

func readAll(p string) ([]byte, error) { return os.ReadFile(p) }
