package http

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	_ "image/jpeg" // decoders for image inputs
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/direct"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// Direct videos (POST /v3/videos) are stored as sessions of mode direct that hold the
// storyboard built from the request, with their video; the render job renders that
// storyboard as is. The Video Agent endpoints never show these sessions (the store hides
// them from account-scoped reads).

// maxStatusIDs bounds video_ids plus batch_ids of GET /v3/videos/statuses.
const maxStatusIDs = 100

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
	in := ref.Input
	got, err := s.Files.Resolve(ctx, accountID, ingest.Input{
		Type: videoagent.Deref(in.Type), URL: videoagent.Deref(in.URL), Data: videoagent.Deref(in.Data),
		AssetID: videoagent.Deref(in.AssetID), MediaType: videoagent.Deref(in.MediaType), Param: ref.Param, Field: ref.Field,
	}, ingest.Kind(ref.Kind))
	return direct.Resolved(got), err
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
