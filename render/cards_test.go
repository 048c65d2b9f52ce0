package render

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/rendertest"
)

// cardVisuals are the visuals of the card tests: every kind, with sparse content (what
// used to leave a card mostly blank) and with normal content.
var cardVisuals = []struct {
	name string
	v    videoagent.Visual
}{
	{"bullets-title-only", videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Quarterly report 2024"}},
	{"bullets-one", videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why it matters", Bullets: []string{"Faster"}}},
	{"bullets-two", videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why it matters", Bullets: []string{"Faster", "Cheaper"}}},
	{"bullets-two-untitled", videoagent.Visual{Kind: videoagent.VisualBullets, Bullets: []string{"Faster", "Cheaper"}}},
	{"bullets-three", videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why teams switch",
		Bullets: []string{"One inbox collects every task", "Schedules work around meetings", "Tells the team what changed"}}},
	{"bullets-five", videoagent.Visual{Kind: videoagent.VisualBullets, Title: "What you get",
		Bullets: []string{"One inbox for every task", "Plans around your meetings", "Tells the team what changed", "Works offline", "Free for small teams"}}},
	{"title", videoagent.Visual{Kind: videoagent.VisualTitle, Title: "Q3 results"}},
	{"title-subtitle", videoagent.Visual{Kind: videoagent.VisualTitle, Title: "Q3 results", Subtitle: "Revenue, users and what comes next"}},
	{"stat", videoagent.Visual{Kind: videoagent.VisualStat, Text: "42%"}},
	{"stat-full", videoagent.Visual{Kind: videoagent.VisualStat, Title: "Time saved", Text: "6 hrs", Caption: "per person, every week"}},
	{"quote", videoagent.Visual{Kind: videoagent.VisualQuote, Text: "Simple wins."}},
	{"quote-full", videoagent.Visual{Kind: videoagent.VisualQuote, Text: "We stopped talking about the plan and started doing it.", Caption: "Dana Kim"}},
	{"cta", videoagent.Visual{Kind: videoagent.VisualCTA, Title: "Try it"}},
	{"cta-full", videoagent.Visual{Kind: videoagent.VisualCTA, Title: "Try Flow free", Text: "Set up in two minutes.", URL: "flow.example.com"}},
	{"chart-bars", videoagent.Visual{Kind: videoagent.VisualChart, Title: "Share", Bullets: []string{"Europe: 60%", "Asia: 40%"}}},
	{"chart-line", videoagent.Visual{Kind: videoagent.VisualChart, ChartType: "line", Title: "Weekly active teams",
		Data: []videoagent.DataPoint{{Label: "Q1", Value: 120}, {Label: "Q2", Value: 180}, {Label: "Q3", Value: 260}, {Label: "Q4", Value: 410}}}},
	{"image", videoagent.Visual{Kind: videoagent.VisualImage, AssetID: "photo"}},
	{"image-titled", videoagent.Visual{Kind: videoagent.VisualImage, Title: "Your week at a glance", AssetID: "photo"}},
	{"image-page", videoagent.Visual{Kind: videoagent.VisualImage, Title: "Annual report 2024", AssetID: "page"}},
	{"video-placeholder", videoagent.Visual{Kind: videoagent.VisualVideo, Title: "Watch the demo", Caption: "Two-minute product tour"}},
	{"none", videoagent.Visual{Kind: videoagent.VisualNone, Title: "Hello"}},
}

// cardLayouts are the layouts with cards (a presenter's name tag is one); title scenes
// have none (see TestTitleScenesHaveNoCards).
var cardLayouts = []string{videoagent.LayoutPresenterLeft, videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble,
	videoagent.LayoutSlide, videoagent.LayoutPresenter}

// cardStoryboard has a scene for every visual of the card tests in each of layouts, each
// held for 1.5 s (its short narration with its pauses lasts less: Duration holds it), long
// enough for its entrances, or 2 s for five bullets.
func cardStoryboard(aspect string, layouts []string) *videoagent.Storyboard {
	sb := &videoagent.Storyboard{Version: 1, Title: "The report", Language: "en", AspectRatio: aspect, Resolution: "720p",
		FPS: 30, AvatarID: "fake", Seed: 3}
	for _, l := range layouts {
		for _, cv := range cardVisuals {
			d := 1.5
			if len(cv.v.Bullets) > 3 {
				d = 2
			}
			sb.Scenes = append(sb.Scenes, videoagent.Scene{ID: l + "/" + cv.name, Layout: l, Narration: "Look.",
				Visual: cv.v, Transition: videoagent.TransitionCut, Duration: d})
		}
	}
	return sb
}

// decodeFrames decodes the video frames numbered frames (ascending) of the video at path,
// w x h, calling fn with each.
func decodeFrames(t *testing.T, path string, w, h int, frames []int, fn func(k int, img *image.RGBA)) {
	t.Helper()
	var sel []string
	for _, n := range frames {
		sel = append(sel, "eq(n\\,"+strconv.Itoa(n)+")")
	}
	cmd := exec.Command("ffmpeg", "-v", "error", "-nostdin", "-i", path, "-vf", "select='"+strings.Join(sel, "+")+"'",
		"-vsync", "0", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReaderSize(out, 1<<20)
	buf := make([]byte, w*h*3)
	k := 0
	for ; k < len(frames); k++ {
		if _, err := io.ReadFull(br, buf); err != nil {
			break
		}
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i, j := 0, 0; i < len(buf); i, j = i+3, j+4 {
			img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = buf[i], buf[i+1], buf[i+2], 255
		}
		fn(k, img)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, stderr.String())
	}
	if k != len(frames) {
		t.Fatalf("decoded %d frames of %d", k, len(frames))
	}
}

// lateFrame is the frame of a scene the card tests look at: its last but one, after every
// entrance.
func lateFrame(s SceneSpan) int { return s.First + s.Frames - 2 }

// No card of any layout and visual, sparse or full, is mostly blank in the rendered video:
// inside every card (CardRects), no rectangle of blank cells covers more than
// rendertest.MaxBlank of it. OVA_CARDS=/some/dir writes every frame looked at as PNG.
func TestCardsNotBlank(t *testing.T) {
	for _, aspect := range []string{"16:9", "9:16", "1:1"} {
		// Storyboards of at most MaxScenes scenes.
		per := videoagent.MaxScenes / len(cardVisuals)
		for k := 0; k < len(cardLayouts); k += per {
			layouts := cardLayouts[k:min(k+per, len(cardLayouts))]
			t.Run(strings.ReplaceAll(aspect, ":", "x")+"/"+strings.Join(layouts, ","), func(t *testing.T) {
				t.Parallel()
				testCardsNotBlank(t, aspect, layouts)
			})
		}
	}
}

func testCardsNotBlank(t *testing.T, aspect string, layouts []string) {
	ctx := context.Background()
	sb := cardStoryboard(aspect, layouts)
	ns := narrationsFor(sb)
	r := New(Options{Presenters: &fakePresenters{}, Assets: memAssets{"photo": testPhoto(), "page": testPage()}, NoGIF: true, Parallel: 1})
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	w, h, _ := videoagent.FrameSize(aspect, sb.Resolution)
	spans := SceneSpans(sb, ns)
	var frames []int
	for i, s := range spans {
		if want := int(sb.Scenes[i].Duration * 30); s.Frames != want {
			t.Fatalf("scene %s has %d frames, want %d", sb.Scenes[i].ID, s.Frames, want)
		}
		frames = append(frames, lateFrame(s))
	}
	surface := StyleByID(sb.StyleID).Palette.Surface
	dir := os.Getenv("OVA_CARDS")
	measured, need := 0, 0
	worst, worstName := rendertest.Blankness{}, ""
	decodeFrames(t, res.VideoPath, w, h, frames, func(i int, img *image.RGBA) {
		sc := sb.Scenes[i]
		name := strings.ReplaceAll(aspect, ":", "x") + "-" + strings.ReplaceAll(sc.ID, "/", "-")
		if dir != "" {
			writePNG(t, filepath.Join(dir, name+".png"), img)
		}
		cards, err := r.CardRects(sb, i)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Layout == videoagent.LayoutPresenter { // a name tag, when the visual has a title
			if len(cards) > 1 {
				t.Errorf("%s: %d cards, want at most 1", name, len(cards))
			}
		} else if need++; len(cards) != 1 {
			t.Errorf("%s: %d cards, want 1", name, len(cards))
		}
		for _, c := range cards {
			if !c.In(img.Rect) {
				t.Errorf("%s: card %v outside the frame", name, c)
				continue
			}
			m := rendertest.Measure(img, c)
			measured++
			if m.Largest >= worst.Largest {
				worst, worstName = m, name
			}
			if m.Largest > rendertest.MaxBlank {
				t.Errorf("%s: card %v is mostly blank: %v", name, c, m)
			}
			// The rectangle is the card: most of it shows the card's surface.
			if k := sc.Visual.Kind; k != videoagent.VisualImage && k != videoagent.VisualVideo && !near(m.Surface, surface, 8) {
				t.Errorf("%s: card %v shows %v, not the card's surface %v", name, c, m.Surface, surface)
			}
		}
	})
	t.Logf("the blankest card: %s, %v", worstName, worst)
	if measured < need {
		t.Errorf("%d cards measured", measured)
	}
}

// Title scenes have no card: their text stands on the frame's own background.
func TestTitleScenesHaveNoCards(t *testing.T) {
	for _, aspect := range []string{"16:9", "9:16", "1:1"} {
		for _, presenter := range []string{"fake", ""} {
			sb := cardStoryboard(aspect, []string{videoagent.LayoutTitle})
			sb.AvatarID = presenter
			for i := range sb.Scenes {
				if cards, err := CardRects(sb, i); err != nil || len(cards) != 0 {
					t.Errorf("%s %s presenter %q: cards %v, %v", aspect, sb.Scenes[i].ID, presenter, cards, err)
				}
			}
		}
	}
	// Other scenes have one, with a presenter or without (presenter layouts become slides).
	sb := cardStoryboard("16:9", []string{videoagent.LayoutPresenterLeft})
	sb.AvatarID = ""
	for i := range sb.Scenes {
		if cards, err := CardRects(sb, i); err != nil || len(cards) != 1 || cards[0].Dx() < 1280/2 {
			t.Errorf("%s without a presenter: cards %v, %v", sb.Scenes[i].ID, cards, err)
		}
	}
	if _, err := CardRects(sb, len(sb.Scenes)); err == nil {
		t.Error("no error for a scene past the end")
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// The measure fails a blank card and a title over an empty card in a rendered frame, and
// the cards of sparse visuals used to be such cards: laid out on a full-size card as
// before, they fail.
func TestBlankCardsFail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := &videoagent.Storyboard{Version: 1, Title: "The report", AspectRatio: "16:9", Resolution: "720p", FPS: 30, AvatarID: "fake",
		Scenes: []videoagent.Scene{{ID: "a", Layout: videoagent.LayoutPresenterLeft, Narration: "Why teams switch.", Transition: videoagent.TransitionCut,
			Visual: videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why teams switch",
				Bullets: []string{"One inbox collects every task", "Schedules work around meetings", "Tells the team what changed"}}}}}
	ns := narrationsFor(sb)
	r := New(Options{Presenters: &fakePresenters{}, NoGIF: true})
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	cards, err := r.CardRects(sb, 0)
	if err != nil || len(cards) != 1 {
		t.Fatalf("cards %v, %v", cards, err)
	}
	card := cards[0]
	decodeFrames(t, res.VideoPath, 1280, 720, []int{lateFrame(SceneSpans(sb, ns)[0])}, func(_ int, img *image.RGBA) {
		m := rendertest.Measure(img, card)
		if m.Largest > rendertest.MaxBlank {
			t.Fatalf("the rendered card is blank: %v", m)
		}
		// Everything below the title wiped: the title over an empty card.
		inner := card.Inset(47) // the card's padding at 720p
		titled := image.NewRGBA(img.Rect)
		copy(titled.Pix, img.Pix)
		fillRect(titled, image.Rect(inner.Min.X, inner.Min.Y+inner.Dy()/4, inner.Max.X, inner.Max.Y), m.Surface)
		if got := rendertest.Measure(titled, card); got.Largest <= rendertest.MaxBlank {
			t.Errorf("a title over an empty card passes: %v", got)
		}
		// Everything wiped: an empty card.
		fillRect(img, inner, m.Surface)
		if got := rendertest.BlankFraction(img, card); got < 0.95 {
			t.Errorf("an empty card is %.0f%% blank", 100*got)
		}
	})

	// Sparse visuals laid out on a full-size card, as the renderer did before cards fitted
	// their content, fail the measure.
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []videoagent.Visual{
		{Kind: videoagent.VisualBullets, Bullets: []string{"Faster", "Cheaper"}},
		{Kind: videoagent.VisualBullets, Title: "Why it matters", Bullets: []string{"Faster"}},
		{Kind: videoagent.VisualQuote, Text: "Simple wins."},
	} {
		sc := &sceneLayout{w: 1280, h: 720, style: DefaultStyle(), fonts: fonts, base: newCanvas(1280, 720)}
		sc.paperBackground()
		slot := image.Rect(sc.margin(), sc.margin(), 1280-sc.margin(), 720-sc.margin())
		sc.cardSurface(slot)
		sc.visual(sc.cardInner(slot), layoutInput{scene: videoagent.Scene{Visual: v}})
		for _, e := range sc.elems {
			blend(sc.base, e.bounds().Intersect(sc.base.Rect), e.img, e.at, 255, nil, image.Point{})
		}
		if m := rendertest.Measure(sc.base, slot); m.Largest <= rendertest.MaxBlank {
			t.Errorf("%+v on a full card passes: %v", v, m)
		}
	}
}

// Cards fit what they show: sparse content gets a smaller card than full content, centred
// in its slot, with the content inside it; pictures and line charts fill their slot.
func TestCardsFitContent(t *testing.T) {
	t.Parallel()
	r := New(Options{})
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	for _, sz := range sizes {
		W, H, _ := videoagent.FrameSize(sz.aspect, sz.res)
		lay := func(l string, v videoagent.Visual) *sceneLayout {
			return layoutScene(layoutInput{w: W, h: H, style: DefaultStyle(), fonts: fonts, title: "The report", hasPresenter: true,
				scene: videoagent.Scene{ID: "x", Layout: l, Visual: v}})
		}
		for _, l := range []string{videoagent.LayoutPresenterLeft, videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble, videoagent.LayoutSlide} {
			name := fmt.Sprintf("%s/%s/%s", sz.aspect, sz.res, l)
			full := lay(l, videoagent.Visual{Kind: videoagent.VisualImage, Title: "A picture"}).slide
			slotArea := full.Dx() * full.Dy()
			var twoH int
			for _, cv := range cardVisuals {
				sc := lay(l, cv.v)
				card := sc.slide
				if !card.In(full) {
					t.Errorf("%s %s: card %v outside the slot %v", name, cv.name, card, full)
				}
				switch cv.name {
				case "image", "image-titled", "image-page", "video-placeholder", "chart-line":
					if card != full {
						t.Errorf("%s %s: card %v, want the whole slot %v", name, cv.name, card, full)
					}
				case "bullets-two":
					twoH = card.Dy()
				case "bullets-three":
					if card.Dy() < twoH {
						t.Errorf("%s: three bullets' card %v is lower than two bullets' (%d px)", name, card, twoH)
					}
				case "bullets-two-untitled", "title", "stat", "quote", "cta", "none":
					if a := card.Dx() * card.Dy(); a*10 > slotArea*6 {
						t.Errorf("%s %s: sparse card %v takes %d%% of the slot %v", name, cv.name, card, 100*a/slotArea, full)
					}
				}
				// Content inside the card, padded, and centred in it.
				var ink image.Rectangle
				for _, e := range sc.elems {
					ink = ink.Union(opaqueBounds(e.img).Add(e.at))
				}
				if !ink.In(card) {
					t.Errorf("%s %s: content %v outside its card %v", name, cv.name, ink, card)
				}
				if l != videoagent.LayoutSlideBubble {
					if d := mid(ink).Sub(mid(card)); d.X < -2 || d.X > 2 || d.Y < -2 || d.Y > 2 {
						if k := cv.v.Kind; k != videoagent.VisualImage && k != videoagent.VisualVideo && cv.name != "chart-line" {
							t.Errorf("%s %s: content %v off the centre of its card %v by %v", name, cv.name, ink, card, d)
						}
					}
				}
			}
		}
	}
}

// The visuals whose cards fit them draw elements only, which move with the card: nothing
// into the base under the card.
func TestFittedVisualsDrawElementsOnly(t *testing.T) {
	r := New(Options{})
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	for _, cv := range cardVisuals {
		if fillsCard(cv.v) {
			continue
		}
		sc := &sceneLayout{w: 1280, h: 720, style: DefaultStyle(), fonts: fonts, base: newCanvas(1280, 720)}
		fillRect(sc.base, sc.base.Rect, DefaultStyle().Palette.Surface)
		before := append([]byte(nil), sc.base.Pix...)
		sc.visual(image.Rect(100, 100, 1180, 620), layoutInput{scene: videoagent.Scene{Visual: cv.v}, title: "The report"})
		if !bytes.Equal(before, sc.base.Pix) {
			t.Errorf("%s drew into the base", cv.name)
		}
		if len(sc.elems) == 0 {
			t.Errorf("%s drew nothing", cv.name)
		}
	}
}

// The segment key leaves out where a scene's texts came from: a change of provenance
// alone renders nothing again, while a change of a text does.
func TestProvenanceNotInSegmentKey(t *testing.T) {
	r := New(Options{Presenters: &fakePresenters{}})
	sb := shortStoryboard("16:9", "720p")
	ns := narrationsFor(sb)
	fj := &frameJob{w: 1280, h: 720, fps: 30, style: DefaultStyle(), title: sb.Title, avatar: "fake", presenters: r.opt.Presenters}
	cache := t.TempDir()
	keys := func() []string {
		plans, _ := r.plan(sb, ns, fj, cache)
		var k []string
		for _, p := range plans {
			k = append(k, p.key, p.head)
		}
		return k
	}
	before := keys()
	sb.Scenes[1].Provenance = []videoagent.Provenance{{Field: "visual.title", Text: "Why teams switch", Source: videoagent.SourceFile, File: "files[0]", Page: 3}}
	if after := keys(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("provenance changed the segment keys:\n%v\n%v", before, after)
	}
	sb.Scenes[1].Visual.Title = "Why teams switch to Flow"
	if after := keys(); after[2] == before[2] {
		t.Error("a new title kept the scene's segment key")
	}
}

// A narrated scene whose Duration is longer than its narration and pauses lasts its
// Duration: the video and its sound both, the presenter idle and the sound silent after
// the narration.
func TestDurationHoldsNarratedScene(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb := shortStoryboard("16:9", "720p")
	sb.Captions = false
	sb.Scenes[1].Duration = 4.5 // its narration with pauses: about 2 s
	sb.Scenes[2].Duration = 0.5 // shorter than its narration: the narration wins
	ns := narrationsFor(sb)
	natural, _ := sceneFrames(ns[1], 30)
	if natural >= 4*30 {
		t.Fatalf("the narration lasts %d frames: no room to hold", natural)
	}
	r := New(Options{Presenters: &fakePresenters{}, NoGIF: true})
	res, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	spans := SceneSpans(sb, ns)
	f0, _ := sceneFrames(ns[0], 30)
	f2, _ := sceneFrames(ns[2], 30)
	if spans[1].Frames != 135 || spans[0].Frames != f0 || spans[2].Frames != f2 {
		t.Fatalf("scene frames %d %d %d, want %d 135 %d", spans[0].Frames, spans[1].Frames, spans[2].Frames, f0, f2)
	}
	want := frameTime(f0+135+f2, 30)
	if res.Duration != want {
		t.Errorf("result duration %v, want %v", res.Duration, want)
	}
	info, v, a := probeAV(t, res.VideoPath)
	frame := time.Second / 30
	if v.NbFrames != int64(f0+135+f2) {
		t.Errorf("%d video frames, want %d", v.NbFrames, f0+135+f2)
	}
	for what, got := range map[string]time.Duration{"container": info.Duration, "video": v.Duration, "audio": a.Duration} {
		if d := got - want; d < -frame || d > frame {
			t.Errorf("%s lasts %v, want %v", what, got, want)
		}
	}
	if d := a.Duration - v.Duration; d < -frame || d > frame {
		t.Errorf("audio %v, video %v", a.Duration, v.Duration)
	}
	// The third scene's voice starts with its scene, after the held second scene: the
	// sound is silent from the second narration's end to the third scene's lead-in, and
	// speaks in both narrations.
	start2 := spans[2].Start
	for _, c := range []struct {
		from, to time.Duration
		loud     bool
	}{
		{spans[1].Start + LeadIn, spans[1].Start + LeadIn + 300*time.Millisecond, true},
		{spans[1].Start + frameTime(natural, 30), start2 + LeadIn - 50*time.Millisecond, false},
		{start2 + LeadIn + 50*time.Millisecond, start2 + LeadIn + 400*time.Millisecond, true},
	} {
		if rms := audioRMS(t, res.VideoPath, c.from, c.to); (rms > 0.01) != c.loud {
			t.Errorf("sound from %v to %v: RMS %.4f, want loud %v", c.from, c.to, rms, c.loud)
		}
	}
	// The held frames show the scene's last picture: its slide as at the narration's end.
	decodeFrames(t, res.VideoPath, 1280, 720, []int{spans[1].First + natural - 1, spans[1].First + 130}, func() func(int, *image.RGBA) {
		var first *image.RGBA
		return func(k int, img *image.RGBA) {
			if k == 0 {
				first = img
				return
			}
			cards, _ := r.CardRects(sb, 1)
			if mean, _ := imageDiff(sub(img, cards[0]), sub(first, cards[0])); mean > 1 {
				t.Errorf("the held slide changed: mean difference %.2f", mean)
			}
		}
	}())
}

// sub is the part r of img, as an image of its own at the origin.
func sub(img *image.RGBA, r image.Rectangle) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:], img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):img.PixOffset(r.Max.X, r.Min.Y+y)])
	}
	return out
}

// audioRMS is the RMS level (0-1) of the sound of the video at path from `from` to `to`.
func audioRMS(t *testing.T, path string, from, to time.Duration) float64 {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-nostdin", "-i", path, "-ss", fmt.Sprintf("%.3f", from.Seconds()),
		"-t", fmt.Sprintf("%.3f", (to-from).Seconds()), "-vn", "-ac", "1", "-ar", "48000", "-f", "s16le", "pipe:1").Output()
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	n := len(out) / 2
	for i := 0; i < n; i++ {
		s := float64(int16(uint16(out[2*i])|uint16(out[2*i+1])<<8)) / 32768
		sum += s * s
	}
	if n == 0 {
		t.Fatalf("no sound from %v to %v", from, to)
	}
	return math.Sqrt(sum / float64(n))
}

// testPage is a document's title page, 850x1100: white, a title and a subtitle at the top,
// a short paragraph, and far below them a page number.
func testPage() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 850, 1100))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	ink := color.RGBA{30, 30, 40, 255}
	bar := func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				img.SetRGBA(x, y, ink)
			}
		}
	}
	bar(100, 120, 600, 160) // title
	bar(100, 180, 400, 195) // subtitle
	for l := 0; l < 5; l++ {
		bar(100, 260+18*l, 750-(l%3)*40, 268+18*l)
	}
	bar(410, 1020, 440, 1030) // page number
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// A page is shown whole, without its margins and its page number, at the panel's aspect
// ratio; a photo is shown as it is. Under the old framing (the page covering the panel,
// its middle band of blank paper showing) the page's card was blank below its title.
func TestFramePicture(t *testing.T) {
	page, err := png.Decode(bytes.NewReader(testPage()))
	if err != nil {
		t.Fatal(err)
	}
	photo, _ := png.Decode(bytes.NewReader(testPhoto()))
	if got := framePicture(photo, image.Pt(800, 450)); got != photo {
		t.Error("a photo was reframed")
	}
	ink := func(img image.Image) (n int, box image.Rectangle) {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
					n++
					box = box.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		return n, box
	}
	for _, panel := range []image.Point{{800, 450}, {600, 900}, {500, 500}} {
		got := framePicture(page, panel)
		b := got.Bounds()
		if d := b.Dx()*panel.Y - b.Dy()*panel.X; d < -panel.X || d > panel.X {
			t.Errorf("panel %v: framed %v, not at its aspect ratio", panel, b)
		}
		n, box := ink(got)
		if want := 500*40 + 300*15 + 8*(650+610+570+650+610); n != want {
			t.Errorf("panel %v: %d ink pixels, want %d (the title, subtitle and paragraph, no page number)", panel, n, want)
		}
		// The content fills the framed picture across its narrower side, with a margin.
		if box.Dx()*100 < b.Dx()*70 && box.Dy()*100 < b.Dy()*70 {
			t.Errorf("panel %v: content %v in %v", panel, box, b)
		}
	}

	// In a rendered card, the page fills the card.
	r := New(Options{Assets: memAssets{"page": testPage()}, NoGIF: true})
	sb := &videoagent.Storyboard{Version: 1, Title: "The report", AspectRatio: "16:9", Resolution: "720p", FPS: 30,
		Scenes: []videoagent.Scene{{ID: "p", Layout: videoagent.LayoutSlide, Duration: 1,
			Visual: videoagent.Visual{Kind: videoagent.VisualImage, Title: "Annual report 2024", AssetID: "page"}}}}
	res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	cards, err := r.CardRects(sb, 0)
	if err != nil || len(cards) != 1 {
		t.Fatalf("cards %v %v", cards, err)
	}
	decodeFrames(t, res.VideoPath, 1280, 720, []int{28}, func(_ int, img *image.RGBA) {
		if m := rendertest.Measure(img, cards[0]); m.Largest > rendertest.MaxBlank {
			t.Errorf("the page's card: %v", m)
		}
		// The page as it was shown before, covering its panel: mostly blank paper.
		sc := &sceneLayout{w: 1280, h: 720, style: DefaultStyle(), base: newCanvas(1280, 720)}
		fillRect(sc.base, sc.base.Rect, DefaultStyle().Palette.Surface)
		kb := newKenBurns(page, cards[0], nil)
		kb.at(1)
		kb.paint(sc.base, kb.rect)
		if m := rendertest.Measure(sc.base, cards[0]); m.Largest <= rendertest.MaxBlank {
			t.Errorf("the page covering its panel passes: %v", m)
		}
	})
}
