package render

import (
	"bytes"
	"context"
	"fmt"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/internal/media/mediatest"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

// TestAlphaWebM renders a presenter with real espeak narration to a transparent WebM and
// decodes it with libvpx (ffmpeg's native VP9 decoder drops the alpha channel): the
// container and codecs, audio as long as the video, a transparent background, an opaque
// presenter whose colours and alpha match what was drawn, and a mouth that moves with the
// words.
func TestAlphaWebM(t *testing.T) {
	ctx := context.Background()
	eng, err := espeak.New()
	if err != nil {
		t.Fatal("espeak-ng:", err)
	}
	voice, _ := espeak.DefaultVoice("en")
	sb := &videoagent.Storyboard{Version: 1, Title: "Transparent", Language: "en", AspectRatio: "16:9", Resolution: "720p", FPS: 25,
		AvatarID: avatar.DefaultLookID(), Seed: 11, Captions: true, OutputFormat: videoagent.OutputWebM,
		Scenes: []videoagent.Scene{
			{ID: "s1", Layout: videoagent.LayoutPresenter, Narration: "Hello! Watch my mouth open and close while I talk."},
			{ID: "s2", Layout: videoagent.LayoutPresenter, Narration: "A second scene follows at once."},
		}}
	var narrs []*videoagent.Narration
	for _, sc := range sb.Scenes {
		n, err := eng.Synthesize(ctx, sc.Narration, voice, videoagent.SpeechOptions{})
		if err != nil {
			t.Fatal(err)
		}
		narrs = append(narrs, n)
	}
	cast := avatar.New()
	r := New(Options{Presenters: cast})
	out := t.TempDir()
	var progress []float64
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: narrs, OutDir: out, CaptionedRendition: true,
		Progress: func(f float64) { progress = append(progress, f) }})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.VideoPath) != WebMFile || res.GIFPath != "" || res.CaptionedVideoPath != "" {
		t.Errorf("result %+v: want %s, no GIF, no captioned rendition", res, WebMFile)
	}
	if len(progress) == 0 || progress[len(progress)-1] != 1 {
		t.Errorf("progress %v", progress)
	}
	const fps = 25
	frames := 0
	for _, n := range narrs {
		f, _ := sceneFrames(n, fps)
		frames += f
	}
	if want := frameTime(frames, fps); res.Duration != want {
		t.Errorf("duration %v, want %v (the MP4 timeline)", res.Duration, want)
	}

	// Container, codecs, alpha.
	info, err := media.Probe(ctx, res.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	v, a := info.Video(), info.Audio()
	if !strings.Contains(info.FormatName, "webm") || v == nil || a == nil || v.CodecName != "vp9" || a.CodecName != "opus" ||
		v.Width != 1280 || v.Height != 720 || a.SampleRate != OutputSampleRate {
		t.Fatalf("format %q streams %+v", info.FormatName, info.Streams)
	}
	if tag := mediatest.StreamTag(t, res.VideoPath, "v:0", "alpha_mode"); tag != "1" {
		t.Errorf("video stream alpha_mode %q, want 1", tag)
	}
	frame := time.Second / fps
	vEnd, aEnd := mediatest.StreamEnd(t, res.VideoPath, "v:0"), mediatest.StreamEnd(t, res.VideoPath, "a:0")
	if d := vEnd - aEnd; d > frame || d < -frame {
		t.Errorf("video ends at %v, audio at %v: more than a frame apart", vEnd, aEnd)
	}
	if d := vEnd - res.Duration; d > frame || d < -frame {
		t.Errorf("video ends at %v, want %v", vEnd, res.Duration)
	}
	if srt, err := os.ReadFile(res.SRTPath); err != nil || !strings.Contains(strings.ToLower(string(srt)), "mouth") {
		t.Errorf("captions lack the narration: %q", srt)
	}

	// What was drawn: the same layout and tracks, composed by the test.
	lay := r.transparentLayout(1280, 720, StyleByID(""))
	box := lay.presenter
	type sceneTrack struct {
		tr    *avatar.Track
		start int
	}
	var tracks []sceneTrack
	start := 0
	for i, sc := range sb.Scenes {
		f, lead := sceneFrames(narrs[i], fps)
		tr, err := cast.NewTrack(ctx, videoagent.PresenterRequest{LookID: sb.AvatarID, Framing: lay.framing, Size: box.Size(), FPS: fps,
			Frames: f, Narration: shiftNarration(narrs[i], lead), Seed: sceneSeed(sb.Seed, sc.ID), LookAt: lay.lookAt})
		if err != nil {
			t.Fatal(err)
		}
		tracks = append(tracks, sceneTrack{tr, start})
		start += f
	}
	at := func(i int) (*avatar.Track, int) {
		for k := len(tracks) - 1; k >= 0; k-- {
			if i >= tracks[k].start {
				return tracks[k].tr, i - tracks[k].start
			}
		}
		return nil, 0
	}
	want := newAlphaCompositor(newCanvas(1280, 720))
	body := image.Pt(box.Min.X+box.Dx()/2, box.Min.Y+box.Dy()*85/100) // the shirt, below the head
	corners := []image.Point{{0, 0}, {1279, 0}, {0, 719}, {1279, 719}, {box.Min.X / 2, 360}}

	// The mouth: its region in the frames where it is most open and shut while speaking.
	var mouthSig, openness []float64
	var alphaErr float64
	var colourErr []string
	n := 0
	mediatest.AlphaFrames(t, res.VideoPath, 1280, 720, func(i int, img *image.NRGBA) {
		n++
		tr, k := at(i)
		var ops []op
		want.compose(presenterOps(ops, tr.Frame(k), box, nil))
		for _, c := range corners {
			if a := img.NRGBAAt(c.X, c.Y).A; a != 0 {
				t.Fatalf("frame %d: background at %v has alpha %d, want 0", i, c, a)
			}
		}
		if a := img.NRGBAAt(body.X, body.Y).A; a != 255 || want.cur.RGBAAt(body.X, body.Y).A != 255 {
			t.Fatalf("frame %d: presenter at %v has alpha %d (drawn %d), want 255", i, body, a, want.cur.RGBAAt(body.X, body.Y).A)
		}
		// Decoded alpha against drawn alpha, over the presenter's box.
		var sum float64
		for y := box.Min.Y; y < box.Max.Y; y += 3 {
			for x := box.Min.X; x < box.Max.X; x += 3 {
				sum += math.Abs(float64(img.NRGBAAt(x, y).A) - float64(want.cur.RGBAAt(x, y).A))
			}
		}
		alphaErr = math.Max(alphaErr, sum/float64((box.Dx()/3)*(box.Dy()/3)))
		if got, drawn := img.NRGBAAt(body.X, body.Y), want.cur.RGBAAt(body.X, body.Y); !near(got, drawn, 14) {
			colourErr = append(colourErr, fmt.Sprintf("frame %d: %v, drawn %v", i, got, drawn))
		}
		// The mouth's region moves with the head: measured where the track says it is.
		mouthSig = append(mouthSig, meanLuma(img, tr.MouthRect(k).Add(box.Min)))
		openness = append(openness, tr.MouthOpenness(k))
	})
	if n != frames {
		t.Errorf("decoded %d frames, want %d", n, frames)
	}
	if alphaErr > 4 {
		t.Errorf("decoded alpha differs from the drawn alpha by %.2f on average in the worst frame", alphaErr)
	}
	if len(colourErr) > 0 {
		t.Errorf("presenter colours: %d frames off, e.g. %s", len(colourErr), colourErr[0])
	}
	// The mouth, measured on the decoded frames, follows the drawn mouth: its region is
	// darker the more the mouth opens (lip sync survives the encoding), and it moves.
	tr := tracks[0].tr
	shut, open := -1, -1
	for k := 0; k < tracks[1].start; k++ {
		o := tr.MouthOpenness(k)
		if o == 0 && shut < 0 {
			shut = k
		}
		if open < 0 || o > tr.MouthOpenness(open) {
			open = k
		}
	}
	if shut < 0 || tr.MouthOpenness(open) < 0.5 {
		t.Fatalf("the track never shuts (%d) or opens (%.2f) its mouth", shut, tr.MouthOpenness(open))
	}
	if d := mouthSig[shut] - mouthSig[open]; d < 5 {
		t.Errorf("mouth region: mean luma %.1f shut (frame %d), %.1f open (frame %d): want it darker open", mouthSig[shut], shut, mouthSig[open], open)
	}
	if c := speechtest.Pearson(openness, mouthSig); c > -0.7 {
		t.Errorf("mouth region luma and drawn mouth openness correlate at %.2f, want strongly negative", c)
	}
	changes := 0
	for i := 1; i < len(mouthSig); i++ {
		if math.Abs(mouthSig[i]-mouthSig[i-1]) > 1 {
			changes++
		}
	}
	if changes < len(mouthSig)/10 {
		t.Errorf("the mouth region changed in %d frames of %d", changes, len(mouthSig))
	}
	t.Logf("alpha error %.3f; mouth luma %.1f shut, %.1f open; correlation %.2f; %d changes in %d frames",
		alphaErr, mouthSig[shut], mouthSig[open], speechtest.Pearson(openness, mouthSig), changes, len(mouthSig))
}

// TestAlphaWatermark: a brand logo (a direct video's watermark) shows, opaque, in its
// corner of a transparent video; a silent scene lasts its Duration.
func TestAlphaWatermark(t *testing.T) {
	sb := &videoagent.Storyboard{Version: 1, Title: "Logo", AspectRatio: "16:9", Resolution: "720p", FPS: 30, AvatarID: "fake",
		OutputFormat: videoagent.OutputWebM, Brand: &videoagent.Brand{LogoAssetID: "photo"},
		Scenes: []videoagent.Scene{{ID: "a", Layout: videoagent.LayoutPresenter, Duration: 1}}}
	r := New(Options{Presenters: &fakePresenters{}, Assets: memAssets{"photo": testPhoto()}})
	res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Duration != time.Second {
		t.Errorf("duration %v, want the scene's 1 s", res.Duration)
	}
	// Where the logo is: drawn alone on a transparent frame.
	want := newCanvas(1280, 720)
	logo, _ := png.Decode(bytes.NewReader(testPhoto()))
	(&sceneLayout{w: 1280, h: 720, style: StyleByID(""), base: want}).drawLogo(logo)
	var box image.Rectangle
	for y := 0; y < 720; y++ {
		for x := 0; x < 1280; x++ {
			if want.RGBAAt(x, y).A != 0 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() || box.Min.X < 640 || box.Max.Y > 360 {
		t.Fatalf("logo drawn at %v, want the top right", box)
	}
	mid := image.Pt((box.Min.X+box.Max.X)/2, (box.Min.Y+box.Max.Y)/2)
	frames := 0
	mediatest.AlphaFrames(t, res.VideoPath, 1280, 720, func(i int, img *image.NRGBA) {
		frames++
		if a := img.NRGBAAt(mid.X, mid.Y).A; a != 255 {
			t.Fatalf("frame %d: logo at %v has alpha %d, want 255", i, mid, a)
		}
		for _, c := range []image.Point{{0, 0}, {0, 719}, {1279, 719}, {box.Min.X - 20, mid.Y}} {
			if a := img.NRGBAAt(c.X, c.Y).A; a != 0 {
				t.Fatalf("frame %d: background at %v has alpha %d, want 0", i, c, a)
			}
		}
	})
	if frames != 30 {
		t.Errorf("%d frames, want 30", frames)
	}
}

// TestAlphaInvalid: a transparent storyboard shows the presenter alone; anything else is
// refused before rendering, naming the field.
func TestAlphaInvalid(t *testing.T) {
	ok := func() *videoagent.Storyboard {
		return &videoagent.Storyboard{Version: 1, Title: "T", AspectRatio: "16:9", Resolution: "720p", FPS: 30, AvatarID: "fake",
			OutputFormat: videoagent.OutputWebM, Scenes: []videoagent.Scene{{ID: "a", Layout: videoagent.LayoutPresenter}}}
	}
	for param, change := range map[string]func(*videoagent.Storyboard){
		"output_format":    func(sb *videoagent.Storyboard) { sb.OutputFormat = "gif" },
		"avatar_id":        func(sb *videoagent.Storyboard) { sb.AvatarID = "" },
		"scenes[0].layout": func(sb *videoagent.Storyboard) { sb.Scenes[0].Layout = videoagent.LayoutSlideBubble },
		"scenes[0].visual.kind": func(sb *videoagent.Storyboard) {
			sb.Scenes[0].Visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: "x"}
		},
	} {
		sb := ok()
		change(sb)
		_, err := New(Options{Presenters: &fakePresenters{}}).Render(context.Background(), videoagent.RenderJob{Storyboard: sb, OutDir: t.TempDir()})
		if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) != param {
			t.Errorf("%s: %v, want invalid_parameter naming it", param, err)
		}
	}
}

// TestAlphaConvert checks the yuva420p conversion: alpha copied, colour un-premultiplied,
// transparent blocks neutral.
func TestAlphaConvert(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 4, 2))
	set := func(x, y int, r, g, b, a uint8) { src.SetRGBA(x, y, color.RGBA{r, g, b, a}) }
	// Block 0: white at half alpha (premultiplied 128). Block 1: transparent.
	for _, p := range []image.Point{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		set(p.X, p.Y, 128, 128, 128, 128)
	}
	f := newYUVA(4, 2)
	f.convert(src, src.Rect)
	if f.a[0] != 128 || f.a[2] != 0 {
		t.Errorf("alpha %v", f.a)
	}
	if f.y[0] != 235 || f.y[2] != 16 {
		t.Errorf("luma %v: want 235 (white, un-premultiplied) then 16", f.y)
	}
	if f.u[0] != 128 || f.v[0] != 128 || f.u[1] != 128 || f.v[1] != 128 {
		t.Errorf("chroma u %v v %v: want neutral", f.u, f.v)
	}
}

func meanLuma(img *image.NRGBA, r image.Rectangle) float64 {
	var s float64
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.NRGBAAt(x, y)
			s += (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) * float64(c.A) / 255
		}
	}
	return s / float64(max(1, r.Dx()*r.Dy()))
}

// TestWebMChunks: the runs cover every frame once, in order, and none is shorter than two
// seconds unless the video is.
func TestWebMChunks(t *testing.T) {
	for _, c := range []struct{ total, fps, parallel, want int }{
		{30, 30, 2, 1}, {119, 30, 2, 1}, {120, 30, 2, 2}, {901, 30, 2, 2}, {901, 30, 4, 4}, {0, 30, 2, 1},
	} {
		got := webmChunks(c.total, c.fps, c.parallel)
		if len(got) != c.want {
			t.Errorf("webmChunks(%d, %d, %d): %d runs, want %d", c.total, c.fps, c.parallel, len(got), c.want)
		}
		next := 0
		for _, r := range got {
			if r.from != next || r.to < r.from || (len(got) > 1 && r.to-r.from < 2*c.fps) {
				t.Errorf("webmChunks(%d, %d, %d): %v", c.total, c.fps, c.parallel, got)
			}
			next = r.to
		}
		if next != c.total {
			t.Errorf("webmChunks(%d, %d, %d) ends at %d", c.total, c.fps, c.parallel, next)
		}
	}
}
