// Package openai is a videoagent.Synthesizer for OpenAI-compatible speech servers (OpenAI,
// Kokoro-FastAPI, LocalAI, openedai-speech, ...): POST {base}/v1/audio/speech with
// {"model", "voice", "input", "response_format", "speed"}, answered with the audio.
//
// Requests go through the official SDK (openai-go), as the language model's do: a
// connection error, 408, 409, 429 or 5xx answer is retried (MaxRetries times), after the
// wait the server asks for in Retry-After-Ms or Retry-After (seconds or an HTTP date), or
// an exponential backoff when it does not say; a server that asks for more than
// MaxRetryWait is not waited for.
//
// Such servers return audio only. The engine's narrations therefore have no words and no
// phonemes; wrap it in align.Timed to derive them from the audio. Long texts are split at
// sentence ends into requests of at most MaxChars characters and the audio is joined.
package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	openaisdk "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/httpx"
	"github.com/openvideoagent/videoagent/speech"
)

// EngineName is the value of videoagent.Voice.Engine for voices of this engine.
const EngineName = "openai"

// Environment variables read by ConfigFromEnv.
const (
	EnvBaseURL = "VIDEOAGENT_TTS_BASE_URL" // e.g. https://api.openai.com or http://localhost:8880
	EnvModel   = "VIDEOAGENT_TTS_MODEL"    // default "tts-1"
	EnvAPIKey  = "VIDEOAGENT_TTS_API_KEY"  // sent as a bearer token when set
	EnvVoices  = "VIDEOAGENT_TTS_VOICES"   // see ParseVoices; default OpenAI's voices
	EnvFormat  = "VIDEOAGENT_TTS_FORMAT"   // "wav" (default) or "pcm"
)

// DefaultVoices are OpenAI's voices, used when no voices are configured.
const DefaultVoices = "alloy:female,ash:male,coral:female,echo:male,fable:male,nova:female,onyx:male,sage:female,shimmer:female"

// Config configures an Engine.
type Config struct {
	// BaseURL is the server, with or without a trailing "/v1".
	BaseURL string
	// APIKey is sent as "Authorization: Bearer KEY" when not empty.
	APIKey string
	// Model is the speech model, e.g. "tts-1", "gpt-4o-mini-tts", "kokoro".
	Model string
	// Voices are the voices offered (see ParseVoices); Engine and ID are filled in.
	Voices []videoagent.Voice
	// Format is the response_format asked for: "wav" (default) or "pcm" (raw 16-bit
	// little-endian mono at PCMRate).
	Format string
	// PCMRate is the sample rate of "pcm" responses; default 24000 (OpenAI's).
	PCMRate int
	// MaxChars is the longest input of one request; default 4096 (OpenAI's limit).
	MaxChars int
	// Timeout bounds one request; default 2 minutes.
	Timeout time.Duration
	// Client is the HTTP client; default http.DefaultClient (Timeout bounds each attempt).
	Client *http.Client
	// MaxRetries is how many times a failed request is tried again; default 2, negative
	// none.
	MaxRetries int
	// MaxRetryWait is the longest wait before a retry the engine accepts from a server's
	// Retry-After; default 20 s.
	MaxRetryWait time.Duration
}

// Defaults of the retry policy.
const (
	DefaultMaxRetries   = 2
	DefaultMaxRetryWait = 20 * time.Second
)

// ConfigFromEnv reads the configuration from environment variables (see the Env
// constants) through getenv. ok is false when no base URL is set.
func ConfigFromEnv(getenv func(string) string) (cfg Config, ok bool, err error) {
	cfg.BaseURL = strings.TrimSpace(getenv(EnvBaseURL))
	if cfg.BaseURL == "" {
		return cfg, false, nil
	}
	cfg.Model = strings.TrimSpace(getenv(EnvModel))
	cfg.APIKey = strings.TrimSpace(getenv(EnvAPIKey))
	cfg.Format = strings.TrimSpace(getenv(EnvFormat))
	voices := strings.TrimSpace(getenv(EnvVoices))
	if voices == "" {
		voices = DefaultVoices
	}
	cfg.Voices, err = ParseVoices(voices)
	return cfg, true, err
}

var idUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// ParseVoices parses a voice list: comma-separated entries "name[:gender[:locale[:label]]]",
// e.g. "alloy:female,onyx:male:en-US,af_bella:female:en-US:Bella". Gender defaults to
// "female", locale to "en-US". Ids are "openai-" and the name in lower case with other
// characters as "-".
func ParseVoices(s string) ([]videoagent.Voice, error) {
	var out []videoagent.Voice
	seen := map[string]bool{}
	for _, entry := range strings.Split(s, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		f := strings.SplitN(entry, ":", 4)
		name := strings.TrimSpace(f[0])
		gender, locale, label := "female", "en-US", name
		if len(f) > 1 && strings.TrimSpace(f[1]) != "" {
			gender = strings.ToLower(strings.TrimSpace(f[1]))
		}
		if len(f) > 2 && strings.TrimSpace(f[2]) != "" {
			locale = strings.TrimSpace(f[2])
		}
		if len(f) > 3 && strings.TrimSpace(f[3]) != "" {
			label = strings.TrimSpace(f[3])
		}
		if name == "" || (gender != "female" && gender != "male") {
			return nil, fmt.Errorf("openai: bad voice %q: want name[:female|male[:locale[:label]]]", entry)
		}
		id := "openai-" + strings.Trim(idUnsafe.ReplaceAllString(strings.ToLower(name), "-"), "-")
		if seen[id] {
			return nil, fmt.Errorf("openai: voice %q listed twice", name)
		}
		seen[id] = true
		lang := languageName(locale)
		out = append(out, videoagent.Voice{
			ID: id, Name: capitalize(label) + " (" + lang + ", neural)", Language: lang, Locale: locale,
			Gender: gender, Engine: EngineName, EngineVoice: name,
		})
	}
	if len(out) == 0 {
		return nil, errors.New("openai: no voices")
	}
	return out, nil
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// languageNames are the English names of common primary language subtags.
var languageNames = map[string]string{
	"en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian",
	"pt": "Portuguese", "ja": "Japanese", "zh": "Chinese", "cmn": "Chinese", "hi": "Hindi",
	"ko": "Korean", "ru": "Russian", "nl": "Dutch", "pl": "Polish", "tr": "Turkish",
	"ar": "Arabic", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "no": "Norwegian",
	"nb": "Norwegian", "cs": "Czech", "el": "Greek", "he": "Hebrew", "id": "Indonesian",
	"uk": "Ukrainian", "vi": "Vietnamese", "th": "Thai", "hu": "Hungarian", "ro": "Romanian",
}

func languageName(locale string) string {
	primary, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if n, ok := languageNames[primary]; ok {
		return n
	}
	return locale
}

// Engine speaks through an OpenAI-compatible server. It is safe for concurrent use.
type Engine struct {
	cfg    Config
	url    string
	client openaisdk.Client
	voices map[string]videoagent.Voice // by engine voice name
	byID   map[string]videoagent.Voice
}

// New checks cfg and returns an Engine.
func New(cfg Config) (*Engine, error) {
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		return nil, fmt.Errorf("openai: base URL %q must start with http:// or https://", cfg.BaseURL)
	}
	if cfg.Model == "" {
		cfg.Model = "tts-1"
	}
	switch cfg.Format {
	case "":
		cfg.Format = "wav"
	case "wav", "pcm":
	default:
		return nil, fmt.Errorf("openai: response format %q: want wav or pcm", cfg.Format)
	}
	if cfg.PCMRate <= 0 {
		cfg.PCMRate = 24000
	}
	if cfg.MaxChars <= 0 {
		cfg.MaxChars = 4096
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.Client == nil {
		cfg.Client = http.DefaultClient
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = DefaultMaxRetryWait
	}
	if len(cfg.Voices) == 0 {
		vs, err := ParseVoices(DefaultVoices)
		if err != nil {
			return nil, err
		}
		cfg.Voices = vs
	}
	e := &Engine{cfg: cfg, voices: map[string]videoagent.Voice{}, byID: map[string]videoagent.Voice{}}
	if !strings.HasSuffix(base, "/v1") {
		base += "/v1"
	}
	e.url = base + "/audio/speech"
	e.client = openaisdk.NewClient(
		option.WithBaseURL(base+"/"),
		option.WithAPIKey(cfg.APIKey),
		option.WithAdminAPIKey(""),
		option.WithHeaderDel("OpenAI-Organization"),
		option.WithHeaderDel("OpenAI-Project"),
		option.WithHTTPClient(cfg.Client),
		option.WithRequestTimeout(cfg.Timeout),
		option.WithMaxRetries(cfg.MaxRetries),
		option.WithMaxRetryDelay(cfg.MaxRetryWait),
		option.WithMiddleware(keepErrorBody),
	)

	for i, v := range cfg.Voices {
		v.Engine = EngineName
		if v.EngineVoice == "" {
			return nil, fmt.Errorf("openai: voice %q has no engine voice name", v.ID)
		}
		if v.ID == "" {
			v.ID = "openai-" + strings.Trim(idUnsafe.ReplaceAllString(strings.ToLower(v.EngineVoice), "-"), "-")
		}
		cfg.Voices[i] = v
		e.voices[v.EngineVoice] = v
		e.byID[v.ID] = v
	}
	return e, nil
}

// Voices returns the engine's voices.
func (e *Engine) Voices() []videoagent.Voice { return append([]videoagent.Voice(nil), e.cfg.Voices...) }

var _ videoagent.Synthesizer = (*Engine)(nil)

// Synthesize speaks text with one of the engine's voices (by EngineVoice, or by ID). The
// narration has audio only (no words, no phonemes). Pitch is not supported by the protocol
// and is ignored; volume scales the samples. An unknown voice gives EVOICENOTFOUND, a
// server error an error that names the server's message.
func (e *Engine) Synthesize(ctx context.Context, text string, voice videoagent.Voice, opt videoagent.SpeechOptions) (*videoagent.Narration, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v, ok := e.voices[voice.EngineVoice]
	if voice.EngineVoice == "" {
		v, ok = e.byID[voice.ID]
	}
	if !ok || (voice.Engine != "" && voice.Engine != EngineName) {
		return nil, voice.NotFound()
	}
	opt, err := opt.Resolved()
	if err != nil {
		return nil, err
	}
	speed, volume := opt.Speed, opt.Volume
	if strings.TrimSpace(text) == "" {
		return nil, videoagent.Invalid("text", "The text to speak is empty.")
	}
	var out *videoagent.Narration
	for _, chunk := range Chunks(text, e.cfg.MaxChars) {
		n, err := e.request(ctx, chunk, v.EngineVoice, speed)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = n
			continue
		}
		if n.SampleRate != out.SampleRate {
			return nil, fmt.Errorf("openai: the server answered with sample rates %d and %d", out.SampleRate, n.SampleRate)
		}
		out.Samples = append(out.Samples, n.Samples...)
	}
	if volume != 1 {
		for i, s := range out.Samples {
			out.Samples[i] = int16(float64(s) * volume)
		}
	}
	return out, nil
}

// maxAudio bounds a response body (10 minutes of 48 kHz stereo 32-bit audio is ~230 MB).
const maxAudio = 256 << 20

func (e *Engine) request(ctx context.Context, text, voice string, speed float64) (*videoagent.Narration, error) {
	params := openaisdk.AudioSpeechNewParams{
		Model:          openaisdk.SpeechModel(e.cfg.Model),
		Voice:          openaisdk.AudioSpeechNewParamsVoiceUnion{OfString: openaisdk.String(voice)},
		Input:          text,
		ResponseFormat: openaisdk.AudioSpeechNewParamsResponseFormat(e.cfg.Format),
		Speed:          openaisdk.Float(speed),
	}
	last := &errorBody{}
	resp, err := e.client.Audio.Speech.New(context.WithValue(ctx, errorBodyKey{}, last), params)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var apiErr *openaisdk.Error
		if errors.As(err, &apiErr) {
			msg := serverMessage(last.body)
			if len(last.body) == 0 {
				msg = strconv.Quote(apiErr.Message)
			}
			return nil, fmt.Errorf("openai: %s answered HTTP %d: %s", e.url, apiErr.StatusCode, msg)
		}
		return nil, fmt.Errorf("openai: %s: %w", e.url, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAudio+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("openai: reading the audio: %w", err)
	}
	if len(raw) > maxAudio {
		return nil, fmt.Errorf("openai: the audio is larger than %d bytes", maxAudio)
	}
	if e.cfg.Format == "pcm" {
		if len(raw)%2 != 0 {
			raw = raw[:len(raw)-1]
		}
		s := make([]int16, len(raw)/2)
		for i := range s {
			s[i] = int16(uint16(raw[2*i]) | uint16(raw[2*i+1])<<8)
		}
		return &videoagent.Narration{SampleRate: e.cfg.PCMRate, Samples: s}, nil
	}
	rate, samples, err := speech.DecodeWAV(raw)
	if err != nil {
		return nil, fmt.Errorf("openai: %w", err)
	}
	return &videoagent.Narration{SampleRate: rate, Samples: samples}, nil
}

// errorBody keeps the body of the last error answer: the SDK parses only OpenAI's error
// shape, and compatible servers answer others ({"detail": ...}, plain text).
type errorBody struct{ body []byte }

type errorBodyKey struct{}

func keepErrorBody(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
	resp, err := next(req)
	eb, ok := req.Context().Value(errorBodyKey{}).(*errorBody)
	if !ok || err != nil || resp == nil || resp.StatusCode < 400 {
		return resp, err
	}
	body, rerr := httpx.KeepBody(resp)
	if rerr != nil {
		return nil, rerr
	}
	eb.body = body
	return resp, nil
}

// serverMessage extracts the message of an OpenAI error body, or a short excerpt.
func serverMessage(raw []byte) string {
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
		Detail any `json:"detail"`
	}
	if json.Unmarshal(raw, &e) == nil {
		if e.Error.Message != "" {
			return e.Error.Message
		}
		if e.Detail != nil {
			return fmt.Sprint(e.Detail)
		}
	}
	s := strings.TrimSpace(strings.ToValidUTF8(string(raw), ""))
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return strconv.Quote(s)
}

// Chunks splits text into pieces of at most max characters, at sentence ends where it can,
// else at spaces, else anywhere.
func Chunks(text string, max int) []string {
	var out []string
	for utf8.RuneCountInString(text) > max {
		rs := []rune(text)
		cut := -1
		for i := max - 1; i > max/2; i-- {
			if strings.ContainsRune(".!?。！？\n", rs[i]) {
				cut = i + 1
				break
			}
		}
		if cut < 0 {
			for i := max - 1; i > 0; i-- {
				if unicode.IsSpace(rs[i]) {
					cut = i + 1
					break
				}
			}
		}
		if cut < 0 {
			cut = max
		}
		if piece := strings.TrimSpace(string(rs[:cut])); piece != "" {
			out = append(out, piece)
		}
		text = string(rs[cut:])
	}
	if strings.TrimSpace(text) != "" {
		out = append(out, strings.TrimSpace(text))
	}
	return out
}
