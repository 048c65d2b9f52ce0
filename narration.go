package videoagent

import (
	"context"
	"time"
)

// Narration is synthesized speech for one piece of text: mono 16-bit PCM and the timings of
// its words and phonemes, measured from the start of Samples. Captions come from Words, lip
// sync from Phonemes, and scene durations from Duration.
type Narration struct {
	SampleRate int
	Samples    []int16
	Words      []WordTiming
	Phonemes   []PhonemeTiming
}

// WordTiming places one written word of the narrated text in the audio. Word is the word as
// written in the text (captions keep the written form even when the engine read "$5" as
// "five dollars").
type WordTiming struct {
	Word  string
	Start time.Duration
	End   time.Duration
}

// PhonemeTiming places one phoneme in the audio. Phoneme is IPA (for example "m", "aɪ",
// "uː"); "_" marks a pause. Every engine converts its own notation to IPA so that one
// viseme map serves all of them.
type PhonemeTiming struct {
	Phoneme string
	Start   time.Duration
	End     time.Duration
}

// Duration is the length of the audio.
func (n *Narration) Duration() time.Duration {
	if n == nil || n.SampleRate <= 0 {
		return 0
	}
	return time.Duration(int64(len(n.Samples)) * int64(time.Second) / int64(n.SampleRate))
}

// Voice is a voice of a speech engine. ID is stable across releases; EngineVoice is the name
// the engine knows it by (for espeak-ng, a voice such as "en-us+f3").
type Voice struct {
	ID          string `json:"voice_id"`
	Name        string `json:"name"`
	Language    string `json:"language"` // English name of the language, e.g. "Spanish"
	Locale      string `json:"locale"`   // BCP-47, e.g. "es-ES"
	Gender      string `json:"gender"`   // "female" | "male"
	Engine      string `json:"engine"`   // "espeak", "flite", "festival", "openai"
	EngineVoice string `json:"engine_voice"`
}

// NotFound is the error an engine returns for a voice it does not have: EVOICENOTFOUND,
// naming the voice by ID, or by its engine name when it has no ID.
func (v Voice) NotFound() error {
	id := v.ID
	if id == "" {
		id = v.EngineVoice
	}
	return Errorf(EVOICENOTFOUND, "Voice %q was not found.", id)
}

// SpeechOptions adjust delivery. The zero value means the voice's defaults.
type SpeechOptions struct {
	Speed  float64 `json:"speed,omitempty"`  // 0.5-2.0; 0 means 1.0
	Pitch  int     `json:"pitch,omitempty"`  // -50..50, relative; 0 means the voice's own
	Volume float64 `json:"volume,omitempty"` // 0-1; 0 means 1.0
}

// Synthesizer turns text into a Narration with a given voice. Implementations are safe for
// concurrent use and deterministic: the same input gives the same samples and timings.
type Synthesizer interface {
	Synthesize(ctx context.Context, text string, voice Voice, opt SpeechOptions) (*Narration, error)
}

// VoiceCatalog knows the voices of every configured engine.
type VoiceCatalog interface {
	// Voices lists all voices.
	Voices() []Voice
	// Voice returns a voice by id, or an *Error with EVOICENOTFOUND.
	Voice(id string) (Voice, error)
	// DefaultVoice picks the best voice for a BCP-47 language and, if not empty, a gender.
	DefaultVoice(lang, gender string) (Voice, bool)
}

// Resolved returns the options with the defaults filled in (speed 1, volume 1), or an
// invalid_parameter error naming the field out of range. Every engine calls it, so that all
// of them accept and refuse the same settings.
func (o SpeechOptions) Resolved() (SpeechOptions, error) {
	if o.Speed == 0 {
		o.Speed = 1
	}
	if o.Volume == 0 {
		o.Volume = 1
	}
	switch {
	case o.Speed < 0.5 || o.Speed > 2:
		return o, Invalid("speed", "Speed must be between 0.5 and 2.0.")
	case o.Pitch < -50 || o.Pitch > 50:
		return o, Invalid("pitch", "Pitch must be between -50 and 50.")
	case o.Volume < 0 || o.Volume > 1:
		return o, Invalid("volume", "Volume must be between 0 and 1.")
	}
	return o, nil
}
