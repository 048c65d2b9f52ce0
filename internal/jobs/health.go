package jobs

import (
	"context"
	"errors"
	"fmt"
)

// JobCount is how many jobs of a queue are in a state (River's states: available,
// scheduled, running, retryable, completed, cancelled, discarded, pending).
type JobCount struct {
	Queue, State string
	Count        int
}

// waitingStates are the states of jobs waiting for a worker: the queue's depth.
var waitingStates = map[string]bool{"available": true, "scheduled": true, "retryable": true, "pending": true}

// Waiting reports whether a job in state waits for a worker (counts in the queue depth).
func Waiting(state string) bool { return waitingStates[state] }

const countJobs = `SELECT queue, state, COUNT(*) FROM river_job GROUP BY queue, state ORDER BY queue, state`

// Counts returns how many jobs each queue holds in each state.
func (q *Queue) Counts(ctx context.Context) ([]JobCount, error) {
	var rows interface {
		Next() bool
		Scan(dest ...any) error
		Err() error
	}
	switch {
	case q.db != nil:
		r, err := q.db.QueryContext(ctx, countJobs)
		if err != nil {
			return nil, fmt.Errorf("count jobs: %w", err)
		}
		defer r.Close()
		rows = r
	case q.pg != nil:
		r, err := q.pg.Query(ctx, countJobs)
		if err != nil {
			return nil, fmt.Errorf("count jobs: %w", err)
		}
		defer r.Close()
		rows = r
	default:
		return nil, errors.New("count jobs: the queue has no database handle")
	}
	var out []JobCount
	for rows.Next() {
		var c JobCount
		if err := rows.Scan(&c.Queue, &c.State, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Check reports whether the queue can take and run jobs: its table answers a query, and,
// when this process runs workers, they have not stopped.
func (q *Queue) Check(ctx context.Context) error {
	const probe = `SELECT COUNT(*) FROM (SELECT 1 FROM river_job LIMIT 1) AS one`
	var n int
	switch {
	case q.db != nil:
		if err := q.db.QueryRowContext(ctx, probe).Scan(&n); err != nil {
			return fmt.Errorf("job table: %w", err)
		}
	case q.pg != nil:
		if err := q.pg.QueryRow(ctx, probe).Scan(&n); err != nil {
			return fmt.Errorf("job table: %w", err)
		}
	default:
		return errors.New("the queue has no database handle")
	}
	if q.cfg.Workers > 0 && q.stopped != nil {
		select {
		case <-q.stopped():
			return errors.New("the job workers have stopped")
		default:
		}
	}
	return nil
}
