package agent

import (
	"context"
	"math"
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

func TestPlanTable(t *testing.T) {
	p := NewPlanner(Options{})
	for _, tc := range planCases {
		t.Run(shorten(tc.prompt, 40), func(t *testing.T) {
			b := videoagent.Brief{Prompt: tc.prompt, DurationSec: tc.duration, Orientation: tc.orientation}
			a := Analyze(b)
			if a.Kind != tc.kind {
				t.Errorf("kind = %s, want %s", a.Kind, tc.kind)
			}
			sb, err := p.Plan(context.Background(), b)
			if err != nil {
				t.Fatal(err)
			}
			if err := sb.Validate(); err != nil {
				t.Fatal(err)
			}
			if sb.Language != tc.lang {
				t.Errorf("language = %s, want %s", sb.Language, tc.lang)
			}
			if sb.AspectRatio != tc.aspect {
				t.Errorf("aspect = %s, want %s", sb.AspectRatio, tc.aspect)
			}
			if sb.Version != 1 || sb.FPS != 30 || sb.Resolution != "720p" || sb.Seed != Seed(tc.prompt) {
				t.Errorf("version/fps/resolution/seed = %d/%d/%s/%d", sb.Version, sb.FPS, sb.Resolution, sb.Seed)
			}

			est := EstimateDuration(sb, nil).Seconds()
			n := len(sb.Scenes)
			if tc.target > 0 {
				if math.Abs(est-float64(tc.target)) > 0.1*float64(tc.target) {
					t.Errorf("estimated %.1fs, want %ds ±10%%", est, tc.target)
				}
				lo := max(3, tc.target/16)
				hi := max(3, int(math.Ceil(float64(tc.target)/7))) + 1
				if n < lo || n > hi {
					t.Errorf("%d scenes for %ds, want %d-%d", n, tc.target, lo, hi)
				}
			} else if est < 30 || est > 60 {
				t.Errorf("estimated %.1fs, want 30-60s", est)
			}

			var all strings.Builder
			for _, sc := range sb.Scenes {
				all.WriteString(sc.Narration + " ")
			}
			text := strings.ToLower(all.String())
			for _, noun := range tc.nouns {
				if !strings.Contains(text, strings.ToLower(noun)) {
					t.Errorf("narration lacks %q", noun)
				}
			}
			checkShape(t, sb)
			if t.Failed() {
				t.Logf("analysis: %+v", a)
				for _, sc := range sb.Scenes {
					t.Logf("%s %s %q", sc.ID, sc.Layout, sc.Narration)
				}
			}
		})
	}
}

// checkShape checks the storyboard rules every plan follows.
func checkShape(t *testing.T, sb *videoagent.Storyboard) {
	t.Helper()
	if len(sb.Scenes) < 3 {
		t.Fatalf("%d scenes, want at least 3", len(sb.Scenes))
	}
	first, last := sb.Scenes[0], sb.Scenes[len(sb.Scenes)-1]
	if first.Layout != videoagent.LayoutTitle || first.Visual.Kind != videoagent.VisualTitle || first.Visual.Title == "" {
		t.Errorf("first scene is %s/%s, want a title card", first.Layout, first.Visual.Kind)
	}
	if last.Visual.Kind != videoagent.VisualCTA {
		t.Errorf("last scene visual is %s, want cta", last.Visual.Kind)
	}
	if utf8.RuneCountInString(sb.Title) > 40 {
		t.Errorf("title %q is longer than 40 characters", sb.Title)
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
		if utf8.RuneCountInString(sc.Visual.Title) > 40 {
			t.Errorf("%s slide title %q is too long", sc.ID, sc.Visual.Title)
		}
		if len(sc.Visual.Bullets) > 4 {
			t.Errorf("%s has %d bullets", sc.ID, len(sc.Visual.Bullets))
		}
		for _, b := range sc.Visual.Bullets {
			if len(strings.Fields(b)) > 6 {
				t.Errorf("%s bullet %q has more than 6 words", sc.ID, b)
			}
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

// The same subject gets a different script for each kind of video: no single template.
func TestKindsDiffer(t *testing.T) {
	prompts := map[Kind]string{
		KindProduct:      "Product walkthrough of TaskFlow, a project management app",
		KindExplainer:    "Explainer about TaskFlow, a project management app",
		KindAnnouncement: "Announce the launch of TaskFlow, a project management app",
		KindTutorial:     "Tutorial: how to use TaskFlow, a project management app",
		KindTraining:     "Training course on TaskFlow, a project management app",
		KindSales:        "Sales pitch for TaskFlow, a project management app",
		KindSocialAd:     "TikTok ad for TaskFlow, a project management app",
		KindRecap:        "Monthly update recap on TaskFlow, a project management app",
		KindWelcome:      "Welcome video for new users of TaskFlow, a project management app",
		KindEvent:        "Invitation to the TaskFlow launch party",
	}
	p := NewPlanner(Options{})
	sentences := map[Kind]map[string]bool{}
	for k, prompt := range prompts {
		if got := Analyze(videoagent.Brief{Prompt: prompt}).Kind; got != k {
			t.Errorf("%q: kind %s, want %s", prompt, got, k)
		}
		sb, err := p.Plan(context.Background(), videoagent.Brief{Prompt: prompt})
		if err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, sc := range sb.Scenes {
			for _, s := range reSentenceEnd.FindAllString(sc.Narration, -1) {
				set[strings.ToLower(strings.TrimSpace(s))] = true
			}
		}
		sentences[k] = set
		if !strings.Contains(strings.ToLower(joinNarration(sb)), "taskflow") {
			t.Errorf("%s: narration never names TaskFlow", k)
		}
	}
	for _, a := range Kinds {
		for _, b := range Kinds {
			if a >= b {
				continue
			}
			common := 0
			for s := range sentences[a] {
				if sentences[b][s] {
					common++
				}
			}
			smaller := min(len(sentences[a]), len(sentences[b]))
			if float64(common) > 0.25*float64(smaller) {
				t.Errorf("%s and %s share %d of %d sentences", a, b, common, smaller)
			}
		}
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

// Different prompts of the same kind get different phrasings (the seed varies them).
func TestSeedVariesPhrasing(t *testing.T) {
	p := NewPlanner(Options{})
	openings := map[string]bool{}
	for _, s := range []string{"TaskFlow", "Orbit", "Lumen", "Pipely", "Flowdesk", "Brightbank", "Sentinel", "Zest"} {
		sb, err := p.Plan(context.Background(), videoagent.Brief{Prompt: "Product walkthrough of " + s})
		if err != nil {
			t.Fatal(err)
		}
		openings[strings.ReplaceAll(sb.Scenes[0].Narration, s, "X")] = true
	}
	if len(openings) < 3 {
		t.Errorf("8 product walkthroughs have only %d different openings", len(openings))
	}
}

func TestWordsPerMinute(t *testing.T) {
	prompt := "Create a 60-second product walkthrough for a new project management app"
	slow := NewPlanner(Options{WordsPerMinute: func(string) float64 { return 120 }})
	fast := NewPlanner(Options{WordsPerMinute: func(string) float64 { return 200 }})
	a, _ := slow.Plan(context.Background(), videoagent.Brief{Prompt: prompt})
	b, _ := fast.Plan(context.Background(), videoagent.Brief{Prompt: prompt})
	wa, wb := SpokenWords(joinNarration(a)), SpokenWords(joinNarration(b))
	if wa >= wb {
		t.Errorf("a slower voice got %d words, a faster one %d", wa, wb)
	}
	for _, c := range []struct {
		sb  *videoagent.Storyboard
		wpm float64
	}{{a, 120}, {b, 200}} {
		est := EstimateDuration(c.sb, func(string) float64 { return c.wpm })
		if d := est - 60*time.Second; d > 6*time.Second || d < -6*time.Second {
			t.Errorf("at %v wpm the estimate is %v, want 60s ±10%%", c.wpm, est)
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

// Every phrase key of the English set exists in each native language set.
func TestPhraseSetsComplete(t *testing.T) {
	for lang, set := range phraseSets {
		for key := range phrasesEN {
			if len(set[key]) == 0 {
				t.Errorf("%s: missing %q", lang, key)
			}
		}
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
