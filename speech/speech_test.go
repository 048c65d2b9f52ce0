package speech_test

import (
	"context"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

func TestCatalog(t *testing.T) {
	c, err := speech.NewCatalog(espeak.Voices()...)
	if err != nil {
		t.Fatal(err)
	}
	other := videoagent.Voice{ID: "flite-slt", Name: "slt", Language: "English", Locale: "en-US", Gender: "female", Engine: "flite", EngineVoice: "slt"}
	if err := c.Add(other); err != nil {
		t.Fatal(err)
	}
	if err := c.Add(other); err == nil {
		t.Error("duplicate id accepted")
	}
	if err := c.Add(videoagent.Voice{ID: "x"}); err == nil {
		t.Error("voice without engine accepted")
	}
	if v, err := c.Voice("flite-slt"); err != nil || v != other {
		t.Errorf("Voice(flite-slt) = %+v, %v", v, err)
	}
	if _, err := c.Voice("nope"); videoagent.ErrorCode(err) != videoagent.EVOICENOTFOUND {
		t.Errorf("Voice(nope): %v", err)
	}
	count := func(f speech.Filter) int { return len(c.Find(f)) }
	if n := count(speech.Filter{}); n != len(espeak.Voices())+1 {
		t.Errorf("all: %d", n)
	}
	for _, v := range c.Find(speech.Filter{Language: "en", Gender: "female"}) {
		if v.Gender != "female" || v.Language != "English" {
			t.Errorf("en female filter gave %+v", v)
		}
	}
	if n := count(speech.Filter{Language: "en-US"}); n != 5 { // espeak en-us and en-us-nyc f, m; flite
		t.Errorf("en-US: %d voices", n)
	}
	if n := count(speech.Filter{Language: "e"}); n != 0 {
		t.Errorf("language prefix e matched %d voices", n)
	}
	if n := count(speech.Filter{Language: "spanish", Engine: "espeak", Gender: "male"}); n != 2 { // es, es-419
		t.Errorf("Spanish male espeak: %d", n)
	}
	if n := count(speech.Filter{Language: "en", Engine: "flite"}); n != 1 {
		t.Errorf("en flite: %d", n)
	}
	if n := len(c.Languages()); n < 40 {
		t.Errorf("%d languages", n)
	}
}

func TestRouter(t *testing.T) {
	r := speech.NewRouter()
	e, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	r.Register(espeak.EngineName, e)
	v, ok := espeak.DefaultVoice("en")
	if !ok {
		t.Fatal("no English voice")
	}
	speechtest.Run(t, r, []videoagent.Voice{v})
	_, err = r.Synthesize(context.Background(), "Hello.", videoagent.Voice{ID: "flite-slt", Engine: "flite"}, videoagent.SpeechOptions{})
	if videoagent.ErrorCode(err) != videoagent.EVOICENOTFOUND {
		t.Errorf("unregistered engine: %v", err)
	}
}

func TestCatalogDefaultVoice(t *testing.T) {
	c, err := speech.NewCatalog(
		videoagent.Voice{ID: "a-en-gb-f", Engine: "a", Locale: "en-GB", Gender: "female", Language: "English"},
		videoagent.Voice{ID: "a-en-us-m", Engine: "a", Locale: "en-US", Gender: "male", Language: "English"},
		videoagent.Voice{ID: "a-de-f", Engine: "a", Locale: "de", Gender: "female", Language: "German"},
	)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ lang, gender, want string }{
		{"en", "", "a-en-gb-f"},
		{"en", "male", "a-en-us-m"},
		{"en-US", "", "a-en-us-m"},
		{"de-AT", "female", "a-de-f"}, // falls back to the primary language
		{"fr", "", ""},
	}
	for _, tc := range cases {
		v, ok := c.DefaultVoice(tc.lang, tc.gender)
		if v.ID != tc.want || ok != (tc.want != "") {
			t.Errorf("DefaultVoice(%q, %q) = %q, %v; want %q", tc.lang, tc.gender, v.ID, ok, tc.want)
		}
	}
	// A preference wins when its voice is in the catalog, and is ignored when it is not.
	c.Prefer(func(lang, gender string) (videoagent.Voice, bool) {
		if lang == "en" {
			return videoagent.Voice{ID: "a-en-us-m"}, true
		}
		return videoagent.Voice{ID: "missing"}, true
	})
	if v, _ := c.DefaultVoice("en", ""); v.ID != "a-en-us-m" {
		t.Errorf("preferred en = %q", v.ID)
	}
	if v, _ := c.DefaultVoice("de", ""); v.ID != "a-de-f" {
		t.Errorf("preference outside the catalog: %q", v.ID)
	}
	if len(c.Voices()) != 3 {
		t.Errorf("Voices() = %d", len(c.Voices()))
	}
}
