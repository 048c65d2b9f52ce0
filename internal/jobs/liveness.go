package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultHeartbeatInterval is how often a worker process on PostgreSQL records that it is
// alive; one silent for three intervals is taken for dead.
const DefaultHeartbeatInterval = 5 * time.Second

// liveness keeps a worker process's heartbeat in the worker_heartbeats table (a migration of
// the postgres package) and resumes the running jobs of processes that stopped beating: a
// worker SIGKILLed or cut off mid-render leaves its job running in River, which would wait
// for its stuck-job horizon (longer than the longest render) before retrying it. A job is
// only resumed when the process its last attempt ran on is silent, so a live render is
// never run twice.
type liveness struct {
	pool  *pgxpool.Pool
	id    string
	every time.Duration
	log   *slog.Logger
}

func (l *liveness) interval() time.Duration {
	if l.every <= 0 {
		return DefaultHeartbeatInterval
	}
	return l.every
}

func (l *liveness) beat(ctx context.Context) error {
	_, err := l.pool.Exec(ctx, `INSERT INTO worker_heartbeats (id, seen_at) VALUES ($1, now())
		ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`, l.id)
	if err != nil {
		return fmt.Errorf("worker heartbeat: %w", err)
	}
	return nil
}

// run beats and sweeps every interval until ctx ends, then removes the heartbeat.
func (l *liveness) run(ctx context.Context) {
	t := time.NewTicker(l.interval())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			l.pool.Exec(cctx, `DELETE FROM worker_heartbeats WHERE id = $1`, l.id)
			cancel()
			return
		case <-t.C:
		}
		if err := l.beat(ctx); err != nil && ctx.Err() == nil {
			l.log.Warn("worker heartbeat", "err", err)
		}
		if err := l.sweep(ctx); err != nil && ctx.Err() == nil {
			l.log.Warn("resume jobs of stopped workers", "err", err)
		}
	}
}

// sweep makes running jobs whose process is silent available again, in one statement that
// rechecks the state, so two sweeping processes resume a job once and never one that has
// finished.
func (l *liveness) sweep(ctx context.Context) error {
	rows, err := l.pool.Query(ctx, `
		UPDATE river_job j SET
			state = 'available',
			scheduled_at = now(),
			errors = array_append(j.errors, jsonb_build_object('at', now(), 'attempt', j.attempt,
				'error', 'worker ' || r.worker || ' stopped answering; the job was resumed by ' || $2::text, 'trace', ''))
		FROM (SELECT id, attempted_by[array_length(attempted_by, 1)] AS worker FROM river_job WHERE state = 'running') r
		WHERE j.id = r.id AND j.state = 'running' AND r.worker IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h WHERE h.id = r.worker AND h.seen_at > now() - $1::interval)
		RETURNING j.id, j.kind, r.worker`, fmt.Sprintf("%d milliseconds", (3*l.interval()).Milliseconds()), l.id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind, worker string
		if err := rows.Scan(&id, &kind, &worker); err != nil {
			return err
		}
		l.log.Info("resumed a job whose worker stopped answering", "job_id", id, "kind", kind, "worker", worker)
	}
	return rows.Err()
}
