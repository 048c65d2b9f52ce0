package ingest

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlite"
)

// resolveIngester is an Ingester on a store with the account "acct".
func resolveIngester(t *testing.T) (*Ingester, context.Context) {
	t.Helper()
	in := testIngester(t)
	if _, err := in.Assets.(*sqlite.Store).EnsureAccount(t.Context(), "acct", "a"); err != nil {
		t.Fatal(err)
	}
	return in, t.Context()
}

// TestResolveBase64 checks the one base64 policy: standard or URL alphabet, padded or
// not, data: URLs, and the size limit before decoding.
func TestResolveBase64(t *testing.T) {
	in, ctx := resolveIngester(t)
	p := pngBytes(t, 6, 4)
	for name, data := range map[string]string{
		"std":      base64.StdEncoding.EncodeToString(p),
		"raw std":  base64.RawStdEncoding.EncodeToString(p),
		"url":      base64.URLEncoding.EncodeToString(p),
		"raw url":  base64.RawURLEncoding.EncodeToString(p),
		"data url": "data:image/png;base64," + base64.StdEncoding.EncodeToString(p),
	} {
		for _, kind := range []Kind{KindAny, KindImage} {
			got, err := in.Resolve(ctx, "acct", Input{Type: "base64", Data: data, MediaType: "image/png", Param: "image", Field: "image.data"}, kind)
			if err != nil {
				t.Errorf("%s, kind %q: %v", name, kind, err)
				continue
			}
			a, err := in.Assets.Asset(ctx, "acct", got.AssetID)
			if err != nil || got.MimeType != TypePNG || a.Name != "image (image/png)" {
				t.Errorf("%s, kind %q: %+v, asset %+v %v", name, kind, got, a, err)
			}
			if kind == KindImage && (got.Width != 6 || got.Height != 4) {
				t.Errorf("%s: %dx%d, want 6x4", name, got.Width, got.Height)
			}
		}
	}
	huge := strings.Repeat("A", DefaultMaxBytes/3*4+8)
	for name, c := range map[string]struct{ data, msg string }{
		"not base64": {"!!!", "image.data is not valid base64."},
		"too large":  {huge, "image.data is larger than the 32 MB limit."},
		"empty":      {"====", ""},
	} {
		_, err := in.Resolve(ctx, "acct", Input{Type: "base64", Data: c.data, Param: "image", Field: "image.data"}, KindImage)
		if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) != "image.data" ||
			(c.msg != "" && videoagent.ErrorMessage(err) != c.msg) {
			t.Errorf("%s: %v (param %q), want invalid image.data %q", name, err, videoagent.ErrorParam(err), c.msg)
		}
	}
}

// TestResolveKinds: a file must be of the kind its field needs; a GIF image is stored as
// PNG for the renderer, while any-kind files are stored as sent.
func TestResolveKinds(t *testing.T) {
	in, ctx := resolveIngester(t)
	var g bytes.Buffer
	if err := gif.Encode(&g, image.NewPaletted(image.Rect(0, 0, 3, 2), color.Palette{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	b64 := func(b []byte) Input {
		return Input{Type: "base64", Data: base64.StdEncoding.EncodeToString(b), Param: "f", Field: "f.data"}
	}
	got, err := in.Resolve(ctx, "acct", b64(g.Bytes()), KindImage)
	if err != nil || got.MimeType != TypePNG || got.Width != 3 || got.Height != 2 {
		t.Errorf("GIF as image: %+v %v, want a 3x2 PNG", got, err)
	}
	if got, err := in.Resolve(ctx, "acct", b64(g.Bytes()), KindAny); err != nil || got.MimeType != TypeGIF {
		t.Errorf("GIF as any file: %+v %v, want kept as GIF", got, err)
	}
	text := []byte("Our revenue grew 40% this quarter.\nThanks, team.")
	for kind, msg := range map[Kind]string{
		KindImage: "f.data: the file is a text file, not an image (use PNG, JPEG, WebP or GIF).",
		KindVideo: "f.data: the file is a text file, not a video (use MP4 or WebM).",
		KindAudio: "f.data: the file is a text file, not audio (use MP3 or WAV).",
	} {
		_, err := in.Resolve(ctx, "acct", b64(text), kind)
		if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorMessage(err) != msg {
			t.Errorf("text as %s: %v, want %q", kind, err, msg)
		}
	}
	if _, err := in.Resolve(ctx, "acct", b64(text), KindAny); err != nil {
		t.Errorf("text as any file: %v", err)
	}
	html := []byte("<!DOCTYPE html><html><body>hi</body></html>")
	if _, err := in.Resolve(ctx, "acct", b64(html), KindAny); videoagent.ErrorCode(err) != videoagent.EINVALID || !strings.Contains(err.Error(), "HTML web page") {
		t.Errorf("HTML as any file: %v", err)
	}
	_, err = in.Resolve(ctx, "acct", Input{Type: "asset_id", AssetID: "nope", Field: "image.asset_id"}, KindImage)
	if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) != "image.asset_id" {
		t.Errorf("unknown asset: %v", err)
	}
	_, err = in.Resolve(ctx, "acct", Input{Type: "ftp", Field: "image"}, KindImage)
	if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorMessage(err) != `Unknown input type "ftp".` {
		t.Errorf("unknown type: %v", err)
	}
}
