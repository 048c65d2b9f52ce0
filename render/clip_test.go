package render

import (
	"context"
	"image"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// rgbaInto agrees with the plain floating-point BT.709 conversion (toRGBA) within one
// level, over random frames and regions.
func TestRGBAIntoMatchesFloat(t *testing.T) {
	rnd := rand.New(rand.NewSource(9))
	f := newI420(64, 36)
	rnd.Read(f.buf)
	want := f.toRGBA()
	got := image.NewRGBA(want.Rect)
	for _, r := range []image.Rectangle{want.Rect, image.Rect(3, 5, 17, 30)} {
		f.rgbaInto(got, r)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				o := got.PixOffset(x, y)
				for c := 0; c < 4; c++ {
					if d := int(got.Pix[o+c]) - int(want.Pix[o+c]); d < -1 || d > 1 {
						t.Fatalf("(%d,%d) channel %d: %d, want %d", x, y, c, got.Pix[o+c], want.Pix[o+c])
					}
				}
			}
		}
	}
}

// testClipFile writes a 2 s 320x240 clip of ffmpeg's lavfi source src (a test pattern, a
// colour) made with ffmpeg's extra arguments.
func testClipFile(t *testing.T, name, src string, args ...string) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	opts := "=size=320x240:rate=30:duration=2"
	if strings.Contains(src, "=") {
		opts = ":" + opts[1:]
	}
	cmd := append([]string{"-hide_banner", "-v", "error", "-f", "lavfi", "-i", src + opts}, args...)
	if out, err := exec.Command("ffmpeg", append(cmd, p)...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An opaque clip is decoded to I420 and copied straight into the frame where its panel
// shows alone, and converted to RGBA where it is blended (rounded corners, a caption over
// it); the frame is what decoding it to RGBA and blending it everywhere gives, whatever
// colours the clip says it holds (BT.709, untagged BT.601, full range): within 2 levels for
// a flat colour, and on average for a test pattern, whose sharp edges the two ways scale
// differently (the chroma planes scaled as they are, or upsampled, converted, scaled and
// averaged again). A clip with alpha is still decoded to RGBA and blended.
func TestClipPanelI420(t *testing.T) {
	const bt709 = "scale=out_color_matrix=bt709:out_range=tv"
	tags := []string{"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"}
	x264 := []string{"-c:v", "libx264", "-qp", "0"}
	clips := []struct {
		name, file, src string
		args            []string
		alpha           bool
	}{
		{"flat bt709", "a.mp4", "color=c=0x3366CC", append(append([]string{"-vf", bt709, "-pix_fmt", "yuv420p"}, tags...), x264...), false},
		{"flat untagged", "b.mp4", "color=c=0xE0A030", append([]string{"-pix_fmt", "yuv420p"}, x264...), false},
		{"flat full range", "c.mp4", "color=c=0x30B060", append([]string{"-pix_fmt", "yuvj420p"}, x264...), false},
		{"pattern bt709", "d.mp4", "testsrc2", append(append([]string{"-vf", bt709, "-pix_fmt", "yuv420p"}, tags...), x264...), false},
		{"pattern untagged", "e.mp4", "testsrc2", append([]string{"-pix_fmt", "yuv420p"}, x264...), false},
		{"pattern with alpha", "f.mov", "testsrc2", []string{"-vf", "format=rgba", "-c:v", "png"}, true},
	}
	ctx := context.Background()
	const W, H = 640, 360
	base := newCanvas(W, H)
	fillRect(base, base.Rect, rgb(0xF4EFE6))
	caption := newCanvas(200, 40)
	fillMask(caption, roundRectMask(200, 40, 10), image.Point{}, withAlpha(rgb(0x202030), 0.8))
	for _, c := range clips {
		r := New(Options{Assets: memAssets{"clip": testClipFile(t, c.file, c.src, c.args...)}})
		clip, err := r.openClip(ctx, "clip")
		if err != nil {
			t.Fatal(err)
		}
		defer clip.close()
		if clip.alpha != c.alpha {
			t.Fatalf("%s: alpha %v, want %v", c.name, clip.alpha, c.alpha)
		}
		panel := innerEven(image.Rect(33, 21, 601, 341))
		v := newVideoPanel(clip, r.opt.FFmpeg, panel, 24)
		blended := *clip
		blended.alpha = true // the reference: decoded to RGBA and blended everywhere
		ref := newVideoPanel(&blended, r.opt.FFmpeg, panel, 24)
		v.fps, ref.fps = 30, 30
		comp, want := newCompositor(base), newCompositor(base)
		for i := 0; i < 40; i += 13 {
			if err := v.frame(ctx, i); err != nil {
				t.Fatal(err)
			}
			if err := ref.frame(ctx, i); err != nil {
				t.Fatal(err)
			}
			at := image.Pt(60+3*i, 270)
			capOp := op{key: 2, img: caption, off: at, rect: caption.Rect.Add(at), alpha: 255}
			comp.compose([]op{v.op(1, i), capOp})
			want.compose([]op{ref.op(1, i), capOp})
			if direct := len(comp.direct) > 0; direct == c.alpha {
				t.Fatalf("%s, frame %d: painted straight into I420 %v, want %v", c.name, i, direct, !c.alpha)
			}
			cr := image.Rect(panel.Min.X/2, panel.Min.Y/2, panel.Max.X/2, panel.Max.Y/2)
			for _, p := range []struct {
				name       string
				got, want  []byte
				stride     int
				r          image.Rectangle
				mean, most float64
			}{
				{"Y", comp.yuv.y, want.yuv.y, W, panel, 1, 255},
				{"U", comp.yuv.u, want.yuv.u, W / 2, cr, 2.5, 255},
				{"V", comp.yuv.v, want.yuv.v, W / 2, cr, 2.5, 255},
			} {
				if c.src != "testsrc2" {
					p.most = 2
					p.r = innerEven(v.solid).Intersect(p.r) // under the caption, the two blend alike
					if p.name != "Y" {
						p.r = image.Rect(p.r.Min.X/2, p.r.Min.Y/2, p.r.Max.X/2, p.r.Max.Y/2)
					}
				}
				sum, most := 0.0, 0.0
				for y := p.r.Min.Y; y < p.r.Max.Y; y++ {
					for x := p.r.Min.X; x < p.r.Max.X; x++ {
						d := float64(p.got[y*p.stride+x]) - float64(p.want[y*p.stride+x])
						sum, most = sum+max(d, -d), max(most, d, -d)
					}
				}
				if mean := sum / float64(p.r.Dx()*p.r.Dy()); mean > p.mean || most > p.most {
					t.Errorf("%s, frame %d, %s: differs from the clip blended in RGBA by %.2f on average, %.0f at most; want at most %.1f, %.0f",
						c.name, i, p.name, mean, most, p.mean, p.most)
				}
			}
			// The frame in RGBA (for a thumbnail) is the blended one, up to rounding.
			got, w := comp.rgba(), want.rgba()
			sum := 0
			for k := range got.Pix {
				sum += max(int(got.Pix[k])-int(w.Pix[k]), int(w.Pix[k])-int(got.Pix[k]))
			}
			if mean := float64(sum) / float64(len(got.Pix)); mean > 1.5 {
				t.Errorf("%s, frame %d: the RGBA frame differs from the blended one by %.2f on average", c.name, i, mean)
			}
		}
		v.close()
		ref.close()
	}
}
