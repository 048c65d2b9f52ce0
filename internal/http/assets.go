package http

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// MaxAssetBytes bounds one uploaded file: the bound of the files requests send.
const MaxAssetBytes = ingest.DefaultMaxBytes

// assetRoutes registers the asset endpoints.
func (s *Server) assetRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v3/assets", s.createAsset)
	mux.HandleFunc("GET /v3/assets", s.listAssets)
	mux.HandleFunc("GET /v3/assets/{asset_id}", s.getAsset)
	mux.HandleFunc("DELETE /v3/assets/{asset_id}", s.deleteAsset)
}

// createAsset stores the multipart field `file`, streaming: it sniffs the first bytes,
// then copies the rest to the blob store, refusing more than MaxAssetBytes with 413.
func (s *Server) createAsset(w http.ResponseWriter, r *http.Request) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		s.writeError(w, r, videoagent.Invalid("file", "Send the file as multipart/form-data in a field named \"file\"."))
		return
	}
	// The whole body may exceed the file by the multipart framing; 1 MB is plenty.
	r.Body = http.MaxBytesReader(w, r.Body, MaxAssetBytes+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		s.writeError(w, r, videoagent.Invalid("file", "The multipart body is malformed: %s.", err.Error()))
		return
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			s.writeError(w, r, videoagent.Invalid("file", "No field named \"file\" in the form."))
			return
		}
		if err != nil {
			s.writeError(w, r, uploadError(err))
			return
		}
		if part.FormName() != "file" {
			continue
		}
		s.storeUpload(w, r, part)
		return
	}
}

func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &videoagent.Error{Code: videoagent.ETOOLARGE, Param: "file", Message: "The file is larger than 32 MB."}
	}
	return videoagent.Invalid("file", "The upload could not be read: %s.", err.Error())
}

func (s *Server) storeUpload(w http.ResponseWriter, r *http.Request, part io.Reader) {
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(part, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		s.writeError(w, r, uploadError(err))
		return
	}
	head = head[:n]
	if n == 0 {
		s.writeError(w, r, videoagent.Invalid("file", "The file is empty."))
		return
	}
	typ := ingest.SniffUpload(head)
	if typ == "" {
		s.writeError(w, r, videoagent.Invalid("file", "Unsupported file type; upload PNG, JPEG, WebP, GIF, MP4, WebM, MP3, WAV, PDF, SRT or text."))
		return
	}
	name := "upload"
	if p, ok := part.(interface{ FileName() string }); ok && p.FileName() != "" {
		name = path.Base(p.FileName())
	}
	if !utf8.ValidString(name) || len(name) > 255 {
		name = "upload"
	}
	a := &videoagent.Asset{ID: videoagent.NewID(), AccountID: account(r).ID, Name: name, MimeType: typ}
	a.BlobKey = "assets/" + a.ID + ingest.UploadExtension(typ)
	counter := &countingReader{r: io.MultiReader(bytes.NewReader(head), io.LimitReader(part, MaxAssetBytes+1-int64(n)))}
	if err := s.Blobs.Put(r.Context(), a.BlobKey, counter); err != nil {
		s.Blobs.Delete(r.Context(), a.BlobKey)
		if counter.err != nil { // the upload broke off: say so, not where it was going
			err = uploadError(counter.err)
		}
		s.writeError(w, r, err)
		return
	}
	if counter.n > MaxAssetBytes {
		s.Blobs.Delete(r.Context(), a.BlobKey)
		s.writeError(w, r, uploadError(&http.MaxBytesError{Limit: MaxAssetBytes}))
		return
	}
	a.SizeBytes = counter.n
	if err := s.Store.CreateAsset(r.Context(), a); err != nil {
		s.Blobs.Delete(r.Context(), a.BlobKey)
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(map[string]any{
		"asset_id": a.ID, "url": s.fileURL(a.BlobKey), "mime_type": a.MimeType, "size_bytes": a.SizeBytes,
	}))
}

type countingReader struct {
	r   io.Reader
	n   int64
	err error // the first read error other than io.EOF
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

func (s *Server) assetJSON(a *videoagent.Asset) map[string]any {
	return map[string]any{
		"id":          a.ID,
		"name":        a.Name,
		"type":        ingest.UploadKind(a.MimeType),
		"mime_type":   a.MimeType,
		"size_bytes":  a.SizeBytes,
		"owner":       a.AccountID,
		"space_id":    a.AccountID,
		"folder_id":   nil,
		"uploaded_at": a.CreatedAt.Unix(),
		"url":         s.fileURL(a.BlobKey),
	}
}

func (s *Server) getAsset(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.Asset(r.Context(), account(r).ID, r.PathValue("asset_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.assetJSON(a)))
}

func (s *Server) listAssets(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 20, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	assets, next, err := s.Store.ListAssets(r.Context(), account(r).ID, p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(assets))
	for _, a := range assets {
		out = append(out, s.assetJSON(a))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (s *Server) deleteAsset(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.DeleteAsset(r.Context(), account(r).ID, r.PathValue("asset_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Blobs.Delete(r.Context(), a.BlobKey); err != nil {
		s.log.Warn("delete asset file", "key", a.BlobKey, "err", err)
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"id": a.ID}))
}
