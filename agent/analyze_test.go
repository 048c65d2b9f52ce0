package agent

import (
	"reflect"
	"testing"

	"github.com/openvideoagent/videoagent"
)

func TestDuration(t *testing.T) {
	cases := map[string]int{
		"Create a 30-second product walkthrough":                         30,
		"Make a 2 minute explainer about tides":                          120,
		"a 15 second ad for our bakery":                                  15,
		"Explainer about black holes, 90s, for kids":                     90,
		"Explain music of the 90s":                                       0,
		"A 2-minute video about a fitness app with 10-minute workouts":   120,
		"A video about our fitness app with 10-minute workouts":          0,
		"Keep it to about half a minute":                                 30,
		"Tutorial on pivot tables, 1.5 minutes long":                     90,
		"Erstelle ein 2-Minuten-Video über Solarenergie":                 120,
		"Crea un video de 30 segundos sobre nuestra app":                 30,
		"Crée une vidéo de 45 secondes sur la sécurité":                  45,
		"Sales pitch for Pipely aimed at agency owners. 45 seconds.":     45,
		"Explain how vaccines work in a minute and a half":               90,
		"Make a two-minute welcome video for new hires joining the team": 120,
	}
	for prompt, want := range cases {
		if got := Analyze(videoagent.Brief{Prompt: prompt}).TargetSec; got != want {
			t.Errorf("%q: %d s, want %d s", prompt, got, want)
		}
	}
	if got := Analyze(videoagent.Brief{Prompt: "a 30-second ad", DurationSec: 75}).TargetSec; got != 75 {
		t.Errorf("Brief.DurationSec should win: got %d", got)
	}
}

func TestLanguage(t *testing.T) {
	cases := map[string]string{
		"Explain photosynthesis in Spanish":                                "es",
		"Make a welcome video auf Deutsch":                                 "de",
		"A product demo in French for our CRM":                             "fr",
		"Create a Brazilian Portuguese version of our onboarding video":    "pt-BR",
		"Erstelle ein Erklärvideo über die Energiewende für unsere Kunden": "de",
		"Crea un vídeo explicativo sobre la energía solar para las casas":  "es",
		"Crée une vidéo sur la sécurité des données pour nos équipes":      "fr",
		"Crea un video sulla sicurezza per il nostro team di vendita":      "it",
		"Erstelle ein Video über unsere App, aber auf Englisch":            "en",
		"Create a product demo for our new app":                            "en",
	}
	for prompt, want := range cases {
		if got := Analyze(videoagent.Brief{Prompt: prompt}).Language; got != want {
			t.Errorf("%q: language %s, want %s", prompt, got, want)
		}
	}
}

func TestOrientation(t *testing.T) {
	cases := []struct {
		prompt, orientation, want string
	}{
		{"A TikTok video about our cafe", "", "9:16"},
		{"An Instagram Reels promo for sneakers", "", "9:16"},
		{"A YouTube Shorts explainer on sleep", "", "9:16"},
		{"A vertical ad for our gym", "", "9:16"},
		{"Instagram Stories teaser for the launch", "", "9:16"},
		{"A square video for our Instagram feed", "", "1:1"},
		{"A YouTube explainer about taxes", "", "16:9"},
		{"A product demo", "portrait", "9:16"},
		{"A TikTok ad", "landscape", "16:9"},
		{"A 4:5 ad for our shop", "", "4:5"},
	}
	for _, c := range cases {
		if got := Analyze(videoagent.Brief{Prompt: c.prompt, Orientation: c.orientation}).AspectRatio; got != c.want {
			t.Errorf("%q (%q): %s, want %s", c.prompt, c.orientation, got, c.want)
		}
	}
}

func TestExtraction(t *testing.T) {
	a := Analyze(videoagent.Brief{Prompt: `Create a product demo for an app called "TaskFlow" for developers. ` +
		`Features: Kanban boards, GitHub sync, and time tracking. It saves teams 30% of their planning time. ` +
		`Include this quote from Jane Doe: "TaskFlow changed how our team ships software." ` +
		`End with a call to action to sign up at https://taskflow.app/signup?ref=video.`})
	if a.Kind != KindProduct || a.Name != "TaskFlow" || a.Audience != "developers" {
		t.Errorf("kind/name/audience = %s/%q/%q", a.Kind, a.Name, a.Audience)
	}
	if want := []string{"Kanban boards", "GitHub sync", "time tracking"}; !reflect.DeepEqual(a.Items, want) {
		t.Errorf("items = %q, want %q", a.Items, want)
	}
	if want := []string{"https://taskflow.app/signup?ref=video"}; !reflect.DeepEqual(a.URLs, want) {
		t.Errorf("urls = %q, want %q (exact)", a.URLs, want)
	}
	if a.CTA != "Sign up at https://taskflow.app/signup?ref=video" {
		t.Errorf("cta = %q", a.CTA)
	}
	if len(a.Stats) != 1 || a.Stats[0].Value != "30%" {
		t.Errorf("stats = %+v", a.Stats)
	}
	if len(a.Quotes) != 1 || a.Quotes[0].Author != "Jane Doe" || a.Quotes[0].Text != "TaskFlow changed how our team ships software." {
		t.Errorf("quotes = %+v", a.Quotes)
	}

	b := Analyze(videoagent.Brief{Prompt: "Invite customers to our annual summit on June 12 at 6pm at the Grand Hotel in Berlin. RSVP at summit.acme.com"})
	if b.Kind != KindEvent || b.Subject != "annual summit" || b.When != "June 12 at 6pm" || b.Where != "the Grand Hotel in Berlin" || b.CTA != "RSVP at summit.acme.com" {
		t.Errorf("event: %+v", b)
	}

	c := Analyze(videoagent.Brief{Prompt: "Explain how solar panels work, in a calm tone"})
	if c.Kind != KindExplainer || c.Subject != "solar panels" || c.Topic != "how solar panels work" || c.Tone != ToneCalm {
		t.Errorf("explainer: kind %s subject %q topic %q tone %s", c.Kind, c.Subject, c.Topic, c.Tone)
	}

	d := Analyze(videoagent.Brief{Prompt: "Announce the launch of Acme Pay, our new mobile wallet"})
	if d.Name != "Acme Pay" || d.Subject != "mobile wallet" {
		t.Errorf("announcement: name %q subject %q", d.Name, d.Subject)
	}

	e := Analyze(videoagent.Brief{Prompt: "Create a TikTok ad for our summer sale: 20% off all sneakers. Make it energetic!"})
	if e.Kind != KindSocialAd || e.Offer != "20% off all sneakers" || e.Tone != ToneEnergetic || e.Platform != "tiktok" {
		t.Errorf("ad: %+v", e)
	}

	f := Analyze(videoagent.Brief{Prompt: "How to change a bike tire:\n- remove the wheel\n- take out the old tube\n- fit the new tube\n- pump it up"})
	if f.Kind != KindTutorial || len(f.Items) != 4 || f.Items[3] != "pump it up" {
		t.Errorf("numbered list: kind %s items %q", f.Kind, f.Items)
	}
}

func TestSpokenWords(t *testing.T) {
	cases := map[string]int{
		"Visit acme.com/pay today.": 7, // visit acme dot com slash pay today
		"It cuts time by 40%.":      6,
		"Hello, world!":             2,
		"We have 10,000 users.":     5,
	}
	for s, want := range cases {
		if got := SpokenWords(s); got != want {
			t.Errorf("SpokenWords(%q) = %d, want %d", s, got, want)
		}
	}
}
