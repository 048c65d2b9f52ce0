package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/openvideoagent/videoagent/internal/pipeline"
)

// NewPostgres migrates River's tables in the PostgreSQL database behind pool and returns a
// queue whose workers run p. Any number of processes, on any number of machines, may run
// queues on the same database: River elects a leader among them, and each worker process
// beats in worker_heartbeats so that the others resume its jobs if it dies (the postgres
// package's migrations must have run). Config.Exclusive is ignored.
func NewPostgres(ctx context.Context, pool *pgxpool.Pool, p *pipeline.Pipeline, cfg Config) (*Queue, error) {
	cfg.Exclusive = false
	if cfg.ID == "" {
		cfg.ID = ProcessID()
	}
	var q *Queue
	err := withMigrationLock(ctx, pool, func() (err error) {
		q, err = newQueue(ctx, riverpgxv5.New(pool), p, cfg, pool, nil)
		return err
	})
	return q, err
}

// riverMigrationLock is the advisory lock key held while River's tables are migrated, so
// that processes starting together migrate one at a time.
const riverMigrationLock = 0x0f1de0a7

func withMigrationLock(ctx context.Context, pool *pgxpool.Pool, f func() error) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("river migrate: %w", err)
	}
	defer c.Release()
	if _, err := c.Exec(ctx, `SELECT pg_advisory_lock($1)`, riverMigrationLock); err != nil {
		return fmt.Errorf("river migration lock: %w", err)
	}
	defer c.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, riverMigrationLock)
	return f()
}

// MigratePostgres runs River's migrations on the database behind pool.
func MigratePostgres(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	return withMigrationLock(ctx, pool, func() error { return migrateRiver(ctx, riverpgxv5.New(pool), log) })
}

// ProcessID is a name for this process unique among its peers: host, pid and a random part.
func ProcessID() string {
	host, _ := os.Hostname()
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}
