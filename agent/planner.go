package agent

import (
	"context"
	"strings"
	"time"

	"github.com/openvideoagent/videoagent"
)

// DefaultScenePause is the silence the renderer leaves around each scene's narration; the
// planner budgets for it when it fits a script to a target length.
const DefaultScenePause = 800 * time.Millisecond

// Options configure a Planner. The zero value is usable.
type Options struct {
	// WordsPerMinute returns the speaking rate of the voice that will read a language
	// (BCP-47 tag), measured on that voice. Nil, or a result <= 0, means
	// DefaultWordsPerMinute.
	WordsPerMinute func(lang string) float64
	// ScenePause is the pause per scene the renderer adds; 0 means DefaultScenePause.
	ScenePause time.Duration
	// Resolution is the storyboard resolution; "" means "720p".
	Resolution string
	// FPS is the frame rate, 25 or 30; 0 means 30.
	FPS int
	// Cast, when set, chooses the presenter and the voice for the script's language
	// before the script is written, and gives the voice's measured rate, which then
	// wins over WordsPerMinute. See Caster.
	Cast func(ctx context.Context, b videoagent.Brief, lang string) (Casting, error)
	// Styles are the styles to choose from (the first is the default); a brief's or the
	// account's remembered style wins when it is one of them.
	Styles []Style
}

// Planner is the built-in offline planner: it writes a storyboard from a brief with rules
// and phrase sets, without network or model. It is deterministic (the same brief gives
// the same storyboard) and safe for concurrent use.
type Planner struct {
	opt Options
}

var _ videoagent.Planner = (*Planner)(nil)

// NewPlanner returns a Planner with the given options.
func NewPlanner(opt Options) *Planner {
	if opt.ScenePause <= 0 {
		opt.ScenePause = DefaultScenePause
	}
	if opt.Resolution == "" {
		opt.Resolution = "720p"
	}
	if opt.FPS == 0 {
		opt.FPS = 30
	}
	return &Planner{opt: opt}
}

// DefaultWordsPerMinute is a typical narration rate for a language, used when no measured
// rate is given: about 165 words a minute for English, less for languages with longer
// words (German, Dutch), a little more for Spanish and Italian. These are rough averages
// of natural speech, not measurements of any engine.
func DefaultWordsPerMinute(lang string) float64 {
	switch baseLang(lang) {
	case "de", "nl", "fi":
		return 140
	case "es", "it":
		return 170
	case "fr", "pt":
		return 160
	}
	return 165
}

// wpmFunc returns f with DefaultWordsPerMinute for nil f and for rates <= 0.
func wpmFunc(f func(string) float64) func(string) float64 {
	return func(lang string) float64 {
		if f != nil {
			if v := f(lang); v > 0 {
				return v
			}
		}
		return DefaultWordsPerMinute(lang)
	}
}

// Seed returns the storyboard seed for a prompt: a stable, non-negative hash.
func Seed(prompt string) int64 {
	return int64(hash64(strings.TrimSpace(prompt)) & (1<<63 - 1))
}

// Plan writes a storyboard for b. AvatarID and VoiceID are copied from the brief (empty
// means the caller picks defaults); everything else is decided here. The result passes
// Storyboard.Validate.
func (p *Planner) Plan(ctx context.Context, b videoagent.Brief) (*videoagent.Storyboard, error) {
	bf, err := p.begin(ctx, b, wpmFunc(p.opt.WordsPerMinute))
	if err != nil {
		return nil, err
	}
	a, cast, wpm, sb := &bf.a, bf.cast, bf.wpm, bf.sb
	sc := newScripter(a, wpm, (p.opt.ScenePause + cast.Overhead).Seconds())
	sc.x = newExtractor(strings.TrimSpace(b.Prompt))
	sc.doc = newDocument(b.Materials)
	if sc.doc != nil {
		sc.doc.name(a)
	}
	plans, short := sc.fit(sc.plans(), float64(a.LengthSec), a.TargetSec > 0)
	sb.Title = shorten(normalizeSpace(sc.headline), videoagent.MaxTitleChars)
	sb.Scenes = sc.scenes(plans)
	switch {
	case short:
		sc.noteShort(ctx, sb, wpm)
	case thin(plans) && a.TargetSec == 0:
		// With a length asked and met, the prompt gave enough for it.
		sc.noteThin(ctx)
	}
	placeImages(sb.Scenes, b.Materials)
	if err := sb.Validate(); err != nil {
		return nil, videoagent.Failf(videoagent.FailPlanning, err, "The planner could not write a valid storyboard.")
	}
	return sb, nil
}

// briefing is a brief as both planners start on it (see begin).
type briefing struct {
	a    Analysis
	cast Casting
	wpm  float64                // words per minute of the narration
	sb   *videoagent.Storyboard // all but the title and the scenes
}

// begin is where both planners (Planner and LLMPlanner) start on a brief: they check it,
// analyse it with the memory applied, cast it, and frame its storyboard. wpmOf gives the
// speaking rate of the analysed language, unless the cast has its own.
func (p *Planner) begin(ctx context.Context, b videoagent.Brief, wpmOf func(lang string) float64) (*briefing, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(b.Prompt) == "" {
		return nil, videoagent.Invalid("prompt", "prompt is empty")
	}
	bf := &briefing{a: Analyze(b)}
	a := &bf.a
	applyMemory(a, b)
	cast, err := p.cast(ctx, b, a.Language)
	if err != nil {
		return nil, err
	}
	bf.cast = cast
	bf.wpm = wpmOf(a.Language)
	if cast.WordsPerMinute > 0 {
		bf.wpm = cast.WordsPerMinute
	}
	bf.sb = &videoagent.Storyboard{
		Version:     1,
		Language:    a.Language,
		AspectRatio: a.AspectRatio,
		Resolution:  p.opt.Resolution,
		FPS:         p.opt.FPS,
		StyleID:     p.style(b, a),
		AvatarID:    cast.AvatarID,
		VoiceID:     cast.VoiceID,
		Seed:        Seed(b.Prompt),
	}
	return bf, nil
}

// cast returns the brief's own choices, or the Cast option's.
func (p *Planner) cast(ctx context.Context, b videoagent.Brief, lang string) (Casting, error) {
	if p.opt.Cast == nil {
		return Casting{AvatarID: b.AvatarID, VoiceID: b.VoiceID}, nil
	}
	return p.opt.Cast(ctx, b, lang)
}

// style returns the brief's style, else the remembered one, else the one that suits the
// kind and tone.
func (p *Planner) style(b videoagent.Brief, a *Analysis) string {
	if b.StyleID != "" {
		return b.StyleID
	}
	if id := memoryMap(b.Memory)[MemStyle]; id != "" {
		for _, s := range p.opt.Styles {
			if s.ID == id {
				return id
			}
		}
	}
	return chooseStyle(a, p.opt.Styles)
}
