package speech

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// DecodeWAV decodes a RIFF WAVE file of PCM (8, 16, 24 or 32 bits) or IEEE float (32 or 64
// bits) samples, any number of channels (mixed down to mono), into 16-bit mono samples. It
// accepts the streamed form whose RIFF and data sizes are 0 or 0xFFFFFFFF (the data then
// runs to the end).
func DecodeWAV(b []byte) (int, []int16, error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return 0, nil, errors.New("the audio is not a WAV file")
	}
	var format, channels, bits int
	rate := 0
	pos := 12
	for pos+8 <= len(b) {
		id := string(b[pos : pos+4])
		size := int(binary.LittleEndian.Uint32(b[pos+4:]))
		body := pos + 8
		switch id {
		case "fmt ":
			if size < 16 || body+16 > len(b) {
				return 0, nil, errors.New("WAV: short fmt chunk")
			}
			format = int(binary.LittleEndian.Uint16(b[body:]))
			channels = int(binary.LittleEndian.Uint16(b[body+2:]))
			rate = int(binary.LittleEndian.Uint32(b[body+4:]))
			bits = int(binary.LittleEndian.Uint16(b[body+14:]))
			if format == 0xFFFE && size >= 26 && body+26 <= len(b) { // WAVE_FORMAT_EXTENSIBLE
				format = int(binary.LittleEndian.Uint16(b[body+24:]))
			}
		case "data":
			if format == 0 || channels == 0 || rate == 0 {
				return 0, nil, errors.New("WAV: data before fmt")
			}
			end := body + size
			if size == 0 || size == 0xFFFFFFFF || end > len(b) {
				end = len(b)
			}
			s, err := pcm(b[body:end], format, channels, bits)
			return rate, s, err
		}
		if size == 0xFFFFFFFF {
			break
		}
		pos = body + size + size%2
	}
	return 0, nil, errors.New("WAV: no data chunk")
}

func pcm(d []byte, format, channels, bits int) ([]int16, error) {
	if channels < 1 || channels > 16 {
		return nil, fmt.Errorf("WAV: %d channels", channels)
	}
	bps := bits / 8
	switch {
	case format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32):
	case format == 3 && (bits == 32 || bits == 64):
	default:
		return nil, fmt.Errorf("WAV: unsupported sample format %d with %d bits", format, bits)
	}
	frame := bps * channels
	n := len(d) / frame
	out := make([]int16, n)
	for i := 0; i < n; i++ {
		var sum float64
		for c := 0; c < channels; c++ {
			p := d[i*frame+c*bps:]
			var v float64
			switch {
			case format == 3 && bits == 32:
				v = float64(math.Float32frombits(binary.LittleEndian.Uint32(p))) * 32767
			case format == 3:
				v = math.Float64frombits(binary.LittleEndian.Uint64(p)) * 32767
			case bits == 8:
				v = (float64(p[0]) - 128) * 256
			case bits == 16:
				v = float64(int16(binary.LittleEndian.Uint16(p)))
			case bits == 24:
				v = float64(int32(uint32(p[0])<<8|uint32(p[1])<<16|uint32(p[2])<<24)>>8) / 256
			default:
				v = float64(int32(binary.LittleEndian.Uint32(p))) / 65536
			}
			sum += v
		}
		v := math.Round(sum / float64(channels))
		out[i] = int16(max(-32768, min(32767, v)))
	}
	return out, nil
}

// EncodeWAV writes 16-bit mono samples as a WAV file.
func EncodeWAV(rate int, samples []int16) []byte {
	b := make([]byte, 44+2*len(samples))
	copy(b, "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+2*len(samples)))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1)
	binary.LittleEndian.PutUint16(b[22:], 1)
	binary.LittleEndian.PutUint32(b[24:], uint32(rate))
	binary.LittleEndian.PutUint32(b[28:], uint32(2*rate))
	binary.LittleEndian.PutUint16(b[32:], 2)
	binary.LittleEndian.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(2*len(samples)))
	for i, s := range samples {
		binary.LittleEndian.PutUint16(b[44+2*i:], uint16(s))
	}
	return b
}
