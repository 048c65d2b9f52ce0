package media

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ProbeInfo is what ffprobe reports about a media file: its container and its streams.
type ProbeInfo struct {
	FormatName string        // e.g. "mov,mp4,m4a,3gp,3g2,mj2"
	Duration   time.Duration // container duration
	BitRate    int64         // bits per second, 0 when unknown
	Streams    []Stream
}

// Stream is one stream of a probed file. Fields that do not apply to the stream's type are
// zero.
type Stream struct {
	Index          int
	CodecType      string // "video", "audio", "subtitle", "data"
	CodecName      string // e.g. "h264", "aac"
	Profile        string // e.g. "High", "LC"
	PixFmt         string // e.g. "yuv420p"
	Width, Height  int
	RFrameRate     string  // as ffprobe writes it, e.g. "30/1"
	FrameRate      float64 // RFrameRate as a number, 0 when unknown
	SampleRate     int
	Channels       int
	Duration       time.Duration // stream duration, 0 when unknown
	NbFrames       int64         // frames (video) or packets (audio) as counted by the muxer, 0 when unknown
	ColorSpace     string        // e.g. "bt709"
	ColorTransfer  string
	ColorPrimaries string
	ColorRange     string // "tv" or "pc"
}

// Video returns the first video stream, or nil.
func (p *ProbeInfo) Video() *Stream { return p.first("video") }

// Audio returns the first audio stream, or nil.
func (p *ProbeInfo) Audio() *Stream { return p.first("audio") }

func (p *ProbeInfo) first(kind string) *Stream {
	for i := range p.Streams {
		if p.Streams[i].CodecType == kind {
			return &p.Streams[i]
		}
	}
	return nil
}

// ffprobe's JSON; numbers arrive as strings.
type probeJSON struct {
	Format struct {
		FormatName string `json:"format_name"`
		Duration   string `json:"duration"`
		BitRate    string `json:"bit_rate"`
	} `json:"format"`
	Streams []struct {
		Index          int    `json:"index"`
		CodecType      string `json:"codec_type"`
		CodecName      string `json:"codec_name"`
		Profile        string `json:"profile"`
		PixFmt         string `json:"pix_fmt"`
		Width          int    `json:"width"`
		Height         int    `json:"height"`
		RFrameRate     string `json:"r_frame_rate"`
		SampleRate     string `json:"sample_rate"`
		Channels       int    `json:"channels"`
		Duration       string `json:"duration"`
		NbFrames       string `json:"nb_frames"`
		ColorSpace     string `json:"color_space"`
		ColorTransfer  string `json:"color_transfer"`
		ColorPrimaries string `json:"color_primaries"`
		ColorRange     string `json:"color_range"`
	} `json:"streams"`
}

// Probe runs ffprobe on path and returns its format and streams.
func Probe(ctx context.Context, path string) (*ProbeInfo, error) {
	out, err := Run(ctx, FFprobePath, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "--", path)
	if err != nil {
		return nil, err
	}
	var pj probeJSON
	if err := json.Unmarshal(out, &pj); err != nil {
		return nil, fmt.Errorf("ffprobe %s: bad JSON: %w", path, err)
	}
	info := &ProbeInfo{
		FormatName: pj.Format.FormatName,
		Duration:   seconds(pj.Format.Duration),
	}
	info.BitRate, _ = strconv.ParseInt(pj.Format.BitRate, 10, 64)
	for _, s := range pj.Streams {
		st := Stream{
			Index: s.Index, CodecType: s.CodecType, CodecName: s.CodecName, Profile: s.Profile,
			PixFmt: s.PixFmt, Width: s.Width, Height: s.Height, RFrameRate: s.RFrameRate,
			FrameRate: ratio(s.RFrameRate), Channels: s.Channels, Duration: seconds(s.Duration),
			ColorSpace: s.ColorSpace, ColorTransfer: s.ColorTransfer, ColorPrimaries: s.ColorPrimaries,
			ColorRange: s.ColorRange,
		}
		st.SampleRate, _ = strconv.Atoi(s.SampleRate)
		st.NbFrames, _ = strconv.ParseInt(s.NbFrames, 10, 64)
		info.Streams = append(info.Streams, st)
	}
	return info, nil
}

// seconds parses a decimal number of seconds; invalid or missing values are 0.
func seconds(s string) time.Duration {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

// ratio parses "num/den" (or a plain number); invalid values and zero denominators are 0.
func ratio(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	if !ok {
		return n
	}
	d, err := strconv.ParseFloat(den, 64)
	if err != nil || d == 0 {
		return 0
	}
	return n / d
}
