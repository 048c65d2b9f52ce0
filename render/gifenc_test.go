package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// gifEncCase is a test animation: n frames of w x h drawn by draw; the least PSNR (dB,
// over RGB against the source) a frame of our GIF must reach; the most of the picture
// the rectangles of frames after the first may cover, together; and whether some
// frames are the same as the one before (so are written as a 1x1 transparent frame).
type gifEncCase struct {
	name     string
	w, h, n  int
	draw     func(img *image.RGBA, i int)
	minPSNR  float64
	maxCover float64
	repeats  bool
}

// gifEncCases are the animations the tests encode: a slide (gradient, shapes, text, a
// moving square, a region changing colour) in landscape and portrait, a slide of few
// colours with pauses (frames identical to the one before), a presenter over a still
// slide, a pan where every pixel changes, a 2x2 animation and a single frame.
func gifEncCases() []gifEncCase {
	return []gifEncCase{
		{"slide", 480, 270, 30, gifEncSlide, 34, 0.10, false},
		{"portrait", 270, 480, 30, gifEncSlide, 34, 0.15, false},
		{"flat", 480, 270, 30, gifEncFlat, 45, 0.05, true},
		{"presenter", 480, 270, 30, gifEncPresenter, 34, 0.15, false},
		{"pan", 480, 270, 30, gifEncPan, 35, 1, false},
		{"tiny", 2, 2, 6, gifEncTiny, 45, 1, true},
		{"single", 480, 270, 1, gifEncSlide, 35, 1, false},
	}
}

// gifEncFill fills r of img with c.
func gifEncFill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

// gifEncDisc draws an antialiased disc of c centred on cx, cy.
func gifEncDisc(img *image.RGBA, cx, cy, rad float64, c color.RGBA) {
	r := image.Rect(int(cx-rad-1), int(cy-rad-1), int(cx+rad+2), int(cy+rad+2)).Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			a := min(max(rad+0.5-math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy), 0), 1)
			if a == 0 {
				continue
			}
			o := img.PixOffset(x, y)
			p := img.Pix[o : o+3]
			for k, v := range []uint8{c.R, c.G, c.B} {
				p[k] = uint8(math.Round(float64(p[k])*(1-a) + float64(v)*a))
			}
		}
	}
}

// gifEncText draws text-like lines of c, thin words of varied widths, in r.
func gifEncText(img *image.RGBA, r image.Rectangle, c color.RGBA, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	for y := r.Min.Y; y+2 <= r.Max.Y; y += 8 {
		for x := r.Min.X; ; {
			wd := 6 + rng.Intn(26)
			if x+wd > r.Max.X {
				break
			}
			gifEncFill(img, image.Rect(x, y, x+wd, y+2), c)
			// Ascenders: a pixel column here and there, like letters.
			for k := x + 2; k < x+wd; k += 5 + rng.Intn(4) {
				gifEncFill(img, image.Rect(k, y-2, k+1, y), c)
			}
			x += wd + 5
		}
	}
}

// gifEncAt is the point at fractions fx, fy of img.
func gifEncAt(img *image.RGBA, fx, fy float64) (int, int) {
	return int(fx * float64(img.Rect.Dx())), int(fy * float64(img.Rect.Dy()))
}

// gifEncRect is the rectangle between fractions of img.
func gifEncRect(img *image.RGBA, fx0, fy0, fx1, fy1 float64) image.Rectangle {
	x0, y0 := gifEncAt(img, fx0, fy0)
	x1, y1 := gifEncAt(img, fx1, fy1)
	return image.Rect(x0, y0, x1, y1)
}

// gifEncStill draws the parts of a slide that do not move: a gradient background
// shifted by pan pixels, a title bar with text, a light panel of text and a disc.
func gifEncStill(img *image.RGBA, pan int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x+pan)/float64(w), float64(y)/float64(h)
			img.SetRGBA(x, y, color.RGBA{uint8(40 + 160*fx), uint8(60 + 120*fy), uint8(170 - 100*fx + 50*fy), 255})
		}
	}
	title := gifEncRect(img, 0, 0, 1, 0.12)
	title = title.Add(image.Pt(-pan, 0))
	gifEncFill(img, title, color.RGBA{20, 30, 70, 255})
	gifEncText(img, image.Rect(title.Min.X+12, title.Min.Y+title.Dy()/2-1, title.Max.X-w/3, title.Max.Y), color.RGBA{250, 250, 250, 255}, 1)
	panel := gifEncRect(img, 0.06, 0.2, 0.55, 0.85).Add(image.Pt(-pan, 0))
	gifEncFill(img, panel, color.RGBA{242, 240, 232, 255})
	gifEncText(img, panel.Inset(10), color.RGBA{35, 35, 40, 255}, 2)
	cx, cy := gifEncAt(img, 0.8, 0.3)
	gifEncDisc(img, float64(cx-pan), float64(cy), float64(min(w, h))/10, color.RGBA{240, 140, 30, 255})
}

// gifEncColours are the colours the changing region of gifEncSlide cycles through.
var gifEncColours = []color.RGBA{{220, 50, 50, 255}, {50, 180, 70, 255}, {40, 90, 220, 255}, {230, 200, 40, 255}, {160, 60, 200, 255}}

// gifEncSlide draws frame i of a slide: gifEncStill, a square moving 3 pixels a frame
// and a region changing colour every frame.
func gifEncSlide(img *image.RGBA, i int) {
	gifEncStill(img, 0)
	x, y := gifEncAt(img, 0.6, 0.6)
	gifEncFill(img, image.Rect(x+3*i, y+i, x+3*i+24, y+i+24), color.RGBA{200, 30, 60, 255})
	gifEncFill(img, gifEncRect(img, 0.65, 0.15, 0.72, 0.25), gifEncColours[i%len(gifEncColours)])
}

// gifEncFlat draws frame i of a slide of few colours, whose square moves on odd frames
// and whose region changes colour every third: some frames are the same as the one
// before.
func gifEncFlat(img *image.RGBA, i int) {
	gifEncFill(img, img.Rect, color.RGBA{245, 245, 240, 255})
	gifEncFill(img, gifEncRect(img, 0, 0, 1, 0.12), color.RGBA{20, 30, 70, 255})
	gifEncText(img, gifEncRect(img, 0.05, 0.2, 0.55, 0.9), color.RGBA{35, 35, 40, 255}, 3)
	x, y := gifEncAt(img, 0.6, 0.5)
	gifEncFill(img, image.Rect(x+4*((i+1)/2), y, x+4*((i+1)/2)+30, y+30), color.RGBA{200, 30, 60, 255})
	gifEncFill(img, gifEncRect(img, 0.7, 0.2, 0.9, 0.35), gifEncColours[(i/3)%len(gifEncColours)])
}

// gifEncPresenter draws frame i of a presenter over a still slide: only the presenter's
// box, in the lower right corner, changes (the head sways, the mouth moves).
func gifEncPresenter(img *image.RGBA, i int) {
	gifEncStill(img, 0)
	box := gifEncRect(img, 0.72, 0.42, 0.97, 0.97)
	for y := box.Min.Y; y < box.Max.Y; y++ { // a dim backdrop, lit from the top
		v := uint8(90 - 40*(y-box.Min.Y)/box.Dy())
		gifEncFill(img, image.Rect(box.Min.X, y, box.Max.X, y+1), color.RGBA{v, v + 10, v + 20, 255})
	}
	t := float64(i)
	cx := float64(box.Min.X+box.Dx()/2) + 3*math.Sin(t*0.7)
	cy := float64(box.Min.Y+box.Dy()*2/5) + math.Sin(t*0.5)
	gifEncDisc(img, cx, float64(box.Max.Y)+float64(box.Dy())/6, float64(box.Dx())*0.45, color.RGBA{30, 50, 110, 255})
	gifEncDisc(img, cx, cy, float64(box.Dx())*0.22, color.RGBA{225, 180, 150, 255})
	gifEncDisc(img, cx-8, cy-4, 2.5, color.RGBA{40, 30, 30, 255})
	gifEncDisc(img, cx+8, cy-4, 2.5, color.RGBA{40, 30, 30, 255})
	m := (i * 7) % 5
	gifEncFill(img, image.Rect(int(cx)-6, int(cy)+9, int(cx)+6, int(cy)+10+m), color.RGBA{150, 60, 60, 255})
}

// gifEncPan draws frame i of a slow pan: every pixel changes every frame.
func gifEncPan(img *image.RGBA, i int) {
	gifEncStill(img, 2*i)
}

// gifEncTiny draws frame i of a 2x2 animation, of one colour changing every other frame.
func gifEncTiny(img *image.RGBA, i int) {
	gifEncFill(img, img.Rect, gifEncColours[(i/2)%len(gifEncColours)])
}

// gifEncFrames draws c's frames and converts them to I420.
func gifEncFrames(c gifEncCase) ([]*image.RGBA, []*i420) {
	srcs := make([]*image.RGBA, c.n)
	frames := make([]*i420, c.n)
	for i := range srcs {
		srcs[i] = image.NewRGBA(image.Rect(0, 0, c.w, c.h))
		c.draw(srcs[i], i)
		frames[i] = newI420(c.w, c.h)
		frames[i].convert(srcs[i], srcs[i].Rect)
	}
	return srcs, frames
}

// gifEncFFmpegGIF makes the GIF of frames with ffmpeg's command (the renderer's before
// writeGIF) into out and returns the CPU time ffmpeg took.
func gifEncFFmpegGIF(tb testing.TB, frames []*i420, out string) time.Duration {
	return gifEncFFmpegGIFWith(tb, frames, out, "")
}

// gifEncFFmpegGIFWith is gifEncFFmpegGIF with the filters pre put before the command's.
func gifEncFFmpegGIFWith(tb testing.TB, frames []*i420, out, pre string) time.Duration {
	tb.Helper()
	w, h := frames[0].w, frames[0].h
	yuv := out + ".yuv"
	var all []byte
	for _, f := range frames {
		all = append(all, f.buf...)
	}
	if err := os.WriteFile(yuv, all, 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y",
		"-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", fmt.Sprintf("%dx%d", w, h), "-framerate", "10", "-i", yuv,
		"-vf", pre+"fps=10,split[a][b];[a]palettegen=max_colors=128:stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle",
		"-loop", "0", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("ffmpeg: %v: %s", err, msg)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// gifEncProbe checks with ffprobe that path is a GIF of w x h and n frames.
func gifEncProbe(t *testing.T, path string, w, h, n int) {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
		"-show_entries", "stream=width,height,nb_read_frames,codec_name", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	var probe struct {
		Streams []struct {
			CodecName    string `json:"codec_name"`
			Width        int    `json:"width"`
			Height       int    `json:"height"`
			NbReadFrames string `json:"nb_read_frames"`
		} `json:"streams"`
	}
	if err := json.Unmarshal(out, &probe); err != nil || len(probe.Streams) != 1 {
		t.Fatalf("ffprobe said %s (%v)", out, err)
	}
	s := probe.Streams[0]
	if got, _ := strconv.Atoi(s.NbReadFrames); s.CodecName != "gif" || s.Width != w || s.Height != h || got != n {
		t.Errorf("ffprobe: %s %dx%d, %s frames; want gif %dx%d, %d frames", s.CodecName, s.Width, s.Height, s.NbReadFrames, w, h, n)
	}
}

// gifEncDecode decodes every frame of the GIF at path to RGB with ffmpeg.
func gifEncDecode(t *testing.T, path string, w, h int) [][]byte {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-i", path,
		"-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1").Output()
	if err != nil {
		t.Fatalf("ffmpeg decode of %s: %v", path, err)
	}
	size := 3 * w * h
	if len(out)%size != 0 {
		t.Fatalf("ffmpeg decoded %d bytes, not whole %dx%d frames", len(out), w, h)
	}
	var frames [][]byte
	for ; len(out) > 0; out = out[size:] {
		frames = append(frames, out[:size])
	}
	return frames
}

// gifEncComposite composites the frames of g (disposal none, with transparency) into
// the RGB pictures a viewer shows.
func gifEncComposite(g *gif.GIF) [][]byte {
	w, h := g.Config.Width, g.Config.Height
	canvas := make([]byte, 3*w*h)
	var out [][]byte
	for _, m := range g.Image {
		for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
			for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
				r, gg, b, a := m.Palette[m.ColorIndexAt(x, y)].RGBA()
				if a == 0 {
					continue
				}
				copy(canvas[3*(y*w+x):], []byte{uint8(r >> 8), uint8(gg >> 8), uint8(b >> 8)})
			}
		}
		out = append(out, bytes.Clone(canvas))
	}
	return out
}

// gifEncPSNR is the PSNR (dB) of the RGB picture rgb against src, 99 when equal.
func gifEncPSNR(src *image.RGBA, rgb []byte) float64 {
	var se float64
	w, h := src.Rect.Dx(), src.Rect.Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := src.Pix[src.PixOffset(x, y):]
			for k := 0; k < 3; k++ {
				d := float64(p[k]) - float64(rgb[3*(y*w+x)+k])
				se += d * d
			}
		}
	}
	if se == 0 {
		return 99
	}
	return 10 * math.Log10(255*255/(se/float64(3*w*h)))
}

// gifEncStats is the least and mean PSNR of decoded frames against srcs.
func gifEncStats(srcs []*image.RGBA, rgb [][]byte) (least, mean float64) {
	least = math.Inf(1)
	for i, s := range srcs {
		p := gifEncPSNR(s, rgb[i])
		least = min(least, p)
		mean += p / float64(len(srcs))
	}
	return least, mean
}

// gifEncI420RGB converts f to RGB as writeGIF does, without palette or dither: the best
// a GIF of f can do.
func gifEncI420RGB(f *i420) []byte {
	out := make([]byte, 3*f.w*f.h)
	for y := 0; y < f.h; y++ {
		for x := 0; x < f.w; x++ {
			c := (y/2)*(f.w/2) + x/2
			rv, guv, bu := gifChroma(f.u[c], f.v[c])
			r, g, b := gifRGB(f.y[y*f.w+x], rv, guv, bu)
			copy(out[3*(y*f.w+x):], []byte{uint8(r), uint8(g), uint8(b)})
		}
	}
	return out
}

// TestGIFEnc encodes each case with writeGIF and checks the file with ffprobe, ffmpeg's
// decode and Go's, and its quality against the sources and against ffmpeg's own GIF of
// the same frames.
func TestGIFEnc(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("no ffmpeg")
	}
	for _, c := range gifEncCases() {
		t.Run(c.name, func(t *testing.T) {
			srcs, frames := gifEncFrames(c)
			dir := t.TempDir()
			ours := filepath.Join(dir, "ours.gif")
			var buf bytes.Buffer
			if err := writeGIF(&buf, frames, c.w, c.h, 100*time.Millisecond); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(ours, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			gifEncProbe(t, ours, c.w, c.h, c.n)
			rgb := gifEncDecode(t, ours, c.w, c.h)
			if len(rgb) != c.n {
				t.Fatalf("ffmpeg decoded %d frames, want %d", len(rgb), c.n)
			}

			// Go's decoder: frame count, timing, looping, palette, and the pictures
			// composited from the frames' rectangles and transparency are ffmpeg's.
			g, err := gif.DecodeAll(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			loop := 0
			if c.n == 1 {
				loop = -1 // image/gif writes no loop extension for a single frame
			}
			if len(g.Image) != c.n || g.LoopCount != loop || g.Config.Width != c.w || g.Config.Height != c.h {
				t.Fatalf("decoded %d frames %dx%d, loop count %d; want %d %dx%d, %d", len(g.Image), g.Config.Width, g.Config.Height, g.LoopCount, c.n, c.w, c.h, loop)
			}
			if pal, ok := g.Config.ColorModel.(color.Palette); !ok || len(pal) > 128 {
				t.Errorf("global palette %T of %d colours", g.Config.ColorModel, len(pal))
			}
			area, empty := 0, 0
			for i, m := range g.Image {
				if g.Delay[i] != 10 || g.Disposal[i] != gif.DisposalNone {
					t.Errorf("frame %d: delay %d, disposal %d; want 10, %d", i, g.Delay[i], g.Disposal[i], gif.DisposalNone)
				}
				if i > 0 {
					area += m.Rect.Dx() * m.Rect.Dy()
					if m.Rect.Dx() == 1 && m.Rect.Dy() == 1 && c.w*c.h > 1 {
						if _, _, _, a := m.Palette[m.Pix[0]].RGBA(); a == 0 {
							empty++
						}
					}
				}
			}
			cover := float64(area) / float64(max(1, (c.n-1)*c.w*c.h))
			if cover > c.maxCover {
				t.Errorf("frames after the first cover %.1f%% of theirs, want <= %.0f%%", 100*cover, 100*c.maxCover)
			}
			if c.repeats != (empty > 0) {
				t.Errorf("%d 1x1 transparent frames (repeated frames: %v)", empty, c.repeats)
			}
			comp := gifEncComposite(g)
			for i := range comp {
				if !bytes.Equal(comp[i], rgb[i]) {
					t.Errorf("frame %d: Go's composite differs from ffmpeg's decode", i)
				}
			}

			// Quality, against ffmpeg's GIF of the same frames: by the renderer's command,
			// and with the input tagged BT.709 (the command leaves it untagged, so that
			// ffmpeg converts it to RGB as BT.601, which costs it 3-4 dB here; tagged, the
			// comparison is of palette and dither alone).
			least, mean := gifEncStats(srcs, rgb)
			t.Logf("%s %dx%d x%d: ours: PSNR min/mean %.2f/%.2f dB, %d B; frames after the first cover %.1f%% of the picture",
				c.name, c.w, c.h, c.n, least, mean, buf.Len(), 100*cover)
			if least < c.minPSNR {
				t.Errorf("least PSNR %.2f dB, want >= %.1f", least, c.minPSNR)
			}
			for _, ref := range []struct{ name, pre string }{{"ffmpeg", ""}, {"ffmpeg-bt709", "setparams=colorspace=bt709:range=tv,"}} {
				path := filepath.Join(dir, ref.name+".gif")
				gifEncFFmpegGIFWith(t, frames, path, ref.pre)
				refRGB := gifEncDecode(t, path, c.w, c.h)
				if len(refRGB) != c.n {
					t.Fatalf("%s's GIF has %d frames, want %d", ref.name, len(refRGB), c.n)
				}
				st, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				refLeast, refMean := gifEncStats(srcs, refRGB)
				t.Logf("%s %dx%d x%d: %s: PSNR min/mean %.2f/%.2f dB, %d B", c.name, c.w, c.h, c.n, ref.name, refLeast, refMean, st.Size())
				if least < refLeast-1.5 || mean < refMean-1.5 {
					t.Errorf("PSNR min/mean %.2f/%.2f dB, more than 1.5 dB under %s's %.2f/%.2f", least, mean, ref.name, refLeast, refMean)
				}
			}
			best := make([][]byte, c.n)
			for i, f := range frames {
				best[i] = gifEncI420RGB(f)
			}
			bestLeast, bestMean := gifEncStats(srcs, best)
			t.Logf("%s %dx%d x%d: the I420 frames in RGB, before palette: PSNR min/mean %.2f/%.2f dB", c.name, c.w, c.h, c.n, bestLeast, bestMean)
		})
	}
}

// TestGIFEncExactColours checks that frames of fewer colours than the palette holds
// come out exactly as their I420 converted to RGB: the palette is their colours and the
// dither moves no pixel off its own.
func TestGIFEncExactColours(t *testing.T) {
	cols := []color.RGBA{{245, 245, 240, 255}, {20, 30, 70, 255}, {200, 30, 60, 255}, {50, 180, 70, 255}, {40, 90, 220, 255}, {0, 0, 0, 255}, {255, 255, 255, 255}}
	var frames []*i420
	for i := 0; i < 5; i++ {
		img := image.NewRGBA(image.Rect(0, 0, 64, 48))
		gifEncFill(img, img.Rect, cols[0])
		for k, c := range cols[1:] { // blocks on even coordinates: their chroma is exact
			gifEncFill(img, image.Rect(8*k+2*i, 4*k, 8*k+2*i+8, 4*k+10), c)
		}
		f := newI420(64, 48)
		f.convert(img, img.Rect)
		frames = append(frames, f)
	}
	var buf bytes.Buffer
	if err := writeGIF(&buf, frames, 64, 48, 100*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if pal := g.Config.ColorModel.(color.Palette); len(pal) != len(cols)+1 {
		t.Errorf("palette of %d colours, want %d and the transparent one", len(pal), len(cols))
	}
	for i, got := range gifEncComposite(g) {
		if want := gifEncI420RGB(frames[i]); !bytes.Equal(got, want) {
			t.Errorf("frame %d is not the frame's colours exactly", i)
		}
	}
}

// TestGIFEncIncremental checks that the frames a viewer composites from our GIF (the
// changed rectangles over the frames before, with transparency) are exactly each frame
// mapped whole to the palette, for every test animation: the block-wise change
// detection and the rectangles lose nothing.
func TestGIFEncIncremental(t *testing.T) {
	for _, c := range gifEncCases() {
		t.Run(c.name, func(t *testing.T) {
			_, frames := gifEncFrames(c)
			var buf bytes.Buffer
			if err := writeGIF(&buf, frames, c.w, c.h, 100*time.Millisecond); err != nil {
				t.Fatal(err)
			}
			g, err := gif.DecodeAll(&buf)
			if err != nil {
				t.Fatal(err)
			}
			pal := g.Config.ColorModel.(color.Palette)
			limit := len(pal)
			if c.n > 1 {
				limit-- // the transparent index
			}
			m := newGIFMapper(gifPalette(frames, gifDiffs(frames), limit))
			whole := gifDiffs(frames[:1])[0] // every block of a frame
			idx := make([]uint8, c.w*c.h)
			for i, got := range gifEncComposite(g) {
				m.mapFrame(idx, frames[i], whole)
				for p, k := range idx {
					r, gg, b, _ := pal[k].RGBA()
					if got[3*p] != uint8(r>>8) || got[3*p+1] != uint8(gg>>8) || got[3*p+2] != uint8(b>>8) {
						t.Fatalf("frame %d, pixel %d,%d: composite %v, frame mapped whole %v", i, p%c.w, p/c.w, got[3*p:3*p+3], pal[k])
					}
				}
			}
		})
	}
}

// TestGIFEncBlockRow checks the marks of changed 2x2 blocks against a plain comparison,
// for rows of several widths (with blocks left over after groups of 4) and changes of
// several densities.
func TestGIFEncBlockRow(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, tc := range []struct {
		w    int
		odds float64 // of a byte changing
	}{{2, 0.5}, {14, 0.1}, {16, 0.5}, {270, 0.01}, {480, 0.3}, {480, 1}} {
		a, b := newI420(tc.w, 4), newI420(tc.w, 4)
		rng.Read(a.buf)
		copy(b.buf, a.buf)
		for i := range b.buf {
			if rng.Float64() < tc.odds {
				b.buf[i]++
			}
		}
		mask := make([]uint8, tc.w/2)
		for by := 0; by < 2; by++ {
			anyChange := gifBlockRow(b, a, by, mask)
			wantAny := false
			for bx := range mask {
				var want uint8
				for k, o := range []int{2*by*tc.w + 2*bx, 2*by*tc.w + 2*bx + 1, (2*by+1)*tc.w + 2*bx, (2*by+1)*tc.w + 2*bx + 1} {
					if a.y[o] != b.y[o] {
						want |= 1 << k
					}
				}
				if c := by*tc.w/2 + bx; a.u[c] != b.u[c] || a.v[c] != b.v[c] {
					want |= 16
				}
				if anyChange && mask[bx] != want {
					t.Fatalf("width %d, block %d,%d: mask %05b, want %05b", tc.w, bx, by, mask[bx], want)
				}
				wantAny = wantAny || want != 0
			}
			if anyChange != wantAny {
				t.Fatalf("width %d, row %d: changed %v, want %v", tc.w, by, anyChange, wantAny)
			}
		}
	}
}

// TestGIFEncMaskSame checks the branchless masking of unchanged pixels against a plain
// loop, for lengths around its 8-byte steps.
func TestGIFEncMaskSame(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for _, n := range []int{0, 1, 7, 8, 9, 16, 17, 480} {
		a, b, got := make([]uint8, n), make([]uint8, n), make([]uint8, n)
		for i := range a {
			a[i] = uint8(rng.Intn(4))
			b[i] = uint8(rng.Intn(4))
		}
		gifMaskSame(got, a, b, 127)
		for i := range a {
			want := a[i]
			if a[i] == b[i] {
				want = 127
			}
			if got[i] != want {
				t.Fatalf("length %d, byte %d: %d, want %d (a %d, b %d)", n, i, got[i], want, a[i], b[i])
			}
		}
	}
}

// TestGIFEncNearest checks the cached nearest-colour search against a plain search of
// the whole palette (the lower index on ties), over palettes of several sizes and
// spreads, for colours all over the cube and near the palette's.
func TestGIFEncNearest(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, tc := range []struct {
		n, spread int // palette size, and how far its colours spread around a centre
	}{{1, 255}, {2, 255}, {16, 255}, {127, 255}, {128, 255}, {127, 24}, {64, 6}, {32, 2}} { // the last has ties
		pal := make([]color.RGBA, tc.n)
		for i := range pal {
			c := func() uint8 { return uint8(min(max(128+rng.Intn(2*tc.spread+1)-tc.spread, 0), 255)) }
			pal[i] = color.RGBA{c(), c(), c(), 255}
		}
		m := newGIFMapper(pal)
		for k := 0; k < 200000; k++ {
			var r, g, b int32
			if k%2 == 0 {
				r, g, b = rng.Int31n(256), rng.Int31n(256), rng.Int31n(256)
			} else {
				p := pal[rng.Intn(tc.n)]
				j := func(v uint8) int32 { return min(max(int32(v)+rng.Int31n(9)-4, 0), 255) }
				r, g, b = j(p.R), j(p.G), j(p.B)
			}
			want, wantD := 0, int32(math.MaxInt32)
			for i, p := range pal {
				dr, dg, db := r-int32(p.R), g-int32(p.G), b-int32(p.B)
				if d := dr*dr + dg*dg + db*db; d < wantD {
					want, wantD = i, d
				}
			}
			if got := m.index(r, g, b); int(got) != want {
				t.Fatalf("palette of %d (spread %d): nearest to %d,%d,%d is %d, want %d", tc.n, tc.spread, r, g, b, got, want)
			}
		}
	}
}

// TestGIFEncMedianCut checks the palette's size limit and that few colours are kept
// exactly, with each box's colour its pixel-weighted mean.
func TestGIFEncMedianCut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cols  []gifColour
		limit int
		want  []color.RGBA // nil: only check the count
	}{
		{"one", []gifColour{{[3]uint8{1, 2, 3}, 5}}, 127, []color.RGBA{{1, 2, 3, 255}}},
		{"exact", []gifColour{{[3]uint8{1, 2, 3}, 5}, {[3]uint8{1, 2, 4}, 1}, {[3]uint8{200, 0, 0}, 9}}, 127,
			[]color.RGBA{{1, 2, 3, 255}, {1, 2, 4, 255}, {200, 0, 0, 255}}},
		{"mean", []gifColour{{[3]uint8{10, 0, 0}, 3}, {[3]uint8{20, 0, 0}, 1}}, 1, []color.RGBA{{13, 0, 0, 255}}},
		{"many", gifEncManyColours(5000), 127, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pal := gifMedianCut(tc.cols, tc.limit)
			if len(pal) > tc.limit || (tc.want == nil && len(pal) != tc.limit) {
				t.Fatalf("%d colours, limit %d", len(pal), tc.limit)
			}
			if tc.want == nil {
				return
			}
			got := map[color.RGBA]bool{}
			for _, c := range pal {
				got[c] = true
			}
			for _, c := range tc.want {
				if !got[c] || len(pal) != len(tc.want) {
					t.Fatalf("palette %v, want %v", pal, tc.want)
				}
			}
		})
	}
}

// gifEncManyColours is a histogram of n random colours.
func gifEncManyColours(n int) []gifColour {
	rng := rand.New(rand.NewSource(2))
	seen := map[[3]uint8]bool{}
	var cols []gifColour
	for len(cols) < n {
		c := [3]uint8{uint8(rng.Intn(256)), uint8(rng.Intn(256)), uint8(rng.Intn(256))}
		if !seen[c] {
			seen[c] = true
			cols = append(cols, gifColour{c, uint32(1 + rng.Intn(100))})
		}
	}
	return cols
}

// TestGIFEncErrors checks that bad arguments are errors, not panics.
func TestGIFEncErrors(t *testing.T) {
	ok := newI420(16, 8)
	for _, tc := range []struct {
		name   string
		frames []*i420
		w, h   int
		delay  time.Duration
	}{
		{"no frames", nil, 16, 8, 100 * time.Millisecond},
		{"nil frame", []*i420{ok, nil}, 16, 8, 100 * time.Millisecond},
		{"wrong size", []*i420{ok, newI420(16, 10)}, 16, 8, 100 * time.Millisecond},
		{"wrong size first", []*i420{newI420(8, 8), ok}, 16, 8, 100 * time.Millisecond},
		{"odd size", []*i420{ok}, 15, 8, 100 * time.Millisecond},
		{"zero size", []*i420{ok}, 0, 0, 100 * time.Millisecond},
		{"negative delay", []*i420{ok}, 16, 8, -time.Second},
		{"long delay", []*i420{ok}, 16, 8, time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := writeGIF(&buf, tc.frames, tc.w, tc.h, tc.delay); err == nil {
				t.Errorf("no error")
			} else if buf.Len() != 0 {
				t.Errorf("wrote %d bytes with error %v", buf.Len(), err)
			}
		})
	}
}

// gifEncCPU is the CPU time this process has used (all threads: the GC's too).
func gifEncCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkGIFEnc encodes 30 frames of 480x270: a presenter over a still slide (what
// previews mostly are) and a pan where every pixel changes every frame (the worst
// case). Beside ns/op it reports our CPU time per GIF (all threads, the GC's too), the
// part of it image/gif's LZW and container take, and ffmpeg's CPU time for the same
// frames by the renderer's command.
func BenchmarkGIFEnc(b *testing.B) {
	for _, c := range gifEncCases() {
		if c.name != "presenter" && c.name != "pan" {
			continue
		}
		_, frames := gifEncFrames(c)
		// ffmpeg's figures, once: b.Run calls the function again for each b.N it tries.
		var (
			once       sync.Once
			ffmpeg     time.Duration // its least CPU time of a few runs (the first may pay for cold caches)
			ffmpegSize int64         // -1 without ffmpeg
		)
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			b.ResetTimer()
			cpu := gifEncCPU()
			for i := 0; i < b.N; i++ {
				buf.Reset()
				if err := writeGIF(&buf, frames, c.w, c.h, 100*time.Millisecond); err != nil {
					b.Fatal(err)
				}
			}
			ours := (gifEncCPU() - cpu) / time.Duration(b.N)
			b.StopTimer()
			size := buf.Len()
			// The share of image/gif: EncodeAll alone, of animations made beforehand.
			var lzw time.Duration
			for i := 0; i < b.N; i++ {
				g, err := gifAnimation(frames, c.w, c.h, 100*time.Millisecond)
				if err != nil {
					b.Fatal(err)
				}
				buf.Reset()
				t0 := gifEncCPU()
				if err := gif.EncodeAll(&buf, g); err != nil {
					b.Fatal(err)
				}
				lzw += gifEncCPU() - t0
			}
			lzw /= time.Duration(b.N)
			b.ReportMetric(float64(ours)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(lzw)/1e6, "gif-encode-ms/op")
			once.Do(func() {
				ffmpegSize = -1
				if _, err := exec.LookPath("ffmpeg"); err != nil {
					return
				}
				ref := filepath.Join(b.TempDir(), "ffmpeg.gif")
				ffmpeg = time.Duration(math.MaxInt64)
				for k := 0; k < 3; k++ {
					ffmpeg = min(ffmpeg, gifEncFFmpegGIF(b, frames, ref))
				}
				st, err := os.Stat(ref)
				if err != nil {
					b.Fatal(err)
				}
				ffmpegSize = st.Size()
			})
			if ffmpegSize < 0 {
				return
			}
			b.ReportMetric(float64(ffmpeg)/1e6, "ffmpeg-cpu-ms")
			if b.N > 1 { // a run of b.N = 1 may only size the benchmark
				b.Logf("%s: ours %.1f ms CPU per GIF (image/gif's EncodeAll %.1f ms of it), %d B; ffmpeg %.1f ms CPU, %d B: %.1fx less CPU",
					c.name, float64(ours)/1e6, float64(lzw)/1e6, size, float64(ffmpeg)/1e6, ffmpegSize, float64(ffmpeg)/float64(ours))
			}
		})
	}
}
