package openai_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/align"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
	"github.com/openvideoagent/videoagent/speech/openai"
)

const testKey = "sk-test-123"

// fakeServer speaks the OpenAI speech protocol: POST /v1/audio/speech with a JSON body,
// bearer auth, response_format wav (streamed form, sizes 0xFFFFFFFF) or pcm (24 kHz),
// OpenAI error bodies. It synthesizes with espeak-ng, so the audio is real speech.
type fakeServer struct {
	*httptest.Server
	requests atomic.Int64
	lastBody atomic.Value // map[string]any
}

// fakeVoices maps the server's voice names to espeak voices.
var fakeVoices = map[string]string{
	"alloy": "espeak-en-us-f", "onyx": "espeak-en-us-m", "nova": "espeak-es-f", "dara": "espeak-de-m",
	"kiran": "espeak-hi-f",
}

func newFake(t testing.TB) *fakeServer {
	e, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]videoagent.Voice{}
	for _, v := range espeak.Voices() {
		byID[v.ID] = v
	}
	f := &fakeServer{}
	fail := func(w http.ResponseWriter, status int, msg string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error"}})
	}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.requests.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/v1/audio/speech" {
			fail(w, http.StatusNotFound, "no such route")
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+testKey {
			fail(w, http.StatusUnauthorized, "Incorrect API key provided.")
			return
		}
		var req struct {
			Model, Voice, Input string
			ResponseFormat      string  `json:"response_format"`
			Speed               float64 `json:"speed"`
		}
		var raw map[string]any
		if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
			fail(w, http.StatusBadRequest, "bad JSON")
			return
		}
		f.lastBody.Store(raw)
		b, _ := json.Marshal(raw)
		json.Unmarshal(b, &req)
		if req.Model != "tts-1" || req.Input == "" || len([]rune(req.Input)) > 4096 {
			fail(w, http.StatusBadRequest, "bad model or input")
			return
		}
		v, ok := byID[fakeVoices[req.Voice]]
		if !ok {
			fail(w, http.StatusBadRequest, "Invalid voice: "+req.Voice)
			return
		}
		if req.Speed == 0 {
			req.Speed = 1
		}
		n, err := e.Synthesize(r.Context(), req.Input, v, videoagent.SpeechOptions{Speed: req.Speed})
		if err != nil {
			fail(w, http.StatusInternalServerError, err.Error())
			return
		}
		switch req.ResponseFormat {
		case "wav":
			w.Header().Set("Content-Type", "audio/wav")
			wav := speech.EncodeWAV(n.SampleRate, n.Samples)
			binary.LittleEndian.PutUint32(wav[4:], 0xFFFFFFFF)
			binary.LittleEndian.PutUint32(wav[40:], 0xFFFFFFFF)
			w.Write(wav)
		case "pcm":
			w.Header().Set("Content-Type", "audio/pcm")
			s := resample(n.Samples, n.SampleRate, 24000)
			out := make([]byte, 2*len(s))
			for i, x := range s {
				binary.LittleEndian.PutUint16(out[2*i:], uint16(x))
			}
			w.Write(out)
		default:
			fail(w, http.StatusBadRequest, "unsupported response_format "+req.ResponseFormat)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// resample converts by linear interpolation (the fake's pcm is 24 kHz, as OpenAI's).
func resample(s []int16, from, to int) []int16 {
	n := int(int64(len(s)) * int64(to) / int64(from))
	out := make([]int16, n)
	for i := range out {
		x := float64(i) * float64(from) / float64(to)
		j := int(x)
		if j+1 >= len(s) {
			out[i] = s[len(s)-1]
			continue
		}
		fr := x - float64(j)
		out[i] = int16(float64(s[j])*(1-fr) + float64(s[j+1])*fr)
	}
	return out
}

func newEngine(t testing.TB, base, format string) *openai.Engine {
	t.Helper()
	vs, err := openai.ParseVoices("alloy:female:en-US,onyx:male,nova:female:es-ES,dara:male:de-DE,kiran:female:hi-IN")
	if err != nil {
		t.Fatal(err)
	}
	e, err := openai.New(openai.Config{BaseURL: base, APIKey: testKey, Model: "tts-1", Voices: vs, Format: format})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func guide(t testing.TB) align.Guide {
	e, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	return align.SynthGuide(e, func(locale string) (videoagent.Voice, bool) { return espeak.DefaultVoiceFor(locale, "female") })
}

// TestConformance runs the suite on the engine plus the audio-derived timings, both
// response formats.
func TestConformance(t *testing.T) {
	f := newFake(t)
	for _, format := range []string{"wav", "pcm"} {
		t.Run(format, func(t *testing.T) {
			e := newEngine(t, f.URL, format)
			speechtest.Run(t, &align.Timed{Synth: e, Guide: guide(t)}, e.Voices())
		})
	}
}

func TestRequest(t *testing.T) {
	f := newFake(t)
	e := newEngine(t, f.URL+"/v1/", "wav")
	v := e.Voices()[1]
	if v.ID != "openai-onyx" || v.Gender != "male" || v.Locale != "en-US" || v.Language != "English" {
		t.Errorf("voice = %+v", v)
	}
	n, err := e.Synthesize(context.Background(), "Hello there.", v, videoagent.SpeechOptions{Speed: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	if n.SampleRate != 22050 || n.Duration() < 300*time.Millisecond || len(n.Words) != 0 {
		t.Errorf("narration: rate %d, %v, %d words", n.SampleRate, n.Duration(), len(n.Words))
	}
	body := f.lastBody.Load().(map[string]any)
	want := map[string]any{"model": "tts-1", "voice": "onyx", "input": "Hello there.", "response_format": "wav", "speed": 1.5}
	for k, w := range want {
		if body[k] != w {
			t.Errorf("request %s = %v, want %v", k, body[k], w)
		}
	}
}

func TestErrors(t *testing.T) {
	f := newFake(t)
	vs, _ := openai.ParseVoices("alloy,ghost:male")
	bad, err := openai.New(openai.Config{BaseURL: f.URL, APIKey: "wrong", Voices: vs})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.Synthesize(context.Background(), "Hi.", vs[0], videoagent.SpeechOptions{})
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "Incorrect API key") {
		t.Errorf("bad key: %v", err)
	}
	good := newEngine(t, f.URL, "wav")
	if _, err := good.Synthesize(context.Background(), "Hi.", videoagent.Voice{ID: "openai-x", Engine: "openai", EngineVoice: "x"}, videoagent.SpeechOptions{}); videoagent.ErrorCode(err) != videoagent.EVOICENOTFOUND {
		t.Errorf("unknown voice: %v", err)
	}
	if _, err := good.Synthesize(context.Background(), "Hi.", good.Voices()[0], videoagent.SpeechOptions{Speed: 3}); videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Errorf("speed 3: %v", err)
	}
	if _, err := openai.New(openai.Config{BaseURL: "ftp://x"}); err == nil {
		t.Error("ftp base URL accepted")
	}
	if _, err := openai.ParseVoices("a:robot"); err == nil {
		t.Error("gender robot accepted")
	}
	// A long text is split into requests within the server's limit.
	before := f.requests.Load()
	long := strings.Repeat("This sentence is repeated to make a long text. ", 100)
	n, err := good.Synthesize(context.Background(), long, good.Voices()[0], videoagent.SpeechOptions{Speed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if k := f.requests.Load() - before; k < 2 || n.Duration() < 30*time.Second {
		t.Errorf("long text: %d requests, %v of audio", k, n.Duration())
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	if _, ok, _ := openai.ConfigFromEnv(get); ok {
		t.Error("configured without a base URL")
	}
	env[openai.EnvBaseURL] = "http://localhost:8880"
	env[openai.EnvVoices] = "af_bella:female:en-US:Bella,am_adam:male"
	env[openai.EnvModel] = "kokoro"
	cfg, ok, err := openai.ConfigFromEnv(get)
	if !ok || err != nil || cfg.Model != "kokoro" || len(cfg.Voices) != 2 || cfg.Voices[0].ID != "openai-af-bella" || cfg.Voices[0].Name != "Bella (English, neural)" {
		t.Errorf("config = %+v, %v, %v", cfg, ok, err)
	}
}

func TestChunks(t *testing.T) {
	text := strings.Repeat("abc def. ", 50)
	for _, c := range openai.Chunks(text, 100) {
		if len([]rune(c)) > 100 || !strings.HasSuffix(c, ".") {
			t.Errorf("chunk %q", c)
		}
	}
	if got := openai.Chunks(strings.Repeat("x", 250), 100); len(got) != 3 {
		t.Errorf("unbroken text: %d chunks", len(got))
	}
}

func TestDecodeWAV(t *testing.T) {
	in := []int16{0, 1000, -1000, 32767, -32768}
	rate, out, err := speech.DecodeWAV(speech.EncodeWAV(16000, in))
	if err != nil || rate != 16000 || len(out) != len(in) {
		t.Fatalf("round trip: %d %v %v", rate, out, err)
	}
	for i := range in {
		if in[i] != out[i] {
			t.Errorf("sample %d: %d vs %d", i, out[i], in[i])
		}
	}
	if _, _, err := speech.DecodeWAV([]byte("ID3 not a wav")); err == nil {
		t.Error("mp3 accepted as WAV")
	}
}
