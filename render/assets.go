package render

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image assets
	_ "image/png"
	"io"
	"os"
	"path/filepath"
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
