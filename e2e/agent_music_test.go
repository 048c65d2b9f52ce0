package e2e

import (
	"bytes"
	"encoding/base64"
	le "encoding/binary"
	"math"
	"os/exec"
	"strings"
	"testing"
)

// toneWAV is a 48 kHz mono WAV of a 330 Hz tone, secs long, at -12 dBFS.
func toneWAV(secs int) []byte {
	n := 48000 * secs
	var b bytes.Buffer
	b.WriteString("RIFF")
	le.Write(&b, le.LittleEndian, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(48000), uint32(96000), uint16(2), uint16(16)} {
		le.Write(&b, le.LittleEndian, v)
	}
	b.WriteString("data")
	le.Write(&b, le.LittleEndian, uint32(2*n))
	for i := 0; i < n; i++ {
		le.Write(&b, le.LittleEndian, int16(0.25*32767*math.Sin(2*math.Pi*330*float64(i)/48000)))
	}
	return b.Bytes()
}

// windowDBFS is the level (dBFS RMS) of a file's audio between two times, in seconds.
func windowDBFS(t *testing.T, path string, from, to float64) float64 {
	t.Helper()
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", path, "-vn", "-ac", "1", "-ar", "48000", "-f", "s16le", "-").Output()
	if err != nil {
		t.Fatalf("decode audio: %v", err)
	}
	a, b := int(from*48000), min(int(to*48000), len(out)/2)
	var sum float64
	for i := a; i < b; i++ {
		v := float64(int16(le.LittleEndian.Uint16(out[2*i:]))) / 32768
		sum += v * v
	}
	if b <= a || sum == 0 {
		return math.Inf(-1)
	}
	return 10 * math.Log10(sum/float64(b-a))
}

// An audio file sent with the request plays as the video's background music: the session
// says so, the storyboard names it, and the music is heard where nobody speaks (the first
// scene's lead-in), where a video without music is silent.
func TestAgentMusicFile(t *testing.T) {
	s := startServer(t, "")
	music := base64.StdEncoding.EncodeToString(toneWAV(6))
	v, sess, sb := s.agentVideo(map[string]any{
		"prompt": "A 20-second video announcing the opening of our new bakery on Main Street",
		"files":  []any{map[string]any{"type": "base64", "media_type": "audio/wav", "data": music}},
	})
	if sb["music_asset_id"] == nil || sb["music_asset_id"] == "" {
		t.Errorf("the storyboard has no music: %v", sb["music_asset_id"])
	}
	said := false
	for _, m := range sess["messages"].([]any) {
		if c, _ := m.(map[string]any)["content"].(string); strings.Contains(c, "background music") {
			said = true
		}
	}
	if !said {
		t.Error("the session does not say the audio file plays as background music")
	}
	withMusic := download(t, v["video_url"].(string), "music.mp4")
	v2, _, _ := s.agentVideo(map[string]any{"prompt": "A 20-second video announcing the opening of our new bakery on Main Street"})
	without := download(t, v2["video_url"].(string), "nomusic.mp4")
	// The lead-in: 0.3 s before the first words, while the music fades in.
	lm, l0 := windowDBFS(t, withMusic, 0.1, 0.28), windowDBFS(t, without, 0.1, 0.28)
	t.Logf("lead-in level: %.1f dBFS with music, %.1f without", lm, l0)
	if lm < -55 || !(l0 < -70) {
		t.Errorf("lead-in level %.1f dBFS with music (want > -55), %.1f without (want silence)", lm, l0)
	}

	// A WAV with a header and no sound is refused with its name, not at render time.
	empty := base64.StdEncoding.EncodeToString(toneWAV(0))
	sid, vid := s.createVideo(map[string]any{"prompt": "A short video about our bakery",
		"files": []any{map[string]any{"type": "base64", "media_type": "audio/wav", "data": empty}}})
	s.failedWith(sid, vid, "invalid_input", "files[0]", "audio cannot be decoded")
}
