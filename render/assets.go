package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image assets
	_ "image/png"
	"io"
	"math"
	"os"
	"path/filepath"

	xdraw "golang.org/x/image/draw"
)

// Assets opens the files a storyboard refers to by asset ID (images and videos a user
// uploaded or the agent fetched). The renderer reads image assets through it; without it,
// image and video visuals show a placeholder panel.
type Assets interface {
	Open(ctx context.Context, assetID string) (io.ReadCloser, error)
}

// Limits on image assets, against decompression bombs.
const (
	maxAssetBytes  = 64 << 20
	maxAssetPixels = 40_000_000
)

// loadImage reads and decodes a PNG or JPEG asset.
func loadImage(ctx context.Context, a Assets, id string) (image.Image, error) {
	rc, err := a.Open(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxAssetBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxAssetBytes {
		return nil, fmt.Errorf("asset %s is larger than %d bytes", id, maxAssetBytes)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("asset %s: %w", id, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxAssetPixels {
		return nil, fmt.Errorf("asset %s: %dx%d is too large", id, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("asset %s: %w", id, err)
	}
	return img, nil
}

// kenBurnsZoom is how far an image zooms in over its scene.
const kenBurnsZoom = 1.12

// kenBurns shows an image in a panel, covering it without distortion, slowly zooming in
// and drifting over the scene.
type kenBurns struct {
	rect image.Rectangle // panel, frame coordinates
	mask *image.Alpha    // rounded corners, panel coordinates
	src  *image.RGBA     // the image scaled once to cover the panel at the largest zoom
	out  *image.RGBA     // the panel's current pixels
}

func newKenBurns(img image.Image, panel image.Rectangle, mask *image.Alpha) *kenBurns {
	b := img.Bounds()
	pw, ph := float64(panel.Dx()), float64(panel.Dy())
	s := math.Max(pw/float64(b.Dx()), ph/float64(b.Dy())) * kenBurnsZoom
	sw, sh := int(math.Ceil(float64(b.Dx())*s)), int(math.Ceil(float64(b.Dy())*s))
	src := image.NewRGBA(image.Rect(0, 0, sw, sh))
	xdraw.BiLinear.Scale(src, src.Bounds(), img, b, xdraw.Src, nil)
	return &kenBurns{rect: panel, mask: mask, src: src, out: image.NewRGBA(image.Rect(0, 0, panel.Dx(), panel.Dy()))}
}

// render draws the panel at progress t (0-1 through the scene) into k.out.
func (k *kenBurns) render(t float64) {
	e := t * t * (3 - 2*t) // ease in and out
	pw, ph := k.out.Rect.Dx(), k.out.Rect.Dy()
	sw, sh := float64(k.src.Rect.Dx()), float64(k.src.Rect.Dy())
	// Window size in source pixels: the whole cover at t=0, the panel size at t=1.
	f := kenBurnsZoom + (1-kenBurnsZoom)*e
	step := f / kenBurnsZoom * math.Min(sw/float64(pw), sh/float64(ph))
	ww, wh := float64(pw)*step, float64(ph)*step
	// Drift from the centre a little towards the upper right.
	cx := sw/2 + (sw-ww)/2*0.5*e
	cy := sh/2 - (sh-wh)/2*0.4*e
	x0, y0 := cx-ww/2, cy-wh/2
	fs := int64(step * 65536)
	fx0, fy0 := int64(x0*65536), int64(y0*65536)
	maxX, maxY := k.src.Rect.Dx()-1, k.src.Rect.Dy()-1
	for y := 0; y < ph; y++ {
		sy := fy0 + int64(y)*fs
		iy := int(sy >> 16)
		wy := uint32(sy>>8) & 0xff
		iy1 := min(iy+1, maxY)
		iy = clampi(iy, 0, maxY)
		r0 := k.src.Pix[iy*k.src.Stride:]
		r1 := k.src.Pix[iy1*k.src.Stride:]
		d := k.out.Pix[y*k.out.Stride:]
		for x := 0; x < pw; x++ {
			sx := fx0 + int64(x)*fs
			ix := clampi(int(sx>>16), 0, maxX)
			wx := uint32(sx>>8) & 0xff
			ix1 := min(ix+1, maxX) * 4
			ix *= 4
			for c := 0; c < 4; c++ {
				a := uint32(r0[ix+c])*(256-wx) + uint32(r0[ix1+c])*wx
				b := uint32(r1[ix+c])*(256-wx) + uint32(r1[ix1+c])*wx
				d[x*4+c] = uint8((a*(256-wy) + b*wy) >> 16)
			}
		}
	}
}

// DirAssets opens asset IDs as file paths relative to a folder (absolute paths as given):
// the command-line renderer uses it for storyboards that name local files.
type DirAssets string

// Open opens the file named by assetID.
func (d DirAssets) Open(ctx context.Context, assetID string) (io.ReadCloser, error) {
	p := assetID
	if !filepath.IsAbs(p) {
		p = filepath.Join(string(d), p)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("asset %s: %w", assetID, err)
	}
	return f, nil
}
