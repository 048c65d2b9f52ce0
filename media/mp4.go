package media

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// Atom is one top-level box of an MP4 (ISO BMFF) file.
type Atom struct {
	Type   string // four characters, e.g. "ftyp", "moov", "mdat"
	Offset int64  // where the box starts
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
	end := st.Size()
	var atoms []Atom
	var hdr [16]byte
	for off := int64(0); off < end; {
		if _, err := f.ReadAt(hdr[:8], off); err != nil {
			return nil, fmt.Errorf("%s: box header at %d: %w", path, off, err)
		}
		size := int64(binary.BigEndian.Uint32(hdr[:4]))
		typ := string(hdr[4:8])
		switch size {
		case 0: // box extends to the end of the file
			size = end - off
		case 1: // 64-bit size follows the type
			if _, err := f.ReadAt(hdr[8:16], off+8); err != nil {
				return nil, fmt.Errorf("%s: large box size at %d: %w", path, off, err)
			}
			size = int64(binary.BigEndian.Uint64(hdr[8:16]))
		}
		if size < 8 || off+size > end {
			return nil, fmt.Errorf("%s: box %q at %d has a bad size %d", path, typ, off, size)
		}
		atoms = append(atoms, Atom{Type: typ, Offset: off, Size: size})
		off += size
	}
	return atoms, nil
}

// ErrNoMovie means a file has no moov or no mdat box: it is not a playable MP4.
var ErrNoMovie = errors.New("media: no moov or mdat box")

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
