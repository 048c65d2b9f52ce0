package e2e

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/openvideoagent/videoagent"
	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/prompttable"
)

// sampleCases are the prompt table's cases rendered end to end: prompt-only ones (files
// need uploads) across languages, kinds, lengths and formats.
var sampleCases = []string{
	"en product 30s", "en tutorial steps 40s", "en reel 20s", "es product 30s", "de explainer 40s",
	"fr product 30s", "en story 10s", "en recap 60s", "de recap 45s", "en food tour portrait 25s",
}

// TestPromptTableRendered renders a sample of 10 prompts of the planner's table through
// the API and checks the finished videos: each runs the length asked within 10%
// (ffprobe), says every fact of its prompt, and its draft's provenance names no source
// but the prompt and fixed structural phrases.
func TestPromptTableRendered(t *testing.T) {
	byName := map[string]prompttable.Case{}
	for _, c := range prompttable.Cases {
		byName[c.Name] = c
	}
	// Ten sessions are polled at once: a rate limit above the default's.
	s := startServer(t, "", "--rate-limit", "200", "--rate-burst", "400")
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, name := range sampleCases {
		c, ok := byName[name]
		if !ok {
			t.Fatalf("no case %q in the table", name)
		}
		target := agent.Analyze(c.Brief).TargetSec
		if target == 0 || c.Thin || len(c.Brief.Materials) > 0 {
			t.Fatalf("case %q is not a prompt-only case with a length", name)
		}
		body := map[string]any{"prompt": c.Brief.Prompt}
		if c.Brief.DurationSec > 0 {
			body["duration_sec"] = c.Brief.DurationSec
		}
		if c.Brief.Orientation != "" {
			body["orientation"] = c.Brief.Orientation
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _, sb := s.agentVideo(body)
			d, _ := videoLength(t, v)
			mu.Lock()
			defer mu.Unlock()
			off := math.Abs(d-float64(target)) / float64(target)
			t.Logf("%s: asked %d s, rendered %.2f s (%+.1f%%)", name, target, d, (d/float64(target)-1)*100)
			if off > 0.10 {
				t.Errorf("%s: video is %.2f s, asked %d s", name, d, target)
			}
			said := strings.ToLower(narration(sb))
			for _, f := range c.Facts {
				if !strings.Contains(said, strings.ToLower(f)) {
					t.Errorf("%s: the video does not say %q", name, f)
				}
			}
			for _, sc := range sb["scenes"].([]any) {
				prov, _ := sc.(map[string]any)["provenance"].([]any)
				if len(prov) == 0 {
					t.Errorf("%s: scene %v has no provenance", name, sc.(map[string]any)["id"])
				}
				for _, p := range prov {
					src := p.(map[string]any)["source"]
					if src != videoagent.SourcePrompt && src != videoagent.SourceStructure {
						t.Errorf("%s: a text of source %v: %v", name, src, p)
					}
				}
			}
		}()
	}
	wg.Wait()
}
