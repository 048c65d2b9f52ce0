// Package mp4 joins H.264 MP4 segments and an ADTS AAC stream into one MP4 whose index
// comes first (fast start), copying the coded samples. It does what
// `ffmpeg -f concat -c copy -movflags +faststart` did at the end of every render, for the
// segments the renderer writes, without a process start, a probe of every segment and a
// second pass over the file: at the end of a render nothing else runs, so that time was
// all waited for. It is also the one reader of MP4 box headers (TopLevelAtoms,
// MoovBeforeMdat).
package mp4

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// ErrUnsupported means an input is not of the kind Join copies faithfully (segments
// encoded differently, several edits, sample tables with groups or dependencies, more
// than one track, audio that is not ADTS AAC), or not a well-formed sequence of boxes; the
// caller can join the files another way.
var ErrUnsupported = errors.New("mp4: unsupported input")

// Join writes to out the video of segments, played one after the other, and the AAC audio
// of the ADTS file audio, both copied, with the index before the media data. The segments
// must share their sample description (same encoder settings). Each segment's video and
// the audio of the same span are written together, so that a player streaming the file
// reads it in order.
func Join(out string, segments []string, audio string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := JoinTo(f, segments, audio); err != nil {
		f.Close()
		os.Remove(out)
		return err
	}
	return f.Close()
}

// JoinTo is Join writing the joined MP4 to w, from its first byte to its last in order
// (the index first), so that w may be a network stream or an upload.
func JoinTo(w io.Writer, segments []string, audio string) error {
	var segs []*segment
	for _, p := range segments {
		s, err := readSegment(p)
		if err != nil {
			return err
		}
		if len(segs) > 0 && !segs[0].compatible(s) {
			return fmt.Errorf("%w: %s and %s are encoded differently", ErrUnsupported, segs[0].path, p)
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return fmt.Errorf("%w: no segments", ErrUnsupported)
	}
	adts, err := os.ReadFile(audio)
	if err != nil {
		return err
	}
	aac, err := parseADTS(adts)
	if err != nil {
		return err
	}
	return plan(segs, aac).write(w)
}

// sizeLimit is the largest size or offset a 32-bit field holds; past it, mdat takes a
// 64-bit size and chunk offsets go in co64. A variable, so that tests take those paths
// with small files.
var sizeLimit int64 = math.MaxUint32

// layout is the joined file: its chunks in file order, and each track's samples.
type layout struct {
	segs   []*segment
	aac    *aacStream
	chunks []chunk
	// The video track's samples: segment and index in it, in order.
	video []sampleRef
}

type sampleRef struct{ seg, i int }

// chunk is a run of one track's samples, stored together: video samples [lo, hi) of the
// joined track, or audio frames [lo, hi).
type chunk struct {
	audio  bool
	lo, hi int
	size   int64
	offset int64 // in the output
}

// plan puts each segment's video in one chunk and the audio frames that start before the
// segment ends in the chunk after it.
func plan(segs []*segment, aac *aacStream) *layout {
	l := &layout{segs: segs, aac: aac}
	ts := int64(segs[0].timescale)
	var end int64 // the video's end so far, in ts units
	nextFrame := 0
	for k, s := range segs {
		c := chunk{lo: len(l.video)}
		for i := range s.sizes {
			l.video = append(l.video, sampleRef{k, i})
			c.size += int64(s.sizes[i])
			end += int64(s.durations[i])
		}
		c.hi = len(l.video)
		l.chunks = append(l.chunks, c)
		a := chunk{audio: true, lo: nextFrame}
		// Frame j starts at j*1024/rate seconds: before end/ts when j*1024*ts < end*rate.
		for nextFrame < len(aac.frames) && (k == len(segs)-1 || int64(nextFrame)*1024*ts < end*int64(aac.rate)) {
			a.size += int64(len(aac.frames[nextFrame]))
			nextFrame++
		}
		a.hi = nextFrame
		if a.hi > a.lo {
			l.chunks = append(l.chunks, a)
		}
	}
	return l
}

// write writes the file: ftyp, moov, then mdat with the chunks.
func (l *layout) write(w io.Writer) error {
	var data int64
	for _, c := range l.chunks {
		data += c.size
	}
	ftyp := l.segs[0].ftyp
	large := data+8 > sizeLimit
	mdatHeader := int64(8)
	if large {
		mdatHeader = 16
	}
	// The index's size does not depend on the offsets it holds (their width is chosen
	// from the data's size), so it is built once to measure, then again with them.
	wide := data+1<<24 > sizeLimit
	moov := l.moov(wide)
	start := int64(len(ftyp)) + int64(len(moov)) + mdatHeader
	off := start
	for i := range l.chunks {
		l.chunks[i].offset = off
		off += l.chunks[i].size
	}
	moov = l.moov(wide)
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.Write(ftyp)
	bw.Write(moov)
	var mb builder
	if large {
		mb.u32(1)
		mb.raw([]byte("mdat"))
		mb.u64(uint64(data + 16))
	} else {
		mb.u32(uint32(data + 8))
		mb.raw([]byte("mdat"))
	}
	bw.Write(mb.b)
	files := make([]*os.File, len(l.segs))
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	for _, c := range l.chunks {
		if c.audio {
			for _, fr := range l.aac.frames[c.lo:c.hi] {
				bw.Write(fr)
			}
			continue
		}
		// A segment's samples mostly lie one after another: copy each run at once.
		for i := c.lo; i < c.hi; {
			ref := l.video[i]
			s := l.segs[ref.seg]
			if files[ref.seg] == nil {
				f, err := os.Open(s.path)
				if err != nil {
					return err
				}
				files[ref.seg] = f
			}
			from, n := s.offsets[ref.i], int64(s.sizes[ref.i])
			i++
			for i < c.hi && l.video[i].seg == ref.seg && s.offsets[l.video[i].i] == from+n {
				n += int64(s.sizes[l.video[i].i])
				i++
			}
			if _, err := io.Copy(bw, io.NewSectionReader(files[ref.seg], from, n)); err != nil {
				return fmt.Errorf("%s: %w", s.path, err)
			}
		}
	}
	return bw.Flush()
}
