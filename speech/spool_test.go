package speech

import (
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// TestSpool: pieces go to the file with shifted word timings, the WAV read back decodes to
// the same samples, and a piece past the limit is refused with ErrTooLong.
func TestSpool(t *testing.T) {
	sp, err := NewSpool(t.TempDir(), 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	piece := func(v int16) *videoagent.Narration {
		s := make([]int16, 8000) // 1 s at 8 kHz
		for i := range s {
			s[i] = v
		}
		return &videoagent.Narration{SampleRate: 8000, Samples: s, Words: []videoagent.WordTiming{{Word: "w", Start: 100 * time.Millisecond, End: 900 * time.Millisecond}}}
	}
	if err := sp.Append(piece(7)); err != nil {
		t.Fatal(err)
	}
	if err := sp.Silence(500 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := sp.Append(piece(9)); err != ErrTooLong {
		t.Fatalf("append past the limit: %v, want ErrTooLong", err)
	}
	if err := sp.Silence(500 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if sp.Duration() != 2*time.Second || len(sp.Words()) != 1 {
		t.Fatalf("duration %v words %v", sp.Duration(), sp.Words())
	}
	r, size, err := sp.WAV()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	if int64(len(b)) != size {
		t.Fatalf("read %d bytes, want %d", len(b), size)
	}
	rate, samples, err := DecodeWAV(b)
	if err != nil || rate != 8000 || len(samples) != 16000 || samples[0] != 7 || samples[7999] != 7 || samples[8000] != 0 {
		t.Fatalf("decoded rate %d, %d samples, err %v", rate, len(samples), err)
	}
}

func TestChunks(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("9", 5000),
		strings.Repeat("Tea grows on hills. ", 100),
		strings.Repeat("word ", 1000),
	} {
		cs := Chunks(text, 400)
		for _, c := range cs {
			if utf8.RuneCountInString(c) > 400 {
				t.Errorf("chunk of %d runes", utf8.RuneCountInString(c))
			}
		}
		if strings.Join(strings.Fields(strings.Join(cs, " ")), "") != strings.Join(strings.Fields(text), "") {
			t.Errorf("chunks of %.20q... do not join back to the text", text)
		}
	}
}
