package render

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/language"

	videoagent "github.com/openvideoagent/videoagent"
)

// scriptSample is slide text in one language: a long title, bullets (one long), a quote.
type scriptSample struct {
	lang    string
	title   string
	bullets []string
	quote   string
}

var scriptSamples = []scriptSample{
	{"ar", "كيف استبدل فريق موزع من أربعين شخصًا ستة اجتماعات أسبوعية بخطة مشتركة واحدة تتحدث تلقائيًا",
		[]string{"صندوق وارد واحد يجمع كل المهام", "يجدول العمل حول الاجتماعات ويترك وقتًا للتركيز العميق كل يوم من أيام الأسبوع", "يخبر الفريق بما تغير في 2025"},
		"توقفنا عن الحديث عن الخطة وبدأنا في تنفيذها."},
	{"he", "איך צוות מבוזר של ארבעים איש החליף שש פגישות שבועיות בתוכנית משותפת אחת שמתעדכנת מעצמה",
		[]string{"תיבת דואר אחת אוספת כל משימה", "מתזמן עבודה סביב פגישות ומשאיר זמן לעבודה מרוכזת בכל יום בשבוע", "מודיע לצוות מה השתנה ב-2025"},
		"הפסקנו לדבר על התוכנית והתחלנו לבצע אותה."},
	{"hi", "कैसे चालीस लोगों की एक वितरित टीम ने छह साप्ताहिक बैठकों को एक साझा योजना से बदल दिया",
		[]string{"एक इनबॉक्स हर कार्य इकट्ठा करता है", "बैठकों के आसपास काम निर्धारित करता है और हर दिन ध्यान केंद्रित करने का समय छोड़ता है", "टीम को बताता है कि क्या बदला"},
		"हमने योजना के बारे में बात करना बंद किया और उसे पूरा करना शुरू किया।"},
	{"ja", "四十人の分散チームが毎週六回の進捗会議を、自動で更新される一つの共有計画に置き換えた方法",
		[]string{"すべてのタスクを一つの受信箱に集めます", "会議の合間に作業を自動でスケジュールし、毎日集中できる時間を残します。", "何が変わったかをチームに知らせます"},
		"「計画について話すのをやめて、実行し始めました。」"},
	{"zh", "一个由四十人组成的分布式团队如何用一份自动更新的共享计划取代每周六次的状态会议",
		[]string{"一个收件箱汇集所有任务", "围绕会议自动安排工作，并且每天为专注工作留出时间。", "告诉团队发生了什么变化"},
		"“我们不再讨论计划，而是开始执行它。”"},
}

// scriptVisuals are the visuals of a sample: bullets, a title card, a quote, a statistic
// and a call to action.
func scriptVisuals(s scriptSample) []videoagent.Visual {
	return []videoagent.Visual{
		{Kind: videoagent.VisualBullets, Title: s.title, Bullets: s.bullets},
		{Kind: videoagent.VisualTitle, Title: s.title, Subtitle: s.bullets[1]},
		{Kind: videoagent.VisualQuote, Text: s.quote + " " + s.bullets[1], Caption: s.bullets[0]},
		{Kind: videoagent.VisualStat, Title: s.bullets[0], Text: "48%", Caption: s.bullets[1]},
		{Kind: videoagent.VisualCTA, Title: s.title, Text: s.bullets[1], URL: "flow.example.com"},
	}
}

// Long titles and bullets in Arabic, Hebrew, Hindi, Japanese and Chinese stay inside the
// frame and their card, in 16:9, 9:16 and 1:1, in every layout. With OVA_SCRIPTS set to a
// directory, the bullet slides are written there as PNGs for looking at.
func TestScriptTextFits(t *testing.T) {
	t.Parallel()
	dir := os.Getenv("OVA_SCRIPTS")
	layouts := []string{videoagent.LayoutTitle, videoagent.LayoutPresenter, videoagent.LayoutPresenterLeft,
		videoagent.LayoutPresenterRight, videoagent.LayoutSlideBubble, videoagent.LayoutSlide}
	for _, s := range scriptSamples {
		t.Run(s.lang, func(t *testing.T) {
			t.Parallel()
			r := New(Options{})
			fonts, err := r.fontSet(DefaultStyle())
			if err != nil {
				t.Fatal(err)
			}
			for _, aspect := range []string{"16:9", "9:16", "1:1"} {
				W, H, _ := videoagent.FrameSize(aspect, "720p")
				for _, l := range layouts {
					for vi, v := range scriptVisuals(s) {
						name := fmt.Sprintf("%s/%s/%s/%d", s.lang, aspect, l, vi)
						sc := layoutScene(layoutInput{w: W, h: H, style: DefaultStyle(), fonts: fonts, title: s.title, hasPresenter: true,
							scene: videoagent.Scene{ID: "x", Layout: l, Visual: v}})
						checkTextInside(t, name, sc)
						if dir != "" && vi <= 2 && (l == videoagent.LayoutPresenterLeft || l == videoagent.LayoutTitle || l == videoagent.LayoutSlide) {
							writeStill(t, filepath.Join(dir, fmt.Sprintf("%s-%s-%s-%d.png", s.lang, strings.ReplaceAll(aspect, ":", "x"), l, vi)), sc)
						}
					}
				}
			}
		})
	}
}

// checkTextInside checks a laid-out scene's text and element ink against the frame, its
// card and the presenter bubble.
func checkTextInside(t *testing.T, name string, sc *sceneLayout) {
	t.Helper()
	frame := image.Rect(0, 0, sc.w, sc.h)
	if len(sc.textRects) == 0 {
		t.Errorf("%s: no text laid out", name)
	}
	for _, tr := range sc.textRects {
		if !tr.In(frame) {
			t.Errorf("%s: text %v outside the frame %v", name, tr, frame)
		}
		if !sc.slide.Empty() && !tr.In(sc.slide) {
			t.Errorf("%s: text %v outside its slide %v", name, tr, sc.slide)
		}
		if !sc.presenter.Empty() && tr.Overlaps(sc.presenter) && sc.framing != videoagent.FramingWaistUp {
			t.Errorf("%s: text %v under the presenter bubble %v", name, tr, sc.presenter)
		}
	}
	for _, e := range sc.elems {
		ink := inkBounds(e.img).Add(e.at)
		if ink.Empty() {
			continue
		}
		if !ink.In(frame) {
			t.Errorf("%s: element ink %v outside the frame", name, ink)
		}
		// Text sprites (not panels or cards) stay inside the card.
		if !sc.slide.Empty() && e.img.Rect.Dx() < sc.slide.Dx()+sc.slide.Dx()/4 && ink.Overlaps(sc.slide) && !ink.In(sc.slide) {
			t.Errorf("%s: element ink %v leaves its slide %v", name, ink, sc.slide)
		}
	}
	if !sc.slide.Empty() && !sc.presenter.Empty() && sc.framing == videoagent.FramingWaistUp && sc.slide.Overlaps(sc.presenter) {
		t.Errorf("%s: slide %v overlaps presenter %v", name, sc.slide, sc.presenter)
	}
}

// writeStill writes a scene's final picture (every element entered) as a PNG.
func writeStill(t *testing.T, path string, sc *sceneLayout) {
	t.Helper()
	img := newCanvas(sc.w, sc.h)
	copy(img.Pix, sc.base.Pix)
	for _, e := range sc.elems {
		blend(img, e.bounds().Intersect(img.Rect), e.img, e.at, 255, nil, image.Point{})
	}
	writePNG(t, path, img)
}

// The shaper picks the script's font (no missing glyphs), joins Arabic letters, orders
// right-to-left text from the right, places Devanagari vowel signs before their consonant,
// and breaks CJK lines between characters, never before closing punctuation.
func TestShaping(t *testing.T) {
	t.Parallel()
	r := New(Options{})
	fonts, err := r.fontSet(DefaultStyle())
	if err != nil {
		t.Fatal(err)
	}
	tf := fonts.text
	for _, s := range scriptSamples {
		for _, text := range append([]string{s.title, s.quote}, s.bullets...) {
			if !tf.complex(text) {
				t.Errorf("%s: %q not sent to the shaper", s.lang, text)
			}
			runs, w := tf.shapeLine(text, 40, rtlText(text))
			if w <= 0 || len(runs) == 0 {
				t.Fatalf("%s: nothing shaped for %q", s.lang, text)
			}
			for _, run := range runs {
				for _, g := range run.out.Glyphs {
					if g.GlyphID == 0 {
						t.Errorf("%s: missing glyph in %q (cluster %d)", s.lang, text, g.ClusterIndex)
					}
				}
			}
		}
	}
	if tf.complex("Ship faster with Flow — 48% “quoted” café") {
		t.Error("Latin text should keep the simple path")
	}

	// Arabic: the letters of سلام join, so the shaped glyphs are not the isolated forms.
	word := "محمد"
	runs, _ := tf.shapeLine(word, 40, true)
	joined := 0
	for _, run := range runs {
		face := run.out.Face
		for _, g := range run.out.Glyphs {
			rn := []rune(word)[g.ClusterIndex]
			if iso, _ := face.NominalGlyph(rn); iso != g.GlyphID {
				joined++
			}
		}
	}
	if joined < 3 {
		t.Errorf("Arabic %q: %d of 4 letters in joining forms", word, joined)
	}

	// Hebrew: the first letter of the text is drawn rightmost.
	runs, _ = tf.shapeLine("אבג", 40, true)
	g := runs[len(runs)-1].out.Glyphs
	if g[len(g)-1].ClusterIndex != 0 {
		t.Errorf("Hebrew not right-to-left: last visual glyph is cluster %d", g[len(g)-1].ClusterIndex)
	}
	// Mixed: an LTR number inside an RTL sentence keeps its digits left to right, and the
	// Hebrew words around it swap sides.
	runs, _ = tf.shapeLine("שנת 2025 טובה", 40, true)
	var order []int
	for _, run := range runs {
		for _, g := range run.out.Glyphs {
			order = append(order, g.ClusterIndex)
		}
	}
	if order[0] < 9 || order[len(order)-1] != 0 {
		t.Errorf("mixed bidi visual order %v", order)
	}
	digits := []int{}
	for _, c := range order {
		if c >= 4 && c < 8 {
			digits = append(digits, c)
		}
	}
	if fmt.Sprint(digits) != "[4 5 6 7]" {
		t.Errorf("digits reordered: %v", digits)
	}

	// Devanagari: कि has its vowel sign drawn first (to the left), and क्ष is a conjunct
	// (fewer glyphs than characters).
	runs, _ = tf.shapeLine("कि", 40, false)
	if gl := runs[0].out.Glyphs; len(gl) != 2 || gl[0].GlyphID == gl[1].GlyphID {
		t.Errorf("कि shaped to %d glyphs", len(gl))
	} else if face := runs[0].out.Face; func() bool { k, _ := face.NominalGlyph('क'); return gl[0].GlyphID == k }() {
		t.Error("कि: the i vowel sign is not before the consonant")
	}
	runs, _ = tf.shapeLine("क्ष", 40, false)
	if n := len(runs[0].out.Glyphs); n >= 3 {
		t.Errorf("क्ष not a conjunct: %d glyphs", n)
	}
	if runs[0].out.Face.Upem() == 0 || language.LookupScript('क') != language.Devanagari {
		t.Error("Devanagari face")
	}

	// CJK: a long sentence without spaces wraps between characters; no line starts with
	// closing punctuation.
	for _, s := range scriptSamples[3:] {
		text := s.bullets[1] + s.bullets[0] + s.bullets[1]
		lines, ok := wrap(tf, text, 40, 400, false)
		if !ok || len(lines) < 3 {
			t.Errorf("%s: wrapped into %q", s.lang, lines)
		}
		if strings.Join(lines, "") != text {
			t.Errorf("%s: wrapping lost text: %q", s.lang, lines)
		}
		for _, l := range lines {
			if w := tf.measure(l, 40); w > 400 {
				t.Errorf("%s: line %q is %.0f wide", s.lang, l, w)
			}
			if first, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("，。、」）！？", first) {
				t.Errorf("%s: line starts with closing punctuation: %q", s.lang, l)
			}
		}
	}
}
