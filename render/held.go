package render

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Held frames. A revision of a scene's words renders the scene again, since its segments'
// keys cover its narration. But a scene held on screen after its speech (a Scene.Duration
// longer than the narration, as the planner sets to reach an asked length) ends in frames
// that its words do not change: the presenter idles, every card has entered, the captions
// are gone. So the end of such a scene is cut into chunks of its own, measured back from
// its last frame (holdBlocks), and every body chunk is also kept under a key of what its
// frames show (stateKey): a revision finds the held chunks there and links them instead of
// encoding them again. (The links are local: workers sharing a cache over S3 do not
// share them.)

// settleAfter is how long after its last word a narration may still move something: a
// nod (0.55 s from just before the word's end), raised brows (0.35 s and their ramp), the
// last caption (0.2 s) and an entrance that started at the end of the speech (0.4 s). It
// only places the cuts: stateKey decides what is reused.
const settleAfter = 700 * time.Millisecond

// holdBlocks are the lengths, in seconds and from the scene's last frame back, of the
// chunks that cut the held end of a scene: a revision whose speech runs a little longer
// or shorter still finds the blocks both hold. Each chunk starts with a key frame, which
// a held card otherwise barely costs: blocks of 1, 1, 2 and 4 s made a minute of held
// scenes 14% larger, these 6%.
var holdBlocks = []float64{2, 2, 4}

// heldChunks cuts the scene's held end into chunks of holdBlocks, counted back from its
// last frame, as many whole blocks as fit after the narration's last word has settled (and
// not before frame lo); none without narration.
func (p *scenePlan) heldChunks(fps, lo int) [][2]int {
	if p.narr == nil || len(p.narr.Words) == 0 {
		return nil
	}
	end := p.leadIn + max(p.narr.Words[len(p.narr.Words)-1].End, p.narr.Duration()) + settleAfter
	settled := max(lo, int(end.Seconds()*float64(fps))+1)
	var out [][2]int
	hi := p.frames
	for _, b := range holdBlocks {
		n := int(b * float64(fps))
		if hi-n < settled {
			break
		}
		out = append([][2]int{{hi - n, hi}}, out...)
		hi -= n
	}
	return out
}

// frameKeyer is implemented by presenter tracks that can describe a frame without drawing
// it (avatar.Track): for tracks of requests that differ at most in their narration, equal
// descriptions mean equal layers.
type frameKeyer interface {
	AppendFrameKey(dst []byte, i int) []byte
}

// stateKey is the key of frames lo <= i < hi of a scene's body by what they show: the
// scene without its narration (keyMeta), and frame by frame what the narration drives
// (which cards have entered and how far, in the order they settled into the background;
// the presenter's pose and mouth; the caption and its highlighted word). Two renders whose
// chunks have one state key draw the same pixels in them. It is "" when the presenter
// track cannot describe its frames.
func (r *Renderer) stateKey(p *scenePlan, fj *frameJob, sc *sceneLayout, track videoagent.PresenterTrack, cues []Cue, words []videoagent.WordTiming, lo, hi int) string {
	var fk frameKeyer
	if track != nil {
		var ok bool
		if fk, ok = track.(frameKeyer); !ok {
			return ""
		}
	}
	ent := sc.entrance()
	h := sha256.New()
	h.Write([]byte("state-1|"))
	h.Write(r.keyMeta(p, fj, false, false))
	b := binary.AppendUvarint(binary.AppendUvarint(nil, uint64(lo)), uint64(hi))
	baked := make([]bool, len(sc.elems))
	for i := 0; i < min(hi, p.frames); i++ {
		// As sceneFrames draws frame i: cards settle into the background (before lo too:
		// a card settled later is drawn over one settled earlier), then the frame's
		// entrances, the presenter, the cards in front of it and the caption.
		t := frameTime(i, fj.fps)
		drawn := i >= lo
		if drawn {
			b = append(b, 'F')
		}
		for k, e := range sc.elems {
			switch {
			case e.front || baked[k] || t < e.start:
			case t >= e.start+ent:
				baked[k] = true
				b = binary.AppendUvarint(append(b, 'b'), uint64(k))
			case drawn:
				b = binary.AppendVarint(binary.AppendUvarint(append(b, 'e'), uint64(k)), int64(t-e.start))
			}
		}
		if !drawn {
			continue
		}
		if fk != nil {
			b = fk.AppendFrameKey(append(b, 'p'), i)
		}
		for k, e := range sc.elems {
			if e.front && t >= e.start {
				b = binary.AppendVarint(binary.AppendUvarint(append(b, 'f'), uint64(k)), int64(min(t-e.start, ent)))
			}
		}
		if j := cueAt(cues, t); j >= 0 {
			b = append(append(b, 'c'), strings.Join(cues[j].Lines, "\n")...)
			b = binary.AppendVarint(append(b, 0), int64(currentWord(words, cues[j], t)))
		}
		if len(b) > 32<<10 {
			h.Write(b)
			b = b[:0]
		}
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// statePath is where a chunk with state key key is kept, beside segment seg, with
// extension ext (".mp4" for the segment, ".jpg" for a thumbnail drawn from it).
func statePath(seg, key, ext string) string {
	return filepath.Join(filepath.Dir(seg), "state-"+key+ext)
}

// reuseState links the chunk kept under state key key to seg, and its thumbnail to thumb
// unless thumb is "", and reports whether it did.
func reuseState(seg, thumb, key string) bool {
	if !exists(statePath(seg, key, ".mp4")) || (thumb != "" && !exists(statePath(seg, key, ".jpg"))) {
		return false
	}
	link := func(src, dst string) bool { return os.Link(src, dst) == nil || exists(dst) }
	return link(statePath(seg, key, ".mp4"), seg) && (thumb == "" || link(statePath(seg, key, ".jpg"), thumb))
}

// keepState keeps the encoded segment seg, and its thumbnail thumb unless thumb is "",
// under state key key too. A cache that cannot link only loses the reuse.
func keepState(seg, thumb, key string) {
	os.Link(seg, statePath(seg, key, ".mp4"))
	if thumb != "" {
		os.Link(thumb, statePath(seg, key, ".jpg"))
	}
}
