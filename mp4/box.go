package mp4

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// box is one ISO BMFF box: its four-character type and its contents after the header.
type box struct {
	typ  string
	body []byte
}

// parseBoxes splits b into the boxes it holds, one after another.
func parseBoxes(b []byte) ([]box, error) {
	var out []box
	err := scanBoxes(bytes.NewReader(b), int64(len(b)), func(typ string, off, hdr, size int64) {
		out = append(out, box{typ: typ, body: b[off+hdr : off+size]})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanBoxes reads the headers of the boxes that fill the first end bytes of r, one after
// another, and calls visit with each: its type, where it starts, the length of its header
// (8, or 16 with a 64-bit size) and its whole size. It is the one reader of box headers,
// for a file's top level (TopLevelAtoms) and for boxes in memory (parseBoxes).
func scanBoxes(r io.ReaderAt, end int64, visit func(typ string, off, hdr, size int64)) error {
	var h [16]byte
	for off := int64(0); off < end; {
		if end-off < 8 {
			return fmt.Errorf("%w: %d stray bytes after the last box", ErrUnsupported, end-off)
		}
		if _, err := r.ReadAt(h[:8], off); err != nil {
			return fmt.Errorf("box header at %d: %w", off, err)
		}
		size, hdr := int64(binary.BigEndian.Uint32(h[:4])), int64(8)
		switch size {
		case 0: // to the end
			size = end - off
		case 1: // a 64-bit size follows the type
			if end-off < 16 {
				return fmt.Errorf("%w: truncated box header", ErrUnsupported)
			}
			if _, err := r.ReadAt(h[8:16], off+8); err != nil {
				return fmt.Errorf("large box size at %d: %w", off, err)
			}
			// A size past 2^63 turns negative here and fails the check below.
			size, hdr = int64(binary.BigEndian.Uint64(h[8:16])), 16
		}
		if size < hdr || size > end-off {
			return fmt.Errorf("%w: box %q at %d of %d bytes in %d", ErrUnsupported, h[4:8], off, size, end)
		}
		visit(string(h[4:8]), off, hdr, size)
		off += size
	}
	return nil
}

// child returns the body of the only box of type typ among bs.
func child(bs []box, typ string) ([]byte, error) {
	var found []byte
	n := 0
	for _, b := range bs {
		if b.typ == typ {
			found = b.body
			n++
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("%w: %d %q boxes, want 1", ErrUnsupported, n, typ)
	}
	return found, nil
}

// descend follows a path of container boxes from b's contents and returns the last one's
// body.
func descend(b []byte, path ...string) ([]byte, error) {
	for _, typ := range path {
		bs, err := parseBoxes(b)
		if err != nil {
			return nil, err
		}
		if b, err = child(bs, typ); err != nil {
			return nil, fmt.Errorf("%s: %w", typ, err)
		}
	}
	return b, nil
}

// fields reads big-endian fields from a box body, remembering the first overrun.
type fields struct {
	b   []byte
	err error
}

func (f *fields) take(n int) []byte {
	if f.err != nil || len(f.b) < n {
		if f.err == nil {
			f.err = fmt.Errorf("%w: box shorter than its fields", ErrUnsupported)
		}
		return make([]byte, n)
	}
	v := f.b[:n]
	f.b = f.b[n:]
	return v
}

func (f *fields) u8() uint8   { return f.take(1)[0] }
func (f *fields) u16() uint16 { return binary.BigEndian.Uint16(f.take(2)) }
func (f *fields) u32() uint32 { return binary.BigEndian.Uint32(f.take(4)) }
func (f *fields) u64() uint64 { return binary.BigEndian.Uint64(f.take(8)) }

// builder writes boxes.
type builder struct{ b []byte }

func (w *builder) u8(v uint8)   { w.b = append(w.b, v) }
func (w *builder) u16(v uint16) { w.b = binary.BigEndian.AppendUint16(w.b, v) }
func (w *builder) u32(v uint32) { w.b = binary.BigEndian.AppendUint32(w.b, v) }
func (w *builder) u64(v uint64) { w.b = binary.BigEndian.AppendUint64(w.b, v) }
func (w *builder) raw(v []byte) { w.b = append(w.b, v...) }
func (w *builder) zeros(n int)  { w.b = append(w.b, make([]byte, n)...) }

// box writes a box of type typ whose contents body writes.
func (w *builder) box(typ string, body func()) {
	start := len(w.b)
	w.u32(0)
	w.raw([]byte(typ))
	body()
	binary.BigEndian.PutUint32(w.b[start:], uint32(len(w.b)-start))
}

// full writes a full box: version and flags, then what body writes.
func (w *builder) full(typ string, version uint8, flags uint32, body func()) {
	w.box(typ, func() {
		w.u32(uint32(version)<<24 | flags)
		body()
	})
}

// readAt reads n bytes at off.
func readAt(r io.ReaderAt, off int64, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}
