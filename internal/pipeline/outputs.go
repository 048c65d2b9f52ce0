package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"sync"

	videoagent "github.com/openvideoagent/videoagent"
)

// synthParallel is how many scenes are synthesized at once: engines such as Festival run one
// synthesis per worker process, so two calls keep both cores busy.
const synthParallel = 2

// synthesize speaks every scene's narration (scenes without words or audio stay nil), two
// scenes at a time, results in scene order. A scene may bring its own voice and speech
// settings, or supplied audio (direct videos), which is decoded and timed instead. The
// longest narrations go first, so that the two workers end close together.
func (p *Pipeline) synthesize(ctx context.Context, se *videoagent.Session, sb *videoagent.Storyboard, voice videoagent.Voice) ([]*videoagent.Narration, error) {
	narr := make([]*videoagent.Narration, len(sb.Scenes))
	errs := make([]error, len(sb.Scenes))
	type task struct {
		i     int
		sc    videoagent.Scene
		voice videoagent.Voice
	}
	var tasks []task
	for i, sc := range sb.Scenes {
		sv := voice
		if sc.VoiceID != "" {
			v, err := p.Voices.Voice(sc.VoiceID)
			if err != nil {
				return nil, videoagent.Failf(videoagent.FailSpeech, err, "Voice %s is not available.", sc.VoiceID)
			}
			sv = v
		}
		if sc.AudioAssetID == "" && strings.TrimSpace(sc.Narration) == "" {
			continue
		}
		tasks = append(tasks, task{i, sc, sv})
	}
	sort.SliceStable(tasks, func(a, b int) bool { return len(tasks[a].sc.Narration) > len(tasks[b].sc.Narration) })
	sem := make(chan struct{}, synthParallel)
	var wg sync.WaitGroup
	for _, t := range tasks {
		opt := videoagent.SpeechOptions{}
		if t.sc.Speech != nil {
			opt = *t.sc.Speech
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, sc videoagent.Scene, sv videoagent.Voice) {
			defer wg.Done()
			defer func() { <-sem }()
			if sc.AudioAssetID != "" {
				narr[i], errs[i] = p.NarrationFromAudio(ctx, se.AccountID, sc.AudioAssetID, sc.Narration, sv)
				return
			}
			key := narrationKey(sc.Narration, sv, opt)
			if n, ok := p.cachedNarration(key); ok {
				narr[i] = n
				return
			}
			narr[i], errs[i] = p.Synth.Synthesize(ctx, sc.Narration, sv, opt)
			if errs[i] == nil {
				p.storeNarration(key, narr[i])
			}
		}(t.i, t.sc, t.voice)
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			continue
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var f *videoagent.Failure
		if errors.As(err, &f) {
			return nil, f
		}
		return nil, videoagent.Failf(videoagent.FailSpeech, err, "Speech synthesis failed for scene %d: %s", i+1, videoagent.ErrorMessage(err))
	}
	return narr, nil
}

// publishExtras stores the GIF preview and the captioned rendition, when the render made
// them, and returns their keys ("" when absent). A rendition that is the main video itself
// (captions burned in) shares its key.
func (p *Pipeline) publishExtras(ctx context.Context, videoID string, res *videoagent.RenderResult, videoKey string) ([2]string, error) {
	var keys [2]string
	if res.GIFPath != "" {
		keys[0] = "videos/" + videoID + ".gif"
		if err := p.putFile(ctx, keys[0], res.GIFPath); err != nil {
			return keys, err
		}
	}
	switch {
	case res.CaptionedVideoPath == "":
	case res.CaptionedVideoPath == res.VideoPath:
		keys[1] = videoKey
	default:
		keys[1] = "videos/" + videoID + "-captioned.mp4"
		if err := p.putFile(ctx, keys[1], res.CaptionedVideoPath); err != nil {
			return keys, err
		}
	}
	return keys, nil
}

// emit sends the webhook event of a finished video: video_agent.* for agent sessions,
// avatar_video.* for direct videos, to the account's endpoints and the request's
// callback_url. Delivery is the queue's; a failure to emit is logged, never fatal.
func (p *Pipeline) emit(ctx context.Context, se *videoagent.Session, videoID string, ok bool, extra map[string]any, f *videoagent.Failure) {
	if p.Events == nil {
		return
	}
	data := map[string]any{"video_id": videoID}
	typ := videoagent.EventVideoAgentSuccess
	direct := se.Mode != videoagent.ModeGenerate && se.Mode != videoagent.ModeChat
	if !direct {
		data["session_id"] = se.ID
	}
	switch {
	case ok && direct:
		typ = videoagent.EventAvatarVideoSuccess
	case !ok && direct:
		typ = videoagent.EventAvatarVideoFail
		data["msg"] = f.Message
	case !ok:
		typ = videoagent.EventVideoAgentFail
	}
	for k, v := range extra {
		if key, isKey := v.(string); isKey && (k == "url" || k == "thumbnail_url") {
			v = nil
			if p.FileURL != nil {
				v = p.FileURL(key)
			}
		}
		data[k] = v
	}
	if f != nil {
		data["failure_code"], data["failure_message"] = f.Code, f.Message
	}
	raw, _ := json.Marshal(data)
	ev := &videoagent.WebhookEvent{Type: typ, EntityID: videoID, Data: raw}
	if err := p.Events.Emit(context.WithoutCancel(ctx), se.AccountID, ev, se.CallbackURL, se.CallbackID); err != nil {
		p.log().Error("emit webhook event", "video_id", videoID, "err", err)
	}
	if direct {
		p.finishBatch(context.WithoutCancel(ctx), se.AccountID, videoID)
	}
}

// finishBatch emits batch.finished when videoID was the last unfinished video of a batch.
func (p *Pipeline) finishBatch(ctx context.Context, accountID, videoID string) {
	id, _, err := p.Store.BatchOfVideo(ctx, accountID, videoID)
	if err != nil || id == "" {
		if err != nil {
			p.log().Error("find the batch of a video", "video_id", videoID, "err", err)
		}
		return
	}
	if _, err := videoagent.FinishBatch(ctx, p.Store, p.Events, accountID, id); err != nil {
		p.log().Error("finish batch", "batch_id", id, "err", err)
	}
}
