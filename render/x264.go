package render

import (
	"fmt"
	"os"

	"github.com/openvideoagent/videoagent/internal/x264"
	"github.com/openvideoagent/videoagent/mp4"
)

// x264Options are the encoder settings every segment shares, so that segments join
// without re-encoding (see package x264 for how they match ffmpeg's libx264 wrapper).
func (r *Renderer) x264Options(w, h, fps, threads int) x264.Options {
	level := 41
	if w*h > 1920*1088 {
		level = 51
	}
	return x264.Options{Width: w, Height: h, FPS: fps, Preset: r.opt.Preset, CRF: r.opt.CRF, Params: r.x264Params(),
		Level: level, KeyInt: fps * 5, Threads: threads}
}

// segmentEncoder encodes one segment's frames in the process, each Write one whole I420
// frame, into an MP4 segment written to a file by finish; restart readies it for the next.
type segmentEncoder struct {
	enc       *x264.Encoder
	seg       *mp4.Segment
	w, h, fps int
}

func (r *Renderer) newSegmentEncoder(w, h, fps, threads int) (*segmentEncoder, error) {
	enc, err := x264.Open(r.x264Options(w, h, fps, threads))
	if err != nil {
		return nil, err
	}
	seg, err := mp4.NewSegment(w, h, fps, enc.SPS(), enc.PPS())
	if err != nil {
		enc.Close()
		return nil, err
	}
	return &segmentEncoder{enc: enc, seg: seg, w: w, h: h, fps: fps}, nil
}

// restart readies s for another segment after finish, with the same x264 (whose next
// frame is then an IDR frame), which saves opening one: about 6 ms of CPU at 720p, for
// every segment. It fails when x264 cannot go on (see x264.Encoder.Restart); close s and
// open another encoder then.
func (s *segmentEncoder) restart() error {
	if err := s.enc.Restart(); err != nil {
		return err
	}
	seg, err := mp4.NewSegment(s.w, s.h, s.fps, s.enc.SPS(), s.enc.PPS())
	if err != nil {
		return err
	}
	s.seg = seg
	return nil
}

// add keeps a coded frame in the segment.
func (s *segmentEncoder) add(f x264.Frame) error {
	s.seg.Add(f.Data, f.Key)
	return nil
}

// Write encodes the frame p. x264 has copied it when Write returns.
func (s *segmentEncoder) Write(p []byte) (int, error) {
	if err := s.enc.Encode(p, s.add); err != nil {
		return 0, err
	}
	return len(p), nil
}

// finish drains the encoder and writes the segment to path (through a temporary file
// beside it, so that the cache never holds a partial segment).
func (s *segmentEncoder) finish(path string, frames int) error {
	if err := s.enc.Flush(s.add); err != nil {
		return err
	}
	if n := s.seg.Frames(); n != frames {
		return fmt.Errorf("the encoder gave %d frames of %d", n, frames)
	}
	tmp := path + ".tmp" + randSuffix()
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := s.seg.WriteTo(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return publish(tmp, path)
}

// close frees the encoder.
func (s *segmentEncoder) close() { s.enc.Close() }
