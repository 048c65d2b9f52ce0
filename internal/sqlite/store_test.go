package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlite"
	"github.com/openvideoagent/videoagent/internal/storetest"
)

func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (videoagent.Store, func() string) {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return sqlite.NewStore(db), sqlite.NewID
	})
}

// TestMigrationsRerun opens the same file twice: the second open finds the schema current.
func TestMigrationsRerun(t *testing.T) {
	files, _ := filepath.Glob("migrations/*.sql")
	p := filepath.Join(t.TempDir(), "m.db")
	for i := 0; i < 2; i++ {
		db, err := sqlite.Open(context.Background(), p)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := db.SQL().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) || n == 0 {
			t.Fatalf("schema_migrations rows = %d, %v; want %d", n, err, len(files))
		}
		db.Close()
	}
}
