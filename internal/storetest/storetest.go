// Package storetest is the conformance suite every videoagent.Store implementation runs
// (SQLite and PostgreSQL, both through sqlstore): the same behaviour, checked the same way.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	videoagent "github.com/openvideoagent/videoagent"
)

// Factory returns a new, empty store for one test, and a function that returns a random
// id of the store's kind.
type Factory func(t *testing.T) (videoagent.Store, func() string)

// Run runs the suite against stores made by newStore.
func Run(t *testing.T, newStore Factory) {
	t.Run("Keys", func(t *testing.T) { testKeys(t, newStore) })
	t.Run("SessionLifecycle", func(t *testing.T) { testSessionLifecycle(t, newStore) })
	t.Run("AccountIsolation", func(t *testing.T) { testAccountIsolation(t, newStore) })
	t.Run("Pagination", func(t *testing.T) { testPagination(t, newStore) })
	t.Run("EnqueueFailureRollsBack", func(t *testing.T) { testEnqueueRollback(t, newStore) })
	t.Run("Messages", func(t *testing.T) { testMessages(t, newStore) })
	t.Run("Assets", func(t *testing.T) { testAssets(t, newStore) })
	t.Run("Memory", func(t *testing.T) { testMemory(t, newStore) })
	t.Run("Webhooks", func(t *testing.T) { testWebhooks(t, newStore) })
	t.Run("Idempotency", func(t *testing.T) { testIdempotency(t, newStore) })
	t.Run("Limits", func(t *testing.T) { testLimits(t, newStore) })
	t.Run("Chat", func(t *testing.T) { testChat(t, newStore) })
	t.Run("BrandKits", func(t *testing.T) { testBrandKits(t, newStore) })
	t.Run("Batches", func(t *testing.T) { testBatches(t, newStore) })
	t.Run("Uploads", func(t *testing.T) { testUploads(t, newStore) })
	t.Run("OwnLooks", func(t *testing.T) { testOwnLooks(t, newStore) })
	t.Run("SessionByID", func(t *testing.T) { testSessionByID(t, newStore) })
	t.Run("FinishVideo", func(t *testing.T) { testFinishVideo(t, newStore) })
}

// testSessionByID: workers read any account's session by id, a direct video's internal one
// included, which the account itself cannot read; an account-scoped read without an
// account is refused, not answered for every account.
func testSessionByID(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	se := newSession(a.ID, id(), time.Now())
	direct := newSession(a.ID, id(), time.Now())
	direct.Mode = videoagent.ModeDirect
	for _, x := range []*videoagent.Session{se, direct} {
		if err := s.CreateSession(ctx, x, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := s.SessionByID(ctx, x.ID); err != nil || got.ID != x.ID || got.AccountID != a.ID || got.Mode != x.Mode {
			t.Fatalf("SessionByID(%s session) = %+v, %v", x.Mode, got, err)
		}
	}
	if _, err := s.Session(ctx, a.ID, direct.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("account reads its direct video's session: %v", err)
	}
	if _, err := s.SessionByID(ctx, id()); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("SessionByID of a missing session: %v", err)
	}
	refusesNoAccount(t, "Session", func() error { _, err := s.Session(ctx, "", se.ID); return err })
	refusesNoAccount(t, "Session of a direct video", func() error { _, err := s.Session(ctx, "", direct.ID); return err })
}

// refusesNoAccount checks that read, an account-scoped read given no account, fails as the
// caller's bug (an internal error) rather than finding the row or reporting it missing.
func refusesNoAccount(t *testing.T, what string, read func() error) {
	t.Helper()
	if err := read(); videoagent.ErrorCode(err) != videoagent.EINTERNAL {
		t.Fatalf("%s without an account = %v, want an internal error", what, err)
	}
}

func testChat(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	se := newSession(a.ID, id(), time.Now())
	se.Mode = videoagent.ModeChat
	if err := s.CreateSession(ctx, se, nil, nil); err != nil {
		t.Fatal(err)
	}
	if st, err := s.ChatState(ctx, se.ID); err != nil || st.StopRequested || st.Options != nil {
		t.Fatalf("new chat state = %+v, %v", st, err)
	}
	want := videoagent.ChatState{Options: []videoagent.ChatOption{{ID: "ava", Name: "Ava", Kind: "avatar", ResourceID: "r1"}}, StopRequested: true}
	if err := s.SetChatState(ctx, se.ID, want); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.ChatState(ctx, se.ID); !st.StopRequested || len(st.Options) != 1 || st.Options[0].ResourceID != "r1" {
		t.Fatalf("chat state = %+v", st)
	}
	// A message that cannot be enqueued is not stored.
	m := &videoagent.Message{SessionID: se.ID, Role: videoagent.RoleUser, Type: videoagent.MessageText, Content: "hi"}
	if err := s.PostMessage(ctx, m, func(videoagent.Tx) error { return fmt.Errorf("queue down") }); err == nil {
		t.Fatal("PostMessage succeeded though enqueue failed")
	}
	if ms, _ := s.Messages(ctx, se.ID, 10); len(ms) != 0 {
		t.Fatalf("message stored without its job: %d", len(ms))
	}
	if err := s.PostMessage(ctx, m, func(tx videoagent.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Message(ctx, se.ID, m.ID); err != nil || got.Content != "hi" || got.Role != videoagent.RoleUser {
		t.Fatalf("Message = %+v, %v", got, err)
	}
	if _, err := s.Message(ctx, "other-session", m.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("a message read through another session: %v", err)
	}
	v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoPending}
	if err := s.CreateVideo(ctx, v, func(videoagent.Tx) error { return fmt.Errorf("queue down") }); err == nil {
		t.Fatal("CreateVideo succeeded though enqueue failed")
	}
	if got, _ := s.Session(ctx, a.ID, se.ID); got.VideoID != "" {
		t.Fatalf("session points at a video that was rolled back: %q", got.VideoID)
	}
	if err := s.CreateVideo(ctx, v, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, a.ID, se.ID); got.VideoID != v.ID {
		t.Fatalf("session video = %q, want %q", got.VideoID, v.ID)
	}
}

func testIdempotency(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	const scope = "POST /v3/video-agents"
	stale, expire := time.Minute, 24*time.Hour
	done, inFlight, err := s.BeginIdempotent(ctx, a.ID, scope, "k1", "h1", stale, expire)
	if err != nil || done != nil || inFlight {
		t.Fatalf("first claim = %v, %v, %v", done, inFlight, err)
	}
	if _, inFlight, _ := s.BeginIdempotent(ctx, a.ID, scope, "k1", "h1", stale, expire); !inFlight {
		t.Fatal("a repeat while the first runs is not in flight")
	}
	if _, _, err := s.BeginIdempotent(ctx, a.ID, scope, "k1", "other-body", stale, expire); videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Fatalf("reuse with another body: %v", err)
	}
	// The same key in another account or scope is another key.
	if done, inFlight, err := s.BeginIdempotent(ctx, b.ID, scope, "k1", "h1", stale, expire); done != nil || inFlight || err != nil {
		t.Fatalf("other account: %v %v %v", done, inFlight, err)
	}
	if done, inFlight, _ := s.BeginIdempotent(ctx, a.ID, "POST /v3/videos", "k1", "h1", stale, expire); done != nil || inFlight {
		t.Fatal("other scope shares the key")
	}
	resp := videoagent.IdempotentResponse{Status: 200, ContentType: "application/json", Body: []byte(`{"data":1}`)}
	if err := s.FinishIdempotent(ctx, a.ID, scope, "k1", resp); err != nil {
		t.Fatal(err)
	}
	done, inFlight, err = s.BeginIdempotent(ctx, a.ID, scope, "k1", "h1", stale, expire)
	if err != nil || inFlight || done == nil || done.Status != 200 || string(done.Body) != `{"data":1}` || done.ContentType != "application/json" {
		t.Fatalf("replay = %+v, %v, %v", done, inFlight, err)
	}
	// An abandoned claim is taken over once stale; an aborted one at once.
	s.BeginIdempotent(ctx, a.ID, scope, "k2", "h", stale, expire)
	if done, inFlight, _ := s.BeginIdempotent(ctx, a.ID, scope, "k2", "h", 0, expire); done != nil || inFlight {
		t.Fatal("a stale claim was not taken over")
	}
	if err := s.AbortIdempotent(ctx, a.ID, scope, "k2"); err != nil {
		t.Fatal(err)
	}
	if done, inFlight, _ := s.BeginIdempotent(ctx, a.ID, scope, "k2", "h", stale, expire); done != nil || inFlight {
		t.Fatal("an aborted claim still holds the key")
	}
	// After the replay window a finished key is forgotten.
	if done, inFlight, _ := s.BeginIdempotent(ctx, a.ID, scope, "k1", "h1", stale, 0); done != nil || inFlight {
		t.Fatal("an expired key still replays")
	}
}

func testLimits(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	statuses := []string{videoagent.VideoPending, videoagent.VideoProcessing, videoagent.VideoCompleted, videoagent.VideoFailed, videoagent.VideoCompleted}
	for i, st := range statuses {
		se := newSession(a.ID, id(), time.Now())
		v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoPending}
		if err := s.CreateSession(ctx, se, v, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(st), Duration: videoagent.Ptr(float64(10 * (i + 1)))}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.ActiveJobs(ctx, a.ID); err != nil || n != 2 {
		t.Fatalf("ActiveJobs = %d, %v; want 2", n, err)
	}
	if sec, err := s.RenderedSeconds(ctx, a.ID); err != nil || sec != 30+50 {
		t.Fatalf("RenderedSeconds = %v, %v; want 80", sec, err)
	}
}

func testWebhooks(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	all := &videoagent.WebhookEndpoint{AccountID: a.ID, URL: "https://hooks.example.com/all", Status: "enabled", Secret: "whsec_1"}
	some := &videoagent.WebhookEndpoint{AccountID: a.ID, URL: "https://hooks.example.com/some", Events: []string{videoagent.EventVideoAgentFail}, Status: "enabled", Secret: "whsec_2"}
	for _, e := range []*videoagent.WebhookEndpoint{all, some} {
		if err := s.CreateWebhookEndpoint(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.WebhookEndpoint(ctx, a.ID, all.ID)
	if err != nil || got.Events != nil || got.Secret != "whsec_1" || got.URL != all.URL {
		t.Fatalf("endpoint = %+v, %v (nil events mean all)", got, err)
	}
	if got, _ := s.WebhookEndpoint(ctx, a.ID, some.ID); len(got.Events) != 1 {
		t.Fatalf("events = %v", got.Events)
	}
	if _, err := s.WebhookEndpoint(ctx, b.ID, all.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account reads endpoint: %v", err)
	}
	if l, _, _ := s.ListWebhookEndpoints(ctx, a.ID, videoagent.Page{}); len(l) != 2 {
		t.Fatalf("list all endpoints = %d", len(l))
	}
	up, err := s.UpdateWebhookEndpoint(ctx, a.ID, some.ID, "https://hooks.example.com/new", nil, true)
	if err != nil || up.URL != "https://hooks.example.com/new" || up.Events != nil {
		t.Fatalf("update = %+v, %v", up, err)
	}
	if err := s.SetWebhookSecret(ctx, a.ID, some.ID, "whsec_3"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.WebhookEndpointByID(ctx, some.ID); got.Secret != "whsec_3" {
		t.Fatalf("secret not rotated: %q", got.Secret)
	}
	refusesNoAccount(t, "WebhookEndpoint", func() error { _, err := s.WebhookEndpoint(ctx, "", some.ID); return err })
	if err := s.DeleteWebhookEndpoint(ctx, b.ID, some.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account deletes endpoint: %v", err)
	}
	if err := s.DeleteWebhookEndpoint(ctx, a.ID, some.ID); err != nil {
		t.Fatal(err)
	}

	ev := &videoagent.WebhookEvent{AccountID: a.ID, Type: videoagent.EventVideoAgentSuccess, EntityID: "v1", Data: json.RawMessage(`{"video_id":"v1"}`)}
	if err := s.CreateWebhookEvent(ctx, ev, func(tx videoagent.Tx) error { return fmt.Errorf("queue down") }); err == nil {
		t.Fatal("event stored though its deliveries could not be enqueued")
	}
	if err := s.CreateWebhookEvent(ctx, ev, nil); err != nil {
		t.Fatal(err)
	}
	if l, _, _ := s.ListWebhookEvents(ctx, a.ID, "", "", videoagent.Page{Limit: 10}); len(l) != 1 || string(l[0].Data) != `{"video_id":"v1"}` {
		t.Fatalf("events = %+v", l)
	}
	if l, _, _ := s.ListWebhookEvents(ctx, a.ID, videoagent.EventVideoAgentFail, "", videoagent.Page{Limit: 10}); len(l) != 0 {
		t.Fatalf("type filter: %d", len(l))
	}
	if l, _, _ := s.ListWebhookEvents(ctx, a.ID, "", "v2", videoagent.Page{Limit: 10}); len(l) != 0 {
		t.Fatalf("entity filter: %d", len(l))
	}
	for i := 1; i <= 2; i++ {
		if err := s.AddWebhookAttempt(ctx, &videoagent.WebhookAttempt{EventID: ev.ID, Target: all.ID, URL: all.URL, Attempt: i, StatusCode: 500 - 300*(i-1)}); err != nil {
			t.Fatal(err)
		}
	}
	at, err := s.WebhookAttempts(ctx, ev.ID)
	if err != nil || len(at) != 2 || at[0].Attempt != 1 || at[1].StatusCode != 200 {
		t.Fatalf("attempts = %+v, %v", at, err)
	}
}

func testAssets(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	var ids []string
	for i := 0; i < 3; i++ {
		as := &videoagent.Asset{AccountID: a.ID, Name: fmt.Sprintf("f%d.png", i), MimeType: "image/png", SizeBytes: int64(100 + i), BlobKey: fmt.Sprintf("assets/%d.png", i)}
		if err := s.CreateAsset(ctx, as); err != nil {
			t.Fatal(err)
		}
		if as.ID == "" || as.CreatedAt.IsZero() {
			t.Fatalf("CreateAsset did not fill id and time: %+v", as)
		}
		ids = append(ids, as.ID)
	}
	got, err := s.Asset(ctx, a.ID, ids[1])
	if err != nil || got.Name != "f1.png" || got.SizeBytes != 101 || got.MimeType != "image/png" || got.BlobKey != "assets/1.png" {
		t.Fatalf("Asset = %+v, %v", got, err)
	}
	if _, err := s.Asset(ctx, b.ID, ids[1]); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account reads asset: %v", err)
	}
	l, next, err := s.ListAssets(ctx, a.ID, videoagent.Page{Limit: 2})
	if err != nil || len(l) != 2 || next == "" || l[0].ID != ids[2] {
		t.Fatalf("ListAssets page 1 = %d items, next %q, %v", len(l), next, err)
	}
	l, next, _ = s.ListAssets(ctx, a.ID, videoagent.Page{Limit: 2, Token: next})
	if len(l) != 1 || next != "" || l[0].ID != ids[0] {
		t.Fatalf("ListAssets page 2 = %d items, next %q", len(l), next)
	}
	if _, err := s.DeleteAsset(ctx, b.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("other account deletes asset: %v", err)
	}
	if d, err := s.DeleteAsset(ctx, a.ID, ids[0]); err != nil || d.BlobKey != "assets/0.png" {
		t.Fatalf("DeleteAsset = %+v, %v", d, err)
	}
	if _, err := s.Asset(ctx, a.ID, ids[0]); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("deleted asset: %v", err)
	}
}

func testMemory(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	for _, f := range []videoagent.MemoryFact{{Key: "company", Value: "Acme", SessionID: "s1"}, {Key: "tone", Value: "friendly"}, {Key: "company", Value: "Acme Corp", SessionID: "s2"}} {
		if err := s.SetMemory(ctx, a.ID, f); err != nil {
			t.Fatal(err)
		}
	}
	m, err := s.Memory(ctx, a.ID)
	if err != nil || len(m) != 2 || m[0].Key != "company" || m[0].Value != "Acme Corp" || m[0].SessionID != "s2" || m[1].Key != "tone" {
		t.Fatalf("Memory = %+v, %v", m, err)
	}
	if m, _ := s.Memory(ctx, b.ID); len(m) != 0 {
		t.Fatalf("other account sees memory: %+v", m)
	}
	if n, err := s.DeleteMemory(ctx, a.ID, "tone"); err != nil || n != 1 {
		t.Fatalf("DeleteMemory(tone) = %d, %v", n, err)
	}
	if n, _ := s.DeleteMemory(ctx, a.ID, "tone"); n != 0 {
		t.Fatalf("second DeleteMemory(tone) = %d", n)
	}
	s.SetMemory(ctx, a.ID, videoagent.MemoryFact{Key: "voice", Value: "v1"})
	if n, err := s.DeleteMemory(ctx, a.ID, ""); err != nil || n != 2 {
		t.Fatalf("DeleteMemory(all) = %d, %v", n, err)
	}
}

func testKeys(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, _ := newStore(t)
	a, err := s.CreateAccount(ctx, "acme")
	if err != nil {
		t.Fatal(err)
	}
	key, err := s.CreateAPIKey(ctx, a.ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.AccountByAPIKey(ctx, key)
	if err != nil || got.ID != a.ID || got.Name != "acme" {
		t.Fatalf("AccountByAPIKey = %+v, %v", got, err)
	}
	if _, err := s.AccountByAPIKey(ctx, key+"x"); videoagent.ErrorCode(err) != videoagent.EUNAUTHORIZED {
		t.Fatalf("wrong key: %v, want unauthorized", err)
	}
	// The bootstrap key: idempotent account and key.
	for i := 0; i < 2; i++ {
		if _, err := s.EnsureAccount(ctx, "default", "Default"); err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureAPIKey(ctx, "default", "bootstrap-secret"); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.AccountByAPIKey(ctx, "bootstrap-secret"); err != nil || got.ID != "default" {
		t.Fatalf("bootstrap key = %+v, %v", got, err)
	}
}

func newSession(acct, id string, at time.Time) *videoagent.Session {
	return &videoagent.Session{ID: id, AccountID: acct, Mode: videoagent.ModeGenerate, Status: videoagent.SessionThinking,
		Brief: videoagent.Brief{Prompt: "p " + id, Mode: videoagent.ModeGenerate, DurationSec: 30}, CreatedAt: at}
}

func testSessionLifecycle(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	se := newSession(a.ID, id(), time.Now())
	v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoPending}
	se.VideoID = v.ID
	called := false
	if err := s.CreateSession(ctx, se, v, func(tx videoagent.Tx) error { called = tx != nil; return nil }); err != nil {
		t.Fatal(err)
	}
	if !called {
		t.Fatal("enqueue was not called with a transaction")
	}
	got, err := s.Session(ctx, a.ID, se.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Brief.Prompt != se.Brief.Prompt || got.Brief.DurationSec != 30 || got.VideoID != v.ID || got.Status != videoagent.SessionThinking {
		t.Fatalf("session = %+v", got)
	}
	sb := json.RawMessage(`{"title":"T","scenes":[]}`)
	if err := s.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Status: videoagent.Ptr(videoagent.SessionCompleted), Progress: videoagent.Ptr(100), Title: videoagent.Ptr("T"), Storyboard: sb}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.SessionByID(ctx, se.ID) // workers read without an account
	if got.Status != videoagent.SessionCompleted || got.Progress != 100 || got.Title != "T" || string(got.Storyboard) != string(sb) {
		t.Fatalf("updated session = %+v", got)
	}

	now := time.Now()
	if err := s.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoCompleted), Duration: videoagent.Ptr(31.5),
		VideoKey: videoagent.Ptr("videos/x.mp4"), GIFKey: videoagent.Ptr("videos/x.gif"), CaptionedKey: videoagent.Ptr("videos/x-captioned.mp4"), CompletedAt: &now}); err != nil {
		t.Fatal(err)
	}
	gv, err := s.Video(ctx, a.ID, v.ID)
	if err != nil || gv.Status != videoagent.VideoCompleted || gv.Duration != 31.5 || gv.VideoKey != "videos/x.mp4" || gv.GIFKey != "videos/x.gif" || gv.CaptionedKey != "videos/x-captioned.mp4" || gv.CompletedAt.Unix() != now.Unix() {
		t.Fatalf("video = %+v, %v", gv, err)
	}
	res := &videoagent.Resource{SessionID: se.ID, ResourceType: "draft", Metadata: json.RawMessage(`{"scenes":[1]}`)}
	if err := s.CreateResource(ctx, res); err != nil {
		t.Fatal(err)
	}
	gr, err := s.Resource(ctx, se.ID, res.ID)
	if err != nil || gr.ResourceType != "draft" || string(gr.Metadata) != `{"scenes":[1]}` {
		t.Fatalf("resource = %+v, %v", gr, err)
	}
	if _, err := s.Resource(ctx, se.ID, "nope"); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("missing resource: %v", err)
	}
	if _, err := s.DeleteVideo(ctx, a.ID, v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Video(ctx, a.ID, v.ID); videoagent.ErrorCode(err) != videoagent.EVIDEONOTFOUND {
		t.Fatalf("deleted video: %v", err)
	}
	if err := s.UpdateVideo(ctx, v.ID, videoagent.VideoUpdate{Status: videoagent.Ptr(videoagent.VideoFailed)}); videoagent.ErrorCode(err) != videoagent.EVIDEONOTFOUND {
		t.Fatalf("update deleted video: %v", err)
	}
}

func testAccountIsolation(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	b, _ := s.CreateAccount(ctx, "b")
	se := newSession(a.ID, id(), time.Now())
	v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoPending}
	if err := s.CreateSession(ctx, se, v, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, b.ID, se.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Errorf("b reads a's session: %v", err)
	}
	if _, err := s.Video(ctx, b.ID, v.ID); videoagent.ErrorCode(err) != videoagent.EVIDEONOTFOUND {
		t.Errorf("b reads a's video: %v", err)
	}
	if _, err := s.DeleteVideo(ctx, b.ID, v.ID); videoagent.ErrorCode(err) != videoagent.EVIDEONOTFOUND {
		t.Errorf("b deletes a's video: %v", err)
	}
	if l, _, _ := s.ListSessions(ctx, b.ID, videoagent.Page{Limit: 10}); len(l) != 0 {
		t.Errorf("b lists %d of a's sessions", len(l))
	}
	if l, _, _ := s.ListVideos(ctx, b.ID, "", videoagent.Page{Limit: 10}); len(l) != 0 {
		t.Errorf("b lists %d of a's videos", len(l))
	}
}

func testPagination(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	base := time.Now()
	var want []string
	for i := 0; i < 23; i++ {
		// Two sessions share each timestamp: the id breaks ties.
		se := newSession(a.ID, id(), base.Add(time.Duration(i/2)*time.Millisecond))
		v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoPending, CreatedAt: se.CreatedAt}
		if err := s.CreateSession(ctx, se, v, nil); err != nil {
			t.Fatal(err)
		}
		want = append(want, se.ID)
	}
	seen := map[string]bool{}
	var order []*videoagent.Session
	tok := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		l, next, err := s.ListSessions(ctx, a.ID, videoagent.Page{Limit: 5, Token: tok})
		if err != nil {
			t.Fatal(err)
		}
		for _, se := range l {
			if seen[se.ID] {
				t.Fatalf("session %s listed twice", se.ID)
			}
			seen[se.ID] = true
			order = append(order, se)
		}
		if next == "" {
			break
		}
		tok = next
	}
	if len(order) != len(want) {
		t.Fatalf("walked %d sessions, want %d", len(order), len(want))
	}
	for i := 1; i < len(order); i++ {
		p, c := order[i-1], order[i]
		if c.CreatedAt.After(p.CreatedAt) || (c.CreatedAt.Equal(p.CreatedAt) && c.ID > p.ID) {
			t.Fatalf("not newest first at %d", i)
		}
	}
	if _, _, err := s.ListSessions(ctx, a.ID, videoagent.Page{Limit: 5, Token: "garbage!"}); videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Fatalf("bad token: %v", err)
	}
	vl, next, err := s.ListVideos(ctx, a.ID, "", videoagent.Page{Limit: 20})
	if err != nil || len(vl) != 20 || next == "" {
		t.Fatalf("videos page: %d, %q, %v", len(vl), next, err)
	}
	vl, next, _ = s.ListVideos(ctx, a.ID, "", videoagent.Page{Limit: 20, Token: next})
	if len(vl) != 3 || next != "" {
		t.Fatalf("videos second page: %d, %q", len(vl), next)
	}
}

func testEnqueueRollback(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	se := newSession(a.ID, id(), time.Now())
	v := &videoagent.Video{ID: id(), AccountID: a.ID, SessionID: se.ID, Status: videoagent.VideoPending}
	err := s.CreateSession(ctx, se, v, func(videoagent.Tx) error { return fmt.Errorf("queue down") })
	if err == nil {
		t.Fatal("CreateSession succeeded though enqueue failed")
	}
	if _, err := s.Session(ctx, a.ID, se.ID); videoagent.ErrorCode(err) != videoagent.ENOTFOUND {
		t.Fatalf("session stored without its job: %v", err)
	}
	if _, err := s.Video(ctx, a.ID, v.ID); videoagent.ErrorCode(err) != videoagent.EVIDEONOTFOUND {
		t.Fatalf("video stored without its job: %v", err)
	}
}

func testMessages(t *testing.T, newStore Factory) {
	ctx := context.Background()
	s, id := newStore(t)
	a, _ := s.CreateAccount(ctx, "a")
	se := newSession(a.ID, id(), time.Now())
	if err := s.CreateSession(ctx, se, nil, nil); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 45; i++ {
		m := &videoagent.Message{SessionID: se.ID, Role: videoagent.RoleModel, Type: videoagent.MessageText, Content: fmt.Sprint(i)}
		if i == 44 {
			m.Type, m.ResourceIDs = videoagent.MessageResource, []string{"r1"}
		}
		if err := s.AddMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := s.Messages(ctx, se.ID, 40)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 40 || ms[0].Content != "44" || ms[39].Content != "5" {
		t.Fatalf("messages: %d, first %q, last %q; want 40 newest first", len(ms), ms[0].Content, ms[len(ms)-1].Content)
	}
	if len(ms[0].ResourceIDs) != 1 || ms[0].ResourceIDs[0] != "r1" || ms[1].ResourceIDs == nil {
		t.Fatalf("resource ids: %v / %v", ms[0].ResourceIDs, ms[1].ResourceIDs)
	}
}
