package ingest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/gif"
	_ "image/jpeg" // decoders for image files
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent/internal/media"

	videoagent "github.com/openvideoagent/videoagent"
	"golang.org/x/image/webp"
)

// Limits on what ingestion extracts.
const (
	// MaxTextChars bounds the text kept from one document.
	MaxTextChars = 100_000
	// MaxPages is how many PDF pages become slide images.
	MaxPages = 12
	// MaxImagePixels guards against decompression bombs.
	MaxImagePixels = 40_000_000
	// pageWidth is the width PDF pages are rendered at (the long side fits a 1080p slide).
	pageWidth = 1600
)

// Ingester stores a request's files as assets and extracts their content.
type Ingester struct {
	Assets  videoagent.AssetStore
	Blobs   videoagent.BlobStore
	Fetcher *Fetcher
	// WorkDir holds scratch files (PDF pages); "" means the system temp directory.
	WorkDir string
	// PDFTimeout bounds the work on one PDF input; 0 means PDFTimeout.
	PDFTimeout time.Duration
}

// Failure codes of ingestion: a file that could not be downloaded, or one that is not
// usable (unsupported type, corrupt, too large).
const (
	FailDownload = videoagent.EDOWNLOADFAILED
	FailInput    = videoagent.FailInput
)

// fileLabel names file i of a request for messages: "files[0] (https://x/y.pdf)".
func fileLabel(i int, f videoagent.FileInput) string {
	src := f.URL
	if f.Type == "asset_id" {
		src = "asset " + f.AssetID
	}
	if src == "" {
		return fmt.Sprintf("files[%d]", i)
	}
	return fmt.Sprintf("files[%d] (%s)", i, src)
}

// Ingest fetches or opens each file, sniffs it, stores it as an asset of the account
// (URL files only; asset_id files are already stored) and extracts what the planner uses.
// A file that cannot be used fails the whole request with a *videoagent.Failure whose
// message names the file: download_failed for downloads, invalid_input for bad files.
func (in *Ingester) Ingest(ctx context.Context, accountID string, files []videoagent.FileInput) ([]videoagent.Material, error) {
	var out []videoagent.Material
	for i, f := range files {
		label := fileLabel(i, f)
		var (
			a    *videoagent.Asset
			data []byte
			err  error
		)
		switch f.Type {
		case "url":
			fetcher := in.Fetcher
			if fetcher == nil {
				fetcher = &Fetcher{}
			}
			data, err = fetcher.Fetch(ctx, f.URL)
			if err != nil {
				var de *DownloadError
				if errors.As(err, &de) {
					return nil, videoagent.Failf(FailDownload, err, "Could not download %s: %s.", label, de.Reason)
				}
				return nil, err
			}
			mt := Sniff(data)
			if err := checkType(mt); err != nil {
				code := FailInput
				if mt == TypeHTML {
					code = FailDownload
				}
				return nil, videoagent.Failf(code, nil, "Could not use %s: %s.", label, err.Error())
			}
			a, err = in.Store(ctx, accountID, f.URL, mt, data)
			if err != nil {
				return nil, err
			}
		case "asset_id":
			a, err = in.Assets.Asset(ctx, accountID, f.AssetID)
			if err != nil {
				if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
					return nil, videoagent.Failf(FailInput, err, "Could not use %s: the asset does not exist.", label)
				}
				return nil, err
			}
			data, err = in.read(ctx, a.BlobKey)
			if err != nil {
				return nil, err
			}
			if a.Name != "" && a.Name != f.AssetID {
				label = fmt.Sprintf("files[%d] (%s)", i, a.Name)
			}
		default:
			return nil, videoagent.Failf(FailInput, nil, "Could not use %s: unknown file type %q.", label, f.Type)
		}
		m, err := in.extract(ctx, accountID, label, a, data)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// checkType refuses HTML and unknown types, in words for a user.
func checkType(mt string) error {
	switch mt {
	case TypeHTML:
		return errors.New("it is an HTML web page, not a file (link to the file itself: an image, video, audio, PDF or text file)")
	case "":
		return errors.New("its type is not supported (use PNG, JPEG, WebP, GIF, MP4, WebM, MP3, WAV, PDF, text or Markdown)")
	case TypeM4A:
		return errors.New("it is M4A (MP4 audio), which is not supported (use MP3 or WAV for audio, MP4 with a video track for video)")
	case TypeMOV:
		return errors.New("it is a QuickTime MOV video, which is not supported (convert it to MP4 or WebM)")
	case TypeHEIF, TypeAVIF:
		return errors.New("it is a HEIC/HEIF or AVIF picture, which is not supported (use PNG, JPEG, WebP or GIF)")
	}
	return nil
}

// Store saves data as an asset of the account with a sniffed type.
func (in *Ingester) Store(ctx context.Context, accountID, name, mimeType string, data []byte) (*videoagent.Asset, error) {
	id := newID()
	a := &videoagent.Asset{
		ID: id, AccountID: accountID, Name: name, MimeType: mimeType, SizeBytes: int64(len(data)),
		BlobKey: "assets/" + id + Extension(mimeType), CreatedAt: time.Now(),
	}
	if err := in.Blobs.Put(ctx, a.BlobKey, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("store asset: %w", err)
	}
	if err := in.Assets.CreateAsset(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

func (in *Ingester) read(ctx context.Context, key string) ([]byte, error) {
	b, err := in.Blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return io.ReadAll(io.LimitReader(b, DefaultMaxBytes+1))
}

// decodeImage decodes an image within MaxImagePixels; the GIF's first frame. cfg is the
// image's size as its header gives it.
func decodeImage(mt string, data []byte) (img image.Image, cfg image.Config, err error) {
	if mt == TypeWebP {
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, _, err = image.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, cfg, errors.New("the image is corrupt or cannot be decoded")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxImagePixels {
		return nil, cfg, fmt.Errorf("the image is %dx%d pixels, more than the %d megapixel limit", cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	switch mt {
	case TypeWebP:
		img, err = webp.Decode(bytes.NewReader(data))
	case TypeGIF:
		img, err = gif.Decode(bytes.NewReader(data)) // the first frame
	default:
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, cfg, errors.New("the image is corrupt or cannot be decoded")
	}
	return img, cfg, nil
}

// extract derives a Material from a stored asset.
func (in *Ingester) extract(ctx context.Context, accountID, label string, a *videoagent.Asset, data []byte) (videoagent.Material, error) {
	m := videoagent.Material{Name: label, AssetID: a.ID, MimeType: a.MimeType}
	bad := func(err error) error {
		return videoagent.Failf(FailInput, err, "Could not use %s: %s.", label, err.Error())
	}
	switch a.MimeType {
	case TypePNG, TypeJPEG:
		m.Kind = videoagent.MaterialImage
		if _, _, err := decodeImage(a.MimeType, data); err != nil {
			return m, bad(err)
		}
		m.Pages = []string{a.ID}
	case TypeGIF, TypeWebP:
		// The renderer reads PNG and JPEG: keep a PNG copy for visuals.
		m.Kind = videoagent.MaterialImage
		img, _, err := decodeImage(a.MimeType, data)
		if err != nil {
			return m, bad(err)
		}
		id, err := in.storePNG(ctx, accountID, a.Name, img)
		if err != nil {
			return m, err
		}
		m.Pages = []string{id}
	case TypePDF:
		m.Kind = videoagent.MaterialDocument
		text, pages, err := in.pdf(ctx, accountID, a.Name, label, data)
		if err != nil {
			if ctx.Err() != nil {
				return m, ctx.Err()
			}
			var f *videoagent.Failure
			if errors.As(err, &f) {
				return m, err
			}
			return m, videoagent.Failf(FailInput, err, "Could not use %s: it is not a readable PDF.", label)
		}
		m.Text, m.Pages = text, pages
	case TypeText, TypeMarkdown:
		m.Kind = videoagent.MaterialDocument
		m.Text = firstRunes(string(data), MaxTextChars)
		if a.MimeType == TypeMarkdown {
			m.Text = plainMarkdown(m.Text)
		}
	case TypeMP4, TypeWebM:
		m.Kind = videoagent.MaterialVideo
		id, err := in.stillFrame(ctx, accountID, a.Name, a.MimeType, data)
		if err != nil {
			if ctx.Err() != nil {
				return m, ctx.Err()
			}
			return m, videoagent.Failf(FailInput, err, "Could not use %s: the video cannot be decoded.", label)
		}
		m.Pages = []string{id}
	case TypeMP3, TypeWAV:
		m.Kind = videoagent.MaterialAudio
		// It becomes the video's music: a file that does not decode is refused now, with
		// its name, rather than failing the render later.
		if err := in.checkAudio(ctx, a.MimeType, data); err != nil {
			if ctx.Err() != nil {
				return m, ctx.Err()
			}
			return m, videoagent.Failf(FailInput, err, "Could not use %s: the audio cannot be decoded or is empty.", label)
		}
	default:
		return m, videoagent.Failf(FailInput, nil, "Could not use %s: its type %s is not supported.", label, a.MimeType)
	}
	return m, nil
}

func (in *Ingester) storePNG(ctx context.Context, accountID, name string, img image.Image) (string, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	a, err := in.Store(ctx, accountID, name, TypePNG, buf.Bytes())
	if err != nil {
		return "", err
	}
	return a.ID, nil
}

func (in *Ingester) scratch() (string, error) {
	return os.MkdirTemp(in.WorkDir, "ingest-")
}

// stillFrame stores a PNG of a frame near the start of a video.
// checkAudio decodes the first seconds of an audio file and fails when that yields no
// sound samples.
func (in *Ingester) checkAudio(ctx context.Context, mt string, data []byte) error {
	dir, err := in.scratch()
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in"+Extension(mt))
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return err
	}
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := media.Run(tctx, media.FFmpegPath, "-hide_banner", "-loglevel", "error", "-nostdin", "-i", src,
		"-t", "5", "-vn", "-ac", "1", "-ar", "8000", "-f", "s16le", "pipe:1")
	if err != nil {
		return err
	}
	if len(out) < 2 {
		return errors.New("no audio samples")
	}
	return nil
}

func (in *Ingester) stillFrame(ctx context.Context, accountID, name, mt string, data []byte) (string, error) {
	dir, err := in.scratch()
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in"+Extension(mt))
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return "", err
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var out []byte
	for _, at := range []string{"1", "0"} {
		out, err = media.Run(tctx, media.FFmpegPath, "-hide_banner", "-loglevel", "error", "-nostdin", "-ss", at, "-i", src,
			"-frames:v", "1", "-an", "-vf", "scale='min(1920,iw)':-2", "-f", "image2pipe", "-c:v", "png", "pipe:1")
		if err == nil && len(out) > 0 {
			break
		}
	}
	if len(out) == 0 {
		if err == nil {
			err = errors.New("no frame")
		}
		return "", err
	}
	a, err := in.Store(ctx, accountID, name+" (frame)", TypePNG, out)
	if err != nil {
		return "", err
	}
	return a.ID, nil
}

// firstRunes is s cut to its first n characters (runes): extracted text is kept up to a
// bound, with no mark where it was cut.
func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// plainMarkdown drops Markdown markup that would be read aloud: heading marks, emphasis,
// code fences, link targets.
func plainMarkdown(s string) string {
	var out []string
	fence := false
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		t = strings.TrimLeft(t, "#>")
		t = strings.TrimSpace(t)
		if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
			t = strings.TrimSpace(t[2:])
			if t != "" && !strings.ContainsAny(t[len(t)-1:], ".!?:") {
				t += "."
			}
		}
		t = reMDLink.ReplaceAllString(t, "$1")
		t = strings.NewReplacer("**", "", "__", "", "`", "").Replace(t)
		out = append(out, t)
	}
	return strings.Join(out, "\n")
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
