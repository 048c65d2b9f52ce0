package main

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/align"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
	"github.com/openvideoagent/videoagent/speech/festival"
	"github.com/openvideoagent/videoagent/speech/flite"
	"github.com/openvideoagent/videoagent/speech/openai"
)

// addSpeechEngines registers the engines beyond espeak-ng: flite's English voices, Festival's
// HTS voice when Festival is installed, and an OpenAI-compatible server when
// VIDEOAGENT_TTS_BASE_URL is set (its timings derived from the audio, guided by espeak-ng).
// It makes speech.DefaultEnglish the default English voices, espeak-ng's the default of
// every other language.
//
// Festival runs as warm worker processes (each holds about 330 MB while it lives; the last
// stays warm): VIDEOAGENT_FESTIVAL_WORKERS sets how many at most (default one per core;
// -1 starts a process per synthesis instead). The returned engine, nil without Festival,
// is for the caller to warm and close.
func addSpeechEngines(voices *speech.Catalog, router *speech.Router, es *espeak.Engine) (*festival.Engine, error) {
	if fl, err := flite.New(); err != nil {
		slog.Warn("flite voices are not available", "err", err)
	} else {
		if err := voices.Add(flite.Voices()...); err != nil {
			return nil, fmt.Errorf("flite voices: %w", err)
		}
		router.Register(flite.EngineName, fl)
	}
	fe, err := festival.New()
	if err != nil {
		slog.Info("Festival voices are not available", "err", err)
		fe = nil
	} else {
		if v := os.Getenv("VIDEOAGENT_FESTIVAL_WORKERS"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("VIDEOAGENT_FESTIVAL_WORKERS=%q is not a number", v)
			}
			fe.Workers = n
		}
		if err := voices.Add(fe.Voices()...); err != nil {
			return nil, fmt.Errorf("festival voices: %w", err)
		}
		router.Register(festival.EngineName, fe)
	}
	guide := align.SynthGuide(es, func(locale string) (videoagent.Voice, bool) { return espeak.DefaultVoiceFor(locale, "female") })
	cfg, ok, err := openai.ConfigFromEnv(os.Getenv)
	if err != nil {
		return fe, err
	}
	if ok {
		oe, err := openai.New(cfg)
		if err != nil {
			return fe, err
		}
		if err := voices.Add(oe.Voices()...); err != nil {
			return fe, fmt.Errorf("openai voices: %w", err)
		}
		router.Register(openai.EngineName, &align.Timed{Synth: oe, Guide: guide})
	}
	voices.Prefer(speech.PreferEnglish(voices, espeak.DefaultVoiceFor))
	return fe, nil
}
