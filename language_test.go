package videoagent_test

import (
	"testing"

	"github.com/openvideoagent/videoagent"
)

func TestLanguageTable(t *testing.T) {
	for name, want := range map[string]string{
		"German": "de", "deutsch": "de", "alemán": "de", "Français": "fr", "Brazilian Portuguese": "pt-BR",
		"castilian": "es", "Swiss German": "de-CH", "japanese": "ja",
	} {
		if got, ok := videoagent.LanguageTag(name); !ok || got != want {
			t.Errorf("LanguageTag(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := videoagent.LanguageTag("Klingon"); ok {
		t.Error("Klingon is a language here")
	}
	for tag, want := range map[string]string{"de": "German", "pt-BR": "Brazilian Portuguese", "es-AR": "Spanish", "xx": ""} {
		if got := videoagent.LanguageEnglishName(tag); got != want {
			t.Errorf("LanguageEnglishName(%q) = %q, want %q", tag, got, want)
		}
	}
	// Every tag named has an English name, so the chat can say what it understood.
	for _, n := range videoagent.LanguageNames() {
		tag, _ := videoagent.LanguageTag(n)
		if videoagent.LanguageEnglishName(tag) == "" {
			t.Errorf("%q -> %q has no English name", n, tag)
		}
	}
}
