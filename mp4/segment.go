package mp4

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// segment is the video track of one segment file: where each of its samples lies in the
// file, how long each lasts, and which are sync samples.
type segment struct {
	path string
	ftyp []byte // the file's ftyp box, whole
	tkhd []byte // the track header's body
	// entry is the sample description (type, then fields and child boxes), less its
	// bit rate box, which differs from segment to segment.
	entryType string
	entry     []byte
	timescale uint32
	sizes     []uint32
	durations []uint32 // in timescale units
	offsets   []int64
	sync      []bool
	// cts holds each sample's composition offset (B-frames), nil without; delay is where
	// the segment's edit starts showing it, the offset of its first frame.
	cts   []int32
	delay int64
}

// readSegment reads the index of a one-track H.264 MP4 segment as the renderer's encoder
// writes it: at most one edit, at normal rate, which starts at the first frame shown.
func readSegment(path string) (*segment, error) {
	atoms, err := TopLevelAtoms(path)
	if err != nil {
		if !errors.Is(err, ErrUnsupported) {
			err = fmt.Errorf("%w: %w", ErrUnsupported, err)
		}
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &segment{path: path}
	var moov []byte
	for _, a := range atoms {
		switch a.Type {
		case "ftyp":
			s.ftyp, err = readAt(f, a.Offset, int(a.Size))
		case "moov":
			moov, err = readAt(f, a.Offset+a.Header, int(a.Size-a.Header))
		}
		if err != nil {
			return nil, err
		}
	}
	if moov == nil || s.ftyp == nil {
		return nil, fmt.Errorf("%w: %s has no moov or no ftyp", ErrUnsupported, path)
	}
	if err := s.parseMoov(moov); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func (s *segment) parseMoov(moov []byte) error {
	bs, err := parseBoxes(moov)
	if err != nil {
		return err
	}
	trak, err := child(bs, "trak")
	if err != nil {
		return err
	}
	tbs, err := parseBoxes(trak)
	if err != nil {
		return err
	}
	if s.tkhd, err = child(tbs, "tkhd"); err != nil {
		return err
	}
	if elst, err := descend(trak, "edts", "elst"); err == nil {
		if s.delay, err = editStart(elst); err != nil {
			return err
		}
	}
	mdia, err := child(tbs, "mdia")
	if err != nil {
		return err
	}
	hdlr, err := descend(mdia, "hdlr")
	if err != nil {
		return err
	}
	if len(hdlr) < 12 || string(hdlr[8:12]) != "vide" {
		return fmt.Errorf("%w: not a video track", ErrUnsupported)
	}
	mdhd, err := descend(mdia, "mdhd")
	if err != nil {
		return err
	}
	m := fields{b: mdhd}
	if m.u8() == 1 {
		m.take(3 + 16)
	} else {
		m.take(3 + 8)
	}
	s.timescale = m.u32()
	if m.err != nil || s.timescale == 0 {
		return fmt.Errorf("%w: media header", ErrUnsupported)
	}
	stbl, err := descend(mdia, "minf", "stbl")
	if err != nil {
		return err
	}
	return s.parseSampleTable(stbl)
}

// editStart returns where the edit list shows the media from: one edit at normal rate,
// after empty edits. An empty edit delays a segment by its encoder's reordering delay
// where the segmenter cut a stream with B-frames (its first segment starts at a negative
// decoding time); joined, the segment must start at once, so that is ignored.
func editStart(elst []byte) (int64, error) {
	f := fields{b: elst}
	v := f.u8()
	f.take(3)
	n := f.u32()
	for ; n > 0 && f.err == nil; n-- {
		var at int64
		if v == 1 {
			f.u64()
			at = int64(f.u64())
		} else {
			f.u32()
			at = int64(int32(f.u32()))
		}
		rate := f.u32()
		if at == -1 && n > 1 { // empty
			continue
		}
		if f.err != nil || n != 1 || at < 0 || rate != 1<<16 {
			return 0, fmt.Errorf("%w: an edit from %d at rate %#x, of %d", ErrUnsupported, at, rate, n)
		}
		return at, nil
	}
	return 0, fmt.Errorf("%w: an empty edit list", ErrUnsupported)
}

func (s *segment) parseSampleTable(stbl []byte) error {
	bs, err := parseBoxes(stbl)
	if err != nil {
		return err
	}
	var chunkOffsets []int64
	var stsc [][3]uint32
	var syncs []uint32
	hasSync := false
	for _, b := range bs {
		f := fields{b: b.body}
		f.take(4) // version and flags
		switch b.typ {
		case "stsd":
			if err := s.parseEntry(b.body); err != nil {
				return err
			}
		case "stts":
			for n := f.u32(); n > 0 && f.err == nil; n-- {
				count, delta := f.u32(), f.u32()
				for ; count > 0 && f.err == nil; count-- {
					s.durations = append(s.durations, delta)
				}
			}
		case "stss":
			hasSync = true
			for n := f.u32(); n > 0 && f.err == nil; n-- {
				syncs = append(syncs, f.u32())
			}
		case "stsz":
			size, n := f.u32(), f.u32()
			for ; n > 0 && f.err == nil; n-- {
				v := size
				if size == 0 {
					v = f.u32()
				}
				s.sizes = append(s.sizes, v)
			}
		case "stsc":
			for n := f.u32(); n > 0 && f.err == nil; n-- {
				stsc = append(stsc, [3]uint32{f.u32(), f.u32(), f.u32()})
			}
		case "ctts":
			for n := f.u32(); n > 0 && f.err == nil; n-- {
				count, off := f.u32(), int32(f.u32()) // version 0 offsets are small enough
				for ; count > 0 && f.err == nil; count-- {
					s.cts = append(s.cts, off)
				}
			}
		case "stco", "co64":
			for n := f.u32(); n > 0 && f.err == nil; n-- {
				if b.typ == "stco" {
					chunkOffsets = append(chunkOffsets, int64(f.u32()))
				} else {
					chunkOffsets = append(chunkOffsets, int64(f.u64()))
				}
			}
		default: // composition offsets, sample dependencies, groups: not what is expected
			return fmt.Errorf("%w: sample table box %q", ErrUnsupported, b.typ)
		}
		if f.err != nil {
			return fmt.Errorf("%s: %w", b.typ, f.err)
		}
	}
	n := len(s.sizes)
	if n == 0 || len(s.durations) != n || s.entry == nil || s.cts != nil && len(s.cts) != n {
		return fmt.Errorf("%w: %d sample sizes, %d durations, %d composition offsets", ErrUnsupported, n, len(s.durations), len(s.cts))
	}
	if s.cts == nil && s.delay != 0 {
		return fmt.Errorf("%w: an edit from %d without composition offsets", ErrUnsupported, s.delay)
	}
	// Each chunk's samples lie one after another from the chunk's offset.
	s.offsets = make([]int64, 0, n)
	for c, off := range chunkOffsets {
		per := uint32(0)
		for _, e := range stsc {
			if e[0] <= uint32(c+1) {
				per = e[1]
			}
		}
		for ; per > 0 && len(s.offsets) < n; per-- {
			s.offsets = append(s.offsets, off)
			off += int64(s.sizes[len(s.offsets)-1])
		}
	}
	if len(s.offsets) != n {
		return fmt.Errorf("%w: chunks hold %d of %d samples", ErrUnsupported, len(s.offsets), n)
	}
	s.sync = make([]bool, n)
	for i := range s.sync {
		s.sync[i] = !hasSync
	}
	for _, k := range syncs {
		if k == 0 || int(k) > n {
			return fmt.Errorf("%w: sync sample %d of %d", ErrUnsupported, k, n)
		}
		s.sync[k-1] = true
	}
	if !s.sync[0] {
		return fmt.Errorf("%w: the first sample is not a sync sample", ErrUnsupported)
	}
	return nil
}

// visualEntryFields is the size of a visual sample entry's fields, before its boxes.
const visualEntryFields = 78

// parseEntry keeps the one sample description of stsd, without its bit rate box.
func (s *segment) parseEntry(stsd []byte) error {
	if len(stsd) < 8 || binary.BigEndian.Uint32(stsd[4:]) != 1 {
		return fmt.Errorf("%w: not one sample description", ErrUnsupported)
	}
	entries, err := parseBoxes(stsd[8:])
	if err != nil || len(entries) != 1 || len(entries[0].body) < visualEntryFields {
		return fmt.Errorf("%w: sample description", ErrUnsupported)
	}
	e := entries[0]
	kids, err := parseBoxes(e.body[visualEntryFields:])
	if err != nil {
		return err
	}
	var w builder
	w.raw(e.body[:visualEntryFields])
	for _, k := range kids {
		if k.typ != "btrt" {
			w.box(k.typ, func() { w.raw(k.body) })
		}
	}
	s.entryType, s.entry = e.typ, w.b
	return nil
}

// compatible reports whether t's samples can follow s's in one track.
func (s *segment) compatible(t *segment) bool {
	return s.timescale == t.timescale && s.entryType == t.entryType && bytes.Equal(s.entry, t.entry) &&
		s.delay == t.delay && (s.cts == nil) == (t.cts == nil)
}
