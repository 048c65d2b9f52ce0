package render

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"time"
	"unsafe"

	videoagent "github.com/openvideoagent/videoagent"
)

// Version names the renderer's drawing and encoding code. Bump it whenever a change alters
// the pixels or the encoding of a segment, so that cached segments are not reused.
const Version = "render-10"

// segmentKey is the hash of everything a scene's segment depends on: the renderer, the
// frame format, the style, the scene's resolved content, its narration and its presenter.
// Two scenes with the same key render to the same segment, whatever their position. The
// key of a scene's transition head (head true) also covers the transition and the scene
// before it, whose last frame the transition starts from.
func (r *Renderer) segmentKey(p *scenePlan, job *frameJob, head bool) string {
	h := sha256.New()
	h.Write(r.keyMeta(p, job, head, true))
	if n := p.narr; n != nil {
		b, _ := json.Marshal(struct {
			Rate     int
			Words    []videoagent.WordTiming
			Phonemes []videoagent.PhonemeTiming
		}{n.SampleRate, n.Words, n.Phonemes})
		h.Write(b)
		writeSamples(h, n.Samples)
	}
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// keyMeta is what a scene's segments depend on besides its narration's audio and timings
// (see segmentKey), as JSON; without words, the narration's text is left out too (see
// stateKey).
func (r *Renderer) keyMeta(p *scenePlan, job *frameJob, head, words bool) []byte {
	// Where the scene's texts came from changes no pixel: a revision of it alone renders
	// nothing again.
	scene := p.scene
	scene.Provenance = nil
	if !words {
		scene.Narration = ""
	}
	meta := struct {
		Version, Salt, Preset string
		CRF, W, H, FPS        int
		Style                 Style
		Scene                 videoagent.Scene
		Title                 string
		Captions              bool
		Avatar                string
		Presenter             bool
		Seed                  int64
		Frames                int
		LeadIn                time.Duration
		Assets                bool
		X264, Logo            string
		Trans                 string
		TransFrames           int
		Prev                  string
	}{Version, r.opt.CacheSalt, r.opt.Preset, r.opt.CRF, job.w, job.h, job.fps, job.style, scene, job.title,
		job.captions, job.avatar, job.presenters != nil && job.avatar != "", job.seed, p.frames, p.leadIn, r.opt.Assets != nil,
		r.opt.X264Params, job.logoID, "", 0, ""}
	if p.prev != nil && p.transFrames > 0 {
		meta.TransFrames = p.transFrames // the body starts after the transition
		if head {
			meta.Trans = p.trans
			meta.Prev = p.prev.key // the transition starts from the previous scene's last frame
		}
	}
	b, _ := json.Marshal(meta)
	return b
}

// exists reports whether a regular, non-empty file is at path, and marks it used (its
// modification time) so that a cache sweeper can evict the least recently used segments.
func exists(path string) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return false
	}
	markUsed(path)
	return true
}

// markUsed sets a cache file's modification time to now: SweepCache evicts the least
// recently used files first.
func markUsed(path string) {
	now := time.Now()
	os.Chtimes(path, now, now)
}

// readCached returns the cache file at path, marking it used.
func readCached(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		markUsed(path)
	}
	return b, err
}

// writeCached puts data into the cache at path atomically: concurrent renders see the
// whole file or none.
func writeCached(path string, data []byte) error {
	tmp := path + ".tmp" + randSuffix()
	defer os.Remove(tmp)
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return publish(tmp, path)
}

// publish moves a finished temporary file into place atomically.
func publish(tmp, final string) error {
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, final)
}

// randSuffix makes temporary file names unique between concurrent renders.
func randSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// writeSamples writes s to w as little-endian bytes, as binary.Write does, but without
// converting a copy of them where the machine is little-endian: cache keys hash every
// narration's samples several times a render.
func writeSamples(w io.Writer, s []int16) {
	if len(s) == 0 {
		return
	}
	if nativeLittleEndian {
		w.Write(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), 2*len(s)))
		return
	}
	binary.Write(w, binary.LittleEndian, s)
}

var nativeLittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1
