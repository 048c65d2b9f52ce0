package chat

import (
	"fmt"
	"strings"

	"github.com/openvideoagent/videoagent"
)

func (a *applier) apply(op Op) error {
	sb := a.sb
	switch op.Kind {
	case OpReplan:
		return nil
	case OpSetAvatar:
		sb.AvatarID = op.AvatarID
	case OpSetVoice:
		sb.VoiceID = op.VoiceID
	case OpSetStyle:
		sb.StyleID = op.StyleID
	case OpSetAspect:
		if _, _, err := videoagent.FrameSize(op.AspectRatio, sb.Resolution); err != nil {
			return fmt.Errorf("aspect ratio %q is not supported", op.AspectRatio)
		}
		sb.AspectRatio = op.AspectRatio
	case OpSetCaptions:
		sb.Captions = op.On
	case OpSetMusic:
		sb.MusicAssetID = op.AssetID
	case OpSetLogo:
		if sb.Brand == nil {
			sb.Brand = &videoagent.Brand{}
		}
		sb.Brand.LogoAssetID = op.AssetID
	case OpSetTitle:
		t := strings.TrimSpace(op.Text)
		if t == "" {
			return fmt.Errorf("the new title is empty")
		}
		old := sb.Title
		sb.Title = t
		for i := range sb.Scenes {
			if v := &sb.Scenes[i].Visual; v.Title == old && (v.Kind == videoagent.VisualTitle || sb.Scenes[i].Layout == videoagent.LayoutTitle) {
				v.Title = t
			}
		}
	case OpSetCTA:
		a.setCTA(op)
	case OpSetNarration:
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		sc := &sb.Scenes[i]
		sc.Narration = strings.TrimSpace(op.Text)
		sc.Provenance = append(dropProvenance(sc.Provenance, provNarration), sourced(op, provNarration, sc.Narration))
	case OpAddLine:
		if op.SceneID == "" {
			return nil // for the brief (ReviseBrief)
		}
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		line := sentence(op.Text)
		if line == "" {
			return fmt.Errorf("the line to add is empty")
		}
		sc := &sb.Scenes[i]
		sc.Narration = strings.TrimSpace(strings.TrimSpace(sc.Narration) + " " + line)
		sc.Provenance = append(sc.Provenance, sourced(op, provNarration, line))
	case OpSetSceneTitle:
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		v := &sb.Scenes[i].Visual
		v.Title = strings.TrimSpace(op.Text)
		if v.Kind == "" || v.Kind == videoagent.VisualNone {
			v.Kind = videoagent.VisualTitle
		}
	case OpReplaceText:
		n := 0
		if op.SceneID == "" {
			var k int
			sb.Title, k = replaceFold(sb.Title, op.Old, op.Text)
			n += k
			for i := range sb.Scenes {
				n += replaceInScene(&sb.Scenes[i], op.Old, op.Text)
			}
		} else {
			i, err := a.index(op.SceneID)
			if err != nil {
				return err
			}
			n += replaceInScene(&sb.Scenes[i], op.Old, op.Text)
		}
		if n == 0 {
			return fmt.Errorf("%q was not found", op.Old)
		}
	case OpAddScene:
		return a.addScene(op)
	case OpRemoveScene:
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		if len(sb.Scenes) == 1 {
			return fmt.Errorf("cannot remove the only scene")
		}
		sb.Scenes = append(sb.Scenes[:i], sb.Scenes[i+1:]...)
	case OpMoveScene:
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		sc := sb.Scenes[i]
		rest := append(append([]videoagent.Scene(nil), sb.Scenes[:i]...), sb.Scenes[i+1:]...)
		at, err := a.position(rest, op)
		if err != nil {
			return err
		}
		sb.Scenes = append(rest[:at], append([]videoagent.Scene{sc}, rest[at:]...)...)
	case OpSwapScenes:
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		j, err := a.index(op.OtherID)
		if err != nil {
			return err
		}
		sb.Scenes[i], sb.Scenes[j] = sb.Scenes[j], sb.Scenes[i]
	case OpSetMedia:
		i, err := a.index(op.SceneID)
		if err != nil {
			return err
		}
		setMedia(&sb.Scenes[i], op.AssetID, op.AssetKind)
	default:
		return fmt.Errorf("unknown op %q", op.Kind)
	}
	return nil
}

// position is where op puts a scene among scenes.
func (a *applier) position(scenes []videoagent.Scene, op Op) (int, error) {
	switch op.Where {
	case WhereStart:
		return 0, nil
	case WhereEnd, "":
		return len(scenes), nil
	}
	for k, sc := range scenes {
		if sc.ID == op.Anchor {
			if op.Where == WhereAfter {
				return k + 1, nil
			}
			return k, nil
		}
	}
	return 0, fmt.Errorf("there is no scene %q", op.Anchor)
}

// draftLine is the narration of a scene Apply adds about a topic, by language.
var draftLine = map[string]string{
	"en": "Now, let's talk about %s.",
	"es": "Ahora hablemos de %s.",
	"de": "Kommen wir jetzt zu %s.",
	"fr": "Parlons maintenant de %s.",
}

func (a *applier) addScene(op Op) error {
	sb := a.sb
	at, err := a.position(sb.Scenes, op)
	if err != nil {
		return err
	}
	sc := videoagent.Scene{ID: a.newID(), Transition: videoagent.TransitionCut, Narration: strings.TrimSpace(op.Text)}
	if op.Topic != "" {
		sc.Visual = videoagent.Visual{Kind: videoagent.VisualTitle, Title: capitalize(strings.TrimSpace(op.Topic))}
	} else {
		sc.Visual = videoagent.Visual{Kind: videoagent.VisualNone}
	}
	if sc.Narration != "" {
		sc.Provenance = []videoagent.Provenance{sourced(op, provNarration, sc.Narration)}
	}
	if sc.Narration == "" && op.Topic != "" {
		line, ok := draftLine[baseLang(sb.Language)]
		if !ok {
			line = draftLine["en"]
		}
		sc.Narration = fmt.Sprintf(line, strings.TrimSpace(op.Topic))
		a.drafted = append(a.drafted, sc.ID)
	}
	// Alternate the presenter's side with the scene before, as the planner does.
	sc.Layout = videoagent.LayoutPresenterLeft
	if at > 0 && sb.Scenes[at-1].Layout == videoagent.LayoutPresenterLeft {
		sc.Layout = videoagent.LayoutPresenterRight
	}
	if sc.Visual.Kind == videoagent.VisualNone {
		sc.Layout = videoagent.LayoutPresenter
	}
	if op.AssetID != "" {
		setMedia(&sc, op.AssetID, op.AssetKind)
	}
	sb.Scenes = append(sb.Scenes[:at], append([]videoagent.Scene{sc}, sb.Scenes[at:]...)...)
	return nil
}

// setMedia shows an image or video asset on a scene, keeping its slide title.
func setMedia(sc *videoagent.Scene, assetID, kind string) {
	v := &sc.Visual
	k := videoagent.VisualImage
	if kind == videoagent.MaterialVideo {
		k = videoagent.VisualVideo
	}
	if v.Kind != k {
		*v = videoagent.Visual{Kind: k, Title: v.Title}
	}
	v.AssetID = assetID
	switch sc.Layout {
	case videoagent.LayoutPresenter:
		sc.Layout = videoagent.LayoutPresenterLeft
	case videoagent.LayoutTitle:
		sc.Layout = videoagent.LayoutSlideBubble
	}
}
