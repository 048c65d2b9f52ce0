package postgres_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/openvideoagent/videoagent/internal/postgres"
	"github.com/openvideoagent/videoagent/internal/postgres/pgtest"
)

// TestTakeTokenAcrossProcesses: two stores on separate pools (as two API processes would
// have) share one bucket per account: of 40 concurrent requests with a burst of 10 and a
// negligible refill, exactly 10 pass, and the rest are told to wait.
func TestTakeTokenAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	var stores []*postgres.Store
	for i := 0; i < 2; i++ {
		db, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		stores = append(stores, postgres.NewStore(db))
	}
	var passed, told atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, wait, err := stores[i%2].TakeToken(ctx, "acct", 0.001, 10)
			if err != nil {
				t.Error(err)
				return
			}
			if ok {
				passed.Add(1)
			} else if wait > 0 {
				told.Add(1)
			}
		}()
	}
	wg.Wait()
	if passed.Load() != 10 || told.Load() != 30 {
		t.Fatalf("%d passed and %d were told to wait; want 10 and 30", passed.Load(), told.Load())
	}
	// Another account has its own bucket.
	if ok, _, err := stores[0].TakeToken(ctx, "other", 0.001, 10); !ok || err != nil {
		t.Fatalf("another account's first request: %v, %v", ok, err)
	}
}
