package ingest

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// Kind is what a file a request sends must be.
type Kind string

// Kinds of Resolve.
const (
	KindAny   Kind = ""      // any supported file (image, video, audio, PDF, text)
	KindImage Kind = "image" // PNG, JPEG, WebP or GIF (the first frame)
	KindVideo Kind = "video" // MP4 or WebM
	KindAudio Kind = "audio" // MP3 or WAV
)

// Bounds of Resolve.
const (
	// resolveFetchTimeout bounds the download of one URL input while a request waits.
	resolveFetchTimeout = 30 * time.Second
	// probeTimeout bounds the decoding check of one video or audio input.
	probeTimeout = 60 * time.Second
)

// Input is a file a request sends: by URL, as base64 data, or as the id of an asset the
// account uploaded.
type Input struct {
	Type      string // "url", "base64" or "asset_id"
	URL       string
	Data      string // base64, optionally a data: URL
	AssetID   string
	MediaType string // the media_type the client gave base64 data
	// Param names the input ("image", "files[0]"); base64 data is stored under this name.
	Param string
	// Field names the exact field to blame when the file is unusable ("image.data",
	// "scenes[2].source.asset_id").
	Field string
}

// Resolved is a stored, checked file.
type Resolved struct {
	AssetID  string
	MimeType string
	// Width and Height of an image, in pixels.
	Width, Height int
	// Duration of a video or audio file, in seconds.
	Duration float64
}

// Resolve turns a file a request sends into a stored asset of the account while the
// request waits: it downloads a URL (a bounded time), decodes base64 data, or reads an
// uploaded asset; checks that the file is of kind, not larger than DefaultMaxBytes (an
// uploaded asset may be larger: a video or audio file is then checked where it is), and
// decodes (an image) or decodes to the end (a video or audio file); and stores it, an
// image of kind KindImage as PNG when the renderer cannot read its format. Every refusal
// is a *videoagent.Error naming in.Field: EINVALID, or EDOWNLOADFAILED for a download.
func (in *Ingester) Resolve(ctx context.Context, accountID string, f Input, kind Kind) (Resolved, error) {
	var (
		data   []byte
		name   string
		stored *videoagent.Asset
	)
	switch f.Type {
	case "url":
		b, err := in.fetchNow(ctx, f.URL)
		if err != nil {
			var de *DownloadError
			if errors.As(err, &de) {
				return Resolved{}, &videoagent.Error{Code: videoagent.EDOWNLOADFAILED, Param: f.Field,
					Message: fmt.Sprintf("Could not download %s (%s): %s.", f.Field, videoagent.Shorten(f.URL, 200), de.Reason)}
			}
			return Resolved{}, err
		}
		data, name = b, f.URL
	case "base64":
		b, err := decodeBase64(f.Field, f.Data)
		if err != nil {
			return Resolved{}, err
		}
		data, name = b, fmt.Sprintf("%s (%s)", f.Param, f.MediaType)
	case "asset_id":
		a, err := in.Assets.Asset(ctx, accountID, f.AssetID)
		if err != nil {
			if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
				return Resolved{}, videoagent.Invalid(f.Field, "Asset %s not found; upload files with POST /v3/assets.", videoagent.Shorten(f.AssetID, 64))
			}
			return Resolved{}, err
		}
		if a.SizeBytes > DefaultMaxBytes {
			return in.resolveLarge(ctx, f, kind, a) // a direct upload
		}
		if data, err = in.read(ctx, a.BlobKey); err != nil {
			return Resolved{}, err
		}
		name, stored = a.Name, a
	default:
		return Resolved{}, videoagent.Invalid(f.Field, "Unknown input type %q.", f.Type)
	}
	if len(data) == 0 {
		return Resolved{}, videoagent.Invalid(f.Field, "%s is an empty file.", f.Field)
	}
	mt := Sniff(data)
	out := Resolved{MimeType: mt}
	bad := func(format string, args ...any) error {
		return videoagent.Invalid(f.Field, "%s: %s", f.Field, fmt.Sprintf(format, args...))
	}
	switch kind {
	case KindAny:
		if err := checkType(mt); err != nil {
			return out, bad("%s.", err.Error())
		}
		if isImage(mt) {
			if _, _, err := decodeImage(mt, data); err != nil {
				return out, bad("%s.", err.Error())
			}
		}
	case KindImage:
		if !isImage(mt) {
			return out, bad("the file is %s, not an image (use PNG, JPEG, WebP or GIF).", describeType(mt))
		}
		img, cfg, err := decodeImage(mt, data)
		if err != nil {
			return out, bad("%s.", err.Error())
		}
		out.Width, out.Height = cfg.Width, cfg.Height
		if mt == TypeGIF || mt == TypeWebP {
			// The renderer reads PNG and JPEG: keep a PNG copy.
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return out, err
			}
			data, mt, stored = buf.Bytes(), TypePNG, nil
			out.MimeType = mt
		}
	case KindVideo, KindAudio:
		if !kindHolds(kind, mt) {
			return out, bad("the file is %s, not %s.", describeType(mt), kindWords[kind])
		}
		d, err := checkMedia(ctx, data, mt, kind == KindVideo)
		if err != nil {
			return out, bad("%s.", err.Error())
		}
		out.Duration = d
	}
	if stored == nil {
		a, err := in.Store(ctx, accountID, name, mt, data)
		if err != nil {
			return out, err
		}
		stored = a
	}
	out.AssetID = stored.ID
	return out, nil
}

// kindWords names what a media kind must be, for messages.
var kindWords = map[Kind]string{KindVideo: "a video (use MP4 or WebM)", KindAudio: "audio (use MP3 or WAV)"}

// kindHolds reports whether a file of type mt is a video (KindVideo) or audio file
// (KindAudio) the renderer plays.
func kindHolds(kind Kind, mt string) bool {
	switch kind {
	case KindVideo:
		return mt == TypeMP4 || mt == TypeWebM
	case KindAudio:
		return mt == TypeMP3 || mt == TypeWAV
	}
	return false
}

func isImage(mt string) bool {
	return mt == TypePNG || mt == TypeJPEG || mt == TypeGIF || mt == TypeWebP
}

// fetchNow downloads a URL while a request waits: within resolveFetchTimeout at most.
func (in *Ingester) fetchNow(ctx context.Context, u string) ([]byte, error) {
	var fc Fetcher
	if in.Fetcher != nil {
		fc = *in.Fetcher
	}
	if fc.Timeout <= 0 || fc.Timeout > resolveFetchTimeout {
		fc.Timeout = resolveFetchTimeout
	}
	return fc.Fetch(ctx, u)
}

// decodeBase64 decodes base64 data (standard or URL alphabet, padded or not, optionally a
// data: URL), refusing more than DefaultMaxBytes before decoding it.
func decodeBase64(field, raw string) ([]byte, error) {
	raw = strings.TrimSpace(raw)
	if strings.HasPrefix(raw, "data:") {
		if _, after, ok := strings.Cut(raw, ","); ok {
			raw = after
		}
	}
	tooLarge := videoagent.Invalid(field, "%s is larger than the %s limit.", field, sizeString(DefaultMaxBytes))
	if int64(len(raw))/4*3 > DefaultMaxBytes {
		return nil, tooLarge
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(raw); err == nil {
			if int64(len(b)) > DefaultMaxBytes {
				return nil, tooLarge
			}
			return b, nil
		}
	}
	return nil, videoagent.Invalid(field, "%s is not valid base64.", field)
}

// describeType names a sniffed type for messages.
func describeType(mt string) string {
	switch mt {
	case "":
		return "of an unsupported type"
	case TypePDF:
		return "a PDF document"
	case TypeHTML:
		return "an HTML web page"
	case TypeText, TypeMarkdown:
		return "a text file"
	case TypeM4A:
		return "M4A (MP4 audio)"
	case TypeMOV:
		return "a QuickTime MOV file"
	case TypeHEIF, TypeAVIF:
		return "a HEIC/HEIF or AVIF picture"
	}
	return mt
}

// resolveLarge checks a stored asset too large to hold in memory (a direct upload) for
// use as a video or audio input: it copies the file to a temporary file, and probes and
// decodes it there.
func (in *Ingester) resolveLarge(ctx context.Context, f Input, kind Kind, a *videoagent.Asset) (Resolved, error) {
	out := Resolved{MimeType: a.MimeType, AssetID: a.ID}
	if !kindHolds(kind, a.MimeType) {
		return out, videoagent.Invalid(f.Field, "%s: asset %s is %s of %d bytes; files over %d MB are usable as video or audio only.",
			f.Field, a.ID, describeType(a.MimeType), a.SizeBytes, DefaultMaxBytes>>20)
	}
	b, err := in.Blobs.Open(ctx, a.BlobKey)
	if err != nil {
		return out, err
	}
	defer b.Close()
	tmp, err := os.CreateTemp("", "large-asset-*"+Extension(a.MimeType))
	if err != nil {
		return out, err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return out, err
	}
	d, err := checkMediaFile(ctx, tmp.Name(), kind == KindVideo)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return out, err
		}
		return out, videoagent.Invalid(f.Field, "%s: %s.", f.Field, err.Error())
	}
	out.Duration = d
	return out, nil
}

// checkMedia probes a video (video true) or audio file and decodes it through, so that a
// truncated or corrupt file is refused now rather than failing the render. It returns the
// duration in seconds.
func checkMedia(ctx context.Context, data []byte, mt string, video bool) (float64, error) {
	dir, err := os.MkdirTemp("", "direct-media-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "in"+Extension(mt))
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return 0, err
	}
	return checkMediaFile(ctx, p, video)
}

// checkMediaFile is checkMedia of the file at p.
func checkMediaFile(ctx context.Context, p string, video bool) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	info, err := media.Probe(ctx, p)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return 0, ctx.Err()
		}
		return 0, errors.New("the file is corrupt or cannot be decoded")
	}
	var dur time.Duration
	if video {
		st := info.Video()
		if st == nil || st.Width <= 0 || st.Height <= 0 {
			return 0, errors.New("the file has no video stream")
		}
		dur = st.Duration
	} else {
		st := info.Audio()
		if st == nil {
			return 0, errors.New("the file has no audio stream")
		}
		dur = st.Duration
	}
	if dur <= 0 {
		dur = info.Duration
	}
	if dur < 100*time.Millisecond {
		return 0, errors.New("the file is empty (no media to play)")
	}
	// Decode it all: a truncated file fails here.
	args := []string{"-hide_banner", "-nostdin", "-v", "error", "-xerror", "-threads", "2", "-i", p}
	if video {
		args = append(args, "-map", "0:v:0")
	} else {
		args = append(args, "-map", "0:a:0")
	}
	args = append(args, "-f", "null", "-")
	cmd := media.Command(ctx, "ffmpeg", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := media.RunCmd(cmd); err != nil || strings.TrimSpace(stderr.String()) != "" {
		if ctx.Err() == context.DeadlineExceeded {
			return 0, fmt.Errorf("decoding the file took longer than %s", probeTimeout)
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, errors.New("the file is truncated or corrupt: it cannot be decoded to the end")
	}
	return dur.Seconds(), nil
}
