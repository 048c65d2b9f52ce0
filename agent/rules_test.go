package agent_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
)

// TestRulesShownTogether: a list of things to do, some of them prohibitions ("never reuse
// passwords", "do not use your phone"), is one list of rules shown together, not numbered
// steps and not one long sentence on a title card; a safety briefing named for its
// audience opens by saying so ("Today's topic: warehouse visitors." before).
func TestRulesShownTogether(t *testing.T) {
	for _, tc := range []struct {
		prompt, opening, title string
		bullets                []string
	}{
		{prompt: "Create a training video on password security: use at least 12 characters, never reuse passwords, turn on two-factor authentication, and use a password manager.",
			opening: "Today's topic: password security.",
			bullets: []string{"Use at least 12 characters", "Never reuse passwords", "Turn on two-factor authentication", "Use a password manager"}},
		{prompt: "Safety briefing for warehouse visitors: wear the high-visibility vest, stay inside the marked walkways, and do not use your phone near forklifts.",
			opening: "This safety briefing is for warehouse visitors.", title: "Safety briefing",
			bullets: []string{"Wear the high-visibility vest", "Stay inside the marked walkways", "Do not use your phone near forklifts"}},
		{prompt: "A safety video for museum visitors: do not touch the paintings, keep your bag in the cloakroom, and never use flash.",
			opening: "This safety video is for museum visitors.",
			bullets: []string{"Do not touch the paintings", "Keep your bag in the cloakroom", "Never use flash"}},
		{prompt: "Kitchen rules for new cooks: always wash your hands, never leave a knife in the sink, and label everything you store.",
			bullets: []string{"Always wash your hands", "Never leave a knife in the sink", "Label everything you store"}},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if got := sc[0].Narration; tc.opening != "" && got != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, got, tc.opening)
		}
		if tc.title != "" && sc[0].Visual.Title != tc.title {
			t.Errorf("%q: title card %q, want %q", tc.prompt, sc[0].Visual.Title, tc.title)
		}
		if got := bulletsShown(sc); !slices.Equal(got, tc.bullets) {
			t.Errorf("%q: bullets %q, want %q", tc.prompt, got, tc.bullets)
		}
		if all := spoken(sc, true); strings.Contains(all, "Step 1") {
			t.Errorf("%q: rules said as steps: %q", tc.prompt, all)
		}
	}
}

// TestSummaryNotIntroduced: "Summarize our Q4 town hall" sums it up rather than
// introducing it as a product ("Introducing our Q4 town hall." before); "Explain our new
// return policy" names the topic; results listed in one sentence are shown as a list, not
// as a stat card of the first figure.
func TestSummaryNotIntroduced(t *testing.T) {
	for _, tc := range []struct {
		prompt, opening string
		bullets         []string
	}{
		{"Summarize our Q4 town hall: revenue grew 12%, we opened 3 new stores, and employee satisfaction rose to 82%. Next year we focus on online sales.",
			"A quick summary of our Q4 town hall.", []string{"Revenue grew 12%", "We opened 3 new stores", "Employee satisfaction rose to 82%"}},
		{"Explain our new return policy: customers have 30 days to return items.", "Today's topic: our new return policy.", nil},
		{"Our Q3 results: revenue up 18%, 2,400 new customers, and a new office in Austin.",
			"Our Q3 results.", []string{"Revenue up 18%", "2,400 new customers", "A new office in Austin"}},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if got := sc[0].Narration; got != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, got, tc.opening)
		}
		if got := bulletsShown(sc); tc.bullets != nil && !slices.Equal(got, tc.bullets) {
			t.Errorf("%q: bullets %q, want %q", tc.prompt, got, tc.bullets)
		}
		if tc.bullets != nil && slices.ContainsFunc(sc, func(s videoagent.Scene) bool { return s.Visual.Kind == videoagent.VisualStat }) {
			t.Errorf("%q: a stat card stands for the list", tc.prompt)
		}
	}
}

// TestRequestWordsNotSaid: "a video to announce X" announces X ("Today's topic: to announce
// our new café downtown." before); "explain X to Y" is about X, for Y.
func TestRequestWordsNotSaid(t *testing.T) {
	checkOpenings(t, []openingCase{
		{"Make a video to announce our new café downtown. We open on Saturday at 8. The first 50 customers get a free coffee.", "Introducing our new café downtown."},
		{"Explain what an API is to non-technical people.", "Let's look at what an API is. This one is for non-technical people."},
		{"Describe in under a minute why regular backups matter for small businesses.", "Let's look at why regular backups matter for small businesses."},
	})
}

// TestListNotRepeatedAtOnce: a list just said on its card is not summed up word for word
// on the next ("En bref : trouve un trajet ..." right after "Les points forts : trouve un
// trajet ..." before); a recap after a colon does not keep the verb's capital
// ("En resumen: Abrimos ..." before).
func TestListNotRepeatedAtOnce(t *testing.T) {
	sc := planFor(t, "Présente notre application de covoiturage Rouly : trouve un trajet en deux minutes, partage les frais, et note ton conducteur.").Scenes
	if n := strings.Count(spoken(sc, false), "partage les frais"); n != 1 {
		t.Errorf("the list is said %d times: %q", n, spoken(sc, false))
	}
	all := spoken(planFor(t, "Crea un video para anunciar nuestra nueva cafetería en el centro. Abrimos el sábado a las 8. Los primeros 50 clientes reciben un café gratis.").Scenes, false)
	if strings.Contains(all, ": Abrimos") {
		t.Errorf("says %q", all)
	}
}

// TestPeopleMetTitlesSaySomething: a person introduced by role is met ("Introducing our new
// head chef" before); a video named only by its format ("Quick update for the team")
// takes its title from what it says, not "Update"; the first of facts in order ("Day one
// is product training.") is not summed up alone.
func TestPeopleMetTitlesSaySomething(t *testing.T) {
	if got := planFor(t, "Introduce our new head chef, Marco Rossi. He trained in Naples and spent ten years at Trattoria Blu.").Scenes[0].Narration; got != "Meet our new head chef, Marco Rossi." {
		t.Errorf("opens %q", got)
	}
	if got := planFor(t, "Quick update for the team: the release moves to Thursday because QA found two bugs. Please finish your reviews by Wednesday noon.").Scenes[0].Visual.Title; !strings.HasPrefix(got, "The release moves to Thursday") {
		t.Errorf("title card %q", got)
	}
	all := spoken(planFor(t, "Onboarding video for new sales reps at Northwind. Day one is product training. Day two you shadow a senior rep. By Friday you make your first calls.").Scenes, false)
	if strings.Contains(strings.ToLower(all), "sum up: day one") {
		t.Errorf("says %q", all)
	}
}

// TestCelebrationsAndThanks: a celebration is celebrated ("Introducing our 10th
// anniversary." before; "¡Celebramos ...!" has both marks on no title card), a thank-you is
// not summed up, and Spanish "agradecer a X" says "a" once.
func TestCelebrationsAndThanks(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, title string }{
		{"A LinkedIn video celebrating our 10th anniversary. We started in a garage in 2016 with two people.", "Celebrating our 10th anniversary!", "Celebrating our 10th anniversary"},
		{"Crea un vídeo celebrando nuestro quinto aniversario. Gracias a todos nuestros clientes.", "¡Celebramos nuestro quinto aniversario!", "Celebramos nuestro quinto aniversario"},
		{"Un video para agradecer a nuestros voluntarios por la limpieza de la playa.", "¡Muchas gracias a nuestros voluntarios", ""},
	} {
		sb := planFor(t, tc.prompt)
		if got := sb.Scenes[0].Narration; !strings.HasPrefix(got, tc.opening) {
			t.Errorf("%q opens %q, want %q", tc.prompt, got, tc.opening)
		}
		if tc.title != "" && sb.Scenes[0].Visual.Title != tc.title {
			t.Errorf("%q: title card %q, want %q", tc.prompt, sb.Scenes[0].Visual.Title, tc.title)
		}
		if all := spoken(sb.Scenes, false); strings.Contains(all, ": Gracias") || strings.Contains(all, ": Thank") {
			t.Errorf("%q: a thank-you summed up: %q", tc.prompt, all)
		}
	}
}

// TestListItemsWhole: an "and" inside the last item of a list is the item's own ("heat
// and pressure" was cut into "... under heat" and "Pressure"); a date already said is
// not said again on a details card ("Quand : 3 juin." before); a "video script" is the
// video, not its topic.
func TestListItemsWhole(t *testing.T) {
	sc := planFor(t, "Explain the three types of rock: igneous rock forms from cooled magma, sedimentary rock forms from layers of sediment, and metamorphic rock forms under heat and pressure.").Scenes
	want := []string{"Igneous rock forms from cooled magma", "Sedimentary rock forms from layers of sediment", "Metamorphic rock forms under heat and pressure"}
	if got := bulletsShown(sc); !slices.Equal(got, want) {
		t.Errorf("bullets %q, want %q", got, want)
	}
	all := spoken(planFor(t, "Fais une vidéo pour présenter notre nouvelle boulangerie à Lyon. Nous ouvrons le 3 juin. Le pain est cuit au feu de bois.").Scenes, false)
	if strings.Contains(all, "Quand") {
		t.Errorf("says %q", all)
	}
	if got := planFor(t, "Write a video script for our dental clinic: we are now open on Saturdays from 9 to 1. New patients get a free cleaning.").Scenes[0].Narration; strings.Contains(got, "script") {
		t.Errorf("opens %q", got)
	}
}

// TestVideoExplainingPolicy: "Video explaining X: ..." is a request about X (it was said
// as written, "Video explaining ..."); "starting January 1" is a detail of the part before
// it, not a bullet; "Talk to HR for details." is the call to action, not summed up ("To
// sum up: Talk to HR ..." before); a word opening with a dot keeps its space ("a .edu
// email", not "a.edu").
func TestVideoExplainingPolicy(t *testing.T) {
	sc := planFor(t, "Video explaining our new parental leave policy: 16 weeks fully paid for all parents, starting January 1. Talk to HR for details.").Scenes
	if got := sc[0].Narration; got != "Today's topic: our new parental leave policy." {
		t.Errorf("opens %q", got)
	}
	if b := bulletsShown(sc); slices.Contains(b, "Starting January 1") {
		t.Errorf("bullets %q", b)
	}
	last := sc[len(sc)-1]
	if last.Visual.Kind != videoagent.VisualCTA || !strings.HasPrefix(last.Narration, "Talk to HR for details.") {
		t.Errorf("closes %s %q", last.Visual.Kind, last.Narration)
	}
	if all := spoken(planFor(t, "We are launching Pocketbook, a budgeting app for students. Free for students with a .edu email.").Scenes, true); !strings.Contains(all, "a .edu email") {
		t.Errorf("says %q", all)
	}
}

// TestCasualAndScriptPrompts: a request opened by a greeting ("hey can you make me a quick
// video for my yoga studio?") is a request, not the video's first line; days written in
// lower case are capitalised; ", for kids aged 8 to 10" says whom the video is for; a
// prompt that is the script ("Script: ...", "Voiceover: ...") is said as written, its
// label dropped and nothing added at its end.
func TestCasualAndScriptPrompts(t *testing.T) {
	sc := planFor(t, "hey can you make me a quick video for my yoga studio? we just started sunset classes on the beach every friday at 6pm, bring your own mat. first class is free. keep it chill and friendly").Scenes
	all := spoken(sc, true)
	if strings.Contains(strings.ToLower(all), "can you make") || !strings.Contains(all, "every Friday at 6pm") || strings.Contains(all, "chill") {
		t.Errorf("says %q", all)
	}
	if got := planFor(t, "Create an explainer about how vaccines work, for kids aged 8 to 10. Keep it simple.").Scenes[0]; got.Visual.Title != "How vaccines work" || !strings.Contains(got.Narration, "This one is for kids aged 8 to 10.") {
		t.Errorf("title %q, says %q", got.Visual.Title, got.Narration)
	}
	for _, tc := range []struct{ prompt, want string }{
		{"Script: Welcome to Harbor Dental. Parking is free behind the building. Please arrive 10 minutes before your appointment. We look forward to seeing you.",
			"Welcome to Harbor Dental. Parking is free behind the building. Please arrive 10 minutes before your appointment. We look forward to seeing you. "},
		{"Voiceover: Meet Brewly. It grinds, brews and pours. Order yours at brewly.example.", "Meet Brewly. It grinds, brews and pours. Order yours at brewly.example. "},
	} {
		if got := spoken(planFor(t, tc.prompt).Scenes, false); got != tc.want {
			t.Errorf("%q says %q, want %q", tc.prompt, got, tc.want)
		}
	}
}

// TestListsOfThings: "There will be food trucks, games for kids, and live music" shows
// "Food trucks" as the others; perks without verbs are a list too; a video named by what
// it shows ("Real estate listing video: ...") does not say its name as a sentence; a
// quoted course title is no audience ("This intro is for Python for Beginners." before);
// a fact restated after a colon keeps no capital ("Once more: Offer ends Friday." before).
func TestListsOfThings(t *testing.T) {
	for _, tc := range []struct {
		prompt  string
		bullets []string
	}{
		{"Invite everyone to our company picnic on June 14 at Lakeside Park. There will be food trucks, games for kids, and live music. RSVP by June 7.",
			[]string{"Food trucks", "Games for kids", "Live music"}},
		{"A 45 second recruiting video: we are hiring senior backend engineers in Berlin. Remote-friendly, 30 days of vacation, and a yearly learning budget of 2000 euros. Apply at jobs.acme.dev",
			[]string{"Remote-friendly", "30 days of vacation", "A yearly learning budget of 2000 euros"}},
	} {
		if got := bulletsShown(planFor(t, tc.prompt).Scenes); !slices.Equal(got, tc.bullets) {
			t.Errorf("%q: bullets %q, want %q", tc.prompt, got, tc.bullets)
		}
	}
	for _, tc := range []struct{ prompt, not string }{
		{"Real estate listing video: 3-bedroom house at 12 Oak Lane, 2 bathrooms, a big garden, and a renovated kitchen. Asking price $450,000.", "listing video"},
		{`Course intro for "Python for Beginners". In 6 weeks you learn variables, loops, functions and how to read files.`, "is for Python"},
		{"Gym membership promo: 50% off your first month, no joining fee. Offer ends Friday.", ": Offer"},
	} {
		if all := spoken(planFor(t, tc.prompt).Scenes, false); strings.Contains(all, tc.not) {
			t.Errorf("%q says %q", tc.prompt, all)
		}
	}
}

// TestOtherLanguagesAndSettings: a German "Schulungsvideo" is a request, its list with a
// trailing "wenn ..." clause three bullets; a Spanish "Resume ..." sums up; a phrase that
// only sets the scene ("À partir du 1er juillet, ...") is neither the title nor the gist
// restated; instructions are never restated by their first two; the opening is not said
// again word for word before the call to action.
func TestOtherLanguagesAndSettings(t *testing.T) {
	de := planFor(t, "Erstelle ein Schulungsvideo zur Datensicherheit: Verwende starke Passwörter, öffne keine unbekannten Anhänge und sperre deinen Bildschirm, wenn du gehst.").Scenes
	if want := []string{"Verwende starke Passwörter", "Öffne keine unbekannten Anhänge", "Sperre deinen Bildschirm, wenn du gehst"}; !slices.Equal(bulletsShown(de), want) || strings.Contains(de[0].Narration, "Erstelle") {
		t.Errorf("opens %q, bullets %q", de[0].Narration, bulletsShown(de))
	}
	if got := planFor(t, "Resume nuestros resultados del trimestre: las ventas crecieron un 15%, abrimos 2 tiendas y contratamos a 40 personas.").Scenes[0].Narration; got != "Resumen: nuestros resultados del trimestre." {
		t.Errorf("opens %q", got)
	}
	fr := planFor(t, "Fais une vidéo pour nos clients : à partir du 1er juillet, la livraison est gratuite dès 30 euros. Commandez sur boutique.example.").Scenes
	if fr[0].Visual.Title != "La livraison est gratuite dès 30 euros" || strings.Contains(spoken(fr, false), ": à partir du 1er juillet.") {
		t.Errorf("title %q, says %q", fr[0].Visual.Title, spoken(fr, false))
	}
	for _, tc := range []struct{ prompt, not string }{
		{"Safety tips for cyclists: wear a helmet, use lights at night, and signal before you turn, because drivers cannot read your mind.", "sum up: wear a helmet, use lights at night."},
		{"Make a product video for Brewly. Starting next week, every order ships free. Order at brewly.example.", "free. Brewly: starting"},
	} {
		if all := spoken(planFor(t, tc.prompt).Scenes, false); strings.Contains(all, tc.not) {
			t.Errorf("%q says %q", tc.prompt, all)
		}
	}
}

// TestStepsToldInSentences: a procedure told sentence by sentence ("First, ... Then ...
// If ..., ... Finally, ...") is shown step by step (its sentences were cut into bullets
// such as "Finally" and "If anything is damaged"), and long steps are not joined into one
// recap; results told in order stay facts.
func TestStepsToldInSentences(t *testing.T) {
	sc := planFor(t, "Make a 2-minute training video for new warehouse staff about receiving deliveries. First, check the delivery note against the order. Then count the boxes and inspect them for damage. If anything is damaged, take a photo and note it on the delivery note. Finally, scan each box into the system and move it to the staging area.").Scenes
	all := spoken(sc, false)
	for _, want := range []string{"Step 1: check the delivery note against the order.", "Step 3: if anything is damaged, take a photo and note it on the delivery note.", "Step 4: scan each box"} {
		if !strings.Contains(all, want) {
			t.Errorf("does not say %q: %q", want, all)
		}
	}
	if b := bulletsShown(sc); len(b) > 0 || strings.Contains(all, "sum up") {
		t.Errorf("bullets %q, says %q", b, all)
	}
	if all := spoken(planFor(t, "Our year in review. First, we grew revenue by 18%. Then we opened two offices. Finally, we hired 40 people.").Scenes, false); strings.Contains(all, "Step") {
		t.Errorf("results as steps: %q", all)
	}
}

// TestThanksSalesAndTours: "A thank you video for our donors" thanks them (it was said as
// written); a sale named for a day is introduced, not met ("Meet Black Friday."); what a
// product lets you do is its highlights, not "what to do"; French "Présentez ..." is a
// request; a prompt that thanks the viewers for watching gets no second sign-off.
func TestThanksSalesAndTours(t *testing.T) {
	checkExactOpenings(t, []openingCase{
		{"A thank you video for our donors. Your gifts funded 12 new wells in Kenya this year.", "A big thank you to our donors!"},
		{"We need a 30-second promo for Black Friday: everything 40% off, free shipping on orders over $50, and this weekend only.", "Introducing Black Friday."},
		{"Présentez notre nouveau service de livraison à vélo à Paris. Livraison en moins de 30 minutes, 7 jours sur 7.", "Découvrez notre nouveau service de livraison à vélo à Paris."},
	})
	if all := spoken(planFor(t, "Product tour of Tasklane: create a project, invite your team, and track every task on one board.").Scenes, false); strings.Contains(all, "what to do") {
		t.Errorf("says %q", all)
	}
	if all := spoken(planFor(t, "Thank you for watching our channel.").Scenes, false); strings.Count(strings.ToLower(all), "for watching") != 1 {
		t.Errorf("says %q", all)
	}
}

// TestBulletLinesAndRecaps: lines marked "- " are said without the dash (it was said and
// shown: "- Next: expand to Canada"); an all-hands with "new customers" is no welcome
// ("Welcome aboard." before) and sums up rather than introduces; a restated result keeps
// no capital ("To sum up: Revenue grew ..." before).
func TestBulletLinesAndRecaps(t *testing.T) {
	sc := planFor(t, "Create a video for our Q1 all-hands.\n- Revenue: $3.1M, up 22%\n- New customers: 140\n- Launched the mobile app\n- Next: expand to Canada").Scenes
	all := spoken(sc, true)
	if strings.Contains(all, "- ") || strings.Contains(all, "Welcome") || sc[0].Narration != "A quick summary of our Q1 all-hands." {
		t.Errorf("says %q", all)
	}
	if all := spoken(planFor(t, "A one-minute recap of our third quarter. Revenue grew 18% to $4.2 million. We opened an office in Lisbon.").Scenes, false); strings.Contains(all, ": Revenue") {
		t.Errorf("says %q", all)
	}
}

// TestNamedProductMet: "our app Sprout, which helps ..." is met, with "Our app Sprout" on
// the title card (it was introduced, under a title cut mid-phrase at 60 characters); its
// features told as instructions are not summed up by the first.
func TestNamedProductMet(t *testing.T) {
	sc := planFor(t, "Make an explainer for our app Sprout, which helps parents track their baby's sleep, feeding and diapers. Log anything in two taps. Share the log with your partner. See weekly patterns in simple charts.").Scenes
	if sc[0].Visual.Title != "Our app Sprout" || !strings.HasPrefix(sc[0].Narration, "Meet our app Sprout, which helps") {
		t.Errorf("title %q, opens %q", sc[0].Visual.Title, sc[0].Narration)
	}
	if all := spoken(sc, false); strings.Contains(all, "sum up") {
		t.Errorf("says %q", all)
	}
}

// TestShowPeopleHow: "Show customers how to update their billing details" is about the
// how, for customers, said to them ("Today's topic: customers how to update their ..."
// before).
func TestShowPeopleHow(t *testing.T) {
	sc := planFor(t, "Show customers how to update their billing details: go to Settings > Billing, click Edit, enter the new card, and save.").Scenes
	if got := sc[0].Narration; got != "Let's look at how to update your billing details. This one is for customers." {
		t.Errorf("opens %q", got)
	}
}

// TestCountsAndLengths: "8 video lessons" is a fact, not a request for an 8-second video
// ("Lessons, lifetime access ..." was said, the count lost); a length before the colon
// ("Explain our refund policy in 30 seconds: ...") is not part of the topic.
func TestCountsAndLengths(t *testing.T) {
	sc := planFor(t, `Create a promo for our online course "Watercolor Basics". 8 video lessons, lifetime access, and a certificate. Enroll for $49 at art.example.`).Scenes
	if all := spoken(sc, false); !strings.Contains(all, "8 video lessons, lifetime access, and a certificate.") {
		t.Errorf("says %q", all)
	}
	sc = planFor(t, "Explain our refund policy in 30 seconds: full refund within 14 days, store credit after that, and no refunds on gift cards.").Scenes
	if sc[0].Visual.Title != "Our refund policy" || sc[0].Narration != "Today's topic: our refund policy." {
		t.Errorf("title %q, opens %q", sc[0].Visual.Title, sc[0].Narration)
	}
}

// TestNewsWithItsList: "Video for our newsletter subscribers: this month we added dark
// mode, faster search, and a new iPad app" opens with whom it is for, then shows what was
// added as bullets (all of it was said on the title card, no bullets, under the title
// "This month we added dark mode").
func TestNewsWithItsList(t *testing.T) {
	sc := planFor(t, "Video for our newsletter subscribers: this month we added dark mode, faster search, and a new iPad app.").Scenes
	if sc[0].Narration != "This one is for our newsletter subscribers." {
		t.Errorf("opens %q", sc[0].Narration)
	}
	if want := []string{"Dark mode", "Faster search", "A new iPad app"}; !slices.Equal(bulletsShown(sc), want) {
		t.Errorf("bullets %q, want %q", bulletsShown(sc), want)
	}
}

// TestGermanAccusativeTopic: a German topic after "über" is in the accusative, which
// "Wir stellen vor: unseren neuen Lieferservice." got wrong; it is framed with "um" and
// titled in the nominative.
func TestGermanAccusativeTopic(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, title string }{
		{"Erstelle ein Video für unsere Kunden über unseren neuen Lieferservice. Wir liefern jetzt auch sonntags.", "Heute geht es um unseren neuen Lieferservice.", "Unser neuer Lieferservice"},
		{"Ein Video über den neuen Spielplatz im Park. Er öffnet am Montag.", "Heute geht es um den neuen Spielplatz im Park.", "Der neue Spielplatz im Park"},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if !strings.HasPrefix(sc[0].Narration, tc.opening) || sc[0].Visual.Title != tc.title {
			t.Errorf("%q: title %q, opens %q", tc.prompt, sc[0].Visual.Title, sc[0].Narration)
		}
	}
}

// TestInstructionsInARow: a how-to told as instructions in a row, without "first" or
// "then", is shown step by step (they were paired on title cards and summed up by the
// first); "Follow us on Instagram" keeps its platform ("Follow us." before), which a
// request's "on Instagram" does not.
func TestInstructionsInARow(t *testing.T) {
	all := spoken(planFor(t, "Create a training video on how to handle a customer complaint. Listen without interrupting. Apologize for the trouble. Offer a solution. Follow up the next day.").Scenes, false)
	for _, want := range []string{"Step 1: listen without interrupting.", "Step 3: offer a solution.", "Step 4: follow up the next day."} {
		if !strings.Contains(all, want) {
			t.Errorf("does not say %q: %q", want, all)
		}
	}
	if all := spoken(planFor(t, "Make a video about our bakery. Try our sourdough. Visit us on Elm Street. Follow us on Instagram.").Scenes, false); !strings.Contains(all, "Follow us on Instagram.") {
		t.Errorf("says %q", all)
	}
}

// TestLifeguardBriefing, a prompt written fresh at review: "the first aid kit is in the
// office next to the entrance" is one fact, not bullets "Aid kit is in the office" and
// "To the entrance" ("first" and "next" read as sequence words); new lifeguards at Bayside
// Pool are the audience, where they work said ("Today's topic: new lifeguards at ..."
// before); the rules are one card.
func TestLifeguardBriefing(t *testing.T) {
	sc := planFor(t, "Make a 40-second training video for new lifeguards at Bayside Pool. Always keep your eyes on the water, never leave your chair without a replacement, and blow the whistle twice for an emergency. The first aid kit is in the office next to the entrance. Shifts start at 7am.").Scenes
	if sc[0].Narration != "This one is for new lifeguards at Bayside Pool." {
		t.Errorf("opens %q", sc[0].Narration)
	}
	want := []string{"Always keep your eyes on the water", "Never leave your chair without a replacement", "Blow the whistle twice for an emergency"}
	if got := bulletsShown(sc); !slices.Equal(got, want) {
		t.Errorf("bullets %q, want %q", got, want)
	}
	all := spoken(sc, false)
	for _, fact := range []string{"The first aid kit is in the office next to the entrance.", "Shifts start at 7am."} {
		if !strings.Contains(all, fact) {
			t.Errorf("does not say %q: %q", fact, all)
		}
	}
}
