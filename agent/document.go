package agent

import (
	"math"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/openvideoagent/videoagent"
)

// docSentence is one sentence of a document, with where it came from and its TextRank
// score.
type docSentence struct {
	text  string
	page  int // 0-based page (form feeds separate pdftotext pages)
	pos   int // order in the document
	words int
	score float64
}

// docPage is a page's heading and sentences.
type docPage struct {
	file    string // the file's name (Material.Name)
	heading string
	assetID string // page image, "" for text documents
	sents   []*docSentence
}

// document is the content of the brief's documents, ready for writing.
type document struct {
	pages []*docPage
}

// Summarize returns the n most central sentences of a text, in their original order: an
// extractive summary by TextRank (sentences ranked by their word overlap with the others,
// PageRank over that similarity graph). It needs no network and no model.
func Summarize(text string, n int) []string {
	var all []*docSentence
	for _, p := range splitPages(text, nil) {
		all = append(all, p.sents...)
	}
	textRank(all)
	ranked := append([]*docSentence(nil), all...)
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
	if n > len(ranked) {
		n = len(ranked)
	}
	top := ranked[:n]
	sort.Slice(top, func(i, j int) bool { return top[i].pos < top[j].pos })
	out := make([]string, len(top))
	for i, s := range top {
		out[i] = s.text
	}
	return out
}

// newDocument gathers the documents of the brief's materials; nil if there are none with
// text.
func newDocument(ms []videoagent.Material) *document {
	d := &document{}
	pos := 0
	for _, m := range ms {
		if m.Kind != videoagent.MaterialDocument || strings.TrimSpace(m.Text) == "" {
			continue
		}
		for _, p := range splitPages(m.Text, m.Pages) {
			p.file = m.Name
			for _, s := range p.sents {
				s.pos = pos
				pos++
			}
			d.pages = append(d.pages, p)
		}
	}
	var all []*docSentence
	for _, p := range d.pages {
		all = append(all, p.sents...)
	}
	if len(all) == 0 {
		return nil
	}
	textRank(all)
	return d
}

// splitPages splits a document into pages (form feeds) and sentences; pageAssets are the
// page images, in order.
func splitPages(text string, pageAssets []string) []*docPage {
	var out []*docPage
	pos := 0
	for i, raw := range strings.Split(text, "\f") {
		p := &docPage{}
		if i < len(pageAssets) {
			p.assetID = pageAssets[i]
		}
		for _, para := range paragraphs(raw) {
			if p.heading == "" && isHeading(para) {
				p.heading = strings.TrimRight(para, ":")
				continue
			}
			for _, s := range sentences(para) {
				w := len(strings.Fields(s))
				if w < 4 || w > 60 || !hasLetters(s) {
					continue
				}
				p.sents = append(p.sents, &docSentence{text: s, page: i, pos: pos, words: SpokenWords(s)})
				pos++
			}
		}
		if len(p.sents) > 0 || p.assetID != "" {
			out = append(out, p)
		}
	}
	return out
}

// paragraphs joins a page's wrapped lines into paragraphs (blank lines separate them;
// hyphenated line ends are joined; short lines without a full stop stand alone, as
// headings do).
func paragraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		t := strings.Join(strings.Fields(line), " ")
		// Markdown: a heading's hashes go; a list item is a paragraph of its own.
		if m := reMarkdownItem.FindStringSubmatch(t); m != nil {
			flush()
			t = m[1]
		}
		t = strings.TrimSpace(strings.TrimLeft(t, "#"))
		if t == "" {
			flush()
			continue
		}
		if len(cur) == 0 && isHeading(t) {
			out = append(out, t)
			continue
		}
		if n := len(cur); n > 0 && strings.HasSuffix(cur[n-1], "-") && len(cur[n-1]) > 1 {
			cur[n-1] = strings.TrimSuffix(cur[n-1], "-") + t
			continue
		}
		cur = append(cur, t)
	}
	flush()
	return out
}

var reMarkdownItem = regexp.MustCompile(`^(?:[-*•]|\d{1,2}[.)])\s+(.+)$`)

// isHeading: a short line with letters and no sentence end.
func isHeading(t string) bool {
	w := len(strings.Fields(t))
	return w > 0 && w <= 8 && hasLetters(t) && !strings.ContainsAny(t[len(t)-1:], ".!?;,")
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// sentences splits a paragraph into sentences (videoagent.Sentences), the last one ended
// with a full stop if it had no end.
func sentences(p string) []string {
	out := videoagent.Sentences(p)
	if k := len(out) - 1; k >= 0 && !strings.ContainsAny(out[k][len(out[k])-1:], ".!?") {
		out[k] += "."
	}
	return out
}

// textRank scores sentences by PageRank over their similarity graph.
func textRank(ss []*docSentence) {
	n := len(ss)
	if n == 0 {
		return
	}
	toks := make([]map[string]bool, n)
	for i, s := range ss {
		toks[i] = map[string]bool{}
		for _, w := range words(strings.ToLower(s.text)) {
			if len([]rune(w)) > 2 && !isStopWord(w) {
				toks[i][w] = true
			}
		}
	}
	sim := make([][]float64, n)
	out := make([]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			common := 0
			for w := range toks[i] {
				if toks[j][w] {
					common++
				}
			}
			if common == 0 || len(toks[i]) < 2 || len(toks[j]) < 2 {
				continue
			}
			v := float64(common) / (math.Log(float64(len(toks[i]))) + math.Log(float64(len(toks[j]))))
			sim[i][j], sim[j][i] = v, v
			out[i] += v
			out[j] += v
		}
	}
	score := make([]float64, n)
	for i := range score {
		score[i] = 1
	}
	const d = 0.85
	for iter := 0; iter < 40; iter++ {
		next := make([]float64, n)
		for i := 0; i < n; i++ {
			sum := 0.0
			for j := 0; j < n; j++ {
				if sim[j][i] > 0 && out[j] > 0 {
					sum += sim[j][i] / out[j] * score[j]
				}
			}
			next[i] = (1 - d) + d*sum
		}
		score = next
	}
	for i, s := range ss {
		// Numbers and names are what documents are read for: a small boost for both.
		bonus := 1.0
		for _, r := range s.text {
			if unicode.IsDigit(r) {
				bonus = 1.15
				break
			}
		}
		s.score = score[i]*bonus - float64(s.pos)*1e-6 // earlier wins ties
	}
}

var stopEN = wordSet(`the and for are but not you all any can her was one our out has have had him his how its may new now old see two way who did get let put say she too use that with this from they will would there their what about which when your than them then these some into more also been were other only over such very just most make like each many much well where while those after before being could should because between through during without under again further here both same own off does doing done der die das und ist den von mit sich des auf für nicht eine als auch dem wird bei oder aus sie wie las los una del que por con para más sus como pero les des est une dans pour pas sur qui avec plus par`)

func isStopWord(w string) bool { return stopEN[w] }

// units splits the document into scene-sized units of at most maxWords each, in order;
// each unit shows its page.
func (d *document) units(maxWords int) []*docPage {
	var out []*docPage
	for _, p := range d.pages {
		if len(p.sents) == 0 {
			continue
		}
		cur := &docPage{file: p.file, heading: p.heading, assetID: p.assetID}
		n := 0
		for _, s := range p.sents {
			if n > 0 && n+s.words > maxWords {
				out = append(out, cur)
				cur = &docPage{file: p.file, heading: p.heading, assetID: p.assetID}
				n = 0
			}
			cur.sents = append(cur.sents, s)
			n += s.words
		}
		out = append(out, cur)
	}
	return out
}

// bulletOf shortens a sentence to an on-screen bullet of at most eight words.
func bulletOf(s string) string {
	t := strings.TrimRight(strings.TrimSpace(s), ".!?")
	// The first clause, when it is short enough to read at a glance.
	if k := strings.IndexAny(t, ",;:"); k > 0 {
		if n := len(strings.Fields(t[:k])); n >= 3 && n <= 8 {
			return strings.TrimSpace(t[:k])
		}
	}
	f := strings.Fields(t)
	if len(f) > 8 {
		f = append(f[:7:7], "…")
	}
	return strings.Join(f, " ")
}

// placeImages puts the brief's images and videos (as b-roll) into the scenes they fit best:
// a scene whose words share the file name's words, else the content scenes in order,
// never the opening title or the call to action when there are others.
func placeImages(scenes []videoagent.Scene, ms []videoagent.Material) {
	type pic struct {
		id, name, kind string
	}
	var pics []pic
	for _, m := range ms {
		switch {
		case m.Kind == videoagent.MaterialImage && len(m.Pages) > 0:
			pics = append(pics, pic{m.Pages[0], m.Name, videoagent.VisualImage})
		case m.Kind == videoagent.MaterialVideo:
			pics = append(pics, pic{m.AssetID, m.Name, videoagent.VisualVideo}) // b-roll
		}
	}
	if len(pics) == 0 {
		return
	}
	var cand []int
	for i, sc := range scenes {
		if sc.Visual.Kind == videoagent.VisualImage || sc.Visual.Kind == videoagent.VisualVideo || i == 0 || i == len(scenes)-1 {
			continue
		}
		cand = append(cand, i)
	}
	if len(cand) == 0 {
		for i, sc := range scenes {
			if sc.Visual.Kind != videoagent.VisualImage && i != 0 {
				cand = append(cand, i)
			}
		}
	}
	used := map[int]bool{}
	for k, p := range pics {
		nameWords := map[string]bool{}
		base := strings.ToLower(path.Base(strings.SplitN(p.name, "?", 2)[0]))
		base = strings.TrimSuffix(base, path.Ext(base))
		for _, w := range strings.FieldsFunc(base, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if len(w) > 2 {
				nameWords[w] = true
			}
		}
		best, bestScore := -1, -1
		for j, i := range cand {
			if used[i] {
				continue
			}
			sc := scenes[i]
			text := strings.ToLower(sc.Narration + " " + sc.Visual.Title + " " + strings.Join(sc.Visual.Bullets, " "))
			s := 0
			for w := range nameWords {
				if strings.Contains(text, w) {
					s++
				}
			}
			// Spread unmatched images over the content scenes.
			s = s*100 - abs(j-(k*len(cand))/len(pics))
			if s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			return
		}
		used[best] = true
		sc := &scenes[best]
		title := sc.Visual.Title
		if title == "" && len(sc.Visual.Bullets) > 0 {
			title = sc.Visual.Bullets[0]
		}
		sc.Visual = videoagent.Visual{Kind: p.kind, AssetID: p.id, Title: title}
		switch sc.Layout {
		case videoagent.LayoutPresenter, videoagent.LayoutTitle:
			sc.Layout = videoagent.LayoutPresenterLeft
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

var reFileSubject = regexp.MustCompile(`(?i)^(?:the |this |these |our |my )?(?:attached |enclosed |uploaded |following )?(?:report|document|pdf|file|files|deck|slides|notes|paper|brochure|whitepaper|presentation)s?$`)

// name gives the video the document's own title when the prompt only calls it "the
// attached report": the first page's heading becomes the subject.
func (d *document) name(a *Analysis) {
	if a.Name != "" || !reFileSubject.MatchString(strings.TrimSpace(a.Subject)) {
		return
	}
	for _, p := range d.pages {
		if p.heading != "" {
			a.Subject, a.det, a.Topic = p.heading, "", p.heading
			if a.Topic == "" {
				a.Topic = p.heading
			}
			return
		}
	}
}
