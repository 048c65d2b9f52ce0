package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// memAssets serves generated images by ID.
type memAssets map[string][]byte

func (m memAssets) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	b, ok := m[id]
	if !ok {
		return nil, videoagent.Errorf(videoagent.ENOTFOUND, "no asset %q", id)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// testPhoto is a 1200x800 PNG: a sky gradient, a sun and two hills.
func testPhoto() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for y := 0; y < 800; y++ {
		for x := 0; x < 1200; x++ {
			c := color.RGBA{uint8(120 + y/8), uint8(170 + y/12), 235, 255}
			dx, dy := x-850, y-250
			if dx*dx+dy*dy < 90*90 {
				c = color.RGBA{250, 200, 80, 255}
			}
			if y > 520+int(60*sinApprox(float64(x)/180)) {
				c = color.RGBA{70, 140, 90, 255}
			}
			if y > 640+int(30*sinApprox(float64(x)/90+1)) {
				c = color.RGBA{45, 105, 70, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func sinApprox(x float64) float64 {
	for x > 3.14159 {
		x -= 2 * 3.14159
	}
	return x * (1 - x*x/6 + x*x*x*x/120)
}

func showcaseStoryboard(aspect string) *videoagent.Storyboard {
	sb := demoStoryboard(aspect, "720p")
	sb.Scenes = append(sb.Scenes,
		videoagent.Scene{ID: "stat", Layout: videoagent.LayoutPresenterRight, Narration: "Teams that switched saved six hours every week.",
			Visual: videoagent.Visual{Kind: videoagent.VisualStat, Title: "Time saved", Text: "6 hrs", Caption: "per person, every week"}},
		videoagent.Scene{ID: "quote", Layout: videoagent.LayoutSlide, Narration: "As one customer put it, we stopped talking about the plan and started doing it.",
			Visual: videoagent.Visual{Kind: videoagent.VisualQuote, Text: "We stopped talking about the plan and started doing it.", Caption: "Dana Kim, Head of Operations"}},
		videoagent.Scene{ID: "photo", Layout: videoagent.LayoutSlideBubble, Narration: "Here is the view from the new dashboard.",
			Visual: videoagent.Visual{Kind: videoagent.VisualImage, Title: "Your week at a glance", AssetID: "photo"}},
		videoagent.Scene{ID: "chart", Layout: videoagent.LayoutPresenterLeft, Narration: "Adoption grew fastest in Europe.",
			Visual: videoagent.Visual{Kind: videoagent.VisualChart, Title: "Adoption by region", Bullets: []string{"Europe: 48%", "North America: 31%", "Asia Pacific: 21%"}}},
		videoagent.Scene{ID: "host", Layout: videoagent.LayoutPresenter, Narration: "I'm Alex, and I'll show you around.",
			Visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: "Alex Rivera", Subtitle: "Product lead, Flow"}},
		videoagent.Scene{ID: "video", Layout: videoagent.LayoutSlide, Narration: "",
			Visual: videoagent.Visual{Kind: videoagent.VisualVideo, Title: "Watch the demo", Caption: "Two-minute product tour"}},
	)
	return sb
}

// TestShowcase renders every layout in every aspect ratio and writes contact sheets, for
// looking at: OVA_SHOWCASE=/some/dir go test ./render -run Showcase
func TestShowcase(t *testing.T) {
	dir := os.Getenv("OVA_SHOWCASE")
	if dir == "" {
		t.Skip("set OVA_SHOWCASE to a directory to render the showcase")
	}
	for _, aspect := range []string{"16:9", "9:16", "1:1"} {
		sb := showcaseStoryboard(aspect)
		ns := narrationsFor(sb)
		out := filepath.Join(dir, strings.ReplaceAll(aspect, ":", "x"))
		r := New(Options{Presenters: &fakePresenters{}, Assets: memAssets{"photo": testPhoto()}})
		res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: out})
		if err != nil {
			t.Fatal(err)
		}
		// One frame near the end of each scene.
		var args []string
		start := 0
		var inputs []string
		for i, n := range ns {
			f, _ := sceneFrames(n, 30)
			at := frameTime(start+f-8, 30)
			png := filepath.Join(out, fmt.Sprintf("scene%d.png", i))
			if b, err := exec.Command("ffmpeg", "-v", "error", "-y", "-ss", fmt.Sprintf("%.3f", at.Seconds()), "-i", res.VideoPath, "-frames:v", "1", png).CombinedOutput(); err != nil {
				t.Fatalf("%v %s", err, b)
			}
			inputs = append(inputs, png)
			start += f
		}
		cols := 3
		if aspect == "9:16" {
			cols = 5
		}
		for _, in := range inputs {
			args = append(args, "-i", in)
		}
		layout := []string{}
		W, H, _ := videoagent.FrameSize(aspect, "720p")
		for i := range inputs {
			layout = append(layout, fmt.Sprintf("%d_%d", (i%cols)*W, (i/cols)*H))
		}
		args = append(args, "-filter_complex", fmt.Sprintf("xstack=inputs=%d:layout=%s:fill=black,scale=iw/2:-2", len(inputs), strings.Join(layout, "|")), "-y", filepath.Join(dir, "sheet-"+strings.ReplaceAll(aspect, ":", "x")+".png"))
		if b, err := exec.Command("ffmpeg", append([]string{"-v", "error"}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("%v %s", err, b)
		}
	}
}
