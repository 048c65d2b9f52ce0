package avatar

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/render"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

// These tests use only real parts: espeak-ng speaks, the real renderer draws the cast into
// an H.264/AAC MP4 with ffmpeg, and ffmpeg decodes it again. The mouth is measured from the
// decoded pixels and checked against the decoded audio.

// speak synthesizes text with a catalogue voice.
func speak(t *testing.T, text, voiceID string) *videoagent.Narration {
	t.Helper()
	es, err := espeak.New()
	if err != nil {
		t.Fatalf("espeak-ng: %v", err)
	}
	n, err := es.Synthesize(context.Background(), text, videoagent.Voice{ID: voiceID}, videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestVisemesRealSpeech checks the mouth shapes of "mama", "five" and "who" as espeak-ng
// times their phonemes: at the middle of each phoneme with a clear shape the track shows
// that shape, within one frame, at common frame rates.
func TestVisemesRealSpeech(t *testing.T) {
	n := speak(t, "Mama. Five. Who?", "espeak-en-us-f")
	want := []struct {
		word, ph string
		v        Viseme
	}{
		{"mama", "m", VisemeMBP}, {"mama", "ɑː", VisemeAI}, {"mama", "m", VisemeMBP},
		{"five", "f", VisemeFV}, {"five", "aɪ", VisemeAI}, {"five", "v", VisemeFV},
		{"who", "uː", VisemeU},
	}
	// find each expected phoneme in order in espeak's output
	var at []videoagent.PhonemeTiming
	k := 0
	for _, p := range n.Phonemes {
		if k < len(want) && p.Phoneme == want[k].ph {
			at = append(at, p)
			k++
		}
	}
	if k != len(want) {
		t.Fatalf("espeak-ng phonemes %v: expected %d of the sequence, found %d", n.Phonemes, len(want), k)
	}
	for _, fps := range []int{24, 25, 30, 60} {
		frames := int(n.Duration().Seconds()*float64(fps)) + 1
		tr := track(t, New(), videoagent.PresenterRequest{LookID: "ava-business", Size: image.Pt(640, 360), FPS: fps, Frames: frames, Narration: n, Seed: 3})
		for i, w := range want {
			p := at[i]
			checkViseme(t, tr, fps, int((p.Start+p.End).Milliseconds()/2), w.v, w.word+" /"+w.ph+"/")
		}
	}
}

// rendered is a talking clip rendered and decoded again.
type rendered struct {
	w, h, fps int
	frames    [][]byte // RGB24, w*h*3 each
	audio     []int16  // mono
	rate      int
	leadIn    time.Duration
}

// renderTalking renders one full-frame presenter scene of narration n with the real renderer
// and decodes its frames and audio with ffmpeg.
func renderTalking(t *testing.T, lookID string, n *videoagent.Narration) *rendered {
	t.Helper()
	const fps = 30
	sb := &videoagent.Storyboard{
		Version: 1, Title: "Lip sync", Language: "en", AspectRatio: "16:9", Resolution: "720p", FPS: fps,
		AvatarID: lookID, Seed: 7,
		Scenes: []videoagent.Scene{{ID: "talk", Layout: videoagent.LayoutPresenter, Narration: "lip sync",
			Visual: videoagent.Visual{Kind: videoagent.VisualNone}}},
	}
	out := t.TempDir()
	res, err := render.New(render.Options{Presenters: New(), Parallel: 1}).Render(context.Background(),
		videoagent.RenderJob{Storyboard: sb, Narrations: []*videoagent.Narration{n}, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	r := &rendered{w: 1280, h: 720, fps: fps, rate: 16000, leadIn: render.LeadIn}
	raw, err := exec.Command("ffmpeg", "-v", "error", "-i", res.VideoPath, "-an", "-f", "rawvideo", "-pix_fmt", "rgb24", "-").Output()
	if err != nil {
		t.Fatalf("decode frames of %s: %v", filepath.Base(res.VideoPath), err)
	}
	fs := r.w * r.h * 3
	if len(raw) < fs || len(raw)%fs != 0 {
		t.Fatalf("decoded %d bytes, not whole %dx%d frames", len(raw), r.w, r.h)
	}
	for i := 0; i+fs <= len(raw); i += fs {
		r.frames = append(r.frames, raw[i:i+fs])
	}
	pcm, err := exec.Command("ffmpeg", "-v", "error", "-i", res.VideoPath, "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", "-").Output()
	if err != nil {
		t.Fatalf("decode audio: %v", err)
	}
	r.audio = make([]int16, len(pcm)/2)
	if err := binary.Read(bytes.NewReader(pcm[:2*len(r.audio)]), binary.LittleEndian, r.audio); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *rendered) at(f, x, y int) (int, int, int) {
	o := (y*r.w + x) * 3
	p := r.frames[f]
	return int(p[o]), int(p[o+1]), int(p[o+2])
}

// presenterBox is where the renderer puts a full-frame presenter (render/layout.go, layout
// "presenter" without a label): a box 0.95 of the frame height wide, centred, from 6% below
// the top to the bottom. locateMouth verifies it against the pixels.
func presenterBox(w, h int) image.Rectangle {
	bw := min(w, int(0.95*float64(h)))
	top := int(0.06 * float64(h))
	return image.Rect(w/2-bw/2, top, w/2-bw/2+bw, h)
}

// locateMouth finds the mouth region in the decoded frames from the avatar's geometry at
// the presenter box's size: it draws the look at rest itself, matches the face around the
// mouth against the first frame (silent lead-in, mouth at rest) to confirm where the
// presenter is, and returns the area any mouth shape can cover, widened by the head's
// largest motion (sway, nods, breathing).
func locateMouth(t *testing.T, r *rendered, lookID string) image.Rectangle {
	t.Helper()
	box := presenterBox(r.w, r.h)
	tr := track(t, New(), videoagent.PresenterRequest{LookID: lookID, Size: box.Size(), FPS: r.fps, Frames: 1, Seed: 1})
	mine := compose(tr, box.Size(), 0)
	mouth := tr.MouthRect(-1) // rest position, no motion
	face := image.Rect(mouth.Min.X-mouth.Dx(), mouth.Min.Y-2*mouth.Dy(), mouth.Max.X+mouth.Dx(), mouth.Max.Y+2*mouth.Dy())
	face = face.Add(image.Pt(int(tr.states[0].hx), int(tr.states[0].hy))).Intersect(mine.Rect)
	const search = 16
	best, bestD := image.Point{}, 1e9
	for dy := -search; dy <= search; dy++ {
		for dx := -search; dx <= search; dx++ {
			var sum, n float64
			for y := face.Min.Y; y < face.Max.Y; y += 2 {
				for x := face.Min.X; x < face.Max.X; x += 2 {
					c := mine.RGBAAt(x, y)
					fx, fy := box.Min.X+x+dx, box.Min.Y+y+dy
					if c.A != 255 || fx < 0 || fy < 0 || fx >= r.w || fy >= r.h {
						continue
					}
					R, G, B := r.at(0, fx, fy)
					sum += float64(absi(R-int(c.R)) + absi(G-int(c.G)) + absi(B-int(c.B)))
					n++
				}
			}
			if n > 0 && sum/n < bestD {
				best, bestD = image.Pt(dx, dy), sum/n
			}
		}
	}
	if bestD > 24 {
		t.Fatalf("the presenter's face is not where the avatar geometry puts it in box %v (best match %v off, mean difference %.1f): has the renderer's presenter layout changed?", box, best, bestD)
	}
	t.Logf("presenter box %v, face matched %v off (mean RGB difference %.1f)", box, best, bestD)
	pad := int(8*tr.Scale()) + 2
	return mouth.Add(box.Min).Inset(-pad).Intersect(image.Rect(0, 0, r.w, r.h))
}

func absi(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// mouthOpen counts the mouth-interior pixels (colMouth, allowing for compression) of a
// decoded frame in region m.
func (r *rendered) mouthOpen(f int, m image.Rectangle) int {
	n := 0
	for y := m.Min.Y; y < m.Max.Y; y++ {
		for x := m.Min.X; x < m.Max.X; x++ {
			R, G, B := r.at(f, x, y)
			if absi(R-int(colMouth.R))+absi(G-int(colMouth.G))+absi(B-int(colMouth.B)) < 40 {
				n++
			}
		}
	}
	return n
}

// TestLipSyncRenderedClip renders a talking clip with real narration through the real
// renderer, decodes its frames and audio, measures the mouth's openness in every frame from
// the pixels, and checks it against the audio: closed in every silence longer than 150 ms
// and following the loudness envelope (Pearson r >= 0.6).
//
// It runs on a light, a medium and the two darkest skin tones (marcus-*: dark, with a
// beard round the mouth; amara-*: deep): the mouth palette (TestMouthPalette) keeps the
// interior, lips, line and skin apart on every tone, and this checks that the difference
// survives H.264. The clips render in parallel.
func TestLipSyncRenderedClip(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a video")
	}
	for _, tc := range []struct{ look, voice, text string }{
		{"ava-business", "espeak-en-us-f", "Mama. Five. Who? Hi, I'm Ava, and I will present your next video. Is that clear?"},
		{"diego-casual", "espeak-en-us-m", "Welcome back! Our numbers grew by forty percent this year... and we are just getting started."},
		{"marcus-business", "espeak-en-us-m", "Good morning. Let me show you three things... Ready? Here we go."},
		{"amara-creative", "espeak-en-us-f", "Hello, I'm Amara. Today we map the whole process, step by step. Sounds good?"},
	} {
		t.Run(tc.look, func(t *testing.T) {
			t.Parallel()
			n := speak(t, tc.text, tc.voice)
			r := renderTalking(t, tc.look, n)
			m := locateMouth(t, r, tc.look)

			open := make([]float64, len(r.frames))
			peak := 0.0
			for f := range r.frames {
				open[f] = float64(r.mouthOpen(f, m))
				peak = max(peak, open[f])
			}
			if peak < 40 {
				t.Fatalf("the mouth never opens: at most %.0f interior pixels in %v", peak, m)
			}

			// loudness per frame, from the decoded audio
			frameDur := time.Second / time.Duration(r.fps)
			env := speechtest.NewEnvelope(r.audio, r.rate, frameDur)
			loud := make([]float64, len(r.frames))
			for f := range loud {
				if f < len(env.RMS) {
					loud[f] = env.RMS[f]
				}
			}
			rr := speechtest.Pearson(open, loud)
			t.Logf("%d frames, mouth interior up to %.0f px; openness vs audio RMS: Pearson r = %.3f", len(r.frames), peak, rr)
			if rr < 0.6 {
				t.Errorf("openness vs loudness r = %.3f, want >= 0.6", rr)
			}

			// silences longer than 150 ms, from the decoded audio (10 ms windows)
			fine := speechtest.NewEnvelope(r.audio, r.rate, 10*time.Millisecond)
			var silences []speechtest.Region
			for i := 0; i < len(fine.RMS); {
				if !fine.Silent(i) {
					i++
					continue
				}
				j := i
				for j < len(fine.RMS) && fine.Silent(j) {
					j++
				}
				if d := time.Duration(j-i) * fine.Window; d > 150*time.Millisecond {
					silences = append(silences, speechtest.Region{Start: time.Duration(i) * fine.Window, End: time.Duration(j) * fine.Window})
				}
				i = j
			}
			if len(silences) < 3 {
				t.Fatalf("found %d silences > 150 ms (lead-in, pauses, tail), want >= 3", len(silences))
			}
			tol := max(3, int(0.03*peak)) // a few pixels of compression noise at most
			for _, s := range silences {
				// frames wholly inside the silence, less one frame at each end: the lips
				// anticipate the next sound by a few milliseconds and hold shapes >= 2 frames
				a := int((s.Start+frameDur-1)/frameDur) + 1
				b := int(s.End/frameDur) - 1
				worst := 0
				for f := a; f < b && f < len(r.frames); f++ {
					worst = max(worst, int(open[f]))
				}
				t.Logf("silence %v-%v: frames %d-%d, most open %d px", s.Start, s.End, a, b-1, worst)
				if worst > tol {
					t.Errorf("silence %v-%v: mouth open (%d interior pixels > %d) in frames %d-%d", s.Start, s.End, worst, tol, a, b-1)
				}
			}
		})
	}
}
