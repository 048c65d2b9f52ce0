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
	"github.com/openvideoagent/videoagent/agent"
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
	// Ingest turns the brief's files into materials; nil refuses briefs with files.
	Ingest Ingester
	// WorkDir holds each run's scratch files, removed when the run ends.
	WorkDir string
	// DefaultLookID is the presenter used when neither the brief nor the planner names one.
	DefaultLookID string
	Logger        *slog.Logger
	// NarrationCacheDir keeps synthesized narrations by voice, text and settings, so a
	// revision re-speaks only the scenes whose words changed; "" caches nothing.
	NarrationCacheDir string
	// Fanout, when set, spreads the segments of long videos over other workers.
	Fanout *Fanout
	// SharedCache, when set, is a second level of the narration cache shared with other
	// processes (an S3 bucket): a narration any worker synthesized is one every worker reuses.
	SharedCache interface {
		Fetch(ctx context.Context, name, path string) bool
		Publish(ctx context.Context, name, path string)
	}
	// Events emits webhook events when a video completes or fails; nil emits none.
	Events videoagent.Events
	// FileURL turns a blob key into a URL a webhook receiver can download (signed); nil
	// leaves URLs out of events.
	FileURL func(key string) string
	// Observer learns how each video ended (metrics); nil: nobody.
	Observer Observer
}

// Ingester stores and reads the files of a brief (see package ingest).
type Ingester interface {
	Ingest(ctx context.Context, accountID string, files []videoagent.FileInput) ([]videoagent.Material, error)
}

// Progress milestones of a session, in percent.
const (
	progressIngested    = 8
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
	se, err := p.Store.SessionByID(ctx, v.SessionID)
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
	log.Info("storyboard planned", "scenes", len(sb.Scenes), "elapsed", time.Since(start))

	voice, err := p.Voices.Voice(sb.VoiceID)
	if err != nil {
		return videoagent.Failf(videoagent.FailSpeech, err, "Voice %s is not available.", sb.VoiceID)
	}
	fan := p.startFanOut(ctx, log, v.ID, sb)
	var narr []*videoagent.Narration
	if fan != nil {
		narr, err = p.synthesizeShared(ctx, se, sb, voice, 0, fan.shards)
	} else {
		narr, err = p.synthesize(ctx, se, sb, voice)
	}
	if err != nil {
		return err
	}
	p.progress(ctx, se.ID, "", progressSynthesized)
	log.Info("narration ready", "scenes", len(sb.Scenes), "elapsed", time.Since(start))

	dir, err := os.MkdirTemp(p.WorkDir, "render-"+v.ID+"-")
	if err != nil {
		return fmt.Errorf("work dir: %w", err)
	}
	defer os.RemoveAll(dir)
	if fan != nil {
		p.finishFanOut(ctx, log, fan, sb, narr)
	}
	last := progressSynthesized
	renderStart := time.Now()
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
	renderTime := time.Since(renderStart)
	log.Info("render done", "duration", res.Duration, "elapsed", time.Since(start))

	keys, err := p.publish(ctx, v.ID, res)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return videoagent.Failf(videoagent.FailPublish, err, "Storing the rendered video failed.")
	}
	dur := res.Duration.Seconds()
	md, _ := json.Marshal(map[string]any{"video_id": v.ID, "duration": dur, "title": sb.Title})
	vres := &videoagent.Resource{SessionID: se.ID, ResourceType: "video", SourceType: "generated", BlobKey: keys[0], Metadata: md}
	if err := p.Store.CreateResource(ctx, vres); err != nil {
		return err
	}
	now := time.Now()
	extra, err := p.publishExtras(ctx, v.ID, res, keys[0])
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return videoagent.Failf(videoagent.FailPublish, err, "Storing the rendered video failed.")
	}
	ready := &videoagent.Message{Role: videoagent.RoleModel, Type: videoagent.MessageResource, ResourceIDs: []string{vres.ID},
		Content: fmt.Sprintf("Your video %q is ready: %.1f seconds, %s.", sb.Title, dur, sceneCount(len(sb.Scenes)))}
	if err := p.Store.FinishVideo(ctx, v.ID, videoagent.VideoUpdate{
		Status:       videoagent.Ptr(videoagent.VideoCompleted),
		Duration:     &dur,
		VideoKey:     &keys[0],
		ThumbnailKey: &keys[1],
		SubtitleKey:  &keys[2],
		GIFKey:       &extra[0],
		CaptionedKey: &extra[1],
		CompletedAt:  &now,
	}, se.ID, videoagent.SessionUpdate{
		Status:   videoagent.Ptr(videoagent.SessionCompleted),
		Progress: videoagent.Ptr(100),
	}, ready); err != nil {
		return err
	}
	p.emit(ctx, se, v.ID, true, map[string]any{"duration": dur, "url": keys[0], "thumbnail_url": keys[1]}, nil)
	log.Info("video completed", "seconds", dur, "elapsed", time.Since(start))
	if p.Observer != nil {
		p.Observer.VideoCompleted(dur, renderTime, time.Since(start))
	}
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
	brief, err := p.prepare(ctx, se)
	if err != nil {
		return nil, err
	}
	pctx := agent.WithNotes(ctx, func(note string) { p.message(ctx, se.ID, videoagent.MessageText, note, nil) })
	sb, err := p.Planner.Plan(pctx, brief)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, videoagent.Failf(videoagent.FailPlanning, err, "Planning the storyboard failed: %s", videoagent.ErrorMessage(err))
	}
	if err := p.cast(sb, se.Brief); err != nil {
		return nil, err
	}
	if sb.MusicAssetID == "" {
		sb.MusicAssetID = musicOf(brief.Materials)
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
	if !se.Brief.Incognito {
		for _, f := range agent.Remember(se.Brief, sb) {
			f.SessionID = se.ID
			if err := p.Store.SetMemory(ctx, se.AccountID, f); err != nil {
				p.log().Warn("remember", "session_id", se.ID, "key", f.Key, "err", err)
			}
		}
	}
	return sb, nil
}

// complete adds to a brief what the session does not keep: the account's memory (unless
// the brief is incognito) and its files, ingested.
func (p *Pipeline) complete(ctx context.Context, accountID string, b videoagent.Brief) (videoagent.Brief, error) {
	if !b.Incognito {
		mem, err := p.Store.Memory(ctx, accountID)
		if err != nil {
			return b, err
		}
		b.Memory = mem
	}
	if len(b.Files) == 0 {
		return b, nil
	}
	if p.Ingest == nil {
		return b, videoagent.Failf(videoagent.FailInput, nil, "This server does not accept files.")
	}
	ms, err := p.Ingest.Ingest(ctx, accountID, b.Files)
	if err != nil {
		if ctx.Err() != nil {
			return b, ctx.Err()
		}
		return b, err
	}
	b.Materials = ms
	return b, nil
}

// prepare completes the session's brief for planning: the account's memory (unless the
// session is incognito) and the brief's files, ingested, stored and recorded as the
// session's resources.
func (p *Pipeline) prepare(ctx context.Context, se *videoagent.Session) (videoagent.Brief, error) {
	b, err := p.complete(ctx, se.AccountID, se.Brief)
	if err != nil || len(b.Materials) == 0 {
		return b, err
	}
	ms := b.Materials
	var ids, said []string
	var notes []string
	for _, m := range ms {
		a, err := p.Store.Asset(ctx, se.AccountID, m.AssetID)
		if err != nil {
			return b, err
		}
		md, _ := json.Marshal(map[string]any{
			"asset_id": m.AssetID, "name": m.Name, "mime_type": m.MimeType, "kind": m.Kind, "pages": len(m.Pages),
		})
		typ := m.Kind
		if typ == videoagent.MaterialDocument {
			typ = "document"
		}
		r := &videoagent.Resource{SessionID: se.ID, ResourceType: typ, SourceType: "uploaded", BlobKey: a.BlobKey, Metadata: md}
		if err := p.Store.CreateResource(ctx, r); err != nil {
			return b, err
		}
		ids = append(ids, r.ID)
		switch m.Kind {
		case videoagent.MaterialDocument:
			if len(m.Pages) > 0 {
				said = append(said, fmt.Sprintf("%s, a document of %d pages", m.Name, len(m.Pages)))
			} else {
				said = append(said, m.Name+", a text document")
			}
		case videoagent.MaterialImage:
			said = append(said, m.Name+", an image")
		case videoagent.MaterialVideo:
			said = append(said, m.Name+", a video")
		case videoagent.MaterialAudio:
			if m.AssetID == musicOf(ms) {
				said = append(said, m.Name+", audio played as background music (under the narration, ducked while someone speaks)")
			} else {
				said = append(said, m.Name+", an audio file")
				notes = append(notes, fmt.Sprintf("%s was stored but is not in the video: a video has one music track, the first audio file.", m.Name))
			}
		}
	}
	p.message(ctx, se.ID, videoagent.MessageResource, "Read your files: "+strings.Join(said, "; ")+".", ids)
	for _, n := range notes {
		p.message(ctx, se.ID, videoagent.MessageText, n, nil)
	}
	p.progress(ctx, se.ID, "", progressIngested)
	return b, nil
}

// musicOf is the asset of the first audio file among a request's files, which plays as the
// video's background music, or "".
func musicOf(ms []videoagent.Material) string {
	for _, m := range ms {
		if m.Kind == videoagent.MaterialAudio {
			return m.AssetID
		}
	}
	return ""
}

// cast fills the presenter and voice: the brief's choices win, then the planner's, then the
// defaults; the voice speaks the storyboard's language and matches the presenter's gender.
// The request's first audio file becomes the background music.
func (p *Pipeline) cast(sb *videoagent.Storyboard, b videoagent.Brief) error {
	if b.BrandKit != nil {
		b.BrandKit.Apply(sb)
	}
	if sb.MusicAssetID == "" {
		sb.MusicAssetID = musicOf(b.Materials)
	}
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
	if f, ok := p.Presenters.(interface {
		FindLook(ctx context.Context, id string) (videoagent.Look, error)
	}); ok && look == nil && videoagent.IsOwnLookID(sb.AvatarID) {
		if l, err := f.FindLook(context.Background(), sb.AvatarID); err == nil {
			look = &l // a look the account designed (the request checked it is theirs)
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
// The video's key keeps its file's extension (.mp4, or .webm for a transparent video), which
// gives its download its content type.
func (p *Pipeline) publish(ctx context.Context, videoID string, res *videoagent.RenderResult) ([3]string, error) {
	ext := strings.ToLower(filepath.Ext(res.VideoPath))
	if ext != ".webm" {
		ext = ".mp4"
	}
	keys := [3]string{"videos/" + videoID + ext, "videos/" + videoID + ".jpg", "videos/" + videoID + ".srt"}
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
	if p.Observer != nil {
		p.Observer.VideoFailed(f.Code)
	}
	now := time.Now()
	var why *videoagent.Message
	if v.SessionID != "" {
		why = &videoagent.Message{Role: videoagent.RoleModel, Type: videoagent.MessageError, Content: f.Message}
	}
	if err := p.Store.FinishVideo(ctx, v.ID, videoagent.VideoUpdate{
		Status:         videoagent.Ptr(videoagent.VideoFailed),
		FailureCode:    &f.Code,
		FailureMessage: &f.Message,
		CompletedAt:    &now,
	}, v.SessionID, videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionFailed)}, why); err != nil {
		p.log().Error("record failure", "video_id", v.ID, "session_id", v.SessionID, "err", err)
	}
	if v.SessionID == "" {
		return
	}
	if se, err := p.Store.SessionByID(ctx, v.SessionID); err == nil {
		p.emit(ctx, se, v.ID, false, nil, f)
	}
}
