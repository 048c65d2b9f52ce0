package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/blob"
	vahttp "github.com/openvideoagent/videoagent/internal/http"
	"github.com/openvideoagent/videoagent/internal/jobs"
	"github.com/openvideoagent/videoagent/internal/pipeline"
	"github.com/openvideoagent/videoagent/internal/postgres"
	"github.com/openvideoagent/videoagent/internal/sqlite"
	"github.com/openvideoagent/videoagent/render"
)

// backend is where a process keeps its state, its queue and its files: SQLite, River on
// SQLite and a local directory by default (one process per data directory); or PostgreSQL,
// River on PostgreSQL and an S3-compatible bucket, shared by any number of API and worker
// processes.
type backend struct {
	store     videoagent.Store
	blobs     videoagent.BlobStore
	exclusive bool     // this process alone uses the database
	health    dbHealth // for /readyz and /metrics
	newQueue  func(ctx context.Context, p *pipeline.Pipeline, cfg jobs.Config) (*jobs.Queue, error)
	close     func()
}

// healthAddr is where `videoagent worker --health-addr` answers GET /healthz.
var healthAddr string

// fanoutShards is --fanout-shards: how many workers render one long video together.
var fanoutShards int

// scaleFlags are the flags of serve and worker that choose a shared backend.
type scaleFlags struct {
	Database     string `env:"VIDEOAGENT_DATABASE_URL" help:"PostgreSQL URL (postgres://USER:PASS@HOST/DB) shared by API and worker processes (empty: SQLite in the data directory)."`
	Blobs        string `env:"VIDEOAGENT_BLOBS" help:"Where files are kept: s3://BUCKET/PREFIX?endpoint=http://HOST:PORT&region=REGION with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a directory (empty: DATA/blobs)."`
	FanoutShards int    `name:"fanout-shards" env:"VIDEOAGENT_FANOUT_SHARDS" default:"0" help:"On PostgreSQL with S3, cut a long video's render (a minute of narration or more) into this many shares rendered by as many workers at once; 0 or 1: one worker renders it."`
}

// workerCmd is serve without the HTTP API: render, chat and webhook jobs from the shared
// queue.
type workerCmd struct {
	serveCmd
	HealthAddr string `name:"health-addr" env:"VIDEOAGENT_HEALTH_ADDR" help:"Address where the worker answers GET /healthz (200 while its database answers), for orchestrators' health checks (empty: none)."`
}

func (c *workerCmd) Run(a *app) error {
	healthAddr = c.HealthAddr
	return serveProcess(a.ctx, &c.serveCmd, a.stderr, false)
}

// migrateCmd runs the migrations and exits.
type migrateCmd struct {
	Data     string `env:"VIDEOAGENT_DATA" default:"./data" help:"Data directory (SQLite)."`
	Database string `env:"VIDEOAGENT_DATABASE_URL" help:"PostgreSQL URL (postgres://...); empty: SQLite in the data directory."`
}

func (c *migrateCmd) Run(a *app) error { return migrate(a.ctx, c, a.stdout, a.stderr) }

// openBackend opens the store and blob store that --database and --blobs name.
func openBackend(ctx context.Context, dataDir, database, blobSpec string) (*backend, error) {
	if blobSpec == "" {
		blobSpec = filepath.Join(dataDir, "blobs")
	}
	blobs, err := blob.Open(ctx, blobSpec)
	if err != nil {
		return nil, err
	}
	switch {
	case database == "" || strings.HasPrefix(database, "sqlite:"):
		path := strings.TrimPrefix(database, "sqlite:")
		if path == "" {
			path = filepath.Join(dataDir, "videoagent.db")
		}
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return &backend{store: sqlite.NewStore(db), blobs: blobs, exclusive: true, health: db, close: func() { db.Close() },
			newQueue: func(ctx context.Context, p *pipeline.Pipeline, cfg jobs.Config) (*jobs.Queue, error) {
				return jobs.New(ctx, db.SQL(), p, cfg)
			}}, nil
	case strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://"):
		db, err := postgres.Open(ctx, database)
		if err != nil {
			return nil, err
		}
		return &backend{store: postgres.NewStore(db), blobs: blobs, health: db, close: func() { db.Close() },
			newQueue: func(ctx context.Context, p *pipeline.Pipeline, cfg jobs.Config) (*jobs.Queue, error) {
				// VIDEOAGENT_HEARTBEAT_INTERVAL (a Go duration) shortens how soon a dead worker's
				// jobs are resumed elsewhere (three intervals); tests use it.
				if d, err := time.ParseDuration(os.Getenv("VIDEOAGENT_HEARTBEAT_INTERVAL")); err == nil && d > 0 {
					cfg.HeartbeatInterval = d
				}
				if _, shared := blobs.(*blob.S3); shared {
					cfg.FanoutShards = fanoutShards
					// VIDEOAGENT_FANOUT_MIN_SECONDS lowers the narration a video needs to be
					// fanned out (default 60 s); tests use it.
					cfg.FanoutMinSeconds, _ = strconv.ParseFloat(os.Getenv("VIDEOAGENT_FANOUT_MIN_SECONDS"), 64)
				}
				return jobs.NewPostgres(ctx, db.Pool(), p, cfg)
			}}, nil
	}
	return nil, fmt.Errorf("--database %q: want postgres://... (or empty for SQLite)", database)
}

// openStore opens only the store --database names (SQLite in dataDir by default).
func openStore(ctx context.Context, dataDir, database string) (videoagent.Store, func(), error) {
	if database != "" {
		db, err := postgres.Open(ctx, database)
		if err != nil {
			return nil, nil, err
		}
		return postgres.NewStore(db), func() { db.Close() }, nil
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, nil, err
	}
	db, err := sqlite.Open(ctx, filepath.Join(dataDir, "videoagent.db"))
	if err != nil {
		return nil, nil, err
	}
	return sqlite.NewStore(db), func() { db.Close() }, nil
}

// shareCaches puts the segment and narration caches' second level in the blob store when it
// is shared (S3), so that any worker reuses the segments and narrations of any other.
func shareCaches(blobs videoagent.BlobStore, rend videoagent.Renderer, pipe *pipeline.Pipeline) {
	if _, ok := blobs.(*blob.S3); !ok {
		return
	}
	if r, ok := rend.(*render.Renderer); ok {
		r.SetShared(&blob.Cache{Store: blobs, Prefix: "cache/segments/"})
	}
	pipe.SharedCache = &blob.Cache{Store: blobs, Prefix: "cache/narration/"}
}

// migrate runs the store's migrations and River's, then exits: for deployments that migrate
// before rolling out new processes (every process also migrates on start).
func migrate(ctx context.Context, c *migrateCmd, stdout, stderr io.Writer) error {
	dataDir, database := &c.Data, &c.Database
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if *database == "" {
		if err := os.MkdirAll(*dataDir, 0o755); err != nil {
			return err
		}
		db, err := sqlite.Open(ctx, filepath.Join(*dataDir, "videoagent.db"))
		if err != nil {
			return err
		}
		defer db.Close()
		if _, err := jobs.New(ctx, db.SQL(), nil, jobs.Config{Logger: log}); err != nil {
			return err
		}
	} else {
		if !strings.HasPrefix(*database, "postgres://") && !strings.HasPrefix(*database, "postgresql://") {
			return fmt.Errorf("--database %q: want postgres://... (or empty for SQLite)", *database)
		}
		db, err := postgres.Open(ctx, *database)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := jobs.MigratePostgres(ctx, db.Pool(), log); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(stdout, "migrated")
	return err
}

// runWorker runs the queue's workers until ctx ends, with no HTTP server. Webhook events it
// emits link to files through the API at publicURL, signed with the API's secret (set the
// same VIDEOAGENT_URL_SECRET and VIDEOAGENT_PUBLIC_URL on API and worker processes).
func runWorker(ctx context.Context, log *slog.Logger, queue *jobs.Queue, pipe *pipeline.Pipeline, workers int,
	shutdownWait time.Duration, cacheMax int64, dataDir, publicURL string, secret []byte) error {
	if workers <= 0 {
		return fmt.Errorf("worker: --workers must be at least 1")
	}
	if pipe.Store == nil {
		return fmt.Errorf("worker: no store")
	}
	if os.Getenv("VIDEOAGENT_URL_SECRET") == "" {
		log.Warn("VIDEOAGENT_URL_SECRET is not set: file links in this worker's webhook events are signed with a key of its own, which the API does not accept; set the same secret on every process")
	}
	if _, shared := pipe.Blobs.(*blob.S3); !shared {
		log.Warn("files are kept in a local directory (--blobs): the API serves only what its own machine holds; use s3://... when workers run elsewhere")
	}
	links := &vahttp.Server{PublicURL: publicURL, URLSecret: secret, URLTTL: 24 * time.Hour}
	pipe.NarrationCacheDir = filepath.Join(dataDir, "cache", "narration")
	pipe.Events, pipe.FileURL = queue, links.FileURL
	// Jobs run detached from ctx: SIGTERM stops new work, and running renders get the
	// shutdown timeout to finish (queue.Stop below).
	if err := queue.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	if cacheMax > 0 {
		go sweepCache(ctx, log, filepath.Join(dataDir, "cache", "segments"), cacheMax<<20)
	}
	if healthAddr != "" {
		ln, err := net.Listen("tcp", healthAddr)
		if err != nil {
			return fmt.Errorf("health address: %w", err)
		}
		srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/healthz" {
				http.NotFound(w, r)
				return
			}
			cctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
			defer cancel()
			if _, err := pipe.Store.ActiveJobs(cctx, ""); err != nil {
				http.Error(w, "database: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
			io.WriteString(w, "ok\n")
		})}
		go srv.Serve(ln)
		defer srv.Close()
		log.Info("worker health", "addr", ln.Addr().String())
	}
	log.Info("videoagent worker running", "data", dataDir, "workers", workers)
	<-ctx.Done()
	log.Info("shutting down: no new jobs; running renders may finish", "timeout", shutdownWait)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	if err := queue.Stop(sctx); err != nil {
		log.Warn("queue stop", "err", err)
	}
	log.Info("stopped")
	return nil
}
