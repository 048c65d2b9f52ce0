package festival

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// patience bounds the waits of these tests for something that must happen (a process
// reaped, goroutines ended): it fails a test that would otherwise hang, and times nothing.
const patience = 30 * time.Second

// testEngine returns an engine with n workers (and the given idle timeout, 0 for the
// default), closed when the test ends, and its pool.
func testEngine(t *testing.T, n int, idle time.Duration) (*Engine, *pool) {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Skipf("festival not available: %v", err)
	}
	e.Workers, e.IdleTimeout = n, idle
	t.Cleanup(func() { e.Close() })
	return e, e.pool()
}

// reference synthesizes text in a process of its own.
func reference(t *testing.T, e *Engine, text string, opt videoagent.SpeechOptions) *videoagent.Narration {
	t.Helper()
	rs, err := e.requests(context.Background(), text, e.voices[0], opt)
	if err != nil {
		t.Fatal(err)
	}
	n, err := e.synthesizeProcess(context.Background(), rs)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func synth(t *testing.T, e *Engine, text string) *videoagent.Narration {
	t.Helper()
	n, err := e.Synthesize(context.Background(), text, e.voices[0], videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func same(t *testing.T, what string, want, got *videoagent.Narration) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: differs from a process of its own (%d vs %d samples, %d vs %d words)", what,
			len(want.Samples), len(got.Samples), len(want.Words), len(got.Words))
	}
}

// state returns the pool's live and idle worker counts and the idle workers' pids.
func (p *pool) state() (live int, idle []int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, w := range p.idle {
		idle = append(idle, w.pid())
	}
	return p.live, idle
}

// child reports whether pid is a process of ours, running or not yet reaped (a zombie).
func child(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// pid (comm) state ppid ...
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 1 && f[1] == strconv.Itoa(os.Getpid())
}

// festivalChildren returns our festival child processes.
func festivalChildren(t *testing.T) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc")
	}
	var out []int
	for _, d := range ents {
		pid, err := strconv.Atoi(d.Name())
		if err != nil || !child(pid) {
			continue
		}
		if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); strings.TrimSpace(string(comm)) == "festival" {
			out = append(out, pid)
		}
	}
	return out
}

// eventually waits until cond holds, failing the test if it does not within patience.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// reaped fails the test unless each of pids is eventually gone (killed and waited for).
func reaped(t *testing.T, pids ...int) {
	t.Helper()
	for _, pid := range pids {
		eventually(t, fmt.Sprintf("process %d reaped", pid), func() bool { return !child(pid) })
	}
}

// noLeaks records the goroutines now and, when the test ends, checks that as many remain.
// The thread that starts tools (see media.Start), which stays for good once a tool has
// started, is started first, so that it counts in both.
func noLeaks(t *testing.T) {
	if err := media.RunCmd(exec.Command("true")); err != nil {
		t.Fatal(err)
	}
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		eventually(t, fmt.Sprintf("goroutines back to %d (now %d)", before, runtime.NumGoroutine()), func() bool {
			return runtime.NumGoroutine() <= before
		})
	})
}

// oneWorker warms e's single worker and returns its pid.
func oneWorker(t *testing.T, e *Engine, p *pool) int {
	t.Helper()
	if err := e.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	live, idle := p.state()
	if live != 1 || len(idle) != 1 {
		t.Fatalf("after Warm: %d live, idle %v; want one", live, idle)
	}
	return idle[0]
}

func TestCancelReplacesWorker(t *testing.T) {
	noLeaks(t)
	e, p := testEngine(t, 1, 0)
	pid := oneWorker(t, e, p)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan struct{})
	p.serving = func(w *worker) {
		p.serving = nil
		close(started)
	}
	go func() {
		<-started
		time.Sleep(50 * time.Millisecond) // into the synthesis, which takes seconds
		cancel()
	}()
	// One sentence, so one request: the worker is inside it when the cancellation comes.
	// (Sentences are requests of their own, and a cancellation between two of them finds
	// the worker idle, where it rightly stays.)
	long := strings.Repeat("hello world, this is a test, ", 100) + "the end."
	_, err := e.Synthesize(ctx, long, e.voices[0], videoagent.SpeechOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled synthesis: error %v, want context.Canceled", err)
	}
	reaped(t, pid)
	if live, idle := p.state(); live != 0 || len(idle) != 0 {
		t.Fatalf("after the cancelled synthesis: %d live, idle %v; want none", live, idle)
	}
	text := "After the cancelled one."
	same(t, "next synthesis", reference(t, e, text, videoagent.SpeechOptions{}), synth(t, e, text))
	if _, idle := p.state(); len(idle) != 1 || idle[0] == pid {
		t.Fatalf("idle workers %v: want a new one", idle)
	}

	// Cancelled while waiting for a worker: no worker is harmed.
	_, busy := p.state()
	hold, err := p.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := e.Synthesize(ctx, "Waiting.", e.voices[0], videoagent.SpeechOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled while waiting: error %v, want context.Canceled", err)
	}
	p.put(hold)
	if _, idle := p.state(); !reflect.DeepEqual(idle, busy) {
		t.Fatalf("idle workers %v, want %v", idle, busy)
	}
}

func TestKilledWorkerIsReplaced(t *testing.T) {
	noLeaks(t)
	e, p := testEngine(t, 1, 0)
	text := "The worker died, long live the worker."
	want := reference(t, e, text, videoagent.SpeechOptions{})

	// Killed while idle.
	pid := oneWorker(t, e, p)
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	same(t, "after a kill while idle", want, synth(t, e, text))
	reaped(t, pid)

	// Killed while synthesizing.
	_, idle := p.state()
	pid = idle[0]
	p.serving = func(w *worker) {
		p.serving = nil
		syscall.Kill(w.pid(), syscall.SIGKILL)
	}
	same(t, "after a kill while synthesizing", want, synth(t, e, text))
	reaped(t, pid)
	if live, idle := p.state(); live != 1 || len(idle) != 1 || idle[0] == pid {
		t.Fatalf("%d live, idle %v: want one new worker", live, idle)
	}
}

// inject writes Scheme to an idle worker's standard input, outside any request.
func inject(t *testing.T, p *pool, scheme string) int {
	t.Helper()
	p.mu.Lock()
	w := p.idle[len(p.idle)-1]
	p.mu.Unlock()
	if _, err := io.WriteString(w.stdin, scheme); err != nil {
		t.Fatal(err)
	}
	return w.pid()
}

func TestGarbageWorkerIsReplaced(t *testing.T) {
	noLeaks(t)
	e, p := testEngine(t, 1, 0)
	// Short, for the unfinished form, but long enough for a healthy worker to start
	// and answer on a loaded machine.
	p.ackTimeout = 8 * time.Second
	text := "Nothing but the answer."
	want := reference(t, e, text, videoagent.SpeechOptions{})
	for _, c := range []struct{ name, scheme string }{
		{"output outside a request", "(format t \"garbage\\n\") (fflush nil)\n"},
		{"stale answer", "(format t \"T\\tstale\\nS\\tx\\t0.1\\nP\\tpau\\t0.1\\t0\\n\") (fflush nil)\n"},
		{"forged marker", "(format t \"OVA-BEGIN NONCE 1\\nOVA-END NONCE 1 ok\\n\") (fflush nil)\n"},
		{"broken synthesis", "(define (utt.synth u) (error \"broken\"))\n"},
		{"exited", "(quit)\n"},
		{"unfinished form", "(format t \"never closed\"\n"}, // swallows the requests
	} {
		t.Run(c.name, func(t *testing.T) {
			oneWorker(t, e, p)
			pid := inject(t, p, c.scheme)
			same(t, c.name, want, synth(t, e, text))
			reaped(t, pid)
		})
	}
}

func TestParallelSynthesesUseDifferentWorkers(t *testing.T) {
	noLeaks(t)
	const n = 3
	e, p := testEngine(t, n, 0)
	texts := []string{"First of three, at once.", "Second, with 2 numbers: 3 and 4.", "Third; the last one!"}
	want := make([]*videoagent.Narration, n)
	for i, s := range texts {
		want[i] = reference(t, e, s, videoagent.SpeechOptions{})
	}
	// Every request waits in serving until all three are being served.
	var mu sync.Mutex
	pids := map[int]bool{}
	all := make(chan struct{})
	p.serving = func(w *worker) {
		mu.Lock()
		pids[w.pid()] = true
		if len(pids) == n {
			close(all)
		}
		mu.Unlock()
		select {
		case <-all:
		case <-time.After(patience):
			t.Error("the syntheses were not served at once")
		}
	}
	run := func(rot int) {
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				k := (i + rot) % n
				got, err := e.Synthesize(context.Background(), texts[k], e.voices[0], videoagent.SpeechOptions{})
				if err != nil {
					t.Error(err)
					return
				}
				same(t, texts[k], want[k], got)
			})
		}
		wg.Wait()
	}
	run(0)
	if len(pids) != n {
		t.Fatalf("%d parallel syntheses ran on %d workers", n, len(pids))
	}
	// The same texts on other workers, many times over: the same output.
	p.serving = nil
	for rot := 1; rot <= 2*n; rot++ {
		run(rot)
	}
	if live, idle := p.state(); live != n || len(idle) != n {
		t.Fatalf("%d live, %d idle; want %d", live, len(idle), n)
	}
}

func TestCloseStopsWorkers(t *testing.T) {
	noLeaks(t)
	e, p := testEngine(t, 2, 0)
	text := "Closing time."
	want := reference(t, e, text, videoagent.SpeechOptions{})
	// Two workers: one idle, one busy when Close is called.
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { synth(t, e, text) })
	}
	wg.Wait()
	_, idle := p.state()
	closed := make(chan struct{})
	p.serving = func(w *worker) {
		p.serving = nil
		idle = append(idle, w.pid())
		e.Close()
		close(closed)
	}
	same(t, "synthesis during Close", want, synth(t, e, text))
	<-closed
	reaped(t, idle...)
	if live, idle := p.state(); live != 0 || len(idle) != 0 {
		t.Fatalf("after Close: %d live, idle %v", live, idle)
	}
	// After Close: a process per synthesis, and nothing left running.
	same(t, "synthesis after Close", want, synth(t, e, text))
	if err := e.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if e.pool() != nil {
		t.Fatal("a closed engine has a pool")
	}
	for _, pid := range festivalChildren(t) {
		for _, w := range idle {
			if pid == w {
				t.Errorf("worker %d still running", pid)
			}
		}
	}
}

func TestIdleWorkersStop(t *testing.T) {
	noLeaks(t)
	e, p := testEngine(t, 2, 10*time.Millisecond)
	// Two syntheses at once start two workers.
	all := make(chan struct{})
	var once sync.Once
	var mu sync.Mutex
	served := map[int]bool{}
	p.serving = func(w *worker) {
		mu.Lock()
		served[w.pid()] = true
		if len(served) == 2 {
			once.Do(func() { close(all) })
		}
		mu.Unlock()
		<-all
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { synth(t, e, "Idle soon.") })
	}
	wg.Wait()
	// One stops; the last one stays warm.
	eventually(t, "one worker left", func() bool { live, _ := p.state(); return live == 1 })
	_, idle := p.state()
	for pid := range served {
		if len(idle) != 1 || pid != idle[0] {
			reaped(t, pid)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if live, idle := p.state(); live != 1 || len(idle) != 1 {
		t.Fatalf("%d live, idle %v; want the last worker kept", live, idle)
	}
}

func TestWorkerThatCannotStart(t *testing.T) {
	noLeaks(t)
	e, _ := testEngine(t, 1, 0)
	text := "Start failed."
	want := reference(t, e, text, videoagent.SpeechOptions{})
	// A binary that is festival for a process of its own, but never answers as a worker:
	// it drops the begin marker.
	dir := t.TempDir()
	script := dir + "/festival"
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+e.Binary+" \"$@\" | grep --line-buffered -v OVA-BEGIN\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f.Binary, f.Workers = script, 1
	defer f.Close()
	same(t, "fallback", want, synth(t, f, text))
	same(t, "fallback again", want, synth(t, f, text))
	p := f.pool()
	if live, idle := p.state(); live != 0 || len(idle) != 0 {
		t.Fatalf("%d live, idle %v; want none", live, idle)
	}
	p.mu.Lock()
	starts := p.starts
	p.mu.Unlock()
	if starts != 1 {
		t.Fatalf("%d workers tried, want 1 (then none for a while)", starts)
	}
}

// TestSentencesSideBySide: the sentences of one synthesis run on two workers at once, and
// join in order, the second after a pause (the silences Festival puts around an utterance).
func TestSentencesSideBySide(t *testing.T) {
	noLeaks(t)
	e, p := testEngine(t, 2, 0)
	text := "Ledgerly sends an invoice in two clicks. It reads expenses from photos of receipts."
	var mu sync.Mutex
	pids := map[int]bool{}
	both := make(chan struct{})
	p.serving = func(w *worker) {
		mu.Lock()
		pids[w.pid()] = true
		if len(pids) == 2 {
			close(both)
		}
		mu.Unlock()
		select {
		case <-both:
		case <-time.After(patience):
			t.Error("the two sentences were not served at once")
		}
	}
	n := synth(t, e, text)
	if len(pids) != 2 {
		t.Fatalf("two sentences ran on %d workers", len(pids))
	}
	p.serving = nil
	same(t, "sentences on the pool vs in one process", reference(t, e, text, videoagent.SpeechOptions{}), n)
	var words []string
	gap := time.Duration(-1)
	for i, w := range n.Words {
		words = append(words, w.Word)
		if w.Word == "It" && i > 0 {
			gap = w.Start - n.Words[i-1].End
		}
	}
	if got := strings.Join(words, " "); got != "Ledgerly sends an invoice in two clicks It reads expenses from photos of receipts" {
		t.Fatalf("words %q", got)
	}
	if gap < 150*time.Millisecond || gap > time.Second {
		t.Errorf("pause between the sentences %v, want a sentence's pause (150 ms to 1 s)", gap)
	}
}
