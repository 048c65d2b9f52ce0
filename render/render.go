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
	"sort"
	"sync"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Options configure a Renderer. The zero value works: ffmpeg from PATH, x264 veryfast, no
// presenter, no persistent segment cache.
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
	// CacheSalt is mixed into every segment key: set it to the version of anything outside
	// the storyboard that changes pixels (for example the presenter package's version).
	CacheSalt string
	// Preset is the x264 preset; default "veryfast".
	Preset string
	// X264Params are extra x264 options (ffmpeg's -x264-params); default DefaultX264Params.
	// Set "-" for none.
	X264Params string
	// CRF is the x264 constant rate factor; default 21.
	CRF int
	// FontDirs are searched for the style's fonts; default DefaultFontDirs.
	FontDirs []string
	// Parallel is how many scenes are rendered at once; default 2, which keeps two cores
	// busy (one x264 encoder alone leaves a core partly idle).
	Parallel int
	// EncoderThreads is x264's thread count per scene; 0 lets x264 choose.
	EncoderThreads int
	// NoGIF skips the animated GIF preview.
	NoGIF bool
}

// DefaultX264Params trade a little compression (about 3% larger files at the same CRF) for
// a third less encoding time on slide-and-presenter content: diamond motion search, fast
// sub-pixel refinement, one reference frame, no trellis. Chosen by measurement (see
// README, "Styles and rendering").
const DefaultX264Params = "me=dia:subme=1:trellis=0:ref=1"

// Renderer renders storyboards. It is safe for concurrent use.
type Renderer struct {
	opt   Options
	fonts *fontLib
}

var _ videoagent.Renderer = (*Renderer)(nil)

// New returns a Renderer with opt's defaults filled in.
func New(opt Options) *Renderer {
	if opt.FFmpeg == "" {
		opt.FFmpeg = "ffmpeg"
	}
	if opt.Preset == "" {
		opt.Preset = "veryfast"
	}
	if opt.X264Params == "" {
		opt.X264Params = DefaultX264Params
	}
	if opt.CRF == 0 {
		opt.CRF = 21
	}
	if opt.Parallel <= 0 {
		opt.Parallel = 2
	}
	if opt.FontDirs == nil {
		opt.FontDirs = DefaultFontDirs
	}
	return &Renderer{opt: opt, fonts: newFontLib(opt.FontDirs)}
}

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
	seg    string // cached segment path
	thumb  string // cached middle-frame JPEG path
	// prev is the scene before, when this one enters with a transition of transFrames
	// frames drawn inside this scene's segment.
	prev        *scenePlan
	trans       string
	transFrames int
	head        string // cached transition head segment path, "" for scenes that cut in
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
	res, err := r.render(ctx, job)
	if err == nil {
		return res, nil
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
	if err := r.renderScenes(ctx, fj, plans, total, progress); err != nil {
		return nil, err
	}

	out := &videoagent.RenderResult{
		VideoPath:     filepath.Join(job.OutDir, VideoFile),
		ThumbnailPath: filepath.Join(job.OutDir, ThumbnailFile),
		SRTPath:       filepath.Join(job.OutDir, SRTFile),
		VTTPath:       filepath.Join(job.OutDir, VTTFile),
		Duration:      frameTime(total, fj.fps),
	}
	if err := writeCaptions(out.SRTPath, out.VTTPath, plans, fj.fps); err != nil {
		return nil, err
	}
	mx := newMixer(plans, fj.fps)
	if sb.MusicAssetID != "" {
		if err := r.addMusic(ctx, mx, sb.MusicAssetID); err != nil {
			return nil, err
		}
	}
	for _, p := range plans {
		if v := p.scene.Visual; v.Kind == videoagent.VisualVideo && v.ClipAudio && v.AssetID != "" && r.opt.Assets != nil {
			if err := r.addClipSound(ctx, mx, p, fj.fps); err != nil {
				return nil, err
			}
		}
	}
	gain := mx.level()
	if err := r.mux(ctx, plans, out.VideoPath, mx, gain); err != nil {
		return nil, err
	}
	thumb := plans[min(1, len(plans)-1)].thumb
	if err := copyFile(thumb, out.ThumbnailPath); err != nil {
		return nil, err
	}
	if !r.opt.NoGIF {
		out.GIFPath = filepath.Join(job.OutDir, GIFFile)
		at := time.Duration(0)
		if len(plans) > 1 {
			at = frameTime(plans[1].start, fj.fps) + 300*time.Millisecond
		}
		if err := r.gif(ctx, out.VideoPath, out.GIFPath, at, min(3*time.Second, out.Duration-at), fj.w, fj.h); err != nil {
			return nil, err
		}
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
		if err := r.renderScenes(ctx, &cj, cplans, ctotal, cprog); err != nil {
			return nil, err
		}
		out.CaptionedVideoPath = filepath.Join(job.OutDir, CaptionedFile)
		if err := r.mux(ctx, cplans, out.CaptionedVideoPath, mx, gain); err != nil {
			return nil, err
		}
	}
	if job.Progress != nil {
		job.Progress(1)
	}
	return out, nil
}

// plan places every scene on the timeline, resolves its transition and computes its
// segment key.
func (r *Renderer) plan(sb *videoagent.Storyboard, narrs []*videoagent.Narration, fj *frameJob, cacheDir string) ([]*scenePlan, int) {
	plans := make([]*scenePlan, len(sb.Scenes))
	total := 0
	for i, s := range sb.Scenes {
		p := &scenePlan{index: i, scene: s, start: total}
		if i < len(narrs) {
			p.narr = narrs[i]
		}
		p.frames, p.leadIn = sceneFrames(p.narr, fj.fps)
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
		total += p.frames
		p.key = r.segmentKey(p, fj, false)
		p.seg = filepath.Join(cacheDir, "seg-"+p.key+".mp4")
		p.thumb = filepath.Join(cacheDir, "seg-"+p.key+".jpg")
		if p.prev != nil && p.transFrames > 0 {
			p.head = filepath.Join(cacheDir, "head-"+r.segmentKey(p, fj, true)+".mp4")
		}
		plans[i] = p
	}
	return plans, total
}

// renderScenes renders the scenes whose segments are not cached, opt.Parallel at a time,
// reporting progress as scenes finish.
func (r *Renderer) renderScenes(ctx context.Context, fj *frameJob, plans []*scenePlan, total int, progress func(float64)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
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
	todo := make(chan *scenePlan)
	errs := make(chan error, r.opt.Parallel)
	var wg sync.WaitGroup
	for w := 0; w < r.opt.Parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fonts *fontSet // per worker: typefaces are not safe for concurrent use
			for p := range todo {
				if fonts == nil {
					var err error
					if fonts, err = r.fontSet(fj.style); err != nil {
						errs <- err
						cancel()
						return
					}
				}
				if err := r.renderScene(ctx, fj, fonts, p); err != nil {
					errs <- fmt.Errorf("scene %s: %w", p.scene.ID, err)
					cancel()
					return
				}
				report(p.frames)
			}
		}()
	}
	// Longest scenes first, so that the last ones to finish are short and no core idles
	// for long at the end.
	order := append([]*scenePlan(nil), plans...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].frames > order[j].frames })
feed:
	for _, p := range order {
		if exists(p.seg) && exists(p.thumb) && (p.head == "" || exists(p.head)) {
			report(p.frames)
			continue
		}
		select {
		case todo <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(todo)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	return ctx.Err()
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

// gif writes an animated GIF preview of dur from at: 10 fps, 480 pixels on the long side,
// one palette made for the clip.
func (r *Renderer) gif(ctx context.Context, video, out string, at, dur time.Duration, w, h int) error {
	if dur <= 0 {
		at, dur = 0, time.Second
	}
	scale := "480:-2"
	if h > w {
		scale = "-2:480"
	}
	tmp := out + ".tmp" + randSuffix() + ".gif"
	defer os.Remove(tmp)
	ff, err := r.startFFmpeg(ctx, []string{"-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-ss", fmt.Sprintf("%.3f", at.Seconds()), "-t", fmt.Sprintf("%.3f", dur.Seconds()), "-i", video,
		"-vf", "fps=10,scale=" + scale + ":flags=lanczos,split[a][b];[a]palettegen=max_colors=128:stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle",
		"-loop", "0", tmp})
	if err != nil {
		return err
	}
	if err := ff.wait(nil); err != nil {
		return err
	}
	return publish(tmp, out)
}

// writeCaptions writes the SRT and WebVTT files of the whole video.
func writeCaptions(srtPath, vttPath string, plans []*scenePlan, fps int) error {
	var cues []Cue
	for _, p := range plans {
		if p.narr == nil {
			continue
		}
		cues = append(cues, shiftCues(BuildCues(p.narr.Words), frameTime(p.start, fps)+p.leadIn)...)
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
