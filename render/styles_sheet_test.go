package render

import (
	"bytes"
	"encoding/json"
	"image"
	"image/draw"
	"image/png"
	"os"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
)

// Every style lays out its sample storyboard (the one its preview is rendered from) in
// every aspect ratio it supports, with text inside the frame.
func TestStyleSamples(t *testing.T) {
	t.Parallel()
	r := New(Options{})
	for _, st := range Styles() {
		if len(st.Tags) == 0 || len(st.Aspects) == 0 || st.Music == "" || st.Motion.Transition == "" {
			t.Errorf("%s: tags %v aspects %v music %q transition %q", st.ID, st.Tags, st.Aspects, st.Music, st.Motion.Transition)
		}
		fonts, err := r.fontSet(st)
		if err != nil {
			t.Fatal(err)
		}
		sb := SampleStoryboard(st, "")
		if err := sb.Validate(); err != nil {
			t.Errorf("%s: sample storyboard: %v", st.ID, err)
		}
		for _, aspect := range st.Aspects {
			W, H, _ := videoagent.FrameSize(aspect, "720p")
			for _, sc := range sb.Scenes {
				lay := layoutScene(layoutInput{w: W, h: H, style: st, fonts: fonts, scene: sc, title: sb.Title, hasPresenter: true})
				for _, tr := range lay.textRects {
					if !tr.In(image.Rect(0, 0, W, H)) {
						t.Errorf("%s %s %s: text %v outside the frame", st.ID, aspect, sc.ID, tr)
					}
				}
			}
		}
	}
}

// TestStylesSheet writes the grid of style thumbnails shown in the README:
// OVA_STYLES_SHEET=docs/styles.png go test ./render -run StylesSheet
func TestStylesSheet(t *testing.T) {
	out := os.Getenv("OVA_STYLES_SHEET")
	if out == "" {
		t.Skip("set OVA_STYLES_SHEET to the PNG to write")
	}
	cast := avatar.New()
	styles := Styles()
	cols := 4
	rows := (len(styles) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, cols*320, rows*180))
	for k, st := range styles {
		sb := SampleStoryboard(st, avatar.DefaultLookID())
		sb.AspectRatio = "16:9"
		ns := narrationsFor(sb)
		r := New(Options{Presenters: cast})
		fj := &frameJob{w: 1280, h: 720, fps: 30, style: st, title: sb.Title, captions: true, avatar: sb.AvatarID, seed: sb.Seed, presenters: cast}
		plans, _ := r.plan(sb, ns, fj, t.TempDir())
		fonts, err := r.fontSet(st)
		if err != nil {
			t.Fatal(err)
		}
		p := plans[1]
		img := downscale(composeAt(t, r, fj, fonts, plans, p.start+p.frames*2/3).toRGBA())
		at := image.Pt(k%cols*320, k/cols*180)
		draw.Draw(sheet, img.Rect.Add(at), img, image.Point{}, draw.Src)
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, sheet); err != nil {
		t.Fatal(err)
	}
}

// The documented example storyboard is valid and lays out.
func TestExampleStoryboard(t *testing.T) {
	t.Parallel()
	sb, err := readExample("../docs/example-storyboard.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Validate(); err != nil {
		t.Fatal(err)
	}
	r := New(Options{})
	fonts, _ := r.fontSet(StyleByID(sb.StyleID))
	W, H, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	for _, sc := range sb.Scenes {
		if lay := layoutScene(layoutInput{w: W, h: H, style: StyleByID(sb.StyleID), fonts: fonts, scene: sc, title: sb.Title, hasPresenter: true}); len(lay.textRects) == 0 {
			t.Errorf("scene %s shows no text", sc.ID)
		}
	}
}

func readExample(path string) (*videoagent.Storyboard, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sb videoagent.Storyboard
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return &sb, dec.Decode(&sb)
}
