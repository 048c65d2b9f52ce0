package render

import (
	"context"
	"image"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/prompttable"
	"github.com/openvideoagent/videoagent/internal/rendertest"
)

// plannedCases are prompts of the planner's table whose storyboards are rendered here:
// every kind of card the offline planner makes (facts, steps, bullets, stats, quotes,
// calls to action, a PDF's pages, a photo), in 16:9 and 9:16.
var plannedCases = []string{
	"en product 30s", "en tutorial steps 40s", "en reel 20s", "en recap 60s", "en customer quote 30s",
	"en hackathon 45s", "de explainer 40s", "fr tutorial 40s", "en food tour portrait 25s",
	"en product with photo 30s", "en board briefing 3min file",
}

// TestPlannedCardsNotBlank renders storyboards the offline planner wrote for prompts of
// its table and measures every card of every scene in a late frame: none is mostly blank.
func TestPlannedCardsNotBlank(t *testing.T) {
	if testing.Short() {
		t.Skip("renders eleven planned videos")
	}
	byName := map[string]prompttable.Case{}
	for _, c := range prompttable.Cases {
		byName[c.Name] = c
	}
	p := agent.NewPlanner(agent.Options{WordsPerMinute: func(string) float64 { return 165 }})
	for _, name := range plannedCases {
		c, ok := byName[name]
		if !ok {
			t.Fatalf("no case %q", name)
		}
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			b := c.Brief
			// The files' pages and pictures are the test's own images.
			var ms []videoagent.Material
			for _, m := range b.Materials {
				for i := range m.Pages {
					if m.Kind == videoagent.MaterialImage {
						m.Pages[i] = "photo"
					} else {
						m.Pages[i] = "page"
					}
				}
				ms = append(ms, m)
			}
			b.Materials = ms
			sb, err := p.Plan(context.Background(), b)
			if err != nil {
				t.Fatal(err)
			}
			sb.AvatarID = "fake" // a presenter beside the cards, as the server casts one
			ns := narrationsFor(sb)
			r := New(Options{Presenters: &fakePresenters{}, Assets: memAssets{"photo": testPhoto(), "page": testPage()}, NoGIF: true, Parallel: 1})
			res, err := r.Render(context.Background(), videoagent.RenderJob{Storyboard: sb, Narrations: ns, OutDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			w, h, _ := videoagent.FrameSize(sb.AspectRatio, sb.Resolution)
			spans := SceneSpans(sb, ns)
			var frames []int
			for _, s := range spans {
				frames = append(frames, lateFrame(s))
			}
			measured := 0
			decodeFrames(t, res.VideoPath, w, h, frames, func(i int, img *image.RGBA) {
				cards, err := r.CardRects(sb, i)
				if err != nil {
					t.Fatal(err)
				}
				for _, cr := range cards {
					measured++
					if m := rendertest.Measure(img, cr); m.Largest > rendertest.MaxBlank {
						t.Errorf("scene %s (%s/%s %q): card %v is mostly blank: %v", sb.Scenes[i].ID, sb.Scenes[i].Layout, sb.Scenes[i].Visual.Kind, sb.Scenes[i].Visual.Title, cr, m)
					}
				}
			})
			if measured == 0 {
				t.Errorf("no card measured in %d scenes", len(sb.Scenes))
			}
		})
	}
}
