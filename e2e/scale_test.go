package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/openvideoagent/videoagent/internal/blob/s3test"
	"github.com/openvideoagent/videoagent/internal/postgres/pgtest"
)

// scaleEnv is the environment of processes sharing one PostgreSQL database and one bucket on
// a real S3-wire server: the e2e suite's scale-out deployment.
type scaleEnv struct {
	env    []string
	s3     *s3test.Server
	bucket string
	cpu    string // taskset -c CPU for the next worker started; "" for none
}

func newScaleEnv(t testing.TB) *scaleEnv {
	t.Helper()
	db := pgtest.NewDatabase(t)
	s3 := s3test.Serve(t)
	e := &scaleEnv{s3: s3, bucket: "videos"}
	e.env = append(s3.Env(),
		"VIDEOAGENT_DATABASE_URL="+db,
		"VIDEOAGENT_BLOBS="+s3.URL(e.bucket, "e2e"),
		"VIDEOAGENT_URL_SECRET=scale-test-url-secret-0123456789abcdef",
		"VIDEOAGENT_HEARTBEAT_INTERVAL=1s",
	)
	return e
}

// scaleBackend says whether OVA_E2E_BACKEND=scale asks the suite's servers to run on
// PostgreSQL and S3 (make test-e2e-scale) instead of SQLite and a local directory.
var scaleBackend = os.Getenv("OVA_E2E_BACKEND") == "scale"

// scaleEnvs holds each data directory's database and bucket, so that a server restarted on
// the same directory finds its state again.
var scaleEnvs sync.Map // data dir -> *scaleEnv

// scaleEnvFor returns the environment that puts a server of dataDir on PostgreSQL and S3.
func scaleEnvFor(t testing.TB, dataDir string) []string {
	if e, ok := scaleEnvs.Load(dataDir); ok {
		return e.(*scaleEnv).env
	}
	e := newScaleEnv(t)
	scaleEnvs.Store(dataDir, e)
	return e.env
}

// workerProc is one `videoagent worker` process.
type workerProc struct {
	name string
	cmd  *exec.Cmd
	logs *syncBuffer
	done chan struct{}
}

func (e *scaleEnv) startWorker(t testing.TB, name string, extra ...string) *workerProc {
	t.Helper()
	// Text logs: the tests read them with the patterns below.
	args := append([]string{binary, "worker", "--data", t.TempDir(), "--log-format", "text"}, extra...)
	if e.cpu != "" { // pinned to one core
		args = append([]string{"taskset", "-c", e.cpu}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), e.env...)
	w := &workerProc{name: name, cmd: cmd, logs: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = w.logs, w.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { cmd.Wait(); close(w.done) }()
	t.Cleanup(func() {
		w.kill()
		if t.Failed() {
			t.Logf("%s logs:\n%s", name, w.logs.String())
		}
	})
	return w
}

func (w *workerProc) kill() {
	select {
	case <-w.done:
		return
	default:
	}
	w.cmd.Process.Signal(syscall.SIGKILL)
	<-w.done
}

var completedLine = regexp.MustCompile(`msg="video completed".*?video_id=([0-9a-f]+)`)
var renderingLine = regexp.MustCompile(`msg="narration ready".*?video_id=([0-9a-f]+)`)

// lines returns the video ids of the worker's log lines that match re.
func (w *workerProc) lines(re *regexp.Regexp) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(w.logs.String(), -1) {
		out = append(out, m[1])
	}
	return out
}

// TestScaleKillWorkers: one API process (--workers 0) and three worker processes on
// PostgreSQL and S3; 20 videos submitted; one worker is SIGKILLed in the middle of a render,
// then another. The last worker resumes their jobs once they stop beating: all 20 videos
// complete, none is rendered to completion twice, and every file is in the bucket.
func TestScaleKillWorkers(t *testing.T) {
	e := newScaleEnv(t)
	api := startServerEnv(t, "", e.env, "--workers", "0", "--max-active-jobs", "30")
	var workers []*workerProc
	health := freeAddr(t)
	for i := 1; i <= 3; i++ {
		extra := []string{"--workers", "1"}
		if i == 3 {
			extra = append(extra, "--health-addr", health)
		}
		workers = append(workers, e.startWorker(t, fmt.Sprintf("worker-%d", i), extra...))
	}
	waitHealthy(t, "http://"+health+"/healthz")
	const n = 20
	ids := make([]string, n)
	for i := range ids {
		ids[i] = api.createDirect(map[string]any{
			"type": "avatar", "avatar_id": directLook, "resolution": "720p",
			"script": fmt.Sprintf("Video number %d of the scale test.", i+1),
		})
	}

	// Kill a worker while it renders, then another: each had a video past narration and not
	// completed.
	killed := map[*workerProc]bool{}
	for round := 0; round < 2; round++ {
		victim, video := waitMidRender(t, workers, killed)
		victim.kill()
		killed[victim] = true
		t.Logf("SIGKILLed %s while it rendered video %s", victim.name, video)
	}

	for _, id := range ids {
		v := api.waitVideo(id, 4*time.Minute, "completed", "failed")
		if v["status"] != "completed" {
			t.Fatalf("video %s: %v: %v: %v", id, v["status"], v["failure_code"], v["failure_message"])
		}
		path := download(t, v["video_url"].(string), id+".mp4")
		if st, err := os.Stat(path); err != nil || st.Size() < 1000 {
			t.Fatalf("video %s file: %v", id, err)
		}
	}
	completions := map[string][]string{}
	for _, w := range workers {
		for _, id := range w.lines(completedLine) {
			completions[id] = append(completions[id], w.name)
		}
	}
	for _, id := range ids {
		if len(completions[id]) != 1 {
			t.Errorf("video %s rendered to completion %d times (%v), want once", id, len(completions[id]), completions[id])
		}
	}
	keys := strings.Join(e.s3.Keys(t, e.bucket, "e2e/"), "\n")
	for _, id := range ids {
		if !strings.Contains(keys, id) || !strings.Contains(keys, ".mp4") {
			t.Errorf("no file of video %s in the bucket", id)
		}
	}
	// The caches' shared level: any worker reuses another's narrations and segments.
	for _, c := range []string{"e2e/cache/narration/", "e2e/cache/segments/"} {
		if len(e.s3.Keys(t, e.bucket, c)) == 0 {
			t.Errorf("nothing cached under %s in the bucket", c)
		}
	}
	var resumed int
	for _, w := range workers {
		resumed += strings.Count(w.logs.String(), "resumed a job whose worker stopped answering")
	}
	if resumed < 2 {
		t.Errorf("%d jobs of killed workers resumed, want at least 2", resumed)
	}
}

// waitHealthy waits for a worker's health check to answer 200.
func waitHealthy(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker health check %s never answered 200: %v", url, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitMidRender waits until a live worker has a video past narration that it has not
// completed, and returns it.
func waitMidRender(t *testing.T, workers []*workerProc, skip map[*workerProc]bool) (*workerProc, string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		for _, w := range workers {
			if skip[w] {
				continue
			}
			done := map[string]bool{}
			for _, id := range w.lines(completedLine) {
				done[id] = true
			}
			for _, id := range w.lines(renderingLine) {
				if !done[id] {
					return w, id
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("no worker started rendering within 3 minutes")
	return nil, ""
}

// TestScaleFanout: two workers render one long video together: the one that takes it
// enqueues a share of its segments that the other renders into the shared cache at the same
// time, then assembles the video from both shares.
func TestScaleFanout(t *testing.T) {
	e := newScaleEnv(t)
	e.env = append(e.env, "VIDEOAGENT_FANOUT_SHARDS=2", "VIDEOAGENT_FANOUT_MIN_SECONDS=5")
	api := startServerEnv(t, "", e.env, "--workers", "0")
	w1 := e.startWorker(t, "worker-1", "--workers", "1")
	w2 := e.startWorker(t, "worker-2", "--workers", "1")
	script := "Welcome to the onboarding tour. This first part covers where everything lives.\n\n" +
		"Next, the tools you will use every day, and who to ask when something breaks.\n\n" +
		"Then the way we plan our work, week by week, and how we review it together.\n\n" +
		"Finally, a few words on how we celebrate what we ship. Thanks for watching."
	id := api.createDirect(map[string]any{"type": "avatar", "avatar_id": directLook, "resolution": "720p", "script": script})
	v := api.waitVideo(id, 4*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("video %s: %v: %v", id, v["failure_code"], v["failure_message"])
	}
	// The worker logs the completion after recording it, so the API can say "completed"
	// a moment before the line is written: wait for it.
	var logs string
	waitUntil(t, "the worker's completion line", func() bool {
		logs = w1.logs.String() + w2.logs.String()
		return strings.Contains(logs, `msg="video completed"`)
	})
	if !strings.Contains(logs, `msg="shares rendered"`) {
		t.Errorf("the video's worker did not fan out")
	}
	if !regexp.MustCompile(`msg="share rendered" video_id=` + id + ` shard=1`).MatchString(logs) {
		t.Errorf("no worker rendered share 1 of the video")
	}
	if n := strings.Count(logs, `msg="video completed"`); n != 1 {
		t.Errorf("%d completions, want 1", n)
	}
	download(t, v["video_url"].(string), id+".mp4")
}

// TestScaleMigrate: `videoagent migrate --database` creates the app's tables and River's in
// an empty database, and running it again finds nothing to do.
func TestScaleMigrate(t *testing.T) {
	db := pgtest.NewDatabase(t)
	for i := 0; i < 2; i++ {
		out, err := exec.Command(binary, "migrate", "--database", db).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "migrated" {
			t.Fatalf("migrate (run %d): %v: %s", i+1, err, out)
		}
	}
	out, err := exec.Command(binary, "migrate", "--database", "mysql://nope").CombinedOutput()
	if err == nil {
		t.Fatalf("migrate with a MySQL URL succeeded: %s", out)
	}
	conn, err := pgxConnect(db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for _, table := range []string{"sessions", "videos", "worker_heartbeats", "rate_buckets", "river_job", "river_migration"} {
		var ok bool
		if err := conn.QueryRow(context.Background(), `SELECT to_regclass($1) IS NOT NULL`, table).Scan(&ok); err != nil || !ok {
			t.Errorf("table %s missing after migrate (%v)", table, err)
		}
	}
}

func pgxConnect(url string) (*pgx.Conn, error) { return pgx.Connect(context.Background(), url) }
