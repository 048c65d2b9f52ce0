package direct

import (
	"strings"
	"testing"
	"unicode/utf8"

	videoagent "github.com/openvideoagent/videoagent"
)

type fakeCatalog struct{}

func (fakeCatalog) Look(id string) (videoagent.Look, bool) {
	switch id {
	case "ava", "ben":
		return videoagent.Look{ID: id, Gender: "female", DefaultVoiceID: "v-en"}, true
	}
	return videoagent.Look{}, false
}

func (fakeCatalog) Voice(id string) (videoagent.Voice, bool) {
	switch id {
	case "v-en":
		return videoagent.Voice{ID: id, Locale: "en-US"}, true
	case "v-es":
		return videoagent.Voice{ID: id, Locale: "es-ES"}, true
	}
	return videoagent.Voice{}, false
}

func (fakeCatalog) DefaultVoice(lang, gender string) (videoagent.Voice, bool) {
	if strings.HasPrefix(lang, "es") {
		return videoagent.Voice{ID: "v-es", Locale: "es-ES"}, true
	}
	return videoagent.Voice{ID: "v-en", Locale: "en-US"}, true
}

func build(t *testing.T, body string, res map[string]Resolved) (*videoagent.Storyboard, error) {
	t.Helper()
	r, err := Parse([]byte(body), "")
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return r.Build(fakeCatalog{}, res, 1)
}

func TestSplitScript(t *testing.T) {
	long := strings.Repeat("This sentence has exactly fifty-two characters in it. ", 20)
	for _, tc := range []struct {
		text string
		max  int
		n    int
	}{
		{"", 300, 0},
		{"Hello.", 300, 1},
		{"One.\n\nTwo.", 300, 1},
		{long, 300, 4},
		{strings.Repeat("x", 700), 300, 3},
	} {
		got := SplitScript(tc.text, tc.max)
		if len(got) != tc.n {
			t.Errorf("SplitScript(%.30q): %d pieces, want %d: %q", tc.text, len(got), tc.n, got)
		}
		for _, p := range got {
			if utf8.RuneCountInString(p) > tc.max || strings.TrimSpace(p) != p || p == "" {
				t.Errorf("piece %q", p)
			}
		}
		if strings.Join(strings.Fields(strings.Join(got, " ")), "") != strings.Join(strings.Fields(tc.text), "") {
			t.Errorf("SplitScript lost text: %q", got)
		}
	}
}

func TestBuildAvatar(t *testing.T) {
	script := strings.Repeat("Sentence number one is here. ", 30)
	sb, err := build(t, `{"type":"avatar","avatar_id":"ava","script":"`+script+`","voice_settings":{"speed":1.2,"pitch":10,"volume":0.5},
		"background":{"type":"color","value":"#112233"},"caption":{"style":"default"},"aspect_ratio":"auto","unknown":1}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sb.AvatarID != "ava" || sb.VoiceID != "v-en" || sb.AspectRatio != "16:9" || !sb.Captions || sb.Brand.Colors.Background != "#112233" {
		t.Errorf("storyboard %+v", sb)
	}
	if len(sb.Scenes) < 3 {
		t.Fatalf("%d scenes", len(sb.Scenes))
	}
	for _, sc := range sb.Scenes {
		if sc.Layout != videoagent.LayoutPresenter || utf8.RuneCountInString(sc.Narration) > PresenterSceneChars ||
			sc.Speech == nil || sc.Speech.Speed != 1.2 || sc.Speech.Pitch != 10 || sc.Speech.Volume != 0.5 {
			t.Errorf("scene %+v", sc)
		}
	}
	if !strings.HasPrefix(sb.Title, "Sentence number one") {
		t.Errorf("default title %q", sb.Title)
	}
}

// TestBuildWebM: an avatar video in webm is a transparent storyboard: presenter scenes
// only, with captions and watermark kept; mp4 (or nothing) leaves the format empty.
func TestBuildWebM(t *testing.T) {
	res := map[string]Resolved{"watermark.image": {AssetID: "logo"}}
	sb, err := build(t, `{"type":"avatar","avatar_id":"ava","script":"`+strings.Repeat("One more sentence here. ", 20)+`","output_format":"webm",
		"caption":{"style":"default"},"watermark":{"image":{"type":"asset_id","asset_id":"logo"}}}`, res)
	if err != nil {
		t.Fatal(err)
	}
	if sb.OutputFormat != videoagent.OutputWebM || len(sb.Scenes) < 2 || sb.Brand == nil || sb.Brand.LogoAssetID != "logo" || sb.Brand.Colors.Background != "" {
		t.Fatalf("storyboard %+v", sb)
	}
	for _, sc := range sb.Scenes {
		if sc.Layout != videoagent.LayoutPresenter || sc.Visual.Kind != videoagent.VisualNone {
			t.Errorf("scene %+v", sc)
		}
	}
	for _, f := range []string{"", `,"output_format":"mp4"`} {
		sb, err := build(t, `{"type":"avatar","avatar_id":"ava","script":"Hi."`+f+`}`, nil)
		if err != nil {
			t.Fatalf("%q: %v", f, err)
		}
		if sb.OutputFormat != "" {
			t.Errorf("%q: output format %q, want empty (mp4)", f, sb.OutputFormat)
		}
	}
}

func TestBuildImageAuto(t *testing.T) {
	res := map[string]Resolved{"image": {AssetID: "a1", Width: 1080, Height: 1350}}
	sb, err := build(t, `{"type":"image","image":{"type":"asset_id","asset_id":"a1"},"script":"Hola.","voice_settings":{"locale":"es-ES"},"aspect_ratio":"auto"}`, res)
	if err != nil {
		t.Fatal(err)
	}
	if sb.AspectRatio != "4:5" || sb.AvatarID != "" || sb.VoiceID != "v-es" || sb.Language != "es-ES" {
		t.Errorf("storyboard %+v", sb)
	}
	if sc := sb.Scenes[0]; sc.Visual.Kind != videoagent.VisualImage || sc.Visual.AssetID != "a1" || sc.Layout != videoagent.LayoutSlide {
		t.Errorf("scene %+v", sc)
	}
}

func TestBuildStudio(t *testing.T) {
	res := map[string]Resolved{"scenes[1].source": {AssetID: "img"}, "scenes[2].source": {AssetID: "clip", Duration: 4.5}}
	sb, err := build(t, `{"type":"studio","scenes":[
		{"type":"avatar_video","input":{"type":"avatar","avatar_id":"ava","script":"Hi there.","voice_id":"v-es"}},
		{"type":"image","source":{"type":"asset_id","asset_id":"img"},"duration":2.5},
		{"type":"video","source":{"type":"asset_id","asset_id":"clip"},"playback":{"mute":true}}]}`, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(sb.Scenes) != 3 || sb.AvatarID != "ava" || sb.VoiceID != "v-es" {
		t.Fatalf("storyboard %+v", sb)
	}
	if sc := sb.Scenes[1]; sc.Duration != 2.5 || sc.Visual.AssetID != "img" {
		t.Errorf("image scene %+v", sc)
	}
	if sc := sb.Scenes[2]; sc.Duration != 4.5 || sc.Visual.Kind != videoagent.VisualVideo || sc.Visual.ClipAudio {
		t.Errorf("video scene %+v", sc)
	}
	// Two presenters in one video are refused, naming the second.
	_, err = build(t, `{"type":"studio","scenes":[
		{"type":"avatar_video","input":{"type":"avatar","avatar_id":"ava","script":"Hi."}},
		{"type":"avatar_video","input":{"type":"avatar","avatar_id":"ben","script":"Hi."}}]}`, nil)
	if videoagent.ErrorParam(err) != "scenes[1].input.avatar_id" {
		t.Errorf("two presenters: %v", err)
	}
}

func TestValidationParams(t *testing.T) {
	for body, param := range map[string]string{
		`{"type":"cinematic_avatar","avatar_id":["x"],"prompt":"p"}`:                                                              "type",
		`{"type":"avatar","avatar_id":"nope","script":"x"}`:                                                                       "avatar_id",
		`{"type":"avatar","avatar_id":"ava","script":"x","voice_id":"nope"}`:                                                      "voice_id",
		`{"type":"image","image":{"type":"url","url":"https://x/a.png"},"script":"x","output_format":"webm"}`:                     "output_format",
		`{"type":"studio","scenes":[{"type":"image","source":{"type":"url","url":"https://x/a.png"}}],"output_format":"webm"}`:    "output_format",
		`{"type":"avatar","avatar_id":"ava","script":"x","output_format":"webm","background":{"type":"color","value":"#000000"}}`: "background",
		`{"type":"avatar","avatar_id":"ava","script":"x","output_format":"mov"}`:                                                  "output_format",
		`{"type":"studio","scenes":[{"type":"image","source":{"type":"url","url":"file:///x"}}]}`:                                 "scenes[0].source.url",
		`{"type":"studio","scenes":[{"type":"video","source":{"type":"asset_id","asset_id":3}}]}`:                                 "scenes.source.asset_id",
		`{"type":"avatar","avatar_id":"ava","script":"x","voice_settings":{"speed":"fast"}}`:                                      "voice_settings.speed",
	} {
		_, err := build(t, body, nil)
		if err == nil || videoagent.ErrorParam(err) != param {
			t.Errorf("%s: %v, want param %s", body, err, param)
		}
	}
	// Batch items name their index.
	_, err := Parse([]byte(`{"type":"avatar","avatar_id":"ava","script":"x","resolution":"8k"}`), "videos[4].")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Parse([]byte(`{"type":"avatar","avatar_id":"ava","script":"x","resolution":"8k"}`), "videos[4].")
	if err := r.Validate(); videoagent.ErrorParam(err) != "videos[4].resolution" {
		t.Errorf("batch param: %v", err)
	}
}

func FuzzParseValidate(f *testing.F) {
	f.Add([]byte(`{"type":"avatar","avatar_id":"ava","script":"Hello."}`))
	f.Add([]byte(`{"type":"studio","scenes":[{"type":"image","source":{"type":"asset_id","asset_id":"a"},"duration":2}]}`))
	f.Add([]byte(`{"type":"image","image":{"type":"base64","media_type":"image/png","data":"AAAA"},"script":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse(b, "")
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			return
		}
		res := map[string]Resolved{}
		for _, a := range r.Assets() {
			res[a.Param] = Resolved{AssetID: "x", Width: 10, Height: 10, Duration: 1}
		}
		_, _ = r.Build(fakeCatalog{}, res, 1)
	})
}
