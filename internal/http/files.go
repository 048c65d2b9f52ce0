package http

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

var contentTypes = map[string]string{
	".mp4":  "video/mp4",
	".webm": "video/webm",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".gif":  "image/gif",
	".srt":  "application/x-subrip",
	".vtt":  "text/vtt; charset=utf-8",
	".wav":  "audio/wav",
	".mp3":  "audio/mpeg",
	".json": "application/json",
	".pdf":  "application/pdf",
}

// FileURL returns a signed, expiring URL for a blob key ("" for an empty key), for other
// parts of the server that hand out links, such as webhook events.
func (s *Server) FileURL(key string) string {
	if u := s.fileURL(key); u != nil {
		return *u
	}
	return ""
}

// fileURL returns a signed, expiring URL for a blob key, or nil for an empty key.
func (s *Server) fileURL(key string) *string {
	if key == "" {
		return nil
	}
	exp := time.Now().Add(s.URLTTL).Unix()
	u := strings.TrimRight(s.PublicURL, "/") + "/files/" + (&url.URL{Path: key}).EscapedPath() +
		"?expires=" + strconv.FormatInt(exp, 10) + "&signature=" + s.sign(key, exp)
	return &u
}

func (s *Server) sign(key string, exp int64) string {
	m := hmac.New(sha256.New, s.URLSecret)
	m.Write([]byte(key))
	m.Write([]byte{'\n'})
	m.Write([]byte(strconv.FormatInt(exp, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// serveFile serves a blob by signed URL, with Range support from http.ServeContent.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	exp, err := strconv.ParseInt(r.URL.Query().Get("expires"), 10, 64)
	if err != nil {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "This file link is not valid."))
		return
	}
	if !hmac.Equal([]byte(s.sign(key, exp)), []byte(r.URL.Query().Get("signature"))) {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "This file link is not valid."))
		return
	}
	if time.Now().Unix() > exp {
		s.writeError(w, r, videoagent.Errorf(videoagent.EFORBIDDEN, "This file link has expired; fetch the resource again for a fresh link."))
		return
	}
	b, err := s.Blobs.Open(r.Context(), key)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer b.Close()
	ext := strings.ToLower(path.Ext(key))
	ct := contentTypes[ext]
	if ct == "" {
		ct = mime.TypeByExtension(ext)
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	http.ServeContent(w, r, path.Base(key), b.ModTime(), b)
}
