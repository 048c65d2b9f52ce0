package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// The direct video API: POST /v3/videos (avatar, image, studio; cinematic_avatar refused),
// GET /v3/videos/statuses, POST /v3/videos/batches, GET /v3/videos/batches/{id}.

const directLook = "ava-business"

// createDirect posts a create body and returns the video id, checking the response shape.
func (s *server) createDirect(body map[string]any) string {
	s.t.Helper()
	r := s.call("POST", "/v3/videos", body)
	if r.Status != 200 {
		s.t.Fatalf("POST /v3/videos: HTTP %d: %s", r.Status, r.Raw)
	}
	checkSchema(s.t, "video-create.response.json", r.Raw)
	d := r.data()
	if d["status"] != "waiting" || d["output_format"] != "mp4" {
		s.t.Fatalf("create response: %s", r.Raw)
	}
	id, _ := d["video_id"].(string)
	if id == "" {
		s.t.Fatalf("no video_id: %s", r.Raw)
	}
	return id
}

// completed waits for a direct video, checks the Video resource and returns it with its
// probed file.
func (s *server) completed(t *testing.T, id string) (map[string]any, *media.ProbeInfo, string) {
	t.Helper()
	v := s.waitVideo(id, 4*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("video %s: %v: %v", id, v["failure_code"], v["failure_message"])
	}
	r := s.call("GET", "/v3/videos/"+id, nil)
	checkSchema(t, "video-get.response.json", r.Raw)
	path := download(t, v["video_url"].(string), id+".mp4")
	info, err := media.Probe(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Video() == nil || info.Audio() == nil || info.Duration <= 0 {
		t.Fatalf("video %s: streams %+v duration %v", id, info.Streams, info.Duration)
	}
	return v, info, path
}

func b64(b []byte) map[string]any {
	return map[string]any{"type": "base64", "media_type": "application/octet-stream", "data": base64.StdEncoding.EncodeToString(b)}
}

// testClip makes a short MP4 with a test pattern and a tone.
func testClip(t *testing.T, seconds float64) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "clip.mp4")
	out, err := exec.Command("ffmpeg", "-hide_banner", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", fmt.Sprint(seconds), "-pix_fmt", "yuv420p",
		"-c:v", "libx264", "-c:a", "aac", "-shortest", p).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (s *server) assetID(name string, b []byte) string {
	s.t.Helper()
	r := s.upload(name, bytes.NewReader(b))
	if r.Status != 200 {
		s.t.Fatalf("upload %s: HTTP %d: %s", name, r.Status, r.Raw)
	}
	return r.data()["asset_id"].(string)
}

func TestDirectAvatarScript(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	script := "Welcome to the quarterly update. Revenue grew in every region this quarter.\n\n" +
		"Next, we look at what the team shipped. Three features reached customers, and two more are in review. " +
		"Finally, thank you for watching; see you next time."
	id := s.createDirect(map[string]any{
		"type": "avatar", "avatar_id": directLook, "script": script, "resolution": "720p",
		"caption": map[string]any{"style": "default"}, "title": "Quarterly update",
		"voice_settings": map[string]any{"speed": 1.1, "pitch": 0, "volume": 1},
		"background":     map[string]any{"type": "color", "value": "#1E3A5F"},
		"callback_id":    "cb-1", "aspect_ratio": "auto", "output_format": "mp4",
		"some_future_field": true, // unknown fields are ignored
	})
	v, info, _ := s.completed(t, id)
	if v["title"] != "Quarterly update" {
		t.Errorf("title %v", v["title"])
	}
	if st := info.Video(); st.Width != 1280 || st.Height != 720 {
		t.Errorf("frame %dx%d, want 1280x720 (auto = the look's landscape)", st.Width, st.Height)
	}
	srt := download(t, v["subtitle_url"].(string), id+".srt")
	cues := readSRT(t, srt)
	text := strings.ToLower(joinCues(cues))
	for _, w := range []string{"welcome", "quarterly", "shipped", "watching"} {
		if !strings.Contains(text, w) {
			t.Errorf("captions lack %q: %s", w, text)
		}
	}
	// Direct videos are videos, not Video Agent sessions.
	list := s.call("GET", "/v3/video-agents", nil)
	if n := len(list.list()); n != 0 {
		t.Errorf("GET /v3/video-agents lists %d sessions, want none: %s", n, list.Raw)
	}
	all := s.call("GET", "/v3/videos", nil)
	if len(all.list()) != 1 {
		t.Errorf("GET /v3/videos: %s", all.Raw)
	}
}

func TestDirectImage(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	img := s.assetID("portrait.png", pngBytes(t, 360, 640, color.RGBA{200, 80, 40, 255}))
	id := s.createDirect(map[string]any{
		"type": "image", "image": map[string]any{"type": "asset_id", "asset_id": img},
		"script":       "This picture speaks for itself. It is framed and gently animated while I talk.",
		"aspect_ratio": "auto", "resolution": "720p", "fit": "cover", "expressiveness": "low",
		"motion_prompt": "slow zoom", "remove_background": false,
	})
	_, info, _ := s.completed(t, id)
	if st := info.Video(); st.Width != 720 || st.Height != 1280 {
		t.Errorf("frame %dx%d, want 720x1280 (auto follows the portrait image)", st.Width, st.Height)
	}
}

func TestDirectStudio(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	clip := s.assetID("clip.mp4", testClip(t, 2))
	id := s.createDirect(map[string]any{
		"type": "studio", "resolution": "720p", "aspect_ratio": "16:9", "title": "Studio",
		"scenes": []any{
			map[string]any{"type": "avatar_video", "input": map[string]any{
				"type": "avatar", "avatar_id": directLook, "script": "First, the presenter introduces the topic.",
				"background": map[string]any{"type": "color", "color": "#FFFFFF"}}},
			map[string]any{"type": "image", "source": b64(pngBytes(t, 640, 360, color.RGBA{20, 120, 200, 255})), "duration": 2},
			map[string]any{"type": "video", "source": map[string]any{"type": "asset_id", "asset_id": clip},
				"playback": map[string]any{"volume": 0.5, "mute": false}},
		},
	})
	_, info, _ := s.completed(t, id)
	// Three scenes: the narration, about 2 s of image and 2 s of clip (with the default
	// silent length until the renderer honours Scene.Duration: 3 s each).
	if d := info.Duration.Seconds(); d < 5 {
		t.Errorf("duration %.2f s, want the three scenes", d)
	}
}

func TestDirectCinematicAvatar(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", "--workers", "0")
	r := s.call("POST", "/v3/videos", map[string]any{"type": "cinematic_avatar", "avatar_id": []string{directLook}, "prompt": "A walk on the beach"})
	if r.Status != 400 || r.errorField("code") != "invalid_parameter" || r.errorField("param") != "type" ||
		!strings.Contains(r.errorField("message").(string), "not supported by this server") {
		t.Fatalf("HTTP %d %s", r.Status, r.Raw)
	}
}

func TestDirectValidation(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", "--workers", "0")
	avatar := func(kv ...any) map[string]any {
		m := map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hello."}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
				continue
			}
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	img := map[string]any{"type": "url", "url": "https://example.com/a.png"}
	studio := func(scenes ...any) map[string]any { return map[string]any{"type": "studio", "scenes": scenes} }
	many := make([]any, 51)
	for i := range many {
		many[i] = map[string]any{"type": "image", "source": img}
	}
	cases := []struct {
		name   string
		body   any
		status int
		code   string
		param  string
	}{
		{"no type", map[string]any{"avatar_id": directLook}, 400, "invalid_parameter", "type"},
		{"bad type", map[string]any{"type": "hologram"}, 400, "invalid_parameter", "type"},
		{"type not string", map[string]any{"type": 3}, 400, "invalid_parameter", "type"},
		{"no avatar", avatar("avatar_id", nil), 400, "invalid_parameter", "avatar_id"},
		{"unknown avatar", avatar("avatar_id", "no-such-look"), 404, "avatar_not_found", "avatar_id"},
		{"unknown voice", avatar("voice_id", "no-such-voice"), 404, "voice_not_found", "voice_id"},
		{"no script", avatar("script", nil), 400, "invalid_parameter", "script"},
		{"blank script", avatar("script", "   "), 400, "invalid_parameter", "script"},
		{"script too long", avatar("script", strings.Repeat("a", 10001)), 400, "invalid_parameter", "script"},
		{"script wrong type", avatar("script", 12), 400, "invalid_parameter", "script"},
		{"speed", avatar("voice_settings", map[string]any{"speed": 2}), 400, "invalid_parameter", "voice_settings.speed"},
		{"pitch", avatar("voice_settings", map[string]any{"pitch": -51}), 400, "invalid_parameter", "voice_settings.pitch"},
		{"volume", avatar("voice_settings", map[string]any{"volume": 1.5}), 400, "invalid_parameter", "voice_settings.volume"},
		{"locale", avatar("voice_settings", map[string]any{"locale": "not a locale!"}), 400, "invalid_parameter", "voice_settings.locale"},
		{"engine type", avatar("voice_settings", map[string]any{"engine_settings": map[string]any{"engine_type": "x"}}), 400, "invalid_parameter", "voice_settings.engine_settings.engine_type"},
		{"aspect", avatar("aspect_ratio", "3:2"), 400, "invalid_parameter", "aspect_ratio"},
		{"resolution", avatar("resolution", "8k"), 400, "invalid_parameter", "resolution"},
		{"webm image", map[string]any{"type": "image", "script": "Hi.", "image": img, "output_format": "webm"}, 400, "invalid_parameter", "output_format"},
		{"webm background", avatar("output_format", "webm", "background", map[string]any{"type": "color", "value": "#000000"}), 400, "invalid_parameter", "background"},
		{"output format", avatar("output_format", "avi"), 400, "invalid_parameter", "output_format"},
		{"caption style", avatar("caption", map[string]any{"style": "fancy"}), 400, "invalid_parameter", "caption.style"},
		{"caption format", avatar("caption", map[string]any{"file_format": "vtt"}), 400, "invalid_parameter", "caption.file_format"},
		{"title", avatar("title", strings.Repeat("t", 201)), 400, "invalid_parameter", "title"},
		{"callback url", avatar("callback_url", "ftp://x"), 400, "invalid_parameter", "callback_url"},
		{"callback id", avatar("callback_id", strings.Repeat("c", 129)), 400, "invalid_parameter", "callback_id"},
		{"bg type", avatar("background", map[string]any{"type": "video"}), 400, "invalid_parameter", "background.type"},
		{"bg colour", avatar("background", map[string]any{"type": "color", "value": "blue"}), 400, "invalid_parameter", "background.value"},
		{"bg image", avatar("background", map[string]any{"type": "image"}), 400, "invalid_parameter", "background.url"},
		{"engine", avatar("engine", map[string]any{"type": "avatar_ix"}), 400, "invalid_parameter", "engine.type"},
		{"expressiveness", avatar("expressiveness", "max"), 400, "invalid_parameter", "expressiveness"},
		{"fit", avatar("fit", "stretch"), 400, "invalid_parameter", "fit"},
		{"two audios", avatar("audio_url", "https://example.com/a.mp3", "audio_asset_id", "x"), 400, "invalid_parameter", "audio_url"},
		{"watermark", avatar("watermark", map[string]any{"opacity": 1}), 400, "invalid_parameter", "watermark.image"},
		{"watermark position", avatar("watermark", map[string]any{"image": img, "placement": map[string]any{"position": "middle"}}), 400, "invalid_parameter", "watermark.placement.position"},
		{"image missing", map[string]any{"type": "image", "script": "Hi."}, 400, "invalid_parameter", "image"},
		{"image type", map[string]any{"type": "image", "script": "Hi.", "image": map[string]any{"type": "ftp"}}, 400, "invalid_parameter", "image.type"},
		{"image url", map[string]any{"type": "image", "script": "Hi.", "image": map[string]any{"type": "url"}}, 400, "invalid_parameter", "image.url"},
		{"image base64", map[string]any{"type": "image", "script": "Hi.", "image": map[string]any{"type": "base64", "media_type": "image/png", "data": "!!!"}}, 400, "invalid_parameter", "image.data"},
		{"image asset", map[string]any{"type": "image", "script": "Hi.", "image": map[string]any{"type": "asset_id", "asset_id": "nope"}}, 400, "invalid_parameter", "image.asset_id"},
		{"studio no scenes", map[string]any{"type": "studio"}, 400, "invalid_parameter", "scenes"},
		{"studio empty", studio(), 400, "invalid_parameter", "scenes"},
		{"studio 51", studio(many...), 400, "invalid_parameter", "scenes"},
		{"scene type", studio(map[string]any{"type": "gif"}), 400, "invalid_parameter", "scenes[0].type"},
		{"scene input", studio(map[string]any{"type": "avatar_video"}), 400, "invalid_parameter", "scenes[0].input"},
		{"scene avatar", studio(map[string]any{"type": "avatar_video", "input": map[string]any{"type": "avatar", "avatar_id": "no-such-look", "script": "Hi."}}), 404, "avatar_not_found", "scenes[0].input.avatar_id"},
		{"scene source", studio(map[string]any{"type": "image", "source": img}, map[string]any{"type": "video"}), 400, "invalid_parameter", "scenes[1].source"},
		{"scene duration", studio(map[string]any{"type": "image", "source": img, "duration": -1}), 400, "invalid_parameter", "scenes[0].duration"},
		{"scene asset", studio(map[string]any{"type": "image", "source": b64(pngBytes(t, 8, 8, color.White))}, map[string]any{"type": "image", "source": map[string]any{"type": "asset_id", "asset_id": "missing"}}), 400, "invalid_parameter", "scenes[1].source.asset_id"},
		{"playback volume", studio(map[string]any{"type": "video", "source": img, "playback": map[string]any{"volume": 3}}), 400, "invalid_parameter", "scenes[0].playback.volume"},
		{"studio bg", studio(map[string]any{"type": "avatar_video", "input": map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hi.", "background": map[string]any{"type": "color", "color": "red"}}}), 400, "invalid_parameter", "scenes[0].input.background.color"},
		{"not an object", []byte(`[1,2]`), 400, "invalid_parameter", ""},
		{"malformed", []byte(`{"type":`), 400, "invalid_parameter", ""},
	}
	if len(cases) < 20 {
		t.Fatal("too few cases")
	}
	for _, c := range cases {
		r := s.call("POST", "/v3/videos", c.body)
		param, _ := r.errorField("param").(string)
		if r.Status != c.status || r.errorField("code") != c.code || param != c.param {
			t.Errorf("%s: HTTP %d code %v param %q, want %d %s %q: %s", c.name, r.Status, r.errorField("code"), param, c.status, c.code, c.param, r.Raw)
		}
	}
	// Nothing was created.
	if l := s.call("GET", "/v3/videos", nil); len(l.list()) != 0 {
		t.Errorf("invalid bodies created videos: %s", l.Raw)
	}
}

func TestDirectAbuse(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", "--workers", "0")
	good := pngBytes(t, 64, 64, color.RGBA{1, 2, 3, 255})
	corrupt := append(append([]byte{}, good[:40]...), bytes.Repeat([]byte{0xAB}, 200)...)
	clip := testClip(t, 2)
	truncated := clip[:len(clip)*2/3]
	pdfBomb := append([]byte("%PDF-1.7\n1 0 obj << /Length 999999999 /Filter /FlateDecode >> stream\n"), bytes.Repeat([]byte{0}, 4096)...)
	zeroWAV := []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00")
	truncID := s.assetID("truncated.mp4", truncated)
	wavID := s.assetID("empty.wav", zeroWAV)
	cases := []struct {
		name  string
		body  map[string]any
		param string
	}{
		{"corrupt png", map[string]any{"type": "image", "script": "Hi.", "image": b64(corrupt)}, "image.data"},
		{"truncated mp4", map[string]any{"type": "studio", "scenes": []any{map[string]any{"type": "video", "source": map[string]any{"type": "asset_id", "asset_id": truncID}}}}, "scenes[0].source.asset_id"},
		{"pdf bomb as image", map[string]any{"type": "image", "script": "Hi.", "image": b64(pdfBomb)}, "image.data"},
		{"pdf bomb as background", map[string]any{"type": "studio", "scenes": []any{map[string]any{"type": "image", "source": b64(pdfBomb), "duration": 1}}}, "scenes[0].source.data"},
		{"zero-length wav", map[string]any{"type": "avatar", "avatar_id": directLook, "audio_asset_id": wavID}, "audio_asset_id"},
		{"empty base64", map[string]any{"type": "image", "script": "Hi.", "image": map[string]any{"type": "base64", "media_type": "image/png", "data": "===="}}, "image.data"},
	}
	for _, c := range cases {
		r := s.call("POST", "/v3/videos", c.body)
		if r.Status != 400 || r.errorField("code") != "invalid_parameter" || r.errorField("param") != c.param {
			t.Errorf("%s: HTTP %d %s", c.name, r.Status, r.Raw)
		}
	}
	// A URL to this machine is refused without --allow-private-urls.
	srv := fileServer(t, map[string][]byte{"a.png": good})
	r := s.call("POST", "/v3/videos", map[string]any{"type": "image", "script": "Hi.", "image": map[string]any{"type": "url", "url": srv.URL + "/a.png"}})
	if r.Status != 400 || r.errorField("code") != "download_failed" || r.errorField("param") != "image.url" {
		t.Errorf("loopback url: HTTP %d %s", r.Status, r.Raw)
	}
	for _, u := range []string{"http://10.0.0.1/a.png", "http://169.254.169.254/latest/meta-data"} {
		r := s.call("POST", "/v3/videos", map[string]any{"type": "studio", "scenes": []any{map[string]any{"type": "image", "source": map[string]any{"type": "url", "url": u}}}})
		if r.Status != 400 || r.errorField("code") != "download_failed" || r.errorField("param") != "scenes[0].source.url" {
			t.Errorf("%s: HTTP %d %s", u, r.Status, r.Raw)
		}
	}
	// The server is still up and serving.
	if r := s.call("GET", "/v3/videos", nil); r.Status != 200 {
		t.Fatalf("after abuse: HTTP %d", r.Status)
	}
}

func TestDirectBatchesAndStatuses(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	body := map[string]any{
		"title": "Batch one",
		"videos": []any{
			map[string]any{"type": "avatar", "avatar_id": directLook, "script": "First video of the batch.", "resolution": "720p"},
			map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Bad.", "aspect_ratio": "2:1"},
			map[string]any{"type": "image", "image": b64(pngBytes(t, 320, 180, color.RGBA{90, 160, 60, 255})), "script": "Third video.", "resolution": "720p"},
		},
	}
	r := s.call("POST", "/v3/videos/batches", body)
	if r.Status != 200 {
		t.Fatalf("create batch: HTTP %d %s", r.Status, r.Raw)
	}
	checkSchema(t, "video-batches-get.response.json", r.Raw)
	d := r.data()
	bid := d["batch_id"].(string)
	items := d["items"].([]any)
	if d["total_items"] != float64(3) || len(items) != 3 {
		t.Fatalf("batch: %s", r.Raw)
	}
	bad := items[1].(map[string]any)
	if bad["status"] != "failed" || bad["video_id"] != nil || bad["error"].(map[string]any)["param"] != "videos[1].aspect_ratio" {
		t.Errorf("invalid item: %v", bad)
	}
	var vids []string
	for _, i := range []int{0, 2} {
		it := items[i].(map[string]any)
		if it["video_id"] == nil || it["error"] != nil {
			t.Fatalf("item %d: %v", i, it)
		}
		vids = append(vids, it["video_id"].(string))
	}
	for _, id := range vids {
		s.completed(t, id)
	}
	g := s.call("GET", "/v3/videos/batches/"+bid, nil)
	checkSchema(t, "video-batches-get.response.json", g.Raw)
	gd := g.data()
	counts := gd["counts_by_status"].(map[string]any)
	if gd["status"] != "completed" || counts["completed"] != float64(2) || counts["failed"] != float64(1) {
		t.Errorf("batch after completion: %s", g.Raw)
	}
	// Pages of one item.
	p := s.call("GET", "/v3/videos/batches/"+bid+"?limit=1", nil)
	if pd := p.data(); pd["has_more"] != true || pd["next_token"] == nil || len(pd["items"].([]any)) != 1 {
		t.Errorf("page: %s", p.Raw)
	} else {
		p2 := s.call("GET", "/v3/videos/batches/"+bid+"?limit=1&token="+pd["next_token"].(string), nil)
		if it := p2.data()["items"].([]any); len(it) != 1 || it[0].(map[string]any)["item_index"] != float64(1) {
			t.Errorf("page 2: %s", p2.Raw)
		}
	}
	st := s.call("GET", "/v3/videos/statuses?video_ids="+vids[0]+",unknown-id&batch_ids="+bid, nil)
	if st.Status != 200 {
		t.Fatalf("statuses: HTTP %d %s", st.Status, st.Raw)
	}
	checkSchema(t, "video-statuses-list.response.json", st.Raw)
	l := st.list()
	if len(l) != 5 {
		t.Fatalf("statuses: %s", st.Raw)
	}
	first := l[0].(map[string]any)
	if first["video_id"] != vids[0] || first["status"] != "completed" || first["batch_id"] != bid || first["item_index"] != float64(0) {
		t.Errorf("status of %s: %v", vids[0], first)
	}
	if l[1].(map[string]any)["status"] != "not_found" {
		t.Errorf("unknown id: %v", l[1])
	}
	if r := s.call("GET", "/v3/videos/statuses?video_ids="+strings.Repeat("x,", 101), nil); r.Status != 400 || r.errorField("param") != "video_ids" {
		t.Errorf("101 ids: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/videos/statuses", nil); r.Status != 200 || len(r.list()) != 0 {
		t.Errorf("no ids: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/videos/batches/nope", nil); r.Status != 404 {
		t.Errorf("unknown batch: HTTP %d", r.Status)
	}
	for _, b := range []any{map[string]any{}, map[string]any{"videos": []any{}}, map[string]any{"videos": make([]any, 101)}} {
		if r := s.call("POST", "/v3/videos/batches", b); r.Status != 400 || r.errorField("param") != "videos" {
			t.Errorf("batch %v: HTTP %d %s", b, r.Status, r.Raw)
		}
	}
	// A key of another account sees neither the batch nor its videos.
	other := newKey(t, s)
	if r := s.callKey(other, "GET", "/v3/videos/batches/"+bid, nil); r.Status != 404 {
		t.Errorf("other account reads the batch: HTTP %d", r.Status)
	}
}

// TestDirectAvatarAudio: a presenter lip-synced to supplied audio. The narration is real
// speech (espeak-ng's command line), uploaded as an asset; the video lasts as long as the
// recording (plus the renderer's short lead-in and tail).
func TestDirectAvatarAudio(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	wav := filepath.Join(t.TempDir(), "speech.wav")
	if out, err := exec.Command("espeak-ng", "-v", "en-us", "-w", wav, "Welcome to the quarterly update. Revenue grew, costs fell, and our customers are happier than ever.").CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng: %v: %s", err, out)
	}
	audio, err := os.ReadFile(wav)
	if err != nil {
		t.Fatal(err)
	}
	info, err := media.Probe(context.Background(), wav)
	if err != nil {
		t.Fatal(err)
	}
	id := s.createDirect(map[string]any{"type": "avatar", "avatar_id": directLook, "audio_asset_id": s.assetID("speech.wav", audio), "title": "From audio"})
	v, vinfo, _ := s.completed(t, id)
	got, want := vinfo.Duration.Seconds(), info.Duration.Seconds()
	if got < want || got > want+1.5 {
		t.Errorf("video %.2f s for %.2f s of audio", got, want)
	}
	if v["title"] != "From audio" {
		t.Errorf("title = %v", v["title"])
	}
}
