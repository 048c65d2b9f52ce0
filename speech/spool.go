package speech

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/normalize"
)

// ErrTooLong is returned by a Spool that would grow past its Limit.
var ErrTooLong = errors.New("speech: the audio would be longer than the limit")

// Spool collects synthesized pieces of one long narration in a temporary file rather than
// in memory, bounded by Limit: the samples go to disk as they come, the word timings stay.
// Open it with NewSpool; Close removes the file.
type Spool struct {
	// Limit bounds the audio; Append and Silence return ErrTooLong past it (0: none).
	Limit time.Duration

	f       *os.File
	w       *bufio.Writer
	rate    int
	samples int64
	words   []videoagent.WordTiming
}

// NewSpool creates a spool whose file is in dir ("" for the system's temporary directory).
func NewSpool(dir string, limit time.Duration) (*Spool, error) {
	f, err := os.CreateTemp(dir, "speech-*.pcm")
	if err != nil {
		return nil, err
	}
	return &Spool{Limit: limit, f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// Duration is the audio collected so far.
func (s *Spool) Duration() time.Duration {
	if s.rate == 0 {
		return 0
	}
	return time.Duration(s.samples * int64(time.Second) / int64(s.rate))
}

// Words are the word timings collected so far.
func (s *Spool) Words() []videoagent.WordTiming { return s.words }

// SampleRate is the pieces' sample rate (0 before the first).
func (s *Spool) SampleRate() int { return s.rate }

func (s *Spool) check(add int64) error {
	if s.Limit > 0 && s.rate > 0 && time.Duration((s.samples+add)*int64(time.Second)/int64(s.rate)) > s.Limit {
		return ErrTooLong
	}
	return nil
}

// Silence appends d of silence (nothing before the first piece sets the rate).
func (s *Spool) Silence(d time.Duration) error {
	if d <= 0 || s.rate == 0 {
		return nil
	}
	k := int64(d) * int64(s.rate) / int64(time.Second)
	if err := s.check(k); err != nil {
		return err
	}
	var zero [2]byte
	for i := int64(0); i < k; i++ {
		if _, err := s.w.Write(zero[:]); err != nil {
			return err
		}
	}
	s.samples += k
	return nil
}

// Append appends a piece, shifting its word timings.
func (s *Spool) Append(n *videoagent.Narration) error {
	if s.rate == 0 {
		s.rate = n.SampleRate
	}
	if n.SampleRate != s.rate {
		return errMixedRates
	}
	if err := s.check(int64(len(n.Samples))); err != nil {
		return err
	}
	off := s.Duration()
	var b [2]byte
	for _, v := range n.Samples {
		binary.LittleEndian.PutUint16(b[:], uint16(v))
		if _, err := s.w.Write(b[:]); err != nil {
			return err
		}
	}
	s.samples += int64(len(n.Samples))
	s.words = appendWords(s.words, n.Words, off)
	return nil
}

// WAV returns the collected audio as a WAV file, read from the spool's file. Nothing may be
// appended after.
func (s *Spool) WAV() (io.Reader, int64, error) {
	if err := s.w.Flush(); err != nil {
		return nil, 0, err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, 0, err
	}
	hdr := EncodeWAV(s.rate, nil)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(36+2*s.samples))
	binary.LittleEndian.PutUint32(hdr[40:], uint32(2*s.samples))
	return io.MultiReader(strings.NewReader(string(hdr)), io.LimitReader(s.f, 2*s.samples)), 44 + 2*s.samples, nil
}

// Close removes the spool's file.
func (s *Spool) Close() error {
	s.f.Close()
	return os.Remove(s.f.Name())
}

// SpeakTo synthesizes text with s piece by piece (see Chunks), appending to sp, so that no
// engine call gets more than maxRunes of text and the audio stops at sp.Limit.
func SpeakTo(ctx context.Context, sp *Spool, s videoagent.Synthesizer, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) error {
	for _, c := range Chunks(text, chunkRunes) {
		if !hasWord(c) {
			continue
		}
		n, err := s.Synthesize(ctx, c, voice, opt)
		if err != nil {
			return err
		}
		if err := sp.Append(n); err != nil {
			return err
		}
	}
	if sp.SampleRate() == 0 {
		return videoagent.Invalid("text", "The text has nothing to speak.")
	}
	return nil
}

// SpeakPartsTo is SpeakParts into a spool: plain parts are spoken in chunks, and the audio
// stops at sp.Limit with ErrTooLong.
func SpeakPartsTo(ctx context.Context, sp *Spool, s videoagent.Synthesizer, parts []Part, voice videoagent.Voice, opt videoagent.SpeechOptions) error {
	return speakParts(ctx, sp, s, parts, voice, opt, func(text string, o videoagent.SpeechOptions) error {
		return SpeakTo(ctx, sp, s, text, voice, o)
	})
}

// chunkRunes bounds the text of one engine call of SpeakTo.
const chunkRunes = 400

// Chunks splits text into pieces of at most maxRunes runes, at sentence ends where it can,
// else at spaces; a run without spaces longer than maxRunes is cut (a 5000-digit number is
// read in pieces).
func Chunks(text string, maxRunes int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
		n = 0
	}
	for _, word := range strings.Fields(text) {
		for utf8.RuneCountInString(word) > maxRunes {
			flush()
			r := []rune(word)
			out = append(out, string(r[:maxRunes]))
			word = string(r[maxRunes:])
		}
		wn := utf8.RuneCountInString(word)
		if n > 0 && n+1+wn > maxRunes {
			flush()
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += wn
		// A sentence end past half the budget closes the piece: engines phrase whole
		// sentences best.
		if n > maxRunes/2 && strings.ContainsAny(word[len(word)-1:], ".!?;:") {
			flush()
		}
	}
	flush()
	return out
}

// BreakTotal sums the pauses of parsed SSML.
func BreakTotal(parts []Part) time.Duration {
	var d time.Duration
	for _, p := range parts {
		d += p.Break
	}
	return d
}

// EstimateWords counts the words an engine will speak for text (after normalisation, so
// that "9999" counts as the words it is read as), for a duration estimate.
func EstimateWords(text, lang string) int {
	return len(strings.Fields(normalize.Normalize(text, lang).Text))
}

// EstimatePartsWords is EstimateWords over parsed SSML, each part weighted by 1/rate.
func EstimatePartsWords(parts []Part, lang string) float64 {
	var w float64
	for _, p := range parts {
		var n int
		switch {
		case p.Alias != "":
			n = len(strings.Fields(p.Alias))
		case p.SayAs != "":
			n = len(strings.Fields(normalize.SayAs(p.Text, p.SayAs, lang).Text))
		default:
			n = EstimateWords(p.Text, lang)
		}
		rate := p.Rate
		if rate <= 0 {
			rate = 1
		}
		w += float64(n) / rate
	}
	return w
}
