package agent

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/openvideoagent/videoagent"
)

// docScenes says the files' key sentences, a scene per page or part of a page, each with
// its page image, or its figure on a stat card, or its sentences as bullets. Sentences
// carry their file and page; fitting drops the lowest-ranked first.
func (s *scripter) docScenes() []*scenePlan {
	if s.doc == nil {
		return nil
	}
	maxWords := int(maxSecondsPerScene * s.wpm / 60)
	var out []*scenePlan
	shownPage := map[string]bool{}
	for _, u := range s.doc.units(maxWords) {
		p := &scenePlan{role: roleDoc, prio: prioDoc}
		best := 0.0
		var figure *docSentence
		for _, sent := range u.sents {
			say := strings.TrimSpace(sent.text)
			if say == "" || s.said(say) {
				continue
			}
			pc := piece{text: say, src: videoagent.SourceFile, file: u.file, page: sent.page + 1, prio: prioDoc, score: sent.score, words: sent.words}
			p.lines = append(p.lines, pc)
			if sent.score > best {
				best = sent.score
			}
			if figure == nil && reStat.MatchString(say) {
				figure = sent
			}
		}
		if len(p.lines) == 0 {
			continue
		}
		title := strings.TrimSpace(u.heading)
		titleSrc := videoagent.SourceFile
		if title == "" {
			title, titleSrc = s.shortName(), videoagent.SourcePrompt
		}
		fileShow := func(field, text string) shown {
			return shown{field: field, text: text, src: videoagent.SourceFile, file: u.file, page: u.sents[0].page + 1}
		}
		pageFirst := u.assetID != "" && !shownPage[u.assetID]
		switch {
		case pageFirst:
			// A page is shown once, with the first of its sentences.
			shownPage[u.assetID] = true
			p.layout = videoagent.LayoutSlideBubble
			p.visual = videoagent.Visual{Kind: videoagent.VisualImage, AssetID: u.assetID, Title: title}
		case figure != nil && bigFigure(reStat.FindString(figure.text)):
			v := reStat.FindString(figure.text)
			v = strings.TrimSpace(strings.TrimRight(v, " ."))
			label := statLabelOf(figure.text, v)
			p.role = roleStat
			p.visual = videoagent.Visual{Kind: videoagent.VisualStat, Title: title, Text: v, Caption: label}
			p.shows = append(p.shows, fileShow("visual.text", v))
			if label != "" {
				p.shows = append(p.shows, fileShow("visual.caption", label))
			}
		default:
			var bullets []string
			for _, l := range p.lines {
				if len(bullets) < 4 {
					bullets = append(bullets, bulletOf(l.text))
				}
			}
			p.visual = videoagent.Visual{Kind: videoagent.VisualBullets, Title: title, Bullets: bullets}
			for _, b := range bullets {
				p.shows = append(p.shows, fileShow("visual.bullets", b))
			}
		}
		if title != "" {
			if titleSrc == videoagent.SourceFile {
				p.shows = append(p.shows, fileShow("visual.title", title))
			} else {
				p.shows = append(p.shows, shown2("visual.title", title))
			}
		}
		// The best sentence of the best units stays longest.
		for i := range p.lines {
			p.lines[i].score = best*0.5 + p.lines[i].score
		}
		out = append(out, p)
	}
	return out
}

// statLabelOf is the few words after a figure in its sentence, for the stat card's label.
func statLabelOf(sentence, value string) string {
	for _, cl := range reClauseCut.Split(sentence, -1) {
		if strings.Contains(cl, value) && utf8.RuneCountInString(strings.TrimSpace(cl)) <= 64 {
			return capFirst(strings.TrimSpace(strings.TrimRight(cl, ". ")))
		}
	}
	i := strings.Index(sentence, value)
	if i < 0 {
		return ""
	}
	after := strings.Fields(strings.TrimLeft(sentence[i+len(value):], " ,"))
	var out []string
	for _, w := range after {
		if strings.ContainsAny(w, ".,;:") {
			out = append(out, strings.TrimRight(w, ".,;:"))
			break
		}
		out = append(out, w)
		if len(out) == 5 {
			break
		}
	}
	for _, cl := range reClauseCut.Split(sentence, -1) {
		if strings.Contains(cl, value) && utf8.RuneCountInString(strings.TrimSpace(cl)) <= 64 {
			return capFirst(strings.TrimSpace(strings.TrimRight(cl, ". ")))
		}
	}
	label := strings.TrimSpace(strings.Join(out, " "))
	if label == "" || !hasContentWord(label) {
		before := strings.Fields(sentence[:i])
		if len(before) > 4 {
			before = before[len(before)-4:]
		}
		label = strings.Join(before, " ")
	}
	return capFirst(strings.TrimSpace(label))
}

var reClauseCut = regexp.MustCompile(`[,;:]\s+`)

// rankedDocPieces lists, over all plans, the file sentences from the lowest ranked up.
func rankedDocPieces(ps []*scenePlan) [][2]int {
	var idx [][2]int
	for i, p := range ps {
		for j, l := range p.lines {
			if l.src == videoagent.SourceFile {
				idx = append(idx, [2]int{i, j})
			}
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return ps[idx[a][0]].lines[idx[a][1]].score < ps[idx[b][0]].lines[idx[b][1]].score
	})
	return idx
}

// best is the document's most central sentence.
func (d *document) best() string {
	var top *docSentence
	for _, p := range d.pages {
		for _, s := range p.sents {
			if top == nil || s.score > top.score {
				top = s
			}
		}
	}
	if top == nil {
		return ""
	}
	return top.text
}
