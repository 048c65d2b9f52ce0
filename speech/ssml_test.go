package speech_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/normalize"
	"github.com/openvideoagent/videoagent/internal/speechtest"
	"github.com/openvideoagent/videoagent/speech"
	"github.com/openvideoagent/videoagent/speech/espeak"
)

func TestParseSSML(t *testing.T) {
	parts, err := speech.ParseSSML(`<speak>Hello <break time="1.5s"/> big <emphasis level="strong">world</emphasis>.
	<prosody rate="80%">Slow</prosody> <say-as interpret-as="characters">API</say-as> <sub alias="World Wide Web">WWW</sub> &amp; more</speak>`)
	if err != nil {
		t.Fatal(err)
	}
	want := []speech.Part{
		{Text: "Hello", Rate: 1},
		{Break: 1500 * time.Millisecond, Text: "big", Rate: 1},
		{Text: "world", Rate: 0.8},
		{Text: ".", Rate: 1},
		{Text: "Slow", Rate: 0.8},
		{Text: "API", Rate: 1, SayAs: "characters"},
		{Text: "WWW", Rate: 1, Alias: "World Wide Web"},
		{Text: "& more", Rate: 1},
	}
	if len(parts) != len(want) {
		t.Fatalf("parts %+v", parts)
	}
	for i := range want {
		if parts[i] != want[i] {
			t.Errorf("part %d = %+v, want %+v", i, parts[i], want[i])
		}
	}
	if p, err := speech.ParseSSML("plain text, no root"); err != nil || len(p) != 1 || p[0].Text != "plain text, no root" {
		t.Errorf("no root: %+v %v", p, err)
	}
	for _, bad := range []string{
		"<speak><audio src='x'/></speak>", "<speak>unclosed", `<break time="11s"/>`, `<break time="fast"/>`,
		`<prosody rate="9000%">x</prosody>`, `<say-as interpret-as="weird">x</say-as>`, `<sub>x</sub>`,
		`<emphasis level="loud">x</emphasis>`, "<speak><speak>x</speak></speak>", "</p>", "<speak>a &bogus; b</speak>",
	} {
		_, err := speech.ParseSSML(bad)
		if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) != "text" {
			t.Errorf("ParseSSML(%q): %v", bad, err)
		}
	}
}

func TestSpeakParts(t *testing.T) {
	es, err := espeak.New()
	if err != nil {
		t.Fatal(err)
	}
	r := speech.NewRouter()
	r.Register(espeak.EngineName, es)
	s := speech.NewNormalizing(r)
	v, _ := espeak.DefaultVoice("en")
	doc := `Our <say-as interpret-as="characters">API</say-as> costs $5. <break time="1s"/> Call <say-as interpret-as="telephone">555-1234</say-as> now.`
	parts, err := speech.ParseSSML(doc)
	if err != nil {
		t.Fatal(err)
	}
	n, err := speech.SpeakParts(context.Background(), s, parts, v, videoagent.SpeechOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, w := range n.Words {
		ws = append(ws, w.Word)
	}
	if got := strings.Join(ws, " "); got != "Our API costs $5 Call 555-1234 now" {
		t.Errorf("words %q", got)
	}
	speechtest.CheckTimings(t, n)
	if gap := n.Words[4].Start - n.Words[3].End; gap < time.Second {
		t.Errorf("1 s break gave %v", gap)
	}
}

func TestRestore(t *testing.T) {
	r := normalize.Normalize("Pay $5 now", "en")
	ms := func(a, b int) (time.Duration, time.Duration) {
		return time.Duration(a) * time.Millisecond, time.Duration(b) * time.Millisecond
	}
	var ws []videoagent.WordTiming
	for i, w := range []string{"Pay", "five", "dollars", "now"} {
		s, e := ms(100*i, 100*i+90)
		ws = append(ws, videoagent.WordTiming{Word: w, Start: s, End: e})
	}
	got := speech.Restore(r, ws)
	want := []videoagent.WordTiming{{Word: "Pay", End: 90 * time.Millisecond}, {Word: "$5", Start: 100 * time.Millisecond, End: 290 * time.Millisecond}, {Word: "now", Start: 300 * time.Millisecond, End: 390 * time.Millisecond}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("word %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	// Words the engine renamed are kept from there on.
	if got := speech.Restore(r, []videoagent.WordTiming{{Word: "Pay"}, {Word: "zzz"}}); len(got) != 2 || got[1].Word != "zzz" {
		t.Errorf("unmatched: %+v", got)
	}
}

// FuzzParseSSML checks that no document makes the parser panic.
func FuzzParseSSML(f *testing.F) {
	for _, s := range []string{"<speak>a<break/>b</speak>", "<say-as interpret-as='digits'>12</say-as>", "<p><s>x</s></p>", "<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts, err := speech.ParseSSML(s)
		if err == nil {
			for _, p := range parts {
				if p.Rate <= 0 || p.Break < 0 {
					t.Fatalf("bad part %+v", p)
				}
			}
		}
	})
}
