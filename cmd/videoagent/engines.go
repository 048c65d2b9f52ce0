package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/avatar"
	"github.com/openvideoagent/videoagent/render"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

// engines are the stages of the pipeline, wired with their concrete implementations.
type engines struct {
	planner     videoagent.Planner
	voices      *speech.Catalog
	synth       videoagent.Synthesizer
	presenters  videoagent.Presenters
	renderer    videoagent.Renderer
	defaultLook string
	styleExists func(string) bool
	// assets opens image assets for the renderer; serve sets its blob store.
	assets *blobAssets
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

func newEngines(dataDir string) (*engines, error) {
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
	if err := addSpeechEngines(voices, router, es); err != nil {
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
	styles := map[string]bool{}
	var agentStyles []agent.Style
	for _, s := range render.Styles() {
		styles[s.ID] = true
		agentStyles = append(agentStyles, agent.Style{ID: s.ID, Words: s.Name})
	}
	caster := &agent.Caster{
		Voices: voices, Looks: cast.Looks(), DefaultLook: avatar.DefaultLookID(),
		Rates: agent.NewRateMeter(router, filepath.Join(dataDir, "cache", "voice-rates.json")),
	}
	var planner videoagent.Planner = agent.NewPlanner(agent.Options{Cast: caster.Cast, Styles: agentStyles})
	if base, model, key := os.Getenv("VIDEOAGENT_LLM_BASE_URL"), os.Getenv("VIDEOAGENT_LLM_MODEL"), os.Getenv("VIDEOAGENT_LLM_API_KEY"); base != "" && model != "" {
		planner = agent.NewLLMPlanner(agent.LLMOptions{
			BaseURL: base, Model: model, APIKey: key, Cast: caster.Cast, Styles: agentStyles, Fallback: planner,
		})
	}
	return &engines{
		planner:     planner,
		voices:      voices,
		synth:       speech.NewNormalizing(router),
		presenters:  cast,
		renderer:    rend,
		defaultLook: avatar.DefaultLookID(),
		styleExists: func(id string) bool { return styles[id] },
		assets:      assets,
	}, nil
}
