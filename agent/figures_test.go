package agent_test

import (
	"slices"
	"strings"
	"testing"

	videoagent "github.com/openvideoagent/videoagent"
)

// A sentence of several figures, too long for a card whole, shows its parts as bullets,
// each with its figure: not one of them alone on a stat card while the presenter says
// the others ("10%" on screen through "puncture repair for 12 pounds"). Two verbs of one
// subject stay one bullet. A short one still shows whole.
func TestSeveralFiguresShownAsParts(t *testing.T) {
	sb := planFor(t, "Make a 35-second video for Harbor Bikes, a bike repair shop in Leeds. We now offer same-day puncture repair "+
		"for 12 pounds, a full service costs 55 pounds and includes new brake pads, and students get 10% off with a valid card. "+
		"Gates open at 9am and close at 6pm on Thursdays. End with: Book a slot at harborbikes.example.")
	scene := func(said string) videoagent.Scene {
		t.Helper()
		for _, s := range sb.Scenes {
			if strings.Contains(s.Narration, said) {
				return s
			}
		}
		t.Fatalf("no scene says %q", said)
		return videoagent.Scene{}
	}
	v := scene("puncture repair").Visual
	if v.Kind != videoagent.VisualBullets {
		t.Fatalf("the sentence of three prices shows %s %q %q, want its parts as bullets", v.Kind, v.Text, v.Caption)
	}
	want := []string{"We now offer same-day puncture repair for 12 pounds", "A full service costs 55 pounds and includes new brake pads",
		"Students get 10% off with a valid card"}
	if !slices.Equal(v.Bullets, want) {
		t.Errorf("bullets %q, want %q", v.Bullets, want)
	}
	if v := scene("Gates open").Visual; v.Kind != videoagent.VisualTitle || v.Title != "Gates open at 9am and close at 6pm on Thursdays" {
		t.Errorf("the short sentence of two times shows %s %q %q, want it whole as the title", v.Kind, v.Title, v.Bullets)
	}
}

// The same sentence first among the prompt's facts is not folded into the opening, where
// its title card would show the subject's name alone through all of it: the opening
// greets and the sentence has its card of bullets, as a list of news does.
func TestOpeningLeavesSeveralFiguresToTheirCard(t *testing.T) {
	sb := planFor(t, "Make a 40-second video for Northwind Dental in Cork. We now offer evening appointments until 8pm on Tuesdays "+
		"and Thursdays, a check-up and clean costs 65 euros, and children under 12 are seen free. Our new hygienist, Aoife, "+
		"joins the team in March. End with: Book online at northwind.example.")
	if first := sb.Scenes[0]; strings.Contains(first.Narration, "65 euros") {
		t.Errorf("the opening says the sentence of three figures under the title %q: %q", first.Visual.Title, first.Narration)
	}
	for _, s := range sb.Scenes {
		if strings.Contains(s.Narration, "65 euros") && !strings.HasPrefix(s.Narration, "Once more") {
			want := []string{"We now offer evening appointments until 8pm on Tuesdays and Thursdays", "A check-up and clean costs 65 euros",
				"Children under 12 are seen free"}
			if s.Visual.Kind != videoagent.VisualBullets || !slices.Equal(s.Visual.Bullets, want) {
				t.Errorf("the sentence of three figures shows %s %q, want bullets %q", s.Visual.Kind, s.Visual.Bullets, want)
			}
			return
		}
	}
	t.Errorf("no scene says the sentence of three figures: %+v", sb.Scenes)
}
