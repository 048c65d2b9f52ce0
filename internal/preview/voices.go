package preview

import (
	"bytes"
	"context"
	"errors"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/speech"
)

const (
	// voiceWorkers bounds the samples made at once for one call.
	voiceWorkers = 4
	// voiceSampleTimeout bounds the making of one sample.
	voiceSampleTimeout = 60 * time.Second
)

// voiceSampleKey is where a voice's sample is stored.
func voiceSampleKey(id string) string { return "previews/voices/" + id + ".wav" }

// VoiceSamples returns the blob keys of the voices' spoken samples, synthesizing the
// missing ones with each voice's engine while the caller waits; "" for a sample that
// cannot be made.
func (p *Previews) VoiceSamples(ctx context.Context, voices []videoagent.Voice) []string {
	keys := make([]string, len(voices))
	if p.Blobs == nil {
		return keys
	}
	each(len(voices), voiceWorkers, func(i int) {
		v := voices[i]
		k := voiceSampleKey(v.ID)
		if err := p.ensure(ctx, k, func(ctx context.Context) error { return p.speakSample(ctx, v, k) }); err != nil {
			if ctx.Err() == nil {
				p.log().Warn("voice preview failed", "voice_id", v.ID, "err", err)
			}
			return
		}
		keys[i] = k
	})
	return keys
}

// speakSample synthesizes a voice's sample and stores it under key as WAV.
func (p *Previews) speakSample(ctx context.Context, v videoagent.Voice, key string) error {
	if p.Synth == nil {
		return errors.New("no synthesizer")
	}
	ctx, cancel := context.WithTimeout(ctx, voiceSampleTimeout)
	defer cancel()
	n, err := p.Synth.Synthesize(ctx, speech.SampleText(v.Locale), v, videoagent.SpeechOptions{})
	if err != nil {
		return err
	}
	return p.Blobs.Put(ctx, key, bytes.NewReader(speech.EncodeWAV(n.SampleRate, n.Samples)))
}
