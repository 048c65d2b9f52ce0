package agent

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/openvideoagent/videoagent"
)

// llmStoryboard and llmScene are what the model returns (StoryboardSchema). Fields the
// model adds beyond them (a voice, a language) are ignored: the planner decides those.
type llmStoryboard struct {
	Title  string     `json:"title"`
	Scenes []llmScene `json:"scenes"`
}

type llmScene struct {
	Layout     string            `json:"layout"`
	Narration  string            `json:"narration"`
	Visual     videoagent.Visual `json:"visual"`
	Transition string            `json:"transition"`
}

// llmCheck turns a model answer into a storyboard on base, or says what is wrong with
// it in words the model can act on.
type llmCheck struct {
	base *videoagent.Storyboard
	// assets are the asset ids the storyboard may show, with their visual kind.
	assets map[string]string
	// sources is the text links may come from: prompt, memory and files, normalised.
	sources string
	// target is the length in seconds; wpm and overhead the voice's rate and its
	// per-scene silence in seconds; words the narration length asked for.
	target, wpm, overhead float64
	words                 int
}

// storyboard parses and checks an answer.
func (c *llmCheck) storyboard(ans LLMAnswer) (*videoagent.Storyboard, error) {
	sb, err := parseLLM(ans.Content, c.base)
	if err != nil {
		if ans.Truncated {
			return nil, errors.New("the answer was cut off before its end: write shorter narration and slides")
		}
		return nil, err
	}
	for i := range sb.Scenes {
		if err := c.visual(i, &sb.Scenes[i].Visual); err != nil {
			return nil, err
		}
	}
	if err := sb.Validate(); err != nil {
		return nil, errors.New(videoagent.ErrorMessage(err) + " (" + videoagent.ErrorParam(err) + ")")
	}
	if err := c.links(sb); err != nil {
		return nil, err
	}
	words := 0
	for _, sc := range sb.Scenes {
		words += SpokenWords(sc.Narration)
	}
	est := float64(words)/c.wpm*60 + (DefaultScenePause.Seconds()+c.overhead)*float64(len(sb.Scenes))
	if d := (est - c.target) / c.target; math.Abs(d) > 0.10 {
		return nil, fmt.Errorf("the narration has %d words in %d scenes, which runs %.0f seconds; the target is %.0f seconds: write about %d words in total",
			words, len(sb.Scenes), est, c.target, c.words)
	}
	addModelProvenance(sb)
	return sb, nil
}

// visual checks scene i's slide against the request (asset ids) and tidies what a
// strict schema makes the model fill with empty values.
func (c *llmCheck) visual(i int, v *videoagent.Visual) error {
	at := fmt.Sprintf("scenes[%d].visual", i)
	switch v.Kind {
	case videoagent.VisualImage, videoagent.VisualVideo:
		kind, ok := c.assets[v.AssetID]
		if !ok {
			return fmt.Errorf("%s.asset_id %q is not one of the request's asset ids: use a given id, or another visual kind", at, v.AssetID)
		}
		if kind != v.Kind {
			return fmt.Errorf("%s.asset_id %q is a %s, not a %s", at, v.AssetID, kind, v.Kind)
		}
	case videoagent.VisualStat, videoagent.VisualQuote:
		if strings.TrimSpace(v.Text) == "" {
			return fmt.Errorf("%s is a %s without its text", at, v.Kind)
		}
	case videoagent.VisualChart:
		if len(v.Data) < 2 && len(v.Bullets) < 2 {
			return fmt.Errorf("%s is a chart without data points: give at least two, or use a stat", at)
		}
	case videoagent.VisualBullets:
		if len(v.Bullets) == 0 {
			v.Kind = videoagent.VisualTitle
		}
	}
	if v.Kind == videoagent.VisualTitle && strings.TrimSpace(v.Title) == "" {
		v.Kind = videoagent.VisualNone
	}
	if v.Kind != videoagent.VisualImage && v.Kind != videoagent.VisualVideo {
		v.AssetID = ""
	}
	if v.Kind != videoagent.VisualChart {
		v.ChartType, v.Data, v.Unit = "", nil, ""
	}
	if v.Kind != videoagent.VisualCTA {
		v.URL = ""
	}
	return nil
}

var reLink = regexp.MustCompile(`(?i)\bhttps?://[^\s"'<>]+`)

// links rejects links that are in none of the sources: a model that makes up a URL
// makes up a fact.
func (c *llmCheck) links(sb *videoagent.Storyboard) error {
	for i, sc := range sb.Scenes {
		found := reLink.FindAllString(sc.Narration+" "+sc.Visual.Text, -1)
		if sc.Visual.URL != "" {
			found = append(found, sc.Visual.URL)
		}
		for _, u := range found {
			if n := normLink(u); n != "" && !strings.Contains(c.sources, n) {
				return fmt.Errorf("scenes[%d] gives the link %q, which is in neither the prompt nor the files: use links exactly as given, or none", i, u)
			}
		}
	}
	return nil
}

// normLink reduces a link to what must match: no scheme, no "www.", no trailing
// punctuation or slash, lower case.
func normLink(u string) string {
	u = strings.ToLower(strings.TrimSpace(u))
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	u = strings.TrimPrefix(u, "www.")
	return strings.TrimRight(u, "/.,;:!?)")
}

// parseLLM decodes the model's answer (tolerating a Markdown code fence or chatter
// around it) into a storyboard built on base.
func parseLLM(raw string, base *videoagent.Storyboard) (*videoagent.Storyboard, error) {
	s := strings.TrimSpace(raw)
	if i, j := strings.Index(s, "{"), strings.LastIndex(s, "}"); i >= 0 && j > i {
		s = s[i : j+1]
	}
	var out llmStoryboard
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("the answer is not a JSON storyboard (%v)", err)
	}
	if len(out.Scenes) == 0 {
		return nil, errors.New("the storyboard has no scenes")
	}
	sb := *base
	sb.Title = strings.TrimSpace(out.Title)
	sb.Scenes = nil
	for i, sc := range out.Scenes {
		if strings.TrimSpace(sc.Narration) == "" {
			return nil, fmt.Errorf("scenes[%d].narration is empty", i)
		}
		v := sc.Visual
		if v.Kind == "" {
			v.Kind = videoagent.VisualNone
		}
		tr := sc.Transition
		if tr == "" {
			tr = videoagent.TransitionCut
		}
		sb.Scenes = append(sb.Scenes, videoagent.Scene{
			ID: "s" + strconv.Itoa(i+1), Layout: sc.Layout, Narration: strings.TrimSpace(sc.Narration), Visual: v, Transition: tr,
		})
	}
	if sb.Title == "" {
		sb.Title = strings.TrimSpace(sb.Scenes[0].Visual.Title)
	}
	return &sb, nil
}
