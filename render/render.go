// Package render turns a storyboard and its narrations into a finished video: an MP4 (H.264
// High, yuv420p, BT.709, AAC 48 kHz, faststart), a JPEG thumbnail and SRT/WebVTT captions.
//
// Each scene is laid out once (background, slide, text drawn into sprites), then its frames
// are composed by redrawing only what moves (element entrances, presenter layers, burned-in
// captions), converted to I420 region by region and streamed to one ffmpeg per scene. The
// scene's segment is cached under the hash of everything it depends on. Segments are joined
// without re-encoding, and the narration is added as one AAC stream.
package render

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"golang.org/x/sync/errgroup"
)

// Options configure a Renderer. The zero value works: ffmpeg from PATH, the measured x264
// settings (DefaultPreset, DefaultX264Params, DefaultCRF), no presenter, no persistent
// segment cache.
type Options struct {
	// FFmpeg is the ffmpeg binary; default "ffmpeg".
	FFmpeg string
	// Presenters animates presenters; nil renders without one (presenter layouts become
	// slides).
	Presenters videoagent.Presenters
	// Assets opens image assets; nil shows a placeholder panel for image and video visuals.
	Assets Assets
	// CacheDir keeps encoded scene segments between renders; empty means a temporary
	// directory per render (no reuse).
	CacheDir string
	// Shared is a segment cache shared with other processes (an S3 bucket), consulted on a
	// local miss and given every segment encoded here; nil: none.
	Shared SharedCache
	// CacheSalt is mixed into every segment key: set it to the version of anything outside
	// the storyboard that changes pixels (for example the presenter package's version).
	CacheSalt string
	// Preset is the x264 preset; default DefaultPreset.
	Preset string
	// X264Params are extra x264 options (ffmpeg's -x264-params); default DefaultX264Params.
	// Set "-" for none.
	X264Params string
	// CRF is the x264 constant rate factor; default DefaultCRF.
	CRF int
	// FontDirs are searched for the style's fonts; default DefaultFontDirs.
	FontDirs []string
	// Parallel is how many workers render segments at once, each drawing frames into its
	// own x264; default 2, which keeps two cores busy (one encoder alone leaves a core
	// partly idle).
	Parallel int
	// MaxChunk is the longest piece of a scene body encoded as one segment (a third of
	// it in the last scene of several); default DefaultMaxChunk.
	MaxChunk time.Duration
	// EncoderThreads is each x264's thread count. 0: one thread per encoder while several
	// run (threads of one encoder cost CPU to coordinate), x264's own choice when one
	// encoder has all the work (a small revision).
	EncoderThreads int
	// NoGIF skips the animated GIF preview.
	NoGIF bool
}

// The default encoder settings, chosen by measurement on the standard storyboard's frames
// (presenter, slides, bullets, a panning image, captions; 1800 frames of 1080p, x264 on one
// thread, the least CPU of four interleaved runs): x264's ultrafast preset with the 8x8
// transform (so that the stream is H.264 High) and the deblocking filter turned back on,
// at CRF 23. Against the previous default (ultrafast with CABAC, 8x8, deblocking, intra
// 8x8/4x4 partitions and adaptive quantisation) it takes 17% less encoder CPU (8.97 s
// against 10.75 s) for a higher SSIM (Y 0.99951, 33.1 dB, against 0.99919, 30.9 dB); files
// are 1.7 times as large, which on this mostly still content is still small (0.8 Mbit/s at
// 1080p). The encoder is most of a render's CPU, so speed wins over size here.
const (
	DefaultPreset     = "ultrafast"
	DefaultX264Params = "8x8dct=1:deblock=1"
	DefaultCRF        = 23
)

// Renderer renders storyboards. It is safe for concurrent use.
type Renderer struct {
	opt   Options
	fonts *fontLib

	layouts layoutCache // scenes laid out for their other chunks

	silentMu sync.Mutex // guards silent, the AAC frame of silence (see silentFrame)
	silent   []byte
	// keptGIFs counts GIF previews made from frames kept while rendering (for tests).
	keptGIFs atomic.Int64
	// laidOut counts scenes laid out (for tests).
	laidOut atomic.Int64
	// reusedChunks counts body chunks linked from the cache by their state key (for tests).
	reusedChunks atomic.Int64
}

var _ videoagent.Renderer = (*Renderer)(nil)

// New returns a Renderer with opt's defaults filled in.
func New(opt Options) *Renderer {
	if opt.FFmpeg == "" {
		opt.FFmpeg = "ffmpeg"
	}
	if opt.Preset == "" {
		opt.Preset = DefaultPreset
	}
	if opt.X264Params == "" {
		opt.X264Params = DefaultX264Params
	}
	if opt.CRF == 0 {
		opt.CRF = DefaultCRF
	}
	if opt.Parallel <= 0 {
		opt.Parallel = 2
	}
	if opt.MaxChunk <= 0 {
		opt.MaxChunk = DefaultMaxChunk
	}
	if opt.FontDirs == nil {
		opt.FontDirs = DefaultFontDirs
	}
	return &Renderer{opt: opt, fonts: newFontLib(opt.FontDirs)}
}

// SoftMemoryLimit is the Go heap limit (runtime/debug.SetMemoryLimit) a process running
// renders should set; `videoagent serve` does. A render allocates frame-sized buffers at
// a high rate (every segment copies or lays out its scene) while holding few of them: with
// the default GOGC alone the heap grows to twice what is live before it is collected (a
// 10-minute 1080p render peaked at 310-340 MB); with this limit it is collected sooner
// (250-265 MB of peak RSS), for a few percent more CPU.
const SoftMemoryLimit = 200 << 20

// Timing of a scene around its narration.
const (
	LeadIn      = 300 * time.Millisecond // silence before the narration starts
	Tail        = 500 * time.Millisecond // silence after it ends
	SilentScene = 3 * time.Second        // length of a scene without narration
)

// frameJob is what all scenes of one render share.
type frameJob struct {
	w, h, fps  int
	style      Style
	title      string
	captions   bool
	avatar     string
	seed       int64
	presenters videoagent.Presenters
	logo       image.Image
	logoID     string
}

// scenePlan is one scene's place in the video.
type scenePlan struct {
	index  int
	scene  videoagent.Scene
	narr   *videoagent.Narration
	frames int
	leadIn time.Duration
	start  int // first frame in the video
	key    string
	chunks []chunk // the body's segments, in order
	thumb  string  // cached thumbnail JPEG path, for the thumbnail's scene only
	// prev is the scene before, when this one enters with a transition of transFrames
	// frames drawn inside this scene's segment.
	prev        *scenePlan
	trans       string
	transFrames int
	head        string // cached transition head segment path, "" for scenes that cut in
	held        int    // the first frame of the held end (see heldChunks); frames without one
}

// chunk is a part of a scene's body encoded as a segment of its own. Long scenes are cut
// into chunks so that both cores encode when a revision re-renders one scene, and so that
// a full render ends with short pieces instead of one core finishing a long scene alone.
type chunk struct {
	lo, hi int    // the scene's frames lo <= i < hi
	seg    string // cached segment path
}

// DefaultMaxChunk is the longest piece of a scene encoded as one segment. Every chunk
// starts with a key frame, so chunks should be long; 6 s still cuts a 10 s scene in two,
// so that a revision of one scene keeps both cores busy.
const DefaultMaxChunk = 6 * time.Second

// chunkBody cuts the scene's body (after its transition head) into equal chunks of at
// most maxChunk, named after the scene's key; the held end of a scene, after its speech,
// into chunks of its own (see heldChunks).
func (p *scenePlan) chunkBody(fps int, maxChunk time.Duration, cacheDir string) {
	lo := p.bodyStart()
	held := p.heldChunks(fps, lo)
	p.held = p.frames
	if len(held) > 0 {
		p.held = held[0][0]
	}
	body := p.held - lo
	most := max(1, int(maxChunk.Seconds()*float64(fps)))
	n := max(1, (body+most-1)/most)
	if len(held) > 0 && n == 1 && body >= 2*fps {
		n = 2 // a revision of the words renders this part alone: on two cores
	}
	p.chunks = p.chunks[:0]
	add := func(a, b int) {
		p.chunks = append(p.chunks, chunk{lo: a, hi: b,
			seg: filepath.Join(cacheDir, fmt.Sprintf("seg-%s-%d-%d.mp4", p.key, a, b))})
	}
	for j := 0; j < n && body > 0; j++ {
		add(lo+j*body/n, lo+(j+1)*body/n)
	}
	for _, c := range held {
		add(c[0], c[1])
	}
}

// segments are the scene's segment files in play order: the transition head, if any, then
// the body's chunks.
func (p *scenePlan) segments() []string {
	var s []string
	if p.head != "" {
		s = append(s, p.head)
	}
	for _, c := range p.chunks {
		s = append(s, c.seg)
	}
	return s
}

// outputFiles are the paths of the files a render may write into outDir (none without
// one).
func outputFiles(outDir string) []string {
	if outDir == "" {
		return nil
	}
	var paths []string
	for _, name := range []string{VideoFile, WebMFile, ThumbnailFile, SRTFile, VTTFile, GIFFile, CaptionedFile} {
		paths = append(paths, filepath.Join(outDir, name))
	}
	return paths
}

// Files a render writes into RenderJob.OutDir.
const (
	VideoFile     = "video.mp4"
	ThumbnailFile = "thumbnail.jpg"
	SRTFile       = "captions.srt"
	VTTFile       = "captions.vtt"
	GIFFile       = "preview.gif"
	// CaptionedFile is the second rendition, with captions burned in.
	CaptionedFile = "video-captioned.mp4"
)

// Render renders job's storyboard into job.OutDir. Invalid storyboards return the
// *videoagent.Error of Validate; other failures are *videoagent.Failure with FailRender,
// except cancellation, which returns the context's error.
func (r *Renderer) Render(ctx context.Context, job videoagent.RenderJob) (*videoagent.RenderResult, error) {
	render := r.render
	if job.Storyboard != nil && job.Storyboard.OutputFormat == videoagent.OutputWebM {
		render = r.renderTransparent // a WebM with alpha: see alpha.go
	}
	res, err := render(ctx, job)
	if err == nil {
		return res, nil
	}
	// A failed render leaves no part of a result behind.
	for _, name := range outputFiles(job.OutDir) {
		os.Remove(name)
	}
	var ve *videoagent.Error
	if errors.As(err, &ve) {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return nil, videoagent.Failf(videoagent.FailRender, err, "The video could not be rendered.")
}

func (r *Renderer) render(ctx context.Context, job videoagent.RenderJob) (*videoagent.RenderResult, error) {
	sb := job.Storyboard
	fj, err := r.newFrameJob(ctx, job)
	if err != nil {
		return nil, err
	}
	cacheDir := r.opt.CacheDir
	if cacheDir == "" {
		tmp, err := os.MkdirTemp("", "render-segments-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		cacheDir = tmp
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}

	second := job.CaptionedRendition && !fj.captions
	progress := job.Progress
	if second && progress != nil { // the first rendition is 60% of the work
		progress = func(f float64) { job.Progress(0.6 * f) }
	}
	plans, total := r.plan(sb, job.Narrations, fj, cacheDir)
	// The soundtrack is mixed, measured and encoded while the scenes render: it depends on
	// the timeline only, and a revision that re-renders one scene leaves time for it.
	type soundResult struct {
		path string
		err  error
	}
	// Every return waits for it (cancelling it first when the render failed): it writes
	// into the cache folder, which may be a temporary one removed on return.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sound := make(chan soundResult, 1)
	go func() {
		path, err := r.soundtrack(ctx, sb, plans, fj, cacheDir)
		sound <- soundResult{path, err}
	}()
	soundTaken := false
	defer func() {
		if !soundTaken {
			cancel()
			<-sound
		}
	}()
	// The GIF preview's frames are kept as they are rendered, unless it is cached.
	var frames *gifFrames
	if !r.opt.NoGIF {
		at, dur := gifWindow(plans, fj.fps, frameTime(total, fj.fps))
		if !exists(gifPath(cacheDir, plans, fj, at, dur)) {
			if frames, err = newGIFFrames(cacheDir, fj, at, dur, total); err != nil {
				return nil, err
			}
			defer frames.close()
		}
	}
	scenes := make(chan error, 1) // renderScenes's result, for the preview
	gifFile := ""
	if !r.opt.NoGIF {
		gifFile = filepath.Join(job.OutDir, GIFFile)
	}
	gifDone := r.startPreview(ctx, plans, fj, cacheDir, gifFile, total, frames, scenes)
	err = r.renderScenes(ctx, fj, plans, total, progress, frames)
	scenes <- err
	if err != nil {
		<-gifDone
		return nil, err
	}

	out, err := newResult(job.OutDir, VideoFile, plans, fj.fps, total)
	if err != nil {
		<-gifDone
		return nil, err
	}
	out.GIFPath = gifFile
	snd := <-sound
	soundTaken = true
	if snd.err != nil {
		<-gifDone
		return nil, snd.err
	}
	err = r.mux(ctx, plans, out.VideoPath, snd.path)
	if gerr := <-gifDone; err == nil {
		err = gerr
	}
	if err != nil {
		return nil, err
	}
	thumb := plans[thumbScene(len(plans))].thumb
	if err := copyFile(thumb, out.ThumbnailPath); err != nil {
		return nil, err
	}
	if fj.captions {
		out.CaptionedVideoPath = out.VideoPath
	} else if second {
		cj := *fj
		cj.captions = true
		cplans, ctotal := r.plan(sb, job.Narrations, &cj, cacheDir)
		var cprog func(float64)
		if job.Progress != nil {
			cprog = func(f float64) { job.Progress(0.6 + 0.4*f) }
		}
		if err := r.renderScenes(ctx, &cj, cplans, ctotal, cprog, nil); err != nil {
			return nil, err
		}
		out.CaptionedVideoPath = filepath.Join(job.OutDir, CaptionedFile)
		if err := r.mux(ctx, cplans, out.CaptionedVideoPath, snd.path); err != nil {
			return nil, err
		}
	}
	if job.Progress != nil {
		job.Progress(1)
	}
	return out, nil
}

// startPreview makes the GIF preview into path ("" for none) as soon as frames (nil when
// none are kept) are all kept, while later scenes render; or else, cut from the segments,
// once scenes says they are all encoded. It returns the channel its error arrives on.
func (r *Renderer) startPreview(ctx context.Context, plans []*scenePlan, fj *frameJob, cacheDir, path string, total int,
	frames *gifFrames, scenes <-chan error) <-chan error {
	done := make(chan error, 1)
	if path == "" {
		done <- nil
		return done
	}
	var ready <-chan struct{} // nil, never ready, without kept frames
	if frames != nil {
		ready = frames.ready
	}
	go func() {
		select {
		case <-ready:
		case err := <-scenes:
			if err != nil {
				done <- nil // the render failed: no preview
				return
			}
		}
		done <- r.preview(ctx, plans, fj, cacheDir, path, frameTime(total, fj.fps), frames)
	}()
	return done
}

// mixResult is the soundtrack of a render and its loudness-normalising gain.
type mixResult struct {
	mx   *mixer
	gain float64
	err  error
}

// mixSound builds the soundtrack (narration, music, clip sound) and measures it.
func (r *Renderer) mixSound(ctx context.Context, sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, cacheDir string) mixResult {
	mx := newMixer(plans, fj.fps)
	if sb.MusicAssetID != "" {
		if err := r.addMusic(ctx, mx, sb.MusicAssetID); err != nil {
			return mixResult{err: err}
		}
	}
	for _, p := range plans {
		if v := p.scene.Visual; v.Kind == videoagent.VisualVideo && v.ClipAudio && v.AssetID != "" && r.opt.Assets != nil {
			if err := r.addClipSound(ctx, mx, p, fj.fps); err != nil {
				return mixResult{err: err}
			}
		}
	}
	if len(mx.beds) == 0 {
		// Narration alone: each voice is brought to the target on its own (its loudness is
		// cached), which needs no pass over the whole mix, so a revision that re-speaks one
		// scene measures that scene only.
		r.normaliseVoices(mx, cacheDir)
		return mixResult{mx: mx, gain: 1}
	}
	return mixResult{mx: mx, gain: mx.level()}
}

// newFrameJob checks a render job and gathers what all its scenes share: frame size,
// style (with the brand applied), the brand logo; and makes the output folder.
func (r *Renderer) newFrameJob(ctx context.Context, job videoagent.RenderJob) (*frameJob, error) {
	sb := job.Storyboard
	if sb == nil {
		return nil, videoagent.Invalid("storyboard", "storyboard is missing")
	}
	if err := sb.Validate(); err != nil {
		return nil, err
	}
	if len(job.Narrations) > len(sb.Scenes) {
		return nil, videoagent.Invalid("narrations", "%d narrations for %d scenes", len(job.Narrations), len(sb.Scenes))
	}
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	style := StyleByID(sb.StyleID).WithBrand(sb.Brand)
	fj := &frameJob{w: w, h: h, fps: sb.FPS, style: style, title: sb.Title,
		captions: sb.Captions || style.Captions.Burn, avatar: sb.AvatarID, seed: sb.Seed, presenters: r.opt.Presenters}
	if b := sb.Brand; b != nil && b.LogoAssetID != "" && r.opt.Assets != nil {
		logo, err := loadImage(ctx, r.opt.Assets, b.LogoAssetID)
		if err != nil {
			return nil, fmt.Errorf("brand logo: %w", err)
		}
		fj.logo, fj.logoID = logo, b.LogoAssetID
	}
	if err := os.MkdirAll(job.OutDir, 0o755); err != nil {
		return nil, err
	}
	return fj, nil
}

// timeline places every scene on the timeline: where it starts, how long it lasts, when
// its narration starts. It returns the plans and the video's length in frames.
func timeline(sb *videoagent.Storyboard, narrs []*videoagent.Narration, fps int) ([]*scenePlan, int) {
	plans := make([]*scenePlan, len(sb.Scenes))
	total := 0
	for i, s := range sb.Scenes {
		p := &scenePlan{index: i, scene: s, start: total}
		if i < len(narrs) {
			p.narr = narrs[i]
		}
		p.frames, p.leadIn = planFrames(s, p.narr, fps)
		total += p.frames
		plans[i] = p
	}
	return plans, total
}

// cues are the scene's captions of words (its narration's, as timed in the scene or in
// the narration), punctuated as the scene's narration is written.
func (p *scenePlan) cues(words []videoagent.WordTiming) []Cue {
	return BuildCues(punctuate(words, p.scene.Narration))
}

// thumbScene is the index of the scene holding the video's thumbnail (see thumbFrame): the
// second, past the title, when there is one. Only that scene writes a thumbnail (a 1080p
// JPEG costs about 25 ms). When a revision makes another scene the thumbnail's, its chunk
// holding the thumbnail's frame is rendered again for it.
func thumbScene(n int) int { return min(1, n-1) }

// plan places every scene on the timeline, resolves its transition and computes its
// segment key.
func (r *Renderer) plan(sb *videoagent.Storyboard, narrs []*videoagent.Narration, fj *frameJob, cacheDir string) ([]*scenePlan, int) {
	plans, total := timeline(sb, narrs, fj.fps)
	for i, p := range plans {
		s := p.scene
		if i > 0 {
			p.trans = s.Transition
			if p.trans == "" {
				p.trans = fj.style.Motion.Transition
			}
			d := fj.style.Motion.TransitionDur
			if d <= 0 {
				d = 400 * time.Millisecond
			}
			if p.trans != "" && p.trans != videoagent.TransitionCut {
				p.prev = plans[i-1]
				p.transFrames = min(int(math.Round(d.Seconds()*float64(fj.fps))), p.frames/2, p.prev.frames)
			}
		}
		p.key = r.segmentKey(p, fj, false)
		if i == thumbScene(len(plans)) {
			p.thumb = filepath.Join(cacheDir, "thumb-"+p.key+".jpg")
		}
		if p.prev != nil && p.transFrames > 0 {
			p.head = filepath.Join(cacheDir, "head-"+r.segmentKey(p, fj, true)+".mp4")
		}
		most := r.opt.MaxChunk
		if i == len(plans)-1 && len(plans) > 1 {
			// The last scene's chunks are the last units the workers take: the shorter
			// they are, the sooner after one another the workers end (see renderShard).
			most /= 3
		}
		p.chunkBody(fj.fps, most, cacheDir)
	}
	return plans, total
}

// renderScenes encodes the segments that are not cached (transition heads and body
// chunks of every scene) with opt.Parallel encoders, each given a share of them, reporting
// progress as their frames are written, and keeping the GIF preview's frames in frames
// (which may be nil).
func (r *Renderer) renderScenes(ctx context.Context, fj *frameJob, plans []*scenePlan, total int, progress func(float64), frames *gifFrames) error {
	return r.renderShard(ctx, fj, plans, total, progress, frames, 0, 1)
}

// renderShard is renderScenes for the units (a scene's chunk, with its transition head
// when it is the scene's first) whose index in the video is shard modulo shards: the share
// of one of shards workers rendering one video together.
func (r *Renderer) renderShard(ctx context.Context, fj *frameJob, plans []*scenePlan, total int, progress func(float64), frames *gifFrames, shard, shards int) error {
	var mu sync.Mutex
	done := 0
	report := func(frames int) {
		mu.Lock()
		defer mu.Unlock()
		done += frames
		if progress != nil {
			progress(0.95 * float64(done) / float64(total))
		}
	}
	// A scene's transition head goes with its first chunk, drawn just before it by the
	// same worker: both start from the scene's layout, laid out once.
	var units [][]segmentTask
	for _, p := range plans {
		var head []segmentTask
		if p.head != "" {
			if h := (segmentTask{p: p, head: true, lo: 0, hi: p.transFrames, seg: p.head}); h.cached() || r.fetchShared(ctx, h) {
				report(h.hi - h.lo)
			} else {
				head = []segmentTask{h}
			}
		}
		for _, c := range p.chunks {
			t := segmentTask{p: p, lo: c.lo, hi: c.hi, seg: c.seg}
			if t.cached() || r.fetchShared(ctx, t) {
				report(t.hi - t.lo)
				continue
			}
			units = append(units, append(head, t))
			head = nil
		}
		if head != nil {
			units = append(units, head)
		}
	}
	if shards > 1 {
		var mine [][]segmentTask
		for i, u := range units {
			if i%shards == shard {
				mine = append(mine, u)
			}
		}
		units = mine
	}
	if len(units) <= 2*r.opt.Parallel && r.opt.Parallel > 1 {
		units = byCost(units) // a revision, or a short video
	}
	for _, u := range units {
		for _, t := range u {
			r.layouts.expect(t.p.key, 1)
			if t.head {
				r.layouts.expect(t.p.prev.key, 1) // it starts from the previous scene's last frame
			}
		}
	}
	// The workers take the units one after another in the video's order (as listed), each
	// the next when done with its last. So a scene's chunks (and the next scene's
	// transition head) are drawn at about the same time, and its layout is laid out once
	// and let go soon after (dealt longest first, the first chunks of all scenes came
	// before all the second ones: a 10-minute video laid out its scenes 136 times). And
	// the workers end within one unit of each other, a short one, as the last scene is
	// cut finer (see plan); dealt ahead by estimated cost, one worker often ended 0.15-0.3 s
	// before the other, a core idle for a tenth of a one-minute render.
	queue := make(chan []segmentTask, len(units))
	for _, u := range units {
		queue <- u
	}
	close(queue)
	workers := min(r.opt.Parallel, len(units))
	// One thread per encoder while others run (threads of one encoder cost CPU to
	// coordinate); x264's choice when one encoder has all the work.
	threads := r.opt.EncoderThreads
	if threads == 0 && workers > 1 {
		threads = 1
	}
	// The first worker to fail stops the others; all have ended when this returns.
	g, gctx := errgroup.WithContext(ctx)
	for range workers {
		g.Go(func() error {
			// Per worker: typefaces are not safe for concurrent use.
			fonts, err := r.fontSet(fj.style)
			if err != nil {
				return err
			}
			return r.encodeSegments(gctx, fj, fonts, queue, threads, frames, func(t segmentTask) { report(t.hi - t.lo) })
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if ctx.Err() == nil {
		for _, u := range units {
			r.publishShared(ctx, u)
		}
	}
	return ctx.Err()
}

// byCost deals a render's few units by cost: each task a unit of its own (a transition
// head apart from its scene's first chunk), the costliest first. A revision that redraws
// one scene has a unit or two: dealt in the video's order, one worker drew the scene's
// transition head and then its body while the other drew the next scene's head and sat
// idle, a sixth of the revision's time; dealt by cost, one draws the body while the other
// draws both heads. A head's frames count four times: every pixel of a crossfade changes,
// which costs x264 about four times a frame of a talking presenter. When the costliest
// task outweighs all the others together, it ends last however they are dealt: it is
// marked solo, and its x264 takes threads of its own choice (see encodeSegments), to use
// the cores the others leave idle.
func byCost(units [][]segmentTask) [][]segmentTask {
	var tasks []segmentTask
	for _, u := range units {
		tasks = append(tasks, u...)
	}
	cost := func(t segmentTask) int {
		if t.head {
			return 4 * (t.hi - t.lo)
		}
		return t.hi - t.lo
	}
	slices.SortStableFunc(tasks, func(a, b segmentTask) int { return cost(b) - cost(a) })
	rest := 0
	for _, t := range tasks[min(1, len(tasks)):] {
		rest += cost(t)
	}
	if len(tasks) > 1 && cost(tasks[0]) > rest {
		tasks[0].solo = true
	}
	out := make([][]segmentTask, len(tasks))
	for i, t := range tasks {
		out[i] = []segmentTask{t}
	}
	return out
}

// sceneFrames returns a scene's length in frames and its lead-in: the narration plus a
// pause before and after it, or SilentScene without narration.
func sceneFrames(n *videoagent.Narration, fps int) (int, time.Duration) {
	d := n.Duration()
	if d <= 0 {
		return int(math.Ceil(SilentScene.Seconds() * float64(fps))), 0
	}
	return int(math.Ceil((LeadIn + d + Tail).Seconds() * float64(fps))), LeadIn
}

// planFrames is sceneFrames with the scene's Duration: a scene without narration lasts its
// Duration when it has one (a timed image or clip of a direct video), and a narrated scene
// lasts at least its Duration, holding its last picture (the presenter idle and silent)
// after the narration's tail (a stat or a title given time to breathe). The soundtrack
// follows the frames: its silence runs to the scene's end.
func planFrames(s videoagent.Scene, n *videoagent.Narration, fps int) (int, time.Duration) {
	frames, lead := sceneFrames(n, fps)
	if s.Duration <= 0 {
		return frames, lead
	}
	// A whole number of frames in Duration counts as that many (2.2 s at 25 fps is 55
	// frames, although 2.2*25 is 55.00000000000001 in floating point).
	least := max(1, int(math.Ceil(s.Duration*float64(fps)-1e-6)))
	if n.Duration() <= 0 {
		return least, 0
	}
	return max(frames, least), lead
}

// frameTime is the time at which frame i starts.
func frameTime(i, fps int) time.Duration {
	return time.Duration(int64(i) * int64(time.Second) / int64(fps))
}

// sceneSeed derives a scene's presenter seed from the storyboard seed and the scene ID, so
// that moving a scene does not change its frames.
func sceneSeed(seed int64, id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return seed ^ int64(h.Sum64())
}

func (r *Renderer) fontSet(s Style) (*fontSet, error) {
	var fs fontSet
	var err error
	if fs.display, err = r.fonts.chain(s.Fonts.Display, true); err != nil {
		return nil, err
	}
	if fs.text, err = r.fonts.chain(s.Fonts.Text, false); err != nil {
		return nil, err
	}
	if fs.strong, err = r.fonts.chain(s.Fonts.Strong, true); err != nil {
		return nil, err
	}
	if fs.italic, err = r.fonts.chain(s.Fonts.Italic, false); err != nil {
		return nil, err
	}
	return &fs, nil
}

// segmentList writes an ffconcat list of every scene's segments into a new temporary
// folder under parent, and returns the list and the folder (the caller removes it).
func segmentList(parent string, plans []*scenePlan) (list, dir string, err error) {
	dir, err = os.MkdirTemp(parent, ".segments-")
	if err != nil {
		return "", "", err
	}
	list = filepath.Join(dir, "segments.ffconcat")
	if err := concatList(list, segmentPaths(plans)); err != nil {
		os.RemoveAll(dir)
		return "", "", err
	}
	return list, dir, nil
}

// segmentPaths lists every scene's segments in play order, as absolute paths.
func segmentPaths(plans []*scenePlan) []string {
	var segs []string
	for _, p := range plans {
		for _, f := range p.segments() {
			if abs, err := filepath.Abs(f); err == nil {
				f = abs
			}
			segs = append(segs, f)
		}
	}
	return segs
}

// newResult names the files of a render into outDir (the video in videoFile) and writes
// the captions' SRT and WebVTT files, which the timeline alone gives.
func newResult(outDir, videoFile string, plans []*scenePlan, fps, total int) (*videoagent.RenderResult, error) {
	out := &videoagent.RenderResult{
		VideoPath:     filepath.Join(outDir, videoFile),
		ThumbnailPath: filepath.Join(outDir, ThumbnailFile),
		SRTPath:       filepath.Join(outDir, SRTFile),
		VTTPath:       filepath.Join(outDir, VTTFile),
		Duration:      frameTime(total, fps),
	}
	if err := writeCaptions(out.SRTPath, out.VTTPath, plans, fps); err != nil {
		return nil, err
	}
	return out, nil
}

// writeCaptions writes the SRT and WebVTT files of the whole video.
func writeCaptions(srtPath, vttPath string, plans []*scenePlan, fps int) error {
	var cues []Cue
	for _, p := range plans {
		if p.narr == nil {
			continue
		}
		cues = append(cues, shiftCues(p.cues(p.narr.Words), frameTime(p.start, fps)+p.leadIn)...)
	}
	for _, f := range []struct {
		path  string
		write func(io_ *os.File) error
	}{
		{srtPath, func(f *os.File) error { return WriteSRT(f, cues) }},
		{vttPath, func(f *os.File) error { return WriteVTT(f, cues) }},
	} {
		fh, err := os.Create(f.path)
		if err != nil {
			return err
		}
		if err := f.write(fh); err != nil {
			fh.Close()
			return err
		}
		if err := fh.Close(); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
