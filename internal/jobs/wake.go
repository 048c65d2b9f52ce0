package jobs

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riversqlite"
)

// SQLite has no LISTEN/NOTIFY: River's SQLite driver writes a job's insert notification
// into a table that its listener reads every 50 ms, so a job enqueued here waited about
// 50 ms before a worker took it (twice for a chat message: its turn, then the render).
// wakingDriver's listener reads that table again within a few milliseconds of this
// process enqueueing a job, for a short while, and at River's pace otherwise.

// Fast reads after an enqueue: how often, and for how long (the transaction that
// inserted the job commits in the meantime).
const (
	wakePoll   = 2 * time.Millisecond
	wakeWindow = 250 * time.Millisecond
)

// waker tells the listener that this process has just enqueued a job.
type waker struct {
	mu    sync.Mutex
	until time.Time     // read fast until then
	ch    chan struct{} // one pending wake-up
}

func newWaker() *waker { return &waker{ch: make(chan struct{}, 1)} }

// enqueued notes that a job was just inserted (in a transaction still open).
func (w *waker) enqueued() {
	w.mu.Lock()
	w.until = time.Now().Add(wakeWindow)
	w.mu.Unlock()
	select {
	case w.ch <- struct{}{}:
	default:
	}
}

// fast reports whether the listener should read the notifications table at wakePoll.
func (w *waker) fast() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return time.Now().Before(w.until)
}

// wakingDriver is River's SQLite driver whose listener wakes (see waker).
type wakingDriver struct {
	*riversqlite.Driver
	wake *waker
}

func newWakingDriver(db *sql.DB) *wakingDriver {
	return &wakingDriver{Driver: riversqlite.New(db), wake: newWaker()}
}

func (d *wakingDriver) GetListener(params *riverdriver.GetListenenerParams) riverdriver.Listener {
	return &wakingListener{Listener: d.Driver.GetListener(params), wake: d.wake}
}

// wakingListener waits for notifications in River's SQLite listener, cutting its wait
// short when a job is enqueued and then reading every wakePoll until the window ends.
type wakingListener struct {
	riverdriver.Listener
	wake *waker
}

func (l *wakingListener) WaitForNotification(ctx context.Context) (*riverdriver.Notification, error) {
	for {
		var wctx context.Context
		var cancel context.CancelFunc
		done := make(chan struct{})
		if l.wake.fast() {
			wctx, cancel = context.WithTimeout(ctx, wakePoll)
		} else {
			wctx, cancel = context.WithCancel(ctx)
			go func() {
				select {
				case <-l.wake.ch:
					cancel()
				case <-done:
				}
			}()
		}
		n, err := l.Listener.WaitForNotification(wctx)
		close(done)
		cancel()
		// The inner wait ended by our own deadline or wake-up: read again (fast now).
		if err != nil && ctx.Err() == nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			continue
		}
		return n, err
	}
}
