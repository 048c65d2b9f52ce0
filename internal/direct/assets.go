package direct

import (
	"fmt"

	videoagent "github.com/openvideoagent/videoagent"
)

// Asset kinds an AssetInput must have where it is used.
const (
	KindImage = "image" // PNG, JPEG, WebP or GIF (the first frame)
	KindVideo = "video" // MP4 or WebM
	KindAudio = "audio" // MP3 or WAV
)

// AssetRef is one file a request refers to, for the caller to resolve: fetch a URL, decode
// base64, or look up an asset id, then check that the file is a usable Kind and store it.
type AssetRef struct {
	// Param names the input, and keys its Resolved entry: "image", "scenes[2].source",
	// "background", "audio_url", "videos[1].watermark.image".
	Param string
	// Field names the exact field to blame when the file is unusable:
	// "scenes[2].source.asset_id", "image.url", "image.data", "audio_url".
	Field string
	Kind  string
	Input AssetInput
}

// Resolved is a stored, checked asset.
type Resolved struct {
	AssetID  string
	MimeType string
	// Width and Height of an image, in pixels.
	Width, Height int
	// Duration of a video or audio file, in seconds.
	Duration float64
}

// Assets lists the files the request refers to, in request order. Call it after Validate.
func (r *Request) Assets() []AssetRef {
	var out []AssetRef
	p := r.prefix
	add := func(param, kind string, in *AssetInput) {
		if in == nil {
			return
		}
		field := param + "." + videoagent.Deref(in.Type)
		if videoagent.Deref(in.Type) == "base64" {
			field = param + ".data"
		}
		out = append(out, AssetRef{Param: param, Field: field, Kind: kind, Input: *in})
	}
	audio := func(pp string, u, id *string) {
		if u != nil {
			out = append(out, AssetRef{Param: pp + "audio_url", Field: pp + "audio_url", Kind: KindAudio, Input: AssetInput{Type: ptr("url"), URL: u}})
		}
		if id != nil {
			out = append(out, AssetRef{Param: pp + "audio_asset_id", Field: pp + "audio_asset_id", Kind: KindAudio, Input: AssetInput{Type: ptr("asset_id"), AssetID: id}})
		}
	}
	switch r.Kind() {
	case TypeAvatar, TypeImage:
		if r.Kind() == TypeImage {
			add(p+"image", KindImage, r.Image)
		}
		audio(p, r.AudioURL, r.AudioAssetID)
		if b := r.Background; b != nil && videoagent.Deref(b.Type) == "image" {
			if videoagent.Deref(b.URL) != "" {
				out = append(out, AssetRef{Param: p + "background", Field: p + "background.url", Kind: KindImage, Input: AssetInput{Type: ptr("url"), URL: b.URL}})
			} else if videoagent.Deref(b.AssetID) != "" {
				out = append(out, AssetRef{Param: p + "background", Field: p + "background.asset_id", Kind: KindImage, Input: AssetInput{Type: ptr("asset_id"), AssetID: b.AssetID}})
			}
		}
	case TypeStudio:
		for i, sc := range r.Scenes {
			sp := fmt.Sprintf("%sscenes[%d].", p, i)
			switch videoagent.Deref(sc.Type) {
			case SceneAvatarVideo:
				if in := sc.Input; in != nil {
					if videoagent.Deref(in.Type) == InputImage {
						add(sp+"input.image", KindImage, in.Image)
					}
					audio(sp+"input.", in.AudioURL, in.AudioAssetID)
				}
			case SceneImage:
				add(sp+"source", KindImage, sc.Source)
				audio(sp, sc.AudioURL, sc.AudioAssetID)
			case SceneVideo:
				add(sp+"source", KindVideo, sc.Source)
			}
		}
	}
	if w := r.Watermark; w != nil {
		add(p+"watermark.image", KindImage, w.Image)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
