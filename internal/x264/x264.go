// Package x264 encodes I420 frames into H.264 with libx264, in the process: no ffmpeg to
// start per segment (about 0.07 s of CPU each, most of it the dynamic linking of ffmpeg's
// 200 libraries) and no pipe to copy every frame through. Its encoder is set up as
// ffmpeg's libx264 wrapper sets it up for `-c:v libx264 -preset P -crf C -x264-params X
// -profile:v high -level:v L -g G -colorspace bt709 ...`, which the renderer ran before.
package x264

/*
#cgo LDFLAGS: -lx264
#include <stdlib.h>
#include "shim.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

// Options set up an encoder.
type Options struct {
	Width, Height, FPS int
	// Preset is x264's preset ("ultrafast", ...).
	Preset string
	// CRF is the constant rate factor.
	CRF int
	// Params are extra options, "key=value:key=value", as ffmpeg's -x264-params.
	Params string
	// Level is the H.264 level times ten (41 for 4.1).
	Level int
	// KeyInt is the longest distance between key frames, in frames.
	KeyInt int
	// Threads is x264's thread count; 0 lets x264 choose.
	Threads int
}

// Frame is one coded frame: its NAL units, each with a four-byte length before it.
type Frame struct {
	Data []byte
	Key  bool
	// PTS is the number of the frame in input order.
	PTS int64
}

// Encoder encodes frames of one stream. It is not safe for concurrent use.
type Encoder struct {
	enc      *C.x264_t
	opt      Options
	sps, pps []byte
	pts      int64
	// idr makes the next frame an IDR frame (see Restart); drained is set once frames
	// held back were drained, after which x264 takes no more frames.
	idr, drained bool
}

// Open starts an encoder. The caller closes it.
func Open(opt Options) (*Encoder, error) {
	if opt.Width <= 0 || opt.Height <= 0 || opt.Width%2 != 0 || opt.Height%2 != 0 || opt.FPS <= 0 {
		return nil, fmt.Errorf("x264: frames of %dx%d at %d fps", opt.Width, opt.Height, opt.FPS)
	}
	preset, params := C.CString(opt.Preset), C.CString(opt.Params)
	defer C.free(unsafe.Pointer(preset))
	defer C.free(unsafe.Pointer(params))
	var msg [256]C.char
	enc := C.ova_x264_open(preset, params, C.int(opt.Width), C.int(opt.Height), C.int(opt.FPS), C.int(opt.CRF),
		C.int(opt.KeyInt), C.int(opt.Level), C.int(opt.Threads), &msg[0], C.int(len(msg)))
	if enc == nil {
		return nil, errors.New("x264: " + C.GoString(&msg[0]))
	}
	e := &Encoder{enc: enc, opt: opt}
	var sps, pps *C.uint8_t
	var spsLen, ppsLen C.int
	if C.ova_x264_headers(enc, &sps, &spsLen, &pps, &ppsLen) != 0 {
		e.Close()
		return nil, errors.New("x264: no SPS or PPS")
	}
	e.sps = C.GoBytes(unsafe.Pointer(sps), spsLen)
	e.pps = C.GoBytes(unsafe.Pointer(pps), ppsLen)
	return e, nil
}

// SPS and PPS are the stream's parameter sets, without length prefixes, for the sample
// description.
func (e *Encoder) SPS() []byte { return e.sps }

// PPS: see SPS.
func (e *Encoder) PPS() []byte { return e.pps }

// Encode encodes one I420 frame (the Y plane, then U and V, rows unpadded) and calls out
// with each coded frame it gives back (none, while x264 holds frames back). The frame's
// bytes are copied before Encode returns; f.Data is valid only during out.
func (e *Encoder) Encode(frame []byte, out func(f Frame) error) error {
	w, h := e.opt.Width, e.opt.Height
	if len(frame) != w*h*3/2 {
		return fmt.Errorf("x264: a frame of %d bytes, want %d", len(frame), w*h*3/2)
	}
	y := (*C.uint8_t)(unsafe.Pointer(&frame[0]))
	u := (*C.uint8_t)(unsafe.Pointer(&frame[w*h]))
	v := (*C.uint8_t)(unsafe.Pointer(&frame[w*h+w*h/4]))
	err := e.encode(y, u, v, out)
	runtime.KeepAlive(frame)
	e.pts++
	return err
}

// Restart makes the next frame start a new stream: an IDR frame, which with the frames
// after it decodes alone, with the same SPS and PPS. Opening an encoder costs several
// milliseconds of CPU (x264 computes its tables), so one encoder can code one segment
// after another. It fails when x264 holds frames back or had to be drained (presets with
// B-frames or lookahead, several threads): open a new encoder then. Only the rate
// control's recent history carries over into the new stream.
func (e *Encoder) Restart() error {
	if e.drained || C.x264_encoder_delayed_frames(e.enc) > 0 {
		return errors.New("x264: the encoder holds frames back; open a new one")
	}
	e.idr = true
	return nil
}

// Flush gives back the frames x264 still holds.
func (e *Encoder) Flush(out func(f Frame) error) error {
	for C.x264_encoder_delayed_frames(e.enc) > 0 {
		e.drained = true
		if err := e.encode(nil, nil, nil, out); err != nil {
			return err
		}
	}
	return nil
}

func (e *Encoder) encode(y, u, v *C.uint8_t, out func(f Frame) error) error {
	var data *C.uint8_t
	var key C.int
	var pts C.int64_t
	idr := C.int(0)
	if e.idr && y != nil {
		idr, e.idr = 1, false
	}
	n := C.ova_x264_encode(e.enc, y, u, v, C.int(e.opt.Width), C.int(e.opt.Height), C.int64_t(e.pts), idr, &data, &key, &pts)
	if n < 0 {
		return errors.New("x264: encoding a frame failed")
	}
	if n == 0 {
		return nil
	}
	return out(Frame{Data: unsafe.Slice((*byte)(unsafe.Pointer(data)), int(n)), Key: key != 0, PTS: int64(pts)})
}

// Close frees the encoder.
func (e *Encoder) Close() {
	if e.enc != nil {
		C.x264_encoder_close(e.enc)
		e.enc = nil
	}
}
