package render

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
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
// AAC encoding is the slow part (about 0.45 s of CPU per minute), so narration alone is cut
// where it is silent (between scenes: a scene's tail and the next one's lead-in) into one
// piece per voice, each encoded on its own (one ffmpeg runs an encoder per piece) and
// cached under its voice's inputs: a revision that re-speaks one scene mixes and encodes
// that scene's piece only. Pieces join cleanly: each is cut on an AAC frame boundary inside
// silence and encoded with a frame of the silence before it, and the encoder's priming
// frame and that frame are dropped, so the pieces' frames decode to the same samples as one
// encode of the whole mix would (see TestSoundtrackPieces). A mix with music or a clip's
// sound is encoded whole.
func (r *Renderer) soundtrack(ctx context.Context, sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, cacheDir string) (string, error) {
	path := filepath.Join(cacheDir, "audio-"+audioKey(sb, plans, fj, r.opt.Assets != nil)+".aac")
	if exists(path) {
		return path, nil
	}
	snd := r.mixSound(ctx, sb, plans, fj, cacheDir)
	if snd.err != nil {
		return "", snd.err
	}
	dir, err := os.MkdirTemp("", "ova-aac-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	total := snd.mx.total
	pieces := voicePieces(snd.mx)
	var encoded [][]byte
	if pieces != nil {
		encoded, err = r.voiceFrames(ctx, snd, pieces, dir, cacheDir)
	} else {
		pieces = []audioSpan{{0, total}}
		encoded, err = r.mixFrames(ctx, snd, dir, cacheDir)
	}
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
	for ; at < total; at += aacFrame {
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
func voicePieces(mx *mixer) []audioSpan {
	if len(mx.beds) > 0 || len(mx.voices) == 0 {
		return nil
	}
	// Narration alone is silent wherever no voice sounds.
	silentOver := func(a, b int64) bool {
		for _, v := range mx.voices {
			if v.at < b && a < v.at+v.length() {
				return false
			}
		}
		return true
	}
	var out []audioSpan
	prev := int64(0)
	for _, v := range mx.voices {
		from := v.at - pieceLead*aacFrame
		to := min(mx.total, (v.at+v.length()+aacFrame-1)/aacFrame*aacFrame+pieceTail*aacFrame)
		if v.at%aacFrame != 0 || from < prev || !silentOver(max(0, prev-2*aacFrame), from+2*aacFrame) {
			return nil
		}
		out = append(out, audioSpan{from, to})
		prev = to
	}
	if !silentOver(max(0, prev-2*aacFrame), mx.total) {
		return nil
	}
	return out
}

// pieceVersion names how a voice's piece is made from its inputs (mixer.writeSpan, the
// limiter): bump it when that changes its samples.
const pieceVersion = "voice-piece-1"

// voiceFrames returns the AAC frames of each voice's piece, from the cache or encoded now.
// A piece is keyed by what its samples are made of (the voice's samples, rate, gain and
// length, and the piece's margins), so a cached piece is not mixed at all:
// the piece around voice i is that voice alone, through a limiter at rest (the silence
// before a voice outlasts the limiter's release).
func (r *Renderer) voiceFrames(ctx context.Context, snd mixResult, pieces []audioSpan, dir, cacheDir string) ([][]byte, error) {
	keys := make([]string, len(pieces))
	for i, p := range pieces {
		v := snd.mx.voices[i]
		h := sha256.New()
		fmt.Fprintf(h, "%s|%s|%s|%d|%d|%d|%d|%d|%x|%x|", pieceVersion, Version, strings.Join(aacSettings, " "), OutputSampleRate,
			v.rate, v.length(), v.at-p.from, p.to-p.from, math.Float64bits(v.gain), math.Float64bits(snd.gain))
		writeSamples(h, v.src)
		keys[i] = "aac-v-" + hex.EncodeToString(h.Sum(nil)[:20]) + ".adts"
	}
	return r.encodePieces(ctx, cacheDir, keys, func(i int) (string, error) {
		p := pieces[i]
		name := filepath.Join(dir, strconv.Itoa(i)+".pcm")
		f, err := os.Create(name)
		if err != nil {
			return "", err
		}
		bw := bufio.NewWriterSize(f, 1<<16)
		// A frame of the silence before the piece, then the piece.
		err = snd.mx.writeSpan(bw, snd.gain, p.from-aacFrame, p.to)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return name, err
	})
}

// mixFrames returns the AAC frames of the whole mix as one piece, from the cache (under the
// hash of its samples) or encoded now.
func (r *Renderer) mixFrames(ctx context.Context, snd mixResult, dir, cacheDir string) ([][]byte, error) {
	name := filepath.Join(dir, "mix.pcm")
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	h.Write([]byte(strings.Join(aacSettings, " ") + "\x00"))
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<16)
	bw.Write(make([]byte, 2*aacFrame)) // the frame of silence before the start
	err = snd.mx.write(bw, snd.gain)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("mix: %w", err)
	}
	key := "aac-" + hex.EncodeToString(h.Sum(nil)[:20]) + ".adts"
	return r.encodePieces(ctx, cacheDir, []string{key}, func(int) (string, error) { return name, nil })
}

// encodePieces returns the AAC (ADTS) frames of each piece, cached in cacheDir under
// names[i] or encoded now from the file input(i) names: s16le mono PCM, a frame of (silent)
// lead-in then the piece; the encoder's first two frames (its priming frame and that one)
// are dropped. The pieces not cached are encoded by one ffmpeg: an ffmpeg start costs about
// 0.1 s of CPU, more than encoding a scene's voice.
func (r *Renderer) encodePieces(ctx context.Context, cacheDir string, names []string, input func(i int) (string, error)) ([][]byte, error) {
	out := make([][]byte, len(names))
	var missing []int
	var inputs []string
	for i, name := range names {
		if b, err := readCached(filepath.Join(cacheDir, name)); err == nil {
			out[i] = b
			continue
		}
		in, err := input(i)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
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
		if err := writeCached(filepath.Join(cacheDir, names[i]), frames[j]); err != nil {
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
			writeSamples(h, n.Samples)
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
	writeSamples(h, v.src)
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
