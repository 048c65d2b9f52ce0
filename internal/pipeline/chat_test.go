package pipeline_test

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/avatar"
	"github.com/openvideoagent/videoagent/internal/blob"
	"github.com/openvideoagent/videoagent/internal/chat"
	"github.com/openvideoagent/videoagent/internal/pipeline"
	"github.com/openvideoagent/videoagent/internal/sqlite"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
	"github.com/openvideoagent/videoagent/speech/flite"
)

// chatRig is a Conversation on a real SQLite store, the offline planner, the built-in
// cast and voices; renders are only queued (recorded), never run.
type chatRig struct {
	t        *testing.T
	conv     *pipeline.Conversation
	store    *sqlite.Store
	account  string
	rendered []string
}

func newChatRig(t *testing.T) *chatRig {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "chat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := sqlite.NewStore(db)
	acct, err := store.CreateAccount(ctx, "chat")
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	voices, err := speech.NewCatalog(espeak.Voices()...)
	if err != nil {
		t.Fatal(err)
	}
	if err := voices.Add(flite.Voices()...); err != nil {
		t.Fatal(err)
	}
	voices.Prefer(espeak.DefaultVoiceFor)
	r := &chatRig{t: t, store: store, account: acct.ID}
	cast := avatar.New()
	r.conv = &pipeline.Conversation{
		P: &pipeline.Pipeline{Store: store, Blobs: blobs, Planner: agent.NewPlanner(agent.Options{}), Voices: voices,
			Presenters: cast, DefaultLookID: avatar.DefaultLookID(), WorkDir: t.TempDir()},
		Renders: renderRecorder{r},
	}
	return r
}

// renderRecorder records the videos whose renders a conversation enqueues.
type renderRecorder struct{ r *chatRig }

func (rr renderRecorder) EnqueueRender(_ context.Context, _ videoagent.Tx, id string) error {
	rr.r.rendered = append(rr.r.rendered, id)
	return nil
}

// create makes a chat session for brief and runs its first turn.
func (r *chatRig) create(brief videoagent.Brief) string {
	r.t.Helper()
	ctx := context.Background()
	brief.Mode = videoagent.ModeChat
	se := &videoagent.Session{ID: videoagent.NewID(), AccountID: r.account, Mode: videoagent.ModeChat, Status: videoagent.SessionThinking, Brief: brief}
	if err := r.store.CreateSession(ctx, se, nil, nil); err != nil {
		r.t.Fatal(err)
	}
	if err := r.store.AddMessage(ctx, &videoagent.Message{SessionID: se.ID, Role: videoagent.RoleUser, Type: videoagent.MessageText, Content: brief.Prompt}); err != nil {
		r.t.Fatal(err)
	}
	if err := r.conv.Turn(ctx, pipeline.TurnInput{SessionID: se.ID}); err != nil {
		r.t.Fatal(err)
	}
	return se.ID
}

// send posts a user message, runs its turn, and returns the answer: the newest message,
// which must be the model's, and the session.
func (r *chatRig) send(sid, text string) (*videoagent.Message, *videoagent.Session) {
	r.t.Helper()
	ctx := context.Background()
	m := &videoagent.Message{ID: videoagent.NewID(), SessionID: sid, Role: videoagent.RoleUser, Type: videoagent.MessageText, Content: text}
	if err := r.store.PostMessage(ctx, m, nil); err != nil {
		r.t.Fatal(err)
	}
	if err := r.conv.Turn(ctx, pipeline.TurnInput{SessionID: sid, MessageID: m.ID}); err != nil {
		r.t.Fatal(err)
	}
	return r.answer(sid)
}

// answer returns the newest message (a model's) and the session.
func (r *chatRig) answer(sid string) (*videoagent.Message, *videoagent.Session) {
	r.t.Helper()
	ctx := context.Background()
	msgs, err := r.store.Messages(ctx, sid, 1)
	if err != nil {
		r.t.Fatal(err)
	}
	if len(msgs) == 0 || msgs[0].Role != videoagent.RoleModel {
		r.t.Fatalf("the turn left no answer: %+v", msgs)
	}
	se, err := r.store.SessionByID(ctx, sid)
	if err != nil {
		r.t.Fatal(err)
	}
	return msgs[0], se
}

func (r *chatRig) storyboard(se *videoagent.Session) *videoagent.Storyboard {
	r.t.Helper()
	var sb videoagent.Storyboard
	if err := json.Unmarshal(se.Storyboard, &sb); err != nil {
		r.t.Fatal(err)
	}
	return &sb
}

// estimate is how long sb runs read by its voice, at the shipped rate.
func (r *chatRig) estimate(sb *videoagent.Storyboard) float64 {
	v, err := r.conv.P.Voices.Voice(sb.VoiceID)
	if err != nil {
		r.t.Fatal(err)
	}
	rate, _ := agent.ShippedRate(v)
	return chat.Estimate(sb, rate)
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func script(sb *videoagent.Storyboard) string {
	var s []string
	for _, sc := range sb.Scenes {
		s = append(s, sc.Narration)
	}
	return strings.Join(s, " ")
}

var rePromise = regexp.MustCompile(`about (\d+) seconds instead of (\d+)`)

// "Make it shorter" promises a length, and the new storyboard has it; so does an exact
// length; every answer comes after the session has its new status.
func TestConversationLength(t *testing.T) {
	r := newChatRig(t)
	sid := r.create(videoagent.Brief{AvatarID: "ava-business",
		Prompt: "A 40-second explainer about recycling aluminium cans: people collect the cans, a plant shreds and melts them, and the metal is rolled into sheets for new cans within 60 days."})
	m, se := r.answer(sid)
	if se.Status != videoagent.SessionReviewing || m.Type != videoagent.MessageResource {
		t.Fatalf("first turn: %s %q", se.Status, m.Content)
	}
	before := r.storyboard(se)

	m, se = r.send(sid, "make it shorter")
	p := rePromise.FindStringSubmatch(m.Content)
	if p == nil || se.Status != videoagent.SessionReviewing {
		t.Fatalf("shorter: %s %q", se.Status, m.Content)
	}
	promised, _ := strconv.Atoi(p[1])
	after := r.storyboard(se)
	est := r.estimate(after)
	if string(se.Storyboard) == string(mustJSON(t, before)) || math.Abs(est-float64(promised)) > float64(promised)*0.15 {
		t.Errorf("promised %d s, the storyboard runs %.1f s (before %.1f s): %q", promised, est, r.estimate(before), m.Content)
	}
	if se.Brief.DurationSec != promised {
		t.Errorf("brief length %d, promised %d", se.Brief.DurationSec, promised)
	}
	if !strings.Contains(m.Content, "about "+strconv.Itoa(int(math.Round(est)))+" seconds") {
		t.Errorf("the storyboard message does not say its length (%.1f s): %q", est, m.Content)
	}

	m, se = r.send(sid, "make it 12 seconds")
	if est := r.estimate(r.storyboard(se)); est > 12*1.1 || est < 12*0.75 {
		t.Errorf("12 seconds: %.1f s: %q", est, m.Content)
	}

	// An approval with an edit renders; the answer says so, not "looks good".
	m, se = r.send(sid, "use Marcus and go ahead")
	if se.Status != videoagent.SessionGenerating || len(r.rendered) != 1 || strings.Contains(m.Content, "looks good") || !strings.Contains(m.Content, "Rendering") {
		t.Errorf("approve with an edit: %s, %d renders, %q", se.Status, len(r.rendered), m.Content)
	}
}

// A length in the prompt's opening survives: "a 10-second hello from a bakery" is about
// ten seconds and about the bakery.
func TestConversationPromptLength(t *testing.T) {
	r := newChatRig(t)
	sid := r.create(videoagent.Brief{AvatarID: "ava-business", Prompt: "a 10-second hello from a bakery"})
	_, se := r.answer(sid)
	sb := r.storyboard(se)
	if se.Brief.DurationSec != 10 {
		t.Errorf("brief length %d", se.Brief.DurationSec)
	}
	if est := r.estimate(sb); est > 11 || est < 5 {
		t.Errorf("%d scenes, %.1f s", len(sb.Scenes), est)
	}
	if !strings.Contains(strings.ToLower(sb.Title+" "+script(sb)), "bakery") {
		t.Errorf("the bakery is lost: %q %q", sb.Title, script(sb))
	}
}

// A prompt that promises facts it does not give gets a question first; the answer goes
// into the brief as facts, "skip" plans without, and the presenter question follows when
// no presenter was given.
func TestConversationMissingFacts(t *testing.T) {
	r := newChatRig(t)
	r.conv.MissingFacts = func(b videoagent.Brief) string {
		if strings.Contains(b.Prompt, "four steps") && !strings.Contains(b.Prompt, "1.") {
			return "What are the four steps?"
		}
		return ""
	}
	prompt := "A 30-second guide to the four steps of joining our gym."
	sid := r.create(videoagent.Brief{AvatarID: "ava-business", Prompt: prompt})
	m, se := r.answer(sid)
	if se.Status != videoagent.SessionWaitingForInput || !strings.Contains(m.Content, "What are the four steps?") || len(se.Storyboard) > 0 {
		t.Fatalf("question: %s %q", se.Status, m.Content)
	}
	steps := "1. Book a tour. 2. Pick a plan. 3. Meet your coach. 4. Start training."
	m, se = r.send(sid, steps)
	if se.Status != videoagent.SessionReviewing || len(se.Storyboard) == 0 || !strings.Contains(se.Brief.Prompt, steps) || !strings.HasPrefix(se.Brief.Prompt, prompt) {
		t.Fatalf("answer: %s %q, brief %q", se.Status, m.Content, se.Brief.Prompt)
	}

	sid = r.create(videoagent.Brief{AvatarID: "ava-business", Prompt: prompt})
	m, se = r.send(sid, "skip")
	if se.Status != videoagent.SessionReviewing || se.Brief.Prompt != prompt || !strings.Contains(m.Content, "without") {
		t.Fatalf("skip: %s %q, brief %q", se.Status, m.Content, se.Brief.Prompt)
	}

	sid = r.create(videoagent.Brief{Prompt: prompt})
	m, se = r.send(sid, steps)
	st, err := r.store.ChatState(context.Background(), sid)
	if err != nil {
		t.Fatal(err)
	}
	if se.Status != videoagent.SessionWaitingForInput || !strings.Contains(m.Content, "Who should present") || len(st.Options) < 2 {
		t.Fatalf("presenter after facts: %s %q", se.Status, m.Content)
	}
	m, se = r.send(sid, "1")
	if se.Status != videoagent.SessionReviewing || !strings.Contains(se.Brief.Prompt, steps) {
		t.Fatalf("after the presenter: %s %q", se.Status, m.Content)
	}
}

// "Mention that ..." puts the facts in the script, in the user's words, and in the brief.
func TestConversationMention(t *testing.T) {
	r := newChatRig(t)
	sid := r.create(videoagent.Brief{AvatarID: "ava-business", Prompt: "A 30-second invitation to our privacy workshop for small businesses."})
	m, se := r.send(sid, "Mention that it's a webinar, free to join, and that registration is at privacy.example.com")
	sb := r.storyboard(se)
	if se.Status != videoagent.SessionReviewing || strings.Contains(m.Content, "Sorry") {
		t.Fatalf("%s %q", se.Status, m.Content)
	}
	for _, fact := range []string{"it's a webinar", "free to join", "registration is at privacy.example.com"} {
		if !strings.Contains(strings.ToLower(script(sb)), fact) {
			t.Errorf("the script lacks %q: %s", fact, script(sb))
		}
	}
	if !strings.Contains(se.Brief.Prompt, "registration is at privacy.example.com") {
		t.Errorf("the brief lacks the facts: %q", se.Brief.Prompt)
	}
}

// What is said while the presenter question is open, before the choice, is kept for the
// plan, as the reply promises.
func TestConversationKeepsWhatWasSaidBeforeTheChoice(t *testing.T) {
	r := newChatRig(t)
	sid := r.create(videoagent.Brief{Prompt: "A welcome video for our open day at the community garden."})
	m, se := r.answer(sid)
	if se.Status != videoagent.SessionWaitingForInput {
		t.Fatalf("first turn: %s %q", se.Status, m.Content)
	}
	m, se = r.send(sid, "make it 15 seconds, and mention that parking is free")
	if se.Status != videoagent.SessionWaitingForInput || !strings.Contains(m.Content, "Noted") || !strings.Contains(m.Content, "1.") {
		t.Fatalf("before the choice: %s %q", se.Status, m.Content)
	}
	m, se = r.send(sid, "the first one")
	if se.Status != videoagent.SessionReviewing || se.Brief.DurationSec != 15 || !strings.Contains(se.Brief.Prompt, "Parking is free.") {
		t.Fatalf("after the choice: %s %q, brief %+v", se.Status, m.Content, se.Brief)
	}
	if est := r.estimate(r.storyboard(se)); est > 15*1.1 {
		t.Errorf("15 seconds asked, %.1f s planned", est)
	}
}
