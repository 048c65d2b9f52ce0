package mp4

import (
	"errors"
	"fmt"
	"os"
)

// Atom is one top-level box of an MP4 (ISO BMFF) file.
type Atom struct {
	Type   string // four characters, e.g. "ftyp", "moov", "mdat"
	Offset int64  // where the box starts
	Header int64  // the length of its header: 8, or 16 with a 64-bit size
	Size   int64  // the whole box, header included
}

// TopLevelAtoms lists the top-level boxes of an MP4 file in file order, reading only the
// box headers.
func TopLevelAtoms(path string) ([]Atom, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var atoms []Atom
	err = scanBoxes(f, st.Size(), func(typ string, off, hdr, size int64) {
		atoms = append(atoms, Atom{Type: typ, Offset: off, Header: hdr, Size: size})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return atoms, nil
}

// ErrNoMovie means a file has no moov or no mdat box: it is not a playable MP4.
var ErrNoMovie = errors.New("mp4: no moov or mdat box")

// MoovBeforeMdat reports whether the movie header (moov) precedes the media data (mdat), as
// progressive playback ("faststart") needs.
func MoovBeforeMdat(path string) (bool, error) {
	atoms, err := TopLevelAtoms(path)
	if err != nil {
		return false, err
	}
	moov, mdat := -1, -1
	for i, a := range atoms {
		if a.Type == "moov" && moov < 0 {
			moov = i
		}
		if a.Type == "mdat" && mdat < 0 {
			mdat = i
		}
	}
	if moov < 0 || mdat < 0 {
		return false, fmt.Errorf("%s: %w", path, ErrNoMovie)
	}
	return moov < mdat, nil
}
