package http

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"image"
	"image/gif"
	_ "image/jpeg" // decoders for image inputs
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/image/webp"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/direct"
	"github.com/openvideoagent/videoagent/ingest"
	"github.com/openvideoagent/videoagent/media"
)

// Direct videos (POST /v3/videos) are stored as sessions of mode direct that hold the
// storyboard built from the request, with their video; the render job renders that
// storyboard as is. The Video Agent endpoints never show these sessions (the store hides
// them from account-scoped reads).

// Bounds of direct-video inputs checked at accept time.
const (
	// directFetchTimeout bounds the download of one URL input at accept time.
	directFetchTimeout = 30 * time.Second
	// directProbeTimeout bounds the decoding check of one video or audio input.
	directProbeTimeout = 60 * time.Second
	// maxStatusIDs bounds video_ids plus batch_ids of GET /v3/videos/statuses.
	maxStatusIDs = 100
)

// directRoutes registers the direct video endpoints.
func (s *Server) directRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v3/videos", s.jobLimit(s.createDirectVideo))
	mux.HandleFunc("POST /v3/videos/batches", s.jobLimit(s.createBatch))
	mux.HandleFunc("GET /v3/videos/batches/{batch_id}", s.getBatch)
	mux.HandleFunc("GET /v3/videos/statuses", s.videoStatuses)
}

// directCatalog adapts the server's presenters and voices to direct.Catalog, with the
// looks the account designed.
type directCatalog struct {
	s       *Server
	ctx     context.Context
	account string
}

func (c directCatalog) Look(id string) (videoagent.Look, bool) {
	if c.s.Presenters == nil {
		return videoagent.Look{}, false
	}
	if videoagent.IsOwnLookID(id) && c.ctx != nil {
		l, err := c.s.Store.OwnLook(c.ctx, c.account, id)
		if err != nil || l.Kind != videoagent.OwnLookPrompt {
			return videoagent.Look{}, false
		}
		return ownLookAsLook(l), true
	}
	for _, l := range c.s.Presenters.Looks() {
		if l.ID == id {
			return l, true
		}
	}
	return videoagent.Look{}, false
}

func (c directCatalog) Voice(id string) (videoagent.Voice, bool) {
	if c.s.Voices == nil || id == "" {
		return videoagent.Voice{}, false
	}
	v, err := c.s.Voices.Voice(id)
	return v, err == nil
}

func (c directCatalog) DefaultVoice(lang, gender string) (videoagent.Voice, bool) {
	if c.s.Voices == nil {
		return videoagent.Voice{}, false
	}
	return c.s.Voices.DefaultVoice(lang, gender)
}

func (s *Server) createDirectVideo(w http.ResponseWriter, r *http.Request) {
	var raw json.RawMessage
	if err := decodeJSON(w, r, &raw); err != nil {
		s.writeError(w, r, err)
		return
	}
	req, err := direct.Parse(raw, "")
	if err == nil {
		err = req.Validate()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v, err := s.startDirect(r.Context(), account(r).ID, req, "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"video_id":      v.ID,
		"status":        "waiting",
		"output_format": req.OutputFormatOrDefault(),
	}))
}

// startDirect resolves a validated request's files, builds its storyboard, and stores its
// session and video with the render job. defaultCallback is a batch's callback_url.
func (s *Server) startDirect(ctx context.Context, accountID string, req *direct.Request, defaultCallback string) (*videoagent.Video, error) {
	if err := s.checkReceiver(ctx, req.Param("callback_url"), videoagent.Deref(req.CallbackURL)); err != nil {
		return nil, err
	}
	if err := s.photoPresenter(ctx, accountID, req); err != nil {
		return nil, err
	}
	kit, err := s.brandKit(ctx, accountID, videoagent.Deref(req.BrandKitID), req.Param("brand_kit_id"))
	if err != nil {
		return nil, err
	}
	res := map[string]direct.Resolved{}
	for _, ref := range req.Assets() {
		got, err := s.resolveAsset(ctx, accountID, ref)
		if err != nil {
			return nil, err
		}
		res[ref.Param] = got
	}
	videoID := videoagent.NewID()
	h := fnv.New64a()
	h.Write([]byte(videoID))
	sb, err := req.Build(directCatalog{s: s, ctx: ctx, account: accountID}, res, int64(h.Sum64()>>1))
	if err != nil {
		return nil, err
	}
	if kit != nil {
		kit.Apply(sb)
		if err := sb.Validate(); err != nil {
			return nil, videoagent.Invalid(req.Param("brand_kit_id"), "With brand kit %s the video is invalid: %s", kit.ID, videoagent.ErrorMessage(err))
		}
	}
	raw, err := json.Marshal(sb)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	callback := defaultCallback
	if req.CallbackURL != nil && *req.CallbackURL != "" {
		callback = *req.CallbackURL
	}
	se := &videoagent.Session{
		ID: videoagent.NewID(), AccountID: accountID, Mode: videoagent.ModeDirect, Status: videoagent.SessionGenerating,
		Title: sb.Title, VideoID: videoID, Brief: videoagent.Brief{Mode: videoagent.ModeDirect, AvatarID: sb.AvatarID, VoiceID: sb.VoiceID},
		Storyboard: raw, CallbackURL: callback, CallbackID: videoagent.Deref(req.CallbackID), CreatedAt: now,
	}
	v := &videoagent.Video{ID: videoID, AccountID: accountID, SessionID: se.ID, Status: videoagent.VideoPending, Title: sb.Title, CreatedAt: now}
	if err := s.Store.CreateSession(ctx, se, v, func(tx videoagent.Tx) error { return s.Queue.EnqueueRender(ctx, tx, v.ID) }); err != nil {
		return nil, err
	}
	return v, nil
}

// resolveAsset fetches, decodes or looks up one input file, checks that it is a usable file
// of the kind its field needs, and stores it. Every failure names ref.Field.
func (s *Server) resolveAsset(ctx context.Context, accountID string, ref direct.AssetRef) (direct.Resolved, error) {
	in := &ingest.Ingester{Assets: s.Store, Blobs: s.Blobs}
	var (
		bytes_ []byte
		name   string
		stored *videoagent.Asset
	)
	switch typ := videoagent.Deref(ref.Input.Type); typ {
	case "url":
		u := videoagent.Deref(ref.Input.URL)
		f := s.Fetcher
		if f == nil {
			f = &ingest.Fetcher{}
		}
		fc := *f
		if fc.Timeout <= 0 || fc.Timeout > directFetchTimeout {
			fc.Timeout = directFetchTimeout
		}
		b, err := fc.Fetch(ctx, u)
		if err != nil {
			var de *ingest.DownloadError
			if errors.As(err, &de) {
				return direct.Resolved{}, &videoagent.Error{Code: videoagent.EDOWNLOADFAILED, Param: ref.Field,
					Message: fmt.Sprintf("Could not download %s (%s): %s.", ref.Field, videoagent.Shorten(u, 200), de.Reason)}
			}
			return direct.Resolved{}, err
		}
		bytes_, name = b, u
	case "base64":
		raw := strings.TrimSpace(videoagent.Deref(ref.Input.Data))
		if strings.HasPrefix(raw, "data:") {
			if _, after, ok := strings.Cut(raw, ","); ok {
				raw = after
			}
		}
		b, err := decodeBase64(raw)
		if err != nil {
			return direct.Resolved{}, videoagent.Invalid(ref.Field, "%s is not valid base64.", ref.Field)
		}
		if len(b) > MaxAssetBytes {
			return direct.Resolved{}, videoagent.Invalid(ref.Field, "%s is larger than the 32 MB limit.", ref.Field)
		}
		bytes_, name = b, fmt.Sprintf("%s (%s)", ref.Param, videoagent.Deref(ref.Input.MediaType))
	case "asset_id":
		id := videoagent.Deref(ref.Input.AssetID)
		a, err := s.Store.Asset(ctx, accountID, id)
		if err != nil {
			if code := videoagent.ErrorCode(err); code == videoagent.ENOTFOUND {
				return direct.Resolved{}, videoagent.Invalid(ref.Field, "Asset %s not found; upload files with POST /v3/assets.", videoagent.Shorten(id, 64))
			}
			return direct.Resolved{}, err
		}
		if a.SizeBytes > MaxAssetBytes {
			return s.resolveLargeAsset(ctx, ref, a) // a direct upload
		}
		blob, err := s.Blobs.Open(ctx, a.BlobKey)
		if err != nil {
			return direct.Resolved{}, err
		}
		b, err := io.ReadAll(io.LimitReader(blob, MaxAssetBytes+1))
		blob.Close()
		if err != nil {
			return direct.Resolved{}, err
		}
		bytes_, name, stored = b, a.Name, a
	default:
		return direct.Resolved{}, videoagent.Invalid(ref.Field, "Unknown input type %q.", typ)
	}
	if len(bytes_) == 0 {
		return direct.Resolved{}, videoagent.Invalid(ref.Field, "%s is an empty file.", ref.Field)
	}
	mt := ingest.Sniff(bytes_)
	out := direct.Resolved{MimeType: mt}
	bad := func(format string, args ...any) error {
		return videoagent.Invalid(ref.Field, "%s: %s", ref.Field, fmt.Sprintf(format, args...))
	}
	switch ref.Kind {
	case direct.KindImage:
		switch mt {
		case ingest.TypePNG, ingest.TypeJPEG, ingest.TypeGIF, ingest.TypeWebP:
		default:
			return out, bad("the file is %s, not an image (use PNG, JPEG, WebP or GIF).", describeType(mt))
		}
		img, cfg, err := decodeImageInput(mt, bytes_)
		if err != nil {
			return out, bad("%s.", err.Error())
		}
		out.Width, out.Height = cfg.Width, cfg.Height
		if mt == ingest.TypeGIF || mt == ingest.TypeWebP {
			// The renderer reads PNG and JPEG: keep a PNG copy.
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return out, err
			}
			bytes_, mt, stored = buf.Bytes(), ingest.TypePNG, nil
			out.MimeType = mt
		}
	case direct.KindVideo:
		if mt != ingest.TypeMP4 && mt != ingest.TypeWebM {
			return out, bad("the file is %s, not a video (use MP4 or WebM).", describeType(mt))
		}
		d, err := checkMedia(ctx, bytes_, mt, true)
		if err != nil {
			return out, bad("%s.", err.Error())
		}
		out.Duration = d
	case direct.KindAudio:
		if mt != ingest.TypeMP3 && mt != ingest.TypeWAV {
			return out, bad("the file is %s, not audio (use MP3 or WAV).", describeType(mt))
		}
		d, err := checkMedia(ctx, bytes_, mt, false)
		if err != nil {
			return out, bad("%s.", err.Error())
		}
		out.Duration = d
	}
	if stored == nil {
		a, err := in.Store(ctx, accountID, name, mt, bytes_)
		if err != nil {
			return out, err
		}
		stored = a
	}
	out.AssetID = stored.ID
	return out, nil
}

func decodeBase64(raw string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(raw); err == nil {
			return b, nil
		}
	}
	return nil, errors.New("not base64")
}

// describeType names a sniffed type for messages.
func describeType(mt string) string {
	switch mt {
	case "":
		return "of an unsupported type"
	case ingest.TypePDF:
		return "a PDF document"
	case ingest.TypeHTML:
		return "an HTML web page"
	case ingest.TypeText, ingest.TypeMarkdown:
		return "a text file"
	case ingest.TypeM4A:
		return "M4A (MP4 audio)"
	case ingest.TypeMOV:
		return "a QuickTime MOV file"
	case ingest.TypeHEIF, ingest.TypeAVIF:
		return "a HEIC/HEIF or AVIF picture"
	}
	return mt
}

// decodeImageInput decodes an image within the pixel limit.
func decodeImageInput(mt string, data []byte) (image.Image, image.Config, error) {
	var cfg image.Config
	var err error
	if mt == ingest.TypeWebP {
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, _, err = image.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return nil, cfg, errors.New("the image is corrupt or cannot be decoded")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > ingest.MaxImagePixels {
		return nil, cfg, fmt.Errorf("the image is %dx%d pixels, more than the %d megapixel limit", cfg.Width, cfg.Height, ingest.MaxImagePixels/1_000_000)
	}
	var img image.Image
	switch mt {
	case ingest.TypeWebP:
		img, err = webp.Decode(bytes.NewReader(data))
	case ingest.TypeGIF:
		img, err = gif.Decode(bytes.NewReader(data))
	default:
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, cfg, errors.New("the image is corrupt or cannot be decoded")
	}
	return img, cfg, nil
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
	p := filepath.Join(dir, "in"+ingest.Extension(mt))
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return 0, err
	}
	return checkMediaFile(ctx, p, video)
}

// checkMediaFile is checkMedia of the file at p.
func checkMediaFile(ctx context.Context, p string, video bool) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, directProbeTimeout)
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
	if err := cmd.Run(); err != nil || strings.TrimSpace(stderr.String()) != "" {
		if ctx.Err() == context.DeadlineExceeded {
			return 0, fmt.Errorf("decoding the file took longer than %s", directProbeTimeout)
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, errors.New("the file is truncated or corrupt: it cannot be decoded to the end")
	}
	return dur.Seconds(), nil
}

// batchRequest is the body of POST /v3/videos/batches.
type batchRequest struct {
	Videos      []json.RawMessage `json:"videos"`
	Title       *string           `json:"title"`
	CallbackURL *string           `json:"callback_url"`
}

// createBatch starts every valid create body of a batch; an invalid one is recorded as a
// failed item with its error (naming videos[i].field), the others still run.
func (s *Server) createBatch(w http.ResponseWriter, r *http.Request) {
	var req batchRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	if req.Videos == nil {
		s.writeError(w, r, videoagent.Invalid("videos", "videos is required: 1 to %d create bodies.", videoagent.MaxBatchVideos))
		return
	}
	if n := len(req.Videos); n == 0 || n > videoagent.MaxBatchVideos {
		s.writeError(w, r, videoagent.Invalid("videos", "videos must hold 1 to %d create bodies (got %d).", videoagent.MaxBatchVideos, n))
		return
	}
	if req.Title != nil && utf8.RuneCountInString(*req.Title) > videoagent.MaxTitleChars {
		s.writeError(w, r, videoagent.Invalid("title", "title must be at most %d characters.", videoagent.MaxTitleChars))
		return
	}
	if u := videoagent.Deref(req.CallbackURL); u != "" {
		if err := s.checkReceiver(r.Context(), "callback_url", u); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	acct := account(r)
	b := &videoagent.Batch{ID: videoagent.NewID(), AccountID: acct.ID, Title: videoagent.Deref(req.Title), CallbackURL: videoagent.Deref(req.CallbackURL), CreatedAt: time.Now()}
	for i, raw := range req.Videos {
		it := videoagent.BatchItem{Index: i}
		dr, err := direct.Parse(raw, fmt.Sprintf("videos[%d].", i))
		if err == nil {
			err = dr.Validate()
		}
		var v *videoagent.Video
		if err == nil {
			// The batch's callback_url is called once, when the whole batch is finished
			// (batch.finished), not by each item.
			v, err = s.startDirect(r.Context(), acct.ID, dr, "")
		}
		if err != nil {
			if st := statusOf[videoagent.ErrorCode(err)]; st == 0 || st >= 500 {
				s.writeError(w, r, err)
				return
			}
			it.ErrorCode, it.ErrorMessage, it.ErrorParam = videoagent.ErrorCode(err), videoagent.ErrorMessage(err), videoagent.ErrorParam(err)
		} else {
			it.VideoID = v.ID
		}
		b.Items = append(b.Items, it)
	}
	if err := s.Store.CreateBatch(r.Context(), b); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.finishBatch(r.Context(), b)
	body, err := s.batchJSON(r.Context(), b, 0, videoagent.MaxBatchVideos)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(body))
}

// itemState is what a batch item (or a video) is now.
type itemState struct {
	videoStatus string         // the Video's status, "failed" for a refused item
	err         map[string]any // nil, or {code, message, param}
}

func (s *Server) itemState(ctx context.Context, accountID string, it videoagent.BatchItem) (itemState, error) {
	if it.VideoID == "" {
		e := map[string]any{"code": it.ErrorCode, "message": it.ErrorMessage, "param": nullString(it.ErrorParam)}
		return itemState{videoStatus: videoagent.VideoFailed, err: e}, nil
	}
	v, err := s.Store.Video(ctx, accountID, it.VideoID)
	if err != nil {
		if c := videoagent.ErrorCode(err); c == videoagent.EVIDEONOTFOUND || c == videoagent.ENOTFOUND {
			return itemState{videoStatus: videoagent.VideoFailed, err: map[string]any{"code": videoagent.EVIDEONOTFOUND, "message": "The video was deleted.", "param": nil}}, nil
		}
		return itemState{}, err
	}
	return videoState(v), nil
}

func videoState(v *videoagent.Video) itemState {
	st := itemState{videoStatus: v.Status}
	if v.Status == videoagent.VideoFailed {
		st.err = map[string]any{"code": v.FailureCode, "message": v.FailureMessage, "param": nil}
	}
	return st
}

// batchItemStatus maps a video status to a batch item's: queued, processing, completed,
// failed.
func batchItemStatus(videoStatus string) string {
	if videoStatus == videoagent.VideoPending {
		return "queued"
	}
	return videoStatus
}

// batchJSON is a batch with items from..from+limit and counts over all items.
func (s *Server) batchJSON(ctx context.Context, b *videoagent.Batch, from, limit int) (map[string]any, error) {
	counts := map[string]int{}
	items := make([]map[string]any, 0, min(limit, len(b.Items)))
	for _, it := range b.Items {
		st, err := s.itemState(ctx, b.AccountID, it)
		if err != nil {
			return nil, err
		}
		status := batchItemStatus(st.videoStatus)
		counts[status]++
		if it.Index >= from && len(items) < limit {
			var e any
			if st.err != nil {
				e = st.err
			}
			items = append(items, map[string]any{"item_index": it.Index, "video_id": nullString(it.VideoID), "status": status, "error": e})
		}
	}
	status := "completed"
	switch {
	case counts["queued"]+counts["processing"] > 0:
		status = "processing"
	case counts["failed"] == len(b.Items):
		status = "failed"
	}
	var next *string
	if last := from + len(items); len(items) == limit && last < len(b.Items) {
		t := strconv.Itoa(last)
		next = &t
	}
	return map[string]any{
		"batch_id":         b.ID,
		"title":            nullString(b.Title),
		"status":           status,
		"total_items":      len(b.Items),
		"counts_by_status": counts,
		"created_at":       b.CreatedAt.Unix(),
		"items":            items,
		"has_more":         next != nil,
		"next_token":       next,
	}, nil
}

func (s *Server) getBatch(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, videoagent.MaxBatchVideos, videoagent.MaxBatchVideos)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	from := 0
	if p.Token != "" {
		n, err := strconv.Atoi(p.Token)
		if err != nil || n < 0 || n > videoagent.MaxBatchVideos {
			s.writeError(w, r, videoagent.Invalid("token", "token is not a valid page token."))
			return
		}
		from = n
	}
	b, err := s.Store.Batch(r.Context(), account(r).ID, r.PathValue("batch_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	body, err := s.batchJSON(r.Context(), b, from, p.Limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(body))
}

// splitIDs reads a comma-separated id list.
func splitIDs(param, v string) ([]string, error) {
	var out []string
	for _, id := range strings.Split(v, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if len(id) > direct.MaxIDChars {
			return nil, videoagent.Invalid(param, "%s holds an id longer than %d characters.", param, direct.MaxIDChars)
		}
		out = append(out, id)
	}
	return out, nil
}

// videoStatuses serves GET /v3/videos/statuses: the status of each video of video_ids and
// of each item of the batches of batch_ids (statuses as on the Video: pending, processing,
// completed, failed; not_found for an unknown id). Without ids the list is empty.
func (s *Server) videoStatuses(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	vids, err := splitIDs("video_ids", q.Get("video_ids"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	bids, err := splitIDs("batch_ids", q.Get("batch_ids"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(vids)+len(bids) > maxStatusIDs {
		s.writeError(w, r, videoagent.Invalid("video_ids", "At most %d ids in video_ids and batch_ids together.", maxStatusIDs))
		return
	}
	ctx, acct := r.Context(), account(r)
	out := []map[string]any{}
	for _, id := range vids {
		e := map[string]any{"video_id": id, "batch_id": nil, "item_index": nil, "error": nil}
		v, err := s.Store.Video(ctx, acct.ID, id)
		if err != nil {
			if c := videoagent.ErrorCode(err); c != videoagent.EVIDEONOTFOUND && c != videoagent.ENOTFOUND {
				s.writeError(w, r, err)
				return
			}
			e["status"] = "not_found"
			e["error"] = map[string]any{"code": videoagent.EVIDEONOTFOUND, "message": fmt.Sprintf("Video %s not found.", id), "param": nil}
			out = append(out, e)
			continue
		}
		st := videoState(v)
		e["status"] = st.videoStatus
		if st.err != nil {
			e["error"] = st.err
		}
		if bid, idx, err := s.Store.BatchOfVideo(ctx, acct.ID, id); err != nil {
			s.writeError(w, r, err)
			return
		} else if bid != "" {
			e["batch_id"], e["item_index"] = bid, idx
		}
		out = append(out, e)
	}
	for _, id := range bids {
		b, err := s.Store.Batch(ctx, acct.ID, id)
		if err != nil {
			if videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
				s.writeError(w, r, err)
				return
			}
			out = append(out, map[string]any{"batch_id": id, "video_id": nil, "item_index": nil, "status": "not_found",
				"error": map[string]any{"code": videoagent.ENOTFOUND, "message": fmt.Sprintf("Batch %s not found.", id), "param": nil}})
			continue
		}
		for _, it := range b.Items {
			st, err := s.itemState(ctx, acct.ID, it)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			var e any
			if st.err != nil {
				e = st.err
			}
			out = append(out, map[string]any{"batch_id": b.ID, "item_index": it.Index, "video_id": nullString(it.VideoID), "status": st.videoStatus, "error": e})
		}
	}
	writeJSON(w, http.StatusOK, list(out, ""))
}
