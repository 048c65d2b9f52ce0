package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	videoagent "github.com/openvideoagent/videoagent"
)

// narrationCacheVersion changes when what a cached narration holds changes.
const narrationCacheVersion = "1"

// narrationKey names a narration by everything it depends on: the voice (engine and engine
// voice), the text and the delivery settings. Speech engines are deterministic, so the same
// key always means the same audio; a revision that leaves a scene's words alone reuses it.
func narrationKey(text string, v videoagent.Voice, opt videoagent.SpeechOptions) string {
	raw, _ := json.Marshal(struct {
		V, Text                string
		Engine, Voice, EngineV string
		Opt                    videoagent.SpeechOptions
	}{narrationCacheVersion, text, v.Engine, v.ID, v.EngineVoice, opt})
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// cachedNarration reads a narration from the cache; ok is false on a miss or any error (a
// damaged entry is simply synthesized again).
func (p *Pipeline) cachedNarration(key string) (*videoagent.Narration, bool) {
	if p.NarrationCacheDir == "" {
		return nil, false
	}
	path := filepath.Join(p.NarrationCacheDir, key[:2], key+".gob")
	f, err := os.Open(path)
	if err != nil && p.SharedCache != nil && p.SharedCache.Fetch(context.Background(), key+".gob", path) {
		f, err = os.Open(path) // another worker synthesized it
	}
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var n videoagent.Narration
	if err := gob.NewDecoder(f).Decode(&n); err != nil || n.SampleRate <= 0 {
		return nil, false
	}
	return &n, true
}

// storeNarration writes a narration to the cache, atomically; failures are logged only.
func (p *Pipeline) storeNarration(key string, n *videoagent.Narration) {
	if p.NarrationCacheDir == "" {
		return
	}
	dir := filepath.Join(p.NarrationCacheDir, key[:2])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.log().Warn("narration cache", "err", err)
		return
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		p.log().Warn("narration cache", "err", err)
		return
	}
	defer os.Remove(tmp.Name())
	if err := gob.NewEncoder(tmp).Encode(n); err != nil {
		tmp.Close()
		return
	}
	if err := tmp.Close(); err != nil {
		return
	}
	path := filepath.Join(dir, key+".gob")
	if os.Rename(tmp.Name(), path) == nil && p.SharedCache != nil {
		p.SharedCache.Publish(context.Background(), key+".gob", path)
	}
}
