package avatar

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/openvideoagent/videoagent"
)

var update = flag.Bool("update", false, "write docs/cast.png and docs/visemes.png")

// TestContactSheet renders the cast; with -update it writes ../docs/cast.png.
func TestContactSheet(t *testing.T) {
	var buf bytes.Buffer
	if err := ContactSheet(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if *update {
		writeDoc(t, "cast.png", buf.Bytes())
		var v bytes.Buffer
		if err := png.Encode(&v, visemeSheet(t, "ava-business", 360)); err != nil {
			t.Fatal(err)
		}
		writeDoc(t, "visemes.png", v.Bytes())
		var cu bytes.Buffer
		if err := contactSheet(&cu, videoagent.FramingCloseUp, image.Pt(300, 300), 7); err != nil {
			t.Fatal(err)
		}
		writeDoc(t, "cast-closeup.png", cu.Bytes())
		var f bytes.Buffer
		if err := png.Encode(&f, framingSheet(t)); err != nil {
			t.Fatal(err)
		}
		writeDoc(t, "framings.png", f.Bytes())
	}
}

func writeDoc(t *testing.T, name string, b []byte) {
	t.Helper()
	p := filepath.Join("..", "docs", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", p)
}

// visemeSheet shows the nine mouth shapes (full size where there are two) and the eye states
// of one look, close up.
func visemeSheet(t *testing.T, look string, cell int) *image.RGBA {
	t.Helper()
	c := New()
	tr, err := c.NewTrack(context.Background(), videoagent.PresenterRequest{
		LookID: look, Framing: videoagent.FramingCloseUp, Size: image.Pt(cell, cell), FPS: 30, Frames: 1})
	if err != nil {
		t.Fatal(err)
	}
	ss := tr.set
	const cols = 4
	n := int(numVisemes) + 3
	rows := (n + cols - 1) / cols
	img := image.NewRGBA(image.Rect(0, 0, cols*cell, rows*cell))
	draw.Draw(img, img.Bounds(), image.NewUniform(hex("e9edf2")), image.Point{}, draw.Src)
	k := 0
	put := func(mouth int, blink int, brow int) {
		x, y := (k%cols)*cell, (k/cols)*cell
		st := frameState{mouth: uint8(mouth), blink: uint8(blink), brow: uint8(brow)}
		tt := &Track{set: ss, eyes: tr.eyes, states: []frameState{st}}
		Compose(img, image.Pt(x, y), tt.Frame(0))
		k++
	}
	for v := Viseme(0); v < numVisemes; v++ {
		put(shape{v, 0}.withLevel(numLevels-1).index(), 0, 0)
	}
	put(shape{VisemeAI, 0}.index(), 1, 2)
	put(shape{VisemeO, 0}.index(), 2, 1)
	put(shape{VisemeE, 0}.index(), 0, 2)
	return img
}

// framingSheet shows the three framings of two looks in 16:9-ish boxes.
func framingSheet(t *testing.T) *image.RGBA {
	t.Helper()
	c := New()
	box := image.Pt(400, 300)
	looks := []string{"marcus-business", "amara-creative", "robert-casual"}
	frs := []videoagent.Framing{videoagent.FramingWaistUp, videoagent.FramingCloseUp, videoagent.FramingBubble}
	img := image.NewRGBA(image.Rect(0, 0, len(frs)*(box.X+10)+10, len(looks)*(box.Y+10)+10))
	draw.Draw(img, img.Bounds(), image.NewUniform(hex("c9d3de")), image.Point{}, draw.Src)
	for j, l := range looks {
		for i, fr := range frs {
			o := image.Pt(10+i*(box.X+10), 10+j*(box.Y+10))
			draw.Draw(img, image.Rectangle{o, o.Add(box)}, image.NewUniform(hex("f4f6f9")), image.Point{}, draw.Src)
			tr, err := c.Track(context.Background(), videoagent.PresenterRequest{LookID: l, Framing: fr, Size: box, FPS: 30, Frames: 1, LookAt: 0.5})
			if err != nil {
				t.Fatal(err)
			}
			Compose(img, o, tr.Frame(0))
		}
	}
	return img
}
