package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/internal/media"
)

// agentVideo makes a video and returns the completed video, its session and its draft
// storyboard (the metadata of the draft resource).
func (s *server) agentVideo(body map[string]any) (video, session, draft map[string]any) {
	s.t.Helper()
	sid, vid := s.createVideo(body)
	v := s.waitVideo(vid, 8*time.Minute, "completed", "failed")
	if v["status"] != "completed" {
		s.t.Fatalf("video failed: %v: %v", v["failure_code"], v["failure_message"])
	}
	sess := s.call("GET", "/v3/video-agents/"+sid, nil).data()
	return v, sess, s.draft(sid, sess)
}

// draft returns the storyboard of a session, read through its draft resource.
func (s *server) draft(sid string, sess map[string]any) map[string]any {
	s.t.Helper()
	r := s.resource(sid, sess, "draft")
	if r == nil {
		s.t.Fatalf("session %s has no draft resource", sid)
	}
	md, _ := r.data()["metadata"].(map[string]any)
	return md
}

// resource is the first resource of type typ that the session view's messages name, or nil.
func (s *server) resource(sid string, sess map[string]any, typ string) *response {
	s.t.Helper()
	msgs, _ := sess["messages"].([]any)
	for _, m := range msgs {
		ids, _ := m.(map[string]any)["resource_ids"].([]any)
		for _, id := range ids {
			r := s.call("GET", "/v3/video-agents/"+sid+"/resources/"+id.(string), nil)
			if r.Status != 200 {
				s.t.Fatalf("resource %v: HTTP %d %s", id, r.Status, r.Raw)
			}
			if r.data()["resource_type"] == typ {
				return r
			}
		}
	}
	return nil
}

// awaitDraft waits up to 2 minutes for the session's draft and returns its storyboard.
func (s *server) awaitDraft(sid string) map[string]any {
	s.t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		se := s.call("GET", "/v3/video-agents/"+sid, nil).data()
		if r := s.resource(sid, se, "draft"); r != nil {
			md, _ := r.data()["metadata"].(map[string]any)
			return md
		}
		if se["status"] == "failed" {
			s.t.Fatalf("session %s failed: %v", sid, se)
		}
	}
	s.t.Fatalf("no draft in session %s within 2 minutes", sid)
	return nil
}

// narration joins the scenes' narration of a storyboard.
func narration(sb map[string]any) string {
	var parts []string
	scenes, _ := sb["scenes"].([]any)
	for _, sc := range scenes {
		n, _ := sc.(map[string]any)["narration"].(string)
		parts = append(parts, n)
	}
	return strings.Join(parts, " ")
}

// probeDuration is the MP4's duration as ffprobe reads it, in seconds.
func videoLength(t *testing.T, v map[string]any) (float64, *media.ProbeInfo) {
	t.Helper()
	mp4 := download(t, v["video_url"].(string), "video.mp4")
	info, err := media.Probe(context.Background(), mp4)
	if err != nil {
		t.Fatal(err)
	}
	return info.Duration.Seconds(), info
}

// TestAgentThinPrompt: a prompt that gives too little for the length asked gets an honest,
// shorter video (the built-in planner does not invent) and a session message that says
// what the script is based on and how to get more.
func TestAgentThinPrompt(t *testing.T) {
	s := startServer(t, "")
	v, sess, sb := s.agentVideo(map[string]any{"prompt": "A product demo of Ledgerly, our invoicing tool for freelancers", "duration_sec": 45})
	d, _ := videoLength(t, v)
	if d >= 45 {
		t.Errorf("a thin prompt made a %.1f s video: it was padded", d)
	}
	if !strings.Contains(narration(sb), "Ledgerly, our invoicing tool for freelancers") {
		t.Errorf("narration does not say what the prompt gave: %s", narration(sb))
	}
	found := false
	for _, m := range sess["messages"].([]any) {
		c, _ := m.(map[string]any)["content"].(string)
		found = found || strings.Contains(c, "VIDEOAGENT_LLM_BASE_URL") && strings.Contains(c, "does not invent")
	}
	if !found {
		t.Errorf("the session does not say why the video is short: %v", sess["messages"])
	}
}

var reSRTTime = regexp.MustCompile(`^\d\d:\d\d:\d\d,\d\d\d --> `)

// captionWords returns the words of a video's SRT captions.
func captionWords(t *testing.T, v map[string]any) []string {
	t.Helper()
	resp, err := http.Get(v["subtitle_url"].(string))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var words []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || reSRTTime.MatchString(l) || regexp.MustCompile(`^\d+$`).MatchString(l) {
			continue
		}
		words = append(words, strings.Fields(l)...)
	}
	return words
}

// TestAgentGermanAndTikTok: a German prompt gives German narration with a German voice;
// "for TikTok" gives a portrait 9:16 video.
func TestAgentGermanAndTikTok(t *testing.T) {
	s := startServer(t, "")
	v, _, sb := s.agentVideo(map[string]any{"prompt": "Ein 20-sekündiges Erklärvideo auf Deutsch: Im Büro trennen wir Papier, Plastik und Restmüll. Die blauen Tonnen für Papier stehen in der Küche. Batterien sammelt der Empfang."})
	if sb["language"] != "de" || !strings.HasPrefix(sb["voice_id"].(string), "espeak-de") {
		t.Errorf("storyboard language %v voice %v, want German", sb["language"], sb["voice_id"])
	}
	vr := s.call("GET", "/v3/voices/"+sb["voice_id"].(string), nil)
	if vr.Status == 200 {
		if loc, _ := vr.data()["locale"].(string); loc != "" && !strings.HasPrefix(loc, "de") {
			t.Errorf("voice locale %q, want German", loc)
		}
	}
	words := strings.ToLower(strings.Join(captionWords(t, v), " "))
	german := 0
	for _, w := range []string{" und ", " die ", " der ", " das ", " ist ", " sie ", " wir ", " mit ", " nicht ", " für "} {
		if strings.Contains(" "+words+" ", w) {
			german++
		}
	}
	if german < 3 {
		t.Errorf("captions do not read as German (%d common German words): %s", german, words)
	}

	v, _, sb = s.agentVideo(map[string]any{"prompt": "A 15-second promo for our summer sale at Lumo Shoes, for TikTok"})
	if sb["aspect_ratio"] != "9:16" {
		t.Errorf("aspect_ratio = %v, want 9:16", sb["aspect_ratio"])
	}
	_, info := videoLength(t, v)
	vs := info.Video()
	if vs == nil || vs.Width >= vs.Height || vs.Width*16 != vs.Height*9 {
		t.Errorf("video is %dx%d, want portrait 9:16", vs.Width, vs.Height)
	}
}

// pdfPage is one page of a test PDF: a coloured block on the left half and text lines on
// the right.
type pdfPage struct {
	block   [3]float64 // RGB 0-1
	heading string
	lines   []string
}

// makePDF writes a small landscape (16:9) PDF by hand: Helvetica text and one filled
// rectangle per page.
func makePDF(pages []pdfPage) []byte {
	var objs []string
	n := len(pages)
	kids := []string{}
	for i := 0; i < n; i++ {
		kids = append(kids, fmt.Sprintf("%d 0 R", 4+2*i))
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>")
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	for _, p := range pages {
		var c strings.Builder
		fmt.Fprintf(&c, "%.2f %.2f %.2f rg 0 0 440 540 re f\n", p.block[0], p.block[1], p.block[2])
		fmt.Fprintf(&c, "BT 0 0 0 rg /F1 26 Tf 470 480 Td (%s) Tj ET\n", esc.Replace(p.heading))
		y := 430
		for _, l := range p.lines {
			fmt.Fprintf(&c, "BT 0 0 0 rg /F1 13 Tf 470 %d Td (%s) Tj ET\n", y, esc.Replace(l))
			y -= 20
		}
		page := len(objs) + 1
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", page+1))
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// colourShare returns the fraction of an image's pixels within tol of c (per channel).
func colourShare(img image.Image, c color.RGBA, tol int) float64 {
	b := img.Bounds()
	n, hit := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			n++
			if absInt(int(r>>8)-int(c.R)) <= tol && absInt(int(g>>8)-int(c.G)) <= tol && absInt(int(bl>>8)-int(c.B)) <= tol {
				hit++
			}
		}
	}
	return float64(hit) / float64(n)
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// maxColourShare samples the video every second and returns the largest share of
// pixels near each colour in any one frame.
func maxColourShare(t *testing.T, mp4 string, dur float64, cs ...color.RGBA) []float64 {
	t.Helper()
	best := make([]float64, len(cs))
	for at := 0.5; at < dur; at += 1 {
		img, err := media.ExtractFrame(context.Background(), mp4, time.Duration(at*float64(time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cs {
			if s := colourShare(img, c, 28); s > best[i] {
				best[i] = s
			}
		}
	}
	return best
}

// fileServer serves test files on loopback.
func fileServer(t *testing.T, files map[string][]byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page.html":
			w.Header().Set("Content-Type", "image/png") // lies: the bytes decide
			io.WriteString(w, "<!DOCTYPE html><html><head><title>Gallery</title></head><body><img src=x.png></body></html>")
			return
		case "/huge.mp4":
			w.Header().Set("Content-Length", fmt.Sprint(40<<20))
			w.Write(make([]byte, 1<<20))
			return
		case "/moved.png":
			http.Redirect(w, r, "/chart.png", http.StatusFound)
			return
		}
		b, ok := files[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// quadrantPNG is a 640x360 image: orange on the left, blue on the right.
func quadrantPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for y := 0; y < 360; y++ {
		for x := 0; x < 640; x++ {
			c := color.RGBA{250, 130, 10, 255}
			if x >= 320 {
				c = color.RGBA{20, 70, 230, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	green   = color.RGBA{25, 178, 76, 255}
	magenta = color.RGBA{217, 25, 178, 255}
	orange  = color.RGBA{250, 130, 10, 255}
	blue    = color.RGBA{20, 70, 230, 255}
)

func testReport() []byte {
	return makePDF([]pdfPage{
		{[3]float64{0.1, 0.7, 0.3}, "Zorblax Annual Report", []string{
			"Zorblax Robotics was founded in 1987 in Reykjavik by",
			"two marine engineers.",
			"The company builds underwater drones that inspect fish",
			"farms along the coast of Iceland.",
			"In 2024 Zorblax revenue grew 42 percent to 18 million euros.",
		}},
		{[3]float64{0.85, 0.1, 0.7}, "Plans for Next Year", []string{
			"The new Krakenfin drone can dive to 900 metres and stay",
			"under water for eleven hours.",
			"Zorblax will open a second factory in Tromso next spring.",
			"The factory will employ 140 people and build 600 drones a year.",
		}},
	})
}

// TestAgentFiles: a PDF's facts are narrated over its pages; an image appears in the
// video. The files come from a local server, so the server runs with --allow-private-urls.
func TestAgentFiles(t *testing.T) {
	fs := fileServer(t, map[string][]byte{"report.pdf": testReport(), "chart.png": quadrantPNG(t)})
	s := startServer(t, "", "--allow-private-urls")

	v, sess, sb := s.agentVideo(map[string]any{
		"prompt": "A 40-second summary of the attached annual report for our investors",
		"files":  []any{map[string]any{"type": "url", "url": fs.URL + "/report.pdf"}},
	})
	text := narration(sb)
	for _, fact := range []string{"Reykjavik", "1987", "Krakenfin", "Tromso"} {
		if !strings.Contains(text, fact) {
			t.Errorf("script does not state %q: %s", fact, text)
		}
	}
	pages := 0
	for _, sc := range sb["scenes"].([]any) {
		vis := sc.(map[string]any)["visual"].(map[string]any)
		if vis["kind"] == "image" && vis["asset_id"] != nil {
			pages++
		}
	}
	if pages < 2 {
		t.Errorf("%d scenes show a page, want both pages", pages)
	}
	d, _ := videoLength(t, v)
	mp4 := download(t, v["video_url"].(string), "report.mp4")
	share := maxColourShare(t, mp4, d, green, magenta)
	t.Logf("pdf video %.1f s; page colours in frames: green %.2f magenta %.2f", d, share[0], share[1])
	if share[0] < 0.05 || share[1] < 0.05 {
		t.Errorf("the PDF's pages are not visible in the video (green %.3f, magenta %.3f of a frame)", share[0], share[1])
	}
	// The uploaded file is a session resource with a URL.
	found := false
	for _, m := range sess["messages"].([]any) {
		for _, id := range m.(map[string]any)["resource_ids"].([]any) {
			r := s.call("GET", "/v3/video-agents/"+sess["session_id"].(string)+"/resources/"+id.(string), nil).data()
			if r["resource_type"] == "document" && r["source_type"] == "uploaded" && r["url"] != nil {
				found = true
			}
		}
	}
	if !found {
		t.Error("the PDF is not a session resource with a url")
	}

	// An image (through a redirect) and base64 text.
	notes := base64.StdEncoding.EncodeToString([]byte("Lumo Shoes are stitched by hand in Porto. Every pair uses recycled cork soles."))
	v, _, sb = s.agentVideo(map[string]any{
		"prompt": "A 25-second product video for Lumo Shoes showing our new sales chart",
		"files": []any{
			map[string]any{"type": "url", "url": fs.URL + "/moved.png"},
			map[string]any{"type": "base64", "media_type": "text/plain", "data": notes},
		},
	})
	if !strings.Contains(narration(sb), "Porto") {
		t.Errorf("the text file's content is not in the script: %s", narration(sb))
	}
	d, _ = videoLength(t, v)
	mp4 = download(t, v["video_url"].(string), "image.mp4")
	share = maxColourShare(t, mp4, d, orange, blue)
	t.Logf("image video %.1f s: orange %.2f blue %.2f", d, share[0], share[1])
	if share[0] < 0.03 || share[1] < 0.03 {
		t.Errorf("the image is not visible in the video (orange %.3f, blue %.3f of a frame)", share[0], share[1])
	}
}

// failedWith waits for a video to fail and checks its code and message.
func (s *server) failedWith(sid, vid, code string, words ...string) {
	s.t.Helper()
	v := s.waitVideo(vid, 2*time.Minute, "completed", "failed")
	if v["status"] != "failed" || v["failure_code"] != code {
		s.t.Fatalf("video %v (%v: %v), want failed with %s", v["status"], v["failure_code"], v["failure_message"], code)
	}
	msg, _ := v["failure_message"].(string)
	for _, w := range words {
		if !strings.Contains(msg, w) {
			s.t.Errorf("failure_message %q does not contain %q", msg, w)
		}
	}
	sess := s.call("GET", "/v3/video-agents/"+sid, nil).data()
	if sess == nil {
		return
	}
	if sess["status"] != "failed" {
		s.t.Errorf("session status %v, want failed", sess["status"])
	}
	ok := false
	for _, m := range sess["messages"].([]any) {
		mm := m.(map[string]any)
		if mm["type"] == "error" && mm["content"] == msg {
			ok = true
		}
	}
	if !ok {
		s.t.Errorf("session has no error message %q", msg)
	}
}

// TestAgentURLSafety: loopback URLs are refused by default; HTML pages and oversized
// files are refused even when private URLs are allowed; bad base64 is a 400 at once.
func TestAgentURLSafety(t *testing.T) {
	fs := fileServer(t, map[string][]byte{"chart.png": quadrantPNG(t)})
	strict := startServer(t, "")
	for _, u := range []string{fs.URL + "/chart.png", strings.Replace(fs.URL, "127.0.0.1", "localhost", 1) + "/chart.png", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/x.png", "http://10.1.2.3/x.png"} {
		sid, vid := strict.createVideo(map[string]any{"prompt": "A short video about our chart", "files": []any{map[string]any{"type": "url", "url": u}}})
		strict.failedWith(sid, vid, "download_failed", u, "private, loopback or link-local")
	}
	// Bad input is refused at once with the v3 envelope.
	for _, f := range []map[string]any{
		{"type": "base64", "media_type": "image/png", "data": "%%% not base64 %%%"},
		{"type": "base64", "media_type": "text/html", "data": base64.StdEncoding.EncodeToString([]byte("<html><body>x</body></html>"))},
		{"type": "asset_id", "asset_id": "0123456789abcdef0123456789abcdef"},
		{"type": "url", "url": "ftp://example.com/x.png"},
	} {
		r := strict.call("POST", "/v3/video-agents", map[string]any{"prompt": "x", "files": []any{f}})
		if r.Status != 400 || !strings.HasPrefix(fmt.Sprint(r.errorField("param")), "files[0]") {
			t.Errorf("file %v: HTTP %d %s, want 400 naming files[0]", f, r.Status, r.Raw)
		}
	}

	open := startServer(t, "", "--allow-private-urls")
	sid, vid := open.createVideo(map[string]any{"prompt": "A short video about our gallery", "files": []any{map[string]any{"type": "url", "url": fs.URL + "/page.html"}}})
	open.failedWith(sid, vid, "download_failed", fs.URL+"/page.html", "HTML")
	sid, vid = open.createVideo(map[string]any{"prompt": "A short video with our clip", "files": []any{map[string]any{"type": "url", "url": fs.URL + "/huge.mp4"}}})
	open.failedWith(sid, vid, "download_failed", fs.URL+"/huge.mp4", "32 MB")
	sid, vid = open.createVideo(map[string]any{"prompt": "A short video with our clip", "files": []any{map[string]any{"type": "url", "url": fs.URL + "/missing.png"}}})
	open.failedWith(sid, vid, "download_failed", "missing.png", "404")
}

// memoryFacts returns the account's memory as key -> value.
func (s *server) memoryFacts() map[string]string {
	s.t.Helper()
	r := s.call("GET", "/v3/memory", nil)
	if r.Status != 200 {
		s.t.Fatalf("GET /v3/memory: HTTP %d %s", r.Status, r.Raw)
	}
	out := map[string]string{}
	for _, f := range r.list() {
		m := f.(map[string]any)
		out[m["key"].(string)] = m["value"].(string)
	}
	return out
}

// TestAgentMemory: a fact from session A is used by session B; incognito on either side
// keeps it out. The memory endpoints show and clear it.
func TestAgentMemory(t *testing.T) {
	s := startServer(t, "")
	a := map[string]any{"prompt": "A 15-second product walkthrough of Zentrix, our team calendar app. Sign up at https://zentrix.example.com/start"}
	b := map[string]any{"prompt": "A 15-second promo video for our app"}
	uses := func(sb map[string]any) bool {
		return strings.Contains(narration(sb), "Zentrix")
	}

	// Incognito A: nothing is learned.
	a["incognito_mode"] = true
	s.agentVideo(a)
	if m := s.memoryFacts(); len(m) != 0 {
		t.Fatalf("incognito session left memory: %v", m)
	}
	_, _, sb := s.agentVideo(b)
	if uses(sb) {
		t.Fatalf("session B used a fact from an incognito session: %s", narration(sb))
	}

	// A learns; B uses it.
	delete(a, "incognito_mode")
	s.agentVideo(a)
	m := s.memoryFacts()
	if m["product"] != "Zentrix" || m["cta_url"] != "https://zentrix.example.com/start" {
		t.Fatalf("memory after A = %v", m)
	}
	_, _, sb = s.agentVideo(b)
	if !uses(sb) {
		t.Errorf("session B does not use the remembered product: %s", narration(sb))
	}
	urlUsed := false
	for _, sc := range sb["scenes"].([]any) {
		if sc.(map[string]any)["visual"].(map[string]any)["url"] == "https://zentrix.example.com/start" {
			urlUsed = true
		}
	}
	if !urlUsed {
		t.Errorf("session B does not show the remembered call-to-action URL")
	}

	// Incognito B: memory is not used (and B teaches nothing).
	b["incognito_mode"] = true
	_, _, sb = s.agentVideo(b)
	if uses(sb) {
		t.Errorf("incognito session B used memory: %s", narration(sb))
	}

	// Clearing: one key, then all.
	if r := s.call("DELETE", "/v3/memory/product", nil); r.Status != 200 {
		t.Fatalf("DELETE /v3/memory/product: HTTP %d %s", r.Status, r.Raw)
	}
	if r := s.call("DELETE", "/v3/memory/product", nil); r.Status != 404 || r.errorField("code") != "not_found" {
		t.Errorf("second delete: HTTP %d %s", r.Status, r.Raw)
	}
	if _, ok := s.memoryFacts()["product"]; ok {
		t.Error("product still remembered after delete")
	}
	if r := s.call("DELETE", "/v3/memory", nil); r.Status != 200 {
		t.Fatalf("DELETE /v3/memory: HTTP %d %s", r.Status, r.Raw)
	}
	if m := s.memoryFacts(); len(m) != 0 {
		t.Errorf("memory after clearing = %v", m)
	}
	// Another account sees none of it.
	if r := s.callKey("wrong-key", "GET", "/v3/memory", nil); r.Status != 401 {
		t.Errorf("GET /v3/memory without a valid key: HTTP %d", r.Status)
	}
}

// openAIFake is a local server that speaks the OpenAI chat-completions protocol: it reads
// the planner's request and answers with a storyboard that fits it ("good"), or with
// broken output when the prompt says "(broken)".
type openAIFake struct {
	*httptest.Server
	mu    sync.Mutex
	calls []string // the last user message of each call
}

func newOpenAIFake(t *testing.T) *openAIFake {
	f := &openAIFake{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Model    string `json:"model"`
			Messages []struct {
				Role    string `json:"role"`
				Content string `json:"content"`
			} `json:"messages"`
		}
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" || json.NewDecoder(r.Body).Decode(&req) != nil || len(req.Messages) < 2 {
			w.WriteHeader(400)
			io.WriteString(w, `{"error":{"message":"bad request","type":"invalid_request_error"}}`)
			return
		}
		f.mu.Lock()
		f.calls = append(f.calls, req.Messages[len(req.Messages)-1].Content)
		f.mu.Unlock()
		var in struct {
			Prompt         string `json:"prompt"`
			NarrationWords int    `json:"narration_words"`
			Scenes         int    `json:"scenes"`
		}
		json.Unmarshal([]byte(req.Messages[1].Content), &in)
		content := `{"title": "Broken", "scenes": [{"layout": "nowhere", "narration": "Too short."}]}`
		if !strings.Contains(in.Prompt, "(broken)") {
			content = fakeStoryboard(in.NarrationWords, in.Scenes)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1764350000, "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
		})
	}))
	t.Cleanup(f.Close)
	return f
}

// fakeStoryboard writes words narration words over n scenes, about the Quasarine comet.
func fakeStoryboard(words, n int) string {
	sentences := []string{
		"The Quasarine comet returns to our sky every seventy six years.",
		"Its bright tail is made of ice and dust warmed by the sun.",
		"Astronomers first recorded it more than two thousand years ago.",
		"You can see it without a telescope on a clear dark night.",
		"The next visit will be the brightest in a long time.",
		"Mark the date and find a quiet place away from city lights.",
	}
	type scene struct {
		Layout    string         `json:"layout"`
		Narration string         `json:"narration"`
		Visual    map[string]any `json:"visual"`
	}
	// Sentences until the total is closest to words, then dealt out over the scenes.
	var said []string
	total := 0
	for k := 0; ; k++ {
		s := sentences[k%len(sentences)]
		w := len(strings.Fields(s))
		if len(said) >= n && absInt(total+w-words) >= absInt(total-words) {
			break
		}
		said, total = append(said, s), total+w
	}
	parts := make([][]string, n)
	for i, s := range said {
		parts[i*n/len(said)] = append(parts[i*n/len(said)], s)
	}
	var scenes []scene
	for i := 0; i < n; i++ {
		layout, vis := "presenter_left", map[string]any{"kind": "bullets", "title": "Quasarine", "bullets": []string{"Every 76 years", "Ice and dust"}}
		if i == 0 {
			layout, vis = "title", map[string]any{"kind": "title", "title": "The Quasarine Comet"}
		} else if i == n-1 {
			vis = map[string]any{"kind": "cta", "title": "Look up", "text": "Watch the sky"}
		}
		scenes = append(scenes, scene{layout, strings.Join(parts[i], " "), vis})
	}
	b, _ := json.Marshal(map[string]any{"title": "The Quasarine Comet", "scenes": scenes})
	return string(b)
}

// TestAgentLLMPlanner: with an OpenAI-compatible endpoint configured, the model's
// storyboard is used; broken output gets one repair request, then the built-in planner
// writes the storyboard and a session message says so.
func TestAgentLLMPlanner(t *testing.T) {
	f := newOpenAIFake(t)
	s := startServerEnv(t, "", []string{"VIDEOAGENT_LLM_BASE_URL=" + f.URL + "/v1", "VIDEOAGENT_LLM_MODEL=test-model", "VIDEOAGENT_LLM_API_KEY=sk-test"})

	v, sess, sb := s.agentVideo(map[string]any{"prompt": "A 20-second explainer about a famous comet"})
	if sb["title"] != "The Quasarine Comet" || !strings.Contains(narration(sb), "Quasarine") {
		t.Fatalf("the model's storyboard was not used: %v; messages %v", sb["title"], sess["messages"])
	}
	if d, _ := videoLength(t, v); d < 18 || d > 22 {
		t.Errorf("LLM video is %.1f s, want 20 s within 10%%", d)
	}
	if len(f.calls) != 1 {
		t.Errorf("%d model calls, want 1", len(f.calls))
	}

	_, sess, sb = s.agentVideo(map[string]any{"prompt": "A 20-second explainer about a famous comet (broken)"})
	if strings.Contains(narration(sb), "Quasarine") {
		t.Fatal("broken model output was used")
	}
	if len(f.calls) != 3 || !strings.Contains(f.calls[2], "invalid") {
		t.Errorf("calls = %q, want a repair request after the broken answer", f.calls)
	}
	reported := false
	for _, m := range sess["messages"].([]any) {
		c, _ := m.(map[string]any)["content"].(string)
		if strings.Contains(c, "built-in planner") {
			reported = true
		}
	}
	if !reported {
		t.Error("no session message reports the fallback to the built-in planner")
	}
}

// TestAgentResolution: a server started with --agent-resolution 1080p plans its agent
// videos at 1080p: the storyboard says so and the MP4's frames are 1920x1080.
func TestAgentResolution(t *testing.T) {
	s := startServer(t, "", "--agent-resolution", "1080p")
	v, _, sb := s.agentVideo(map[string]any{"prompt": "A 10-second note: the Elm Street library opens at 9 on Saturdays from June."})
	if sb["resolution"] != "1080p" {
		t.Errorf("storyboard resolution %v, want 1080p", sb["resolution"])
	}
	_, info := videoLength(t, v)
	for _, st := range info.Streams {
		if st.CodecType == "video" && (st.Width != 1920 || st.Height != 1080) {
			t.Errorf("video frames %dx%d, want 1920x1080", st.Width, st.Height)
		}
	}
}
