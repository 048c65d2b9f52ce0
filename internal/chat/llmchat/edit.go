package llmchat

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// edit is the model's answer: EditTool's arguments.
type edit struct {
	Reply   string    `json:"reply"`
	Approve bool      `json:"approve"`
	Ops     []chat.Op `json:"ops"`
}

// decodeEdit reads the model's answer, tolerating a Markdown fence or words around the
// JSON object.
func decodeEdit(raw string) (*edit, error) {
	s := strings.TrimSpace(raw)
	if i, j := strings.Index(s, "{"), strings.LastIndex(s, "}"); i >= 0 && j > i {
		s = s[i : j+1]
	}
	var e edit
	if err := json.Unmarshal([]byte(s), &e); err != nil {
		return nil, fmt.Errorf("its edit list is not JSON (%v)", err)
	}
	return &e, nil
}

// result checks the edits against the session and turns them into a chat.Result, as
// chat.Interpret would give: the replan first, without scene edits, approval only in
// review, the choice when an op picks an offered option.
func (e *edit) result(msg string, c chat.Context) (chat.Result, error) {
	state := c.State
	if state == "" {
		state = chat.StateReviewing
		if c.Storyboard == nil {
			state = chat.StateWaitingForInput
		}
	}
	var r chat.Result
	var replan []chat.Op
	note := ""
	for i, op := range e.Ops {
		op = trimOp(op)
		// Provenance: text the user wrote is theirs; anything else the model wrote.
		op.Source = ""
		if op.Text != "" && !verbatim(op.Text, msg) {
			op.Source = videoagent.SourceModel
		}
		if err := checkOp(op, c); err != nil {
			return chat.Result{}, fmt.Errorf("its edit ops[%d] (%s) is not possible: %v", i, op.Kind, err)
		}
		if op.Kind == chat.OpReplan {
			replan = append(replan, op)
			continue
		}
		r.Ops = append(r.Ops, op)
	}
	if len(replan) > 1 {
		return chat.Result{}, errors.New("its edits rewrite the script more than once")
	}
	if len(replan) == 1 {
		kept := []chat.Op{replan[0]}
		for _, op := range r.Ops {
			if sceneOp(op.Kind) {
				note = " I'll rewrite the script first, so I've left the scene edits for now — tell me about them when you see the new storyboard."
				continue
			}
			kept = append(kept, op)
		}
		r.Ops = kept
	}
	if sb := c.Storyboard; sb != nil && len(r.Ops) > 0 {
		if _, _, err := chat.Apply(sb, r.Ops); err != nil {
			return chat.Result{}, fmt.Errorf("its edits do not apply (%s)", videoagent.ErrorMessage(err))
		}
	}
	if state == chat.StateWaitingForInput {
		for _, op := range r.Ops {
			for _, o := range c.Options {
				if id := op.AvatarID + op.VoiceID + op.StyleID; id != "" && id == o.ID {
					r.Choice = o.ID
				}
			}
		}
	}
	r.Approve = e.Approve && state == chat.StateReviewing
	r.FollowUp = len(r.Ops) > 0 && state == chat.StateCompleted
	r.Reply = strings.TrimSpace(e.Reply)
	if r.Reply == "" {
		if len(r.Ops) == 0 && !r.Approve {
			return chat.Result{}, errors.New("it answered with neither edits nor a reply")
		}
		r.Reply = "Done — I've updated the storyboard."
	}
	r.Reply += note
	r.Understood = true
	return r, nil
}

// trimOp trims an op's texts and ids.
func trimOp(op chat.Op) chat.Op {
	op.Where = chat.Where(strings.TrimSpace(string(op.Where)))
	for _, p := range []*string{&op.SceneID, &op.OtherID, &op.Anchor, &op.Text, &op.Old, &op.URL, &op.Topic,
		&op.AssetID, &op.AssetKind, &op.AvatarID, &op.VoiceID, &op.StyleID, &op.AspectRatio, &op.Tone, &op.Language, &op.Prompt} {
		*p = strings.TrimSpace(*p)
	}
	return op
}

// sceneOp reports whether an op addresses scenes of the current storyboard.
func sceneOp(k chat.OpKind) bool {
	switch k {
	case chat.OpSetNarration, chat.OpAddLine, chat.OpSetSceneTitle, chat.OpAddScene, chat.OpRemoveScene, chat.OpMoveScene,
		chat.OpSwapScenes, chat.OpSetMedia, chat.OpReplaceText:
		return true
	}
	return false
}

// verbatim reports whether text is the user's own words: it occurs in the message, case,
// spacing and end punctuation aside.
func verbatim(text, msg string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(strings.Trim(s, " .!?\"'“”")), " "))
	}
	t := norm(text)
	return t != "" && strings.Contains(norm(msg), t)
}
