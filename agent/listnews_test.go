package agent_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
)

// TestNewsListShownAsBullets: a prompt for an organisation whose message lists several
// pieces of news ("... for Lakeside Dental: we now open at 7am, offer ..., and accept ...")
// opens with a greeting and shows the list on a bullets card, instead of speaking it all over
// the title card; a list after "with" shows its items, not the preposition.
func TestNewsListShownAsBullets(t *testing.T) {
	for _, tc := range []struct {
		prompt  string
		bullets []string
	}{
		{"Make a 30-second video for Lakeside Dental: we now open at 7am on weekdays, offer free whitening with every cleaning this month, and accept all major insurance plans. Book at lakesidedental.example/book.",
			[]string{"We now open at 7am on weekdays", "Offer free whitening with every cleaning this month", "Accept all major insurance plans"}},
		{"Make a 30-second video for Pinecrest Library: the new makerspace opens March 3 on the second floor, with two 3D printers, a laser cutter and a sewing machine. Workshops are free for card holders; sign up at pinecrest.org/make.",
			[]string{"Two 3D printers", "Laser cutter", "Sewing machine"}},
		// An item of nine words is shown whole: extraction no longer cut items at eight.
		{"Make a 40-second video for Greenleaf Pharmacy: flu shots are available without an appointment, we now deliver prescriptions within 2 hours in Brookfield, and our pharmacists answer questions by chat until 9pm. Visit greenleaf.example/flu.",
			[]string{"We now deliver prescriptions within 2 hours in Brookfield", "Our pharmacists answer questions by chat until 9pm"}},
	} {
		sb := planFor(t, tc.prompt)
		if n := len(strings.Fields(sb.Scenes[0].Narration)); n > 8 {
			t.Errorf("%s: the opening says %d words over the title card: %q", sb.Title, n, sb.Scenes[0].Narration)
		}
		var shown []string
		for _, sc := range sb.Scenes {
			if sc.Visual.Kind == videoagent.VisualBullets {
				shown = append(shown, sc.Visual.Bullets...)
			}
		}
		for _, b := range tc.bullets {
			found := false
			for _, s := range shown {
				found = found || s == b
			}
			if !found {
				t.Errorf("%s: no bullet %q among %q", sb.Title, b, shown)
			}
		}
	}
}

// TestLengthAfterRequestVerbNotSaid: "Explain in 45 seconds how ..." asks for a length; the
// video is about the how, and never says or shows the length. A question followed by its
// list shows the list as bullets.
func TestLengthAfterRequestVerbNotSaid(t *testing.T) {
	for _, tc := range []struct{ prompt, title string }{
		{"Explain in 45 seconds how our app Tidy helps families share chores: parents add chores, kids tick them off, and everyone earns points toward rewards.", "How our app Tidy helps families share chores"},
		{"Describe in under a minute why regular backups matter for small businesses.", "Why regular backups matter for small businesses"},
	} {
		sb := planFor(t, tc.prompt)
		if sb.Title != tc.title {
			t.Errorf("title %q, want %q", sb.Title, tc.title)
		}
		bullets := 0
		for _, sc := range sb.Scenes {
			said := strings.ToLower(sc.Narration + " " + sc.Visual.Title)
			if strings.Contains(said, "second") || strings.Contains(said, "minute") {
				t.Errorf("%s: scene %s says the length: %q / %q", tc.title, sc.ID, sc.Narration, sc.Visual.Title)
			}
			bullets += len(sc.Visual.Bullets)
		}
		if strings.Contains(tc.prompt, ":") && bullets != 3 {
			t.Errorf("%s: %d bullets, want the 3 items", tc.title, bullets)
		}
	}
}

// TestHeadingThenStatement: "Big news from Crumb & Co: we now bake ...": the heading opens
// on the title card, the news is said on a card of its own, and the closing restates the
// news, not the heading.
func TestHeadingThenStatement(t *testing.T) {
	sb := planFor(t, "Big news from Crumb & Co: we now bake gluten-free sourdough every Saturday.")
	if got := sb.Scenes[0].Narration; got != "Big news from Crumb & Co." {
		t.Errorf("opening %q, want the heading alone", got)
	}
	news := 0
	for _, sc := range sb.Scenes[1:] {
		if strings.Contains(sc.Narration, "we now bake gluten-free sourdough every Saturday") ||
			strings.Contains(sc.Narration, "We now bake gluten-free sourdough every Saturday") {
			news++
		}
		if strings.Contains(sc.Narration, "sum up: Big news") {
			t.Errorf("the closing restates the heading: %q", sc.Narration)
		}
	}
	if news == 0 {
		t.Errorf("the news is not said after the heading: %+v", sb.Scenes)
	}
}

// TestGreetingHeadings: "Welcome aboard: ..." and "Welcome back! ..." greet the viewers
// once (not "Meet aboard.", not "Welcome aboard." again at the end), and a restated
// sentence that starts with "every" is lower-cased after "Once more:".
func TestGreetingHeadings(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, never string }{
		{"Welcome aboard: your laptop is ready at the IT desk, and your badge arrives on Tuesday.", "Welcome aboard.", "Meet aboard"},
		{"Welcome back! The gym reopens on Monday with new rowing machines.", "Welcome back!", "Welcome aboard"},
		{"Summer sale at Moss & Fern: every houseplant is 30% off until Sunday.", "Summer sale at Moss & Fern.", "Once more: Every"},
		// A name's "Works" is not a verb; a one-word heading is not said alone.
		{"Big news from Pedal Works: we now fix e-bikes on Saturdays.", "Big news from Pedal Works.", "sum up: Big news"},
		// The only fact is said once: the video is this one scene.
		{"Note: the car park is closed on Sunday.", "Note: the car park is closed on Sunday. Thanks for watching.", "Note. "},
	} {
		sb := planFor(t, tc.prompt)
		if got := sb.Scenes[0].Narration; got != tc.opening {
			t.Errorf("%q: opening %q, want %q", tc.prompt, got, tc.opening)
		}
		all := spoken(sb.Scenes, false)
		if strings.Contains(all, tc.never) || strings.Count(strings.ToLower(all), "welcome") > 1 {
			t.Errorf("%q: says %q", tc.prompt, all)
		}
	}
}

// TestGreetingNotHeld: an opening that only greets ("Hello from Greenleaf Pharmacy!") is not
// held on screen in silence to make up the asked length (it was held 5 s, then the bullets
// 5 s and the end card 6.5 s: 17 s of a 37 s video without a word); the video is shorter,
// and says why. A longer greeting is told by what it says, not by its words' count.
func TestGreetingNotHeld(t *testing.T) {
	sb := planFor(t, "Make a 40-second video for Greenleaf Pharmacy: flu shots are available without an appointment, we now deliver prescriptions within 2 hours in Brookfield, and our pharmacists answer questions by chat until 9pm. Visit greenleaf.example/flu.")
	if sc := sb.Scenes[0]; sc.Narration != "Hello from Greenleaf Pharmacy!" || sc.Duration > 4 {
		t.Errorf("opening %q held %.1f s, want the greeting for at most 4 s", sc.Narration, sc.Duration)
	}
	// "flu" is written in lower case in the prompt: no name, lower-cased after a colon.
	for _, sc := range sb.Scenes {
		if strings.Contains(sc.Narration, ": Flu") {
			t.Errorf("scene %s: %q", sc.ID, sc.Narration)
		}
	}
	// A greeting of seven words, too long for the word count alone to tell: held 7.7 s
	// for 2.5 s of speech before, while the other cards could take the time.
	sb = planFor(t, "Make a 30-second video for our bike shop, Spoke & Chain. We now do same-day repairs, e-bike servicing starts at $49, and we are open on Sundays from 10am to 4pm. End with: Book a repair at spokeandchain.example.")
	if sc := sb.Scenes[0]; sc.Narration != "Hello from our bike shop, Spoke & Chain!" || sc.Duration > 5.5 {
		t.Errorf("opening %q held %.1f s", sc.Narration, sc.Duration)
	}
	if d := agent.EstimateDuration(sb, func(string) float64 { return 165 }).Seconds(); d < 27 || d > 33 {
		t.Errorf("the bike shop's video runs %.1f s, asked 30", d)
	}
}

// TestInstructionNotAList: a tip after a heading ("A quick tip from Pedal Works, the bike
// repair shop: check your tyre pressure every week, because ...") opens with the heading,
// and the tip, with its reason or its details, is said whole and never shown cut into
// bullets ("Because soft tyres wear out fast", "Dry place") or restated cut short ("keep
// your medicines in a cool."). A list of instructions is still a list.
func TestInstructionNotAList(t *testing.T) {
	for _, tc := range []struct {
		prompt, opening, tip string
		bullets              []string
	}{
		{prompt: "A quick tip from Pedal Works, the bike repair shop: check your tyre pressure every week, because soft tyres wear out fast and make riding harder.",
			opening: "A quick tip from Pedal Works, the bike repair shop.",
			tip:     "Check your tyre pressure every week, because soft tyres wear out fast and make riding harder."},
		{prompt: "Quick tip from Greenleaf Pharmacy: keep your medicines in a cool, dry place, away from sunlight.",
			opening: "Quick tip from Greenleaf Pharmacy.",
			tip:     "Keep your medicines in a cool, dry place, away from sunlight."},
		{prompt: "Three tips for better sleep: go to bed at the same time, keep your room cool, and put your phone away an hour before bed.",
			opening: "Three tips for better sleep.",
			bullets: []string{"Go to bed at the same time", "Keep your room cool", "Put your phone away an hour before bed"}},
	} {
		sb := planFor(t, tc.prompt)
		if got := sb.Scenes[0].Narration; got != tc.opening {
			t.Errorf("%s: opening %q, want %q", sb.Title, got, tc.opening)
		}
		var bullets []string
		said := ""
		for _, sc := range sb.Scenes[1:] {
			bullets = append(bullets, sc.Visual.Bullets...)
			said += sc.Narration + " "
		}
		if tc.tip != "" && !strings.Contains(said, tc.tip) {
			t.Errorf("%s: the tip is not said whole after the opening: %q", sb.Title, said)
		}
		if strings.Join(bullets, "|") != strings.Join(tc.bullets, "|") {
			t.Errorf("%s: bullets %q, want %q", sb.Title, bullets, tc.bullets)
		}
		for _, cut := range []string{"in a cool."} {
			if strings.Contains(said, cut) {
				t.Errorf("%s: a restatement cut short, ending %q: %q", sb.Title, cut, said)
			}
		}
	}
}

// TestOnlyFactSaidOnce: a prompt of one fact ("Note: the car park is closed on Sunday.")
// says it once, not again word for word at the end, and a label before a colon ("Note:")
// is not shown on the title card.
func TestOnlyFactSaidOnce(t *testing.T) {
	for _, tc := range []struct{ prompt, fact, title string }{
		{"Note: the car park is closed on Sunday.", "the car park is closed on Sunday", "The car park is closed on Sunday"},
		{"A 10-second hello from Crumb & Co bakery.", "Hello from Crumb & Co bakery", "Hello from Crumb & Co bakery"},
	} {
		sb := planFor(t, tc.prompt)
		all := spoken(sb.Scenes, false)
		if n := strings.Count(all, tc.fact); n != 1 {
			t.Errorf("%q: says %q %d times: %q", tc.prompt, tc.fact, n, all)
		}
		if got := sb.Scenes[0].Visual.Title; got != tc.title {
			t.Errorf("%q: title card %q, want %q", tc.prompt, got, tc.title)
		}
	}
}

// TestStepsSaidWhole: the steps of a procedure are all shown and said, and recapped whole
// or not at all; how long a step takes ("wait ten seconds", "boil the eggs for six
// minutes") is not the video's length (the router's steps were dropped to fit 10 s); an
// instruction about the narration ("use a calm voice", "with an upbeat voice") is never
// said or shown.
func TestStepsSaidWhole(t *testing.T) {
	for _, tc := range []struct {
		prompt  string
		bullets []string
		said    []string
	}{
		{prompt: "Explain how to reset the Zephyr router: unplug it, wait ten seconds, plug it back in, and wait until the light turns green.",
			bullets: []string{"Unplug it", "Wait ten seconds", "Plug it back in", "Wait until the light turns green"},
			said:    []string{"Unplug it, wait ten seconds, plug it back in, and wait until the light turns green."}},
		{prompt: "Boil the eggs for six minutes, then cool them in cold water for two minutes and peel them.",
			said: []string{"Boil the eggs for six minutes, then cool them in cold water for two minutes and peel them."}},
		{prompt: "Make a 30-second video about our bakery, use a calm voice, and show our sourdough, croissants and cinnamon rolls.",
			bullets: []string{"Our sourdough", "Croissants", "Cinnamon rolls"}},
		{prompt: "A short promo for Harbor Gym with an upbeat voice: new spin classes every morning at 6am.",
			said: []string{"new spin classes every morning at 6am"}},
	} {
		a := agent.Analyze(videoagent.Brief{Prompt: tc.prompt})
		if a.TargetSec != 0 && a.TargetSec != 30 {
			t.Errorf("%q: asks for %d s", tc.prompt, a.TargetSec)
		}
		sb := planFor(t, tc.prompt)
		var bullets []string
		all := ""
		for _, sc := range sb.Scenes {
			bullets = append(bullets, sc.Visual.Bullets...)
			all += sc.Narration + " " + sc.Visual.Title + " "
		}
		if tc.bullets != nil && strings.Join(bullets, "|") != strings.Join(tc.bullets, "|") {
			t.Errorf("%q: bullets %q, want %q", tc.prompt, bullets, tc.bullets)
		}
		for _, s := range tc.said {
			if !strings.Contains(all, s) {
				t.Errorf("%q: %q is not said: %q", tc.prompt, s, all)
			}
		}
		if strings.Contains(all, "voice") || strings.Contains(all, "unplug it, wait ten seconds, plug it back in.") {
			t.Errorf("%q: says an instruction about the video, or the first steps as if they were all: %q", tc.prompt, all)
		}
	}
}

// TestLengthCompoundRequest: German writes the length and the format as one word ("Ein
// 20-Sekunden-Video für die Bäckerei Sonne: ..."); the request was said aloud and put on
// the title card.
func TestLengthCompoundRequest(t *testing.T) {
	sb := planFor(t, "Ein 20-Sekunden-Video für die Bäckerei Sonne: ab Montag backen wir jeden Tag Dinkelbrot.")
	all := spoken(sb.Scenes, true)
	if strings.Contains(all, "Video") || !strings.Contains(all, "Ab Montag backen wir jeden Tag Dinkelbrot.") {
		t.Errorf("the request is said or shown, or the news is not said: %q", all)
	}
	if a := agent.Analyze(videoagent.Brief{Prompt: "Ein 20-Sekunden-Video für die Bäckerei Sonne: ab Montag backen wir jeden Tag Dinkelbrot."}); a.TargetSec != 20 {
		t.Errorf("asks for %d s, want 20", a.TargetSec)
	}
}

// TestThankRequest: "Thank our volunteers for ...: ..." asks for a thank-you, which the video
// says ("A big thank you to our volunteers ..."), not the request itself; "Thank you for
// shopping with us!" is said to the viewers as written.
func TestThankRequest(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, fact string }{
		{"Thank our volunteers for the river clean-up: 120 people collected 2 tonnes of rubbish in one morning.",
			"thank you to our volunteers for the river clean-up", "120 people collected 2 tonnes of rubbish in one morning."},
		{"Thank you for shopping with us! Your order ships in 2 days.", "Thank you for shopping with us!", "Your order ships in 2 days."},
		{"Congratulate the sales team on hitting 120% of target in Q2. Special thanks to Priya, who closed the Acme deal.",
			"Congratulations to the sales team on hitting 120% of target in Q2!", "Special thanks to Priya, who closed the Acme deal."},
	} {
		sb := planFor(t, tc.prompt)
		all := spoken(sb.Scenes, false)
		if !strings.Contains(sb.Scenes[0].Narration, tc.opening) || !strings.Contains(all, tc.fact) || strings.Contains(all, "Thank our") ||
			strings.Contains(all, "Congratulate") || strings.Contains(all, "topic") {
			t.Errorf("%q: says %q", tc.prompt, all)
		}
	}
}

// TestRequestsSaidAsMeant: what a request asks for is said, not the request ("Today's topic:
// that our clinic moves ...", "Today's topic: new members to the Pine Hill running club",
// "Today's topic: to the team", "Tell staff that ...", "A menu video for ..." before).
func TestRequestsSaidAsMeant(t *testing.T) {
	for _, tc := range []struct{ prompt, opening string }{
		{"Announce that our clinic moves to 14 Oak Street on April 2. Parking is free and the new building has step-free access.",
			"Our clinic moves to 14 Oak Street on April 2."},
		{"Welcome new members to the Pine Hill running club. We run every Tuesday and Thursday at 6pm from the library.",
			"Welcome to the Pine Hill running club! This one is for new members."},
		{"Welcome to the team! Your first day starts at 9am.", "Welcome to the team!"},
		{"Tell staff that the car park is closed on Friday.", "The car park is closed on Friday. This one is for staff."},
		{"Tell customers our store hours change for the holidays: closed December 25 and January 1, open 10am to 4pm on December 24 and 31.",
			"Our store hours change for the holidays. This one is for customers."},
		{"A menu video for Nonna pasta: lasagne, ravioli and gnocchi, all made fresh every morning.", "Hello from Nonna pasta!"},
		{"Introduce Maya Chen, our new head of customer success. She starts on Monday.", "Meet Maya Chen, our new head of customer success."},
		// "Share" is no request verb: "Share this" is said to the viewers.
		{"Share this with your friends.", "Share this with your friends. Thanks for watching."},
		{"Explain the difference between a Roth IRA and a traditional IRA in 45 seconds.",
			"Today's topic: the difference between a Roth IRA and a traditional IRA. Thanks for watching."},
	} {
		sb := planFor(t, tc.prompt)
		if got := sb.Scenes[0].Narration; got != tc.opening {
			t.Errorf("%q: opening %q, want %q", tc.prompt, got, tc.opening)
		}
	}
}

// TestAddedPhraseNotAnItem: "nous ouvrons un coin enfants, avec des lectures chaque
// mercredi" is one statement: it was said as a list of two items joined by "et" ("... et
// avec des lectures ..."), words the user did not write.
func TestAddedPhraseNotAnItem(t *testing.T) {
	sb := planFor(t, "Fais une vidéo de 30 secondes pour la librairie Page Blanche : nous ouvrons un coin enfants, avec des lectures chaque mercredi à 15h.")
	all := spoken(sb.Scenes, false)
	if !strings.Contains(all, "Nous ouvrons un coin enfants, avec des lectures chaque mercredi à 15h.") || strings.Contains(all, "et avec") {
		t.Errorf("the statement is not said as written: %q", all)
	}
}

// planFor plans prompt offline at 165 words a minute, as every test here does.
func planFor(t *testing.T, prompt string) *videoagent.Storyboard {
	t.Helper()
	sb, err := agent.NewPlanner(agent.Options{WordsPerMinute: func(string) float64 { return 165 }}).Plan(context.Background(), videoagent.Brief{Prompt: prompt})
	if err != nil {
		t.Fatal(err)
	}
	return sb
}

// openingCase is a prompt and how its first scene's narration begins.
type openingCase struct{ prompt, opening string }

// checkOpenings plans each prompt and checks how its first scene's narration begins.
func checkOpenings(t *testing.T, cases []openingCase) {
	t.Helper()
	for _, tc := range cases {
		if got := planFor(t, tc.prompt).Scenes[0].Narration; !strings.HasPrefix(got, tc.opening) {
			t.Errorf("%q opens %q, want %q", tc.prompt, got, tc.opening)
		}
	}
}

// checkExactOpenings plans each prompt and checks its first scene's narration whole.
func checkExactOpenings(t *testing.T, cases []openingCase) {
	t.Helper()
	for _, tc := range cases {
		if got := planFor(t, tc.prompt).Scenes[0].Narration; got != tc.opening {
			t.Errorf("%q opens %q, want %q", tc.prompt, got, tc.opening)
		}
	}
}

// bulletsShown is the bullets of the last scene that shows some.
func bulletsShown(scenes []videoagent.Scene) []string {
	var shown []string
	for _, sc := range scenes {
		if len(sc.Visual.Bullets) > 0 {
			shown = sc.Visual.Bullets
		}
	}
	return shown
}

// spoken is what the scenes say, and with titles what their cards show too, one after another.
func spoken(scenes []videoagent.Scene, titles bool) string {
	var b strings.Builder
	for _, sc := range scenes {
		b.WriteString(sc.Narration + " ")
		if titles {
			b.WriteString(sc.Visual.Title + " ")
		}
	}
	return b.String()
}

// TestReminder: "Remind X to ..." opens by saying who the reminder is for, and the call
// to action says what to do to the viewers ("when you leave", not "when they leave";
// "and bring", not "and to bring"). Before, the opening was "Today's topic: timesheets by
// Friday." or the request said as written ("Remind all staff to lock ..."), and "Remind
// parents that school starts at 8:15" was cut at the time's colon.
func TestReminder(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, action string }{
		{"Remind employees to submit their timesheets by Friday at noon.", "A quick reminder for employees.", "Submit your timesheets by Friday at noon."},
		{"Remind all staff to lock the back door when they leave.", "A quick reminder for all staff.", "Lock the back door when you leave."},
		{"Remind the team to update their passwords before Monday.", "A quick reminder for the team.", "Update your passwords before Monday."},
		{"Remind patients to arrive 10 minutes early and to bring their insurance card.", "A quick reminder for patients.",
			"Arrive 10 minutes early and bring your insurance card."},
		{"Remind parents that school starts at 8:15 on Monday.", "School starts at 8:15 on Monday.", ""},
		{"Tell staff the fire drill starts at 10:30 on Tuesday.", "The fire drill starts at 10:30 on Tuesday.", ""},
	} {
		sb := planFor(t, tc.prompt)
		all := spoken(sb.Scenes, true)
		if !strings.HasPrefix(sb.Scenes[0].Narration, tc.opening) || !strings.Contains(all, tc.action) ||
			strings.Contains(all, "Remind") || strings.Contains(all, "topic") || strings.Contains(all, " they ") || strings.Contains(all, " 15 on") {
			t.Errorf("%q: says and shows %q", tc.prompt, all)
		}
	}
}

// TestBirthday: a birthday video wishes the person a happy birthday, first and last, with
// what the user said of them in between. Before, it opened "Introducing my mum Linda, who
// turns 60 on Saturday." and ended "To sum up: she loves gardening and jazz."
func TestBirthday(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, title, fact, last string }{
		{"Make a birthday video for my mum Linda, who turns 60 on Saturday. She loves gardening and jazz.",
			"Happy birthday to my mum Linda, who turns 60 on Saturday!", "Happy birthday to my mum Linda", "She loves gardening and jazz.",
			"Happy birthday to my mum Linda!"},
		{"Create a 20 second birthday message for our colleague Priya. She has been with us for five years.",
			"Happy birthday to our colleague Priya!", "Happy birthday to our colleague Priya", "She has been with us for five years.",
			"Happy birthday to our colleague Priya!"},
		{"A birthday video for Sam from the whole office!", "Happy birthday to Sam from the whole office!",
			"Happy birthday to Sam from the whole office", "", ""},
	} {
		sb := planFor(t, tc.prompt)
		all := spoken(sb.Scenes, false)
		last := sb.Scenes[len(sb.Scenes)-1].Narration
		if !strings.HasPrefix(sb.Scenes[0].Narration, tc.opening) || sb.Scenes[0].Visual.Title != tc.title || !strings.Contains(all, tc.fact) ||
			!strings.HasPrefix(last, tc.last) || strings.Contains(all, "Introducing") || strings.Contains(all, "sum up") ||
			tc.last == "" && strings.Count(all, tc.opening) != 1 {
			t.Errorf("%q: title %q, says %q", tc.prompt, sb.Scenes[0].Visual.Title, all)
		}
	}
}

// TestListSentenceNotRestatedInPart: a list said in one sentence is not "summed up" by its
// first part ("To sum up: sunlight hits the cells.", "To sum up: Purge the steam wand."),
// which undersold the rest.
func TestListSentenceNotRestatedInPart(t *testing.T) {
	for _, tc := range []struct{ prompt, first string }{
		{"Explain how solar panels work: sunlight hits the cells, the cells make direct current, and an inverter turns it into alternating current.",
			"sunlight hits the cells"},
		{"Make a training video on how to steam milk. Purge the steam wand, submerge the tip, tilt the pitcher, and stop at 65 degrees.",
			"purge the steam wand"},
		{"Quarterly update for investors: revenue grew 32% to $4.1M, churn fell to 2.1%, and we hired 12 engineers.", "revenue grew 32% to $4.1m"},
	} {
		all := strings.ToLower(spoken(planFor(t, tc.prompt).Scenes, false))
		if strings.Count(all, tc.first) != 1 || strings.Contains(all, "sum up") || strings.Contains(all, "once more") {
			t.Errorf("%q: says %q", tc.prompt, all)
		}
	}
}

// TestWorkplaceAudience: the people a training video is for, named by their trade, are
// its audience, not its topic ("Today's topic: new baristas on how to steam milk." before).
func TestWorkplaceAudience(t *testing.T) {
	for _, tc := range []struct{ prompt, opening string }{
		{"Make a training video for new baristas on how to steam milk.", "Let's look at how to steam milk. This one is for new baristas."},
		{"A video for cashiers about refunds without a receipt.", "This one is for cashiers."},
	} {
		if got := planFor(t, tc.prompt).Scenes[0].Narration; !strings.Contains(got, tc.opening) {
			t.Errorf("%q opens %q, want %q", tc.prompt, got, tc.opening)
		}
	}
}

// TestHowToHeadingAndStepsSentence: "How to make cold brew." names what the video shows
// (before, it was said as a sentence of its own), and a sentence of instructions is a
// procedure whose steps are shown, each whole ("Cold water" was a bullet, cut at "with").
func TestHowToHeadingAndStepsSentence(t *testing.T) {
	for _, tc := range []struct {
		prompt, opening string
		steps           []string
	}{
		{"How to make cold brew. Grind the beans coarsely, mix them with cold water, steep for 12 hours, and strain through a filter.",
			"Let's look at how to make cold brew.", []string{"Grind the beans coarsely", "Mix them with cold water", "Steep for 12 hours", "Strain through a filter"}},
		{"How to change a tire: loosen the nuts, raise the car, swap the wheel, and tighten the nuts.",
			"Let's look at how to change a tire.", nil},
		{"Make a training video for new baristas on how to steam milk. Purge the steam wand, submerge the tip, tilt the pitcher, and stop at 65 degrees.",
			"Let's look at how to steam milk.", []string{"Purge the steam wand", "Submerge the tip", "Tilt the pitcher", "Stop at 65 degrees"}},
	} {
		sb := planFor(t, tc.prompt)
		if !strings.HasPrefix(sb.Scenes[0].Narration, tc.opening) {
			t.Errorf("%q opens %q", tc.prompt, sb.Scenes[0].Narration)
		}
		if tc.steps == nil && !strings.Contains(spoken(sb.Scenes, false), "Step 2: raise the car. Step 3: swap the wheel. Step 4: tighten the nuts.") {
			t.Errorf("%q does not say its steps: %q", tc.prompt, spoken(sb.Scenes, false))
		}
		if tc.steps == nil {
			continue
		}
		if shown := bulletsShown(sb.Scenes); !slices.Equal(shown, tc.steps) {
			t.Errorf("%q shows %q, want %q", tc.prompt, shown, tc.steps)
		}
	}
}

// TestDoesList: a sentence that lists what one thing does is said as written and shown as
// its features ("Scans receipts", ...). Before, "It scans receipts, tracks mileage, and
// exports to QuickBooks" was a title card of the whole sentence, and Brewly's list was
// said as "The highlights: brewly grinds the beans, ..." with "Brewly grinds the beans" as
// a bullet.
func TestDoesList(t *testing.T) {
	for _, tc := range []struct {
		prompt, said string
		bullets      []string
	}{
		{"Create a 60 second explainer about our new expense app Ledgerly. It scans receipts, tracks mileage, and exports to QuickBooks. Sign up at ledgerly.app.",
			"It scans receipts, tracks mileage, and exports to QuickBooks.", []string{"Scans receipts", "Tracks mileage", "Exports to QuickBooks"}},
		{"A promo for Brewly: Brewly grinds the beans, heats the water to 94 degrees, and pours a perfect cup in two minutes.",
			"Brewly grinds the beans, heats the water to 94 degrees, and pours a perfect cup in two minutes.",
			[]string{"Grinds the beans", "Heats the water to 94 degrees", "Pours a perfect cup in two minutes"}},
	} {
		sb := planFor(t, tc.prompt)
		shown := bulletsShown(sb.Scenes)
		if all := spoken(sb.Scenes, false); !strings.Contains(all, tc.said) || !slices.Equal(shown, tc.bullets) {
			t.Errorf("%q: says %q, shows %q", tc.prompt, all, shown)
		}
	}
}

// TestShareAndHeadingOfList: "Share a customer story: ..." asks for the video (before, it
// was said as written, request and all), and a heading before a list opens alone ("Our Q3
// results." then the list, not a title card "Our Q3 results: revenue up 18%").
func TestShareAndHeadingOfList(t *testing.T) {
	for _, tc := range []struct{ prompt, opening, title string }{
		{"Share a customer story: Acme Logistics cut delivery times by 30% after switching to Routely.",
			"Acme Logistics cut delivery times by 30% after switching to Routely.", ""},
		{"Our Q3 results: revenue up 18%, 2,400 new customers, and a new office in Austin.", "Our Q3 results.", "Our Q3 results"},
	} {
		sb := planFor(t, tc.prompt)
		all := spoken(sb.Scenes, false)
		if !strings.HasPrefix(sb.Scenes[0].Narration, tc.opening) || tc.title != "" && sb.Scenes[0].Visual.Title != tc.title ||
			strings.Contains(all, "Share") || !strings.Contains(all, "30%") && !strings.Contains(all, "new office in Austin") {
			t.Errorf("%q: title %q, says %q", tc.prompt, sb.Scenes[0].Visual.Title, all)
		}
	}
	if all := spoken(planFor(t, "Share this with your friends.").Scenes, false); !strings.Contains(all, "Share this with your friends.") {
		t.Errorf("a sign-off that asks viewers to share is said as written: %q", all)
	}
}

// TestRestatedPeopleLowerCased: a sentence restated after a colon keeps no capital on a
// word for people ("To sum up: customers have ...", not "Customers"), as it does none on
// an article or a pronoun; names keep theirs.
func TestRestatedPeopleLowerCased(t *testing.T) {
	all := spoken(planFor(t, "A video about our return policy. Customers have 30 days to return items. Refunds take 5 business days. Sale items are final.").Scenes, false)
	if !strings.Contains(all, "To sum up: customers have 30 days") {
		t.Errorf("says %q", all)
	}
}

// TestIntroducingOffers: an offer, a programme or an event is introduced, not met ("Meet
// our summer sale." before); a product still is met.
func TestIntroducingOffers(t *testing.T) {
	checkOpenings(t, []openingCase{
		{"Announce our summer sale: 30% off all sandals until July 31.", "Introducing our summer sale."},
		{"Promote our new loyalty program: earn a point for every dollar.", "Introducing our new loyalty program."},
		{"Promote Ledgerly, an expense app for freelancers.", "Meet Ledgerly, an expense app for freelancers."},
	})
}

// TestQuestionsStayQuestions: a question the prompt asks is said as a question, with its
// answer, and is not "summed up" ("Do you ship internationally." and "To sum up: Do you
// ship internationally." before, and an answer went with the next question); an instruction restated after a colon is lower-cased ("Once more: join us ...").
func TestQuestionsStayQuestions(t *testing.T) {
	faq := planFor(t, "FAQ video: Do you ship internationally? Yes, to 40 countries. How long does delivery take? 3 to 5 days. Can I return items? Yes, within 30 days.").Scenes
	all := spoken(faq, false)
	if !strings.HasPrefix(all, "Do you ship internationally?") || strings.Contains(all, "sum up") {
		t.Errorf("FAQ says %q", all)
	}
	// Each question with its answer, in a scene of its own.
	for _, qa := range []string{"How long does delivery take? 3 to 5 days.", "Can I return items? Yes, within 30 days."} {
		if !slices.ContainsFunc(faq, func(sc videoagent.Scene) bool { return strings.HasPrefix(sc.Narration, qa) }) {
			t.Errorf("no scene says %q: %q", qa, all)
		}
	}
	all = spoken(planFor(t, "Join us for our charity 5K run on Sunday, May 12 at 9am in Riverside Park. Register at run.example.org.").Scenes, false)
	if strings.Contains(all, "Once more: Join") {
		t.Errorf("run says %q", all)
	}
}

// TestNamedBusinessMet: a name with what it is ("Harbor Bikes, the repair shop on Pier
// Road") is met, whoever the video is for, not announced as a topic ("Today's topic:
// Harbor Bikes, ..." before).
func TestNamedBusinessMet(t *testing.T) {
	got := planFor(t, "A 30 second video for Harbor Bikes, the repair shop on Pier Road. We fix flats in 20 minutes.").Scenes[0].Narration
	if !strings.HasPrefix(got, "Meet Harbor Bikes, the repair shop on Pier Road.") {
		t.Errorf("opens %q", got)
	}
}
