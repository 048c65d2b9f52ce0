package chat

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
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
		name string
		diff bool
	}{
		{"avatar_id", sb.AvatarID != out.AvatarID},
		{"voice_id", sb.VoiceID != out.VoiceID},
		{"style_id", sb.StyleID != out.StyleID},
		{"aspect_ratio", sb.AspectRatio != out.AspectRatio},
		{"captions", sb.Captions != out.Captions},
		{"title", sb.Title != out.Title},
		{"music_asset_id", sb.MusicAssetID != out.MusicAssetID},
		{"brand", brandJSON(sb.Brand) != brandJSON(out.Brand)},
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
		sb.Scenes[i].Narration = strings.TrimSpace(op.Text)
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

// setCTA edits the last scene with a cta visual, or adds one at the end.
func (a *applier) setCTA(op Op) {
	sb := a.sb
	idx := -1
	for i := len(sb.Scenes) - 1; i >= 0; i-- {
		if sb.Scenes[i].Visual.Kind == videoagent.VisualCTA {
			idx = i
			break
		}
	}
	if idx < 0 {
		layout := videoagent.LayoutPresenterRight
		if n := len(sb.Scenes); n > 0 && sb.Scenes[n-1].Layout == videoagent.LayoutPresenterRight {
			layout = videoagent.LayoutPresenterLeft
		}
		sb.Scenes = append(sb.Scenes, videoagent.Scene{ID: a.newID(), Layout: layout, Transition: videoagent.TransitionCrossfade,
			Visual: videoagent.Visual{Kind: videoagent.VisualCTA, Title: ctaTitle(sb.Language)}})
		idx = len(sb.Scenes) - 1
	}
	sc := &sb.Scenes[idx]
	v := &sc.Visual
	oldText, oldURL := v.Text, v.URL
	text := strings.TrimSpace(op.Text)
	if text == "" { // a new link only
		text = oldText
		if oldURL != "" && strings.Contains(text, oldURL) {
			text = strings.ReplaceAll(text, oldURL, op.URL)
		} else if text == "" {
			text = "Visit " + op.URL
		}
	}
	url := op.URL
	if url == "" {
		if us := reURL.FindAllString(text, 1); len(us) > 0 {
			url = strings.TrimRight(us[0], ".,;:!?")
		} else {
			url = oldURL
		}
	}
	v.Text, v.URL = text, url
	line := text
	if !strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "!") && !strings.HasSuffix(line, "?") {
		line += "."
	}
	switch {
	case sc.Narration == "":
		sc.Narration = line
	case oldText != "" && strings.Contains(sc.Narration, strings.TrimRight(oldText, ".!")):
		old := strings.TrimRight(oldText, ".!")
		sc.Narration = strings.Replace(sc.Narration, old, strings.TrimRight(line, "."), 1)
	case oldURL != "" && strings.Contains(sc.Narration, oldURL):
		// Replace the sentence that carries the old link.
		sents := splitSentences(sc.Narration)
		for i, s := range sents {
			if strings.Contains(s, oldURL) {
				sents[i] = line
				break
			}
		}
		sc.Narration = strings.Join(sents, " ")
	default:
		sc.Narration = line + " " + sc.Narration
	}
}

var reSentenceEnd = regexp.MustCompile(`[.!?](?:\s+|$)`)

// splitSentences splits text at sentence ends that are followed by a space (so that
// "example.com/start" stays whole).
func splitSentences(s string) []string {
	var out []string
	start := 0
	for _, loc := range reSentenceEnd.FindAllStringIndex(s, -1) {
		if loc[1] == loc[0]+1 && loc[1] != len(s) {
			continue
		}
		out = append(out, strings.TrimSpace(s[start:loc[1]]))
		start = loc[1]
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func ctaTitle(lang string) string {
	switch baseLang(lang) {
	case "es":
		return "Empieza hoy"
	case "de":
		return "Jetzt loslegen"
	case "fr":
		return "Lancez-vous"
	}
	return "Get started"
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

// ReviseBrief folds ops into a brief for planning: before the first storyboard (sb nil),
// or to re-plan when the result has an OpReplan. It keeps the choices the current
// storyboard made (presenter, voice, style, orientation) unless an op changes them; a
// language change drops the voice (unless one was chosen) so that a voice of the new
// language is cast. Tone and language reach the planner as a first line of the prompt
// ("Tone: energetic. Narrated in German.") that replaces the one a previous revision
// wrote; a Prompt (a follow-up about a new topic) replaces the prompt.
func ReviseBrief(b videoagent.Brief, sb *videoagent.Storyboard, ops []Op) videoagent.Brief {
	if sb != nil {
		if b.AvatarID == "" {
			b.AvatarID = sb.AvatarID
		}
		if b.VoiceID == "" {
			b.VoiceID = sb.VoiceID
		}
		if b.StyleID == "" {
			b.StyleID = sb.StyleID
		}
		if o := orientationOf(sb.AspectRatio); o != "" {
			b.Orientation = o
		}
	}
	var rp Op
	voiceSet := false
	for _, op := range ops {
		switch op.Kind {
		case OpSetAvatar:
			b.AvatarID = op.AvatarID
		case OpSetVoice:
			b.VoiceID, voiceSet = op.VoiceID, true
		case OpSetStyle:
			b.StyleID = op.StyleID
		case OpSetAspect:
			if o := orientationOf(op.AspectRatio); o != "" {
				b.Orientation = o
			}
		case OpReplan:
			rp = op
		}
	}
	prompt, tone, lang := splitRevision(b.Prompt)
	if rp.Prompt != "" {
		prompt = rp.Prompt
		b.DurationSec = 0
		tone, lang = "", ""
	}
	switch {
	case rp.DurationSec > 0:
		b.DurationSec = rp.DurationSec
	case rp.Scale > 0:
		base := float64(b.DurationSec)
		if sb != nil && len(sb.Scenes) > 0 {
			base = agent.EstimateDuration(sb, nil).Seconds()
		}
		if base <= 0 {
			base = float64(agent.Analyze(videoagent.Brief{Prompt: prompt, DurationSec: b.DurationSec}).LengthSec)
		}
		b.DurationSec = clampSec(math.Round(base * rp.Scale))
	}
	if rp.Tone != "" {
		tone = rp.Tone
	}
	if rp.Language != "" {
		lang = rp.Language
		if !voiceSet {
			b.VoiceID = ""
		}
	}
	b.Prompt = joinRevision(prompt, tone, lang)
	return b
}

func orientationOf(ratio string) string {
	switch ratio {
	case "9:16", "4:5":
		return "portrait"
	case "16:9", "5:4":
		return "landscape"
	case "1:1":
		return "square"
	}
	return ""
}

var reRevision = regexp.MustCompile(`^(?:Tone: ([a-z]+)\. )?(?:Narrated in ([A-Za-z ]+)\. )?`)

// splitRevision separates the revision line ReviseBrief wrote from the user's prompt.
func splitRevision(p string) (prompt, tone, lang string) {
	m := reRevision.FindStringSubmatch(p)
	if m == nil || m[0] == "" {
		return p, "", ""
	}
	lang = m[2]
	for tag, name := range languageEnglish {
		if name == m[2] {
			lang = tag
		}
	}
	return p[len(m[0]):], m[1], lang
}

func joinRevision(prompt, tone, lang string) string {
	var pre string
	if tone != "" {
		pre += "Tone: " + tone + ". "
	}
	if lang != "" {
		pre += "Narrated in " + LanguageName(lang) + ". "
	}
	return pre + prompt
}

// CarryOver returns planned with the settings of prev that a brief cannot carry:
// captions, music, brand, resolution and frame rate. Call it on the storyboard the planner
// wrote for a replan, before Apply.
func CarryOver(prev, planned *videoagent.Storyboard) *videoagent.Storyboard {
	out := clone(planned)
	if prev == nil {
		return out
	}
	out.Captions = prev.Captions
	out.MusicAssetID = prev.MusicAssetID
	if prev.Brand != nil {
		b := *prev.Brand
		out.Brand = &b
	}
	if prev.Resolution != "" {
		out.Resolution = prev.Resolution
	}
	if prev.FPS != 0 {
		out.FPS = prev.FPS
	}
	return out
}
