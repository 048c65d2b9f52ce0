package llmchat

import (
	"errors"
	"fmt"
	"slices"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/chat"
)

// checkOp checks one op of the model against the session: a known kind, the fields that
// kind needs, scene ids of the storyboard, ids of the catalogue and of the attachments.
func checkOp(op chat.Op, c chat.Context) error {
	if !slices.Contains(opKinds, op.Kind) {
		return fmt.Errorf("unknown edit %q", op.Kind)
	}
	if sceneOp(op.Kind) && c.Storyboard == nil {
		return errors.New("there is no storyboard yet")
	}
	need := func(ok bool, what string) error {
		if !ok {
			return errors.New(what)
		}
		return nil
	}
	switch op.Kind {
	case chat.OpSetNarration, chat.OpAddLine, chat.OpSetSceneTitle:
		return errors.Join(scene(c, op.SceneID), need(op.Text != "", "the text is empty"))
	case chat.OpReplaceText:
		err := need(op.Old != "", "the text to replace is empty")
		if op.SceneID != "" {
			err = errors.Join(err, scene(c, op.SceneID))
		}
		return err
	case chat.OpAddScene:
		err := errors.Join(place(c, op), need(op.Text != "" || op.Topic != "", "the new scene has neither narration nor a topic"))
		if op.AssetID != "" {
			err = errors.Join(err, attachment(c, op.AssetID, videoagent.MaterialImage, videoagent.MaterialVideo))
		}
		return err
	case chat.OpRemoveScene:
		return scene(c, op.SceneID)
	case chat.OpMoveScene:
		return errors.Join(scene(c, op.SceneID), place(c, op))
	case chat.OpSwapScenes:
		return errors.Join(scene(c, op.SceneID), scene(c, op.OtherID))
	case chat.OpSetMedia:
		return errors.Join(scene(c, op.SceneID), attachment(c, op.AssetID, videoagent.MaterialImage, videoagent.MaterialVideo))
	case chat.OpSetMusic:
		if op.AssetID == "" {
			return nil
		}
		return attachment(c, op.AssetID, videoagent.MaterialAudio)
	case chat.OpSetLogo:
		return attachment(c, op.AssetID, videoagent.MaterialImage)
	case chat.OpSetAvatar:
		return need(slices.ContainsFunc(c.Looks, func(l videoagent.Look) bool { return l.ID == op.AvatarID }), fmt.Sprintf("%q is not a look of the catalogue", op.AvatarID))
	case chat.OpSetVoice:
		return need(slices.ContainsFunc(c.Voices, func(v videoagent.Voice) bool { return v.ID == op.VoiceID }), fmt.Sprintf("%q is not a voice of the catalogue", op.VoiceID))
	case chat.OpSetStyle:
		return need(slices.ContainsFunc(c.Styles, func(s chat.Style) bool { return s.ID == op.StyleID }), fmt.Sprintf("%q is not a style of the catalogue", op.StyleID))
	case chat.OpSetAspect:
		return need(slices.Contains([]string{"16:9", "9:16", "1:1", "4:5", "5:4"}, op.AspectRatio), fmt.Sprintf("aspect ratio %q is not supported", op.AspectRatio))
	case chat.OpSetTitle:
		return need(op.Text != "", "the title is empty")
	case chat.OpSetCTA:
		return need(op.Text != "" || op.URL != "", "the call to action has neither a line nor a link")
	case chat.OpReplan:
		dur := op.DurationSec == 0 || (op.DurationSec >= 5 && op.DurationSec <= 1800)
		tone := op.Tone == "" || slices.Contains(tones, op.Tone)
		return errors.Join(need(dur, "the length must be 5 to 1800 seconds"), need(tone, fmt.Sprintf("unknown tone %q", op.Tone)),
			need(op.DurationSec > 0 || op.Tone != "" || op.Language != "", "the rewrite changes nothing"))
	}
	return nil
}

// scene checks that id is a scene of the storyboard.
func scene(c chat.Context, id string) error {
	if c.Storyboard != nil {
		for _, sc := range c.Storyboard.Scenes {
			if sc.ID == id {
				return nil
			}
		}
	}
	return fmt.Errorf("there is no scene %q", id)
}

// place checks where a scene goes.
func place(c chat.Context, op chat.Op) error {
	switch op.Where {
	case chat.WhereStart, chat.WhereEnd, "":
		return nil
	case chat.WhereBefore, chat.WhereAfter:
		return scene(c, op.Anchor)
	}
	return fmt.Errorf("unknown place %q", op.Where)
}

// attachment checks that id is a file attached to the message, of one of kinds.
func attachment(c chat.Context, id string, kinds ...string) error {
	for _, a := range c.Attachments {
		if a.AssetID == id {
			if slices.Contains(kinds, a.Kind) {
				return nil
			}
			return fmt.Errorf("attachment %q is a %s file", id, a.Kind)
		}
	}
	return fmt.Errorf("%q is not a file attached to the message", id)
}
