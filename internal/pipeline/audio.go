package pipeline

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/openvideoagent/videoagent/internal/media"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/align"
)

// Recorded narration (a direct video's audio_url or audio_asset_id, Scene.AudioAssetID).
const (
	audioRate       = 24000           // Hz, mono 16-bit, as the speech engines give
	maxAudioBytes   = 64 << 20        // an audio asset read for decoding
	maxAudioSeconds = 10 * 60         // longer recordings are cut
	audioTimeout    = 2 * time.Minute // decoding one recording
	visemeWindow    = 80 * time.Millisecond
)

// NarrationFromAudio turns a recorded narration into a Narration: the audio asset decoded
// with ffmpeg to mono PCM, and word and phoneme timings derived from the audio itself.
// With a transcript the words are aligned on the audio's energy envelope (internal/align),
// guided by a synthesized reading of the transcript in voice; without one the mouth follows
// the envelope (open on voiced stretches, closed in pauses) and there are no captions.
//
// The pipeline's synthesis loop calls it for scenes with an AudioAssetID instead of
// Synthesize. Unusable audio is a *videoagent.Failure with FailInput.
func (p *Pipeline) NarrationFromAudio(ctx context.Context, accountID, assetID, transcript string, voice videoagent.Voice) (*videoagent.Narration, error) {
	a, err := p.Store.Asset(ctx, accountID, assetID)
	if err != nil {
		if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
			return nil, videoagent.Failf(videoagent.FailInput, err, "The recorded narration (asset %s) no longer exists.", assetID)
		}
		return nil, err
	}
	b, err := p.Blobs.Open(ctx, a.BlobKey)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(b, maxAudioBytes+1))
	b.Close()
	if err != nil {
		return nil, err
	}
	if len(data) > maxAudioBytes {
		return nil, videoagent.Failf(videoagent.FailInput, nil, "The recorded narration (asset %s) is larger than %d MB.", assetID, maxAudioBytes>>20)
	}
	samples, err := decodeAudio(ctx, p.WorkDir, data)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, videoagent.Failf(videoagent.FailInput, err, "The recorded narration (asset %s) cannot be decoded.", assetID)
	}
	if len(samples) < audioRate/10 {
		return nil, videoagent.Failf(videoagent.FailInput, nil, "The recorded narration (asset %s) is empty.", assetID)
	}
	n := &videoagent.Narration{SampleRate: audioRate, Samples: samples}
	if strings.TrimSpace(transcript) != "" {
		var ref *videoagent.Narration
		if p.Synth != nil && voice.ID != "" {
			if r, err := p.Synth.Synthesize(ctx, transcript, voice, videoagent.SpeechOptions{}); err == nil {
				ref = r
			} else if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
		n.Words, n.Phonemes = align.Align(samples, audioRate, transcript, ref)
	}
	if len(n.Phonemes) == 0 {
		n.Phonemes = envelopePhonemes(samples, audioRate)
	}
	return n, nil
}

// decodeAudio decodes any audio ffmpeg reads to mono 16-bit PCM at audioRate.
func decodeAudio(ctx context.Context, workDir string, data []byte) ([]int16, error) {
	dir, err := os.MkdirTemp(workDir, "audio-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, audioTimeout)
	defer cancel()
	raw, err := media.Run(ctx, media.FFmpegPath, "-hide_banner", "-nostdin", "-v", "error", "-i", in,
		"-t", fmt.Sprint(maxAudioSeconds), "-vn", "-ac", "1", "-ar", fmt.Sprint(audioRate), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1")
	if err != nil {
		return nil, err
	}
	if len(raw) < 2 {
		return nil, errors.New("no audio")
	}
	s := make([]int16, len(raw)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return s, nil
}

// envelopePhonemes is a mouth track for audio without a transcript: per window, an open
// vowel where the audio is voiced (alternating shapes so the mouth moves), a pause where it
// is quiet.
func envelopePhonemes(samples []int16, rate int) []videoagent.PhonemeTiming {
	if rate <= 0 || len(samples) == 0 {
		return nil
	}
	levels := align.WindowRMS(samples, rate, visemeWindow)
	peak := 0.0
	for _, l := range levels {
		peak = math.Max(peak, l)
	}
	if peak == 0 {
		return []videoagent.PhonemeTiming{{Phoneme: "_", Start: 0, End: time.Duration(int64(len(samples)) * int64(time.Second) / int64(rate))}}
	}
	shapes := []string{"a", "o", "e", "m"}
	var out []videoagent.PhonemeTiming
	for i, l := range levels {
		ph := "_"
		if l > 0.12*peak {
			ph = shapes[i%len(shapes)]
		}
		start := time.Duration(i) * visemeWindow
		end := min(start+visemeWindow, time.Duration(int64(len(samples))*int64(time.Second)/int64(rate)))
		if k := len(out); k > 0 && ph == "_" && out[k-1].Phoneme == "_" {
			out[k-1].End = end
			continue
		}
		out = append(out, videoagent.PhonemeTiming{Phoneme: ph, Start: start, End: end})
	}
	return out
}
