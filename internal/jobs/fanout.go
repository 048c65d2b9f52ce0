package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/openvideoagent/videoagent/internal/pipeline"
)

// ShardArgs is the job that prerenders one share of a long video's segments, so that the
// workers of a cluster render one video together (pipeline.Fanout).
type ShardArgs struct {
	VideoID string `json:"video_id"`
	Shard   int    `json:"shard"`
	Shards  int    `json:"shards"`
}

// Kind implements river.JobArgs.
func (ShardArgs) Kind() string { return "render_shard" }

// InsertOpts implements river.JobArgsWithInsertOpts. Shares go ahead of whole videos (a
// lower priority number runs first): a video being rendered waits for them. One attempt:
// the video's own render encodes whatever a share did not.
func (ShardArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueRender, MaxAttempts: 1, Priority: 1}
}

type shardWorker struct {
	river.WorkerDefaults[ShardArgs]
	p        *pipeline.Pipeline
	activity *Activity
}

func (w *shardWorker) Timeout(*river.Job[ShardArgs]) time.Duration { return renderTimeout }

func (w *shardWorker) Work(ctx context.Context, job *river.Job[ShardArgs]) error {
	defer w.activity.start()()
	return w.p.RenderShard(ctx, job.Args.VideoID, job.Args.Shard, job.Args.Shards)
}

// shardStartWithin is how long a share may wait for a free worker before the video's own
// render stops waiting for it (and renders that share itself): when every worker is busy,
// waiting longer would only keep the video's worker idle.
const shardStartWithin = 5 * time.Second

// enqueueShards implements pipeline.Fanout.Enqueue.
func (q *Queue) enqueueShards(ctx context.Context, videoID string, shards int) (func(context.Context) error, error) {
	params := make([]river.InsertManyParams, 0, shards-1)
	for k := 1; k < shards; k++ {
		params = append(params, river.InsertManyParams{Args: ShardArgs{VideoID: videoID, Shard: k, Shards: shards}})
	}
	rows, err := q.backend.insertMany(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("enqueue shares: %w", err)
	}
	enqueued := time.Now()
	wait := func(ctx context.Context) error {
		pending := map[int64]bool{}
		for _, r := range rows {
			pending[r.ID] = true
		}
		for len(pending) > 0 {
			for id := range pending {
				j, err := q.backend.jobGet(ctx, id)
				if err != nil {
					return err
				}
				switch j.State {
				case rivertype.JobStateCompleted, rivertype.JobStateDiscarded, rivertype.JobStateCancelled:
					delete(pending, id)
				case rivertype.JobStateRunning:
				default:
					if time.Since(enqueued) > shardStartWithin {
						q.backend.jobCancel(ctx, id)
						delete(pending, id)
					}
				}
			}
			if len(pending) == 0 {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
		return nil
	}
	return wait, nil
}
