package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/jobs"
	"github.com/openvideoagent/videoagent/internal/pipeline"
	"github.com/openvideoagent/videoagent/internal/postgres"
	"github.com/openvideoagent/videoagent/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func openPostgres(t *testing.T) (*postgres.DB, *postgres.Store) {
	db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, postgres.NewStore(db)
}

func newPostgresQueue(t *testing.T) (*jobs.Queue, videoagent.Store) {
	db, store := openPostgres(t)
	q, err := jobs.NewPostgres(context.Background(), db.Pool(), &pipeline.Pipeline{Store: store}, webhookQueueConfig(store))
	if err != nil {
		t.Fatal(err)
	}
	startQueue(t, q)
	return q, store
}

// TestPostgresSessionVideoAndJobCommitTogether: on PostgreSQL as on SQLite, a session, its
// video and its render job are one transaction: all three are stored, or none.
func TestPostgresSessionVideoAndJobCommitTogether(t *testing.T) {
	ctx := context.Background()
	db, store := openPostgres(t)
	q, err := jobs.NewPostgres(ctx, db.Pool(), &pipeline.Pipeline{Store: store}, jobs.Config{Workers: 0})
	if err != nil {
		t.Fatal(err)
	}
	acct, _ := store.CreateAccount(ctx, "a")
	count := func() (sessions, videos, jobs int) {
		p := db.Pool()
		p.QueryRow(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&sessions)
		p.QueryRow(ctx, `SELECT COUNT(*) FROM videos`).Scan(&videos)
		p.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'render_video'`).Scan(&jobs)
		return
	}
	newSession := func() (*videoagent.Session, *videoagent.Video) {
		se := &videoagent.Session{ID: videoagent.NewID(), AccountID: acct.ID, Mode: videoagent.ModeGenerate, Status: "generating"}
		v := &videoagent.Video{ID: videoagent.NewID(), AccountID: acct.ID, SessionID: se.ID, Status: videoagent.VideoPending}
		se.VideoID = v.ID
		return se, v
	}

	se, v := newSession()
	if err := store.CreateSession(ctx, se, v, func(tx videoagent.Tx) error { return q.EnqueueRender(ctx, tx, v.ID) }); err != nil {
		t.Fatal(err)
	}
	if s, vi, j := count(); s != 1 || vi != 1 || j != 1 {
		t.Fatalf("after a commit: %d sessions, %d videos, %d jobs; want 1 of each", s, vi, j)
	}
	var args string
	db.Pool().QueryRow(ctx, `SELECT args::text FROM river_job WHERE kind = 'render_video'`).Scan(&args)
	if args != `{"video_id": "`+v.ID+`"}` {
		t.Errorf("job args = %s", args)
	}

	se, v = newSession()
	boom := errors.New("boom")
	err = store.CreateSession(ctx, se, v, func(tx videoagent.Tx) error {
		if err := q.EnqueueRender(ctx, tx, v.ID); err != nil {
			return err
		}
		return boom // fails after the job was inserted: everything rolls back
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if s, vi, j := count(); s != 1 || vi != 1 || j != 1 {
		t.Fatalf("after a rollback: %d sessions, %d videos, %d jobs; want still 1 of each", s, vi, j)
	}
	// A transaction of the wrong kind is refused, not half-used.
	if err := q.EnqueueRender(ctx, "not a tx", "v"); err == nil {
		t.Fatal("enqueue with a foreign transaction succeeded")
	}
}

// TestPostgresResumesJobsOfSilentWorkers: a running job whose worker stopped beating is made
// available again by a sweep; one whose worker beats is left running.
func TestPostgresResumesJobsOfSilentWorkers(t *testing.T) {
	ctx := context.Background()
	db, store := openPostgres(t)
	q, err := jobs.NewPostgres(ctx, db.Pool(), &pipeline.Pipeline{Store: store}, jobs.Config{Workers: 0})
	if err != nil {
		t.Fatal(err)
	}
	pool := db.Pool()
	for _, id := range []string{"dead", "alive"} {
		if err := pgxBegin(ctx, db, func(tx videoagent.Tx) error { return q.EnqueueRender(ctx, tx, "video-"+id) }); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `UPDATE river_job SET state = 'running', attempt = 1, attempted_at = now(), attempted_by = ARRAY[$1::text] WHERE args->>'video_id' = $2`, "worker-"+id, "video-"+id); err != nil {
			t.Fatal(err)
		}
	}
	// worker-alive beats now; worker-dead beat long ago.
	if _, err := pool.Exec(ctx, `INSERT INTO worker_heartbeats (id, seen_at) VALUES ('worker-alive', now()), ('worker-dead', now() - interval '1 hour')`); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Sweep(ctx, pool, "sweeper", time.Second); err != nil {
		t.Fatal(err)
	}
	state := func(video string) (st string, errs int) {
		pool.QueryRow(ctx, `SELECT state::text, coalesce(array_length(errors, 1), 0) FROM river_job WHERE args->>'video_id' = $1`, video).Scan(&st, &errs)
		return
	}
	if st, errs := state("video-dead"); st != "available" || errs != 1 {
		t.Errorf("silent worker's job: state %s with %d errors; want available with 1", st, errs)
	}
	if st, _ := state("video-alive"); st != "running" {
		t.Errorf("live worker's job: state %s; want running", st)
	}
}

// pgxBegin runs f in a transaction of db, the way the store's methods do.
func pgxBegin(ctx context.Context, db *postgres.DB, f func(tx videoagent.Tx) error) error {
	tx, err := db.Pool().Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
