package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	vahttp "github.com/openvideoagent/videoagent/internal/http"
	"github.com/openvideoagent/videoagent/internal/ingest"
	"github.com/openvideoagent/videoagent/internal/jobs"
	"github.com/openvideoagent/videoagent/internal/metrics"
	"github.com/openvideoagent/videoagent/internal/pipeline"
	"github.com/openvideoagent/videoagent/internal/preview"
	"github.com/openvideoagent/videoagent/internal/sqlite"
	"github.com/openvideoagent/videoagent/render"
	"github.com/openvideoagent/videoagent/webhook"
)

// defaultAccountID owns the bootstrap key from VIDEOAGENT_API_KEY.
const defaultAccountID = "default"

func init() {
	register("serve", "Run the API server and its render workers.", &serveCmd{})
	register("keys", "Manage API keys.", &keysCmd{})
	register("worker", "Run render workers only, with no HTTP API, on a shared PostgreSQL queue (see Scaling out).", &workerCmd{})
	register("migrate", "Run the database migrations (the app's and River's) and exit.", &migrateCmd{})
}

// serveCmd are serve's flags. Every one can also be set by the VIDEOAGENT_* variable its
// help names; a flag given on the command line wins.
type serveCmd struct {
	Addr             string        `env:"VIDEOAGENT_ADDR" default:"127.0.0.1:8080" help:"Listen address."`
	Data             string        `env:"VIDEOAGENT_DATA" default:"./data" help:"Data directory: database, blobs, caches."`
	Workers          int           `env:"VIDEOAGENT_WORKERS" default:"${cpus}" help:"Render jobs run at once in this process (0: API only)."`
	PublicURL        string        `name:"public-url" env:"VIDEOAGENT_PUBLIC_URL" help:"Base URL of file links given to clients (default: http://ADDR)."`
	WebhookRetryBase time.Duration `env:"VIDEOAGENT_WEBHOOK_RETRY_BASE" default:"5s" help:"First webhook retry delay; each later one doubles, up to an hour, for 24 h."`
	AllowPrivateURLs bool          `name:"allow-private-urls" env:"VIDEOAGENT_ALLOW_PRIVATE_URLS" help:"Let request files be fetched from private, loopback and link-local addresses (trusted networks and tests only)."`
	MaxActiveJobs    int           `env:"VIDEOAGENT_MAX_ACTIVE_JOBS" default:"10" help:"Videos an account may have pending or processing at once (-1: no limit)."`
	RateLimit        float64       `env:"VIDEOAGENT_RATE_LIMIT" default:"20" help:"Requests per second an account may sustain."`
	RateBurst        int           `env:"VIDEOAGENT_RATE_BURST" default:"100" help:"Requests an account may send in a burst."`
	ShutdownTimeout  time.Duration `env:"VIDEOAGENT_SHUTDOWN_TIMEOUT" default:"60s" help:"On SIGTERM, how long running renders may finish before they are cut short and retried on restart."`
	CacheMaxMB       int64         `name:"cache-max-mb" env:"VIDEOAGENT_CACHE_MAX_MB" default:"4096" help:"Size the segment cache (DATA/cache/segments) is kept under, least recently used first (0: no limit)."`
	MemoryLimitMB    int           `name:"memory-limit-mb" env:"VIDEOAGENT_MEMORY_LIMIT_MB" default:"${memory_mb}" help:"Soft limit of the Go heap in MiB, past which garbage is collected sooner (0: none; GOMEMLIMIT, when set, wins)."`
	LLMBaseURL       string        `name:"llm-base-url" env:"VIDEOAGENT_LLM_BASE_URL" help:"OpenAI-compatible API base of a language model that writes storyboards and understands chat, e.g. http://localhost:11434/v1 for Ollama (empty: the built-in planner)."`
	LLMModel         string        `name:"llm-model" env:"VIDEOAGENT_LLM_MODEL" help:"The model's name on that server, e.g. llama3.1:8b or gpt-4o-mini."`
	LLMAPIKey        string        `name:"llm-api-key" env:"VIDEOAGENT_LLM_API_KEY" help:"API key of that server, sent as a bearer token (Ollama and llama.cpp need none)."`
	LLMTimeout       time.Duration `name:"llm-timeout" env:"VIDEOAGENT_LLM_TIMEOUT" default:"0s" help:"How long one language model request may take before the built-in planner or rules take over (0: 2m)."`
	LogLevel         string        `env:"VIDEOAGENT_LOG_LEVEL" default:"info" enum:"debug,info,warn,error" help:"Log level: debug, info, warn or error."`
	LogFormat        string        `env:"VIDEOAGENT_LOG_FORMAT" default:"json" enum:"json,text" help:"Log format: json (one object a line) or text."`
	APIKey           string        `name:"api-key" env:"VIDEOAGENT_API_KEY" help:"Bootstrap API key of the default account, so that a first run needs no other step."`
	WarmPreviews     bool          `name:"warm-previews" env:"VIDEOAGENT_WARM_PREVIEWS" default:"true" negatable:"" help:"Render the styles' and looks' previews in the background at start."`
	AgentResolution  string        `name:"agent-resolution" env:"VIDEOAGENT_AGENT_RESOLUTION" default:"720p" enum:"720p,1080p" help:"Resolution of the videos the agent plans (POST /v3/video-agents): 720p or 1080p (direct videos say their own)."`
	MaxUploadMB      int64         `name:"max-upload-mb" env:"VIDEOAGENT_MAX_UPLOAD_MB" default:"${max_upload_mb}" help:"Largest file a direct upload (POST /v3/assets/direct-uploads) may send, in MiB."`
	scaleFlags
}

func (c *serveCmd) Run(a *app) error { return serveProcess(a.ctx, c, a.stderr, true) }

// serveProcess runs the API server (withHTTP) and render workers, or workers alone.
func serveProcess(ctx context.Context, c *serveCmd, stderr io.Writer, withHTTP bool) error {
	database, blobSpec := &c.Database, &c.Blobs
	fanoutShards = c.FanoutShards
	addr, dataDir, workers, publicURL := &c.Addr, &c.Data, &c.Workers, &c.PublicURL
	webhookRetry, allowPrivate, maxJobs := &c.WebhookRetryBase, &c.AllowPrivateURLs, &c.MaxActiveJobs
	rate, burst, shutdownWait := &c.RateLimit, &c.RateBurst, &c.ShutdownTimeout
	cacheMax, memLimit, logLevel, logFormat := &c.CacheMaxMB, &c.MemoryLimitMB, &c.LogLevel, &c.LogFormat
	warm, maxUpload := &c.WarmPreviews, &c.MaxUploadMB
	if c.LLMTimeout < 0 {
		return fmt.Errorf("--llm-timeout %s is negative", c.LLMTimeout)
	}
	llm := llmConfig{BaseURL: c.LLMBaseURL, Model: c.LLMModel, APIKey: c.LLMAPIKey, Timeout: c.LLMTimeout}
	log, err := newLogger(stderr, *logFormat, *logLevel)
	if err != nil {
		return err
	}
	mets := metrics.New()
	llm.HTTPClient = mets.LLMClient()
	if os.Getenv("GOMEMLIMIT") == "" && *memLimit > 0 {
		debug.SetMemoryLimit(int64(*memLimit) << 20)
	}

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	if !withHTTP && *database == "" {
		return fmt.Errorf("worker: needs a shared database: --database postgres://... (or VIDEOAGENT_DATABASE_URL)")
	}
	if *database == "" {
		unlock, err := lockDataDir(*dataDir)
		if err != nil {
			return err
		}
		defer unlock()
	}
	be, err := openBackend(ctx, *dataDir, *database, *blobSpec)
	if err != nil {
		return err
	}
	defer be.close()
	store := be.store
	// With SQLite, under the data directory's lock no other process serves this store:
	// unfinished Idempotency-Key claims are a dead process's, and their keys are free now.
	// (On a shared PostgreSQL other API processes may hold claims: theirs expire.)
	if rel, ok := store.(interface {
		ReleaseIdempotentClaims(context.Context) (int64, error)
	}); ok && be.exclusive {
		if n, err := rel.ReleaseIdempotentClaims(ctx); err != nil {
			return err
		} else if n > 0 {
			log.Info("released idempotency keys claimed by a previous process", "keys", n)
		}
	}
	if key := c.APIKey; key != "" {
		if _, err := store.EnsureAccount(ctx, defaultAccountID, "Default account"); err != nil {
			return err
		}
		if err := store.EnsureAPIKey(ctx, defaultAccountID, key); err != nil {
			return err
		}
	}
	blobs := be.blobs
	secret, err := urlSecret(*dataDir)
	if err != nil {
		return err
	}
	eng, err := newEnginesWith(*dataDir, llm, c.AgentResolution)
	if err != nil {
		return err
	}
	eng.synth = mets.Synthesizer(eng.synth)
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
		Observer: mets,
	}
	shareCaches(blobs, eng.renderer, pipe)
	if fe := eng.festival; fe != nil {
		// The default English voice answers its first video warm; its workers stop at exit.
		defer fe.Close()
		go func() {
			if err := fe.Warm(ctx); err != nil && ctx.Err() == nil {
				log.Warn("warm Festival", "err", err)
			}
		}()
	}
	conv := &pipeline.Conversation{P: pipe, Styles: eng.styles.Styles(), Rates: eng.rates}
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
	queue, err := be.newQueue(ctx, pipe, jobs.Config{
		Workers: *workers, Exclusive: be.exclusive, Logger: log, Conversation: conv,
		Webhooks: &webhook.Sender{Store: store, Client: webhookClient(*allowPrivate)}, WebhookRetryBase: *webhookRetry,
	})
	if err != nil {
		return err
	}
	conv.Renders = queue

	if !withHTTP {
		return runWorker(ctx, log, queue, pipe, *workers, *shutdownWait, *cacheMax, *dataDir, *publicURL, secret)
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
	// Previews are made under the server's lifetime: shutdown stops their renderings.
	previews := preview.New(ctx)
	previews.Blobs, previews.Renderer, previews.Synth, previews.Voices = blobs, eng.renderer, eng.synth, eng.voices
	previews.Presenters, previews.Styles, previews.CacheDir, previews.Logger = eng.presenters, eng.styles, filepath.Join(*dataDir, "cache"), log
	previews.Load = queue.Activity() // warming waits for the users' videos
	if *warm {
		go previews.Warm()
	}
	api := &vahttp.Server{
		Store: store, Queue: queue, Chat: conv, Files: ingester, Blobs: blobs, Voices: eng.voices, Presenters: eng.presenters,
		Synth: eng.synth, Renderer: eng.renderer, Previews: previews,
		Styles: eng.styles, PublicURL: base, URLSecret: secret, Logger: log,
		MaxActiveJobs: *maxJobs, RatePerSecond: *rate, RateBurst: *burst,
		CheckURL: func(ctx context.Context, u string) error { return ingest.CheckURL(ctx, u, *allowPrivate) },
		Metrics:  mets.Handler(), Observer: mets, ReadyChecks: readyChecks(be.health, queue),
	}
	opsMetrics(mets, be.health, queue)
	mountUI(api)
	api.MaxUploadBytes = *maxUpload << 20
	if r := eng.lookReader; r != nil {
		api.ReadLook = func(ctx context.Context, text string) (json.RawMessage, []string, []string, error) {
			rd, err := r.ReadLook(ctx, text)
			return rd.Params, rd.Unplaced, rd.Tags, err
		}
	}
	srv := &http.Server{Handler: api.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(api.CloseStreams)
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

type keysCmd struct {
	Create keysCreateCmd `cmd:"" help:"Create an account with an API key and print the key (nothing else)."`
}

type keysCreateCmd struct {
	Data     string `env:"VIDEOAGENT_DATA" default:"./data" help:"Data directory."`
	Name     string `help:"A name for the key's account."`
	Database string `env:"VIDEOAGENT_DATABASE_URL" help:"PostgreSQL URL of a shared store (empty: SQLite in the data directory)."`
}

func (c *keysCreateCmd) Run(a *app) error { return keysCreate(a.ctx, c, a.stdout) }

func keysCreate(ctx context.Context, c *keysCreateCmd, stdout io.Writer) error {
	dataDir, name := &c.Data, &c.Name
	store, closeStore, err := openStore(ctx, *dataDir, c.Database)
	if err != nil {
		return err
	}
	defer closeStore()
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
