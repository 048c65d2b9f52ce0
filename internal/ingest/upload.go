package ingest

import "regexp"

// TypeSRT is a SubRip subtitle file, which an upload may be (Sniff takes it for text).
const TypeSRT = "application/x-subrip"

// uploadKinds are the types an upload may have, with the v3 asset `type` of each.
var uploadKinds = map[string]string{
	TypePNG: "image", TypeJPEG: "image", TypeWebP: "image", TypeGIF: "image",
	TypeMP4: "video", TypeWebM: "video",
	TypeMP3: "audio", TypeWAV: "audio",
	TypePDF: "pdf", TypeText: "text", TypeMarkdown: "text",
	TypeSRT: "subtitle",
}

// srtCue matches the first cue of a SubRip file: an index line, then a time range.
var srtCue = regexp.MustCompile(`^\x{FEFF}?\s*\d+\s*\r?\n\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d`)

// SniffUpload returns the MIME type of an uploaded file from its first bytes, "" when an
// upload may not be of its type.
func SniffUpload(head []byte) string {
	t := Sniff(head)
	if (t == TypeText || t == "") && srtCue.Match(head) {
		return TypeSRT
	}
	if _, ok := uploadKinds[t]; ok {
		return t
	}
	return ""
}

// UploadKind is the v3 asset `type` of an uploaded file's MIME type: image, video, audio,
// pdf, text or subtitle ("" for another type).
func UploadKind(mimeType string) string { return uploadKinds[mimeType] }

// UploadExtension is the file extension, with the dot, an uploaded file is stored with.
func UploadExtension(mimeType string) string {
	if mimeType == TypeSRT {
		return ".srt"
	}
	if e := Extension(mimeType); e != "" {
		return e
	}
	return ".bin"
}
