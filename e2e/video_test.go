package e2e

import (
	"bufio"
	"context"
	"image/jpeg"
	"io"
	"math"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
	"github.com/openvideoagent/videoagent/mp4"
)

// TestVideoEndToEnd makes a video from a prompt through the API and checks the files a
// client downloads: a real H.264/AAC MP4 with faststart, a JPEG thumbnail, SRT captions.
func TestVideoEndToEnd(t *testing.T) {
	s := startServer(t, "")
	prompt := "Create a short explainer about Solar Panels for homeowners: lower bills, clean energy, and quiet operation."
	sid, vid := s.createVideo(map[string]any{"prompt": prompt})

	v := s.waitVideo(vid, 5*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		t.Fatalf("video failed: %v: %v", v["failure_code"], v["failure_message"])
	}
	for _, f := range []string{"video_url", "thumbnail_url", "subtitle_url"} {
		if u, _ := v[f].(string); !strings.HasPrefix(u, s.base+"/files/") {
			t.Fatalf("%s = %v, want a signed URL on this server", f, v[f])
		}
	}
	apiDuration, _ := v["duration"].(float64)
	if apiDuration <= 3 {
		t.Fatalf("duration = %v, want a real length", v["duration"])
	}

	// The session finished with progress 100, a title, a storyboard resource and messages.
	sr := s.call("GET", "/v3/video-agents/"+sid, nil)
	sess := sr.data()
	if sess["status"] != "completed" || sess["progress"] != float64(100) || sess["video_id"] != vid {
		t.Fatalf("session = %s", sr.Raw)
	}
	if title, _ := sess["title"].(string); title == "" {
		t.Fatalf("session has no title: %s", sr.Raw)
	}
	msgs, _ := sess["messages"].([]any)
	var draftID string
	for _, m := range msgs {
		mm := m.(map[string]any)
		if mm["type"] == "resource" {
			ids, _ := mm["resource_ids"].([]any)
			if len(ids) == 1 {
				draftID, _ = ids[0].(string)
			}
		}
	}
	if draftID == "" {
		t.Fatalf("no storyboard resource message: %s", sr.Raw)
	}
	rr := s.call("GET", "/v3/video-agents/"+sid+"/resources/"+draftID, nil)
	if rr.Status != 200 || rr.data()["resource_type"] != "draft" {
		t.Fatalf("draft resource: HTTP %d %s", rr.Status, rr.Raw)
	}
	md, _ := rr.data()["metadata"].(map[string]any)
	if scenes, _ := md["scenes"].([]any); len(scenes) < 2 {
		t.Fatalf("draft has %d scenes, want a title and narrated scenes", len(scenes))
	}

	// The MP4: H.264 High yuv420p 30 fps + AAC, streams of equal length, moov first.
	file := download(t, v["video_url"].(string), "video.mp4")
	info, err := media.Probe(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	vs, as := info.Video(), info.Audio()
	if vs == nil || as == nil {
		t.Fatalf("want a video and an audio stream, got %+v", info.Streams)
	}
	if vs.CodecName != "h264" || vs.PixFmt != "yuv420p" || vs.Profile != "High" {
		t.Errorf("video stream = %s %s %s, want h264 High yuv420p", vs.CodecName, vs.Profile, vs.PixFmt)
	}
	if vs.RFrameRate != "30/1" {
		t.Errorf("frame rate = %s, want 30/1", vs.RFrameRate)
	}
	if as.CodecName != "aac" {
		t.Errorf("audio codec = %s, want aac", as.CodecName)
	}
	frame := 1.0 / 30
	if d := math.Abs(vs.Duration.Seconds() - as.Duration.Seconds()); d > frame+1e-3 {
		t.Errorf("video stream %.3f s vs audio (narration) stream %.3f s: differ by %.3f s, more than one frame", vs.Duration.Seconds(), as.Duration.Seconds(), d)
	}
	if d := math.Abs(info.Duration.Seconds() - apiDuration); d > frame+1e-3 {
		t.Errorf("API duration %.3f s vs file %.3f s", apiDuration, info.Duration.Seconds())
	}
	if ok, err := mp4.MoovBeforeMdat(file); err != nil || !ok {
		t.Errorf("moov before mdat = %v, %v; want faststart", ok, err)
	}

	// Range requests work on the video URL.
	req, _ := http.NewRequest("GET", v["video_url"].(string), nil)
	req.Header.Set("Range", "bytes=0-99")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || len(body) != 100 || resp.Header.Get("Content-Type") != "video/mp4" {
		t.Errorf("range request: HTTP %d, %d bytes, %s", resp.StatusCode, len(body), resp.Header.Get("Content-Type"))
	}

	// The thumbnail is a JPEG of the video's size.
	thumb := download(t, v["thumbnail_url"].(string), "thumb.jpg")
	f, err := os.Open(thumb)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("thumbnail is not a JPEG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != vs.Width || b.Dy() != vs.Height {
		t.Errorf("thumbnail %v, video %dx%d", b, vs.Width, vs.Height)
	}

	// The SRT has cues inside the video, in order, with words of the narration.
	srt := download(t, v["subtitle_url"].(string), "captions.srt")
	cues := readSRT(t, srt)
	if len(cues) < 3 {
		t.Fatalf("SRT has %d cues", len(cues))
	}
	prev := 0.0
	for _, c := range cues {
		if c.start < prev-1e-6 || c.end < c.start || c.end > info.Duration.Seconds()+frame {
			t.Errorf("cue %.3f-%.3f out of order or past the end (%.3f)", c.start, c.end, info.Duration.Seconds())
		}
		prev = c.start
	}
	all := strings.ToLower(joinCues(cues))
	for _, w := range []string{"solar", "panels"} {
		if !strings.Contains(all, w) {
			t.Errorf("captions do not mention %q: %s", w, all)
		}
	}

	// Signed URLs refuse tampering.
	bad := strings.Replace(v["video_url"].(string), "signature=", "signature=00", 1)
	if r, err := http.Get(bad); err != nil || r.StatusCode != 403 {
		t.Errorf("tampered URL: %v %v, want 403", r.StatusCode, err)
	}

	// Delete removes the video.
	if r := s.call("DELETE", "/v3/videos/"+vid, nil); r.Status != 200 || r.data()["deleted"] != true {
		t.Fatalf("delete: %d %s", r.Status, r.Raw)
	}
	if r := s.call("GET", "/v3/videos/"+vid, nil); r.Status != 404 || r.errorField("code") != "video_not_found" {
		t.Fatalf("get deleted: %d %s", r.Status, r.Raw)
	}
}

type cue struct {
	start, end float64
	text       string
}

var srtTime = regexp.MustCompile(`^(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)$`)

func readSRT(t *testing.T, path string) []cue {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []cue
	sc := bufio.NewScanner(f)
	var cur *cue
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := srtTime.FindStringSubmatch(line); m != nil {
			n := func(i int) float64 { v, _ := strconv.Atoi(m[i]); return float64(v) }
			out = append(out, cue{start: n(1)*3600 + n(2)*60 + n(3) + n(4)/1000, end: n(5)*3600 + n(6)*60 + n(7) + n(8)/1000})
			cur = &out[len(out)-1]
			continue
		}
		if line == "" {
			cur = nil
			continue
		}
		if cur != nil {
			cur.text += " " + line
		}
	}
	return out
}

func joinCues(cs []cue) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.text)
	}
	return b.String()
}
