// Package agent turns a Brief into a Storyboard. It holds two planners with one
// interface: the LLMPlanner (any OpenAI-compatible chat-completions server; see llm*.go)
// and the built-in offline Planner, which needs no network and no model and writes only
// from the user's facts.
//
// The offline planner has four steps, one file set each:
//
//   - Understanding (analyze.go, extract*.go, language.go): Analyze reads the prompt for
//     the kind of video, its language, orientation, target length, audience, tone, call to
//     action, links (kept exactly), listed items, numbers, quotations, dates and places.
//   - Reading the request (request.go): each sentence of the prompt is either a request for
//     a video ("Make a 15-second Instagram reel: ...") whose wrapper is dropped and whose
//     content is kept in the user's words, or content as it stands. Documents are ranked
//     sentence by sentence (document.go).
//   - Writing (script.go, script_doc.go, frames.go): every fact becomes a sentence in the
//     user's own words, framed only by fixed structural phrases in en, es, de, fr ("Meet
//     {np}.", "Step {n}: {text}.") that state nothing themselves; lists become step or
//     bullet cards, numbers stat cards, quotations quote cards, links the call to action.
//     Every sentence and on-screen text records its provenance (prompt, file and page, or
//     structure).
//   - Fitting (script_fit.go, length.go): facts first; restatements, then cards held on
//     screen (Scene.Duration) fill the time asked. A prompt too thin for its length gets a
//     shorter video and a note (see Note) saying why, never invented sentences.
//
// The offline planner does not translate: when the narration language differs from the
// prompt's, the prompt's own words appear as written inside the narration language's
// frames. MissingFacts finds facts a prompt promises but does not give, for chat mode to
// ask about.
package agent
