package agent

import (
	"context"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

type planCase struct {
	prompt      string
	duration    int    // Brief.DurationSec
	orientation string // Brief.Orientation
	kind        Kind
	lang        string
	aspect      string
	target      int      // seconds the prompt asks for; 0 means none (30-60 s expected)
	nouns       []string // must appear in the narration (case-insensitive)
}

var planCases = []planCase{
	{prompt: "Create a 30-second product walkthrough for a new project management app",
		kind: KindProduct, lang: "en", aspect: "16:9", target: 30, nouns: []string{"project management app"}},
	{prompt: "Create a 2-minute product demo for TaskFlow, a project management app for remote teams. Highlight task boards, deadline reminders, time tracking and team chat, ending with a call to action to start a free trial at https://taskflow.app/start. Keep it upbeat.",
		kind: KindProduct, lang: "en", aspect: "16:9", target: 120, nouns: []string{"TaskFlow", "task boards", "deadline reminders", "time tracking", "team chat", "taskflow.app/start"}},
	{prompt: "Make an explainer video about how solar panels work for homeowners",
		kind: KindExplainer, lang: "en", aspect: "16:9", nouns: []string{"solar panels"}},
	{prompt: "Explain what a CDN is to web developers in 90 seconds",
		kind: KindExplainer, lang: "en", aspect: "16:9", target: 90, nouns: []string{"CDN"}},
	{prompt: "Announce the launch of Acme Pay, our new mobile wallet, available June 1 at acme.com/pay. It cuts checkout time by 40%.",
		kind: KindAnnouncement, lang: "en", aspect: "16:9", nouns: []string{"Acme Pay", "June 1", "acme.com/pay"}},
	{prompt: "A tutorial on how to set up two-factor authentication in Gmail: open settings, choose security, turn on 2-step verification, and save your backup codes",
		kind: KindTutorial, lang: "en", aspect: "16:9", nouns: []string{"two-factor authentication", "open settings", "choose security", "backup codes"}},
	{prompt: "Training video for new employees on our data privacy policy, professional tone, 3 minutes",
		kind: KindTraining, lang: "en", aspect: "16:9", target: 180, nouns: []string{"data privacy policy"}},
	{prompt: "Write a sales pitch for Pipely, a CRM for small agencies, aimed at agency owners. Mention that teams close deals 30% faster. 45 seconds.",
		kind: KindSales, lang: "en", aspect: "16:9", target: 45, nouns: []string{"Pipely"}},
	{prompt: "Create a TikTok ad for our summer sale: 20% off all sneakers at shoplace.com. Make it energetic!",
		kind: KindSocialAd, lang: "en", aspect: "9:16", nouns: []string{"summer sale", "sneakers", "shoplace.com"}},
	{prompt: "Instagram Reels promo for Bloom Coffee's new oat latte, playful tone, 15 seconds",
		kind: KindSocialAd, lang: "en", aspect: "9:16", target: 15, nouns: []string{"oat latte"}},
	{prompt: "Weekly recap of the engineering team's progress: shipped the new search, fixed 42 bugs, and hired two engineers",
		kind: KindRecap, lang: "en", aspect: "16:9", nouns: []string{"search", "bugs"}},
	{prompt: "Welcome video for new hires joining Northwind Traders, 1 minute, friendly",
		kind: KindWelcome, lang: "en", aspect: "16:9", target: 60, nouns: []string{"Northwind Traders"}},
	{prompt: "Create an invitation to our annual customer summit on June 12 in Berlin. RSVP at summit.example.com",
		kind: KindEvent, lang: "en", aspect: "16:9", nouns: []string{"summit", "summit.example.com"}},
	{prompt: "Make a 45-second explainer about photosynthesis for high school students in Spanish",
		kind: KindExplainer, lang: "es", aspect: "16:9", target: 45, nouns: []string{"photosynthesis"}},
	{prompt: "Erstelle ein 45-Sekunden-Erklärvideo über Solarenergie für Hausbesitzer",
		kind: KindExplainer, lang: "de", aspect: "16:9", target: 45, nouns: []string{"Solarenergie"}},
	{prompt: "Crée une vidéo de formation sur la sécurité au travail pour nos nouveaux employés, ton calme",
		kind: KindTraining, lang: "fr", aspect: "16:9", nouns: []string{"sécurité au travail"}},
	{prompt: "Crea un video de bienvenida para los nuevos empleados de Acme, en un tono cercano",
		kind: KindWelcome, lang: "es", aspect: "16:9", nouns: []string{"Acme"}},
	{prompt: "Create a product tour of Lumen, our AI note-taking app, in French, 60 seconds",
		kind: KindProduct, lang: "fr", aspect: "16:9", target: 60, nouns: []string{"Lumen"}},
	{prompt: "Record a quick announcement auf Deutsch: our new dashboard is live for all customers",
		kind: KindAnnouncement, lang: "de", aspect: "16:9", nouns: []string{"dashboard"}},
	{prompt: "Step-by-step guide to brewing pour-over coffee: heat the water, rinse the filter, add 20 grams of coffee, pour slowly, and serve. For YouTube.",
		kind: KindTutorial, lang: "en", aspect: "16:9", nouns: []string{"pour-over coffee", "rinse the filter", "pour slowly"}},
	{prompt: "YouTube Shorts video explaining why sleep matters, energetic",
		kind: KindExplainer, lang: "en", aspect: "9:16", nouns: []string{"sleep"}},
	{prompt: "A square video for our Instagram feed announcing the opening of our new bakery in Lisbon",
		kind: KindAnnouncement, lang: "en", aspect: "1:1", nouns: []string{"bakery"}},
	{prompt: "Make a 3 minute training module on warehouse forklift safety for new operators, covering pre-shift inspections, load limits, safe speeds, pedestrian zones, parking and charging, and reporting incidents",
		kind: KindTraining, lang: "en", aspect: "16:9", target: 180, nouns: []string{"forklift safety", "pre-shift inspections", "load limits", "reporting incidents"}},
	{prompt: "Quarterly results recap for investors: revenue grew 25%, we opened 3 new offices and launched 2 products. Professional.",
		kind: KindRecap, lang: "en", aspect: "16:9", nouns: []string{"revenue grew 25%"}},
	{prompt: "Product demo video for Orbit, an expense tracking app for freelancers, with receipt scanning, mileage logs and tax reports. Calm tone.",
		duration: 75, kind: KindProduct, lang: "en", aspect: "16:9", target: 75, nouns: []string{"Orbit", "receipt scanning", "mileage logs"}},
	{prompt: "Vertical video promoting our yoga studio's free trial week",
		kind: KindSocialAd, lang: "en", aspect: "9:16", nouns: []string{"yoga studio"}},
	{prompt: "Pitch our cybersecurity platform, Sentinel, to hospital IT managers in 2 minutes",
		kind: KindSales, lang: "en", aspect: "16:9", target: 120, nouns: []string{"Sentinel"}},
	{prompt: "Explain how vaccines train the immune system: antigens, antibodies, memory cells",
		kind: KindExplainer, lang: "en", aspect: "16:9", nouns: []string{"vaccines", "antigens", "antibodies", "memory cells"}},
	{prompt: "Onboarding video for new customers of Brightbank showing how to open an account, order a card and set up mobile banking",
		kind: KindWelcome, lang: "en", aspect: "16:9", nouns: []string{"Brightbank", "order a card"}},
	{prompt: "Invite the team to a virtual holiday party on Friday, December 19 at 4pm",
		kind: KindEvent, lang: "en", aspect: "16:9", nouns: []string{"holiday party", "December 19"}},
	{prompt: "Tutorial: how to make sourdough bread, in Italian",
		kind: KindTutorial, lang: "it", aspect: "16:9", nouns: []string{"sourdough bread"}},
	{prompt: "Create a 20 second ad for Zest sparkling water for Facebook",
		kind: KindSocialAd, lang: "en", aspect: "16:9", target: 20, nouns: []string{"Zest"}},
	{prompt: "Explainer for kids about why the sky is blue, 30 seconds",
		kind: KindExplainer, lang: "en", aspect: "16:9", target: 30, nouns: []string{"sky"}},
	{prompt: "Sales video for our accounting software aimed at small business owners, in German",
		kind: KindSales, lang: "de", aspect: "16:9", nouns: []string{"Accounting Software"}},
	{prompt: "Explainer about how compound interest works",
		orientation: "portrait", kind: KindExplainer, lang: "en", aspect: "9:16", nouns: []string{"compound interest"}},
	{prompt: "Make a 90s product demo of Flowdesk, a help desk tool for support teams, with shared inboxes, canned replies and SLA alerts",
		kind: KindProduct, lang: "en", aspect: "16:9", target: 90, nouns: []string{"Flowdesk", "shared inboxes", "canned replies"}},
	{prompt: "Créez une annonce du lancement de notre nouvelle application de covoiturage, disponible le 3 mars",
		kind: KindAnnouncement, lang: "fr", aspect: "16:9", nouns: []string{"covoiturage"}},
	{prompt: "Crea un tutorial de 1 minuto sobre cómo cambiar la contraseña del correo: abre la configuración, elige seguridad y escribe una contraseña nueva",
		kind: KindTutorial, lang: "es", aspect: "16:9", target: 60, nouns: []string{"abre la configuración", "elige seguridad"}},
}

var reSentenceEnd = regexp.MustCompile(`[^.!?»“]+[.!?»“]+`)

// checkShape checks the storyboard rules every plan follows.
func checkShape(t *testing.T, sb *videoagent.Storyboard) {
	t.Helper()
	if len(sb.Scenes) < 1 {
		t.Fatalf("no scenes")
	}
	first := sb.Scenes[0]
	if first.Layout != videoagent.LayoutTitle || first.Visual.Kind != videoagent.VisualTitle || first.Visual.Title == "" {
		t.Errorf("first scene is %s/%s, want a title card", first.Layout, first.Visual.Kind)
	}
	if utf8.RuneCountInString(sb.Title) > 60 {
		t.Errorf("title %q is longer than 60 characters", sb.Title)
	}
	seen := map[string]bool{}
	cuts := 0
	for i, sc := range sb.Scenes {
		if sc.ID != "s"+strconv.Itoa(i+1) {
			t.Errorf("scene %d id %q", i, sc.ID)
		}
		if strings.TrimSpace(sc.Narration) == "" {
			t.Errorf("%s has no narration", sc.ID)
		}
		if utf8.RuneCountInString(sc.Visual.Title) > 70 {
			t.Errorf("%s slide title %q is too long", sc.ID, sc.Visual.Title)
		}
		if len(sc.Visual.Bullets) > 5 {
			t.Errorf("%s has %d bullets", sc.ID, len(sc.Visual.Bullets))
		}
		if sc.Transition == videoagent.TransitionCut {
			cuts++
		}
		for _, s := range reSentenceEnd.FindAllString(sc.Narration, -1) {
			s = strings.TrimSpace(s)
			if len(strings.Fields(s)) < 4 {
				continue // "Let's go!" may come back as part of longer sentences
			}
			if seen[strings.ToLower(s)] {
				t.Errorf("sentence repeated: %q", s)
			}
			seen[strings.ToLower(s)] = true
		}
		if sc.Layout == videoagent.LayoutPresenterLeft && i > 0 && sb.Scenes[i-1].Layout == videoagent.LayoutPresenterLeft {
			t.Errorf("%s: two presenter_left scenes in a row", sc.ID)
		}
	}
	if len(sb.Scenes) >= 5 && cuts*2 < len(sb.Scenes) {
		t.Errorf("%d cuts in %d scenes: transitions should be mostly cuts", cuts, len(sb.Scenes))
	}
}

func joinNarration(sb *videoagent.Storyboard) string {
	var parts []string
	for _, sc := range sb.Scenes {
		parts = append(parts, sc.Narration)
	}
	return strings.Join(parts, " ")
}

func TestDeterministic(t *testing.T) {
	p := NewPlanner(Options{})
	for _, tc := range planCases {
		b := videoagent.Brief{Prompt: tc.prompt, DurationSec: tc.duration, Orientation: tc.orientation}
		x, err := p.Plan(context.Background(), b)
		if err != nil {
			t.Fatal(err)
		}
		y, err := NewPlanner(Options{}).Plan(context.Background(), b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%q: two plans differ", tc.prompt)
		}
	}
}

func TestWordsPerMinute(t *testing.T) {
	prompt := "Create a 30-second product walkthrough of Tasklane, a planner for small teams. Boards show every task by owner and due date. " +
		"Reminders go out a day before a deadline. Time tracking starts with one click on a task. Reports show the hours per project every Friday. " +
		"The app works on the web, on iPhone and on Android. Plans cost 6 dollars per user per month."
	slow := NewPlanner(Options{WordsPerMinute: func(string) float64 { return 120 }})
	fast := NewPlanner(Options{WordsPerMinute: func(string) float64 { return 200 }})
	a, _ := slow.Plan(context.Background(), videoagent.Brief{Prompt: prompt})
	b, _ := fast.Plan(context.Background(), videoagent.Brief{Prompt: prompt})
	wa, wb := SpokenWords(joinNarration(a)), SpokenWords(joinNarration(b))
	if wa > wb {
		t.Errorf("a slower voice got %d words, a faster one %d", wa, wb)
	}
	for _, c := range []struct {
		sb  *videoagent.Storyboard
		wpm float64
	}{{a, 120}, {b, 200}} {
		est := EstimateDuration(c.sb, func(string) float64 { return c.wpm })
		if d := est - 30*time.Second; d > 3*time.Second || d < -3*time.Second {
			t.Errorf("at %v wpm the estimate is %v, want 30s ±10%%", c.wpm, est)
		}
	}
}

func TestBriefFieldsCarried(t *testing.T) {
	b := videoagent.Brief{Prompt: "Explainer about black holes", AvatarID: "look_1", VoiceID: "voice_2", StyleID: "style_3"}
	sb, err := NewPlanner(Options{}).Plan(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if sb.AvatarID != "look_1" || sb.VoiceID != "voice_2" || sb.StyleID != "style_3" {
		t.Errorf("avatar/voice/style = %q/%q/%q", sb.AvatarID, sb.VoiceID, sb.StyleID)
	}
	if _, err := NewPlanner(Options{}).Plan(context.Background(), videoagent.Brief{Prompt: "  "}); videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Errorf("empty prompt: %v, want invalid_parameter", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewPlanner(Options{}).Plan(ctx, b); err == nil {
		t.Error("cancelled context: no error")
	}
}

// Odd prompts never panic and always give a valid storyboard.
func TestOddPrompts(t *testing.T) {
	long := strings.Repeat("Our platform helps teams plan, track and ship work. ", 200)
	for _, prompt := range []string{
		"!!!", "a", "video", "30 seconds", "https://example.com", `"Quoted only text here for you"`,
		"制作一个关于太阳能的视频", "🚀🚀🚀 launch", long, "Tutorial:", "- a\n- b\n- c",
		"Create a 5-second ad for X", "Make a 30 minute training on safety",
	} {
		for _, d := range []int{0, 5, 1800} {
			sb, err := NewPlanner(Options{}).Plan(context.Background(), videoagent.Brief{Prompt: prompt, DurationSec: d})
			if err != nil {
				t.Errorf("%q (%d s): %v", shorten(prompt, 30), d, err)
				continue
			}
			checkShape(t, sb)
		}
	}
}
