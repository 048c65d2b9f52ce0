// Package pipeline runs one video from brief to published files: plan, synthesize, render,
// publish. It is what the queue's render job does; it holds no state of its own, so a run
// that was interrupted can simply run again.
package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Pipeline holds the stages. All fields are required but Logger.
type Pipeline struct {
	Store      videoagent.Store
	Blobs      videoagent.BlobStore
	Planner    videoagent.Planner
	Voices     videoagent.VoiceCatalog
	Synth      videoagent.Synthesizer
	Presenters videoagent.Presenters
	Renderer   videoagent.Renderer
	// WorkDir holds each run's scratch files, removed when the run ends.
	WorkDir string
	// DefaultLookID is the presenter used when neither the brief nor the planner names one.
	DefaultLookID string
	Logger        *slog.Logger
}

// Progress milestones of a session, in percent.
const (
	progressPlanned     = 15
	progressSynthesized = 35
	progressRendered    = 95
)

// Run produces video videoID. It returns nil when the video completed or failed for a
// reason the user must fix (the failure is recorded on the video and the session); it
// returns an error when the run should be tried again (shutdown, a transient fault).
func (p *Pipeline) Run(ctx context.Context, videoID string) error {
	v, err := p.Store.VideoByID(ctx, videoID)
	if err != nil {
		if videoagent.ErrorCode(err) == videoagent.EVIDEONOTFOUND {
			return nil // deleted while queued: nothing to do
		}
		return err
	}
	if v.Status == videoagent.VideoCompleted || v.Status == videoagent.VideoFailed {
		return nil // a retry of a run that already finished
	}
	err = p.run(ctx, v)
	var f *videoagent.Failure
	if errors.As(err, &f) {
		p.fail(context.WithoutCancel(ctx), v, f)
		return nil
	}
	return err
}

// Fail records a failure on the video and its session; the queue calls it when a run has
// used up its attempts.
func (p *Pipeline) Fail(ctx context.Context, videoID string, f *videoagent.Failure) {
	v, err := p.Store.VideoByID(ctx, videoID)
	if err != nil {
		p.log().Error("fail video: read", "video_id", videoID, "err", err)
		return
	}
	p.fail(ctx, v, f)
}

func (p *Pipeline) log() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

func (p *Pipeline) run(ctx context.Context, v *videoagent.Video) error {
	log := p.log().With("video_id", v.ID, "session_id", v.SessionID)
	start := time.Now()
	if err := p.Store.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoProcessing)}); err != nil {
		return err
	}
	if v.SessionID == "" {
		return videoagent.Failf(videoagent.FailInput, nil, "This video has no session to render from.")
	}
	se, err := p.Store.Session(ctx, "", v.SessionID)
	if err != nil {
		return err
	}

	sb, err := p.storyboard(ctx, se)
	if err != nil {
		return err
	}
	if err := p.Store.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{Title: &sb.Title}); err != nil {
		return err
	}
	p.progress(ctx, se.ID, videoagent.SessionGenerating, progressPlanned)

	voice, err := p.Voices.Voice(sb.VoiceID)
	if err != nil {
		return videoagent.Failf(videoagent.FailSpeech, err, "Voice %s is not available.", sb.VoiceID)
	}
	narr := make([]*videoagent.Narration, len(sb.Scenes))
	for i, sc := range sb.Scenes {
		if strings.TrimSpace(sc.Narration) == "" {
			continue
		}
		n, err := p.Synth.Synthesize(ctx, sc.Narration, voice, videoagent.SpeechOptions{})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return videoagent.Failf(videoagent.FailSpeech, err, "Speech synthesis failed for scene %d with voice %s.", i+1, voice.ID)
		}
		narr[i] = n
	}
	p.progress(ctx, se.ID, "", progressSynthesized)
	log.Info("narration ready", "scenes", len(sb.Scenes), "elapsed", time.Since(start))

	dir, err := os.MkdirTemp(p.WorkDir, "render-"+v.ID+"-")
	if err != nil {
		return fmt.Errorf("work dir: %w", err)
	}
	defer os.RemoveAll(dir)
	last := progressSynthesized
	res, err := p.Renderer.Render(ctx, videoagent.RenderJob{
		Storyboard: sb,
		Narrations: narr,
		OutDir:     dir,
		Progress: func(done float64) {
			pc := progressSynthesized + int(done*float64(progressRendered-progressSynthesized))
			if pc > last {
				last = pc
				p.progress(ctx, se.ID, "", pc)
			}
		},
	})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var f *videoagent.Failure
		if errors.As(err, &f) {
			return f
		}
		return videoagent.Failf(videoagent.FailRender, err, "Rendering the video failed: %s.", videoagent.ErrorMessage(err))
	}
	log.Info("render done", "duration", res.Duration, "elapsed", time.Since(start))

	keys, err := p.publish(ctx, v.ID, res)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return videoagent.Failf(videoagent.FailPublish, err, "Storing the rendered video failed.")
	}
	dur := res.Duration.Seconds()
	now := time.Now()
	if err := p.Store.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{
		Status:       videoagent.Ptr(videoagent.VideoCompleted),
		Duration:     &dur,
		VideoKey:     &keys[0],
		ThumbnailKey: &keys[1],
		SubtitleKey:  &keys[2],
		CompletedAt:  &now,
	}); err != nil {
		return err
	}
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{
		Status:   videoagent.Ptr(videoagent.SessionCompleted),
		Progress: videoagent.Ptr(100),
	}); err != nil {
		return err
	}
	p.message(ctx, se.ID, videoagent.MessageText, fmt.Sprintf("Your video %q is ready: %.1f seconds, %d scenes.", sb.Title, dur, len(sb.Scenes)), nil)
	log.Info("video completed", "seconds", dur, "elapsed", time.Since(start))
	return nil
}

// storyboard returns the session's storyboard, planning it (and recording the draft) on the
// first run.
func (p *Pipeline) storyboard(ctx context.Context, se *videoagent.Session) (*videoagent.Storyboard, error) {
	if len(se.Storyboard) > 0 {
		var sb videoagent.Storyboard
		if err := json.Unmarshal(se.Storyboard, &sb); err != nil {
			return nil, videoagent.Failf(videoagent.FailPlanning, err, "The stored storyboard is unreadable.")
		}
		return &sb, nil
	}
	sb, err := p.Planner.Plan(ctx, se.Brief)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, videoagent.Failf(videoagent.FailPlanning, err, "Planning the storyboard failed: %s", videoagent.ErrorMessage(err))
	}
	if err := p.cast(sb, se.Brief); err != nil {
		return nil, err
	}
	if err := sb.Validate(); err != nil {
		return nil, videoagent.Failf(videoagent.FailPlanning, err, "The planned storyboard is invalid: %s", videoagent.ErrorMessage(err))
	}
	raw, err := json.Marshal(sb)
	if err != nil {
		return nil, err
	}
	// The draft is a resource the session's messages point at; the title follows it.
	res := &videoagent.Resource{SessionID: se.ID, ResourceType: "draft", SourceType: "generated", Metadata: raw}
	if err := p.Store.CreateResource(ctx, res); err != nil {
		return nil, err
	}
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Storyboard: raw, Title: &sb.Title}); err != nil {
		return nil, err
	}
	p.message(ctx, se.ID, videoagent.MessageResource,
		fmt.Sprintf("Storyboard ready: %q, %d scenes. Rendering now.", sb.Title, len(sb.Scenes)), []string{res.ID})
	return sb, nil
}

// cast fills the presenter and voice: the brief's choices win, then the planner's, then the
// defaults; the voice speaks the storyboard's language and matches the presenter's gender.
func (p *Pipeline) cast(sb *videoagent.Storyboard, b videoagent.Brief) error {
	if b.AvatarID != "" {
		sb.AvatarID = b.AvatarID
	}
	if sb.AvatarID == "" {
		sb.AvatarID = p.DefaultLookID
	}
	var look *videoagent.Look
	for _, l := range p.Presenters.Looks() {
		if l.ID == sb.AvatarID {
			look = &l
			break
		}
	}
	if look == nil {
		return videoagent.Failf(videoagent.FailInput, nil, "Avatar %s does not exist.", sb.AvatarID)
	}
	if b.VoiceID != "" {
		sb.VoiceID = b.VoiceID
	}
	if sb.VoiceID != "" {
		if _, err := p.Voices.Voice(sb.VoiceID); err != nil {
			return videoagent.Failf(videoagent.FailInput, err, "Voice %s does not exist.", sb.VoiceID)
		}
		return nil
	}
	if dv, err := p.Voices.Voice(look.DefaultVoiceID); err == nil && sameLanguage(dv.Locale, sb.Language) {
		sb.VoiceID = dv.ID
		return nil
	}
	v, ok := p.Voices.DefaultVoice(sb.Language, look.Gender)
	if !ok {
		v, ok = p.Voices.DefaultVoice(sb.Language, "")
	}
	if !ok {
		return videoagent.Failf(videoagent.FailSpeech, nil, "No voice speaks language %q.", sb.Language)
	}
	sb.VoiceID = v.ID
	return nil
}

// sameLanguage compares the primary subtags of two BCP-47 tags.
func sameLanguage(a, b string) bool {
	pa, _, _ := strings.Cut(strings.ToLower(a), "-")
	pb, _, _ := strings.Cut(strings.ToLower(b), "-")
	return pa != "" && pa == pb
}

// publish stores the render's files and returns their keys: video, thumbnail, subtitles.
func (p *Pipeline) publish(ctx context.Context, videoID string, res *videoagent.RenderResult) ([3]string, error) {
	keys := [3]string{"videos/" + videoID + ".mp4", "videos/" + videoID + ".jpg", "videos/" + videoID + ".srt"}
	files := []string{res.VideoPath, res.ThumbnailPath, res.SRTPath}
	if res.VTTPath != "" {
		keys2 := "videos/" + videoID + ".vtt"
		if err := p.putFile(ctx, keys2, res.VTTPath); err != nil {
			return keys, err
		}
	}
	for i, f := range files {
		if err := p.putFile(ctx, keys[i], f); err != nil {
			return keys, err
		}
	}
	return keys, nil
}

func (p *Pipeline) putFile(ctx context.Context, key, path string) error {
	f, err := os.Open(filepath.Clean(path))
	if err != nil {
		return err
	}
	defer f.Close()
	return p.Blobs.Put(ctx, key, f)
}

func (p *Pipeline) progress(ctx context.Context, sessionID, status string, pc int) {
	u := videoagent.SessionUpdate{Progress: &pc}
	if status != "" {
		u.Status = &status
	}
	if err := p.Store.UpdateSession(ctx, sessionID, u); err != nil {
		p.log().Warn("progress update", "session_id", sessionID, "err", err)
	}
}

func (p *Pipeline) message(ctx context.Context, sessionID, typ, content string, ids []string) {
	if err := p.Store.AddMessage(ctx, &videoagent.Message{SessionID: sessionID, Role: videoagent.RoleModel, Type: typ, Content: content, ResourceIDs: ids}); err != nil {
		p.log().Warn("add message", "session_id", sessionID, "err", err)
	}
}

// fail records f on the video and its session, with an error message that says why.
func (p *Pipeline) fail(ctx context.Context, v *videoagent.Video, f *videoagent.Failure) {
	p.log().Error("video failed", "video_id", v.ID, "code", f.Code, "msg", f.Message, "err", f.Err)
	now := time.Now()
	if err := p.Store.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{
		Status:         videoagent.Ptr(videoagent.VideoFailed),
		FailureCode:    &f.Code,
		FailureMessage: &f.Message,
		CompletedAt:    &now,
	}); err != nil {
		p.log().Error("record failure", "video_id", v.ID, "err", err)
	}
	if v.SessionID == "" {
		return
	}
	if err := p.Store.UpdateSession(ctx, v.SessionID, videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionFailed)}); err != nil {
		p.log().Error("record session failure", "session_id", v.SessionID, "err", err)
	}
	p.message(ctx, v.SessionID, videoagent.MessageError, f.Message, nil)
}
