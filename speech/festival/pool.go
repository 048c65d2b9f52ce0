package festival

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/media"
)

// errNoWorker means a synthesis found no working worker: it runs in a process of its own.
var errNoWorker = errors.New("festival: no warm worker")

// errClosed means the pool is closed.
var errClosed = errors.New("festival: engine closed")

// Marker lines that frame a worker's answer to a request: the begin marker, then the lines
// the request printed, then the end marker with "ok" or "error" (the request raised a Scheme
// error). Both carry the worker's nonce and the request's sequence number.
const (
	beginMark = "OVA-BEGIN"
	endMark   = "OVA-END"
)

// Limits of a worker's answer: longer lines, or more output, are garbage.
const (
	maxLine   = 64 << 10
	maxAnswer = 64 << 20
)

// ackTimeout is how long a worker may take to print a request's begin marker, which it does
// as soon as it reads the request. One that does not is hung (for instance, an unfinished
// form swallows the requests that follow it) and is killed.
const ackTimeout = 30 * time.Second

// startBackoff is how long after a worker failed to start syntheses run in processes of
// their own before another worker is tried.
const startBackoff = time.Minute

// pool keeps up to max warm workers. A synthesis takes a slot, then an idle worker or, if
// there is none, a new one; it gives both back when done.
type pool struct {
	bin, voice  string
	idleTimeout time.Duration // < 0: never
	ackTimeout  time.Duration
	slots       chan struct{} // one per worker taken or being started

	mu      sync.Mutex
	idle    []*worker // most recently used last
	live    int       // workers started and not stopped
	closed  bool
	starts  int       // workers started or tried
	retryAt time.Time // no worker is started before then

	// serving, when set (by tests), is called with the worker that is about to run a
	// request.
	serving func(*worker)
}

func newPool(bin, voice string, max int, idleTimeout time.Duration) *pool {
	return &pool{bin: bin, voice: voice, idleTimeout: idleTimeout, ackTimeout: ackTimeout, slots: make(chan struct{}, max)}
}

// synthesize runs r on a worker. A worker that fails is stopped and r retried once on
// another; if that fails too, or no worker can be started, the error wraps errNoWorker.
func (p *pool) synthesize(ctx context.Context, r *request) (*videoagent.Narration, error) {
	var failed error
	for range 2 {
		w, err := p.get(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("%w: %v", errNoWorker, err)
		}
		if p.serving != nil {
			p.serving(w)
		}
		n, err := w.synthesize(ctx, r)
		if err == nil {
			p.put(w)
			return n, nil
		}
		p.drop(w)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		slog.Warn("festival: worker failed; it is replaced", "pid", w.pid(), "err", err)
		failed = err
	}
	return nil, fmt.Errorf("%w: %v", errNoWorker, failed)
}

// get takes a slot, waiting while every worker is busy, and returns an idle worker or a new
// one.
func (p *pool) get(ctx context.Context) (*worker, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		<-p.slots
		return nil, errClosed
	}
	if k := len(p.idle); k > 0 {
		w := p.idle[k-1]
		p.idle = p.idle[:k-1]
		w.idleGen++
		if w.timer != nil {
			w.timer.Stop()
		}
		p.mu.Unlock()
		return w, nil
	}
	if time.Now().Before(p.retryAt) {
		p.mu.Unlock()
		<-p.slots
		return nil, errors.New("festival: a worker failed to start lately")
	}
	p.live++
	p.starts++
	p.mu.Unlock()
	w, err := startWorker(ctx, p.bin, p.voice, p.ackTimeout)
	p.mu.Lock()
	if err != nil {
		p.live--
		if ctx.Err() == nil {
			p.retryAt = time.Now().Add(startBackoff)
			slog.Warn("festival: a worker failed to start; syntheses run in processes of their own for a while", "err", err)
		}
	} else {
		p.retryAt = time.Time{}
	}
	p.mu.Unlock()
	if err != nil {
		<-p.slots
		return nil, err
	}
	return w, nil
}

// put gives back a worker that served its request well, and its slot.
func (p *pool) put(w *worker) {
	p.mu.Lock()
	if p.closed {
		p.live--
		p.mu.Unlock()
		w.stop()
		<-p.slots
		return
	}
	w.idleGen++
	if p.idleTimeout > 0 {
		gen := w.idleGen
		w.timer = time.AfterFunc(p.idleTimeout, func() { p.expire(w, gen) })
	}
	p.idle = append(p.idle, w)
	p.mu.Unlock()
	<-p.slots
}

// drop stops a worker that failed, and gives back its slot.
func (p *pool) drop(w *worker) {
	p.mu.Lock()
	p.live--
	p.mu.Unlock()
	w.stop()
	<-p.slots
}

// expire stops w if it is still idle since its idle generation gen and is not the last
// worker.
func (p *pool) expire(w *worker, gen uint64) {
	p.mu.Lock()
	i := slices.Index(p.idle, w)
	if i < 0 || w.idleGen != gen || p.live <= 1 {
		p.mu.Unlock()
		return
	}
	p.idle = slices.Delete(p.idle, i, i+1)
	p.live--
	p.mu.Unlock()
	w.stop()
}

// close stops the idle workers; busy ones stop when they are given back.
func (p *pool) close() {
	p.mu.Lock()
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.live -= len(idle)
	for _, w := range idle {
		if w.timer != nil {
			w.timer.Stop()
		}
	}
	p.mu.Unlock()
	for _, w := range idle {
		w.stop()
	}
}

// worker is a `festival --pipe` process that has loaded the voice and takes requests on its
// standard input, one at a time.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    *bufio.Reader
	stderr *tailBuffer
	dir    string // working directory, for the waves
	nonce  string
	seq    uint64
	ack    time.Duration // see ackTimeout
	hung   atomic.Bool   // killed for not acknowledging a request

	idleGen uint64      // guarded by the pool's mu
	timer   *time.Timer // idle timer, guarded by the pool's mu

	stopOnce sync.Once
}

// startWorker starts a festival process and waits until it has selected voice and
// synthesized a word, which loads the voice's models. Cancellation kills it.
func startWorker(ctx context.Context, bin, voice string, ack time.Duration) (*worker, error) {
	dir, err := os.MkdirTemp("", "videoagent-festival-worker-")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--pipe")
	media.DieWithParent(cmd) // no festival left running when the server is killed
	cmd.Dir = dir
	cmd.WaitDelay = time.Second
	w := &worker{cmd: cmd, dir: dir, nonce: rand.Text(), ack: ack, stderr: &tailBuffer{}}
	cmd.Stderr = w.stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := media.Start(cmd); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("festival: %w", err)
	}
	w.stdin, w.out = stdin, bufio.NewReaderSize(stdout, maxLine)
	if _, err := w.call(ctx, fmt.Sprintf("(voice_%s)\n(utt.synth (Utterance Text \"Ready.\"))\n", voice)); err != nil {
		w.stop()
		return nil, err
	}
	return w, nil
}

func (w *worker) pid() int { return w.cmd.Process.Pid }

// synthesize runs r. On an error the worker must be stopped.
func (w *worker) synthesize(ctx context.Context, r *request) (*videoagent.Narration, error) {
	wav := filepath.Join(w.dir, fmt.Sprintf("%d.wav", w.seq+1))
	defer os.Remove(wav)
	out, err := w.call(ctx, r.forms(wav))
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(wav)
	if err != nil {
		return nil, fmt.Errorf("festival: no audio: %w", err)
	}
	return r.narration(raw, out)
}

// call sends forms as one request and returns what they printed. Cancellation kills the
// process. On an error the worker must be stopped.
func (w *worker) call(ctx context.Context, forms string) (string, error) {
	w.seq++
	begin := fmt.Sprintf("%s %s %d", beginMark, w.nonce, w.seq)
	end := fmt.Sprintf("%s %s %d ", endMark, w.nonce, w.seq)
	// The begin marker at once, as acknowledgement; then one top-level form for the request,
	// so that a Scheme error in it skips to the end marker, which then says "error".
	script := fmt.Sprintf("(format t \"%s\\n\")\n(fflush nil)\n(set! ova_ok nil)\n(begin\n%s(set! ova_ok t))\n(format t \"%s%%s\\n\" (if ova_ok \"ok\" \"error\"))\n(fflush nil)\n",
		begin, forms, end)
	stop := context.AfterFunc(ctx, w.kill)
	out, err := w.exchange(script, begin, end)
	if !stop() {
		return "", ctx.Err()
	}
	return out, err
}

// exchange writes script and reads the answer framed by the markers begin and end.
func (w *worker) exchange(script, begin, end string) (string, error) {
	hung := time.AfterFunc(w.ack, func() {
		w.hung.Store(true)
		w.kill()
	})
	defer hung.Stop()
	if _, err := io.WriteString(w.stdin, script); err != nil {
		if w.hung.Load() {
			return "", w.failure(fmt.Sprintf("no acknowledgement in %v", w.ack), nil)
		}
		return "", w.failure("cannot send the request", err)
	}
	var out strings.Builder
	started := false
	for {
		b, err := w.out.ReadSlice('\n')
		if err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				return "", w.failure("garbage: overlong line", nil)
			}
			if w.hung.Load() {
				return "", w.failure(fmt.Sprintf("no acknowledgement in %v", w.ack), nil)
			}
			return "", w.failure("no answer", err)
		}
		line := string(b[:len(b)-1])
		switch {
		case !started && line == begin:
			started = true
			hung.Stop()
		case !started:
			return "", w.failure(fmt.Sprintf("garbage before the answer: %q", tail(line)), nil)
		case strings.HasPrefix(line, endMark+" "):
			if status, ok := strings.CutPrefix(line, end); ok && status == "ok" {
				return out.String(), nil
			} else if ok && status == "error" {
				return "", w.failure("the request failed", nil)
			}
			return "", w.failure(fmt.Sprintf("garbage: %q", tail(line)), nil)
		case out.Len()+len(b) > maxAnswer:
			return "", w.failure("garbage: overlong answer", nil)
		default:
			out.Write(b)
		}
	}
}

// failure describes what went wrong with the worker, with the end of what it wrote to
// standard error.
func (w *worker) failure(what string, err error) error {
	msg := "festival worker " + fmt.Sprint(w.pid()) + ": " + what
	if err != nil {
		msg += ": " + err.Error()
	}
	if s := tail(w.stderr.String()); s != "" {
		msg += ": " + s
	}
	return errors.New(msg)
}

// kill kills the process; stop reaps it.
func (w *worker) kill() { w.cmd.Process.Kill() }

// stop kills the process, waits for it and removes its directory.
func (w *worker) stop() {
	w.stopOnce.Do(func() {
		w.kill()
		w.cmd.Wait()
		os.RemoveAll(w.dir)
	})
}

// tailBuffer keeps the last bytes written to it.
type tailBuffer struct {
	mu sync.Mutex
	b  []byte
}

const tailSize = 4 << 10

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > 2*tailSize {
		t.b = append(t.b[:0], t.b[len(t.b)-tailSize:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.b) > tailSize {
		return string(t.b[len(t.b)-tailSize:])
	}
	return string(t.b)
}
