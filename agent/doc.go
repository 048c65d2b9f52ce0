// Package agent turns a Brief into a Storyboard. It holds the built-in offline planner:
// rules and phrase sets, no network, no model.
//
// Planning has three steps, one file set each:
//
//   - Understanding (analyze.go, extract.go, language.go): Analyze reads the prompt for the
//     kind of video (product walkthrough, explainer, announcement, tutorial, training,
//     sales pitch, social ad, recap, welcome, event invitation), its subject and proper
//     name, audience, tone, language (asked for, or the one the prompt is written in),
//     orientation, target length, call to action, URLs (kept exactly), listed items,
//     numbers, quotations, dates and places.
//   - Writing (arcs.go, write.go, phrases*.go, lexicon.go): each kind has a narrative arc of
//     beats; each beat is said with one of several phrasings chosen by the seed, filled
//     with the prompt's own words, and never the same sentence twice. English, Spanish,
//     German and French have full phrase sets; other languages get English phrasing
//     under their own language tag (see phraseSets).
//   - Fitting (length.go): the scene count follows the target length (about 10 s a
//     scene), and sentences are added or dropped until the estimated length is within a
//     few percent of the target, counting the renderer's pause per scene.
//
// The offline planner does not translate: when the narration language differs from the
// prompt's, the prompt's own words (subject, features) appear as written.
package agent
