package pipeline

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Prerenderer renders one share of a video's segments into a cache shared by workers
// (render.Renderer).
type Prerenderer interface {
	Prerender(ctx context.Context, job videoagent.RenderJob, shard, shards int) error
}

// Fanout spreads the render of long videos over other workers (see Pipeline.Fanout).
type Fanout struct {
	// Enqueue enqueues prerender jobs for shares 1..shards-1 of the video and returns a
	// function that waits until they have finished or been given up.
	Enqueue func(ctx context.Context, videoID string, shards int) (wait func(context.Context) error, err error)
	// Shards is how many shares a long video is cut into (the workers that render it).
	Shards int
	// MinSeconds is the shortest narration a video has for its render to be spread, guessed
	// from its words; default 60.
	MinSeconds float64
}

// fanOutRun is a video whose render is being spread: the shares other workers took, and
// how to wait for them.
type fanOutRun struct {
	shards int
	wait   func(context.Context) error
	start  time.Time
}

// startFanOut, for a long video when the pipeline has a Fanout, enqueues the shares of the
// other workers before any narration is synthesized: each worker synthesizes its share of
// the scenes' narrations, then takes the others' from the shared cache, then renders its
// share of the segments. nil: this worker renders the video alone.
func (p *Pipeline) startFanOut(ctx context.Context, log *slog.Logger, videoID string, sb *videoagent.Storyboard) *fanOutRun {
	f := p.Fanout
	if _, ok := p.Renderer.(Prerenderer); f == nil || f.Enqueue == nil || !ok || f.Shards < 2 {
		return nil
	}
	min := f.MinSeconds
	if min <= 0 {
		min = 60
	}
	words := 0
	for _, sc := range sb.Scenes {
		words += len(strings.Fields(sc.Narration))
	}
	if float64(words)/wordsPerSecond < min {
		return nil
	}
	start := time.Now()
	wait, err := f.Enqueue(ctx, videoID, f.Shards)
	if err != nil {
		log.Warn("fan out: rendering alone", "err", err)
		return nil
	}
	return &fanOutRun{shards: f.Shards, wait: wait, start: start}
}

// wordsPerSecond is a speaking rate that guesses a narration's length from its words before
// it is synthesized (about 150 words a minute).
const wordsPerSecond = 2.5

// synthesizeShared synthesizes share shard of shards of the scenes' narrations first (into
// the shared cache), waits a while for the other shares' to appear there, then returns them
// all, synthesizing here whatever is still missing.
func (p *Pipeline) synthesizeShared(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, voice videoagent.Voice, shard, shards int) ([]*videoagent.Narration, error) {
	mine := *sb
	mine.Scenes = make([]videoagent.Scene, len(sb.Scenes))
	others := map[int]bool{}
	for i, sc := range sb.Scenes {
		if i%shards == shard {
			mine.Scenes[i] = sc
		} else if sc.AudioAssetID == "" && strings.TrimSpace(sc.Narration) != "" {
			others[i] = true
		}
	}
	start := time.Now()
	if _, err := p.synthesize(ctx, se, &mine, voice); err != nil {
		return nil, err
	}
	// The other workers synthesize their shares at about the same pace; give them as long
	// again, and a little, before doing their work here.
	deadline := time.Now().Add(time.Since(start) + 2*time.Second)
	for len(others) > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		for i := range others {
			if key, ok := p.sceneNarrationKey(sb, i, voice); !ok {
				delete(others, i)
			} else if _, ok := p.cachedNarration(key); ok {
				delete(others, i)
			}
		}
		if len(others) > 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	return p.synthesize(ctx, se, sb, voice)
}

// sceneNarrationKey is the narration cache key of scene i, as synthesize computes it; false
// for a scene whose voice is unknown.
func (p *Pipeline) sceneNarrationKey(sb *videoagent.Storyboard, i int, voice videoagent.Voice) (string, bool) {
	sc := sb.Scenes[i]
	if sc.VoiceID != "" {
		v, err := p.Voices.Voice(sc.VoiceID)
		if err != nil {
			return "", false
		}
		voice = v
	}
	opt := videoagent.SpeechOptions{}
	if sc.Speech != nil {
		opt = *sc.Speech
	}
	return narrationKey(sc.Narration, voice, opt), true
}

// finishFanOut prerenders this worker's share 0 of the segments while the others render
// theirs, then waits for them: the render that follows finds the segments cached and only
// assembles the video (encoding any share a worker did not finish itself).
func (p *Pipeline) finishFanOut(ctx context.Context, log *slog.Logger, f *fanOutRun, sb *videoagent.Storyboard, narr []*videoagent.Narration) {
	pr := p.Renderer.(Prerenderer)
	if err := pr.Prerender(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narr}, 0, f.shards); err != nil && ctx.Err() == nil {
		log.Warn("prerender share 0", "err", err)
	}
	if err := f.wait(ctx); err != nil && ctx.Err() == nil {
		log.Warn("fan out: waiting for shares", "err", err)
	}
	log.Info("shares rendered", "shards", f.shards, "elapsed", time.Since(f.start))
}

// RenderShard prerenders share shard of shards of a video's segments into the shared cache,
// from the storyboard its session holds and its narrations (synthesized by the worker that
// fanned out, found in the shared narration cache). A video that is gone, finished or not
// planned yet has nothing to prerender.
func (p *Pipeline) RenderShard(ctx context.Context, videoID string, shard, shards int) error {
	pr, ok := p.Renderer.(Prerenderer)
	if !ok {
		return nil
	}
	v, err := p.Store.VideoByID(ctx, videoID)
	if err != nil {
		if videoagent.ErrorCode(err) == videoagent.EVIDEONOTFOUND {
			return nil
		}
		return err
	}
	if v.Status == videoagent.VideoCompleted || v.Status == videoagent.VideoFailed || v.SessionID == "" {
		return nil
	}
	se, err := p.Store.SessionByID(ctx, v.SessionID)
	if err != nil || len(se.Storyboard) == 0 {
		return err
	}
	var sb videoagent.Storyboard
	if err := json.Unmarshal(se.Storyboard, &sb); err != nil {
		return nil
	}
	voice, err := p.Voices.Voice(sb.VoiceID)
	if err != nil {
		return nil
	}
	start := time.Now()
	narr, err := p.synthesizeShared(ctx, se, &sb, voice, shard, shards)
	if err != nil {
		return err
	}
	if err := pr.Prerender(ctx, videoagent.RenderJob{Storyboard: &sb, Narrations: narr}, shard, shards); err != nil {
		return err
	}
	p.log().Info("share rendered", "video_id", videoID, "shard", shard, "shards", shards, "elapsed", time.Since(start))
	return nil
}
