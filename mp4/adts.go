package mp4

import (
	"fmt"
)

// adtsRates are the sampling frequencies of ADTS's sampling_frequency_index.
var adtsRates = []uint32{96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350}

// aacStream is an AAC stream read from ADTS frames: its raw frames (1024 samples each) and
// the AudioSpecificConfig an MP4 sample entry carries.
type aacStream struct {
	frames [][]byte
	asc    []byte
	rate   uint32
}

// parseADTS splits an ADTS stream into its raw AAC frames. Every frame must have the same
// profile, sampling frequency and channel configuration, and hold one raw data block.
func parseADTS(b []byte) (*aacStream, error) {
	s := &aacStream{}
	var first [3]int
	for off := 0; off < len(b); {
		h := b[off:]
		if len(h) < 7 || h[0] != 0xff || h[1]&0xf6 != 0xf0 {
			return nil, fmt.Errorf("%w: no ADTS frame at byte %d", ErrUnsupported, off)
		}
		hdr := 7
		if h[1]&1 == 0 { // a CRC follows the header
			hdr = 9
		}
		profile := int(h[2] >> 6)
		freq := int(h[2] >> 2 & 0xf)
		channels := int(h[2]&1)<<2 | int(h[3]>>6)
		length := int(h[3]&3)<<11 | int(h[4])<<3 | int(h[5]>>5)
		blocks := int(h[6] & 3)
		if length < hdr || length > len(h) || blocks != 0 || freq >= len(adtsRates) || channels == 0 {
			return nil, fmt.Errorf("%w: ADTS frame at byte %d: length %d, %d raw blocks, frequency index %d, channels %d",
				ErrUnsupported, off, length, blocks+1, freq, channels)
		}
		if cfg := [3]int{profile, freq, channels}; len(s.frames) == 0 {
			first = cfg
		} else if cfg != first {
			return nil, fmt.Errorf("%w: ADTS frame at byte %d changes the stream's format", ErrUnsupported, off)
		}
		s.frames = append(s.frames, h[hdr:length])
		off += length
	}
	if len(s.frames) == 0 {
		return nil, fmt.Errorf("%w: no audio frames", ErrUnsupported)
	}
	profile, freq, channels := first[0], first[1], first[2]
	// AudioSpecificConfig: object type (the ADTS profile + 1), frequency index, channel
	// configuration, then three zero flags.
	cfg := uint16(profile+1)<<11 | uint16(freq)<<7 | uint16(channels)<<3
	s.asc = []byte{byte(cfg >> 8), byte(cfg)}
	s.rate = adtsRates[freq]
	return s, nil
}
