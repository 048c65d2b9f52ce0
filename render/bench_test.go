package render

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/avatar"
)

// The speed benchmarks. Run them with `make bench-render`; they print, for the standard
// 60 s storyboard at 720p30 and 1080p30, render time / video duration next to the floor
// (the renderer's in-process x264 encoding the very same frames from files with the same
// settings and the same parallelism, and, beside them, ffmpeg's the AAC encode of the very same soundtrack mix), the time
// of a revision that changes one scene of six, and with OVA_BENCH_LONG=1 the peak memory of
// a 10-minute 1080p render.

// standardStoryboard is the benchmark's 60 s video: six scenes of 10 s (title card,
// presenter beside bullets, an image with the presenter in a bubble, presenter beside a
// statistic, a chart, a call to action), captions on, the real presenter.
func standardStoryboard(res string, minutes int) (*videoagent.Storyboard, []*videoagent.Narration) {
	sb := &videoagent.Storyboard{Version: 1, Title: "Ship faster with Flow", Language: "en", AspectRatio: "16:9",
		Resolution: res, FPS: 30, AvatarID: avatar.DefaultLookID(), Seed: 3, Captions: true}
	base := []videoagent.Scene{
		{Layout: videoagent.LayoutTitle, Visual: videoagent.Visual{Kind: videoagent.VisualTitle, Title: "Ship faster with Flow", Subtitle: "Project planning that runs itself"}},
		{Layout: videoagent.LayoutPresenterLeft, Visual: videoagent.Visual{Kind: videoagent.VisualBullets, Title: "Why teams switch",
			Bullets: []string{"One inbox collects every task", "Schedules work around meetings", "Tells the team what changed"}}},
		{Layout: videoagent.LayoutSlideBubble, Visual: videoagent.Visual{Kind: videoagent.VisualImage, Title: "Your week at a glance", AssetID: "photo"}},
		{Layout: videoagent.LayoutPresenterRight, Visual: videoagent.Visual{Kind: videoagent.VisualStat, Title: "Time saved", Text: "6 hrs", Caption: "per person, every week"}},
		{Layout: videoagent.LayoutSlide, Visual: videoagent.Visual{Kind: videoagent.VisualChart, Title: "Adoption by region",
			Data: []videoagent.DataPoint{{Label: "Europe", Value: 48}, {Label: "North America", Value: 31}, {Label: "Asia Pacific", Value: 21}}, Unit: "%"}},
		{Layout: videoagent.LayoutPresenterLeft, Visual: videoagent.Visual{Kind: videoagent.VisualCTA, Title: "Try Flow free", Text: "Set up in two minutes.", URL: "flow.example.com"}},
	}
	sentence := "Every team needs a plan that adapts when the week changes, and Flow keeps that plan current without meetings. "
	var ns []*videoagent.Narration
	for i := 0; i < 6*minutes; i++ {
		s := base[i%len(base)]
		s.ID = fmt.Sprintf("s%d", i)
		s.Narration = strings.Repeat(sentence, 3)
		n := synthNarration(s.Narration, i)
		// Trim the narration to 9.2 s: with the lead-in and tail each scene lasts 10 s.
		n = trimNarration(n, 9200*time.Millisecond)
		words := make([]string, len(n.Words))
		for j, w := range n.Words {
			words[j] = w.Word
		}
		s.Narration = strings.Join(words, " ")
		sb.Scenes = append(sb.Scenes, s)
		ns = append(ns, n)
	}
	return sb, ns
}

// trimNarration cuts n to the words that end before d, and pads or cuts its audio to d.
func trimNarration(n *videoagent.Narration, d time.Duration) *videoagent.Narration {
	out := &videoagent.Narration{SampleRate: n.SampleRate}
	for _, w := range n.Words {
		if w.End <= d-200*time.Millisecond {
			out.Words = append(out.Words, w)
		}
	}
	k := int(int64(d) * int64(n.SampleRate) / int64(time.Second))
	out.Samples = make([]int16, k)
	end := int(int64(out.Words[len(out.Words)-1].End) * int64(n.SampleRate) / int64(time.Second))
	copy(out.Samples[:min(end, k)], n.Samples)
	return out
}

// benchRenderer is the renderer the benchmarks time. OVA_BENCH_THREADS, when set, is its
// EncoderThreads, to compare x264 threading policies; OVA_BENCH_CHUNK (a duration) is its
// MaxChunk.
func benchRenderer(cache string) *Renderer {
	threads, _ := strconv.Atoi(os.Getenv("OVA_BENCH_THREADS"))
	chunk, _ := time.ParseDuration(os.Getenv("OVA_BENCH_CHUNK"))
	return New(Options{Presenters: avatar.New(), Assets: memAssets{"photo": testPhoto()}, CacheDir: cache, EncoderThreads: threads, MaxChunk: chunk})
}

// warmedRenderer is a renderer with an empty segment cache in cache and what a running
// server's renderer has made once for every video: warm's presenter sprites and its AAC
// frame of silence.
func warmedRenderer(cache string, warm *Renderer) *Renderer {
	r := benchRenderer(cache)
	r.opt.Presenters = warm.opt.Presenters
	r.silent = warm.silent
	return r
}

// childCPU is the CPU time used by waited-for children (ffmpeg) so far.
func childCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchRounds is how many times BenchmarkRenderSpeed measures the render, the revision
// and the floor, interleaved: it reports the best of each, since on a shared machine the
// same work varies by up to 2x. OVA_BENCH_ROUNDS sets it (default 3).
func benchRounds() int {
	if n, _ := strconv.Atoi(os.Getenv("OVA_BENCH_ROUNDS")); n > 0 {
		return n
	}
	return 3
}

// speedRound is one round of BenchmarkRenderSpeed: wall and CPU times. The floor is x264
// on the frames plus the AAC encode of the mix (floor, fCPU); floorV and fvCPU are x264
// alone, the floor as it was measured before it counted the soundtrack; aac and aCPU are
// the AAC encode alone.
type speedRound struct {
	full, revision, floor, floorV, aac      time.Duration
	cpuFF, cpuGo, revCPU, fCPU, fvCPU, aCPU time.Duration
}

// BenchmarkRenderSpeed prints the render ratios, the floor and the revision ratio: each
// round's, then the best of the rounds.
func BenchmarkRenderSpeed(b *testing.B) {
	for _, res := range []string{"720p", "1080p"} {
		b.Run(res, func(b *testing.B) {
			sb, ns := standardStoryboard(res, 1)
			ctx := context.Background()
			// Warm the presenter's sprite cache and the fonts, as a running server has.
			warm := benchRenderer("")
			wsb := *sb
			wsb.Scenes = sb.Scenes[1:2]
			if _, err := warm.Render(ctx, videoagent.RenderJob{Storyboard: &wsb, Narrations: ns[1:2], OutDir: b.TempDir()}); err != nil {
				b.Fatal(err)
			}
			floor := writeFloorFrames(b, warm, sb, ns)
			// The revision: one scene of six changes.
			rev := *sb
			rev.Scenes = append([]videoagent.Scene(nil), sb.Scenes...)
			rev.Scenes[4].Visual.Title = "Adoption by region, 2025"
			for i := 0; i < b.N; i++ {
				var best speedRound
				var video float64
				for round := 1; round <= benchRounds(); round++ {
					r := warmedRenderer(b.TempDir(), warm)
					var m speedRound
					c0, s0 := childCPU(), selfCPU()
					start := time.Now()
					out, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: b.TempDir()})
					if err != nil {
						b.Fatal(err)
					}
					m.full = time.Since(start)
					m.cpuFF, m.cpuGo = childCPU()-c0, selfCPU()-s0
					video = out.Duration.Seconds()

					c1, s1 := childCPU(), selfCPU()
					start = time.Now()
					if _, err := r.Render(ctx, videoagent.RenderJob{Storyboard: &rev, Narrations: ns, OutDir: b.TempDir()}); err != nil {
						b.Fatal(err)
					}
					m.revision = time.Since(start)
					m.revCPU = childCPU() - c1 + selfCPU() - s1

					// Both floors, in turns: the one measured first goes first in odd rounds.
					if round%2 == 1 {
						m.floor, m.fCPU = floor.time(b, r, true)
						m.floorV, m.fvCPU = floor.time(b, r, false)
					} else {
						m.floorV, m.fvCPU = floor.time(b, r, false)
						m.floor, m.fCPU = floor.time(b, r, true)
					}
					m.aac, m.aCPU = floor.timeAAC(b, r)
					printSpeed(fmt.Sprintf("%s round %d", res, round), video, m)
					if round == 1 {
						best = m
						continue
					}
					best.full, best.revision, best.floor = min(best.full, m.full), min(best.revision, m.revision), min(best.floor, m.floor)
					best.floorV, best.fvCPU = min(best.floorV, m.floorV), min(best.fvCPU, m.fvCPU)
					best.aac, best.aCPU = min(best.aac, m.aac), min(best.aCPU, m.aCPU)
					if m.cpuFF+m.cpuGo < best.cpuFF+best.cpuGo {
						best.cpuFF, best.cpuGo = m.cpuFF, m.cpuGo
					}
					best.revCPU, best.fCPU = min(best.revCPU, m.revCPU), min(best.fCPU, m.fCPU)
				}
				printSpeed(fmt.Sprintf("%s best of %d", res, benchRounds()), video, best)
				b.ReportMetric(best.full.Seconds()/video, "x_realtime")
				b.ReportMetric(best.floor.Seconds()/video, "floor_x_realtime")
				b.ReportMetric(best.full.Seconds()/best.floor.Seconds(), "vs_floor")
				b.ReportMetric(best.floorV.Seconds()/video, "floor_x264_x_realtime")
				b.ReportMetric(best.full.Seconds()/best.floorV.Seconds(), "vs_floor_x264")
				b.ReportMetric(best.revision.Seconds()/best.full.Seconds(), "revision_ratio")
				b.ReportMetric(video, "video_s")
			}
		})
	}
}

// printSpeed prints a round's figures, and the same estimated from CPU time. The floor is
// x264 on the same frames plus the AAC encode of the same mix; the x264-only floor (the
// figure before the floor counted the soundtrack) is printed beside it for comparison.
func printSpeed(label string, video float64, m speedRound) {
	fmt.Printf("%s: video %.1f s, render %.2f s (%.3fx real time; CPU: ffmpeg %.1f s, Go %.1f s), floor (x264 + AAC) %.2f s (%.3fx; CPU %.1f s), render/floor %.2f; x264-only floor %.2f s (%.3fx; CPU %.1f s), render/x264-only floor %.2f; the AAC encode alone %.2f s (CPU %.2f s); revision of one scene %.2f s (%.0f%% of full; CPU %.1f s)\n",
		label, video, m.full.Seconds(), m.full.Seconds()/video, m.cpuFF.Seconds(), m.cpuGo.Seconds(),
		m.floor.Seconds(), m.floor.Seconds()/video, m.fCPU.Seconds(), m.full.Seconds()/m.floor.Seconds(),
		m.floorV.Seconds(), m.floorV.Seconds()/video, m.fvCPU.Seconds(), m.full.Seconds()/m.floorV.Seconds(),
		m.aac.Seconds(), m.aCPU.Seconds(),
		m.revision.Seconds(), 100*m.revision.Seconds()/m.full.Seconds(), m.revCPU.Seconds())
	// On a shared machine wall time depends on the other load; CPU seconds over the
	// machine's cores estimate the wall time on an idle one.
	cores := float64(runtime.NumCPU())
	cpu := (m.cpuFF + m.cpuGo).Seconds()
	fmt.Printf("%s idle-machine estimate (CPU s / %.0f cores): render %.3fx, floor %.3fx, render/floor %.2f (by CPU; against the x264-only floor %.2f), revision %.0f%% of full (by CPU)\n",
		label, cores, cpu/cores/video, m.fCPU.Seconds()/cores/video, cpu/m.fCPU.Seconds(), cpu/m.fvCPU.Seconds(), 100*m.revCPU.Seconds()/cpu)
}

// floorFrames are the standard storyboard's frames, one file per scene, for the floor: the
// renderer's x264 encoding the very frames the renderer draws, from files, with its settings;
// and the soundtrack's pieces, the very samples the renderer's AAC encode is given.
type floorFrames struct {
	dir   string
	raws  []string
	order []int // longest first: the floor's best order (x264 alone needs no layout kept)
	w, h  int
	fps   int
	audio []string // the soundtrack's pieces, as encodeAAC takes them
}

// writeFloorFrames composes every scene's frames (transitions included) into files, and
// the soundtrack's mix, cut into the pieces the renderer encodes, into files.
func writeFloorFrames(b testing.TB, r *Renderer, sb *videoagent.Storyboard, ns []*videoagent.Narration) *floorFrames {
	ctx := context.Background()
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	style := StyleByID(sb.StyleID)
	fj := &frameJob{w: w, h: h, fps: sb.FPS, style: style, title: sb.Title, captions: sb.Captions, avatar: sb.AvatarID,
		seed: sb.Seed, presenters: r.opt.Presenters}
	dir := b.TempDir()
	plans, _ := r.plan(sb, ns, fj, dir)
	fonts, err := r.fontSet(style)
	if err != nil {
		b.Fatal(err)
	}
	ff := &floorFrames{dir: dir, raws: make([]string, len(plans)), order: make([]int, len(plans)), w: w, h: h, fps: sb.FPS}
	for i, p := range plans {
		ff.raws[i] = filepath.Join(dir, fmt.Sprintf("scene%d.yuv", i))
		f, err := os.Create(ff.raws[i])
		if err != nil {
			b.Fatal(err)
		}
		bw := bufio.NewWriterSize(f, 4<<20)
		var from, mixed *i420
		if p.head != "" {
			from, _ = r.lastFrame(ctx, fj, fonts, p.prev)
			mixed = newI420(w, h)
		}
		if err := r.sceneFrames(ctx, fj, fonts, p, 0, p.frames, func(i int, c *compositor) error {
			if from != nil && i < p.transFrames {
				transition(mixed, from, c.yuv, p.trans, easeInOut(float64(i+1)/float64(p.transFrames+1)))
				_, err := bw.Write(mixed.buf)
				return err
			}
			_, err := bw.Write(c.yuv.buf)
			return err
		}); err != nil {
			b.Fatal(err)
		}
		bw.Flush()
		f.Close()
		ff.order[i] = i
	}
	ff.audio = writeFloorAudio(b, r, sb, plans, fj, dir)
	exec.Command("sync").Run()
	sort.SliceStable(ff.order, func(i, j int) bool { return plans[ff.order[i]].frames > plans[ff.order[j]].frames })
	return ff
}

// writeFloorAudio mixes the soundtrack as the renderer does (Renderer.soundtrack) and
// writes the pieces it would encode, each with its frame of lead-in (Renderer.audioPieces),
// into files for encodeAAC: the floor's soundtrack is ffmpeg's AAC encode of the same
// samples, in one ffmpeg, as the renderer runs it on an empty cache.
func writeFloorAudio(b testing.TB, r *Renderer, sb *videoagent.Storyboard, plans []*scenePlan, fj *frameJob, dir string) []string {
	snd := r.mixSound(context.Background(), sb, plans, fj, dir)
	if snd.err != nil {
		b.Fatal(snd.err)
	}
	var mix bytes.Buffer
	if err := snd.mx.write(&mix, snd.gain); err != nil {
		b.Fatal(err)
	}
	pieces := voicePieces(snd.mx)
	if pieces == nil {
		pieces = []audioSpan{{0, snd.mx.total}}
	}
	pcm := mix.Bytes()
	var files []string
	for i, p := range pieces {
		in := make([]byte, 2*(p.to-p.from+aacFrame)) // a frame of the silence before, then the piece
		if p.from == 0 {
			copy(in[2*aacFrame:], pcm[:2*p.to])
		} else {
			copy(in, pcm[2*(p.from-aacFrame):2*p.to])
		}
		name := filepath.Join(dir, fmt.Sprintf("audio%d.pcm", i))
		if err := os.WriteFile(name, in, 0o600); err != nil {
			b.Fatal(err)
		}
		files = append(files, name)
	}
	return files
}

// time times the renderer's encoder (x264 in the process, see encodeSegments) encoding the
// frame files with the renderer's settings and parallelism (each worker taking the next
// scene, longest first, when done with its last) and, with audio, the soundtrack's AAC encode beside them, as the renderer
// runs it while the scenes render: the floor a renderer streaming the same frames and
// encoding the same mix cannot beat. It returns the wall and CPU times.
func (ff *floorFrames) time(b testing.TB, r *Renderer, audio bool) (time.Duration, time.Duration) {
	ctx := context.Background()
	c0, s0 := childCPU(), selfCPU()
	start := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup
	if audio {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.encodeAAC(ctx, ff.audio...); err != nil {
				b.Errorf("floor AAC encode: %v", err)
			}
		}()
	}
	for k := 0; k < r.opt.Parallel; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One encoder for the worker's scenes while it can go on, as the renderer's.
			var enc *segmentEncoder
			encThreads := 0
			defer func() {
				if enc != nil {
					enc.close()
				}
			}()
			for i := range jobs {
				// The renderer's threading: one thread while others wait, x264's choice last.
				threads := r.opt.EncoderThreads
				if threads == 0 && len(ff.order)-slices.Index(ff.order, i) > r.opt.Parallel {
					threads = 1
				}
				if enc != nil && (threads != encThreads || enc.restart() != nil) {
					enc.close()
					enc = nil
				}
				if enc == nil {
					var err error
					if enc, err = r.newSegmentEncoder(ff.w, ff.h, ff.fps, threads); err != nil {
						b.Errorf("floor encoder: %v", err)
						return
					}
					encThreads = threads
				}
				if err := ff.encode(enc, i); err != nil {
					b.Errorf("floor encode: %v", err)
				}
			}
		}()
	}
	for _, i := range ff.order {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return time.Since(start), childCPU() - c0 + selfCPU() - s0
}

// encode encodes scene i's frames into a segment with enc, reading them from its frame
// file mapped into memory: x264 copies each frame from the page cache, with no copy
// before it.
func (ff *floorFrames) encode(enc *segmentEncoder, i int) error {
	f, err := os.Open(ff.raws[i])
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return err
	}
	defer syscall.Munmap(data)
	n := ff.w * ff.h * 3 / 2
	for off := 0; off+n <= len(data); off += n {
		if _, err := enc.Write(data[off : off+n]); err != nil {
			return err
		}
	}
	return enc.finish(filepath.Join(ff.dir, "seg"+strconv.Itoa(i)+".mp4"), len(data)/n)
}

// timeAAC times the floor's AAC encode alone: wall and CPU times.
func (ff *floorFrames) timeAAC(b *testing.B, r *Renderer) (time.Duration, time.Duration) {
	c0 := childCPU()
	start := time.Now()
	if _, err := r.encodeAAC(context.Background(), ff.audio...); err != nil {
		b.Fatalf("floor AAC encode: %v", err)
	}
	return time.Since(start), childCPU() - c0
}

// BenchmarkRenderMemory10min renders 10 minutes of 1080p and prints the peak resident
// memory of the renderer's process and of its largest ffmpeg. Set OVA_BENCH_LONG=1.
func BenchmarkRenderMemory10min(b *testing.B) {
	if os.Getenv("OVA_BENCH_LONG") == "" {
		b.Skip("set OVA_BENCH_LONG=1 to render 10 minutes of 1080p")
	}
	sb, ns := standardStoryboard("1080p", 10)
	r := benchRenderer(b.TempDir())
	// As `videoagent serve` runs renders (OVA_BENCH_NOLIMIT=1 to see the heap without it).
	if os.Getenv("OVA_BENCH_NOLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(SoftMemoryLimit))
	}
	// The children's peak RSS from getrusage is no use: a child spawned with vfork counts
	// the parent's pages until it execs. Their /proc status is sampled instead.
	stop := make(chan struct{})
	sampled := make(chan [2]int64)
	go func() {
		var most, together int64 // the largest ffmpeg, and all of them at once
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				sampled <- [2]int64{most, together}
				return
			case <-tick.C:
			}
			var sum int64
			for _, pid := range childPIDs() {
				hwm, rss := procMemory(strconv.Itoa(pid))
				most = max(most, hwm)
				sum += rss
			}
			together = max(together, sum)
		}
	}()
	start := time.Now()
	out, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	el := time.Since(start)
	close(stop)
	kids := <-sampled
	hwm, _ := procMemory("self")
	b.ReportMetric(float64(hwm)/(1<<20), "peak_rss_MB")
	b.ReportMetric(float64(kids[0])/(1<<20), "ffmpeg_peak_rss_MB")
	fmt.Printf("10 min 1080p: video %.0f s rendered in %.1f s (%.3fx); peak RSS: renderer process %d MB, largest ffmpeg %d MB, all ffmpegs at once %d MB (sampled every 100 ms)\n",
		out.Duration.Seconds(), el.Seconds(), el.Seconds()/out.Duration.Seconds(), hwm>>20, kids[0]>>20, kids[1]>>20)
}

// procMemory is the peak and current resident set sizes, in bytes, of the process
// /proc/<pid> describes ("self" for this one).
func procMemory(pid string) (hwm, rss int64) {
	b, _ := os.ReadFile("/proc/" + pid + "/status")
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmHWM:":
			hwm = kb << 10
		case "VmRSS:":
			rss = kb << 10
		}
	}
	return hwm, rss
}

// childPIDs are the processes this one started that are still running.
func childPIDs() []int {
	var pids []int
	// Children of every thread: the runtime starts them from any.
	tasks, _ := os.ReadDir("/proc/self/task")
	for _, t := range tasks {
		c, _ := os.ReadFile("/proc/self/task/" + t.Name() + "/children")
		for _, f := range strings.Fields(string(c)) {
			if pid, err := strconv.Atoi(f); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}

// BenchmarkRenderStandard renders the standard 60 s storyboard at 720p30 (OVA_BENCH_RES
// for another resolution) from an empty
// segment cache, and nothing else: the benchmark to profile the renderer with
// (go test -bench RenderStandard -cpuprofile cpu.prof ./render).
func BenchmarkRenderStandard(b *testing.B) {
	res := "720p"
	if r := os.Getenv("OVA_BENCH_RES"); r != "" { // 1080p, 4k
		res = r
	}
	sb, ns := standardStoryboard(res, 1)
	warm := benchRenderer("")
	ctx := context.Background()
	if _, err := warm.silentFrame(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := warmedRenderer(b.TempDir(), warm)
		c0, s0 := childCPU(), selfCPU()
		out, err := r.Render(ctx, videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric((childCPU() - c0).Seconds(), "ffmpeg_cpu_s")
		b.ReportMetric((selfCPU() - s0).Seconds(), "go_cpu_s")
		b.ReportMetric(out.Duration.Seconds(), "video_s")
	}
}

// BenchmarkSoundtrack mixes, measures and encodes the standard 60 s storyboard's
// soundtrack from an empty cache: the work a revision that changes words waits for.
func BenchmarkSoundtrack(b *testing.B) {
	sb, ns := standardStoryboard("720p", 1)
	r := benchRenderer("")
	w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
	fj := &frameJob{w: w, h: h, fps: sb.FPS, style: StyleByID(sb.StyleID)}
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		plans, _ := r.plan(sb, ns, fj, dir)
		if _, err := r.soundtrack(context.Background(), sb, plans, fj, dir); err != nil {
			b.Fatal(err)
		}
	}
}
