package ingest

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Types Sniff recognises.
const (
	TypePNG      = "image/png"
	TypeJPEG     = "image/jpeg"
	TypeGIF      = "image/gif"
	TypeWebP     = "image/webp"
	TypeMP4      = "video/mp4"
	TypeWebM     = "video/webm"
	TypeMP3      = "audio/mpeg"
	TypeWAV      = "audio/wav"
	TypePDF      = "application/pdf"
	TypeText     = "text/plain"
	TypeMarkdown = "text/markdown"
	TypeHTML     = "text/html"
)

// Extension returns the file extension for a sniffed type, with the dot.
func Extension(mimeType string) string {
	switch mimeType {
	case TypePNG:
		return ".png"
	case TypeJPEG:
		return ".jpg"
	case TypeGIF:
		return ".gif"
	case TypeWebP:
		return ".webp"
	case TypeMP4:
		return ".mp4"
	case TypeM4A:
		return ".m4a"
	case TypeMOV:
		return ".mov"
	case TypeHEIF:
		return ".heic"
	case TypeAVIF:
		return ".avif"
	case TypeWebM:
		return ".webm"
	case TypeMP3:
		return ".mp3"
	case TypeWAV:
		return ".wav"
	case TypePDF:
		return ".pdf"
	case TypeMarkdown:
		return ".md"
	case TypeText:
		return ".txt"
	}
	return ".bin"
}

// Sniff returns the type of a file from its bytes, never from a name or a header: one of
// the Type* constants, TypeHTML for web pages (which callers refuse), or "" when the
// bytes are none of the supported types.
func Sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return TypeGIF
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return TypeWebP
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE":
		return TypeWAV
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		return sniffFtyp(b)
	case bytes.HasPrefix(b, []byte{0x1A, 0x45, 0xDF, 0xA3}):
		return TypeWebM
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(b, []byte("ID3")):
		return TypeMP3
	case len(b) >= 4 && b[0] == 0xFF && b[1]&0xE0 == 0xE0 && b[1]&0x06 != 0 && b[2]&0xF0 != 0xF0:
		return TypeMP3 // an MPEG audio frame header (layer set, valid bitrate)
	}
	if isHTML(b) {
		return TypeHTML
	}
	if isText(b) {
		if looksMarkdown(b) {
			return TypeMarkdown
		}
		return TypeText
	}
	return ""
}

func isHTML(b []byte) bool {
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	s := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(string(head), "\uFEFF")))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<title", "<!--", "<?xml"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return strings.HasPrefix(http.DetectContentType(b), "text/html")
}

// isText accepts UTF-8 without control characters other than whitespace.
func isText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	check := b
	if len(check) > 64<<10 {
		check = check[:64<<10]
		// Do not judge a rune cut at the end.
		for i := 0; i < 3 && !utf8.Valid(check); i++ {
			check = check[:len(check)-1]
		}
	}
	if !utf8.Valid(check) {
		return false
	}
	for _, c := range check {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			return false
		}
	}
	return true
}

func looksMarkdown(b []byte) bool {
	for _, line := range strings.SplitN(string(b), "\n", 200) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "## ") || strings.HasPrefix(t, "```") ||
			(strings.HasPrefix(t, "[") && strings.Contains(t, "](")) {
			return true
		}
	}
	return false
}

var reMDLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
