package mp4

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestMoovBeforeMdat(t *testing.T) {
	dir := t.TempDir()
	slow := encodeSegment(t, dir, 0, 10, "64x48")
	fast := encodeSegment(t, dir, 0, 10, "64x48", "-preset", "ultrafast", "-movflags", "+faststart")
	if ok, err := MoovBeforeMdat(fast); err != nil || !ok {
		t.Errorf("faststart file: %v %v", ok, err)
	}
	if ok, err := MoovBeforeMdat(slow); err != nil || ok {
		t.Errorf("plain file: %v %v", ok, err)
	}
	atoms, err := TopLevelAtoms(fast)
	if err != nil || len(atoms) < 3 || atoms[0].Type != "ftyp" || atoms[0].Offset != 0 || atoms[0].Header != 8 {
		t.Errorf("atoms %+v %v", atoms, err)
	}
	ftyp := filepath.Join(dir, "ftyp-only.mp4")
	if err := os.WriteFile(ftyp, rawBox("ftyp", 8, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := MoovBeforeMdat(ftyp); !errors.Is(err, ErrNoMovie) {
		t.Errorf("a file of only ftyp: %v, want ErrNoMovie", err)
	}
}

// rawBox is a box of type typ with n zero bytes of contents, its header hdr bytes long (16:
// a 64-bit size).
func rawBox(typ string, hdr, n int) []byte {
	b := make([]byte, hdr+n)
	copy(b[4:], typ)
	if hdr == 16 {
		binary.BigEndian.PutUint32(b, 1)
		binary.BigEndian.PutUint64(b[8:], uint64(hdr+n))
	} else {
		binary.BigEndian.PutUint32(b, uint32(hdr+n))
	}
	return b
}

// The file reader (TopLevelAtoms) and the in-memory one (parseBoxes) read box headers
// alike: 32- and 64-bit sizes, a last box that runs to the end.
func TestBoxHeaders(t *testing.T) {
	toEnd := rawBox("mdat", 8, 5)
	binary.BigEndian.PutUint32(toEnd, 0)
	file := bytes.Join([][]byte{rawBox("ftyp", 8, 4), rawBox("free", 16, 3), toEnd}, nil)
	want := []Atom{{"ftyp", 0, 8, 12}, {"free", 12, 16, 19}, {"mdat", 31, 8, 13}}

	path := filepath.Join(t.TempDir(), "boxes.mp4")
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	atoms, err := TopLevelAtoms(path)
	if err != nil || len(atoms) != len(want) {
		t.Fatalf("TopLevelAtoms: %+v %v", atoms, err)
	}
	bs, err := parseBoxes(file)
	if err != nil || len(bs) != len(want) {
		t.Fatalf("parseBoxes: %+v %v", bs, err)
	}
	for i, w := range want {
		if atoms[i] != w {
			t.Errorf("atom %d: %+v, want %+v", i, atoms[i], w)
		}
		if bs[i].typ != w.Type || len(bs[i].body) != int(w.Size-w.Header) {
			t.Errorf("box %d: %q of %d bytes, want %+v", i, bs[i].typ, len(bs[i].body), w)
		}
	}

	tooLong := rawBox("moov", 8, 4)
	binary.BigEndian.PutUint32(tooLong, 100)
	hugeSize := rawBox("moov", 16, 4)
	binary.BigEndian.PutUint64(hugeSize[8:], 1<<63+20)
	for name, b := range map[string][]byte{
		"stray bytes":      append(rawBox("ftyp", 8, 0), 0, 0, 0),
		"past the end":     tooLong,
		"shorter than hdr": append([]byte{0, 0, 0, 4}, "free"...),
		"64-bit, huge":     hugeSize,
		"truncated 64-bit": append([]byte{0, 0, 0, 1}, "moov\x00\x00"...),
	} {
		if _, err := parseBoxes(b); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: %v, want ErrUnsupported", name, err)
		}
	}
}
