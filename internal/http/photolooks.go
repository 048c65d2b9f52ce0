package http

import (
	"context"
	"net/http"
	"strings"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/direct"
	"github.com/openvideoagent/videoagent/internal/ingest"
)

// photoNote says plainly what a photo presenter is.
const photoNote = "A photo presenter is your photo framed with a slow pan and zoom while the narration plays; it does not move its lips (no lip sync)."

type photoLookRequest struct {
	Name         *string `json:"name"`
	ImageAssetID *string `json:"image_asset_id"`
	AssetID      *string `json:"asset_id"` // accepted for image_asset_id
	Gender       *string `json:"gender"`
	VoiceID      *string `json:"voice_id"`
}

// createPhotoLook makes a photo presenter from an uploaded PNG or JPEG: a look of the
// account that presents direct videos (POST /v3/videos, type avatar) as the existing
// image video does, without lip sync.
func (a *avatarAPI) createPhotoLook(w http.ResponseWriter, r *http.Request, req photoLookRequest) {
	s := a.s
	id := strings.TrimSpace(videoagent.Deref(req.ImageAssetID))
	if id == "" {
		id = strings.TrimSpace(videoagent.Deref(req.AssetID))
	}
	if id == "" {
		s.writeError(w, r, videoagent.Invalid("image_asset_id", "image_asset_id is required for a photo presenter: a PNG or JPEG uploaded with POST /v3/assets."))
		return
	}
	asset, err := s.Store.Asset(r.Context(), account(r).ID, id)
	if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
		s.writeError(w, r, videoagent.Invalid("image_asset_id", "Asset %s not found; upload the photo with POST /v3/assets.", videoagent.Shorten(id, 64)))
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if asset.MimeType != ingest.TypePNG && asset.MimeType != ingest.TypeJPEG {
		s.writeError(w, r, videoagent.Invalid("image_asset_id", "The photo must be a PNG or JPEG (asset %s is %s).", id, asset.MimeType))
		return
	}
	gender := videoagent.Deref(req.Gender)
	if gender != "" && gender != "female" && gender != "male" {
		s.writeError(w, r, videoagent.Invalid("gender", "gender must be female or male."))
		return
	}
	name, err := lookName(req.Name, "My photo presenter")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	l := &videoagent.OwnLook{ID: videoagent.OwnLookPrefix + videoagent.NewID(), AccountID: account(r).ID, Name: name,
		Kind: videoagent.OwnLookPhoto, Gender: gender, PhotoAssetID: asset.ID}
	if l.DefaultVoiceID, err = a.voiceFor(videoagent.Deref(req.VoiceID), gender); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.Store.CreateOwnLook(r.Context(), l); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data(a.photoLookJSON(r.Context(), l)))
}

// photoLookJSON is a photo presenter as a look resource: its preview is the photo.
func (a *avatarAPI) photoLookJSON(ctx context.Context, l *videoagent.OwnLook) map[string]any {
	m := a.lookJSON(ownLookAsLook(l), "", "")
	if asset, err := a.s.Store.Asset(ctx, l.AccountID, l.PhotoAssetID); err == nil {
		m["preview_image_url"] = a.s.fileURL(asset.BlobKey)
	}
	m["avatar_id"], m["look_id"], m["type"], m["ownership"] = l.ID, l.ID, l.Kind, "private"
	m["avatar_type"] = "photo_avatar"
	m["image_asset_id"] = l.PhotoAssetID
	m["lip_sync"] = false
	m["note"] = photoNote
	m["supported_api_engines"] = []string{}
	return m
}

// photoPresenter turns a direct avatar video whose avatar_id is one of the account's
// photo presenters into the image video it is (the photo framed with pan and zoom, the
// look's voice unless the request names one). Other requests are left as they are.
func (s *Server) photoPresenter(ctx context.Context, accountID string, req *direct.Request) error {
	if videoagent.Deref(req.Type) != direct.TypeAvatar || !videoagent.IsOwnLookID(videoagent.Deref(req.AvatarID)) {
		return nil
	}
	l, err := s.ownLook(ctx, accountID, videoagent.Deref(req.AvatarID), req.Param("avatar_id"))
	if err != nil || l.Kind != videoagent.OwnLookPhoto {
		return err
	}
	typ, src, photo := direct.TypeImage, "asset_id", l.PhotoAssetID
	req.Type, req.AvatarID = &typ, nil
	req.Image = &direct.AssetInput{Type: &src, AssetID: &photo}
	if req.VoiceID == nil && l.DefaultVoiceID != "" && req.AudioURL == nil && req.AudioAssetID == nil {
		v := l.DefaultVoiceID
		req.VoiceID = &v
	}
	return nil
}

// refusePhotoInSession refuses a photo presenter for a Video Agent session: the agent's
// scenes need a drawn presenter.
func refusePhotoInSession(l *videoagent.OwnLook) error {
	if l == nil || l.Kind != videoagent.OwnLookPhoto {
		return nil
	}
	return videoagent.Invalid("avatar_id", "%s is a photo presenter, which presents direct videos only (POST /v3/videos with type avatar); a Video Agent session needs a drawn presenter.", l.ID)
}
