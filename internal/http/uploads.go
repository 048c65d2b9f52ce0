package http

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// uploadTTL is how long a direct upload's URL stays valid.
const uploadTTL = time.Hour

// uploadRoutes registers direct uploads: create (a signed upload URL on this server),
// complete, and the statuses of assets. The upload URL itself (PUT /uploads/{id}) is
// registered on the root mux: it is authorised by its signature, not an API key.
func (s *Server) uploadRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v3/assets/direct-uploads", s.createUpload)
	mux.HandleFunc("POST /v3/assets/{asset_id}/complete", s.completeUpload)
	mux.HandleFunc("GET /v3/assets/statuses", s.assetStatuses)
}

func (s *Server) maxUploadBytes() int64 {
	if s.MaxUploadBytes > 0 {
		return s.MaxUploadBytes
	}
	return videoagent.DefaultMaxUploadBytes
}

type createUploadRequest struct {
	Filename       *string `json:"filename"`
	Name           *string `json:"name"` // accepted for filename
	ContentType    *string `json:"content_type"`
	SizeBytes      *int64  `json:"size_bytes"`
	Size           *int64  `json:"size"` // accepted for size_bytes
	ChecksumSHA256 *string `json:"checksum_sha256"`
}

func validSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == sha256.Size
}

func (s *Server) createUpload(w http.ResponseWriter, r *http.Request) {
	var req createUploadRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	name := strings.TrimSpace(videoagent.Deref(req.Filename))
	if name == "" {
		name = strings.TrimSpace(videoagent.Deref(req.Name))
	}
	if name == "" {
		name = "upload"
	}
	name = path.Base(name)
	if !utf8.ValidString(name) || len(name) > 255 {
		s.writeError(w, r, videoagent.Invalid("filename", "filename must be valid UTF-8 of at most 255 bytes."))
		return
	}
	size := req.SizeBytes
	if size == nil {
		size = req.Size
	}
	max := s.maxUploadBytes()
	if size != nil {
		if *size <= 0 {
			s.writeError(w, r, videoagent.Invalid("size_bytes", "size_bytes must be a positive number of bytes."))
			return
		}
		if *size > max {
			s.writeError(w, r, &videoagent.Error{Code: videoagent.ETOOLARGE, Param: "size_bytes",
				Message: fmt.Sprintf("The file is %d bytes; this server takes uploads of at most %d bytes.", *size, max)})
			return
		}
	}
	sum := strings.ToLower(strings.TrimSpace(videoagent.Deref(req.ChecksumSHA256)))
	if sum != "" && !validSHA256(sum) {
		s.writeError(w, r, videoagent.Invalid("checksum_sha256", "checksum_sha256 must be the file's SHA-256 as 64 hex digits."))
		return
	}
	now := time.Now()
	u := &videoagent.Upload{ID: videoagent.NewID(), AccountID: account(r).ID, Name: name, DeclaredType: videoagent.Shorten(videoagent.Deref(req.ContentType), 100),
		DeclaredSHA256: sum, Status: videoagent.UploadPending, CreatedAt: now, ExpiresAt: now.Add(uploadTTL)}
	if size != nil {
		u.DeclaredSize = *size
	}
	if err := s.Store.CreateUpload(r.Context(), u); err != nil {
		s.writeError(w, r, err)
		return
	}
	headers := map[string]string{}
	if u.DeclaredType != "" {
		headers["Content-Type"] = u.DeclaredType
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"asset_id":       u.ID,
		"upload_url":     s.uploadURL(u),
		"upload_method":  "PUT",
		"upload_headers": headers,
		"max_bytes":      max,
		"expires_at":     u.ExpiresAt.Unix(),
		"status":         u.Status,
	}))
}

// uploadURL is the signed URL that takes an upload's bytes.
func (s *Server) uploadURL(u *videoagent.Upload) string {
	exp := u.ExpiresAt.Unix()
	return strings.TrimRight(s.PublicURL, "/") + "/uploads/" + url.PathEscape(u.ID) +
		"?expires=" + strconv.FormatInt(exp, 10) + "&signature=" + s.sign("upload:"+u.ID, exp)
}

// receiveUpload takes the bytes of a direct upload at its signed URL (PUT), streaming them
// to the blob store with their SHA-256, refusing more than the server's maximum.
func (s *Server) receiveUpload(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("upload_id")
	exp, err := strconv.ParseInt(r.URL.Query().Get("expires"), 10, 64)
	if err != nil || !hmac.Equal([]byte(s.sign("upload:"+id, exp)), []byte(r.URL.Query().Get("signature"))) {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "This upload link is not valid."))
		return
	}
	if time.Now().Unix() > exp {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "This upload link has expired; create a new upload with POST /v3/assets/direct-uploads."))
		return
	}
	ctx := r.Context()
	u, err := s.Store.UploadByID(ctx, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if u.Status == videoagent.UploadReady || u.Status == videoagent.UploadFailed {
		s.writeError(w, r, videoagent.Errorf(videoagent.ECONFLICT, "Upload %s is already %s.", u.ID, u.Status))
		return
	}
	max := s.maxUploadBytes()
	if r.ContentLength > max {
		s.writeError(w, r, &videoagent.Error{Code: videoagent.ETOOLARGE, Message: fmt.Sprintf("The file is larger than the %d bytes this server takes.", max)})
		return
	}
	// The first bytes name the file's kind, and so its key (the renderer finds assets at
	// "assets/ID.EXT"); complete checks the kind again before the asset is usable.
	h := sha256.New()
	in := io.TeeReader(io.LimitReader(r.Body, max+1), h)
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(in, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		s.writeError(w, r, videoagent.Invalid("", "The upload could not be read: %s.", err.Error()))
		return
	}
	body := &countingReader{r: io.MultiReader(bytes.NewReader(head[:n]), in)}
	key := "assets/" + u.ID + ingest.UploadExtension(ingest.SniffUpload(head[:n]))
	if err := s.Blobs.Put(ctx, key, body); err != nil {
		s.Blobs.Delete(context.WithoutCancel(ctx), key)
		s.writeError(w, r, videoagent.Invalid("", "The upload could not be read: %s.", err.Error()))
		return
	}
	fail := func(err error) {
		s.Blobs.Delete(context.WithoutCancel(ctx), key)
		s.writeError(w, r, err)
	}
	switch {
	case body.n > max:
		fail(&videoagent.Error{Code: videoagent.ETOOLARGE, Message: fmt.Sprintf("The file is larger than the %d bytes this server takes.", max)})
		return
	case body.n == 0:
		fail(videoagent.Invalid("", "The upload is empty."))
		return
	case u.DeclaredSize > 0 && body.n != u.DeclaredSize:
		fail(videoagent.Invalid("size_bytes", "%d bytes arrived but the upload announced %d; send the whole file again.", body.n, u.DeclaredSize))
		return
	}
	u.Status, u.BlobKey, u.SizeBytes, u.SHA256 = videoagent.UploadUploaded, key, body.n, hex.EncodeToString(h.Sum(nil))
	if err := s.Store.UpdateUpload(ctx, u); err != nil {
		fail(err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"asset_id": u.ID, "size_bytes": u.SizeBytes, "checksum_sha256": u.SHA256, "status": u.Status}))
}

// completeUpload finalises a direct upload: it checks the checksum, sniffs the file's type
// from its bytes and makes it an asset under the upload's id. Completing again returns the
// asset.
func (s *Server) completeUpload(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ChecksumSHA256 *string `json:"checksum_sha256"`
	}
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &req); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	ctx := r.Context()
	acct := account(r).ID
	id := r.PathValue("asset_id")
	u, err := s.Store.Upload(ctx, acct, id)
	if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
		if a, aerr := s.Store.Asset(ctx, acct, id); aerr == nil {
			writeJSON(w, http.StatusOK, data(s.uploadedAssetJSON(a)))
			return
		}
		s.writeError(w, r, videoagent.Errorf(videoagent.ENOTFOUND, "Asset %s not found.", videoagent.Shorten(id, maxIDChars)))
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	switch u.Status {
	case videoagent.UploadReady:
		a, err := s.Store.Asset(ctx, acct, u.ID)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, data(s.uploadedAssetJSON(a)))
		return
	case videoagent.UploadPending:
		s.writeError(w, r, &videoagent.Error{Code: videoagent.ECONFLICT, Param: "asset_id",
			Message: fmt.Sprintf("No file has arrived for asset %s yet; PUT it to the upload_url first.", u.ID)})
		return
	case videoagent.UploadFailed:
		s.writeError(w, r, videoagent.Invalid("asset_id", "Upload %s failed: %s", u.ID, u.Error))
		return
	}
	refuse := func(param, msg string) {
		u.Status, u.Error = videoagent.UploadFailed, msg
		if err := s.Store.UpdateUpload(context.WithoutCancel(ctx), u); err != nil {
			s.log.Warn("record failed upload", "asset_id", u.ID, "err", err)
		}
		s.Blobs.Delete(context.WithoutCancel(ctx), u.BlobKey)
		s.writeError(w, r, videoagent.Invalid(param, "%s", msg))
	}
	sum := strings.ToLower(strings.TrimSpace(videoagent.Deref(req.ChecksumSHA256)))
	if sum != "" && !validSHA256(sum) {
		s.writeError(w, r, videoagent.Invalid("checksum_sha256", "checksum_sha256 must be the file's SHA-256 as 64 hex digits."))
		return
	}
	for _, want := range []string{u.DeclaredSHA256, sum} {
		if want != "" && want != u.SHA256 {
			refuse("checksum_sha256", fmt.Sprintf("The file's SHA-256 is %s, not %s: it was damaged on the way; upload it again.", u.SHA256, want))
			return
		}
	}
	b, err := s.Blobs.Open(ctx, u.BlobKey)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(b, head)
	b.Close()
	typ := ingest.SniffUpload(head[:n])
	if typ == "" {
		refuse("asset_id", "Unsupported file type; upload PNG, JPEG, WebP, GIF, MP4, WebM, MP3, WAV, PDF, SRT or text.")
		return
	}
	a := &videoagent.Asset{ID: u.ID, AccountID: acct, Name: u.Name, MimeType: typ, SizeBytes: u.SizeBytes, BlobKey: u.BlobKey}
	if err := s.Store.CreateAsset(ctx, a); err != nil {
		s.writeError(w, r, err)
		return
	}
	u.Status, u.Error = videoagent.UploadReady, ""
	if err := s.Store.UpdateUpload(ctx, u); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.uploadedAssetJSON(a)))
}

// uploadedAssetJSON is an asset with its upload status (ready).
func (s *Server) uploadedAssetJSON(a *videoagent.Asset) map[string]any {
	out := s.assetJSON(a)
	out["asset_id"] = a.ID
	out["status"] = videoagent.UploadReady
	return out
}

// assetStatuses answers GET /v3/assets/statuses?asset_ids=a,b: each id's upload status
// (pending_upload, uploaded, ready, failed) or not_found, in the order asked.
func (s *Server) assetStatuses(w http.ResponseWriter, r *http.Request) {
	ids, err := splitIDs("asset_ids", r.URL.Query().Get("asset_ids"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if b := strings.TrimSpace(r.URL.Query().Get("batch_ids")); b != "" {
		s.writeError(w, r, videoagent.Invalid("batch_ids", "Asset upload batches are not supported by this server; pass asset_ids."))
		return
	}
	ctx := r.Context()
	acct := account(r).ID
	out := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		item := map[string]any{"asset_id": id, "status": "not_found", "error": nil, "size_bytes": nil, "mime_type": nil}
		if a, err := s.Store.Asset(ctx, acct, id); err == nil {
			item["status"], item["size_bytes"], item["mime_type"] = videoagent.UploadReady, a.SizeBytes, a.MimeType
		} else if u, err := s.Store.Upload(ctx, acct, id); err == nil {
			item["status"] = u.Status
			if u.SizeBytes > 0 {
				item["size_bytes"] = u.SizeBytes
			}
			if u.Error != "" {
				item["error"] = map[string]any{"code": videoagent.EINVALID, "message": u.Error}
			}
		} else if c := videoagent.ErrorCode(err); c != videoagent.ENOTFOUND {
			s.writeError(w, r, err)
			return
		}
		out = append(out, item)
	}
	writeJSON(w, http.StatusOK, list(out, ""))
}
