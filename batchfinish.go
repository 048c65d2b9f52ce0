package videoagent

import (
	"context"
	"encoding/json"
)

// EventBatchFinished is emitted once when every video of a batch has finished (completed
// or failed); it goes to the account's endpoints and to the batch's callback_url.
const EventBatchFinished = "batch.finished"

// FinishBatch emits batch.finished for batch id if every one of its items has finished
// and nobody emitted it before (BatchStore.ClaimBatchFinished). Call it whenever a video
// of a batch finishes, and once after the batch is stored (its videos may all have
// finished before it was). It reports whether it emitted the event.
func FinishBatch(ctx context.Context, s Store, ev Events, accountID, id string) (bool, error) {
	b, err := s.Batch(ctx, accountID, id)
	if err != nil {
		return false, err
	}
	counts := map[string]int{}
	for _, it := range b.Items {
		st := VideoFailed // a refused item, or a deleted video
		if it.VideoID != "" {
			v, err := s.Video(ctx, accountID, it.VideoID)
			if err == nil {
				st = v.Status
			} else if c := ErrorCode(err); c != ENOTFOUND && c != EVIDEONOTFOUND {
				return false, err
			}
		}
		if st != VideoCompleted && st != VideoFailed {
			return false, nil
		}
		counts[st]++
	}
	won, err := s.ClaimBatchFinished(ctx, accountID, id)
	if err != nil || !won {
		return false, err
	}
	status := VideoCompleted
	if counts[VideoFailed] == len(b.Items) {
		status = VideoFailed
	}
	data, _ := json.Marshal(map[string]any{
		"batch_id": b.ID, "title": b.Title, "status": status, "total_items": len(b.Items), "counts_by_status": counts,
	})
	e := &WebhookEvent{Type: EventBatchFinished, EntityID: b.ID, Data: data}
	if err := ev.Emit(ctx, accountID, e, b.CallbackURL, ""); err != nil {
		return true, err
	}
	return true, nil
}
