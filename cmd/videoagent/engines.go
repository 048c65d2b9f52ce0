package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/avatar"
	"github.com/openvideoagent/videoagent/internal/chat/llmchat"
	"github.com/openvideoagent/videoagent/render"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
	"github.com/openvideoagent/videoagent/speech/festival"
)

// engines are the stages of the pipeline, wired with their concrete implementations.
type engines struct {
	planner     videoagent.Planner
	voices      *speech.Catalog
	synth       videoagent.Synthesizer
	presenters  videoagent.Presenters
	renderer    videoagent.Renderer
	defaultLook string
	styles      videoagent.StyleCatalog
	// assets opens image assets for the renderer; serve sets its blob store.
	assets *blobAssets
	// interpreter understands chat messages with the language model; nil when none is
	// configured (the rule-based chat.Interpret answers).
	interpreter *llmchat.Interpreter
	// lookReader reads presenter descriptions with the language model; nil when none is
	// configured (the offline parser reads them).
	lookReader *agent.LookReader
	// rates measures the voices' speaking rates (shipped for the built-in voices).
	rates *agent.RateMeter
	// festival is the Festival engine, nil when Festival is not installed: serve warms its
	// workers at start and closes them at exit.
	festival *festival.Engine
}

// llmConfig is the language model the agent uses, on any OpenAI-compatible server
// (OpenAI, Ollama, llama.cpp server, vLLM, LM Studio). Without a base URL and a model
// the built-in planner and the rule-based chat interpreter work alone.
type llmConfig struct {
	BaseURL string        // e.g. http://localhost:11434/v1
	Model   string        // e.g. llama3.1:8b
	APIKey  string        // optional: Ollama and llama.cpp need none
	Timeout time.Duration // per request; 0 means agent.DefaultLLMTimeout
	// HTTPClient sends the requests (serve's times them); nil: the SDK's default.
	HTTPClient *http.Client
}

// llmFromEnv reads VIDEOAGENT_LLM_BASE_URL, VIDEOAGENT_LLM_MODEL,
// VIDEOAGENT_LLM_API_KEY and VIDEOAGENT_LLM_TIMEOUT (a Go duration, e.g. "90s").
func llmFromEnv() (llmConfig, error) {
	c := llmConfig{BaseURL: os.Getenv("VIDEOAGENT_LLM_BASE_URL"), Model: os.Getenv("VIDEOAGENT_LLM_MODEL"), APIKey: os.Getenv("VIDEOAGENT_LLM_API_KEY")}
	if v := os.Getenv("VIDEOAGENT_LLM_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("VIDEOAGENT_LLM_TIMEOUT=%q is not a positive duration such as 90s", v)
		}
		c.Timeout = d
	}
	return c, nil
}

// enabled reports whether a model is configured.
func (c llmConfig) enabled() bool { return c.BaseURL != "" && c.Model != "" }

// check says what is missing when only half of a model is configured.
func (c llmConfig) check() error {
	switch {
	case c.BaseURL != "" && c.Model == "":
		return fmt.Errorf("language model: a base URL (%s) is set but no model: set VIDEOAGENT_LLM_MODEL or --llm-model", c.BaseURL)
	case c.BaseURL == "" && c.Model != "":
		return fmt.Errorf("language model: a model (%s) is set but no base URL: set VIDEOAGENT_LLM_BASE_URL or --llm-base-url", c.Model)
	}
	return nil
}

// blobAssets opens assets (stored by package ingest under "assets/ID.EXT") from the blob
// store for the renderer: images (PNG or JPEG), video clips (MP4 or WebM) and music (MP3
// or WAV).
type blobAssets struct {
	Blobs videoagent.BlobStore
}

// Open implements render.Assets.
func (a *blobAssets) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	if a.Blobs == nil {
		return nil, fmt.Errorf("asset %s: no blob store", id)
	}
	if _, err := hex.DecodeString(id); err != nil || id == "" {
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "Asset %s not found.", id)
	}
	var last error
	for _, ext := range []string{".png", ".jpg", ".mp4", ".webm", ".mp3", ".wav"} {
		b, err := a.Blobs.Open(ctx, "assets/"+id+ext)
		if err == nil {
			return b, nil
		}
		last = err
	}
	return nil, last
}

// newEngines wires the engines, with the language model of the environment (see
// llmFromEnv).
func newEngines(dataDir string) (*engines, error) {
	llm, err := llmFromEnv()
	if err != nil {
		return nil, err
	}
	return newEnginesLLM(dataDir, llm)
}

// newEnginesLLM wires the engines with the language model llm (none when it is not
// enabled).
func newEnginesLLM(dataDir string, llm llmConfig) (*engines, error) {
	return newEnginesWith(dataDir, llm, "")
}

// newEnginesWith is newEnginesLLM with the resolution the planners give storyboards ("":
// the planner's default, 720p).
func newEnginesWith(dataDir string, llm llmConfig, resolution string) (*engines, error) {
	if err := llm.check(); err != nil {
		return nil, err
	}
	es, err := espeak.New()
	if err != nil {
		return nil, fmt.Errorf("espeak-ng: %w", err)
	}
	voices, err := speech.NewCatalog(espeak.Voices()...)
	if err != nil {
		return nil, err
	}
	voices.Prefer(espeak.DefaultVoiceFor)
	router := speech.NewRouter()
	router.Register(espeak.EngineName, es)
	fest, err := addSpeechEngines(voices, router, es)
	if err != nil {
		return nil, err
	}

	cast := avatar.New()
	assets := &blobAssets{}
	rend := render.New(render.Options{
		Assets:     assets,
		Presenters: cast,
		CacheDir:   filepath.Join(dataDir, "cache", "segments"),
		CacheSalt:  "avatar=" + avatar.Version,
	})
	styles := render.StyleCatalog{}
	var agentStyles []agent.Style
	for _, s := range styles.Styles() {
		agentStyles = append(agentStyles, agent.Style{ID: s.ID, Words: s.Name})
	}
	// Speaking rates ship with the binary; voices not in the table are measured in the
	// background (see serve), never on a request's path.
	rates := agent.NewRateMeter(router, filepath.Join(dataDir, "cache", "voice-rates.json"))
	caster := &agent.Caster{
		Voices: voices, Looks: cast.Looks(), DefaultLook: avatar.DefaultLookID(),
		Rates: rates,
	}
	var planner videoagent.Planner = agent.NewPlanner(agent.Options{Cast: caster.Cast, Styles: agentStyles, Resolution: resolution})
	var interpreter *llmchat.Interpreter
	var lookReader *agent.LookReader
	if llm.enabled() {
		lp := agent.NewLLMPlanner(agent.LLMOptions{
			BaseURL: llm.BaseURL, Model: llm.Model, APIKey: llm.APIKey, Timeout: llm.Timeout,
			Cast: caster.Cast, Styles: agentStyles, Resolution: resolution, Fallback: planner, HTTPClient: llm.HTTPClient,
		})
		// The chat interpreter shares the planner's client, and what it learned about the
		// server (no json_schema, no tools).
		planner, interpreter = lp, llmchat.New(lp.Client())
		lookReader = &agent.LookReader{Client: lp.Client(), SkinTones: avatar.SkinTones(), HairStyles: avatar.HairStyles(), Clothing: avatar.Clothing()}
	}
	return &engines{
		planner:     planner,
		voices:      voices,
		synth:       speech.NewNormalizing(router),
		presenters:  cast,
		renderer:    rend,
		defaultLook: avatar.DefaultLookID(),
		styles:      styles,
		assets:      assets,
		interpreter: interpreter,
		lookReader:  lookReader,
		rates:       rates,
		festival:    fest,
	}, nil
}
