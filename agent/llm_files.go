package agent

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/openai/openai-go/v3"

	"github.com/openvideoagent/videoagent"
)

// Sizes of the file text the planner gives the model.
const (
	// LLMLongFile is the length in characters past which a document is summarised
	// part by part before planning (the map step).
	LLMLongFile = 12_000
	// llmChunk is the size of a part; llmMaxChunks bounds the parts of one document
	// (longer documents get longer parts).
	llmChunk     = 8_000
	llmMaxChunks = 8
	// llmExtractive is how many key sentences stand in for a part the model could not
	// summarise.
	llmExtractive = 8
)

// FenceFile wraps a file's text for a model prompt: between "<<<FILE name>>>" and
// "<<<END FILE>>>" lines. Marker-like sequences inside the text and the name are
// defused, so that a file cannot close its fence and speak outside it.
func FenceFile(name, text string) string {
	defuse := strings.NewReplacer("<<<", "‹‹‹", ">>>", "›››")
	name = strings.Join(strings.Fields(defuse.Replace(name)), " ")
	return "<<<FILE " + name + ">>>\n" + strings.TrimSpace(defuse.Replace(text)) + "\n<<<END FILE>>>"
}

// llmFiles returns the files message (empty when no document has text) and marks the
// request's summarised documents. Long documents are split into parts that the model
// summarises first; a part it cannot summarise gets its key sentences (Summarize)
// instead, and after the first failure the model is not asked again for this brief.
func (p *LLMPlanner) llmFiles(ctx context.Context, b videoagent.Brief, req *LLMRequest) (string, error) {
	var parts []string
	modelOK := true
	for _, m := range b.Materials {
		if m.Kind != videoagent.MaterialDocument || strings.TrimSpace(m.Text) == "" {
			continue
		}
		text := m.Text
		if len([]rune(text)) > LLMLongFile {
			var err error
			text, err = p.summarizeFile(ctx, m, &modelOK)
			if err != nil {
				return "", err
			}
			for i := range req.Documents {
				if req.Documents[i].Name == m.Name {
					req.Documents[i].Summarized = true
				}
			}
		}
		parts = append(parts, FenceFile(m.Name, text))
	}
	if len(parts) == 0 {
		return "", nil
	}
	return llmFilesIntro + strings.Join(parts, "\n\n"), nil
}

// summarizeFile is the map step for one long document: each part summarised by the
// model, the summaries joined in order. It fails only when ctx ends.
func (p *LLMPlanner) summarizeFile(ctx context.Context, m videoagent.Material, modelOK *bool) (string, error) {
	chunks := chunkText(m.Text, llmChunk, llmMaxChunks)
	out := make([]string, len(chunks))
	for i, c := range chunks {
		if *modelOK {
			name := fmt.Sprintf("%s (part %d of %d)", m.Name, i+1, len(chunks))
			ans, err := p.client.Ask(ctx, LLMAsk{Messages: []openai.ChatCompletionMessageParamUnion{
				openai.SystemMessage(llmSummaryPrompt),
				openai.UserMessage(FenceFile(name, c)),
			}, Temperature: 0})
			if err == nil && strings.TrimSpace(ans.Content) != "" {
				out[i] = strings.TrimSpace(ans.Content)
				continue
			}
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			*modelOK = false
			reason := "its answer was empty"
			var le *LLMError
			if errors.As(err, &le) {
				reason = le.Reason()
			}
			Note(ctx, fmt.Sprintf("The language model could not summarise the long file %s (%s); its key sentences were picked without the model instead.", m.Name, reason))
		}
		out[i] = strings.Join(Summarize(c, llmExtractive), " ")
	}
	return strings.Join(out, "\n\n"), nil
}

// chunkText splits text into parts of about size characters (longer when that would
// make more than max parts), at paragraph breaks, else sentence ends, else spaces.
func chunkText(text string, size, max int) []string {
	rs := []rune(strings.TrimSpace(text))
	if n := (len(rs) + max - 1) / max; n > size {
		size = n
	}
	for {
		out := splitRunes(rs, size)
		if len(out) <= max {
			return out
		}
		size += size / 4
	}
}

// splitRunes cuts rs into parts of at most size runes (see breakAt).
func splitRunes(rs []rune, size int) []string {
	var out []string
	for len(rs) > 0 {
		if len(rs) <= size {
			out = append(out, string(rs))
			break
		}
		cut := breakAt(rs, size)
		out = append(out, strings.TrimSpace(string(rs[:cut])))
		rs = []rune(strings.TrimSpace(string(rs[cut:])))
	}
	return out
}

// breakAt is where to end a part of at most size runes: after the last paragraph break
// in its second half, else the last sentence end, else the last space, else at size.
func breakAt(rs []rune, size int) int {
	half := size / 2
	for _, ok := range []func(i int) bool{
		func(i int) bool { return rs[i] == '\n' && i > 0 && rs[i-1] == '\n' || rs[i] == '\f' },
		func(i int) bool {
			return (rs[i] == ' ' || rs[i] == '\n') && i > 0 && strings.ContainsRune(".!?", rs[i-1])
		},
		func(i int) bool { return rs[i] == ' ' || rs[i] == '\n' },
	} {
		for i := size - 1; i >= half; i-- {
			if ok(i) {
				return i + 1
			}
		}
	}
	return size
}
