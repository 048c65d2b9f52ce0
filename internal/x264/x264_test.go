package x264_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent/internal/x264"
)

func options() x264.Options {
	return x264.Options{Width: 64, Height: 48, FPS: 30, Preset: "ultrafast", CRF: 23, Params: "8x8dct=1:deblock=1", Level: 41, KeyInt: 10, Threads: 1}
}

// TestOpenRefuses: what x264 would not encode is an error that names it, not a crash.
func TestOpenRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*x264.Options)
		want string
	}{
		{"odd width", func(o *x264.Options) { o.Width = 63 }, "63x48"},
		{"no fps", func(o *x264.Options) { o.FPS = 0 }, "0 fps"},
		{"unknown preset", func(o *x264.Options) { o.Preset = "warp" }, "preset warp"},
		{"unknown option", func(o *x264.Options) { o.Params = "8x8dct=1:nosuch=3" }, "nosuch=3"},
	} {
		o := options()
		c.edit(&o)
		e, err := x264.Open(o)
		if err == nil {
			e.Close()
			t.Errorf("%s: opened", c.name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want it to name %q", c.name, err, c.want)
		}
	}
}

// TestEncodeFrames encodes 25 frames: each comes back once, in order (the renderer's
// settings have no B-frames), as NAL units with length prefixes, key frames every KeyInt.
func TestEncodeFrames(t *testing.T) {
	e, err := x264.Open(options())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if sps, pps := e.SPS(), e.PPS(); len(sps) < 4 || sps[0]&0x1f != 7 || sps[1] != 100 || sps[3] != 41 || len(pps) == 0 || pps[0]&0x1f != 8 {
		t.Fatalf("SPS % x, PPS % x: want a High profile level 4.1 SPS and a PPS", sps, pps)
	}
	frame := make([]byte, 64*48*3/2)
	var got []x264.Frame
	keep := func(f x264.Frame) error {
		got = append(got, x264.Frame{Data: append([]byte(nil), f.Data...), Key: f.Key, PTS: f.PTS})
		return nil
	}
	for i := 0; i < 25; i++ {
		for j := range frame {
			frame[j] = byte(i*5 + j%64)
		}
		if err := e.Encode(frame, keep); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Flush(keep); err != nil {
		t.Fatal(err)
	}
	if err := e.Encode(frame[1:], keep); err == nil {
		t.Error("a short frame was encoded")
	}
	if len(got) != 25 {
		t.Fatalf("%d frames back, want 25", len(got))
	}
	for i, f := range got {
		if f.PTS != int64(i) || f.Key != (i%10 == 0) {
			t.Errorf("frame %d: pts %d, key %v", i, f.PTS, f.Key)
		}
		// Length-prefixed NAL units that cover the frame's bytes exactly.
		for b := f.Data; len(b) > 0; {
			n := int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3])
			if n == 0 || 4+n > len(b) {
				t.Fatalf("frame %d: a NAL unit of %d bytes in %d", i, n, len(b))
			}
			b = b[4+n:]
		}
	}
}

// nalTypes lists the types of a coded frame's length-prefixed NAL units.
func nalTypes(data []byte) []int {
	var types []int
	for len(data) > 4 {
		n := int(data[0])<<24 | int(data[1])<<16 | int(data[2])<<8 | int(data[3])
		types = append(types, int(data[4]&0x1f))
		data = data[4+n:]
	}
	return types
}

// TestRestart: after Restart the next frame is an IDR frame (NAL unit type 5), not just a
// key frame, so a segment can start there; the key frame interval counts from it. An
// encoder that holds frames back (B-frames and lookahead) refuses to restart.
func TestRestart(t *testing.T) {
	e, err := x264.Open(options())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	frame := make([]byte, 64*48*3/2)
	var got []x264.Frame
	keep := func(f x264.Frame) error {
		got = append(got, x264.Frame{Data: append([]byte(nil), f.Data...), Key: f.Key})
		return nil
	}
	for i := 0; i < 22; i++ {
		if i == 7 {
			if err := e.Flush(keep); err != nil {
				t.Fatal(err)
			}
			if err := e.Restart(); err != nil {
				t.Fatal(err)
			}
		}
		for j := range frame {
			frame[j] = byte(i*7 + j%61)
		}
		if err := e.Encode(frame, keep); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 22 {
		t.Fatalf("%d frames back, want 22", len(got))
	}
	for i, f := range got {
		idr := slices.Contains(nalTypes(f.Data), 5)
		if want := i == 0 || i == 7 || i == 17; f.Key != want || idr != want {
			t.Errorf("frame %d: key %v, IDR %v, want both %v", i, f.Key, idr, want)
		}
	}

	o := options()
	o.Preset, o.Threads = "medium", 2
	held, err := x264.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	for i := 0; i < 3; i++ {
		if err := held.Encode(frame, keep); err != nil {
			t.Fatal(err)
		}
	}
	if err := held.Restart(); err == nil {
		t.Error("an encoder holding frames back restarted")
	}
	if err := held.Flush(keep); err != nil {
		t.Fatal(err)
	}
	if err := held.Restart(); err == nil {
		t.Error("a drained encoder restarted")
	}
}
