package render

import (
	"bufio"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/mp4"
)

func demoStoryboard(aspect, res string) *videoagent.Storyboard {
	return &videoagent.Storyboard{
		Version: 1, Title: "Ship faster with Flow", Language: "en", AspectRatio: aspect, Resolution: res, FPS: 30,
		AvatarID: "fake", Seed: 7, Captions: true,
		Scenes: []videoagent.Scene{
			{ID: "intro", Layout: videoagent.LayoutTitle, Narration: "Meet Flow. The project tool that plans your week for you.",
				Visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: "Ship faster with Flow", Subtitle: "Project planning that runs itself"}},
			{ID: "why", Layout: videoagent.LayoutPresenterLeft, Narration: "Flow does three things. It collects every task in one inbox. It schedules work around your meetings. And it tells the team what changed.",
				Visual: videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why teams switch", Bullets: []string{"One inbox collects every task", "Schedules work around meetings", "Tells the team what changed"}}},
			{ID: "cta", Layout: videoagent.LayoutSlideBubble, Narration: "Try it free today at flow dot example.",
				Visual: videoagent.Visual{Kind: videoagent.VisualCTA, Title: "Try Flow free", Text: "Set up in two minutes. No card needed.", URL: "flow.example.com"}},
		},
	}
}

// shortStoryboard is demoStoryboard with one short sentence of narration per scene, for
// tests that check the pipeline's bookkeeping rather than long timelines.
func shortStoryboard(aspect, res string) *videoagent.Storyboard {
	sb := demoStoryboard(aspect, res)
	for i, n := range []string{"Meet Flow, the planner.", "Flow does three things.", "Try it free today."} {
		sb.Scenes[i].Narration = n
	}
	return sb
}

func narrationsFor(sb *videoagent.Storyboard) []*videoagent.Narration {
	var ns []*videoagent.Narration
	for i, s := range sb.Scenes {
		if s.Narration == "" {
			ns = append(ns, nil)
			continue
		}
		ns = append(ns, synthNarration(s.Narration, i))
	}
	return ns
}

// near reports whether two colours differ by at most tol in every channel.
func near(c color.Color, want color.RGBA, tol int) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { v := int(x>>8) - int(y); return v >= -tol && v <= tol }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestRenderAspectRatios(t *testing.T) {
	for _, aspect := range []string{"16:9", "9:16", "1:1"} {
		t.Run(strings.ReplaceAll(aspect, ":", "x"), func(t *testing.T) {
			t.Parallel()
			testRender(t, aspect)
		})
	}
}

func testRender(t *testing.T, aspect string) {
	ctx := context.Background()
	// The full narration in 16:9 (long cues, bullets timed to it); the other aspect ratios
	// check the same things on a shorter video.
	sb := demoStoryboard(aspect, "720p")
	if aspect != "16:9" {
		sb = shortStoryboard(aspect, "720p")
	}
	ns := narrationsFor(sb)
	out := t.TempDir()
	var progress []float64
	// No GIF: this test does not look at it (TestMusicLoudnessRenditions does).
	r := New(Options{Presenters: &fakePresenters{}, Parallel: 1, NoGIF: true})
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: out,
		Progress: func(f float64) { progress = append(progress, f) }})
	if err != nil {
		t.Fatal(err)
	}
	W, H, _ := videoagent.FrameSize(aspect, "720p")
	const fps = 30
	frame := time.Second / fps

	// Expected timeline: each scene lead-in + narration + tail, rounded up to frames.
	var starts []time.Duration
	frames := 0
	for _, n := range ns {
		starts = append(starts, frameTime(frames, fps))
		f, _ := sceneFrames(n, fps)
		frames += f
	}
	want := frameTime(frames, fps)
	if res.Duration != want {
		t.Errorf("result duration %v, want %v", res.Duration, want)
	}
	if len(progress) == 0 || progress[len(progress)-1] != 1 {
		t.Errorf("progress %v", progress)
	}

	// Container and streams.
	info, v, a := probeAV(t, res.VideoPath)
	if v.CodecName != "h264" || v.Profile != "High" || v.PixFmt != "yuv420p" || v.Width != W || v.Height != H || v.RFrameRate != "30/1" {
		t.Errorf("video stream %+v", v)
	}
	if v.ColorSpace != "bt709" || v.ColorPrimaries != "bt709" || v.ColorTransfer != "bt709" {
		t.Errorf("colour tags %+v", v)
	}
	if v.NbFrames != int64(frames) {
		t.Errorf("%d video frames, want %d", v.NbFrames, frames)
	}
	if a.CodecName != "aac" || a.SampleRate != 48000 {
		t.Errorf("audio stream %+v", a)
	}
	within := func(what string, got, want time.Duration) {
		t.Helper()
		if d := got - want; d < -frame || d > frame {
			t.Errorf("%s %v, want %v within one frame", what, got, want)
		}
	}
	within("container duration", info.Duration, want)
	within("video stream duration", v.Duration, want)
	within("audio stream duration", a.Duration, want)
	within("audio vs video", a.Duration, v.Duration)
	if ok, err := mp4.MoovBeforeMdat(res.VideoPath); err != nil || !ok {
		t.Errorf("moov before mdat: %v %v", ok, err)
	}

	// Thumbnail.
	thumb := decodeThumbnail(t, res.ThumbnailPath)
	if thumb.Bounds().Dx() != W || thumb.Bounds().Dy() != H {
		t.Errorf("thumbnail size %v", thumb.Bounds())
	}

	// Captions: every cue starts at its first word and ends at its last word.
	checkCaptions(t, res.SRTPath, res.VTTPath, sb, ns, starts)

	// Pixels of the second scene (presenter beside bullets), after every bullet is in.
	style := DefaultStyle()
	at := starts[1] + sceneDur(ns[1]) - 300*time.Millisecond
	img, err := media.ExtractFrame(ctx, res.VideoPath, at)
	if err != nil {
		t.Fatal(err)
	}
	lay := testLayout(t, W, H, sb, ns, 1)
	if len(lay.textRects) < 4 {
		t.Fatalf("text rects %v", lay.textRects)
	}
	title := lay.textRects[0]
	dark := 0
	for y := title.Min.Y; y < title.Max.Y; y++ {
		for x := title.Min.X; x < title.Max.X; x++ {
			if near(img.At(x, y), style.Palette.Text, 60) {
				dark++
			}
		}
	}
	if frac := float64(dark) / float64(title.Dx()*title.Dy()); frac < 0.08 {
		t.Errorf("title area has %.1f%% text pixels", 100*frac)
	}
	for _, b := range lay.textRects[1:] { // bullets: some ink in each
		ink := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if near(img.At(x, y), style.Palette.Text, 80) {
					ink++
				}
			}
		}
		if ink < b.Dx()*b.Dy()/50 {
			t.Errorf("bullet %v has too little ink (%d px)", b, ink)
		}
	}
	// Background between the card and the frame's bottom edge; card surface beside the title.
	m := int(style.Margin * float64(min(W, H)))
	bgPt := image.Pt(lay.slide.Min.X+lay.slide.Dx()/2, lay.slide.Max.Y+m/2)
	if W*10 < H*13 { // stacked: the right margin beside the card is background
		bgPt = image.Pt(W-m/3, lay.slide.Max.Y-m)
	}
	if c := img.At(bgPt.X, bgPt.Y); !near(c, style.Palette.Background, 6) {
		t.Errorf("background at %v is %v, want %v", bgPt, c, style.Palette.Background)
	}
	surfPt := image.Pt(lay.slide.Max.X-m/2, lay.slide.Min.Y+m/2)
	if c := img.At(surfPt.X, surfPt.Y); !near(c, style.Palette.Surface, 6) {
		t.Errorf("card at %v is %v, want %v", surfPt, c, style.Palette.Surface)
	}
}

func sceneDur(n *videoagent.Narration) time.Duration {
	f, _ := sceneFrames(n, 30)
	return frameTime(f, 30)
}

// testLayout lays scene i out as the renderer does.
func testLayout(t *testing.T, W, H int, sb *videoagent.Storyboard, ns []*videoagent.Narration, i int) *sceneLayout {
	t.Helper()
	r := New(Options{})
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	n := shiftNarration(ns[i], LeadIn)
	return layoutScene(layoutInput{w: W, h: H, style: DefaultStyle(), fonts: fonts, scene: sb.Scenes[i], title: sb.Title,
		hasPresenter: true, words: n.Words, speechEnd: n.Duration()})
}

var cueRE = regexp.MustCompile(`^(\d\d):(\d\d):(\d\d)[,.](\d\d\d) --> (\d\d):(\d\d):(\d\d)[,.](\d\d\d)$`)

type parsedCue struct {
	start, end time.Duration
	lines      []string
}

// parseCues reads SRT or WebVTT cues.
func parseCues(t *testing.T, path string) []parsedCue {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cues []parsedCue
	sc := bufio.NewScanner(f)
	var cur *parsedCue
	ts := func(m []string) time.Duration {
		n := func(s string) time.Duration {
			var x int
			for _, c := range s {
				x = x*10 + int(c-'0')
			}
			return time.Duration(x)
		}
		return n(m[0])*time.Hour + n(m[1])*time.Minute + n(m[2])*time.Second + n(m[3])*time.Millisecond
	}
	for sc.Scan() {
		line := sc.Text()
		if m := cueRE.FindStringSubmatch(line); m != nil {
			cues = append(cues, parsedCue{start: ts(m[1:5]), end: ts(m[5:9])})
			cur = &cues[len(cues)-1]
			continue
		}
		if line == "" {
			cur = nil
			continue
		}
		if cur != nil {
			cur.lines = append(cur.lines, line)
		}
	}
	return cues
}

func checkCaptions(t *testing.T, srt, vtt string, sb *videoagent.Storyboard, ns []*videoagent.Narration, starts []time.Duration) {
	t.Helper()
	b, _ := os.ReadFile(vtt)
	if !strings.HasPrefix(string(b), "WEBVTT\n") {
		t.Errorf("vtt header: %q", string(b[:min(20, len(b))]))
	}
	for _, path := range []string{srt, vtt} {
		cues := parseCues(t, path)
		// Rebuild the expected word sequence with absolute times.
		var words []videoagent.WordTiming
		for i, n := range ns {
			for _, w := range n.Words {
				words = append(words, videoagent.WordTiming{Word: w.Word, Start: w.Start + starts[i] + LeadIn, End: w.End + starts[i] + LeadIn})
			}
		}
		wi := 0
		frame := time.Second / 30
		for _, c := range cues {
			if len(c.lines) == 0 || len(c.lines) > 2 {
				t.Errorf("%s: cue lines %q", filepath.Base(path), c.lines)
			}
			nw := 0
			for _, l := range c.lines {
				if n := len([]rune(l)); n > 42 {
					t.Errorf("%s: line %q has %d chars", filepath.Base(path), l, n)
				}
				nw += len(strings.Fields(l))
			}
			first, last := words[wi], words[wi+nw-1]
			if d := c.start - first.Start; d < -frame || d > frame {
				t.Errorf("%s: cue %q starts %v, word %q at %v", filepath.Base(path), c.lines, c.start, first.Word, first.Start)
			}
			if d := c.end - last.End; d < -frame || d > frame {
				t.Errorf("%s: cue %q ends %v, word %q at %v", filepath.Base(path), c.lines, c.end, last.Word, last.End)
			}
			wi += nw
		}
		if wi != len(words) {
			t.Errorf("%s: cues cover %d of %d words", filepath.Base(path), wi, len(words))
		}
	}
}

// decodeThumbnail reads a render's JPEG thumbnail.
func decodeThumbnail(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatalf("thumbnail: %v", err)
	}
	return img
}

// cachingRender is a renderer with a segment cache of its own and fake presenters that
// count the scenes rendered, and a short storyboard whose scenes cut in.
func cachingRender(t *testing.T) (r *Renderer, fp *fakePresenters, cache string, sb *videoagent.Storyboard, ns []*videoagent.Narration) {
	sb = shortStoryboard("16:9", "720p")
	for i := range sb.Scenes {
		sb.Scenes[i].Transition = videoagent.TransitionCut
	}
	cache, fp = t.TempDir(), &fakePresenters{}
	// One segment per scene (no chunks), so that segments count scenes.
	return New(Options{Presenters: fp, CacheDir: cache, NoGIF: true, MaxChunk: time.Hour}), fp, cache, sb, narrationsFor(sb)
}

func TestSegmentCache(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r, fp, cache, sb, ns := cachingRender(t)
	segs := func() []string {
		m, _ := filepath.Glob(filepath.Join(cache, "seg-*.mp4"))
		return m
	}
	first, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if fp.tracks != 3 || len(segs()) != 3 {
		t.Fatalf("first render: %d scenes rendered, %d segments", fp.tracks, len(segs()))
	}
	second, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if fp.tracks != 3 {
		t.Errorf("second render rendered %d scenes, want 0", fp.tracks-3)
	}
	if second.Duration != first.Duration {
		t.Errorf("durations differ: %v %v", first.Duration, second.Duration)
	}
	// Change one scene: only it is rendered again.
	sb.Scenes[1].Visual.Bullets[2] = "Tells everyone what changed"
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if fp.tracks != 4 || len(segs()) != 4 {
		t.Errorf("after changing one scene: %d scenes rendered, %d segments", fp.tracks-3, len(segs()))
	}
	// Moving scenes around reuses their segments too (scenes that cut in).
	sb.Scenes[0], sb.Scenes[2] = sb.Scenes[2], sb.Scenes[0]
	ns[0], ns[2] = ns[2], ns[0]
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if fp.tracks != 4 {
		t.Errorf("reordering rendered %d scenes", fp.tracks-4)
	}
	// A scene entering with a transition has a short head segment drawn from the scene
	// before it: changing that one re-renders it and the head, nothing else.
	heads := func() []string {
		m, _ := filepath.Glob(filepath.Join(cache, "head-*.mp4"))
		return m
	}
	sb.Scenes[2].Transition = videoagent.TransitionCrossfade
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	n, h := len(segs()), len(heads())
	if h != 1 {
		t.Errorf("%d transition heads, want 1", h)
	}
	sb.Scenes[1].Visual.Title = "Why teams switch to Flow"
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if got, gotH := len(segs())-n, len(heads())-h; got != 1 || gotH != 1 {
		t.Errorf("changing the scene before a crossfade made %d new segments and %d heads, want 1 and 1", got, gotH)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := New(Options{Presenters: &fakePresenters{}})
	sb := demoStoryboard("16:9", "720p")
	sb.FPS = 24
	_, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, OutDir: t.TempDir()})
	if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) != "fps" {
		t.Errorf("bad fps: %v", err)
	}
	sb = demoStoryboard("16:9", "720p")
	sb.AvatarID = "nobody"
	_, err = r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir()})
	if videoagent.ErrorCode(err) != videoagent.EAVATARNOTFOUND {
		t.Errorf("unknown avatar: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	sb = demoStoryboard("16:9", "720p")
	if _, err = r.Render(cctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir()}); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
}

// A silent storyboard without a presenter still renders: 3 s per scene, silent audio.
func TestRenderSilentVoiceOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := demoStoryboard("16:9", "720p")
	sb.AvatarID = ""
	sb.Captions = false
	res, err := New(Options{NoGIF: true}).Render(ctx, videoagent.RenderJob{Storyboard: sb, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Duration != 3*SilentScene {
		t.Errorf("duration %v", res.Duration)
	}
	info, err := media.Probe(ctx, res.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	if a := info.Audio(); a == nil || math.Abs(a.Duration.Seconds()-9) > 1.0/30 {
		t.Errorf("audio %+v", a)
	}
}

// Only the thumbnail's scene writes a thumbnail; when a revision makes another, cached,
// scene the thumbnail's, the chunk holding its thumbnail frame is rendered again and the
// thumbnail shows that frame.
func TestThumbnailFollowsItsScene(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r, fp, cache, sb, ns := cachingRender(t)
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if thumbs, _ := filepath.Glob(filepath.Join(cache, "thumb-*.jpg")); len(thumbs) != 1 {
		t.Errorf("%d thumbnails written, want 1 (the second scene's)", len(thumbs))
	}
	// Drop the second scene: the third, cached, is now the thumbnail's.
	sb.Scenes = append(sb.Scenes[:1], sb.Scenes[2])
	ns = append(ns[:1], ns[2])
	tracks := fp.tracks
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if fp.tracks != tracks+1 {
		t.Errorf("%d scenes rendered again, want 1 (for its thumbnail)", fp.tracks-tracks)
	}
	thumb := decodeThumbnail(t, res.ThumbnailPath)
	first, _ := sceneFrames(ns[0], 30)
	second, _ := sceneFrames(ns[1], 30)
	frame, err := media.ExtractFrame(ctx, res.VideoPath, frameTime(first+second*4/5, 30))
	if err != nil {
		t.Fatal(err)
	}
	var diff, n float64
	b := thumb.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r1, g1, b1, _ := thumb.At(x, y).RGBA()
			r2, g2, b2, _ := frame.At(x, y).RGBA()
			diff += math.Abs(float64(r1)-float64(r2)) + math.Abs(float64(g1)-float64(g2)) + math.Abs(float64(b1)-float64(b2))
			n += 3
		}
	}
	if mean := diff / n / 257; mean > 6 {
		t.Errorf("the thumbnail differs from the new second scene's thumbnail frame by %.1f levels on average", mean)
	}
}

// An encoder preset with B-frames (composition offsets, and segments the segmenter
// delays by the encoder's reordering) renders a video whose audio and video still last
// the same, joined as one.
func TestRenderWithBFrames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := shortStoryboard("16:9", "720p")
	r := New(Options{Presenters: &fakePresenters{}, NoGIF: true, Preset: "veryfast"})
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrationsFor(sb), OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	_, v, a := probeAV(t, res.VideoPath)
	frame := time.Second / 30
	if d := v.Duration - res.Duration; d < -frame || d > frame {
		t.Errorf("video %v, want %v", v.Duration, res.Duration)
	}
	if d := a.Duration - v.Duration; d < -frame || d > frame {
		t.Errorf("audio %v, video %v", a.Duration, v.Duration)
	}
	if ok, err := mp4.MoovBeforeMdat(res.VideoPath); err != nil || !ok {
		t.Errorf("moov before mdat: %v %v", ok, err)
	}
}

// Segments that mp4.Join does not copy (here one with a sound track of its own) are
// joined by ffmpeg instead.
func TestMuxFallsBackToFFmpeg(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	seg, audio := filepath.Join(dir, "seg.mp4"), filepath.Join(dir, "audio.aac")
	for _, args := range [][]string{
		{"-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libx264", "-c:a", "aac", seg},
		{"-f", "lavfi", "-i", "sine=r=48000:d=1", "-c:a", "aac", "-f", "adts", audio},
	} {
		if b, err := exec.Command("ffmpeg", append([]string{"-v", "error", "-y"}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("ffmpeg: %v %s", err, b)
		}
	}
	out := filepath.Join(dir, "video.mp4")
	r := New(Options{})
	if err := r.mux(ctx, []*scenePlan{{chunks: []chunk{{seg: seg}}}}, out, audio); err != nil {
		t.Fatal(err)
	}
	info, err := media.Probe(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if v, a := info.Video(), info.Audio(); v == nil || v.NbFrames != 30 || a == nil {
		t.Errorf("streams %+v", info.Streams)
	}
}

// probeAV probes a rendered file, which must hold a video and an audio stream.
func probeAV(t *testing.T, path string) (info *media.ProbeInfo, v, a *media.Stream) {
	t.Helper()
	info, err := media.Probe(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if v, a = info.Video(), info.Audio(); v == nil || a == nil {
		t.Fatalf("%s: streams %+v", path, info.Streams)
	}
	return info, v, a
}
