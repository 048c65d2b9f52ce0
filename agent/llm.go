package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/openvideoagent/videoagent"
)

// LLMOptions configure an LLMPlanner.
type LLMOptions struct {
	// BaseURL is the OpenAI-compatible API base, e.g. "https://api.openai.com/v1" or
	// "http://localhost:11434/v1" (Ollama).
	BaseURL string
	Model   string
	APIKey  string
	// Cast and Styles are as in Options.
	Cast   func(ctx context.Context, b videoagent.Brief, lang string) (Casting, error)
	Styles []Style
	// Fallback writes the storyboard when the model fails; nil means the built-in
	// planner with the same Cast and Styles.
	Fallback videoagent.Planner
	// Timeout bounds one model request; 0 means two minutes.
	Timeout time.Duration
	// HTTPClient is used for requests; nil means http.DefaultClient.
	HTTPClient *http.Client
}

// LLMPlanner writes storyboards with a language model behind any OpenAI-compatible chat
// completions endpoint. It asks for JSON in the storyboard schema, checks the answer
// (Storyboard.Validate, the length at the voice's measured rate, asset references), asks
// once for a repair with the error, and falls back to the built-in planner when the
// model still fails, with a note (see Note) saying so.
type LLMPlanner struct {
	opt    LLMOptions
	client openai.Client
	local  *Planner // for analysis, choices and the fallback
}

var _ videoagent.Planner = (*LLMPlanner)(nil)

// NewLLMPlanner returns an LLMPlanner.
func NewLLMPlanner(opt LLMOptions) *LLMPlanner {
	if opt.Timeout <= 0 {
		opt.Timeout = 2 * time.Minute
	}
	local := NewPlanner(Options{Cast: opt.Cast, Styles: opt.Styles})
	if opt.Fallback == nil {
		opt.Fallback = local
	}
	opts := []option.RequestOption{
		option.WithBaseURL(opt.BaseURL),
		option.WithAPIKey(opt.APIKey),
		option.WithMaxRetries(1),
		option.WithRequestTimeout(opt.Timeout),
	}
	if opt.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(opt.HTTPClient))
	}
	return &LLMPlanner{opt: opt, client: openai.NewClient(opts...), local: local}
}

// llmSystemPrompt describes the task and the schema to the model.
const llmSystemPrompt = `You write storyboards for short narrated videos with a talking presenter.
You receive a JSON request: the user's prompt, the narration language, the target length in seconds,
how many words the whole narration must have (narration_words, within 5%), a suggested number of scenes,
remembered facts about the user's company, and the user's documents (key sentences) and images (asset ids).

Answer with one JSON object and nothing else, in this schema:
{
  "title": string (at most 80 characters, in the narration language),
  "scenes": [
    {
      "layout": "title" | "presenter" | "presenter_left" | "presenter_right" | "slide_bubble" | "slide",
      "narration": string (what the presenter says in this scene, in the narration language; plain words, no markup),
      "visual": {
        "kind": "title" | "bullets" | "image" | "quote" | "stat" | "cta" | "none",
        "title": string, "subtitle": string, "bullets": [string] (2-4, at most 6 words each),
        "text": string (quote text, stat value or call-to-action line), "caption": string (quote author or stat label),
        "url": string (call-to-action URL), "asset_id": string (only for kind "image": one of the request's image or page asset ids)
      },
      "transition": "cut" | "crossfade"
    }
  ]
}
Rules: the first scene is a "title" layout with a "title" visual; the last scene is the call to action (visual kind "cta").
Each scene speaks for about 10 seconds (25 words), never more than 18 seconds. The total number of narration words must be
close to narration_words. State the facts from the documents accurately, use the names from the prompt and the memory,
keep URLs exactly as given, and never invent asset ids. Slide text must not repeat the slide title.`

// llmScene and llmStoryboard are what the model returns.
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

// LLMRequest is the user message the planner sends to the model, as JSON.
type LLMRequest struct {
	Prompt         string            `json:"prompt"`
	Language       string            `json:"language"`
	Kind           string            `json:"kind"`
	Tone           string            `json:"tone"`
	AspectRatio    string            `json:"aspect_ratio"`
	TargetSeconds  int               `json:"target_seconds"`
	NarrationWords int               `json:"narration_words"`
	Scenes         int               `json:"scenes"`
	Memory         map[string]string `json:"memory,omitempty"`
	Documents      []LLMDocument     `json:"documents,omitempty"`
	Images         []LLMImage        `json:"images,omitempty"`
}

// LLMDocument is a document of the request: its key sentences and its page images.
type LLMDocument struct {
	Name      string   `json:"name"`
	Sentences []string `json:"key_sentences"`
	PageIDs   []string `json:"page_asset_ids,omitempty"`
}

// LLMImage is an image the storyboard may show.
type LLMImage struct {
	Name    string `json:"name"`
	AssetID string `json:"asset_id"`
}

// Plan implements videoagent.Planner.
func (p *LLMPlanner) Plan(ctx context.Context, b videoagent.Brief) (*videoagent.Storyboard, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(b.Prompt) == "" {
		return nil, videoagent.Invalid("prompt", "prompt is empty")
	}
	a := Analyze(b)
	applyMemory(&a, b)
	cast, err := p.local.cast(ctx, b, a.Language)
	if err != nil {
		return nil, err
	}
	wpm := DefaultWordsPerMinute(a.Language)
	if cast.WordsPerMinute > 0 {
		wpm = cast.WordsPerMinute
	}
	n := int(math.Round(float64(a.LengthSec) / secondsPerScene))
	if n < 3 {
		n = 3
	}
	req := LLMRequest{
		Prompt: b.Prompt, Language: a.Language, Kind: string(a.Kind), Tone: a.Tone, AspectRatio: a.AspectRatio,
		TargetSeconds: a.LengthSec, Scenes: n,
		NarrationWords: int(math.Round((float64(a.LengthSec) - (DefaultScenePause+cast.Overhead).Seconds()*float64(n)) * wpm / 60)),
		Memory:         memoryMap(b.Memory),
	}
	allowed := map[string]bool{}
	for _, m := range b.Materials {
		switch {
		case m.Kind == videoagent.MaterialDocument:
			d := LLMDocument{Name: m.Name, Sentences: Summarize(m.Text, 24), PageIDs: m.Pages}
			req.Documents = append(req.Documents, d)
		case len(m.Pages) > 0:
			req.Images = append(req.Images, LLMImage{Name: m.Name, AssetID: m.Pages[0]})
		}
		for _, id := range m.Pages {
			allowed[id] = true
		}
	}
	if len(req.Memory) == 0 {
		req.Memory = nil
	}
	base := &videoagent.Storyboard{
		Version: 1, Language: a.Language, AspectRatio: a.AspectRatio, Resolution: p.local.opt.Resolution,
		FPS: p.local.opt.FPS, StyleID: p.local.style(b, &a), AvatarID: cast.AvatarID, VoiceID: cast.VoiceID,
		Seed: Seed(b.Prompt),
	}
	rate := func(string) float64 { return wpm }
	check := func(raw string) (*videoagent.Storyboard, error) {
		sb, err := parseLLM(raw, base)
		if err != nil {
			return nil, err
		}
		if err := sb.Validate(); err != nil {
			return nil, errors.New(videoagent.ErrorMessage(err) + " (" + videoagent.ErrorParam(err) + ")")
		}
		for i, sc := range sb.Scenes {
			if id := sc.Visual.AssetID; id != "" && !allowed[id] {
				return nil, fmt.Errorf("scenes[%d].visual.asset_id %q is not one of the request's asset ids", i, id)
			}
		}
		est := EstimateDuration(sb, rate).Seconds() + cast.Overhead.Seconds()*float64(len(sb.Scenes))
		if d := (est - float64(a.LengthSec)) / float64(a.LengthSec); math.Abs(d) > 0.10 {
			words := 0
			for _, sc := range sb.Scenes {
				words += SpokenWords(sc.Narration)
			}
			return nil, fmt.Errorf("the narration has %d words in %d scenes, which runs %.0f seconds; the target is %d seconds: write about %d words in total",
				words, len(sb.Scenes), est, a.LengthSec, req.NarrationWords)
		}
		return sb, nil
	}

	user, _ := json.Marshal(req)
	msgs := []openai.ChatCompletionMessageParamUnion{
		openai.SystemMessage(llmSystemPrompt),
		openai.UserMessage(string(user)),
	}
	raw, err := p.complete(ctx, msgs)
	if err == nil {
		var sb *videoagent.Storyboard
		if sb, err = check(raw); err == nil {
			return sb, nil
		}
		// One repair: the model sees its answer and what is wrong with it.
		msgs = append(msgs, openai.AssistantMessage(raw),
			openai.UserMessage("That storyboard is invalid: "+err.Error()+". Answer with the corrected storyboard: the whole JSON object, nothing else."))
		raw, err = p.complete(ctx, msgs)
		if err == nil {
			if sb, err = check(raw); err == nil {
				Note(ctx, "The language model's first storyboard was invalid; it was repaired on the second try.")
				return sb, nil
			}
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	Note(ctx, "The language model's storyboard could not be used ("+clipReason(err.Error())+"), even after one repair attempt; the built-in planner wrote this storyboard instead.")
	return p.opt.Fallback.Plan(ctx, b)
}

// complete asks the model for a storyboard and returns its answer's text.
func (p *LLMPlanner) complete(ctx context.Context, msgs []openai.ChatCompletionMessageParamUnion) (string, error) {
	resp, err := p.client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model:       shared.ChatModel(p.opt.Model),
		Messages:    msgs,
		Temperature: openai.Float(0.2),
		Seed:        openai.Int(7),
		ResponseFormat: openai.ChatCompletionNewParamsResponseFormatUnion{
			OfJSONObject: &shared.ResponseFormatJSONObjectParam{},
		},
	})
	if err != nil {
		return "", fmt.Errorf("the model request failed: %w", err)
	}
	if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Message.Content) == "" {
		return "", errors.New("the model returned no content")
	}
	return resp.Choices[0].Message.Content, nil
}

// parseLLM decodes the model's answer (tolerating a Markdown code fence around it) into a
// storyboard built on base.
func parseLLM(raw string, base *videoagent.Storyboard) (*videoagent.Storyboard, error) {
	s := strings.TrimSpace(raw)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
	}
	if i, j := strings.Index(s, "{"), strings.LastIndex(s, "}"); i >= 0 && j > i {
		s = s[i : j+1]
	}
	var out llmStoryboard
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("the answer is not a JSON storyboard: %v", err)
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
	return &sb, nil
}

func clipReason(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}
