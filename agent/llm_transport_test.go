package agent_test

import (
	"strings"
	"testing"
	"time"

	"github.com/openvideoagent/videoagent/agent"
	"github.com/openvideoagent/videoagent/internal/llmtest"
)

// TestLLMPlannerRateLimited: a 429 with Retry-After is waited out and asked again.
func TestLLMPlannerRateLimited(t *testing.T) {
	m := newModel(t)
	m.Enqueue(llmtest.RateLimited("1"))
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if !isModel(sb) || len(notes) != 0 || m.Count() != 2 {
		t.Errorf("title %q notes %q after %d requests: want the model's storyboard after one retry", sb.Title, notes, m.Count())
	}
}

// TestLLMPlannerRateLimitedForever: a server that keeps answering 429 is asked at most
// twice more, then the built-in planner writes the storyboard and the note says the
// model server is rate limiting; one that asks for a longer wait than the planner's
// bound is not waited for at all.
func TestLLMPlannerRateLimitedForever(t *testing.T) {
	m := newModel(t)
	m.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.RateLimited("1") })
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if isModel(sb) || m.Count() != 3 || len(notes) == 0 || !strings.Contains(notes[0], "rate limiting") ||
		!strings.Contains(notes[0], "after 2 retries") || !strings.Contains(notes[0], "built-in planner") {
		t.Errorf("title %q after %d requests, notes %q", sb.Title, m.Count(), notes)
	}

	m2 := newModel(t)
	m2.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.RateLimited("3600") })
	sb, notes = planWithNotes(t, llmPlanner(m2), composting)
	if isModel(sb) || m2.Count() != 1 || len(notes) == 0 || !strings.Contains(notes[0], "rate limiting") || !strings.Contains(notes[0], "asked to wait 3600 s") {
		t.Errorf("title %q after %d requests, notes %q", sb.Title, m2.Count(), notes)
	}
}

// TestLLMPlannerRateLimitBudget: the total wait is bounded: two waits of 1 s do not fit
// in a 1.5 s budget, so the second 429 ends it.
func TestLLMPlannerRateLimitBudget(t *testing.T) {
	m := newModel(t)
	m.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.RateLimited("1") })
	p := agent.NewLLMPlanner(agent.LLMOptions{BaseURL: m.BaseURL(), Model: "m", APIKey: "test-key", RateLimitWait: 1500 * time.Millisecond})
	sb, notes := planWithNotes(t, p, composting)
	if isModel(sb) || m.Count() != 2 || len(notes) == 0 || !strings.Contains(notes[0], "after 1 retry") {
		t.Errorf("title %q after %d requests, notes %q", sb.Title, m.Count(), notes)
	}
}

// TestLLMPlannerTimeout: a model that does not answer within the timeout is given up,
// and the note says within how many seconds it did not answer.
func TestLLMPlannerTimeout(t *testing.T) {
	m := newModel(t)
	m.Enqueue(llmtest.Slow(time.Minute, llmtest.Text("{}")))
	p := agent.NewLLMPlanner(agent.LLMOptions{BaseURL: m.BaseURL(), Model: "m", APIKey: "test-key", Timeout: 300 * time.Millisecond})
	sb, notes := planWithNotes(t, p, composting)
	if isModel(sb) || m.Count() != 1 || len(notes) == 0 || !strings.Contains(notes[0], "did not answer within 0.3 s") || !strings.Contains(notes[0], "built-in planner") {
		t.Errorf("title %q after %d requests, notes %q", sb.Title, m.Count(), notes)
	}
	// The next request answers in time.
	if sb, notes = planWithNotes(t, p, composting); !isModel(sb) || len(notes) != 0 {
		t.Errorf("after the timeout: title %q notes %q", sb.Title, notes)
	}
}

// TestLLMPlannerRefusal: a refusal is reported as such.
func TestLLMPlannerRefusal(t *testing.T) {
	m := newModel(t)
	m.Handle(func(*llmtest.Request) llmtest.Reply { return llmtest.Reply{Refusal: "I can't help with that."} })
	sb, notes := planWithNotes(t, llmPlanner(m), composting)
	if isModel(sb) || len(notes) == 0 || !strings.Contains(notes[0], "refused") {
		t.Errorf("title %q notes %q", sb.Title, notes)
	}
}

// TestLLMPlannerTemperatureRejected: a model that takes no temperature (OpenAI's
// reasoning models) is asked again without it, and the client remembers.
func TestLLMPlannerTemperatureRejected(t *testing.T) {
	m := newModel(t)
	write := storyboarder(nil)
	m.Handle(func(r *llmtest.Request) llmtest.Reply {
		if _, ok := r.Body["temperature"]; ok {
			return llmtest.Reply{Status: 400, Error: &llmtest.Error{Message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
				Type: "invalid_request_error", Param: "temperature", Code: "unsupported_value"}}
		}
		return write(r)
	})
	p := llmPlanner(m)
	sb, notes := planWithNotes(t, p, composting)
	if !isModel(sb) || len(notes) != 0 || m.Count() != 2 {
		t.Fatalf("title %q notes %q after %d requests", sb.Title, notes, m.Count())
	}
	if planWithNotes(t, p, composting); m.Count() != 3 {
		t.Errorf("the rejected temperature was sent again: %d requests", m.Count())
	}
}
