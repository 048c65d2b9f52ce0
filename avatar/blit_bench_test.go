package avatar

import (
	"image"
	"testing"

	"github.com/openvideoagent/videoagent"
)

// dirtyBlitter paints presenter frames the way the renderer does (render/compose.go): it
// keeps the previous frame's layers, redraws only the rectangles of layers that changed
// (copy the background, then source-over every layer that touches the rectangle) and
// counts the pixels it touched. It is the model the presenter benchmarks measure with.
type dirtyBlitter struct {
	base, cur *image.RGBA
	prev      []videoagent.Layer
	first     bool
	pixels    int64
	frames    int64
	maxPixels int64 // most pixels redrawn in one frame
}

func newDirtyBlitter(size image.Point) *dirtyBlitter {
	base := image.NewRGBA(image.Rectangle{Max: size})
	for i := 0; i < len(base.Pix); i += 4 { // an opaque paper background
		base.Pix[i], base.Pix[i+1], base.Pix[i+2], base.Pix[i+3] = 0xee, 0xf1, 0xf5, 0xff
	}
	return &dirtyBlitter{base: base, cur: image.NewRGBA(base.Rect), first: true}
}

func layerRect(l videoagent.Layer) image.Rectangle {
	return l.Image.Rect.Sub(l.Image.Rect.Min).Add(l.At)
}

// frame brings cur to the given layers, redrawing what changed since the last call.
func (d *dirtyBlitter) frame(layers []videoagent.Layer) {
	var dirty []image.Rectangle
	if d.first {
		dirty = append(dirty, d.base.Rect)
		d.first = false
	} else {
		n := max(len(layers), len(d.prev))
		for k := 0; k < n; k++ {
			var a, b *videoagent.Layer
			if k < len(d.prev) {
				a = &d.prev[k]
			}
			if k < len(layers) {
				b = &layers[k]
			}
			switch {
			case a != nil && b != nil && a.Image == b.Image && a.At == b.At:
			default:
				if a != nil {
					dirty = append(dirty, layerRect(*a))
				}
				if b != nil {
					dirty = append(dirty, layerRect(*b))
				}
			}
		}
	}
	var px int64
	for _, r := range mergeDirty(dirty, d.base.Rect) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			o := d.cur.PixOffset(r.Min.X, y)
			copy(d.cur.Pix[o:o+4*r.Dx()], d.base.Pix[o:o+4*r.Dx()])
		}
		for _, l := range layers {
			lr := layerRect(l)
			if ir := lr.Intersect(r); !ir.Empty() {
				blendOver(d.cur, ir, l.Image, lr.Min.Sub(l.Image.Rect.Min))
			}
		}
		px += int64(r.Dx() * r.Dy())
	}
	d.pixels += px
	d.maxPixels = max(d.maxPixels, px)
	d.frames++
	d.prev = append(d.prev[:0], layers...)
}

// mergeDirty clips rectangles to the frame and merges overlapping ones.
func mergeDirty(rs []image.Rectangle, frame image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	for _, r := range rs {
		if r = r.Intersect(frame); !r.Empty() {
			out = append(out, r)
		}
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(out); i++ {
			for j := i + 1; j < len(out); j++ {
				if out[i].Overlaps(out[j]) {
					out[i] = out[i].Union(out[j])
					out = append(out[:j], out[j+1:]...)
					merged = true
					j--
				}
			}
		}
	}
	return out
}

// blendOver is the renderer's per-pixel source-over of premultiplied RGBA (opaque pixels
// are copied), with frame point p showing src at p-off.
func blendOver(dst *image.RGBA, r image.Rectangle, src *image.RGBA, off image.Point) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[dst.PixOffset(r.Min.X, y):]
		s := src.Pix[src.PixOffset(r.Min.X-off.X, y-off.Y):]
		for x := 0; x < r.Dx(); x++ {
			i := x * 4
			sa := uint32(s[i+3])
			if sa == 0 {
				continue
			}
			if sa == 255 {
				copy(d[i:i+4], s[i:i+4])
				continue
			}
			ia := 255 - sa
			d[i] = uint8(uint32(s[i]) + uint32(d[i])*ia/255)
			d[i+1] = uint8(uint32(s[i+1]) + uint32(d[i+1])*ia/255)
			d[i+2] = uint8(uint32(s[i+2]) + uint32(d[i+2])*ia/255)
			d[i+3] = uint8(sa + uint32(d[i+3])*ia/255)
		}
	}
}

// BenchmarkRendererBlit1080p is what a renderer pays per frame for a warm 1080p waist-up
// presenter when it redraws only the layers that changed since the previous frame (as
// render/compose.go does), over a 60 s talking track. It reports the pixels redrawn per
// frame and the sprite cache's memory.
func BenchmarkRendererBlit1080p(b *testing.B) {
	const frames = 1800
	n := benchNarration(b)
	c := New()
	size := image.Pt(1026, 1016) // the presenter box of a full-frame presenter scene at 1080p
	tr := track(b, c, videoagent.PresenterRequest{Size: size, FPS: 30, Frames: frames, Narration: n, Seed: 1})
	d := newDirtyBlitter(size)
	d.frame(tr.Frame(0))
	d.pixels, d.frames, d.maxPixels = 0, 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d.frame(tr.Frame(1 + i%(frames-1)))
	}
	b.StopTimer()
	b.ReportMetric(float64(d.pixels)/float64(d.frames), "px/frame")
	b.ReportMetric(float64(d.maxPixels), "maxpx/frame")
	b.ReportMetric(float64(c.CacheBytes())/(1<<20), "cacheMiB")
}
