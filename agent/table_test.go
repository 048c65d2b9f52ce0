package agent_test

import (
	"context"
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/prompttable"
)

// TestPromptTable plans every prompt of the table with the offline planner and checks
// what a user would: every fact of the prompt is said, nothing said or shown has another
// source than the prompt, its files or a fixed structural phrase (and the words of each
// sentence are the source's), no card is empty, and the length is the one asked for.
func TestPromptTable(t *testing.T) {
	if len(prompttable.Cases) < 40 {
		t.Fatalf("the table has %d prompts, want at least 40", len(prompttable.Cases))
	}
	wpm := func(string) float64 { return 165 }
	p := agent.NewPlanner(agent.Options{WordsPerMinute: wpm})
	for _, c := range prompttable.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var notes []string
			ctx := agent.WithNotes(context.Background(), func(n string) { notes = append(notes, n) })
			sb, err := p.Plan(ctx, c.Brief)
			if err != nil {
				t.Fatal(err)
			}
			if err := sb.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := strings.SplitN(sb.Language, "-", 2)[0]; got != c.Lang {
				t.Errorf("language %q, want %q", sb.Language, c.Lang)
			}
			var narration strings.Builder
			for _, sc := range sb.Scenes {
				narration.WriteString(sc.Narration + " ")
			}
			said := strings.ToLower(narration.String())
			for _, f := range c.Facts {
				if !strings.Contains(said, strings.ToLower(f)) {
					t.Errorf("the narration does not say %q", f)
				}
			}
			checkProvenance(t, c.Brief, sb)
			checkCards(t, sb)
			checkNoRepeat(t, sb)
			a := agent.Analyze(c.Brief)
			est := agent.EstimateDuration(sb, wpm).Seconds()
			switch {
			case a.TargetSec > 0 && !c.Thin:
				if d := math.Abs(est-float64(a.TargetSec)) / float64(a.TargetSec); d > 0.10 {
					t.Errorf("estimated length %.1f s, asked %d s (off by %.0f%%)", est, a.TargetSec, d*100)
				}
			case c.Thin && len(notes) == 0:
				t.Errorf("a thin prompt got no note saying what the script is based on")
			}
			if t.Failed() {
				for _, sc := range sb.Scenes {
					t.Logf("%s %s/%s %q %q %q %v: %s", sc.ID, sc.Layout, sc.Visual.Kind, sc.Visual.Title, sc.Visual.Subtitle, sc.Visual.Text, sc.Visual.Bullets, sc.Narration)
				}
				t.Logf("estimated %.1f s; notes %q", est, notes)
			}
		})
	}
}

// checkNoRepeat fails a script that says a long sentence twice: a restatement says the
// point again in fewer words, never the same sentence (or one containing it) word for word.
func checkNoRepeat(t *testing.T, sb *videoagent.Storyboard) {
	t.Helper()
	var said []string
	for _, sc := range sb.Scenes {
		for _, st := range reSentenceEnd.Split(sc.Narration, -1) {
			if st = strings.ToLower(strings.TrimSpace(st)); len(strings.Fields(st)) >= 10 {
				said = append(said, st)
			}
		}
	}
	for i, a := range said {
		for _, b := range said[i+1:] {
			if strings.Contains(a, b) || strings.Contains(b, a) {
				t.Errorf("said twice: %q and %q", a, b)
			}
		}
	}
}

var reSentenceEnd = regexp.MustCompile(`[.!?]+\s+`)

var reWord = regexp.MustCompile(`[\pL\pN][\pL\pN'’.-]*[\pL\pN]|[\pL\pN]`)

// wordsOf are the lower-cased words of s, without URLs' schemes.
func wordsOf(s string) []string {
	s = strings.NewReplacer("https://", " ", "http://", " ").Replace(strings.ToLower(s))
	var out []string
	for _, w := range reWord.FindAllString(s, -1) {
		out = append(out, strings.Trim(w, ".'’-"))
	}
	return out
}

// checkProvenance checks that every narration sentence and on-screen text has a known
// source, and that every word of it is the source's own or a structural frame's.
func checkProvenance(t *testing.T, b videoagent.Brief, sb *videoagent.Storyboard) {
	t.Helper()
	prompt := map[string]bool{}
	for _, w := range wordsOf(b.Prompt) {
		prompt[w] = true
	}
	files := map[string]bool{}
	for _, m := range b.Materials {
		for _, w := range wordsOf(m.Text) {
			files[w] = true
		}
	}
	frames := map[string]bool{}
	for _, w := range wordsOf(agent.StructureText(sb.Language)) {
		frames[w] = true
	}
	for _, sc := range sb.Scenes {
		byField := map[string][]string{}
		for _, pv := range sc.Provenance {
			byField[pv.Field] = append(byField[pv.Field], pv.Text)
			var own map[string]bool
			switch pv.Source {
			case videoagent.SourcePrompt:
				own = prompt
			case videoagent.SourceFile:
				own = files
				if pv.File == "" {
					t.Errorf("%s: a file text without its file: %q", sc.ID, pv.Text)
				}
			case videoagent.SourceStructure:
				own = map[string]bool{}
			default:
				t.Errorf("%s: %s %q has source %q", sc.ID, pv.Field, pv.Text, pv.Source)
				continue
			}
			for _, w := range wordsOf(pv.Text) {
				if !own[w] && !frames[w] && !isNumber(w) {
					t.Errorf("%s: %s %q (source %s) says %q, which is not its source's", sc.ID, pv.Field, pv.Text, pv.Source, w)
				}
			}
		}
		// Every sentence and every text on screen is accounted for.
		joined := strings.Join(byField["narration"], " ")
		if strings.Join(strings.Fields(joined), " ") != strings.Join(strings.Fields(sc.Narration), " ") {
			t.Errorf("%s: provenance covers %q, narration is %q", sc.ID, joined, sc.Narration)
		}
		v := sc.Visual
		if v.Kind == videoagent.VisualNone || sc.Layout == videoagent.LayoutPresenter {
			continue
		}
		need := map[string][]string{"visual.title": {v.Title}, "visual.subtitle": {v.Subtitle}, "visual.text": {v.Text}, "visual.caption": {v.Caption}, "visual.bullets": v.Bullets}
		for field, texts := range need {
			for _, tx := range texts {
				if tx == "" {
					continue
				}
				found := false
				for _, o := range byField[field] {
					found = found || o == tx
				}
				if !found {
					t.Errorf("%s: %s %q has no provenance", sc.ID, field, tx)
				}
			}
		}
	}
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// checkCards checks that no scene shows an empty card.
func checkCards(t *testing.T, sb *videoagent.Storyboard) {
	t.Helper()
	for _, sc := range sb.Scenes {
		v := sc.Visual
		empty := false
		switch v.Kind {
		case videoagent.VisualTitle:
			empty = strings.TrimSpace(v.Title) == ""
		case videoagent.VisualBullets:
			empty = len(v.Bullets) == 0
		case videoagent.VisualStat, videoagent.VisualQuote:
			empty = strings.TrimSpace(v.Text) == ""
		case videoagent.VisualCTA:
			empty = strings.TrimSpace(v.Text) == "" && v.URL == ""
		case videoagent.VisualImage, videoagent.VisualVideo:
			empty = v.AssetID == ""
		case videoagent.VisualNone, "":
			empty = sc.Layout != videoagent.LayoutPresenter && sc.Layout != videoagent.LayoutTitle
		}
		if empty {
			t.Errorf("%s: an empty %s card in layout %s", sc.ID, v.Kind, sc.Layout)
		}
		for _, b := range v.Bullets {
			if strings.TrimSpace(b) == "" {
				t.Errorf("%s: an empty bullet", sc.ID)
			}
		}
	}
}
