package render

import (
	"context"
	"crypto/sha256"
	"path/filepath"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
)

// heldStoryboard is demoStoryboard with the real cast's presenter and its scenes held on
// screen after their speech (a Duration longer than the narration), with words.
func heldStoryboard(words []string) *videoagent.Storyboard {
	sb := demoStoryboard("16:9", "720p")
	sb.AvatarID = avatar.DefaultLookID()
	for i, w := range words {
		sb.Scenes[i].Narration = w
		sb.Scenes[i].Duration = 11
	}
	return sb
}

// Two versions of the words of held scenes, of different lengths, each settled at least 4 s
// before the scene's end.
var (
	heldWordsA = []string{"Meet Flow. It plans your week.", "Flow does three things. One inbox, smart schedules, and clear updates.", "Try it free today."}
	heldWordsB = []string{"Meet Flow, the planner that plans your week.", "Flow does three useful things. One inbox, smart plans, and clear team updates.", "Try Flow for free, today."}
)

// chunkDraw is a chunk's state key and the hash of each of its frames.
type chunkDraw struct {
	key    string
	frames [][32]byte
}

// drawChunks draws every body chunk of every scene of sb with narrations ns.
func drawChunks(t *testing.T, r *Renderer, sb *videoagent.Storyboard, ns []*videoagent.Narration) map[[3]int]chunkDraw {
	t.Helper()
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	fj := &frameJob{w: w, h: h, fps: sb.FPS, style: StyleByID(sb.StyleID), title: sb.Title, captions: sb.Captions,
		avatar: sb.AvatarID, seed: sb.Seed, presenters: r.opt.Presenters}
	plans, _ := r.plan(sb, ns, fj, t.TempDir())
	fonts, err := r.fontSet(fj.style)
	if err != nil {
		t.Fatal(err)
	}
	out := map[[3]int]chunkDraw{}
	for _, p := range plans {
		for _, c := range p.chunks {
			var d chunkDraw
			err := r.drawScene(context.Background(), fj, fonts, p, c.lo, c.hi, func(key string) bool {
				d.key = key
				return false
			}, func(i int, comp *compositor) error {
				d.frames = append(d.frames, sha256.Sum256(comp.yuv.buf))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if d.key == "" {
				t.Fatalf("scene %s, frames %d-%d: no state key", p.scene.ID, c.lo, c.hi)
			}
			out[[3]int{p.index, c.lo, c.hi}] = d
		}
	}
	return out
}

// A chunk's state key names what its frames show: chunks of two versions of the words
// with one key draw the same pixels, and the held ends of the scenes (the presenter idle,
// the cards in, the captions gone) have one key in both versions, while the chunks with
// speech do not.
func TestStateKeysNameWhatFramesShow(t *testing.T) {
	t.Parallel()
	r := New(Options{Presenters: avatar.New(), NoGIF: true})
	sbA, sbB := heldStoryboard(heldWordsA), heldStoryboard(heldWordsB)
	a := drawChunks(t, r, sbA, narrationsFor(sbA))
	b := drawChunks(t, r, sbB, narrationsFor(sbB))
	same, held := 0, 0
	for c, db := range b {
		da, ok := a[c]
		if !ok {
			continue
		}
		held++
		if da.key != db.key {
			continue
		}
		same++
		for i := range da.frames {
			if da.frames[i] != db.frames[i] {
				t.Fatalf("scene %d, frames %d-%d: one state key, but frame %d differs", c[0], c[1], c[2], c[1]+i)
			}
		}
	}
	// Each scene holds two blocks of 2 s at its end in both versions.
	if want := 2 * len(sbA.Scenes); same < want {
		t.Errorf("%d chunks share a state key across the versions (of %d at the same frames), want at least %d: the held ends", same, held, want)
	}
	for c, db := range b {
		if c[1] == 0 {
			if da := a[c]; da.key == db.key {
				t.Errorf("scene %d: the first chunk, with speech, has the same key in both versions", c[0])
			}
		}
	}
}

// A revision of the words of held scenes links their held ends from the cache instead of
// encoding them again, and the video shows what a render from scratch shows.
func TestRevisionReusesHeldEnds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cache := t.TempDir()
	r := New(Options{Presenters: avatar.New(), CacheDir: cache, NoGIF: true})
	sbA, sbB := heldStoryboard(heldWordsA), heldStoryboard(heldWordsB)
	if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sbA, Narrations: narrationsFor(sbA), OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	if n := r.reusedChunks.Load(); n != 0 {
		t.Fatalf("the first render reused %d chunks", n)
	}
	revised, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sbB, Narrations: narrationsFor(sbB), OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if n := r.reusedChunks.Load(); n < int64(2*len(sbB.Scenes)) {
		t.Errorf("the revision reused %d chunks, want the 2 held ones of each of %d scenes", n, len(sbB.Scenes))
	}
	fresh := New(Options{Presenters: avatar.New(), CacheDir: t.TempDir(), NoGIF: true})
	scratch, err := fresh.Render(ctx, videoagent.RenderJob{Storyboard: sbB, Narrations: narrationsFor(sbB), OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	x, y := grayFrames(t, revised.VideoPath), grayFrames(t, scratch.VideoPath)
	if len(x) != len(y) || len(x) == 0 {
		t.Fatalf("frames: revision %d, from scratch %d", len(x), len(y))
	}
	for i := range x {
		// Lossy encodes of the same pixels differ by coding noise only.
		if d := meanAbsDiff(x[i], y[i]); d > 1.5 {
			t.Fatalf("frame %d differs by %.2f grey levels on average from a render from scratch", i, d)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(cache, "state-*.mp4"))
	if len(kept) == 0 {
		t.Error("no chunk kept under a state key")
	}
}
