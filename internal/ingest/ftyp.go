package ingest

import (
	"bytes"
	"encoding/binary"
)

// Types of ISO base media files (those that start with an ftyp box) that are not MP4
// video: Sniff names them so that messages can say what a file is, and callers refuse them.
const (
	TypeM4A  = "audio/mp4"       // M4A/M4B audio, or an MP4 with sound tracks only
	TypeMOV  = "video/quicktime" // QuickTime MOV
	TypeHEIF = "image/heif"      // HEIC/HEIF stills (iPhone photos)
	TypeAVIF = "image/avif"
)

// brandClass sorts ftyp brands (ISO/IEC 14496-12, the MP4 registration authority's list).
var brandClass = map[string]string{
	// MP4 video.
	"isom": TypeMP4, "iso2": TypeMP4, "iso3": TypeMP4, "iso4": TypeMP4, "iso5": TypeMP4,
	"iso6": TypeMP4, "iso7": TypeMP4, "iso8": TypeMP4, "iso9": TypeMP4, "mp41": TypeMP4,
	"mp42": TypeMP4, "mp71": TypeMP4, "avc1": TypeMP4, "dash": TypeMP4, "msdh": TypeMP4,
	"msix": TypeMP4, "mmp4": TypeMP4, "M4V ": TypeMP4, "M4VH": TypeMP4, "M4VP": TypeMP4,
	"f4v ": TypeMP4, "3gp4": TypeMP4, "3gp5": TypeMP4, "3gp6": TypeMP4, "3gp7": TypeMP4,
	"3gg6": TypeMP4, "3g2a": TypeMP4, "3g2b": TypeMP4, "3g2c": TypeMP4, "XAVC": TypeMP4,
	// Audio.
	"M4A ": TypeM4A, "M4B ": TypeM4A, "M4P ": TypeM4A, "F4A ": TypeM4A, "F4B ": TypeM4A,
	// QuickTime.
	"qt  ": TypeMOV,
	// Still images and image sequences.
	"heic": TypeHEIF, "heix": TypeHEIF, "heim": TypeHEIF, "heis": TypeHEIF, "hevc": TypeHEIF,
	"hevx": TypeHEIF, "hevm": TypeHEIF, "hevs": TypeHEIF, "mif1": TypeHEIF, "msf1": TypeHEIF,
	"heif": TypeHEIF, "avif": TypeAVIF, "avis": TypeAVIF,
}

// sniffFtyp types a file that starts with an ftyp box by its brands: the major brand when
// it is known, else the compatible brands (images, then audio, then QuickTime, then MP4
// video, so that a picture that also lists "iso8" stays a picture). An MP4-branded file
// whose track handlers are all sound, none video, is audio. It returns "" for brands it
// does not know.
func sniffFtyp(b []byte) string {
	size := int(binary.BigEndian.Uint32(b[:4]))
	if size < 16 || size > len(b) || size > 4096 {
		size = min(len(b), 4096)
	}
	major := string(b[8:12])
	class := brandClass[major]
	if class == "" {
		found := map[string]bool{}
		for i := 16; i+4 <= size; i += 4 {
			found[brandClass[string(b[i:i+4])]] = true
		}
		for _, c := range []string{TypeAVIF, TypeHEIF, TypeM4A, TypeMOV, TypeMP4} {
			if found[c] {
				class = c
				break
			}
		}
	}
	if class == TypeMP4 && !hasHandler(b, "vide") && hasHandler(b, "soun") {
		return TypeM4A
	}
	return class
}

// hasHandler reports whether a track's hdlr box declares handler type h ("vide", "soun"):
// "hdlr", version and flags, pre_defined, then the type.
func hasHandler(b []byte, h string) bool {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("hdlr"))
		if i < 0 {
			return false
		}
		j := off + i + 12
		if j+4 <= len(b) && string(b[j:j+4]) == h {
			return true
		}
		off += i + 4
	}
}
