package postgres_test

import (
	"context"
	"path/filepath"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/postgres"
	"github.com/openvideoagent/videoagent/internal/postgres/pgtest"
	"github.com/openvideoagent/videoagent/internal/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestStoreConformance runs the stores' shared suite on a real PostgreSQL server.
func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (videoagent.Store, func() string) {
		db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return postgres.NewStore(db), postgres.NewID
	})
}

// TestMigrationsRerun opens the same database twice, the second time from two processes'
// worth of pools at once: each finds the schema current and no migration runs twice.
func TestMigrationsRerun(t *testing.T) {
	files, _ := filepath.Glob("migrations/*.sql")
	url := pgtest.NewDatabase(t)
	ctx := context.Background()
	errc := make(chan error, 3)
	for i := 0; i < 3; i++ {
		go func() {
			db, err := postgres.Open(ctx, url)
			if err == nil {
				db.Close()
			}
			errc <- err
		}()
	}
	for i := 0; i < 3; i++ {
		if err := <-errc; err != nil {
			t.Fatalf("concurrent open: %v", err)
		}
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.Pool().QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) || n == 0 {
		t.Fatalf("schema_migrations rows = %d, %v; want %d", n, err, len(files))
	}
}
