package main

import (
	"fmt"
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
	rend := render.New(render.Options{
		Presenters: cast,
		CacheDir:   filepath.Join(dataDir, "cache", "segments"),
	})
	styles := map[string]bool{}
	for _, s := range render.Styles() {
		styles[s.ID] = true
	}
	return &engines{
		planner:     agent.NewPlanner(agent.Options{}),
		voices:      voices,
		synth:       speech.NewNormalizing(router),
		presenters:  cast,
		renderer:    rend,
		defaultLook: avatar.DefaultLookID(),
		styleExists: func(id string) bool { return styles[id] },
	}, nil
}
