package espeak

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/internal/speechtest"
)

func newEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func voice(t testing.TB, id string) videoagent.Voice {
	t.Helper()
	for _, v := range Voices() {
		if v.ID == id {
			return v
		}
	}
	t.Fatalf("no voice %q", id)
	return videoagent.Voice{}
}

func TestConformance(t *testing.T) {
	var voices []videoagent.Voice
	for _, id := range []string{
		"espeak-en-us-f", "espeak-en-us-m", "espeak-es-f", "espeak-de-m",
		"espeak-hi-f", "espeak-ja-m", "espeak-cmn-f", "espeak-fr-fr-f", "espeak-ru-m",
	} {
		voices = append(voices, voice(t, id))
	}
	speechtest.Run(t, newEngine(t), voices)
}

func TestCatalogue(t *testing.T) {
	vs := Voices()
	langs := map[string]bool{}
	ids := map[string]bool{}
	for _, v := range vs {
		if ids[v.ID] {
			t.Errorf("duplicate id %q", v.ID)
		}
		ids[v.ID] = true
		if v.Engine != EngineName || v.Language == "" || v.Locale == "" || v.EngineVoice == "" || v.Name == "" {
			t.Errorf("incomplete voice %+v", v)
		}
		if v.Gender != "female" && v.Gender != "male" {
			t.Errorf("voice %q: gender %q", v.ID, v.Gender)
		}
		langs[v.Language] = true
	}
	if len(langs) < 40 {
		t.Errorf("%d languages, want at least 40", len(langs))
	}
	t.Logf("%d voices, %d languages", len(vs), len(langs))
	want := map[string]videoagent.Voice{
		"espeak-en-us-f":      {Language: "English", Locale: "en-US", Gender: "female", EngineVoice: "en-us+f1"},
		"espeak-en-us-m":      {Language: "English", Locale: "en-US", Gender: "male", EngineVoice: "en-us"},
		"espeak-es-f":         {Language: "Spanish", Locale: "es", Gender: "female", EngineVoice: "es+f1"},
		"espeak-cmn-m":        {Language: "Chinese", Locale: "cmn", Gender: "male", EngineVoice: "cmn"},
		"espeak-en-gb-x-rp-f": {Language: "English", Locale: "en-GB-x-rp", Gender: "female", EngineVoice: "en-gb-x-rp+f1"},
	}
	for id, w := range want {
		v := voice(t, id)
		if v.Language != w.Language || v.Locale != w.Locale || v.Gender != w.Gender || v.EngineVoice != w.EngineVoice {
			t.Errorf("%s = %+v, want %+v", id, v, w)
		}
	}
	// Every catalogue voice is accepted by espeak-ng.
	e := newEngine(t)
	for _, v := range vs {
		if _, err := e.Synthesize(context.Background(), "a", v, videoagent.SpeechOptions{}); err != nil {
			t.Errorf("%s (%s): %v", v.ID, v.EngineVoice, err)
		}
	}
}

func TestDefaultVoice(t *testing.T) {
	for _, c := range []struct{ lang, gender, want string }{
		{"en", "", "espeak-en-us-f"},
		{"en-US", "", "espeak-en-us-f"},
		{"en-GB", "male", "espeak-en-gb-m"},
		{"en-AU", "", "espeak-en-us-f"},
		{"es", "", "espeak-es-f"},
		{"es-MX", "", "espeak-es-419-f"},
		{"de-DE", "", "espeak-de-f"},
		{"de_AT", "male", "espeak-de-m"},
		{"fr", "", "espeak-fr-fr-f"},
		{"zh", "", "espeak-cmn-f"},
		{"zh-CN", "", "espeak-cmn-f"},
		{"hi-IN", "female", "espeak-hi-f"},
		{"ja", "male", "espeak-ja-m"},
		{"pt-BR", "", "espeak-pt-br-f"},
	} {
		v, ok := DefaultVoiceFor(c.lang, c.gender)
		if !ok || v.ID != c.want {
			t.Errorf("DefaultVoiceFor(%q, %q) = %q, %v; want %q", c.lang, c.gender, v.ID, ok, c.want)
		}
	}
	if v, ok := DefaultVoice("en"); !ok || v.ID != "espeak-en-us-f" {
		t.Errorf("DefaultVoice(en) = %q, %v", v.ID, ok)
	}
	for _, lang := range []string{"", "xx", "tlh-XX"} {
		if v, ok := DefaultVoice(lang); ok {
			t.Errorf("DefaultVoice(%q) = %q, want none", lang, v.ID)
		}
	}
	if _, ok := DefaultVoiceFor("en", "robot"); ok {
		t.Error("DefaultVoiceFor(en, robot) found a voice")
	}
}

func TestNonASCIIWords(t *testing.T) {
	e := newEngine(t)
	for _, c := range []struct {
		voice, text string
		want        []string
	}{
		{"espeak-de-f", "Grüße aus München", []string{"Grüße", "aus", "München"}},
		{"espeak-de-m", "Grüße aus München, sagt Jürgen.", []string{"Grüße", "aus", "München", "sagt", "Jürgen"}},
		{"espeak-hi-f", "नमस्ते दुनिया, यह एक परीक्षण है।", []string{"नमस्ते", "दुनिया", "यह", "एक", "परीक्षण", "है"}},
		{"espeak-es-f", "¿Cómo estás? «Niño» pingüino.", []string{"Cómo", "estás", "Niño", "pingüino"}},
		{"espeak-en-us-f", "It costs $5 — well-known, isn't it?", []string{"It", "costs", "$5", "well-known", "isn't", "it"}},
		{"espeak-cmn-f", "你好，世界。", []string{"你", "好", "世", "界"}},
		{"espeak-ru-f", "Привет, мир.", []string{"Привет", "мир"}},
	} {
		n, err := e.Synthesize(context.Background(), c.text, voice(t, c.voice), videoagent.SpeechOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range n.Words {
			got = append(got, w.Word)
		}
		if !equal(got, c.want) {
			t.Errorf("%q: words %q, want %q", c.text, got, c.want)
		}
		speechtest.CheckNarration(t, c.text, n)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestErrors(t *testing.T) {
	e := newEngine(t)
	ctx := context.Background()
	en := voice(t, "espeak-en-us-f")
	for _, v := range []videoagent.Voice{
		{ID: "espeak-xx-f"},
		{ID: "x", EngineVoice: "xx"},
		{ID: "x", EngineVoice: "en-us+nosuchvariant"},
		{ID: "x", Engine: "flite", EngineVoice: "en-us"},
	} {
		_, err := e.Synthesize(ctx, "Hello.", v, videoagent.SpeechOptions{})
		if videoagent.ErrorCode(err) != videoagent.EVOICENOTFOUND {
			t.Errorf("voice %+v: error %v, want %s", v, err, videoagent.EVOICENOTFOUND)
		}
	}
	// A catalogue id alone is enough.
	if _, err := e.Synthesize(ctx, "Hello.", videoagent.Voice{ID: "espeak-de-m"}, videoagent.SpeechOptions{}); err != nil {
		t.Errorf("voice by id: %v", err)
	}
	for _, c := range []struct {
		param string
		opt   videoagent.SpeechOptions
	}{
		{"speed", videoagent.SpeechOptions{Speed: 3}},
		{"speed", videoagent.SpeechOptions{Speed: 0.2}},
		{"pitch", videoagent.SpeechOptions{Pitch: 60}},
		{"volume", videoagent.SpeechOptions{Volume: 1.5}},
	} {
		_, err := e.Synthesize(ctx, "Hello.", en, c.opt)
		if videoagent.ErrorCode(err) != videoagent.EINVALID || videoagent.ErrorParam(err) != c.param {
			t.Errorf("options %+v: error %v, want invalid %s", c.opt, err, c.param)
		}
	}
	if _, err := e.Synthesize(ctx, " \n", en, videoagent.SpeechOptions{}); videoagent.ErrorCode(err) != videoagent.EINVALID {
		t.Errorf("empty text: %v", err)
	}
}

func TestOptions(t *testing.T) {
	e := newEngine(t)
	en := voice(t, "espeak-en-us-m")
	text := "Hello, world. This is a test."
	synth := func(opt videoagent.SpeechOptions) *videoagent.Narration {
		n, err := e.Synthesize(context.Background(), text, en, opt)
		if err != nil {
			t.Fatal(err)
		}
		speechtest.CheckNarration(t, text, n)
		return n
	}
	base := synth(videoagent.SpeechOptions{})
	quiet := synth(videoagent.SpeechOptions{Volume: 0.3})
	rb := speechtest.NewEnvelope(base.Samples, base.SampleRate, 0).Reference()
	rq := speechtest.NewEnvelope(quiet.Samples, quiet.SampleRate, 0).Reference()
	if r := rq / rb; r < 0.2 || r > 0.45 {
		t.Errorf("volume 0.3: loudness ratio %.2f", r)
	}
	high := synth(videoagent.SpeechOptions{Pitch: 40})
	if speechtest.Diff(base, high) == "" {
		t.Error("pitch +40 changed nothing")
	}
	fast := synth(videoagent.SpeechOptions{Speed: 2})
	if r := float64(fast.Duration()) / float64(base.Duration()); r > 0.7 {
		t.Errorf("speed 2: duration ratio %.2f", r)
	}
	// Silence handling: the narration ends shortly after its last word.
	last := base.Words[len(base.Words)-1]
	if tail := base.Duration() - last.End; tail > time.Second {
		t.Errorf("trailing silence %v", tail)
	}
}

// BenchmarkEspeak reports seconds of audio synthesized per second of CPU, one goroutine.
func BenchmarkEspeak(b *testing.B) {
	e := newEngine(b)
	v := voice(b, "espeak-en-us-f")
	text := "Open Video Agent turns a text prompt into a narrated video with a talking presenter. " +
		"Each scene is narrated, captioned, and lip-synced, and the whole pipeline runs on your own server."
	var audio time.Duration
	cpu0 := cpuTime(b)
	b.ResetTimer()
	for b.Loop() {
		n, err := e.Synthesize(context.Background(), text, v, videoagent.SpeechOptions{})
		if err != nil {
			b.Fatal(err)
		}
		audio += n.Duration()
	}
	cpu := cpuTime(b) - cpu0
	b.ReportMetric(audio.Seconds()/cpu.Seconds(), "audio-s/cpu-s")
	b.ReportMetric(audio.Seconds()/b.Elapsed().Seconds(), "audio-s/wall-s")
}

// cpuTime is the CPU time used by this process and its reaped children (the synthesis
// processes).
func cpuTime(b *testing.B) time.Duration {
	var self, children syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		b.Fatal(err)
	}
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children); err != nil {
		b.Fatal(err)
	}
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	return tv(self.Utime) + tv(self.Stime) + tv(children.Utime) + tv(children.Stime)
}

// TestJoinedWords checks words that espeak-ng speaks as one ("on the") each get their own
// timing.
func TestJoinedWords(t *testing.T) {
	e := newEngine(t)
	for _, text := range []string{"He sat on the mat.", "It is on the second day, in the morning."} {
		n, err := e.Synthesize(context.Background(), text, voice(t, "espeak-en-us-f"), videoagent.SpeechOptions{})
		if err != nil {
			t.Fatal(err)
		}
		speechtest.CheckNarration(t, text, n)
		for i, w := range n.Words {
			if w.Word == "the" && w.End <= w.Start {
				t.Errorf("word %d %q has no time: %v", i, w.Word, n.Words)
			}
		}
	}
}
