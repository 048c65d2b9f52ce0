package jobs

import (
	"context"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivertype"

	videoagent "github.com/openvideoagent/videoagent"
)

// backend is River's client over one driver (SQLite or PostgreSQL), whose transaction type
// differs; the Queue speaks to either through it.
type backend interface {
	start(ctx context.Context, q *Queue) error
	stop(ctx context.Context) error
	stopAndCancel(ctx context.Context) error
	insertTx(ctx context.Context, tx videoagent.Tx, params []river.InsertManyParams) error
	jobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	rescue(ctx context.Context, params *riverdriver.JobRescueManyParams) error
	insertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobRow, error)
	jobGet(ctx context.Context, id int64) (*rivertype.JobRow, error)
	jobCancel(ctx context.Context, id int64) error
}

type riverBackend[TTx any] struct {
	client *river.Client[TTx]
	driver riverdriver.Driver[TTx]
	pg     *pgxpool.Pool // nil on SQLite
	cancel context.CancelFunc
	// wake, on SQLite, is the listener's waker (wake.go): every enqueue writes its own
	// insert notification and wakes the listener to read it (see insertTx). Nil on
	// PostgreSQL, whose LISTEN/NOTIFY delivers at commit.
	wake *waker
}

func (b *riverBackend[TTx]) start(ctx context.Context, q *Queue) error {
	if b.pg != nil {
		lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		b.cancel = cancel
		l := &liveness{pool: b.pg, id: q.cfg.ID, log: q.log, every: q.cfg.HeartbeatInterval}
		if err := l.beat(ctx); err != nil {
			cancel()
			return err
		}
		go l.run(lctx)
	}
	return b.client.Start(ctx)
}

func (b *riverBackend[TTx]) stop(ctx context.Context) error {
	err := b.client.Stop(ctx)
	if err == nil && b.cancel != nil {
		b.cancel()
	}
	return err
}

func (b *riverBackend[TTx]) stopAndCancel(ctx context.Context) error {
	err := b.client.StopAndCancel(ctx)
	if b.cancel != nil {
		b.cancel()
	}
	return err
}

func (b *riverBackend[TTx]) insertTx(ctx context.Context, tx videoagent.Tx, params []river.InsertManyParams) error {
	t, ok := tx.(TTx)
	if !ok {
		return fmt.Errorf("enqueue: transaction is %T, not the queue's %v", tx, reflect.TypeFor[TTx]())
	}
	res, err := b.client.InsertManyTx(ctx, t, params)
	if err != nil || b.wake == nil {
		return err
	}
	// River notifies a queue of inserts at most once per FetchCooldown: a second video
	// enqueued a few milliseconds after the first was fetched only at the next poll
	// (250 ms), since the listener now reads the first notification at once (wake.go).
	// Every enqueue's own notification commits with its jobs.
	var payloads []string
	seen := map[string]bool{}
	for _, r := range res {
		if q := r.Job.Queue; !seen[q] {
			seen[q] = true
			payloads = append(payloads, fmt.Sprintf("{\"queue\": %q}", q))
		}
	}
	if err := b.driver.UnwrapExecutor(t).NotifyMany(ctx, &riverdriver.NotifyManyParams{Topic: insertTopic, Payload: payloads}); err != nil {
		return err
	}
	b.wake.enqueued()
	return nil
}

// insertTopic is River's notification topic for inserted jobs.
const insertTopic = "river_insert"

func (b *riverBackend[TTx]) jobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error) {
	return b.client.JobList(ctx, params)
}

func (b *riverBackend[TTx]) rescue(ctx context.Context, params *riverdriver.JobRescueManyParams) error {
	_, err := b.driver.GetExecutor().JobRescueMany(ctx, params)
	return err
}

func (b *riverBackend[TTx]) insertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobRow, error) {
	res, err := b.client.InsertMany(ctx, params)
	if err != nil {
		return nil, err
	}
	rows := make([]*rivertype.JobRow, len(res))
	for i, r := range res {
		rows[i] = r.Job
	}
	return rows, nil
}

func (b *riverBackend[TTx]) jobGet(ctx context.Context, id int64) (*rivertype.JobRow, error) {
	return b.client.JobGet(ctx, id)
}

func (b *riverBackend[TTx]) jobCancel(ctx context.Context, id int64) error {
	_, err := b.client.JobCancel(ctx, id)
	return err
}
