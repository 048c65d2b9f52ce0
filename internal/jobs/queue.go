// Package jobs runs the pipeline's work on River, a durable job queue that lives in the same
// database as the rest of the state: a job is inserted in the transaction that creates its
// video, survives restarts, and is retried when a run is cut short.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/pipeline"
	"github.com/openvideoagent/videoagent/webhook"
)

// QueueRender is the queue render jobs run on.
const QueueRender = "render"

// RenderArgs is the render job: produce one video.
type RenderArgs struct {
	VideoID string `json:"video_id"`
}

// Kind implements river.JobArgs.
func (RenderArgs) Kind() string { return "render_video" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (RenderArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueRender, MaxAttempts: maxAttempts, Priority: 2}
}

// maxAttempts bounds the retries of a run that keeps failing with an unexpected error; the
// last failure is recorded on the video.
const maxAttempts = 4

// renderTimeout bounds one run; a 30-minute video renders in a few minutes.
const renderTimeout = 30 * time.Minute

type renderWorker struct {
	river.WorkerDefaults[RenderArgs]
	p        *pipeline.Pipeline
	conv     *pipeline.Conversation // halts a render the user stopped; nil: plain runs
	activity *Activity
}

func (w *renderWorker) Timeout(*river.Job[RenderArgs]) time.Duration { return renderTimeout }

// NextRetry retries soon: a retry is usually a restart, not an overloaded dependency.
func (w *renderWorker) NextRetry(job *river.Job[RenderArgs]) time.Time {
	return time.Now().Add(time.Duration(job.Attempt*job.Attempt) * time.Second)
}

func (w *renderWorker) Work(ctx context.Context, job *river.Job[RenderArgs]) error {
	defer w.activity.start()()
	var err error
	if w.conv != nil {
		err = w.conv.RunStoppable(ctx, job.Args.VideoID)
	} else {
		err = w.p.Run(ctx, job.Args.VideoID)
	}
	if err == nil {
		return nil
	}
	if job.Attempt >= job.MaxAttempts && ctx.Err() == nil {
		w.p.Fail(context.WithoutCancel(ctx), job.Args.VideoID,
			videoagent.Failf(videoagent.FailInternal, err, "The video could not be produced after %d attempts because of an internal error.", job.Attempt))
		return nil
	}
	return err
}

// Config configures a Queue.
type Config struct {
	// Workers is the number of render jobs run at once; 0 makes an insert-only queue (an API
	// server whose workers run elsewhere).
	Workers int
	// Exclusive says this process alone uses the database (the embedded default, guarded by
	// a lock file): jobs left running by a killed process are then resumed at once on Start
	// instead of after River's stuck-job horizon.
	Exclusive bool
	// PollInterval is how often idle workers look for jobs; SQLite has no LISTEN/NOTIFY.
	PollInterval time.Duration
	Logger       *slog.Logger

	// ID names this process among the queue's clients (River's client ID); empty: River
	// picks one. Worker processes sharing a PostgreSQL database need distinct IDs.
	ID string
	// FanoutShards, above 1, has a worker rendering a long video (FanoutMinSeconds of
	// narration, default 60) enqueue shares of its segments for other workers and wait for
	// them (render_shard jobs); meant for a cluster's shared segment cache (S3).
	FanoutShards     int
	FanoutMinSeconds float64
	// HeartbeatInterval is how often a worker on PostgreSQL beats (DefaultHeartbeatInterval
	// when 0); one silent for three intervals has its running jobs resumed elsewhere.
	HeartbeatInterval time.Duration

	// Webhooks sends webhook deliveries; nil leaves them undelivered (queued).
	Webhooks *webhook.Sender
	// WebhookRetryBase is the first retry's delay; later ones double, up to an hour.
	// Default 5 s.
	WebhookRetryBase time.Duration

	// Conversation answers chat turns; nil runs no chat queue. Give it this queue as its
	// Renders (cmd does).
	Conversation *pipeline.Conversation
}

// Queue is the job queue.
type Queue struct {
	store   videoagent.WebhookStore
	backend backend
	cfg     Config
	log     *slog.Logger
	// For the health check and job counts (health.go): the SQLite database, or the
	// PostgreSQL pool.
	db *sql.DB
	pg *pgxpool.Pool
	// stopped is closed when the workers have stopped.
	stopped func() <-chan struct{}
	// activity tells when this process renders.
	activity *Activity
}

// New migrates River's tables in the SQLite database db and returns a queue whose workers
// run p.
func New(ctx context.Context, db *sql.DB, p *pipeline.Pipeline, cfg Config) (*Queue, error) {
	driver := newWakingDriver(db)
	q, err := newQueue(ctx, driver, p, cfg, nil, driver.wake)
	if q != nil {
		q.db = db
	}
	return q, err
}

// newQueue migrates River's tables through driver and returns a queue whose workers run p.
// pg, when not nil, is the PostgreSQL pool under driver: it enables the liveness sweep;
// wake, when not nil, is the SQLite listener's waker (see riverBackend).
func newQueue[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], p *pipeline.Pipeline, cfg Config, pg *pgxpool.Pool, wake *waker) (*Queue, error) {
	if cfg.WebhookRetryBase <= 0 {
		cfg.WebhookRetryBase = 5 * time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if err := migrateRiver(ctx, driver, log); err != nil {
		return nil, err
	}
	activity := newActivity()
	rc := &river.Config{
		ID:                   cfg.ID,
		Logger:               quiet(log),
		JobTimeout:           renderTimeout,
		RescueStuckJobsAfter: renderTimeout + 5*time.Minute,
	}
	if cfg.Workers > 0 {
		workers := river.NewWorkers()
		river.AddWorker(workers, &renderWorker{p: p, conv: cfg.Conversation, activity: activity})
		river.AddWorker(workers, &shardWorker{p: p, activity: activity})
		rc.Queues = map[string]river.QueueConfig{QueueRender: {MaxWorkers: cfg.Workers}}
		if cfg.Conversation != nil {
			river.AddWorker(workers, &turnWorker{conv: cfg.Conversation})
			rc.Queues[QueueChat] = river.QueueConfig{MaxWorkers: 1}
		}
		if cfg.Webhooks != nil {
			river.AddWorker(workers, &deliverWorker{sender: cfg.Webhooks, store: cfg.Webhooks.Store, base: cfg.WebhookRetryBase})
			rc.Queues[QueueWebhooks] = river.QueueConfig{MaxWorkers: 4}
		}
		rc.Workers = workers
		rc.FetchPollInterval = cfg.PollInterval
		if rc.FetchPollInterval == 0 {
			rc.FetchPollInterval = 250 * time.Millisecond
		}
		// A job's notification makes its worker fetch at once unless it fetched within the
		// cooldown, which at 50 ms held some renders back by as much.
		rc.FetchCooldown = min(10*time.Millisecond, rc.FetchPollInterval)
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	q := &Queue{backend: &riverBackend[TTx]{client: client, driver: driver, pg: pg, wake: wake}, cfg: cfg, log: log, pg: pg, stopped: client.Stopped,
		activity: activity}
	if cfg.FanoutShards > 1 && cfg.Workers > 0 && p != nil {
		p.Fanout = &pipeline.Fanout{Enqueue: q.enqueueShards, Shards: cfg.FanoutShards, MinSeconds: cfg.FanoutMinSeconds}
	}
	if p != nil {
		q.store = p.Store
	}
	return q, nil
}

// migrateRiver runs River's own migrations through driver.
func migrateRiver[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], log *slog.Logger) error {
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: quiet(log)})
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrate: %w", err)
	}
	return nil
}

// quiet keeps River's own chatter at warnings and above.
func quiet(l *slog.Logger) *slog.Logger {
	return slog.New(levelFilter{h: l.Handler(), min: slog.LevelWarn})
}

type levelFilter struct {
	h   slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.h.Enabled(ctx, l)
}
func (f levelFilter) Handle(ctx context.Context, r slog.Record) error { return f.h.Handle(ctx, r) }
func (f levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{h: f.h.WithAttrs(a), min: f.min}
}
func (f levelFilter) WithGroup(n string) slog.Handler {
	return levelFilter{h: f.h.WithGroup(n), min: f.min}
}

// Start starts the workers (if any), first resuming jobs a killed process left running.
func (q *Queue) Start(ctx context.Context) error {
	if q.cfg.Workers == 0 {
		return nil
	}
	if q.cfg.Exclusive {
		if err := q.resumeOrphans(ctx); err != nil {
			return err
		}
	}
	return q.backend.start(ctx, q)
}

// Stop stops taking jobs and waits for running ones until ctx ends; then it cancels them,
// and River records them for a retry (a cancelled run is resumed from the start).
func (q *Queue) Stop(ctx context.Context) error {
	if q.cfg.Workers == 0 {
		return nil
	}
	err := q.backend.stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return q.backend.stopAndCancel(cctx)
	}
	return err
}

var _ videoagent.Enqueuer = (*Queue)(nil)

// EnqueueRender inserts a render job in the store's transaction tx.
func (q *Queue) EnqueueRender(ctx context.Context, tx videoagent.Tx, videoID string) error {
	return q.insertTx(ctx, tx, RenderArgs{VideoID: videoID})
}

// insertTx inserts jobs in a store transaction, so that they commit with the rows they
// belong to. The SQLite store's transactions are *sql.Tx and the PostgreSQL store's pgx.Tx,
// which River's drivers take.
func (q *Queue) insertTx(ctx context.Context, tx videoagent.Tx, args ...river.JobArgs) error {
	if len(args) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a}
	}
	return q.backend.insertTx(ctx, tx, params)
}

// resumeOrphans makes jobs in the running state available again. Only safe when no other
// process can be running them, which Config.Exclusive asserts.
func (q *Queue) resumeOrphans(ctx context.Context) error {
	res, err := q.backend.jobList(ctx, river.NewJobListParams().States(rivertype.JobStateRunning).First(1000))
	if err != nil {
		return fmt.Errorf("list running jobs: %w", err)
	}
	if len(res.Jobs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	// Only jobs whose attempt began before the horizon are rescued: all of them, since this
	// process has not started any yet.
	p := &riverdriver.JobRescueManyParams{StuckHorizon: now.Add(time.Second)}
	for _, j := range res.Jobs {
		attemptErr, _ := json.Marshal(rivertype.AttemptError{
			At: now, Attempt: j.Attempt, Error: "the process running this job ended; resumed on restart",
		})
		p.ID = append(p.ID, j.ID)
		p.Error = append(p.Error, attemptErr)
		p.FinalizedAt = append(p.FinalizedAt, nil)
		p.ScheduledAt = append(p.ScheduledAt, now)
		p.State = append(p.State, string(rivertype.JobStateAvailable))
		q.log.Info("resuming job left running by a previous process", "job_id", j.ID, "kind", j.Kind, "attempt", j.Attempt)
	}
	if err := q.backend.rescue(ctx, p); err != nil {
		return fmt.Errorf("resume running jobs: %w", err)
	}
	return nil
}
