package mp4

import (
	"fmt"
	"io"
)

// Segment builds a one-track H.264 MP4 segment of the kind Join joins: the renderer's
// encoder adds each coded frame, in decoding order, and writes the file once the segment
// is complete, its index first. Frames are kept in memory until then: a segment of a few
// seconds holds a few hundred kilobytes.
type Segment struct {
	width, height int
	timescale     uint32
	frameDur      uint32
	sps, pps      []byte
	data          []byte
	sizes         []uint32
	syncs         []uint32 // 1-based, as stss counts
}

// NewSegment starts a segment of w x h frames at fps whose stream has the parameter sets
// sps and pps (without length prefixes). Its timescale is 90000, as ffmpeg's segments
// had, when a frame lasts a whole number of its ticks.
func NewSegment(w, h, fps int, sps, pps []byte) (*Segment, error) {
	if w <= 0 || h <= 0 || w > 0xffff || h > 0xffff || fps <= 0 {
		return nil, fmt.Errorf("mp4: a segment of %dx%d at %d fps", w, h, fps)
	}
	if len(sps) < 4 || len(pps) == 0 || len(sps) > 0xffff || len(pps) > 0xffff {
		return nil, fmt.Errorf("mp4: an SPS of %d bytes and a PPS of %d", len(sps), len(pps))
	}
	ts := uint32(90000)
	if int(ts)%fps != 0 {
		ts = uint32(fps)
	}
	return &Segment{width: w, height: h, timescale: ts, frameDur: ts / uint32(fps), sps: sps, pps: pps}, nil
}

// Add appends a coded frame (NAL units with four-byte length prefixes), a sync sample when
// key is set. The first frame must be one.
func (s *Segment) Add(frame []byte, key bool) {
	s.data = append(s.data, frame...)
	s.sizes = append(s.sizes, uint32(len(frame)))
	if key {
		s.syncs = append(s.syncs, uint32(len(s.sizes)))
	}
}

// Frames is how many frames were added.
func (s *Segment) Frames() int { return len(s.sizes) }

// WriteTo writes the segment: ftyp, moov, then mdat.
func (s *Segment) WriteTo(w io.Writer) (int64, error) {
	if len(s.sizes) == 0 || len(s.syncs) == 0 || s.syncs[0] != 1 {
		return 0, fmt.Errorf("mp4: a segment must start with a key frame")
	}
	var head builder
	head.box("ftyp", func() {
		head.raw([]byte("isom"))
		head.u32(0x200)
		head.raw([]byte("isomiso2avc1mp41"))
	})
	ftypLen := len(head.b)
	moov := s.moov(0)
	// The chunk offset depends on the index's size, which does not depend on the offset.
	moov = s.moov(uint32(ftypLen + len(moov) + 8))
	head.raw(moov)
	if int64(len(s.data))+8 > sizeLimit {
		return 0, fmt.Errorf("mp4: a segment of %d bytes", len(s.data))
	}
	head.u32(uint32(len(s.data) + 8))
	head.raw([]byte("mdat"))
	n, err := w.Write(head.b)
	if err != nil {
		return int64(n), err
	}
	m, err := w.Write(s.data)
	return int64(n + m), err
}

// moov is the segment's index, its one chunk at offset.
func (s *Segment) moov(offset uint32) []byte {
	var w builder
	n := uint32(len(s.sizes))
	dur := uint64(n) * uint64(s.frameDur)
	movieDur := toMovie(dur, s.timescale)
	size := make([]byte, 0, 8)
	size = append(size, byte(s.width>>8), byte(s.width), 0, 0, byte(s.height>>8), byte(s.height), 0, 0)
	w.box("moov", func() {
		w.full("mvhd", 0, 0, func() {
			w.zeros(8)
			w.u32(movieTimescale)
			w.u32(uint32(movieDur))
			w.u32(0x10000)
			w.u16(0x100)
			w.zeros(10)
			for _, m := range identity {
				w.u32(m)
			}
			w.zeros(24)
			w.u32(2)
		})
		w.box("trak", func() {
			trackHeader(&w, 1, movieDur, false, size, 0)
			w.box("mdia", func() {
				mediaHeader(&w, s.timescale, dur, "vide", "VideoHandler")
				w.box("minf", func() {
					w.full("vmhd", 0, 1, func() { w.zeros(8) })
					dataInfo(&w)
					w.box("stbl", func() {
						w.full("stsd", 0, 0, func() {
							w.u32(1)
							w.box("avc1", func() { s.sampleEntry(&w) })
						})
						w.full("stts", 0, 0, func() {
							w.u32(1)
							w.u32(n)
							w.u32(s.frameDur)
						})
						if len(s.syncs) < len(s.sizes) {
							w.full("stss", 0, 0, func() {
								w.u32(uint32(len(s.syncs)))
								for _, k := range s.syncs {
									w.u32(k)
								}
							})
						}
						w.full("stsc", 0, 0, func() {
							w.u32(1)
							w.u32(1)
							w.u32(n)
							w.u32(1)
						})
						w.full("stsz", 0, 0, func() {
							w.u32(0)
							w.u32(n)
							for _, z := range s.sizes {
								w.u32(z)
							}
						})
						w.full("stco", 0, 0, func() {
							w.u32(1)
							w.u32(offset)
						})
					})
				})
			})
		})
	})
	return w.b
}

// sampleEntry writes the avc1 entry's fields and its boxes: the decoder configuration
// (avcC) and the colour description (BT.709, limited range), as ffmpeg writes them.
func (s *Segment) sampleEntry(w *builder) {
	w.zeros(6)
	w.u16(1) // data reference 1
	w.zeros(16)
	w.u16(uint16(s.width))
	w.u16(uint16(s.height))
	w.u32(0x480000) // 72 dpi
	w.u32(0x480000)
	w.u32(0)
	w.u16(1) // one frame per sample
	w.zeros(32)
	w.u16(0x18) // colour, no alpha
	w.u16(0xffff)
	w.box("avcC", func() {
		profile := s.sps[1]
		w.u8(1)
		w.u8(profile)
		w.u8(s.sps[2])
		w.u8(s.sps[3])
		w.u8(0xff) // four-byte lengths
		w.u8(0xe1) // one SPS
		w.u16(uint16(len(s.sps)))
		w.raw(s.sps)
		w.u8(1)
		w.u16(uint16(len(s.pps)))
		w.raw(s.pps)
		if profile == 100 || profile == 110 || profile == 122 || profile == 144 {
			w.u8(0xfc | 1) // 4:2:0
			w.u8(0xf8)     // 8-bit luma
			w.u8(0xf8)     // 8-bit chroma
			w.u8(0)        // no SPS extensions
		}
	})
	w.box("colr", func() {
		w.raw([]byte("nclx"))
		w.u16(1) // BT.709 primaries
		w.u16(1) // transfer
		w.u16(1) // matrix
		w.u8(0)  // limited range
	})
}
