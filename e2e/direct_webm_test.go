package e2e

import (
	"context"
	"image"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/internal/media/mediatest"
)

// TestDirectAvatarWebM asks for a transparent avatar video (output_format webm) over HTTP
// and checks what comes back: a VP9 WebM with an alpha channel and Opus audio of the same
// length, served as video/webm, in which the presenter (opaque) talks over a fully
// transparent background; captions as files, no GIF and no captioned rendition.
func TestDirectAvatarWebM(t *testing.T) {
	t.Parallel()
	s := startServer(t, "")
	voices := s.call("GET", "/v3/voices?language=en&limit=1", nil).list()
	if len(voices) == 0 {
		t.Fatal("no English voice")
	}
	voice := voices[0].(map[string]any)["voice_id"].(string)
	r := s.call("POST", "/v3/videos", map[string]any{
		"type": "avatar", "avatar_id": directLook, "voice_id": voice, "resolution": "720p", "aspect_ratio": "16:9",
		"script":        "Hello! I am talking over a transparent background, so you can put me on top of anything.",
		"output_format": "webm", "title": "Transparent presenter", "caption": map[string]any{"style": "default"},
	})
	if r.Status != 200 {
		t.Fatalf("POST /v3/videos: HTTP %d: %s", r.Status, r.Raw)
	}
	checkSchema(t, "video-create.response.json", r.Raw)
	d := r.data()
	if d["status"] != "waiting" || d["output_format"] != "webm" {
		t.Fatalf("create response: %s", r.Raw)
	}
	id := d["video_id"].(string)
	v := s.waitVideo(id, 4*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("video %s: %v: %v", id, v["failure_code"], v["failure_message"])
	}
	g := s.call("GET", "/v3/videos/"+id, nil)
	checkSchema(t, "video-get.response.json", g.Raw)
	v = g.data()
	if v["gif_url"] != nil || v["captioned_video_url"] != nil || v["thumbnail_url"] == nil || v["subtitle_url"] == nil {
		t.Errorf("video urls: gif %v captioned %v thumbnail %v subtitles %v", v["gif_url"], v["captioned_video_url"], v["thumbnail_url"], v["subtitle_url"])
	}
	vu := v["video_url"].(string)
	if u, err := url.Parse(vu); err != nil || !strings.HasSuffix(u.Path, ".webm") {
		t.Errorf("video_url %s: want a .webm", vu)
	}
	resp, err := http.Head(vu)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "video/webm" {
		t.Errorf("video Content-Type %q, want video/webm", ct)
	}
	path := download(t, vu, id+".webm")

	ctx := context.Background()
	info, err := media.Probe(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	vs, as := info.Video(), info.Audio()
	if !strings.Contains(info.FormatName, "webm") || vs == nil || as == nil || vs.CodecName != "vp9" || as.CodecName != "opus" ||
		vs.Width != 1280 || vs.Height != 720 {
		t.Fatalf("format %q streams %+v", info.FormatName, info.Streams)
	}
	if got := mediatest.StreamTag(t, path, "v:0", "alpha_mode"); got != "1" {
		t.Errorf("alpha_mode %q, want 1 (VP9 with an alpha channel)", got)
	}
	frame := time.Second / 25
	if vs.FrameRate > 0 {
		frame = time.Duration(float64(time.Second) / vs.FrameRate)
	}
	ve, ae := mediatest.StreamEnd(t, path, "v:0"), mediatest.StreamEnd(t, path, "a:0")
	if dd := ve - ae; dd > frame || dd < -frame {
		t.Errorf("video ends at %v, audio at %v: more than a frame apart", ve, ae)
	}
	if dur := time.Duration(v["duration"].(float64) * float64(time.Second)); math.Abs(float64(ve-dur)) > float64(frame) {
		t.Errorf("video ends at %v, the resource says %v", ve, dur)
	}
	text := strings.ToLower(joinCues(readSRT(t, download(t, v["subtitle_url"].(string), id+".srt"))))
	if !strings.Contains(text, "transparent") {
		t.Errorf("captions: %q", text)
	}

	// The pixels, decoded with libvpx (ffmpeg's native VP9 decoder drops alpha). The
	// presenter of a 16:9 video stands in the middle: the frame's corners and sides are
	// background, the bottom middle is its jacket, and its head is in the upper middle.
	corners := []image.Point{{0, 0}, {1279, 0}, {0, 719}, {1279, 719}, {100, 360}, {1180, 360}}
	body := image.Pt(640, 660)
	head := image.Rect(560, 120, 720, 330)
	var headSig []float64
	frames := 0
	mediatest.AlphaFrames(t, path, 1280, 720, func(i int, img *image.NRGBA) {
		frames++
		for _, c := range corners {
			if a := img.NRGBAAt(c.X, c.Y).A; a != 0 {
				t.Fatalf("frame %d: background at %v has alpha %d, want 0", i, c, a)
			}
		}
		if a := img.NRGBAAt(body.X, body.Y).A; a != 255 {
			t.Fatalf("frame %d: presenter at %v has alpha %d, want 255", i, body, a)
		}
		var sum, cover float64
		for y := head.Min.Y; y < head.Max.Y; y++ {
			for x := head.Min.X; x < head.Max.X; x++ {
				c := img.NRGBAAt(x, y)
				sum += (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) * float64(c.A) / 255
				cover += float64(c.A) / 255
			}
		}
		if n := float64(head.Dx() * head.Dy()); cover < 0.8*n {
			t.Fatalf("frame %d: the head region is %.0f%% covered, want the presenter's face", i, 100*cover/n)
		}
		headSig = append(headSig, sum/float64(head.Dx()*head.Dy()))
	})
	if want := int(math.Round(ve.Seconds() / frame.Seconds())); frames < want-1 || frames > want+1 {
		t.Errorf("decoded %d frames, want %d", frames, want)
	}
	// The face moves while the presenter talks (mouth, blinks, nods): its region changes in
	// many frames.
	changes := 0
	for i := 1; i < len(headSig); i++ {
		if math.Abs(headSig[i]-headSig[i-1]) > 0.3 {
			changes++
		}
	}
	if changes < len(headSig)/10 {
		t.Errorf("the face changed in %d of %d frames", changes, len(headSig))
	}
	t.Logf("%d frames, %v; the face changed in %d", frames, ve, changes)
}

// TestDirectWebMValidation: webm is for avatar videos, without a background.
func TestDirectWebMValidation(t *testing.T) {
	t.Parallel()
	s := startServer(t, "", "--workers", "0")
	img := map[string]any{"type": "url", "url": "https://example.com/a.png"}
	for _, tc := range []struct {
		name  string
		body  map[string]any
		param string
		words string
	}{
		{"image", map[string]any{"type": "image", "image": img, "script": "Hi.", "output_format": "webm"}, "output_format", "only for avatar videos"},
		{"studio", map[string]any{"type": "studio", "output_format": "webm", "scenes": []any{map[string]any{"type": "image", "source": img}}}, "output_format", "only for avatar videos"},
		{"avatar background", map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hi.", "output_format": "webm",
			"background": map[string]any{"type": "color", "value": "#FFFFFF"}}, "background", "transparent"},
		{"other format", map[string]any{"type": "avatar", "avatar_id": directLook, "script": "Hi.", "output_format": "mov"}, "output_format", "mp4, webm"},
	} {
		r := s.call("POST", "/v3/videos", tc.body)
		if r.Status != 400 || r.errorField("code") != "invalid_parameter" || r.errorField("param") != tc.param {
			t.Errorf("%s: HTTP %d %s, want 400 invalid_parameter %s", tc.name, r.Status, r.Raw, tc.param)
			continue
		}
		if msg, _ := r.errorField("message").(string); !strings.Contains(msg, tc.words) {
			t.Errorf("%s: message %q lacks %q", tc.name, msg, tc.words)
		}
	}
}
