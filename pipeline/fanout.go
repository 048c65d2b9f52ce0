package pipeline

import (
	"context"
	"encoding/json"
	"log/slog"
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
	// MinSeconds is the shortest narration a video has for its render to be spread;
	// default 60.
	MinSeconds float64
}

// fanOut, for a long video when the pipeline has a Fanout, has other workers prerender
// their shares of its segments while this one prerenders share 0, then waits for them: the
// render that follows finds the segments cached and only assembles the video (encoding any
// share a worker did not finish itself).
func (p *Pipeline) fanOut(ctx context.Context, log *slog.Logger, videoID string, sb *videoagent.Storyboard, narr []*videoagent.Narration) {
	f := p.Fanout
	pr, ok := p.Renderer.(Prerenderer)
	if f == nil || f.Enqueue == nil || !ok || f.Shards < 2 {
		return
	}
	min := f.MinSeconds
	if min <= 0 {
		min = 60
	}
	var secs float64
	for _, n := range narr {
		if n != nil {
			secs += n.Duration().Seconds()
		}
	}
	if secs < min {
		return
	}
	start := time.Now()
	wait, err := f.Enqueue(ctx, videoID, f.Shards)
	if err != nil {
		log.Warn("fan out: rendering alone", "err", err)
		return
	}
	if err := pr.Prerender(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narr}, 0, f.Shards); err != nil && ctx.Err() == nil {
		log.Warn("prerender share 0", "err", err)
	}
	if err := wait(ctx); err != nil && ctx.Err() == nil {
		log.Warn("fan out: waiting for shares", "err", err)
	}
	log.Info("shares rendered", "shards", f.Shards, "elapsed", time.Since(start))
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
	se, err := p.Store.Session(ctx, "", v.SessionID)
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
	narr, err := p.synthesize(ctx, se, &sb, voice)
	if err != nil {
		return err
	}
	if err := pr.Prerender(ctx, videoagent.RenderJob{Storyboard: &sb, Narrations: narr}, shard, shards); err != nil {
		return err
	}
	p.log().Info("share rendered", "video_id", videoID, "shard", shard, "shards", shards, "elapsed", time.Since(start))
	return nil
}
