package render

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// soundtrack mixes, normalises and encodes the video's audio into an AAC (ADTS) file in
// the segment cache, unless one with the same inputs is there already. It runs while the
// scenes render, so that the final join only copies streams; a revision that changes
// pictures only (a title, a bullet, a presenter) reuses the audio as it is.
//
// AAC encoding is the slow part (about 0.45 s of CPU per minute), so the mix is cut where
// it is silent (between scenes: a scene's tail and the next one's lead-in) into pieces,
// each encoded on its own (one ffmpeg runs an encoder per piece) and cached by its
// samples: a revision that re-speaks one scene encodes that scene's piece only. Pieces
// join cleanly: each is cut on an AAC frame boundary inside silence and encoded with a
// frame of the silence before it, and the encoder's priming frame and that frame are
// dropped, so the pieces' frames decode to the same samples as one encode of the whole mix
// would (see TestSoundtrackPieces).
func (r *Renderer) soundtrack(ctx context.Context, sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, cacheDir string) (string, error) {
	path := filepath.Join(cacheDir, "audio-"+audioKey(sb, plans, fj, r.opt.Assets != nil)+".aac")
	if exists(path) {
		return path, nil
	}
	snd := r.mixSound(ctx, sb, plans, fj, cacheDir)
	if snd.err != nil {
		return "", snd.err
	}
	pcm, err := os.CreateTemp(cacheDir, ".mix-*.pcm")
	if err != nil {
		return "", err
	}
	defer os.Remove(pcm.Name())
	defer pcm.Close()
	silence := &silenceTracker{min: 2 * aacFrame, start: -1}
	bw := bufio.NewWriterSize(io.MultiWriter(pcm, silence), 1<<16)
	werr := snd.mx.write(bw, snd.gain)
	if werr == nil {
		werr = bw.Flush()
	}
	if werr != nil {
		return "", fmt.Errorf("soundtrack: %w", werr)
	}
	silence.end()
	pieces := voicePieces(snd.mx, silence.runs, silence.n)
	if pieces == nil {
		pieces = []audioSpan{{0, silence.n}} // music, or no clean gaps: one piece
	}
	encoded, err := r.audioPieces(ctx, pcm, pieces, cacheDir)
	if err != nil {
		return "", fmt.Errorf("soundtrack: %w", err)
	}
	// Between pieces, and before and after them, the soundtrack is silent: silent frames.
	silent, err := r.silentFrame(ctx)
	if err != nil {
		return "", fmt.Errorf("soundtrack: %w", err)
	}
	var track bytes.Buffer
	at := int64(0)
	for i, p := range pieces {
		for ; at < p.from; at += aacFrame {
			track.Write(silent)
		}
		track.Write(encoded[i])
		at = p.to
	}
	for ; at < silence.n; at += aacFrame {
		track.Write(silent)
	}
	return path, writeCached(path, track.Bytes())
}

// aacFrame is the number of samples in an AAC frame.
const aacFrame = 1024

// audioSpan is a span of the soundtrack, in samples.
type audioSpan struct{ from, to int64 }

// Margins of silence a voice's piece keeps before and after the voice, in AAC frames.
const (
	pieceLead = 4
	pieceTail = 2
)

// voicePieces cuts the soundtrack into one piece per voice: from pieceLead frames before
// the voice (which starts on a frame boundary) to pieceTail frames after it, so that a
// piece's samples are the voice's alone, wherever its scene falls. It returns nil when the
// soundtrack is not silence between its voices (music, a clip's sound) or pieces would
// touch: then it is encoded in one piece.
func voicePieces(mx *mixer, runs [][2]int64, total int64) []audioSpan {
	if len(mx.beds) > 0 || len(mx.voices) == 0 {
		return nil
	}
	silentOver := func(a, b int64) bool {
		for _, r := range runs {
			if r[0] <= a && b <= r[1] {
				return true
			}
		}
		return a >= b
	}
	var out []audioSpan
	prev := int64(0)
	for _, v := range mx.voices {
		from := v.at - pieceLead*aacFrame
		to := min(total, (v.at+v.length()+aacFrame-1)/aacFrame*aacFrame+pieceTail*aacFrame)
		if v.at%aacFrame != 0 || from < prev || !silentOver(max(0, prev-2*aacFrame), from+2*aacFrame) {
			return nil
		}
		out = append(out, audioSpan{from, to})
		prev = to
	}
	if !silentOver(max(0, prev-2*aacFrame), total) {
		return nil
	}
	return out
}

// silenceTracker records the runs of at least min zero samples in the s16le mono PCM
// written to it.
type silenceTracker struct {
	min   int64
	n     int64 // samples seen
	start int64 // start of the current zero run, or -1
	runs  [][2]int64
	odd   []byte
}

func (s *silenceTracker) Write(p []byte) (int, error) {
	b := append(s.odd, p...)
	k := len(b) &^ 1
	for i := 0; i < k; i += 2 {
		if b[i] == 0 && b[i+1] == 0 {
			if s.start < 0 {
				s.start = s.n
			}
		} else if s.start >= 0 {
			s.close(s.n)
		}
		s.n++
	}
	s.odd = append(s.odd[:0], b[k:]...)
	return len(p), nil
}

func (s *silenceTracker) close(at int64) {
	if s.start >= 0 && at-s.start >= s.min {
		s.runs = append(s.runs, [2]int64{s.start, at})
	}
	s.start = -1
}

// end closes the run in progress at the end of the stream.
func (s *silenceTracker) end() { s.close(s.n) }

// audioPieces returns the AAC (ADTS) frames of each piece of the mix, from the cache or
// encoded now. A piece's samples [from, to) are encoded after the frame of (silent)
// samples before them, and the encoder's first two frames (its priming frame and that
// one) are dropped. The pieces not cached are encoded by one ffmpeg: an ffmpeg start costs
// about 0.1 s of CPU, more than encoding a scene's voice. They go to it through files, one
// at a time, so that a long video's mix is never all in memory.
func (r *Renderer) audioPieces(ctx context.Context, pcm *os.File, pieces []audioSpan, cacheDir string) ([][]byte, error) {
	dir, err := os.MkdirTemp("", "ova-aac-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := make([][]byte, len(pieces))
	paths := make([]string, len(pieces))
	var missing []int
	var inputs []string
	var in []byte
	settings := []byte(strings.Join(aacSettings, " ") + "\x00") // part of every piece's key
	for i, p := range pieces {
		n := int(2 * (p.to - p.from + aacFrame))
		if cap(in) < n {
			in = make([]byte, n)
		}
		in = in[:n]
		at, buf := 2*(p.from-aacFrame), in
		if p.from == 0 { // the silence before the start
			clear(in[:2*aacFrame])
			at, buf = 0, in[2*aacFrame:]
		}
		if n, err := pcm.ReadAt(buf, at); n < len(buf) {
			return nil, fmt.Errorf("read the mix: %w", err)
		}
		h := sha256.New()
		h.Write(settings)
		h.Write(in)
		paths[i] = filepath.Join(cacheDir, "aac-"+hex.EncodeToString(h.Sum(nil)[:20])+".adts")
		if b, err := readCached(paths[i]); err == nil {
			out[i] = b
			continue
		}
		name := filepath.Join(dir, strconv.Itoa(len(inputs))+".pcm")
		if err := os.WriteFile(name, in, 0o600); err != nil {
			return nil, err
		}
		inputs = append(inputs, name)
		missing = append(missing, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	frames, err := r.encodeAAC(ctx, inputs...)
	if err != nil {
		return nil, err
	}
	for j, i := range missing {
		out[i] = frames[j]
		if err := writeCached(paths[i], frames[j]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// encodeAAC encodes each input file, s16le mono PCM whose first AAC frame of samples is a
// lead-in to drop, on its own: the frames returned for an input start with its second
// frame of samples. One ffmpeg encodes them all, each into a file beside its input.
func (r *Renderer) encodeAAC(ctx context.Context, inputs ...string) ([][]byte, error) {
	args := []string{"-hide_banner", "-loglevel", "error", "-nostdin", "-y"}
	for _, name := range inputs {
		args = append(args, "-f", "s16le", "-ar", strconv.Itoa(OutputSampleRate), "-ac", "1", "-i", name)
	}
	for i, name := range inputs {
		args = append(args, "-map", strconv.Itoa(i)+":a:0")
		args = append(args, audioArgs(name+".adts")...)
	}
	if _, err := media.Run(ctx, r.opt.FFmpeg, args...); err != nil {
		return nil, err
	}
	out := make([][]byte, len(inputs))
	for i, name := range inputs {
		b, err := os.ReadFile(name + ".adts")
		if err != nil {
			return nil, err
		}
		if out[i], err = dropADTSFrames(b, 2); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// silentFrame is an AAC frame of silence that follows silence, encoded once per renderer.
func (r *Renderer) silentFrame(ctx context.Context) ([]byte, error) {
	r.silentMu.Lock()
	defer r.silentMu.Unlock()
	if r.silent != nil {
		return r.silent, nil
	}
	f, err := os.CreateTemp("", "ova-silence-*.pcm")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	defer os.Remove(f.Name() + ".adts")
	_, err = f.Write(make([]byte, 2*8*aacFrame))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	enc, err := r.encodeAAC(ctx, f.Name())
	if err != nil {
		return nil, err
	}
	frames := enc[0]
	// A frame from the middle: the encoder is past its start there.
	if frames, err = dropADTSFrames(frames, 3); err != nil {
		return nil, err
	}
	rest, err := dropADTSFrames(frames, 1)
	if err != nil {
		return nil, err
	}
	r.silent = frames[:len(frames)-len(rest)]
	return r.silent, nil
}

// dropADTSFrames returns b without its first n ADTS frames.
func dropADTSFrames(b []byte, n int) ([]byte, error) {
	for ; n > 0; n-- {
		if len(b) < 7 || b[0] != 0xFF || b[1]&0xF0 != 0xF0 {
			return nil, fmt.Errorf("the AAC encoder's output is not ADTS")
		}
		size := int(b[3]&3)<<11 | int(b[4])<<3 | int(b[5])>>5
		if size < 7 || size > len(b) {
			return nil, fmt.Errorf("a truncated ADTS frame (%d bytes)", size)
		}
		b = b[size:]
	}
	return b, nil
}

// aacSettings are the AAC encoder's options; an encoded piece is cached under a hash of
// them and of its samples.
//
// The mix is mono (narration, and music summed to mono), so it is encoded as mono: twice
// as fast as a stereo copy of it with ffmpeg's AAC encoder, and the whole bitrate goes to
// the one channel. The "fast" coder instead of ffmpeg 5's default ("twoloop"), at the same
// bitrate, measured on 73 s of espeak-ng speech: 1.1 CPU-s against 2.0, and 46 dB SNR
// against 32 (segmental: 48 against 35); on 30 s of chords over pink noise, 0.20 CPU-s
// against 0.37 and 38.6 dB against 37.0. (ffmpeg's own authors made it the default in
// 2018, finding it sounds better than twoloop at higher bitrates.)
var aacSettings = []string{"-c:a", "aac", "-aac_coder", "fast", "-b:a", "128k"}

// audioArgs are the output options that encode a 48 kHz mono input as AAC in ADTS frames
// into out.
func audioArgs(out string) []string {
	return append(slices.Clone(aacSettings), "-ar", strconv.Itoa(OutputSampleRate), "-ac", "1", "-f", "adts", out)
}

// audioKey is the hash of everything the soundtrack depends on: the timeline (where each
// scene starts, how long it lasts, when its narration starts), the narrations' samples,
// the music and the clips whose own sound is mixed in.
func audioKey(sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, assets bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%s|%t|", Version, fj.fps, sb.MusicAssetID, assets)
	for _, p := range plans {
		fmt.Fprintf(h, "%d|%d|%d|", p.start, p.frames, p.leadIn)
		if v := p.scene.Visual; v.Kind == videoagent.VisualVideo && v.ClipAudio {
			fmt.Fprintf(h, "clip|%s|%g|", v.AssetID, v.ClipStart)
		}
		if n := p.narr; n != nil {
			fmt.Fprintf(h, "narr|%d|%d|", n.SampleRate, len(n.Samples))
			binary.Write(h, binary.LittleEndian, n.Samples)
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// normaliseVoices sets each voice's gain so that it alone measures TargetLUFS. The mix of
// voices that do not overlap then measures TargetLUFS too (silence between them is gated
// out of the measure), without a pass over the whole timeline. A voice's loudness is
// cached in cacheDir under the hash of its samples.
func (r *Renderer) normaliseVoices(mx *mixer, cacheDir string) {
	for _, v := range mx.voices {
		l := r.voiceLoudness(v, cacheDir)
		if math.IsInf(l, 0) || math.IsNaN(l) {
			continue // silent: leave it
		}
		v.gain = math.Pow(10, math.Min(30, TargetLUFS-dualMono-l)/20)
	}
}

// voiceLoudness is the integrated loudness (mono LUFS) of a voice, measured at its own
// sample rate (see newLoudnessMeterAt), from the cache when it was measured before.
func (r *Renderer) voiceLoudness(v *voice, cacheDir string) float64 {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|", Version, v.rate)
	binary.Write(h, binary.LittleEndian, v.src)
	path := filepath.Join(cacheDir, "voice-"+hex.EncodeToString(h.Sum(nil))[:40]+".lufs")
	if cacheDir == "" {
		path = ""
	} else if b, err := readCached(path); err == nil {
		if l, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64); err == nil {
			return l
		}
	}
	l := pcmLoudness(v.src, v.rate)
	if path != "" {
		writeCached(path, []byte(strconv.FormatFloat(l, 'g', -1, 64))) // a cache: failure costs a measure
	}
	return l
}
