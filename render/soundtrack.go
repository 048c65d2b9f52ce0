package render

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"

	videoagent "github.com/openvideoagent/videoagent"
)

// soundtrack mixes, normalises and encodes the video's audio into an AAC file in the
// segment cache, unless one with the same inputs is there already. It runs while the
// scenes render, so that the final join only copies streams; and a revision that changes
// pictures only (a title, a bullet, a presenter) reuses the audio as it is.
func (r *Renderer) soundtrack(ctx context.Context, sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, cacheDir string) (string, error) {
	path := filepath.Join(cacheDir, "audio-"+audioKey(sb, plans, fj, r.opt.Assets != nil)+".m4a")
	if exists(path) {
		return path, nil
	}
	snd := r.mixSound(ctx, sb, plans, fj)
	if snd.err != nil {
		return "", snd.err
	}
	tmp := path + ".tmp" + randSuffix()
	ff, err := r.startFFmpeg(ctx, audioArgs(tmp))
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriterSize(ff.stdin, 1<<16)
	werr := snd.mx.write(bw, snd.gain)
	if werr == nil {
		werr = bw.Flush()
	}
	if err := ff.wait(werr); err != nil {
		return "", fmt.Errorf("soundtrack: %w", err)
	}
	return path, publish(tmp, path)
}

// audioArgs encode the mix, streamed as 48 kHz mono PCM on stdin, once as AAC: one
// priming delay and no per-segment padding, so the audio lasts exactly as long as the
// video. The mix is mono (narration, and music summed to mono), so it is encoded as mono:
// twice as fast as a stereo copy of it (0.8 s instead of 2 s of CPU per minute with
// ffmpeg's AAC encoder) and the whole bitrate goes to the one channel.
func audioArgs(out string) []string {
	return []string{"-hide_banner", "-loglevel", "error", "-nostdin", "-y",
		"-f", "s16le", "-ar", strconv.Itoa(OutputSampleRate), "-ac", "1", "-i", "pipe:0",
		"-c:a", "aac", "-b:a", "128k", "-ar", strconv.Itoa(OutputSampleRate), "-ac", "1", "-f", "mp4", out}
}

// audioKey is the hash of everything the soundtrack depends on: the timeline (where each
// scene starts, how long it lasts, when its narration starts), the narrations' samples,
// the music and the clips whose own sound is mixed in.
func audioKey(sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, assets bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%s|%t|", Version, fj.fps, sb.MusicAssetID, assets)
	for _, p := range plans {
		fmt.Fprintf(h, "%d|%d|%d|", p.start, p.frames, p.leadIn)
		if v := p.scene.Visual; v.Kind == videoagent.VisualVideo && v.ClipAudio {
			fmt.Fprintf(h, "clip|%s|%g|", v.AssetID, v.ClipStart)
		}
		if n := p.narr; n != nil {
			fmt.Fprintf(h, "narr|%d|%d|", n.SampleRate, len(n.Samples))
			binary.Write(h, binary.LittleEndian, n.Samples)
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}
