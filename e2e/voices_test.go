package e2e

import (
	"net/url"
	"strings"
	"testing"
)

// TestVoices lists, filters and pages the voice catalogue, checks previews are real audio,
// and speaks text and SSML with word timestamps.
func TestVoices(t *testing.T) {
	s := startServer(t, "", "--workers", "0")

	// The first page: 20 voices, more to come, in the reference shape.
	r := s.call("GET", "/v3/voices", nil)
	if r.Status != 200 {
		t.Fatalf("list: HTTP %d: %s", r.Status, r.Raw)
	}
	checkSchema(t, "voice-list.response.json", r.Raw)
	if n := len(r.list()); n != 20 || r.Body["has_more"] != true {
		t.Fatalf("first page: %d voices, has_more %v", n, r.Body["has_more"])
	}
	first := r.list()[0].(map[string]any)
	preview, _ := first["preview_audio_url"].(string)
	if preview == "" {
		t.Fatalf("voice %v has no preview", first["voice_id"])
	}
	if d := probeDuration(t, download(t, preview, "preview.wav")); d < 0.5 {
		t.Errorf("preview of %v lasts %.2f s", first["voice_id"], d)
	}

	// Walk every page: no repeats, at least 40 languages.
	all := map[string]map[string]any{}
	langs := map[string]bool{}
	engines := map[string]bool{}
	token, pages := "", 0
	for {
		path := "/v3/voices?limit=100"
		if token != "" {
			path += "&token=" + url.QueryEscape(token)
		}
		r := s.call("GET", path, nil)
		if r.Status != 200 {
			t.Fatalf("page %d: HTTP %d: %s", pages, r.Status, r.Raw)
		}
		checkSchema(t, "voice-list.response.json", r.Raw)
		pages++
		for _, x := range r.list() {
			v := x.(map[string]any)
			id := v["voice_id"].(string)
			if all[id] != nil {
				t.Errorf("voice %s listed twice", id)
			}
			all[id] = v
			langs[v["language"].(string)] = true
			engines[v["engine"].(string)] = true
			if u, _ := v["preview_audio_url"].(string); u == "" {
				t.Errorf("voice %s: no preview_audio_url", id)
			}
		}
		next, _ := r.Body["next_token"].(string)
		if r.Body["has_more"] != (next != "") {
			t.Errorf("has_more %v with next_token %q", r.Body["has_more"], next)
		}
		if next == "" {
			break
		}
		token = next
	}
	t.Logf("%d voices in %d languages over %d pages; engines %v", len(all), len(langs), pages, engines)
	if len(langs) < 40 {
		t.Errorf("%d languages, want at least 40", len(langs))
	}
	for _, id := range []string{"espeak-en-us-f", "espeak-hi-m", "espeak-cmn-f"} {
		if all[id] == nil {
			t.Errorf("voice %s missing", id)
		}
	}

	// Filters.
	for _, c := range []struct {
		query string
		check func(v map[string]any) bool
	}{
		{"language=es", func(v map[string]any) bool { return v["language"] == "Spanish" }},
		{"language=Spanish&gender=male", func(v map[string]any) bool { return v["language"] == "Spanish" && v["gender"] == "male" }},
		{"language=en-US&gender=female", func(v map[string]any) bool {
			return v["gender"] == "female" && strings.HasPrefix(v["locale"].(string), "en-US")
		}},
		{"engine=espeak&language=de", func(v map[string]any) bool { return v["engine"] == "espeak" && v["language"] == "German" }},
		{"type=public&language=ja", func(v map[string]any) bool { return v["language"] == "Japanese" && v["type"] == "public" }},
	} {
		r := s.call("GET", "/v3/voices?limit=100&"+c.query, nil)
		if r.Status != 200 || len(r.list()) == 0 {
			t.Errorf("%s: HTTP %d, %d voices: %s", c.query, r.Status, len(r.list()), r.Raw)
			continue
		}
		for _, x := range r.list() {
			if v := x.(map[string]any); !c.check(v) {
				t.Errorf("%s: got %v", c.query, v)
			}
		}
	}
	if r := s.call("GET", "/v3/voices?type=private", nil); r.Status != 200 || len(r.list()) != 0 || r.Body["has_more"] != false {
		t.Errorf("private voices: HTTP %d: %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/voices?engine=nope", nil); r.Status != 200 || len(r.list()) != 0 {
		t.Errorf("unknown engine: HTTP %d: %s", r.Status, r.Raw)
	}

	// One voice.
	r = s.call("GET", "/v3/voices/espeak-de-f", nil)
	if r.Status != 200 {
		t.Fatalf("get: HTTP %d: %s", r.Status, r.Raw)
	}
	checkSchema(t, "voice-get.response.json", r.Raw)
	if d := r.data(); d["voice_id"] != "espeak-de-f" || d["language"] != "German" || d["gender"] != "female" {
		t.Errorf("get: %v", d)
	}
	if d := probeDuration(t, download(t, r.data()["preview_audio_url"].(string), "de.wav")); d < 0.5 {
		t.Errorf("German preview lasts %.2f s", d)
	}
	r = s.call("GET", "/v3/voices/no-such-voice", nil)
	if r.Status != 404 || r.errorField("code") != "voice_not_found" {
		t.Errorf("unknown voice: HTTP %d: %s", r.Status, r.Raw)
	}
}

// TestVoiceSpeech speaks text and SSML and checks the audio and word timestamps.
func TestVoiceSpeech(t *testing.T) {
	s := startServer(t, "", "--workers", "0")
	speak := func(body map[string]any) (map[string]any, []map[string]any) {
		t.Helper()
		r := s.call("POST", "/v3/voices/speech", body)
		if r.Status != 200 {
			t.Fatalf("speech %v: HTTP %d: %s", body, r.Status, r.Raw)
		}
		checkSchema(t, "voice-speech-create.response.json", r.Raw)
		d := r.data()
		var words []map[string]any
		for _, w := range d["word_timestamps"].([]any) {
			words = append(words, w.(map[string]any))
		}
		if id, _ := d["request_id"].(string); id == "" {
			t.Error("no request_id")
		}
		dur := d["duration"].(float64)
		got := probeDuration(t, download(t, d["audio_url"].(string), "speech.wav"))
		if dur < 0.5 || got < dur-0.05 || got > dur+0.05 {
			t.Errorf("duration %.3f s, audio file %.3f s", dur, got)
		}
		prev := 0.0
		for _, w := range words {
			st, en := w["start"].(float64), w["end"].(float64)
			if st < prev || en < st || en > dur+0.01 {
				t.Errorf("word %v out of order or outside the audio", w)
			}
			prev = en
		}
		return d, words
	}
	wordsOf := func(ws []map[string]any) string {
		var out []string
		for _, w := range ws {
			out = append(out, w["word"].(string))
		}
		return strings.Join(out, " ")
	}

	// Text: normalised for speech, captioned as written.
	_, words := speak(map[string]any{"text": "We raised $4.5M at 3:30 pm on the 2nd, see https://example.com/pricing.", "voice_id": "espeak-en-us-f"})
	if got, want := wordsOf(words), "We raised $4.5M at 3:30 pm on the 2nd see https://example.com/pricing"; got != want {
		t.Errorf("words %q, want %q", got, want)
	}
	// "$4.5M" is four spoken words: it lasts much longer than "at".
	if d, at := words[2]["end"].(float64)-words[2]["start"].(float64), words[3]["end"].(float64)-words[3]["start"].(float64); d < 3*at {
		t.Errorf("$4.5M lasts %.2f s, at %.2f s", d, at)
	}
	slow, _ := speak(map[string]any{"text": "Hola, mundo. Esto es una prueba.", "voice_id": "espeak-es-m", "speed": 0.5})
	fast, _ := speak(map[string]any{"text": "Hola, mundo. Esto es una prueba.", "voice_id": "espeak-es-m", "speed": 2.0, "input_type": "text"})
	if slow["duration"].(float64) <= fast["duration"].(float64) {
		t.Errorf("speed 0.5 gives %.2f s, speed 2 %.2f s", slow["duration"], fast["duration"])
	}

	// SSML: a break, say-as, emphasis, prosody.
	_, words = speak(map[string]any{
		"voice_id": "espeak-en-us-m", "input_type": "ssml",
		"text": `<speak>Hello <break time="800ms"/> world. Our <say-as interpret-as="characters">API</say-as> is <emphasis level="strong">fast</emphasis>, <prosody rate="slow">really</prosody> fast.</speak>`,
	})
	if got, want := wordsOf(words), "Hello world Our API is fast really fast"; got != want {
		t.Errorf("SSML words %q, want %q", got, want)
	}
	if gap := words[1]["start"].(float64) - words[0]["end"].(float64); gap < 0.8 {
		t.Errorf("break of 800 ms gave a gap of %.3f s", gap)
	}

	// Validation.
	for _, c := range []struct {
		body   any
		status int
		code   string
		param  string
	}{
		{map[string]any{"voice_id": "espeak-en-us-f"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": "  ", "voice_id": "espeak-en-us-f"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": strings.Repeat("a", 5001), "voice_id": "espeak-en-us-f"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": "Hi."}, 400, "invalid_parameter", "voice_id"},
		{map[string]any{"text": "Hi.", "voice_id": "espeak-en-us-f", "speed": 3}, 400, "invalid_parameter", "speed"},
		{map[string]any{"text": "Hi.", "voice_id": "espeak-en-us-f", "speed": 0.4}, 400, "invalid_parameter", "speed"},
		{map[string]any{"text": "Hi.", "voice_id": "espeak-en-us-f", "speed": "fast"}, 400, "invalid_parameter", "speed"},
		{map[string]any{"text": 5, "voice_id": "espeak-en-us-f"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": "Hi.", "voice_id": "espeak-en-us-f", "input_type": "xml"}, 400, "invalid_parameter", "input_type"},
		{map[string]any{"text": "<speak><audio src='x'/></speak>", "voice_id": "espeak-en-us-f", "input_type": "ssml"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": "<speak>unclosed", "voice_id": "espeak-en-us-f", "input_type": "ssml"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": `<break time="99s"/>Hi`, "voice_id": "espeak-en-us-f", "input_type": "ssml"}, 400, "invalid_parameter", "text"},
		{map[string]any{"text": "Hi.", "voice_id": "no-such-voice"}, 404, "voice_not_found", ""},
		{[]byte(`{"text": "Hi.",`), 400, "invalid_parameter", ""},
	} {
		r := s.call("POST", "/v3/voices/speech", c.body)
		param, _ := r.errorField("param").(string)
		if r.Status != c.status || r.errorField("code") != c.code || param != c.param {
			t.Errorf("%v: HTTP %d %v param %q, want %d %s %q: %s", c.body, r.Status, r.errorField("code"), param, c.status, c.code, c.param, r.Raw)
		}
	}
	for _, q := range []string{"limit=0", "limit=101", "limit=x", "gender=robot", "type=shared", "token=bogus", "token=" + "dm9pY2VzOi0x"} {
		r := s.call("GET", "/v3/voices?"+q, nil)
		if r.Status != 400 || r.errorField("code") != "invalid_parameter" {
			t.Errorf("GET /v3/voices?%s: HTTP %d: %s", q, r.Status, r.Raw)
		}
	}
}
