package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"github.com/openvideoagent/videoagent/render"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/blob"
	vahttp "github.com/openvideoagent/videoagent/http"
	"github.com/openvideoagent/videoagent/ingest"
	"github.com/openvideoagent/videoagent/jobs"
	"github.com/openvideoagent/videoagent/pipeline"
	"github.com/openvideoagent/videoagent/sqlite"
	"github.com/openvideoagent/videoagent/webhook"
)

// defaultAccountID owns the bootstrap key from VIDEOAGENT_API_KEY.
const defaultAccountID = "default"

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("VIDEOAGENT_ADDR", "127.0.0.1:8080"), "listen address")
	dataDir := fs.String("data", envOr("VIDEOAGENT_DATA", "./data"), "data directory: database, blobs, caches")
	workers := fs.Int("workers", runtime.NumCPU(), "render jobs run at once in this process (0: API only)")
	publicURL := fs.String("public-url", os.Getenv("VIDEOAGENT_PUBLIC_URL"), "base URL of file links given to clients (default: http://ADDR)")
	webhookRetry := fs.Duration("webhook-retry-base", 5*time.Second, "first webhook retry delay; each later one doubles, up to an hour, for 24 h")
	allowPrivate := fs.Bool("allow-private-urls", os.Getenv("VIDEOAGENT_ALLOW_PRIVATE_URLS") == "1", "let request files be fetched from private, loopback and link-local addresses (trusted networks and tests only)")
	maxJobs := fs.Int("max-active-jobs", 10, "videos an account may have pending or processing at once (-1: no limit)")
	rate := fs.Float64("rate-limit", 20, "requests per second an account may sustain")
	burst := fs.Int("rate-burst", 100, "requests an account may send in a burst")
	shutdownWait := fs.Duration("shutdown-timeout", 60*time.Second, "on SIGTERM, how long running renders may finish before they are cut short and retried on restart")
	cacheMax := fs.Int64("cache-max-mb", 4096, "size the segment cache (DATA/cache/segments) is kept under, least recently used first (0: no limit)")
	memLimit := fs.Int("memory-limit-mb", render.SoftMemoryLimit>>20, "soft limit of the Go heap in MiB, past which garbage is collected sooner (0: none; GOMEMLIMIT, when set, wins)")
	llm, err := llmFromEnv()
	if err != nil {
		return err
	}
	fs.StringVar(&llm.BaseURL, "llm-base-url", llm.BaseURL, "OpenAI-compatible API base of a language model that writes storyboards and understands chat, e.g. http://localhost:11434/v1 for Ollama (env VIDEOAGENT_LLM_BASE_URL; empty: the built-in planner)")
	fs.StringVar(&llm.Model, "llm-model", llm.Model, "the model's name on that server, e.g. llama3.1:8b or gpt-4o-mini (env VIDEOAGENT_LLM_MODEL)")
	llmKey := fs.String("llm-api-key", "", "API key of that server, sent as a bearer token (default $VIDEOAGENT_LLM_API_KEY; Ollama and llama.cpp need none)")
	fs.DurationVar(&llm.Timeout, "llm-timeout", llm.Timeout, "how long one language model request may take before the built-in planner or rules take over (env VIDEOAGENT_LLM_TIMEOUT; 0: 2m)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *llmKey != "" {
		llm.APIKey = *llmKey
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if os.Getenv("GOMEMLIMIT") == "" && *memLimit > 0 {
		debug.SetMemoryLimit(int64(*memLimit) << 20)
	}

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	unlock, err := lockDataDir(*dataDir)
	if err != nil {
		return err
	}
	defer unlock()

	db, err := sqlite.Open(ctx, filepath.Join(*dataDir, "videoagent.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	store := sqlite.NewStore(db)
	// Under the lock no other process serves this directory: unfinished Idempotency-Key
	// claims are a dead process's, and their keys are free now.
	if n, err := store.ReleaseIdempotentClaims(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Info("released idempotency keys claimed by a previous process", "keys", n)
	}
	if key := os.Getenv("VIDEOAGENT_API_KEY"); key != "" {
		if _, err := store.EnsureAccount(ctx, defaultAccountID, "Default account"); err != nil {
			return err
		}
		if err := store.EnsureAPIKey(ctx, defaultAccountID, key); err != nil {
			return err
		}
	}
	blobs, err := blob.NewLocal(filepath.Join(*dataDir, "blobs"))
	if err != nil {
		return err
	}
	secret, err := urlSecret(*dataDir)
	if err != nil {
		return err
	}
	eng, err := newEnginesLLM(*dataDir, llm)
	if err != nil {
		return err
	}
	work := filepath.Join(*dataDir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if err := resetWorkDir(log, work); err != nil {
		return fmt.Errorf("work dir: %w", err)
	}
	eng.assets.Blobs = blobs
	ingester := &ingest.Ingester{Assets: store, Blobs: blobs, Fetcher: &ingest.Fetcher{AllowPrivate: *allowPrivate}, WorkDir: work}
	pipe := &pipeline.Pipeline{
		Store: store, Blobs: blobs, Planner: eng.planner, Voices: eng.voices, Synth: eng.synth,
		Presenters: eng.presenters, Renderer: eng.renderer, Ingest: ingester, WorkDir: work, DefaultLookID: eng.defaultLook, Logger: log,
	}
	if fe := eng.festival; fe != nil {
		// The default English voice answers its first video warm; its workers stop at exit.
		defer fe.Close()
		go func() {
			if err := fe.Warm(ctx); err != nil && ctx.Err() == nil {
				log.Warn("warm Festival", "err", err)
			}
		}()
	}
	conv := &pipeline.Conversation{P: pipe, Styles: chatStyles(), Rates: eng.rates}
	// Voices whose rates did not ship (OpenAI-compatible ones) are measured now, in the
	// background, so that no request waits for it; remote voices are left to their first use.
	go func() {
		var local []videoagent.Voice
		for _, v := range eng.voices.Voices() {
			if v.Engine != "openai" {
				local = append(local, v)
			}
		}
		if err := eng.rates.Warm(ctx, local); err != nil && ctx.Err() == nil {
			log.Warn("measure voice rates", "err", err)
		}
	}()
	if eng.interpreter != nil {
		conv.Interpreter = eng.interpreter
		log.Info("language model", "base_url", llm.BaseURL, "model", llm.Model)
	}
	queue, err := jobs.New(ctx, db.SQL(), pipe, jobs.Config{
		Workers: *workers, Exclusive: true, Logger: log, Conversation: conv,
		Webhooks: &webhook.Sender{Store: store, Client: webhookClient(*allowPrivate)}, WebhookRetryBase: *webhookRetry,
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	ln = vahttp.EnvelopeListener(ln) // net/http's own 431 and 400 answers in the v3 envelope
	base := *publicURL
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	api := &vahttp.Server{
		Store: store, Queue: queue, Chat: conv, Fetcher: ingester.Fetcher, Blobs: blobs, Voices: eng.voices, Presenters: eng.presenters,
		Synth: eng.synth, Renderer: eng.renderer, CacheDir: filepath.Join(*dataDir, "cache"),
		StyleExists: eng.styleExists, PublicURL: base, URLSecret: secret, Logger: log,
		MaxActiveJobs: *maxJobs, RatePerSecond: *rate, RateBurst: *burst,
		CheckURL: func(ctx context.Context, u string) error { return ingest.CheckURL(ctx, u, *allowPrivate) },
	}
	srv := &http.Server{Handler: api.Handler(), ReadHeaderTimeout: 10 * time.Second}
	pipe.NarrationCacheDir = filepath.Join(*dataDir, "cache", "narration")
	// Webhook events carry signed links to the finished files.
	pipe.Events, pipe.FileURL = queue, api.FileURL

	// The workers do not run under the signal context: SIGTERM stops them taking jobs
	// (queue.Stop below) and lets running renders finish within the shutdown timeout.
	if err := queue.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	if *cacheMax > 0 {
		go sweepCache(ctx, log, filepath.Join(*dataDir, "cache", "segments"), *cacheMax<<20)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	startDebug(log)
	log.Info("videoagent serving", "addr", ln.Addr().String(), "data", *dataDir, "workers", *workers, "public_url", base)

	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	log.Info("shutting down: no new requests or jobs; running renders may finish", "timeout", *shutdownWait)
	sctx, cancel := context.WithTimeout(context.Background(), *shutdownWait)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		log.Warn("http shutdown", "err", err)
	}
	if err := queue.Stop(sctx); err != nil {
		log.Warn("queue stop", "err", err)
	}
	log.Info("stopped")
	return nil
}

// lockDataDir takes an exclusive lock on the data directory: SQLite and the job queue's
// recovery of interrupted jobs assume one server process per directory.
func lockDataDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "videoagent.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock data dir: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("data directory %s is in use by another videoagent process", dir)
	}
	return func() { f.Close() }, nil
}

// urlSecret returns the key that signs file URLs: VIDEOAGENT_URL_SECRET, or a random key
// kept in the data directory so links survive restarts.
func urlSecret(dir string) ([]byte, error) {
	if s := os.Getenv("VIDEOAGENT_URL_SECRET"); s != "" {
		return []byte(s), nil
	}
	p := filepath.Join(dir, "url-secret")
	if b, err := os.ReadFile(p); err == nil && len(b) >= 32 {
		return b, nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		return nil, fmt.Errorf("write url secret: %w", err)
	}
	return b, nil
}

func keysCreate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("keys create", flag.ContinueOnError)
	dataDir := fs.String("data", envOr("VIDEOAGENT_DATA", "./data"), "data directory")
	name := fs.String("name", "", "a name for the key's account")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, filepath.Join(*dataDir, "videoagent.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	store := sqlite.NewStore(db)
	acctName := *name
	if acctName == "" {
		acctName = "account"
	}
	acct, err := store.CreateAccount(ctx, acctName)
	if err != nil {
		return err
	}
	key, err := store.CreateAPIKey(ctx, acct.ID, *name)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, key)
	return err
}

var _ videoagent.Store = (*sqlite.Store)(nil)

// webhookClient sends webhook deliveries under the same address rules as file fetches.
// Redirects are not followed: a receiver answers where it was registered.
func webhookClient(allowPrivate bool) *http.Client {
	c := ingest.Client(allowPrivate, func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	c.Timeout = 10 * time.Second
	return c
}

// sweepCache keeps the render segment cache under max bytes, at start and every ten
// minutes, until ctx ends.
func sweepCache(ctx context.Context, log *slog.Logger, dir string, max int64) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		n, freed, err := render.SweepCache(dir, max, time.Now())
		if err != nil {
			log.Warn("segment cache sweep", "err", err)
		} else if n > 0 {
			log.Info("segment cache swept", "files", n, "freed_mb", freed>>20)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
