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

// TestRulesInOtherLanguages: rules in Spanish, French and German ("nunca reutilices ...",
// "ne réutilise jamais ...", "teile niemals ...") are a list of what to do, as in English,
// not numbered steps nor "what we'll cover"; "two-step verification" ("en dos pasos") does
// not call the list steps.
func TestRulesInOtherLanguages(t *testing.T) {
	for _, tc := range []struct{ prompt, say string }{
		{"Crea un video de capacitación sobre seguridad de contraseñas: usa al menos 12 caracteres, nunca reutilices contraseñas y activa la verificación en dos pasos.",
			"Esto es lo que hay que hacer: usa al menos 12 caracteres, nunca reutilices contraseñas y activa la verificación en dos pasos."},
		{"Fais une vidéo de formation sur la sécurité: utilise au moins 12 caractères, ne réutilise jamais un mot de passe et active la double authentification.",
			"Voici ce qu'il faut faire : utilise au moins 12 caractères"},
		{"Erstelle ein Schulungsvideo zur Datensicherheit: Verwende starke Passwörter, teile niemals dein Passwort und sperre deinen Bildschirm.",
			"Das ist zu tun: Verwende starke Passwörter, teile niemals dein Passwort"},
		{"Create a training video on password security: use at least 12 characters, never reuse passwords, and turn on two-step verification.",
			"Here's what to do: use at least 12 characters, never reuse passwords and turn on two-step verification."},
	} {
		all := spoken(planFor(t, tc.prompt).Scenes, true)
		if !strings.Contains(all, tc.say) {
			t.Errorf("%q does not say %q: %q", tc.prompt, tc.say, all)
		}
		for _, step := range []string{"Paso 1", "Étape 1", "Schritt 1", "Step 1"} {
			if strings.Contains(all, step) {
				t.Errorf("%q: rules as steps: %q", tc.prompt, all)
			}
		}
	}
}

// TestQuestionsListed: a list of questions with infinitives ("where to find the supply
// room, how to badge in, who to call for IT problems, ...") is one bullet each: "who to
// call" was taken for a relative clause and joined to "badge in".
func TestQuestionsListed(t *testing.T) {
	sc := planFor(t, "Create a 60 second onboarding video for new nurses at St. Mary Hospital. Cover: where to find the supply room, how to badge in, who to call for IT problems, and the shift handover at 7am and 7pm.").Scenes
	want := []string{"Where to find the supply room", "How to badge in", "Who to call for IT problems", "Shift handover at 7am and 7pm"}
	if got := bulletsShown(sc); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("bullets %q, want %q", got, want)
	}
}

// TestListOfThingsIsNoRules: a list of things whose item begins with the letters "no"
// ("noise-cancelling headphones") is no rule ("Here's what to do: a smart mug, ...").
func TestListOfThingsIsNoRules(t *testing.T) {
	all := spoken(planFor(t, "A gift guide video for busy parents: a smart mug, noise-cancelling headphones, and a meal kit.").Scenes, false)
	if strings.Contains(all, "what to do") {
		t.Errorf("%q", all)
	}
}
