package agent_test

import (
	"slices"
	"strings"
	"testing"
)

// TestNewsFromOurPlace: a video for the user's own shop whose content is its news ("we now
// open at 11am ...") greets from the shop rather than introducing it as a product
// ("Introducing our ice cream shop." before), and the news, just shown as bullets, is not
// summed up by its first part ("To sum up: we now open at 11am on weekends.") or said again
// whole.
func TestNewsFromOurPlace(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, title, news string }{
		{"Make a short video for our ice cream shop: we now open at 11am on weekends, and our new flavor is pistachio honey.",
			"Hello from our ice cream shop!", "Our ice cream shop", "open at 11am"},
		{"A reel for our bakery: our sourdough is back, and we now deliver on Sundays.",
			"Hello from our bakery!", "Our bakery", "deliver on Sundays"},
		{"Un video para nuestra panadería: ahora abrimos los domingos y tenemos pan sin gluten.",
			"¡Hola desde nuestra panadería!", "Nuestra panadería", "abrimos los domingos"},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if sc[0].Narration != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, sc[0].Narration, tc.opening)
		}
		if sc[0].Visual.Title != tc.title {
			t.Errorf("%q: title card %q, want %q", tc.prompt, sc[0].Visual.Title, tc.title)
		}
		if all := spoken(sc, false); strings.Count(all, tc.news) != 1 {
			t.Errorf("%q: the news said %d times: %q", tc.prompt, strings.Count(all, tc.news), all)
		}
	}
	// Someone else's place, or news not told by the user, is still introduced.
	sc := planFor(t, "A promo video for our Lisbon food tour: three hours, ten tastings, and a local guide.").Scenes
	if sc[0].Narration != "Introducing our Lisbon food tour." {
		t.Errorf("the food tour opens %q", sc[0].Narration)
	}
}

// TestQuestionsAnswered: an FAQ says so ("Introducing our gym." before, or the first
// question said as news of "Brightside Dental:"), in each language, whatever names the
// format ("preguntas frecuentes para ...", "FAQ-Video"); each question heads its card with
// its answer under it (the first answer's figure was a stat card of its own); "Are kids
// welcome?" does not make it a welcome video ("Welcome aboard." before).
func TestQuestionsAnswered(t *testing.T) {
	for _, tc := range []struct {
		prompt, opening string
		qa              [][2]string
	}{
		{"FAQ video for our gym. Do you offer day passes? Yes, for $15. Can I freeze my membership? Yes, for up to 3 months. Is there parking? Free parking behind the building.",
			"Your questions about our gym, answered.", [][2]string{{"Do you offer day passes?", "Yes, for $15"}, {"Is there parking?", "Free parking behind the building"}}},
		{"Make an FAQ video for Brightside Dental. Do you take walk-ins? Yes, every weekday morning. Do you accept insurance? We accept most major plans.",
			"Your questions about Brightside Dental, answered.", [][2]string{{"Do you take walk-ins?", "Yes, every weekday morning"}}},
		{"Haz un video de preguntas frecuentes para nuestra tienda. ¿Hacen envíos? Sí, a toda España. ¿Puedo devolver un producto? Sí, durante 30 días.",
			"Respondemos tus preguntas sobre nuestra tienda.", [][2]string{{"¿Hacen envíos?", "Sí, a toda España"}}},
		{"Erstelle ein FAQ-Video für unser Café. Habt ihr WLAN? Ja, kostenlos. Gibt es vegane Kuchen? Ja, jeden Tag.",
			"Fragen und Antworten rund um unser Café.", [][2]string{{"Habt ihr WLAN?", "Ja, kostenlos"}}},
		{"Crée une vidéo FAQ pour notre librairie. Livrez-vous à domicile ? Oui, dans tout Paris. Peut-on réserver un livre ? Oui, en ligne.",
			"Vos questions sur notre librairie, nos réponses.", nil},
		{"Questions we get a lot at Harbor Kayaks. Do I need experience? No, we teach you on the water. Are kids welcome? Yes, from age 8 with an adult.",
			"", [][2]string{{"Are kids welcome?", "Yes, from age 8 with an adult"}}},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if tc.opening != "" && sc[0].Narration != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, sc[0].Narration, tc.opening)
		}
		for _, qa := range tc.qa {
			found := false
			for _, s := range sc {
				if s.Visual.Title == qa[0] {
					found = true
					if s.Visual.Subtitle != qa[1] {
						t.Errorf("%q: the card of %q shows %q under it, want %q", tc.prompt, qa[0], s.Visual.Subtitle, qa[1])
					}
				}
			}
			if !found {
				t.Errorf("%q: no card headed %q", tc.prompt, qa[0])
			}
		}
		for _, s := range sc {
			if s.Visual.Kind == "stat" {
				t.Errorf("%q: a stat card %q", tc.prompt, s.Visual.Text)
			}
		}
		if all := spoken(sc, false); strings.Contains(all, "Welcome aboard") {
			t.Errorf("%q: %q", tc.prompt, all)
		}
	}
}

// TestListWithTheRequestFirst: a list given with the request comes first, before the
// sentences after it (the price came before the features it is the price of), and the
// last card is not said again as the summary ("Price: $149." twice in a row).
func TestListWithTheRequestFirst(t *testing.T) {
	sc := planFor(t, "Make a product video for the Nimbus 2 headphones: 40 hours of battery, active noise cancelling, and they fold flat. Price: $149.").Scenes
	all := spoken(sc, false)
	hi, price := strings.Index(all, "40 hours of battery"), strings.Index(all, "Price: $149")
	if hi < 0 || price < 0 || hi > price {
		t.Errorf("the features should come before the price: %q", all)
	}
	if n := strings.Count(all, "$149"); n != 1 {
		t.Errorf("the price said %d times: %q", n, all)
	}
}

// TestTheUsersOwnEnding: "End with: Get a free quote at ..." ends on the user's words
// ("Learn more at ..." before), and `End with "Book your first class free at ..."` is
// the call to action, not a quotation ("In their words: Book ... at urlqa." before, a
// placeholder said aloud).
func TestTheUsersOwnEnding(t *testing.T) {
	for _, tc := range []struct{ prompt, cta string }{
		{"Make a 45-second explainer about how our solar panels work: sunlight hits the cells, the cells turn it into direct current, and an inverter converts it to household power. End with: Get a free quote at sunbright.example.",
			"Get a free quote at sunbright.example."},
		{`Make a promo for our yoga studio. End with "Book your first class free at calmflow.example".`,
			"Book your first class free at calmflow.example."},
	} {
		sc := planFor(t, tc.prompt).Scenes
		all := spoken(sc, true)
		if !strings.Contains(all, tc.cta) || strings.Contains(all, "Learn more") {
			t.Errorf("%q does not end on %q: %q", tc.prompt, tc.cta, all)
		}
		if strings.Contains(all, "urlq") || strings.Contains(all, "In their words") {
			t.Errorf("%q: %q", tc.prompt, all)
		}
	}
}

// TestTellingPeople: "a video telling people (that) we now offer ..." tells them that:
// the news is the content ("People we now offer nail trims for £10" was the title), a
// list shown as bullets after the user's own first sentence; new customers getting a
// discount do not make it a welcome video ("Welcome aboard.").
func TestTellingPeople(t *testing.T) {
	sc := planFor(t, "We are a small dog grooming salon in Leeds. Make a friendly video telling people we now offer nail trims for £10, open late on Thursdays until 8pm, and that new customers get 20% off their first groom.").Scenes
	if sc[0].Narration != "We are a small dog grooming salon in Leeds." {
		t.Errorf("opens %q", sc[0].Narration)
	}
	want := []string{"We now offer nail trims for £10", "Open late on Thursdays until 8pm", "New customers get 20% off their first groom"}
	if got := bulletsShown(sc); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("bullets %q, want %q", got, want)
	}
	if all := spoken(sc, true); strings.Contains(all, "Welcome aboard") || strings.Contains(all, "People we") || strings.Contains(all, "and that") {
		t.Errorf("%q", all)
	}
	checkExactOpenings(t, []openingCase{
		{"A short clip telling staff that the parking lot will be repaved on Monday.", "The parking lot will be repaved on Monday. This one is for staff."},
		// "Introducing our prices go up on March 1." before.
		{"Create a short video reminding customers that our prices go up on March 1. Lock in the current price by renewing before then.", "Our prices go up on March 1. This one is for customers."},
		{"Make a short video warning guests that the pool is closed for repairs until Friday.", "The pool is closed for repairs until Friday. This one is for guests."},
	})
}

// TestWhatOneThingDoes: "Brewly grinds the beans, heats the water, and pours the perfect
// cup" is said as written beside its bullets, once: not also as things to do ("Here's
// what to do: grinds the beans, ...") on a second card.
func TestWhatOneThingDoes(t *testing.T) {
	sc := planFor(t, "Make a video about Brewly: Brewly grinds the beans, heats the water, and pours the perfect cup.").Scenes
	cards := 0
	for _, s := range sc {
		if len(s.Visual.Bullets) > 0 {
			cards++
		}
	}
	if all := spoken(sc, false); cards != 1 || strings.Contains(all, "what to do") || strings.Count(all, "grinds the beans") != 1 {
		t.Errorf("%d cards of bullets: %q", cards, all)
	}
}

// TestTestimonial: a quotation with who said it is the video's content, introduced by
// its speaker ("Switching to Payflow ... - Maria Lopez, CFO at Brightline." was said as
// the opening and summed up; "Today's topic: with this quote from our CEO Dana Park.").
func TestTestimonial(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, quote string }{
		{`A testimonial video: "Switching to Payflow saved us 10 hours a week" - Maria Lopez, CFO at Brightline.`,
			"Hear it from Maria Lopez, CFO at Brightline.", "Switching to Payflow saved us 10 hours a week"},
		{`Make a video with this quote from our CEO Dana Park: "We build tools that get out of your way."`,
			"Hear it from CEO Dana Park.", "We build tools that get out of your way."},
	} {
		sc := planFor(t, tc.prompt).Scenes
		if sc[0].Narration != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, sc[0].Narration, tc.opening)
		}
		quoted := false
		for _, s := range sc {
			quoted = quoted || s.Visual.Kind == "quote" && s.Visual.Text == tc.quote
		}
		if all := spoken(sc, false); !quoted || strings.Contains(all, "To sum up") {
			t.Errorf("%q: quoted %v: %q", tc.prompt, quoted, all)
		}
	}
}

// TestInvitationAndAudience: "our Christmas party invitation" invites to the party
// ("Introducing our Christmas party invitation." before) and its date keeps its capital
// in a list ("december 19"); "Explain to parents why ..." is for parents ("This one is
// for to parents."), under a title not cut after a word that waits for more ("... week
// starting").
func TestInvitationAndAudience(t *testing.T) {
	sc := planFor(t, "Make a video for our Christmas party invitation: December 19 at 7pm at The Old Mill, Secret Santa gifts under $20, RSVP by December 12.").Scenes
	if sc[0].Narration != "You're invited to our Christmas party." {
		t.Errorf("opens %q", sc[0].Narration)
	}
	if all := spoken(sc, false); strings.Contains(all, "december") {
		t.Errorf("%q", all)
	}
	sc = planFor(t, "Explain to parents why our school is switching to a four-day week starting in September.").Scenes
	if all := spoken(sc, false); !strings.Contains(all, "This one is for parents.") {
		t.Errorf("%q", all)
	}
	if got := sc[0].Visual.Title; strings.HasSuffix(got, "starting") {
		t.Errorf("title %q", got)
	}
}

// TestWhoItIsFor: "photosynthesis for 5th graders" is a topic for 5th graders ("Today's
// topic: photosynthesis for 5th graders."), and "a video about it for our app users"
// points back at what the prompt says ("Today's topic: it for our app users.").
func TestWhoItIsFor(t *testing.T) {
	sc := planFor(t, "Create a video lesson about photosynthesis for 5th graders.").Scenes
	if all := spoken(sc, false); !strings.Contains(all, "Today's topic: photosynthesis. This one is for 5th graders.") {
		t.Errorf("%q", all)
	}
	sc = planFor(t, "We just launched dark mode! Make a quick video about it for our app users.").Scenes
	if all := spoken(sc, true); strings.Contains(all, "it for") || !strings.Contains(all, "We just launched dark mode!") || !strings.Contains(all, "This one is for app users.") {
		t.Errorf("%q", all)
	}
}

// TestWelcomeToANamedPlace: "new members of our coworking space, The Hive" are welcomed
// to the place by its name ("Welcome to our coworking space! Today's topic: The Hive."
// before).
func TestWelcomeToANamedPlace(t *testing.T) {
	sc := planFor(t, "Create a welcome video for new members of our coworking space, The Hive. The Wi-Fi password is on the kitchen fridge. Meeting rooms can be booked in the app.").Scenes
	if got := sc[0].Narration; got != "Welcome to our coworking space, The Hive! This one is for new members." {
		t.Errorf("opens %q", got)
	}
}

// TestOneSentenceOneBullet: a sentence whose subject has two nouns ("mats and towels are
// included") or an apposition ("Our new teacher, Priya, leads ...") is not cut into
// bullets at its "and" or its commas ("Mats" and "Priya" were bullets of their own).
func TestOneSentenceOneBullet(t *testing.T) {
	sb := planFor(t, "Make a 40-second video for our yoga studio, Lotus Room, in Bristol. We now run a 6am sunrise class on weekdays, beginners get their first week free, and mats and towels are included with every class. Our new teacher, Priya, leads the Thursday evening flow. End with: Book your first class at lotusroom.example.")
	var bullets []string
	for _, sc := range sb.Scenes {
		bullets = append(bullets, sc.Visual.Bullets...)
	}
	want := []string{"We now run a 6am sunrise class on weekdays", "Beginners get their first week free", "Mats and towels are included with every class"}
	if !slices.Equal(bullets, want) {
		t.Errorf("bullets %q, want %q", bullets, want)
	}
}
