package storetest

import (
	"context"
	"sync"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// testBatches checks batches: items round-trip in order, a video finds its batch, and the
// finished claim is won exactly once even by concurrent callers.
func testBatches(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	v0 := id()
	batch := &videoagent.Batch{ID: id(), AccountID: a.ID, Title: "t", CallbackURL: "http://127.0.0.1:1/cb", Items: []videoagent.BatchItem{
		{Index: 0, VideoID: v0}, {Index: 1, ErrorCode: videoagent.EINVALID, ErrorMessage: "bad", ErrorParam: "videos[1].script"},
	}}
	if err := s.CreateBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	got, err := s.Batch(ctx, a.ID, batch.ID)
	if err != nil || got.CallbackURL != batch.CallbackURL || len(got.Items) != 2 || got.Items[1].ErrorParam != "videos[1].script" {
		t.Fatalf("Batch = %+v, %v", got, err)
	}
	if _, err := s.Batch(ctx, b.ID, batch.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account reads batch: %v", err)
	}
	if bid, idx, err := s.BatchOfVideo(ctx, a.ID, v0); err != nil || bid != batch.ID || idx != 0 {
		t.Fatalf("BatchOfVideo = %q %d %v", bid, idx, err)
	}
	if won, err := s.ClaimBatchFinished(ctx, b.ID, batch.ID); err != nil || won {
		t.Fatalf("other account claims the batch: %v %v", won, err)
	}
	var mu sync.Mutex
	wins := 0
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			won, err := s.ClaimBatchFinished(ctx, a.ID, batch.ID)
			if err != nil {
				t.Error(err)
			}
			if won {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("ClaimBatchFinished won %d times, want exactly once", wins)
	}
}
