package jobs

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/riverqueue/river/riverdriver"
	"go.uber.org/goleak"

	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/internal/sqlite"
)

// TestWakingListener: a notification committed after a wake-up arrives through the
// waking listener; its own wake-ups and fast reads never surface as errors (a wait with
// nothing to deliver ends with the caller's context); and no goroutine is left behind.
func TestWakingListener(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(), goleak.IgnoreTopFunction(media.StarterFunc))
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := New(ctx, db.SQL(), nil, Config{}); err != nil { // River's tables
		t.Fatal(err)
	}
	d := newWakingDriver(db.SQL())
	l := d.GetListener(&riverdriver.GetListenenerParams{})
	if err := l.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	if err := l.Listen(ctx, "river_insert"); err != nil {
		t.Fatal(err)
	}

	// Nothing to deliver: wake-ups and the fast reads after them end in the caller's
	// deadline, not in an error of their own.
	wctx, cancel := context.WithTimeout(ctx, wakeWindow+100*time.Millisecond)
	go func() {
		for range 3 {
			d.wake.enqueued()
			time.Sleep(20 * time.Millisecond)
		}
	}()
	if n, err := l.WaitForNotification(wctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wait with nothing sent: got %v, %v; want the caller's deadline", n, err)
	}
	cancel()

	// A notification written in a transaction, woken before it commits.
	got := make(chan *riverdriver.Notification, 1)
	errs := make(chan error, 1)
	go func() {
		n, err := l.WaitForNotification(ctx)
		got <- n
		errs <- err
	}()
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.UnwrapExecutor(tx).NotifyMany(ctx, &riverdriver.NotifyManyParams{Topic: "river_insert", Payload: []string{`{"queue": "render"}`}}); err != nil {
		t.Fatal(err)
	}
	d.wake.enqueued()
	time.Sleep(10 * time.Millisecond) // the listener reads before the commit, too
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	n := <-got
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if n == nil || n.Topic != "river_insert" || n.Payload != `{"queue": "render"}` {
		t.Fatalf("notification %+v", n)
	}
}

// TestEveryEnqueueNotifies: two videos enqueued within River's notification cooldown each
// leave an insert notification, so the second is fetched as soon as it commits rather than
// at the next poll.
func TestEveryEnqueueNotifies(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, err := New(ctx, db.SQL(), nil, Config{})
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM river_notification WHERE topic = 'river_insert' AND payload LIKE '%render%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	for _, id := range []string{"video-a", "video-b"} {
		tx, err := db.SQL().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.EnqueueRender(ctx, tx, id); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if got := count() - before; got < 2 {
		t.Fatalf("%d insert notifications for two enqueues in a row, want one each", got)
	}
}
