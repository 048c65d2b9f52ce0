package agent_test

import (
	"strings"
	"testing"
)

// TestProceduresWithoutARequest: a prompt that is only a procedure, told in one sentence
// with "first" and "then", or as instructions in a row, is shown step by step (it was one
// title card titled "First", or paired cards summed up by "wait 30 seconds"); one that
// opens with its purpose ("To reset your password, open Settings, ...") is that how-to;
// and "first" of "How to restart your router: first, unplug ..." is no step of its own.
func TestProceduresWithoutARequest(t *testing.T) {
	for _, tc := range []struct {
		prompt, opening, title string
		steps                  []string
	}{
		{"First, unplug the router, then wait 30 seconds, then plug it back in and wait for the green light.",
			"There are 3 steps.", "The steps", []string{"Step 1: unplug the router.", "Step 2: wait 30 seconds.", "Step 3: plug it back in and wait for the green light."}},
		{"Unplug the router. Wait 30 seconds. Plug it back in and wait for the green light.",
			"There are 3 steps.", "The steps", []string{"Step 1: unplug the router.", "Step 3: plug it back in and wait for the green light."}},
		{"To reset your password, open Settings, tap Account, choose Reset password, and follow the link we email you.",
			"Let's look at how to reset your password.", "How to reset your password", []string{"Step 1: open Settings.", "Step 4: follow the link we email you."}},
		{"How to restart your router: first, unplug the router, then wait 30 seconds, then plug it back in.",
			"Let's look at how to restart your router.", "", []string{"Step 1: unplug the router.", "Step 2: wait 30 seconds."}},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if sc[0].Narration != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, sc[0].Narration, tc.opening)
		}
		if tc.title != "" && sc[0].Visual.Title != tc.title {
			t.Errorf("%q: title card %q, want %q", tc.prompt, sc[0].Visual.Title, tc.title)
		}
		all := spoken(sc, false)
		for _, st := range tc.steps {
			if !strings.Contains(all, st) {
				t.Errorf("%q does not say %q: %q", tc.prompt, st, all)
			}
		}
		if strings.Contains(strings.ToLower(all), "step 1: first") {
			t.Errorf("%q: %q", tc.prompt, all)
		}
	}
	// Facts told in order are no procedure, and not titled "First".
	sc := planFor(t, "First, we grew revenue by 18%, then we hired 40 people, and finally we opened an office in Austin.").Scenes
	if all := spoken(sc, true); strings.Contains(all, "Step") || sc[0].Visual.Title == "First" {
		t.Errorf("facts in order: %q", all)
	}
}
