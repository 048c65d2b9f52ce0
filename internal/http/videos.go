package http

import (
	"net/http"
	"strings"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
)

// videoJSON is the v3 Video resource. File URLs are signed afresh on every read.
func (s *Server) videoJSON(v *videoagent.Video) map[string]any {
	m := map[string]any{
		"id":                  v.ID,
		"status":              v.Status,
		"title":               nullString(v.Title),
		"created_at":          v.CreatedAt.Unix(),
		"completed_at":        nil,
		"duration":            nil,
		"video_url":           nil,
		"captioned_video_url": nil,
		"subtitle_url":        nil,
		"thumbnail_url":       nil,
		"gif_url":             nil,
		"video_page_url":      nil,
		"folder_id":           nil,
		"output_language":     nil,
		"failure_code":        nil,
		"failure_message":     nil,
	}
	if !v.CompletedAt.IsZero() {
		m["completed_at"] = v.CompletedAt.Unix()
	}
	if v.Status == videoagent.VideoCompleted {
		m["duration"] = v.Duration
		m["video_url"] = s.fileURL(v.VideoKey)
		m["thumbnail_url"] = s.fileURL(v.ThumbnailKey)
		m["subtitle_url"] = s.fileURL(v.SubtitleKey)
		m["gif_url"] = s.fileURL(v.GIFKey)
		m["captioned_video_url"] = s.fileURL(v.CaptionedKey)
	}
	if v.Status == videoagent.VideoFailed {
		m["failure_code"] = v.FailureCode
		m["failure_message"] = v.FailureMessage
	}
	return m
}

func (s *Server) getVideo(w http.ResponseWriter, r *http.Request) {
	v, err := s.Store.Video(r.Context(), account(r).ID, r.PathValue("video_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(s.videoJSON(v)))
}

func (s *Server) listVideos(w http.ResponseWriter, r *http.Request) {
	p, err := pageParams(r, 10, 100)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	title := r.URL.Query().Get("title")
	if utf8.RuneCountInString(title) > 200 {
		s.writeError(w, r, videoagent.Invalid("title", "title must be at most 200 characters."))
		return
	}
	acct := account(r)
	// The title filter is a case-insensitive substring match applied page by page, so a
	// filtered page may hold fewer than limit items while has_more is still true.
	videos, next, err := s.Store.ListVideos(r.Context(), acct.ID, "", p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(videos))
	for _, v := range videos {
		if title != "" && !strings.Contains(strings.ToLower(v.Title), strings.ToLower(title)) {
			continue
		}
		out = append(out, s.videoJSON(v))
	}
	writeJSON(w, http.StatusOK, list(out, next))
}

func (s *Server) deleteVideo(w http.ResponseWriter, r *http.Request) {
	v, err := s.Store.DeleteVideo(r.Context(), account(r).ID, r.PathValue("video_id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for _, k := range []string{v.VideoKey, v.ThumbnailKey, v.SubtitleKey, strings.TrimSuffix(v.SubtitleKey, ".srt") + ".vtt", v.GIFKey, v.CaptionedKey} {
		if k != "" && k != ".vtt" {
			if err := s.Blobs.Delete(r.Context(), k); err != nil {
				s.log.Warn("delete video file", "key", k, "err", err)
			}
		}
	}
	writeJSON(w, http.StatusOK, data(map[string]any{"id": v.ID, "deleted": true}))
}
