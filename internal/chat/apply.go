package chat

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// Apply applies the direct edits among ops to a deep copy of sb and returns it with what
// changed. sb is not modified. OpReplan is skipped: it is for the integrator (see
// ReviseBrief). Ops are applied in order; an op that names a scene that is not there (or
// a text that is not found) fails the whole call, and so does a result that does not
// pass Storyboard.Validate.
//
// Scenes that no op touches keep their id and stay byte-identical (as JSON), so that a
// renderer that caches segments by scene content re-renders only Changes.Changed and
// Changes.Added — unless Changes.Global lists a storyboard field that affects every scene.
// New scenes get ids that were never used in sb ("s7" after "s6").
func Apply(sb *videoagent.Storyboard, ops []Op) (*videoagent.Storyboard, Changes, error) {
	if sb == nil {
		return nil, Changes{}, videoagent.Invalid("storyboard", "there is no storyboard to edit yet")
	}
	out := clone(sb)
	before := map[string]string{}
	var order []string
	for _, sc := range sb.Scenes {
		before[sc.ID] = sceneJSON(sc)
		order = append(order, sc.ID)
	}
	a := applier{sb: out, used: map[string]bool{}}
	for id := range before {
		a.used[id] = true
	}
	for i, op := range ops {
		if err := a.apply(op); err != nil {
			return nil, Changes{}, videoagent.Invalid(fmt.Sprintf("ops[%d]", i), "%s", err.Error())
		}
	}
	if err := out.Validate(); err != nil {
		return nil, Changes{}, err
	}

	var ch Changes
	var survivors []string
	after := map[string]bool{}
	for _, sc := range out.Scenes {
		after[sc.ID] = true
		old, ok := before[sc.ID]
		switch {
		case !ok:
			ch.Added = append(ch.Added, sc.ID)
		case old != sceneJSON(sc):
			ch.Changed = append(ch.Changed, sc.ID)
			survivors = append(survivors, sc.ID)
		default:
			survivors = append(survivors, sc.ID)
		}
	}
	var kept []string
	for _, id := range order {
		if !after[id] {
			ch.Removed = append(ch.Removed, id)
		} else {
			kept = append(kept, id)
		}
	}
	for i := range kept {
		if kept[i] != survivors[i] {
			ch.Reordered = true
			break
		}
	}
	for _, id := range a.drafted {
		if after[id] {
			ch.Drafted = append(ch.Drafted, id)
		}
	}
	for _, f := range []struct {
		name GlobalField
		diff bool
	}{
		{GlobalAvatar, sb.AvatarID != out.AvatarID},
		{GlobalVoice, sb.VoiceID != out.VoiceID},
		{GlobalStyle, sb.StyleID != out.StyleID},
		{GlobalAspectRatio, sb.AspectRatio != out.AspectRatio},
		{GlobalCaptions, sb.Captions != out.Captions},
		{GlobalTitle, sb.Title != out.Title},
		{GlobalMusic, sb.MusicAssetID != out.MusicAssetID},
		{GlobalBrand, brandJSON(sb.Brand) != brandJSON(out.Brand)},
	} {
		if f.diff {
			ch.Global = append(ch.Global, f.name)
		}
	}
	return out, ch, nil
}

func sceneJSON(sc videoagent.Scene) string {
	b, _ := json.Marshal(sc)
	return string(b)
}

func brandJSON(b *videoagent.Brand) string {
	j, _ := json.Marshal(b)
	return string(j)
}

// clone deep-copies a storyboard.
func clone(sb *videoagent.Storyboard) *videoagent.Storyboard {
	out := *sb
	out.Scenes = make([]videoagent.Scene, len(sb.Scenes))
	for i, sc := range sb.Scenes {
		out.Scenes[i] = cloneScene(sc)
	}
	if sb.Brand != nil {
		b := *sb.Brand
		out.Brand = &b
	}
	return &out
}

func cloneScene(sc videoagent.Scene) videoagent.Scene {
	if sc.Visual.Bullets != nil {
		sc.Visual.Bullets = append([]string(nil), sc.Visual.Bullets...)
	}
	if sc.Visual.Data != nil {
		sc.Visual.Data = append([]videoagent.DataPoint(nil), sc.Visual.Data...)
	}
	return sc
}

type applier struct {
	sb      *videoagent.Storyboard
	used    map[string]bool
	drafted []string
}

func (a *applier) index(id string) (int, error) {
	for i, sc := range a.sb.Scenes {
		if sc.ID == id {
			return i, nil
		}
	}
	return -1, fmt.Errorf("there is no scene %q", id)
}

var reSceneID = regexp.MustCompile(`^s(\d+)$`)

// newID returns a scene id never used in this storyboard.
func (a *applier) newID() string {
	n := len(a.sb.Scenes)
	for id := range a.used {
		if m := reSceneID.FindStringSubmatch(id); m != nil {
			if v, _ := strconv.Atoi(m[1]); v > n {
				n = v
			}
		}
	}
	for {
		n++
		id := "s" + strconv.Itoa(n)
		if !a.used[id] {
			a.used[id] = true
			return id
		}
	}
}

// replaceInScene replaces old with new in a scene's narration and slide texts and says
// how many fields changed.
func replaceInScene(sc *videoagent.Scene, old, new string) int {
	n := 0
	for _, p := range []*string{&sc.Narration, &sc.Visual.Title, &sc.Visual.Subtitle, &sc.Visual.Text, &sc.Visual.Caption} {
		var k int
		*p, k = replaceFold(*p, old, new)
		n += k
	}
	for i := range sc.Visual.Bullets {
		var k int
		sc.Visual.Bullets[i], k = replaceFold(sc.Visual.Bullets[i], old, new)
		n += k
	}
	return n
}

// replaceFold replaces old with new in s: exact matches, else matches ignoring case.
func replaceFold(s, old, new string) (string, int) {
	if old == "" || s == "" {
		return s, 0
	}
	if strings.Contains(s, old) {
		return strings.ReplaceAll(s, old, new), 1
	}
	re := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(old))
	if !re.MatchString(s) {
		return s, 0
	}
	return re.ReplaceAllLiteralString(s, new), 1
}
