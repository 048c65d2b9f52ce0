package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/sqlite"
)

// TestReleaseIdempotentClaims: an unfinished claim (its process died) is released at once;
// a finished one still replays.
func TestReleaseIdempotentClaims(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := sqlite.NewStore(db)
	const stale, expire = 5 * time.Minute, 24 * time.Hour
	for _, key := range []string{"crashed", "finished"} {
		if _, _, err := s.BeginIdempotent(ctx, "a", "POST /x", key, "h", stale, expire); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.FinishIdempotent(ctx, "a", "POST /x", "finished", videoagent.IdempotentResponse{Status: 201, ContentType: "application/json", Body: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if _, inFlight, _ := s.BeginIdempotent(ctx, "a", "POST /x", "crashed", "h", stale, expire); !inFlight {
		t.Fatal("an unfinished claim should be in flight before the release")
	}
	n, err := s.ReleaseIdempotentClaims(ctx)
	if err != nil || n != 1 {
		t.Fatalf("released %d, %v; want 1", n, err)
	}
	if done, inFlight, err := s.BeginIdempotent(ctx, "a", "POST /x", "crashed", "h", stale, expire); err != nil || inFlight || done != nil {
		t.Fatalf("after release: done %v inFlight %v err %v; want a new claim", done, inFlight, err)
	}
	if done, _, err := s.BeginIdempotent(ctx, "a", "POST /x", "finished", "h", stale, expire); err != nil || done == nil || done.Status != 201 {
		t.Fatalf("finished key: %+v %v; want its replay", done, err)
	}
}
