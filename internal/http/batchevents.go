package http

import (
	"context"

	videoagent "github.com/openvideoagent/videoagent"
)

// finishBatch emits batch.finished for a batch just stored if all its videos have already
// finished (or all its items were refused): the workers that finish videos look a batch up
// by its videos, and may have finished before the batch was stored. The server's queue
// emits events when it can (jobs.Queue does).
func (s *Server) finishBatch(ctx context.Context, b *videoagent.Batch) {
	ev, ok := s.Queue.(videoagent.Events)
	if !ok {
		return
	}
	if _, err := videoagent.FinishBatch(context.WithoutCancel(ctx), s.Store, ev, b.AccountID, b.ID); err != nil {
		s.log.Error("finish batch", "batch_id", b.ID, "err", err)
	}
}
