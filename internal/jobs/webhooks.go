package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/webhook"
)

// QueueWebhooks is the queue webhook deliveries run on, apart from renders so that a busy
// render queue never delays them.
const QueueWebhooks = "webhooks"

// webhookWindow is how long an event is retried before it is given up.
const webhookWindow = 24 * time.Hour

// DeliverArgs is one webhook delivery: an event to one target.
type DeliverArgs struct {
	EventID     string `json:"event_id"`
	EndpointID  string `json:"endpoint_id,omitempty"`
	CallbackURL string `json:"callback_url,omitempty"`
	CallbackID  string `json:"callback_id,omitempty"`
}

// Kind implements river.JobArgs.
func (DeliverArgs) Kind() string { return "deliver_webhook" }

// InsertOpts implements river.JobArgsWithInsertOpts. The attempts cover the 24-hour window
// at the backoff's cap; the worker stops at the window's end.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueWebhooks, MaxAttempts: 60}
}

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	sender *webhook.Sender
	store  videoagent.WebhookStore
	base   time.Duration
}

func (w *deliverWorker) Timeout(*river.Job[DeliverArgs]) time.Duration { return 30 * time.Second }

// NextRetry backs off exponentially from the base (5 s by default), capped at an hour.
func (w *deliverWorker) NextRetry(job *river.Job[DeliverArgs]) time.Time {
	return time.Now().Add(backoff(w.base, job.Attempt))
}

// backoff is base * 2^(attempt-1), at most an hour.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

func (w *deliverWorker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	ev, err := w.store.WebhookEvent(ctx, job.Args.EventID)
	if err != nil {
		if videoagent.ErrorCode(err) == videoagent.ENOTFOUND {
			return river.JobCancel(err)
		}
		return err
	}
	if time.Since(ev.CreatedAt) > webhookWindow {
		return river.JobCancel(fmt.Errorf("event %s is older than %s; delivery given up", ev.ID, webhookWindow))
	}
	err = w.sender.Deliver(ctx, job.Args.EventID, webhook.Target{
		EndpointID: job.Args.EndpointID, CallbackURL: job.Args.CallbackURL, CallbackID: job.Args.CallbackID,
	}, job.Attempt)
	if errors.Is(err, webhook.ErrGone) {
		return river.JobCancel(err)
	}
	return err
}

// Emit implements videoagent.Events: it stores the event and, in the same transaction,
// enqueues a delivery to every endpoint of the account that subscribes to its type and to
// the request's callback URL.
func (q *Queue) Emit(ctx context.Context, accountID string, e *videoagent.WebhookEvent, callbackURL, callbackID string) error {
	e.AccountID = accountID
	if e.ID == "" {
		e.ID = videoagent.NewID() // known before the insert, so the jobs can carry it
	}
	eps, _, err := q.store.ListWebhookEndpoints(ctx, accountID, videoagent.Page{})
	if err != nil {
		return err
	}
	var jobs []river.JobArgs
	for _, ep := range eps {
		if ep.Status == "enabled" && webhook.Subscribed(ep, e.Type) {
			jobs = append(jobs, DeliverArgs{EventID: e.ID, EndpointID: ep.ID})
		}
	}
	if callbackURL != "" {
		jobs = append(jobs, DeliverArgs{EventID: e.ID, CallbackURL: callbackURL, CallbackID: callbackID})
	}
	return q.store.CreateWebhookEvent(ctx, e, func(tx videoagent.Tx) error {
		return q.insertTx(ctx, tx, jobs...)
	})
}
