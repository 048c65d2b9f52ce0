package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	videoagent "github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// factsQuestion reports whether the open question asks for missing facts.
func factsQuestion(st videoagent.ChatState) bool {
	return len(st.Options) == 1 && chat.OptionKind(st.Options[0].Kind) == chat.OptionFacts
}

// start answers the prompt: it asks for the facts the prompt promises but does not give,
// and who should present when nothing in the request says; then it writes the storyboard
// for review. A length the prompt's opening states ("a 10-second hello") becomes the
// brief's length.
func (c *Conversation) start(ctx context.Context, se *videoagent.Session) error {
	brief, err := c.P.prepare(ctx, se)
	if err != nil {
		return c.failed(ctx, se, err)
	}
	if brief.DurationSec == 0 {
		brief.DurationSec = chat.PromptLength(brief.Prompt)
	}
	missing := c.MissingFacts
	if missing == nil {
		missing = agent.MissingFacts
	}
	if q := missing(brief); q != "" {
		return c.askFacts(ctx, se, brief, q)
	}
	return c.proceed(ctx, se, brief, "")
}

// proceed asks who should present when nothing says, else writes the storyboard; note
// opens the message it posts.
func (c *Conversation) proceed(ctx context.Context, se *videoagent.Session, brief videoagent.Brief, note string) error {
	if brief.AvatarID == "" && brief.VoiceID == "" && !c.namesALook(brief.Prompt) {
		return c.askPresenter(ctx, se, brief, note)
	}
	return c.draft(ctx, se, brief, note)
}

// failed ends the session when err is a failure the user must fix (with a message that
// says why) and returns nil; other errors are returned for the turn to be tried again.
func (c *Conversation) failed(ctx context.Context, se *videoagent.Session, err error) error {
	var f *videoagent.Failure
	if errors.As(err, &f) {
		c.failSession(ctx, se.ID, f.Message)
		return nil
	}
	return err
}

// withMaterials completes a brief read back from the session (which keeps neither the
// account's memory nor the files' contents) for planning, without announcing the files
// again.
func (c *Conversation) withMaterials(ctx context.Context, se *videoagent.Session, b videoagent.Brief) (videoagent.Brief, error) {
	return c.P.complete(ctx, se.AccountID, b)
}

// askFacts asks for the facts the prompt promises but does not give, and waits for them.
func (c *Conversation) askFacts(ctx context.Context, se *videoagent.Session, brief videoagent.Brief, question string) error {
	p := c.P
	st := videoagent.ChatState{Options: []videoagent.ChatOption{{ID: factsOptionID, Name: question, Kind: string(chat.OptionFacts)}}}
	if err := p.Store.SetChatState(ctx, se.ID, st); err != nil {
		return err
	}
	status := videoagent.SessionWaitingForInput
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief, Status: &status, Progress: videoagent.Ptr(progressAsking)}); err != nil {
		return err
	}
	c.say(ctx, se.ID, videoagent.MessageText, question+"\n(Or say \"skip\" and I'll write it without them.)", nil)
	return nil
}

// namesALook reports whether the prompt names a presenter of the cast ("with Marcus").
func (c *Conversation) namesALook(prompt string) bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(prompt), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
		words[w] = true
	}
	for _, l := range c.P.Presenters.Looks() {
		name := strings.ToLower(strings.Fields(l.Name + " x")[0])
		if words[name] {
			return true
		}
	}
	return false
}

// askPresenter offers four presenters, one per person, each a resource with a preview
// picture, and waits for the user's choice; note opens the question.
func (c *Conversation) askPresenter(ctx context.Context, se *videoagent.Session, brief videoagent.Brief, note string) error {
	p := c.P
	seen := map[string]bool{}
	var looks []videoagent.Look
	for _, l := range p.Presenters.Looks() {
		if !seen[l.GroupID] && len(looks) < 4 {
			seen[l.GroupID] = true
			looks = append(looks, l)
		}
	}
	var st videoagent.ChatState
	var ids []string
	var lines []string
	for i, l := range looks {
		key, err := c.lookPreview(ctx, l.ID)
		if err != nil {
			p.log().Warn("option preview", "look", l.ID, "err", err)
		}
		desc := l.Gender + " presenter"
		if len(l.Tags) > 0 {
			desc = strings.Join(l.Tags, ", ") + ", " + desc
		}
		md, _ := json.Marshal(map[string]any{"avatar_id": l.ID, "name": l.Name, "gender": l.Gender, "default_voice_id": l.DefaultVoiceID})
		res := &videoagent.Resource{SessionID: se.ID, ResourceType: "avatar", SourceType: "catalog", BlobKey: key, Metadata: md}
		if err := p.Store.CreateResource(ctx, res); err != nil {
			return err
		}
		ids = append(ids, res.ID)
		st.Options = append(st.Options, videoagent.ChatOption{ID: l.ID, Name: l.Name, Kind: string(chat.OptionAvatar), Description: desc, ResourceID: res.ID})
		lines = append(lines, fmt.Sprintf("%d. %s (%s)", i+1, l.Name, desc))
	}
	if err := p.Store.SetChatState(ctx, se.ID, st); err != nil {
		return err
	}
	status := videoagent.SessionWaitingForInput
	if err := p.Store.UpdateSession(ctx, se.ID, videoagent.SessionUpdate{Brief: &brief, Status: &status, Progress: videoagent.Ptr(progressAsking)}); err != nil {
		return err
	}
	text := "Who should present this video?\n" + strings.Join(lines, "\n") + "\nReply with a number or a name, or say \"you choose\"."
	if note != "" {
		text = note + "\n" + text
	}
	c.say(ctx, se.ID, videoagent.MessageText, text, ids)
	return nil
}

var previewMu sync.Mutex

// lookPreview stores (once) a PNG of a look at rest and returns its blob key.
func (c *Conversation) lookPreview(ctx context.Context, lookID string) (string, error) {
	key := "previews/options/" + lookID + ".png"
	previewMu.Lock()
	defer previewMu.Unlock()
	if b, err := c.P.Blobs.Open(ctx, key); err == nil {
		b.Close()
		return key, nil
	}
	size := image.Pt(384, 512)
	tr, err := c.P.Presenters.Track(ctx, videoagent.PresenterRequest{LookID: lookID, Framing: videoagent.FramingWaistUp, Size: size, FPS: 25, Frames: 1})
	if err != nil {
		return "", err
	}
	img := image.NewRGBA(image.Rectangle{Max: size})
	for _, l := range tr.Frame(0) {
		draw.Draw(img, l.Image.Bounds().Add(l.At), l.Image, l.Image.Bounds().Min, draw.Over)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", err
	}
	return key, c.P.Blobs.Put(ctx, key, &buf)
}
